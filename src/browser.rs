//! Every direct web-sys call of the app, kept in one small module.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::{Event, NodeRef};

/// Moves an element by (x, y) client pixels with a CSS transform, set through the style object
/// (the page's CSP allows no style attribute); (0, 0) takes the transform away.
pub fn slide(node: &NodeRef, x: f64, y: f64) {
    let Some(style) = node.cast::<web_sys::SvgElement>().map(|e| e.style()) else {
        return;
    };
    let _ = match x == 0.0 && y == 0.0 {
        true => style.remove_property("transform").map(|_| ()),
        false => style.set_property(
            "transform",
            &format!(
                "translate({}px,{}px)",
                crate::components::canvas::num(x),
                crate::components::canvas::num(y)
            ),
        ),
    };
}

/// The bounding rectangle of an element: (left, top, width, height) in client pixels. A canvas
/// SVG is measured by its box, which it fills except while a pan slides and grows it.
pub fn rect(node: &NodeRef) -> Option<(f64, f64, f64, f64)> {
    let el = node.cast::<web_sys::Element>()?;
    let el = match el.matches("svg.canvas") {
        Ok(true) => el.parent_element()?,
        _ => el,
    };
    let r = el.get_bounding_client_rect();
    Some((r.left(), r.top(), r.width(), r.height()))
}

/// The part of an element that a person can see: its rectangle, less what lies below the
/// window's bottom and what a fixed sheet at the bottom (a phone's inspector) covers.
pub fn seen_rect(node: &NodeRef) -> Option<(f64, f64, f64, f64)> {
    let (left, top, w, mut h) = rect(node)?;
    let window = web_sys::window()?;
    if let Some(inner) = window.inner_height().ok().and_then(|v| v.as_f64()) {
        h = h.min(inner - top);
    }
    let sheet = window
        .document()
        .and_then(|d| d.query_selector(".inspector:not(.empty)").ok().flatten())
        .map(|el| el.get_bounding_client_rect());
    if let Some(s) = sheet.filter(|s| s.left() < left + w && s.right() > left && s.top() > top) {
        h = h.min(s.top() - top);
    }
    (h > 0.0).then_some((left, top, w, h))
}

/// The value of the input that fired an event.
pub fn input_value(e: &Event) -> Option<String> {
    Some(e.target()?.dyn_into::<HtmlInputElement>().ok()?.value())
}

/// The value of the select that fired an event.
pub fn select_value(e: &Event) -> Option<String> {
    Some(e.target()?.dyn_into::<HtmlSelectElement>().ok()?.value())
}

/// Whether keyboard focus is in a text field (where shortcuts must not fire).
pub fn typing() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
}

/// Moves keyboard focus to the first field or button inside `node`.
pub fn focus_first_in(node: &NodeRef) {
    let first = node
        .cast::<web_sys::Element>()
        .and_then(|el| {
            el.query_selector("input, button, select, textarea")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}

/// Moves keyboard focus to the canvas node of a component, if it is on screen.
pub fn focus_node(id: u32) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("g.node[data-id=\"{id}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(el) = found {
        let _ = el.focus();
    }
}

/// Focuses the first element matching `selector` once the next render has happened (for
/// "take me to the field" buttons).
pub fn focus_later(selector: &'static str) {
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

/// Focuses the first field matching `selector` after the next render, with its text selected
/// so that typing replaces it (rename by double-click or F2).
pub fn edit_later(selector: &'static str) {
    yew::platform::spawn_local(async move {
        // The field may appear a render or two later on a busy machine: look for a while.
        for _ in 0..10 {
            yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
            let found = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(selector).ok().flatten())
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
            if let Some(el) = found {
                let _ = el.focus();
                el.select();
                return;
            }
        }
    });
}

/// Whether the user has selected text on the page (Ctrl+C then copies it, as it always does).
pub fn text_selected() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

/// The id of the component box an event happened on, if any.
pub fn node_under(e: &Event) -> Option<u32> {
    e.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("g.node")
        .ok()??
        .get_attribute("data-id")?
        .parse()
        .ok()
}

/// Keeps a pressed pointer's events on the element it was pressed on until it is released, so
/// a drag that leaves the element goes on.
pub fn capture(e: &web_sys::PointerEvent) {
    if let Some(t) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = t.set_pointer_capture(e.pointer_id());
    }
}

/// Scrolls the element's panel (and, on a phone, the page) so that the element starts in
/// sight.
pub fn scroll_into_sight(node: &yew::NodeRef) {
    if let Some(el) = node.cast::<web_sys::Element>() {
        el.scroll_into_view();
    }
}

