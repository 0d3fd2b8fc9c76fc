//! The formats a scenario is written in and read back from. Each reads back whatever it writes,
//! and validates what it reads as strictly as a link (not trusted at all).
//! - `base64`: the two base64 forms that links and PNG data addresses use;
//! - `json`: the JSON value reader and writer the file format uses;
//! - `text`: the diagram's text form (presets and the scenario language);
//! - `link`: the compact share link and the stored form (autosave, saves);
//! - `inflate`: inflating a link's compressed data, natively or handed in by the browser;
//! - `saves`: the named saves in local storage;
//! - `file`: JSON export and import, and reading any imported file;
//! - `svg` and `png`: pictures that carry their scenario.

pub mod base64;
pub mod file;
pub mod inflate;
pub mod json;
pub mod link;
pub mod png;
pub mod saves;
pub mod svg;
pub mod text;
