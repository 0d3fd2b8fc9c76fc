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

pub use components::app::App;

/// Mounts the app on the document body.
pub fn start() {
    crash::install_crash_view();
    measure::watch_csp();
    yew::Renderer::<App>::new().render();
}