/// On a phone, where the page scrolls, brings the canvas to the top of the screen (for a
/// preview that changes it). Elsewhere the canvas is always in view and nothing moves.
pub fn reveal_canvas() {
    let Some(w) = web_sys::window() else { return };
    let narrow = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .is_some_and(|v| v <= 760.0);
    if let Some(stage) = w
        .document()
        .and_then(|d| d.query_selector(".stage").ok().flatten())
        .filter(|_| narrow)
    {
        stage.scroll_into_view();
    }
}

/// A window event listener, removed when dropped.
pub type Listener = gloo_events::EventListener;

/// Calls `handler` for every keydown anywhere in the page, until the guard is dropped.
pub fn on_window_keydown(
    mut handler: impl FnMut(web_sys::KeyboardEvent) + 'static,
) -> Option<Listener> {
    // Not passive (gloo's default): a shortcut must be able to stop the browser's own meaning
    // of the key, such as Ctrl+A selecting the page's text or an arrow scrolling it.
    let window: web_sys::EventTarget = web_sys::window()?.into();
    Some(gloo_events::EventListener::new_with_options(
        &window,
        "keydown",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        move |e| {
            if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                handler(k.clone());
            }
        },
    ))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a key of local storage.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a key of local storage; the error says why it could not be written.
pub fn store(key: &str, value: &str) -> Result<(), String> {
    let s = storage().ok_or_else(|| "browser storage is not available".to_string())?;
    s.set_item(key, value)
        .map_err(|_| "browser storage is full or blocked".to_string())
}

/// The URL fragment without `#`, if any.
pub fn hash() -> Option<String> {
    let h = web_sys::window()?.location().hash().ok()?;
    let h = h.strip_prefix('#').unwrap_or(&h).to_string();
    (!h.is_empty()).then_some(h)
}

/// The page address without its fragment.
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// Removes the fragment from the address without reloading or adding a history entry.
pub fn clear_hash() {
    if let Some(w) = web_sys::window() {
        let url = base_url();
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// Listens to a window event until the guard is dropped.
pub fn on_window(
    name: &'static str,
    handler: impl FnMut(&web_sys::Event) + 'static,
) -> Option<Listener> {
    let window: web_sys::EventTarget = web_sys::window()?.into();
    Some(gloo_events::EventListener::new(&window, name, handler))
}

/// The key and new value of a `storage` event.
pub fn storage_change(e: &web_sys::Event) -> Option<(String, Option<String>)> {
    let e = e.dyn_ref::<web_sys::StorageEvent>()?;
    Some((e.key()?, e.new_value()))
}

/// Puts the memo into the container that only the print stylesheet shows (made on first use).
pub fn fill_print(markup: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let host = doc.get_element_by_id("print-memo").or_else(|| {
        let el = doc.create_element("article").ok()?;
        el.set_id("print-memo");
        doc.body()?.append_child(&el).ok()?;
        Some(el)
    });
    if let Some(host) = host {
        host.set_inner_html(markup);
    }
}

/// Opens the browser's print dialog (which fires `beforeprint`, where the memo is built).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Puts text on the clipboard (best effort: the share panel also shows the text selected).
pub fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers text for download as a file.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_bytes(name, mime, text.as_bytes())
}

/// Reads the first file chosen in a file input, as bytes (text or PNG).
pub async fn read_chosen_file(e: &Event) -> Option<(String, Vec<u8>)> {
    let input: HtmlInputElement = e.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    input.set_value("");
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// Offers bytes for download.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |_| "the browser refused to create the file".to_string();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Draws an SVG picture on a canvas of `width` × `height` pixels and returns it as a PNG
/// `data:` address.
pub async fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<String, String> {
    let fail = |what: &str| format!("the browser could not {what}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| fail("make the picture"))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("make the picture"))?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| fail("load the picture"))?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        img.set_onload(Some(&resolve));
        img.set_onerror(Some(&reject));
    });
    img.set_src(&url);
    let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map_err(|_| fail("draw the picture"))?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(|_| fail("make a canvas"))?
        .dyn_into()
        .map_err(|_| fail("make a canvas"))?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| fail("draw on a canvas"))?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        width as f64,
        height as f64,
    )
    .map_err(|_| fail("draw the picture"))?;
    canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| fail("make a PNG"))
}

/// Registers the service worker (offline use), if the browser has one.
pub fn register_service_worker() {
    if let Some(w) = web_sys::window() {
        let sw = w.navigator().service_worker();
        let _ = sw.register("./sw.js");
    }
}

