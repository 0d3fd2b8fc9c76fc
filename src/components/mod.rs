//! The app's components, one concern per file.

pub mod app;
pub mod canvas;
pub mod changed;
pub mod compare;
pub mod files;
pub mod help;
pub mod inspector;
pub mod notices;
pub mod outline;
pub mod palette;
pub mod route;
pub mod side;
pub mod timeline;
pub mod topbar;
pub mod verdicts;
pub mod workbench;
