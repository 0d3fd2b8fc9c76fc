//! One relation on the canvas: its routed path, arrowhead and label.

use super::*;
use dealscope_core::edit::arrows::{Arrow, Shape};

/// The SVG path of an arrow's line: the curve, or the bent line with its corners rounded.
pub(super) fn path_d(shape: &Shape) -> String {
    match shape {
        Shape::Curve([p0, c1, c2, p3]) => format!(
            "M{} {}C{} {} {} {} {} {}",
            num(p0.0),
            num(p0.1),
            num(c1.0),
            num(c1.1),
            num(c2.0),
            num(c2.1),
            num(p3.0),
            num(p3.1)
        ),
        Shape::Bent(points) => {
            let Some(first) = points.first() else {
                return String::new();
            };
            let mut d = format!("M{} {}", num(first.0), num(first.1));
            for w in points.windows(3) {
                let (a, corner, b) = (w[0], w[1], w[2]);
                // Each corner rounded by up to 8, never more than half a run.
                let toward = |p: (f64, f64)| {
                    let (dx, dy) = (p.0 - corner.0, p.1 - corner.1);
                    let len = (dx * dx + dy * dy).sqrt();
                    let r = (len / 2.0).min(8.0);
                    if len == 0.0 {
                        corner
                    } else {
                        (corner.0 + dx / len * r, corner.1 + dy / len * r)
                    }
                };
                let (i, o) = (toward(a), toward(b));
                d.push_str(&format!(
                    "L{} {}Q{} {} {} {}",
                    num(i.0),
                    num(i.1),
                    num(corner.0),
                    num(corner.1),
                    num(o.0),
                    num(o.1)
                ));
            }
            if let Some(last) = points.last() {
                d.push_str(&format!("L{} {}", num(last.0), num(last.1)));
            }
            d
        }
    }
}

/// One arrow, as [`Edge`] draws it.
#[derive(Properties, PartialEq)]
pub(super) struct EdgeProps {
    /// The relation's index in the diagram.
    pub(super) i: usize,
    pub(super) kind: RelationKind,
    pub(super) arrow: Arrow,
    /// On the chosen route: whether this hop breaks the sentence.
    pub(super) route: Option<bool>,
    pub(super) selected: bool,
    pub(super) on_relation: Callback<usize>,
}

/// One arrow, with its label and a wide invisible stroke to click. A component, so that a
/// render of the scene draws again only the arrows whose props changed: lifting a box out of
/// 1,500 arrows, or dropping it, formats a few paths instead of all of them.
#[function_component]
pub(super) fn Edge(p: &EdgeProps) -> Html {
    let (path, mid) = (path_d(&p.arrow.shape), p.arrow.label);
    let mut class = classes!("edge", format!("r-{}", p.kind.keyword()));
    let marker = match p.route {
        Some(true) => {
            class.push("route-off");
            "url(#arrow-off)"
        }
        Some(false) => {
            class.push("route");
            "url(#arrow-route)"
        }
        None => "url(#arrow)",
    };
    if p.selected {
        class.push("selected");
    }
    let label = p.kind.label();
    let lw = 10.0 + label.len() as f64 * 6.4;
    let click = {
        let (cb, i) = (p.on_relation.clone(), p.i);
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            cb.emit(i)
        })
    };
    html! {
        <g class={class} onpointerdown={click}>
            <path class="hit" d={path.clone()} />
            <path class="line" d={path} marker-end={marker} />
            // Drawn where it lands, not moved by a transform: a transform on each of a thousand
            // labels made the browser's layerizing cost milliseconds a dragging frame.
            <g class="edge-label">
                <rect x={num(mid.0 - lw / 2.0)} y={num(mid.1 - 9.0)} width={num(lw)} height="18" rx="4" />
                <text x={num(mid.0)} y={num(mid.1 + 3.5)} text-anchor="middle">{label}</text>
            </g>
        </g>
    }
}
