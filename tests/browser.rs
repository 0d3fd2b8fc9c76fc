//! In-browser tests (wasm-bindgen-test in headless Chromium): mount the app and read the DOM.
#![cfg(target_arch = "wasm32")]

use dealscope::App;
use wasm_bindgen_test::*;
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

fn all(root: &web_sys::Element, css: &str) -> u32 {
    root.query_selector_all(css).unwrap().length()
}

/// Waits (up to 5 s, a debug build on a busy machine renders slowly) until at least `n`
/// elements match `css`, and returns how many do.
async fn until(root: &web_sys::Element, css: &str, n: u32) -> u32 {
    for _ in 0..100 {
        if all(root, css) >= n {
            break;
        }
        sleep(std::time::Duration::from_millis(50)).await;
    }
    all(root, css)
}

fn attr(root: &web_sys::Element, css: &str, name: &str) -> Option<String> {
    root.query_selector(css).ok().flatten()?.get_attribute(name)
}

#[wasm_bindgen_test]
async fn renders_the_shell_with_the_seed_dispute() {
    let root = mount();
    sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        all(&root, "button.palette-item"),
        6,
        "six component kinds in the palette"
    );
    assert_eq!(
        all(&root, "g.node"),
        6,
        "the default scenario's components on the canvas"
    );
    assert_eq!(
        all(&root, "button.cell"),
        10,
        "five versions by two readings"
    );
    assert_eq!(
        attr(&root, "[data-cell=\"v4-letter\"]", "data-verdict").as_deref(),
        Some("breach")
    );
    assert_eq!(
        attr(&root, "[data-cell=\"v5-spirit\"]", "data-verdict").as_deref(),
        Some("undetermined")
    );
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("reading of public reporting"),
        "says the clauses are readings of reports"
    );
}

#[wasm_bindgen_test]
async fn choosing_a_breach_shows_its_route_and_quote() {
    let root = mount();
    until(&root, "[data-cell=\"v4-letter\"]", 1).await;
    let cell: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(
        root.query_selector("[data-cell=\"v4-letter\"]")
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    cell.click();
    assert!(
        until(&root, ".route li", 3).await >= 3,
        "the route is listed hop by hop"
    );
    assert!(
        until(&root, "g.node.hop-off", 1).await >= 1,
        "off-provider hops are highlighted on the canvas"
    );
    let detail = root
        .query_selector(".detail")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        detail.contains("Azure remains the exclusive cloud provider for stateless OpenAI APIs.")
    );
    assert!(
        detail.contains("Re-host"),
        "the minimal repair is offered: {detail}"
    );
}
