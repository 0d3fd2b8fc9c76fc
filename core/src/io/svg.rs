//! Exported SVG pictures: the canvas's markup as a standalone picture that carries the
//! scenario in its metadata, so that importing the picture restores the work.

use super::link::{encode, Scenario};
use alloc::format;
use alloc::string::String;

/// The id of the `<metadata>` element that carries the scenario in an exported SVG.
pub const SVG_METADATA_ID: &str = "dealscope-scenario";

/// Wraps the canvas's inner markup as a standalone SVG picture that carries the scenario.
/// `inner` is trusted markup produced by the app's own renderer; `style` is its stylesheet.
pub fn svg_picture(
    inner: &str,
    defs: &str,
    style: &str,
    scenario: &Scenario,
    bounds: (f32, f32, f32, f32),
) -> String {
    let (x, y, w, h) = bounds;
    let pad = 24.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">\n<title>{}</title>\n<metadata id=\"{SVG_METADATA_ID}\">{}</metadata>\n<style>{style}</style>\n{defs}\n<rect x=\"{}\" y=\"{}\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{inner}\n</svg>\n",
        whole(x - pad),
        whole(y - pad),
        whole(w + 2.0 * pad),
        whole(h + 2.0 * pad),
        whole(w + 2.0 * pad),
        whole(h + 2.0 * pad),
        escape(&scenario.name),
        encode(scenario),
        whole(x - pad),
        whole(y - pad),
    )
}

/// A coordinate rounded to a whole number (no float formatting in the wasm bundle).
pub(crate) fn whole(v: f32) -> i64 {
    if v.is_finite() {
        v.round() as i64
    } else {
        0
    }
}

/// Escapes text for XML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
