//! Architecture invariant: the core's dependency tree holds no browser crate.

#[test]
fn core_depends_on_no_browser_crate() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "dealscope-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--manifest-path",
        ])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("serde"), "the tree was read: {tree}");
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        for banned in ["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"] {
            assert!(
                !(name == banned || name.starts_with(&format!("{banned}-"))),
                "dealscope-core depends on `{name}`"
            );
        }
    }
}