/// The canvas as drawn, for pictures: the inner markup of its worlds (the arrows' SVG, then the
/// boxes', `node` being the boxes') and its `defs`.
pub fn drawing(node: &NodeRef) -> Option<(String, String)> {
    let canvas = node.cast::<web_sys::Element>()?.parent_element()?;
    let inner = |css: &str| Some(canvas.query_selector(css).ok()??.inner_html());
    let world = inner("svg.arrows > g.world")? + &inner("svg.boxes > g.world")?;
    Some((world, canvas.query_selector("defs").ok()??.outer_html()))
}

// The browser's own compressor and decompressor (CompressionStream and DecompressionStream, in
// every current browser): links are compressed and inflated with them, so the bundle carries
// no codec of its own. Bound here, not through web-sys, where they are still behind
// `web_sys_unstable_apis`.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, wasm_bindgen::JsValue>;
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompressor, wasm_bindgen::JsValue>;

    #[wasm_bindgen(js_name = ReadableStream)]
    type Stream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, through: &wasm_bindgen::JsValue) -> Stream;
    #[wasm_bindgen(method, js_name = getReader)]
    fn get_reader(this: &Stream) -> Reader;
    #[wasm_bindgen(js_name = ReadableStreamDefaultReader)]
    type Reader;
    #[wasm_bindgen(method)]
    fn read(this: &Reader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &Reader) -> js_sys::Promise;

    #[wasm_bindgen(js_name = Response)]
    type Reply;
    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    fn new(body: &wasm_bindgen::JsValue) -> Result<Reply, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn body(this: &Reply) -> Stream;
    #[wasm_bindgen(method, js_name = arrayBuffer)]
    fn array_buffer(this: &Reply) -> js_sys::Promise;
}

/// `bytes` compressed with raw DEFLATE (RFC 1951) by the browser.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let fail = |_| "the browser could not compress the link".to_string();
    let input = Reply::new(&js_sys::Uint8Array::from(bytes).into()).map_err(fail)?;
    let packed = input
        .body()
        .pipe_through(&Compressor::new("deflate-raw").map_err(fail)?.into());
    let output = Reply::new(&packed.into()).map_err(fail)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(output.array_buffer())
        .await
        .map_err(fail)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Raw DEFLATE data inflated by the browser, read a chunk at a time and refused past the
/// link reader's bound, as the core's own inflater does.
pub async fn inflate_raw(data: &[u8]) -> dealscope_core::io::inflate::Inflated {
    use dealscope_core::io::inflate::{Fault, MAX_DECOMPRESSED};
    use wasm_bindgen_futures::JsFuture;
    let input = Reply::new(&js_sys::Uint8Array::from(data).into()).map_err(|_| Fault::Corrupt)?;
    let inflater = Decompressor::new("deflate-raw").map_err(|_| Fault::Corrupt)?;
    let reader = input.body().pipe_through(&inflater.into()).get_reader();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| Fault::Corrupt)?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).unwrap_or_default();
        if field("done").as_bool() != Some(false) {
            return Ok(out);
        }
        let bytes = js_sys::Uint8Array::new(&field("value"));
        if out.len() + bytes.length() as usize > MAX_DECOMPRESSED {
            let _ = reader.cancel();
            return Err(Fault::TooLarge);
        }
        out.extend(bytes.to_vec());
    }
}

/// Inflates the links' data `pending` (found by the core's `io::inflate::pending`) and hands
/// each result to the core, which can then read those links.
pub async fn inflate_pending(pending: Vec<Vec<u8>>) {
    for data in pending {
        let inflated = inflate_raw(&data).await;
        dealscope_core::io::inflate::remember(data, inflated);
    }
}

/// Runs `then` once the links' data `pending` is inflated; at once when nothing is pending.
pub fn after_inflating(pending: Vec<Vec<u8>>, then: impl FnOnce() + 'static) {
    if pending.is_empty() {
        return then();
    }
    wasm_bindgen_futures::spawn_local(async move {
        inflate_pending(pending).await;
        then();
    });
}

/// The share link of a scenario (what follows `#`): its payload compressed by the browser;
/// where the browser cannot, the uncompressed form, which opens the same.
pub async fn share_link(scenario: &dealscope_core::io::link::Scenario) -> String {
    use dealscope_core::io::link::{encode_stored, link_from_packed, link_payload};
    match deflate_raw(&link_payload(scenario)).await {
        Ok(packed) => link_from_packed(&packed),
        Err(_) => encode_stored(scenario),
    }
}

/// Today's date where the user is (not in UTC), as YYYY-MM-DD.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
