//! dealscope: the browser app. Thin over `dealscope-core`: the reducer forwards edits to the
//! core's history, and the report is derived from the diagram with a memo.

mod app;
mod browser;
mod canvas;
mod compare;
mod files;
mod hooks;
mod icons;
mod inspector;
mod same;
pub mod state;
mod verdicts;
mod workbench;

pub use app::App;

/// Mounts the app on the document body.
pub fn start() {
    hooks::install_crash_view();
    hooks::watch_csp();
    yew::Renderer::<App>::new().render();
}
