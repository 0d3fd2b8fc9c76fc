//! Every direct web-sys call of the app, kept in one small module.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::{Event, NodeRef};

/// The bounding rectangle of an element: (left, top, width, height) in client pixels.
pub fn rect(node: &NodeRef) -> Option<(f64, f64, f64, f64)> {
    let el = node.cast::<web_sys::Element>()?;
    let r = el.get_bounding_client_rect();
    Some((r.left(), r.top(), r.width(), r.height()))
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

/// A keydown listener on the window, removed when dropped.
pub struct KeyListener {
    closure: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                "keydown",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Calls `handler` for every keydown anywhere in the page, until the guard is dropped.
pub fn on_window_keydown(
    handler: impl FnMut(web_sys::KeyboardEvent) + 'static,
) -> Option<KeyListener> {
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(handler);
    web_sys::window()?
        .add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(KeyListener { closure })
}
