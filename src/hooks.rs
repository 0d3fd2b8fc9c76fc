//! Hooks for measurement and tests, documented in README.md ("Measurement hooks"):
//!
//! - `?generate=N` opens a generated diagram of about N components (beside the user's own
//!   work, as a shared scenario), for benchmarks.
//! - `?bench` exposes `window.__dealscope_check(size, runs)` (mean microseconds of `runs` full
//!   checks of a generated diagram inside the browser, timed as one batch) and `window.__dealscope_memory()` (bytes
//!   of wasm linear memory).
//! - `window.__dealscope_ready` is set to `performance.now()` when the first render is done.
//! - `?crash-test` panics after the first render, to test the error view.
//!
//! All of them read only the page's own address; none sends anything anywhere.

use dealscope_core::{builtin_clauses, builtin_readings, check_with, generate};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A query parameter of the page's address (`?name` alone gives an empty string).
pub fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| v.to_string())
    })
}

/// The size asked for by `?generate=N`, bounded to what links and saves accept.
pub fn generate_size() -> Option<usize> {
    param("generate")?
        .parse::<usize>()
        .ok()
        .map(|n| n.clamp(12, dealscope_core::link::MAX_COMPONENTS))
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn set(name: &str, value: &JsValue) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &JsValue::from_str(name), value);
    }
}

/// Called once after the first render.
pub fn after_first_render() {
    set("__dealscope_ready", &JsValue::from_f64(now()));
    if param("bench").is_some() {
        let check = Closure::<dyn Fn(u32, u32) -> f64>::new(|size: u32, runs: u32| {
            // One timer around the whole batch: the browser coarsens performance.now(), so
            // timing single runs would mostly measure its resolution.
            let d = generate::diagram(size as usize);
            let (clauses, readings) = (builtin_clauses(), builtin_readings());
            let runs = runs.max(1);
            let t = now();
            for _ in 0..runs {
                std::hint::black_box(check_with(&d, &clauses, &readings));
            }
            (now() - t) * 1000.0 / runs as f64
        });
        set("__dealscope_check", check.as_ref().unchecked_ref());
        check.forget();
        let memory = Closure::<dyn Fn() -> f64>::new(|| {
            wasm_bindgen::memory()
                .dyn_into::<js_sys::WebAssembly::Memory>()
                .map(|m| {
                    m.buffer()
                        .unchecked_into::<js_sys::ArrayBuffer>()
                        .byte_length() as f64
                })
                .unwrap_or(0.0)
        });
        set("__dealscope_memory", memory.as_ref().unchecked_ref());
        memory.forget();
    }
    if param("crash-test").is_some() {
        panic!("crash test requested by ?crash-test");
    }
}

/// Counts Content-Security-Policy violations in `window.__dealscope_csp_violations` (with the
/// blocked address of the last one in `window.__dealscope_csp_last`), for the tests.
pub fn watch_csp() {
    set("__dealscope_csp_violations", &JsValue::from_f64(0.0));
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let Some(w) = web_sys::window() else { return };
        let n = js_sys::Reflect::get(&w, &JsValue::from_str("__dealscope_csp_violations"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        set("__dealscope_csp_violations", &JsValue::from_f64(n + 1.0));
        let uri =
            js_sys::Reflect::get(&e, &JsValue::from_str("blockedURI")).unwrap_or(JsValue::NULL);
        set("__dealscope_csp_last", &uri);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(
            "securitypolicyviolation",
            closure.as_ref().unchecked_ref(),
        );
    }
    closure.forget();
}

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
