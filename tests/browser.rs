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

/// The browser's DecompressionStream, which reads links in the app, inflates every golden link's
/// data (one of each format version that compresses) to the same bytes as miniz_oxide, which
/// the core uses natively; after it, the link opens. A bomb is refused and cut data is damaged,
/// as natively.
#[wasm_bindgen_test]
async fn the_browser_inflates_golden_links_as_miniz_does() {
    use dealscope_core::io::inflate::{pending, remember, Fault, MAX_DECOMPRESSED};
    use dealscope_core::io::link::decode;
    for file in [
        include_str!("../core/fixtures/links/v1-frontier-aws.txt"),
        include_str!("../core/fixtures/links/v2-user-clause.txt"),
        include_str!("../core/fixtures/links/v3-operators.txt"),
    ] {
        let link = file.lines().next().unwrap();
        let found = pending(link);
        assert_eq!(found.len(), 1, "one compressed body in {link}");
        let data = found[0].clone();
        assert!(decode(link).is_err(), "not readable before it is inflated");
        let browser = dealscope::inflate_raw(&data)
            .await
            .expect("the browser inflates it");
        let native = miniz_oxide::inflate::decompress_to_vec(&data).expect("miniz inflates it");
        assert_eq!(browser, native, "{link}");
        remember(data, Ok(browser));
        assert!(decode(link).is_ok(), "{link} opens once inflated");
        assert!(pending(link).is_empty());
    }
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; MAX_DECOMPRESSED + 1], 6);
    assert_eq!(dealscope::inflate_raw(&bomb).await, Err(Fault::TooLarge));
    let cut = &miniz_oxide::deflate::compress_to_vec(b"a scenario, cut short", 6)[..6];
    assert_eq!(dealscope::inflate_raw(cut).await, Err(Fault::Corrupt));
}
