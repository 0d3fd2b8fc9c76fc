//! dealscope: the browser app. Thin over `dealscope-core`: the reducer forwards edits to the
//! core's history, and the report is derived from the diagram with a memo.
//!
//! - `components/`: one Yew component (or a family of small ones) per file; `app` is the layout.
//! - `hooks/`: the app's custom hooks: what is derived, how work is kept, gestures, shortcuts.
//! - `state`: the one reducer; `browser`: every direct web-sys call; `measure`: the measurement
//!   hooks; `crash`: the crash view; `icons`, `same`: small shared pieces.

mod browser;
mod components;
mod crash;
mod hooks;
mod icons;
mod measure;
mod present;
mod same;
pub mod state;
mod words;

/// The browser's inflater, for the in-browser test that holds it to miniz_oxide.
#[doc(hidden)]
pub use browser::inflate_raw;
pub use components::app::App;

/// Mounts the app on the document body, once the links it opens with (the address, the
/// autosave, the saves) can be read: the browser inflates them first.
pub fn start() {
    crash::install_crash_view();
    measure::watch_csp();
    use dealscope_core::io::saves::{AUTOSAVE_KEY, SAVES_KEY};
    let stored = [
        browser::hash(),
        browser::load(AUTOSAVE_KEY),
        browser::load(SAVES_KEY),
    ];
    let pending = stored
        .iter()
        .flatten()
        .flat_map(|text| dealscope_core::io::inflate::pending(text))
        .collect();
    browser::after_inflating(pending, || {
        yew::Renderer::<App>::new().render();
    });
}
