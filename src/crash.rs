//! The crash view: never a blank page when the app stops.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Replaces the page with an error view when the app stops: never a blank page.
///
/// The release build aborts on a panic without unwinding (`-Cpanic=immediate-abort`, see
/// `RELEASE_ENV` in xtask/src/tools.rs), which surfaces in the page as an uncaught
/// `RuntimeError` from the wasm: an `error` event, or an `unhandledrejection` when it stopped
/// inside a scheduled task. Running out of memory or stack, or a browser call that throws, ends
/// the same way. The view is plain HTML built here with direct DOM calls, never through the app's
/// state (which may be half-updated), and its link reloads the page, so it works although the
/// app cannot go on.
pub fn install_crash_view() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // An uncaught exception: only the app's own callbacks run script in this page.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        show_crash_view(&text_of(&e, "message"));
    });
    // A rejected promise stops the app only when the wasm trapped inside it; a browser promise
    // that the app leaves alone (a clipboard write that was refused) is not a crash.
    let on_rejection = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let reason = js_sys::Reflect::get(&e, &JsValue::from_str("reason")).unwrap_or_default();
        if reason.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
            show_crash_view(&text_of(&e, "reason"));
        }
    });
    for (event, closure) in [("error", on_error), ("unhandledrejection", on_rejection)] {
        let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        closure.forget();
    }
}

/// A field of an event as text (`String(event[field])`).
fn text_of(event: &web_sys::Event, field: &str) -> String {
    js_sys::Reflect::get(event, &JsValue::from_str(field))
        .map(|v| String::from(v.unchecked_into::<js_sys::Object>().to_string()))
        .unwrap_or_default()
}

fn show_crash_view(detail: &str) {
    web_sys::console::error_1(&JsValue::from_str(detail));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let base = crate::browser::base_url();
    let base = base.split('?').next().unwrap_or("./").to_string();
    let make = |tag: &str, text: &str| {
        let el = doc.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let (Some(view), Some(title), Some(text), Some(link), Some(more)) = (
        make("main", ""),
        make("h1", "dealscope stopped because of an error"),
        make(
            "p",
            "Nothing was sent anywhere. Your work up to the last autosave is kept in this browser.",
        ),
        make("a", "Reload the last autosave"),
        make("pre", detail),
    ) else {
        return;
    };
    view.set_class_name("crash");
    view.set_attribute("role", "alert").ok();
    link.set_attribute("href", &base).ok();
    link.set_class_name("btn primary");
    for child in [&title, &text, &link, &more] {
        view.append_child(child).ok();
    }
    body.set_inner_html("");
    body.append_child(&view).ok();
}
