//! Hooks for measurement and tests, documented in README.md ("Measurement hooks"):
//!
//! Only in the bench build (the `measure` feature, which `cargo xtask bench` builds into
//! `target/dist-bench/`), so the release carries none of their code:
//! - `?generate=N` opens a generated diagram of about N components (beside the user's own
//!   work, as a shared scenario), for benchmarks.
//! - `?bench` exposes `window.__dealscope_layout(size, runs)` (mean milliseconds of `runs`
//!   auto-layouts of a generated diagram, with every arrow routed) and
//!   `window.__dealscope_check(size, runs)` (mean microseconds of `runs` full
//!   checks of a generated diagram inside the browser, timed as one batch) and `window.__dealscope_memory()` (bytes
//!   of wasm linear memory).
//!
//! - `?pan` (with `?generate`): a plain left-button drag anywhere on the canvas pans, as a
//!   drag with Alt or the middle button does, so the frames harness (which presses the left
//!   button only, with no key held) measures panning: `pan_fps_500`.
//!
//! In every build:
//! - `window.__dealscope_ready` is set to `performance.now()` when the first render is done.
//! - `?crash-test` panics after the first render, to test the error view.
//!
//! All of them read only the page's own address; none sends anything anywhere.

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

/// The scenario asked for by `?generate=N` (bench builds only): a generated diagram of about N
/// components, N bounded to what links and saves accept.
#[cfg(feature = "measure")]
pub fn generated() -> Option<dealscope_core::io::link::Scenario> {
    let n = param("generate")?
        .parse::<usize>()
        .ok()?
        .clamp(12, dealscope_core::io::link::MAX_COMPONENTS);
    let diagram = dealscope_core::generate::diagram(n);
    Some(dealscope_core::io::link::Scenario {
        name: format!("Generated, {} components", diagram.components.len()),
        diagram,
        clauses: String::new(),
    })
}

/// Release builds answer no `?generate`.
#[cfg(not(feature = "measure"))]
pub fn generated() -> Option<dealscope_core::io::link::Scenario> {
    None
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

/// Whether a left-button press on the canvas pans (`?pan`, bench builds only).
#[cfg(feature = "measure")]
pub fn left_pans() -> bool {
    param("pan").is_some()
}

/// Release builds pan as the help says.
#[cfg(not(feature = "measure"))]
pub fn left_pans() -> bool {
    false
}

/// Called once after the first render.
pub fn after_first_render() {
    set("__dealscope_ready", &JsValue::from_f64(now()));
    // `?pan`: boxes and arrows let the press through to the background, which pans.
    #[cfg(feature = "measure")]
    if left_pans() {
        let sheet = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.style_sheets().get(0))
            .and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok());
        if let Some(sheet) = sheet {
            let _ = sheet.insert_rule(".canvas .node, .canvas .edge { pointer-events: none }");
        }
    }
    #[cfg(feature = "measure")]
    if param("bench").is_some() {
        use dealscope_core::{builtin_clauses, builtin_readings, check_with, generate};
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
        // Auto-layout of a generated diagram, then every arrow routed as the canvas draws it.
        let layout = Closure::<dyn Fn(u32, u32) -> f64>::new(|size: u32, runs: u32| {
            use dealscope_core::edit::arrows::{route, Boxes};
            use dealscope_core::RelationKind;
            let d = generate::diagram(size as usize);
            let index = dealscope_core::model::IdIndex::new(&d.components);
            let runs = runs.max(1);
            let t = now();
            for _ in 0..runs {
                let places = dealscope_core::edit::layout(&d);
                let at: Vec<(f64, f64)> = places.iter().map(|p| (p.1 as f64, p.2 as f64)).collect();
                let boxes = Boxes::new(at.clone());
                for r in &d.relations {
                    if let (Some(a), Some(b)) = (index.get(r.from), index.get(r.to)) {
                        let vertical =
                            matches!(r.kind, RelationKind::HostedOn | RelationKind::Owns);
                        std::hint::black_box(route(at[a], at[b], vertical, &boxes, (a, b)));
                    }
                }
            }
            (now() - t) / runs as f64
        });
        set("__dealscope_layout", layout.as_ref().unchecked_ref());
        layout.forget();
        // Exact comparisons in wasm (issue #13's budget: 50 ms for a user's clause): a copy of
        // the disputed version against the amendment under both readings, and, when `hostile`
        // is set, a clause as large as the workbench takes, which `relate` refuses in budget.
        let relate = Closure::<dyn Fn(u32, bool) -> f64>::new(|runs: u32, hostile: bool| {
            use dealscope_core::relate::relate;
            let mut own = builtin_clauses();
            let text = if hostile {
                generate::hostile::comparison_clause(99, 20, 20, 0)
            } else {
                dealscope_core::lang::print(&own[3..4]).replace("clause v4", "clause my-v4")
            };
            let mine = dealscope_core::lang::parse(&text).clauses;
            let readings = builtin_readings();
            let (Some(mine), Some(v5)) = (mine.first(), own.pop()) else {
                return -1.0;
            };
            let runs = runs.max(1);
            let t = now();
            for _ in 0..runs {
                for r in &readings {
                    let _ = std::hint::black_box(relate((mine, r), (&v5, r)));
                }
            }
            (now() - t) / (runs as f64 * readings.len() as f64)
        });
        set("__dealscope_relate", relate.as_ref().unchecked_ref());
        relate.forget();
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
