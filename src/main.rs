fn main() {
    dealscope::start();
}
