//! Exported SVG pictures: the canvas's markup as a standalone picture that carries the
//! scenario in its metadata, so that importing the picture restores the work.

use super::link::{encode_stored, Scenario};
use alloc::format;
use alloc::string::String;

/// The id of the `<metadata>` element that carries the scenario in an exported SVG.
pub const SVG_METADATA_ID: &str = "dealscope-scenario";

/// Markup drawn beside the diagram in a picture, with its width and height.
pub type Block<'a> = Option<(&'a str, f32, f32)>;

/// Space between the diagram and the blocks above and below it, and round the whole picture.
const PAD: f32 = 24.0;

/// Where a picture of `bounds` with blocks of these sizes above and below it lies: its left
/// and top edges (before padding), width and height.
fn frame(
    bounds: (f32, f32, f32, f32),
    above: Option<(f32, f32)>,
    below: Option<(f32, f32)>,
) -> (f32, f32, f32, f32) {
    let (x, y, w, h) = bounds;
    let (aw, ah) = above.map_or((0.0, 0.0), |(w, h)| (w, h + PAD));
    let (bw, bh) = below.map_or((0.0, 0.0), |(w, h)| (w, h + PAD));
    (x, y - ah, w.max(aw).max(bw), ah + h + bh)
}

/// Wraps the canvas's inner markup as a standalone SVG picture that carries the scenario.
/// `inner` is trusted markup produced by the app's own renderer; `style` is its stylesheet.
/// `above` and `below` are more trusted markup drawn over and under the diagram (the
/// scenario's heading, and the verdict matrix, when the export asks for them).
pub fn svg_picture(
    inner: &str,
    defs: &str,
    style: &str,
    scenario: &Scenario,
    bounds: (f32, f32, f32, f32),
    (above, below): (Block, Block),
) -> String {
    let size = |b: Block| b.map(|(_, w, h)| (w, h));
    let (left, top, w, h) = frame(bounds, size(above), size(below));
    let (x, y, _, bh) = bounds;
    let place = |b: Block, at: f32| {
        b.map_or(String::new(), |(markup, ..)| {
            format!(
                "<g transform=\"translate({},{})\">{markup}</g>\n",
                whole(x),
                whole(at)
            )
        })
    };
    let (above, below) = (place(above, top), place(below, y + bh + PAD));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">\n<title>{}</title>\n<metadata id=\"{SVG_METADATA_ID}\">{}</metadata>\n<style>{style}</style>\n{defs}\n<rect x=\"{}\" y=\"{}\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{above}{inner}\n{below}</svg>\n",
        whole(left - PAD),
        whole(top - PAD),
        whole(w + 2.0 * PAD),
        whole(h + 2.0 * PAD),
        whole(w + 2.0 * PAD),
        whole(h + 2.0 * PAD),
        escape(&scenario.name),
        encode_stored(scenario),
        whole(left - PAD),
        whole(top - PAD),
    )
}

/// The size in pixels of a picture of `bounds` with blocks of these sizes above and below it,
/// as [`svg_picture`] draws it.
pub fn picture_size(
    bounds: (f32, f32, f32, f32),
    above: Option<(f32, f32)>,
    below: Option<(f32, f32)>,
) -> (u32, u32) {
    let (_, _, w, h) = frame(bounds, above, below);
    (
        whole(w + 2.0 * PAD).max(1) as u32,
        whole(h + 2.0 * PAD).max(1) as u32,
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

#[cfg(test)]
mod tests {
    use super::*;

    // Worked by hand: a 200 × 50 diagram at (10, 20), a 500 × 40 heading above it and a
    // 300 × 100 matrix below, 24 apart and 24 round the whole.
    #[test]
    fn the_heading_sits_over_the_diagram_and_the_matrix_under_it() {
        let sc = Scenario {
            name: "Deal".into(),
            diagram: Default::default(),
            clauses: String::new(),
        };
        let bounds = (10.0, 20.0, 200.0, 50.0);
        let svg = svg_picture(
            "<g/>",
            "",
            "",
            &sc,
            bounds,
            (
                Some(("<g id=\"a\"/>", 500.0, 40.0)),
                Some(("<g id=\"b\"/>", 300.0, 100.0)),
            ),
        );
        assert!(
            svg.contains("viewBox=\"-14 -68 548 286\" width=\"548\" height=\"286\""),
            "{svg}"
        );
        assert!(
            svg.contains("<g transform=\"translate(10,-44)\"><g id=\"a\"/></g>"),
            "{svg}"
        );
        assert!(
            svg.contains("<g transform=\"translate(10,94)\"><g id=\"b\"/></g>"),
            "{svg}"
        );
        assert!(svg.contains("<rect x=\"-14\" y=\"-68\""), "{svg}");
        assert_eq!(
            picture_size(bounds, Some((500.0, 40.0)), Some((300.0, 100.0))),
            (548, 286)
        );
        // Without either, the diagram and its margin alone.
        assert_eq!(picture_size(bounds, None, None), (248, 98));
    }
}
