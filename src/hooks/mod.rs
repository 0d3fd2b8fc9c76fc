//! The app's custom hooks, each one concern of the app component.

pub mod derived;
pub mod focus;
pub mod gestures;
pub mod persistence;
pub mod print;
pub mod shortcuts;
pub mod sight;
