//! Exported SVG pictures: the canvas's markup as a standalone picture that carries the
//! scenario in its metadata, so that importing the picture restores the work.

use super::link::{encode, Scenario};
use alloc::format;
use alloc::string::String;

/// The id of the `<metadata>` element that carries the scenario in an exported SVG.
pub const SVG_METADATA_ID: &str = "dealscope-scenario";

/// Wraps the canvas's inner markup as a standalone SVG picture that carries the scenario.
/// `inner` is trusted markup produced by the app's own renderer; `style` is its stylesheet.
/// `below` is more trusted markup, with its width and height, drawn under the diagram (the
/// verdict matrix, when the export asks for it).
pub fn svg_picture(
    inner: &str,
    defs: &str,
    style: &str,
    scenario: &Scenario,
    bounds: (f32, f32, f32, f32),
    below: Option<(&str, f32, f32)>,
) -> String {
    let (x, y, w, h) = bounds;
    let pad = 24.0;
    let (w, h, below) = match below {
        Some((markup, bw, bh)) => (
            w.max(bw),
            h + pad + bh,
            format!(
                "<g transform=\"translate({},{})\">{markup}</g>\n",
                whole(x),
                whole(y + h + pad)
            ),
        ),
        None => (w, h, String::new()),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">\n<title>{}</title>\n<metadata id=\"{SVG_METADATA_ID}\">{}</metadata>\n<style>{style}</style>\n{defs}\n<rect x=\"{}\" y=\"{}\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{inner}\n{below}</svg>\n",
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

/// The size in pixels of a picture of `bounds` with `below` under it, as [`svg_picture`]
/// draws it.
pub fn picture_size(bounds: (f32, f32, f32, f32), below: Option<(f32, f32)>) -> (u32, u32) {
    let (_, _, w, h) = bounds;
    let (w, h) = match below {
        Some((bw, bh)) => (w.max(bw), h + 24.0 + bh),
        None => (w, h),
    };
    (whole(w + 48.0).max(1) as u32, whole(h + 48.0).max(1) as u32)
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
