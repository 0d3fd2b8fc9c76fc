//! The SVG canvas: components, routed arrows, the highlighted route and drag feedback.
//!
//! Nodes are their own components with value props, so a drag re-renders only what moves.
//! `scene` draws a diagram (edges, then nodes), `node` one component, `edge` one relation;
//! this module holds the `Canvas` (the still scene, the dragged layer, the gesture overlays)
//! and `num`, how every number is written into markup.

mod edge;
mod minimap;
mod node;
mod scene;

use edge::Edge;
pub use minimap::Minimap;
pub use node::provider_class;
use node::Node;
use scene::{Part, Scene};

use crate::browser;
use crate::icons::kind_icon_at;
use crate::state::gesture::{connect_target, Drag};
use crate::state::View;
use dealscope_core::edit::{guides, landing, Guide, NODE_H, NODE_W};
use dealscope_core::model::{Origin, Segment, Statefulness};
use dealscope_core::{Component, ComponentId, Diagram, Kind, Provider, RelationKind};
use yew::prelude::*;

/// What the canvas highlights for the chosen verdict.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlight {
    /// Hops of the route shown, in order, with whether each is off the required provider.
    pub route: Vec<(ComponentId, bool)>,
    /// Each shown hop's place in the whole route (long routes skip hops between their ends).
    pub at: Vec<usize>,
    /// Components a previewed repair would re-host, with the target provider's name.
    pub preview: Vec<(ComponentId, String)>,
    /// The route is an open question (undetermined), not a breach: drawn in its own colour.
    pub open: bool,
}

/// Properties of [`Canvas`].
#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub diagram: crate::same::Same<Diagram>,
    pub selection: Vec<ComponentId>,
    pub relation: Option<usize>,
    pub connect_from: Option<ComponentId>,
    pub highlight: Highlight,
    pub drag: Option<Drag>,
    pub view: View,
    pub problems: Vec<ComponentId>,
    pub svg_ref: NodeRef,
    pub on_node_down: Callback<(ComponentId, PointerEvent)>,
    pub on_handle_down: Callback<(ComponentId, PointerEvent)>,
    pub on_background_down: Callback<PointerEvent>,
    pub on_relation: Callback<usize>,
    pub on_node_key: Callback<(ComponentId, KeyboardEvent)>,
    pub on_wheel: Callback<WheelEvent>,
}

/// What releasing a connection on a box would do.
#[derive(Clone, Copy, PartialEq)]
enum Fit {
    /// Add this relation.
    Adds(RelationKind),
    /// Nothing: the two are already joined by this relation.
    Exists(RelationKind),
    /// Nothing: no relation joins the two kinds.
    Nothing,
}

fn fit(d: &Diagram, from: &Component, to: &Component) -> Fit {
    match RelationKind::infer(from.kind.tag(), to.kind.tag()) {
        Some(kind) => {
            let exists = d
                .relations
                .iter()
                .any(|r| r.from == from.id && r.to == to.id && r.kind == kind);
            if exists {
                Fit::Exists(kind)
            } else {
                Fit::Adds(kind)
            }
        }
        None => Fit::Nothing,
    }
}

/// While a connection is drawn from `from`: the box it would land on, outlined green with the
/// relation it would add ("uses"), grey when that relation is already there, red when none
/// fits, so what a release does shows before it; the line's arrowhead takes the same colour.
fn connecting(d: &Diagram, from: &Component, x: f64, y: f64) -> Html {
    let (sx, sy) = (
        f64::from(from.x) + f64::from(NODE_W),
        f64::from(from.y) + f64::from(NODE_H) / 2.0,
    );
    let target = connect_target(d, from.id, x, y).and_then(|id| d.component(id));
    let fit = target.map(|to| fit(d, from, to));
    let (class, marker) = match fit {
        Some(Fit::Adds(_)) | None => ("ok", "url(#arrow-route)"),
        Some(Fit::Exists(_)) => ("same", "url(#arrow)"),
        Some(Fit::Nothing) => ("bad", "url(#arrow-off)"),
    };
    let line = html! {
        <path class={classes!("connecting-line", class)} d={format!("M{} {}L{} {}", num(sx), num(sy), num(x), num(y))} marker-end={marker} />
    };
    let (Some(to), Some(fit)) = (target, fit) else {
        return line;
    };
    let (x0, y0) = (f64::from(to.x) - 4.0, f64::from(to.y) - 4.0);
    // Short, centred over the box, so it stays on the canvas; releasing on a box where no
    // relation fits says the whole reason ("nothing connects a customer to a party").
    let words = match fit {
        Fit::Adds(kind) => format!("Adds \u{201c}{}\u{201d}", kind.label()),
        Fit::Exists(kind) => format!("Already \u{201c}{}\u{201d}", kind.label()),
        Fit::Nothing => "No relation fits".into(),
    };
    let cx = f64::from(to.x) + f64::from(NODE_W) / 2.0;
    html! {
        <>
        {line}
        <g class={classes!("drop-target", class)}>
            <rect x={num(x0)} y={num(y0)} width={num(f64::from(NODE_W) + 8.0)} height={num(f64::from(NODE_H) + 8.0)} rx="12" />
            <text class="drop-why" x={num(cx)} y={num(y0 - 6.0)} text-anchor="middle">{words}</text>
        </g>
        </>
    }
}

/// A number for SVG attributes, to one decimal, without Rust's float formatting (its tables
/// cost tens of kilobytes of wasm).
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let tenths = (v * 10.0).round() as i64;
    let (sign, t) = if tenths < 0 {
        ("-", -tenths)
    } else {
        ("", tenths)
    };
    if t % 10 == 0 {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

/// A guide through a still box that a dragged box lines up with.
fn guide_line(g: &Guide) -> Html {
    let (at, from, to) = (
        num(f64::from(g.at)),
        num(f64::from(g.from)),
        num(f64::from(g.to)),
    );
    match g.vertical {
        true => html! { <line class="guide" x1={at.clone()} x2={at} y1={from} y2={to} /> },
        false => html! { <line class="guide" y1={at.clone()} y2={at} x1={from} x2={to} /> },
    }
}

/// Below this zoom the arrows' labels are not drawn (the `far` class): their 11 px text would
/// be under 3.3 px high, not legible, and at 500 boxes they were about half of what each frame
/// of a drag paints (DevTools trace: paint p90 5.3-6.6 ms a frame with them, 3.4 without).
/// Zoomed in, they come back; the text outline lists every relation at any zoom.
const FAR_ZOOM: f64 = 0.3;

/// A zoom factor to four decimals.
fn zoom_text(z: f64) -> String {
    let t = (z * 10_000.0).round() as i64;
    format!("{}.{:04}", t / 10_000, t % 10_000)
}

/// The canvas.
#[function_component]
pub fn Canvas(p: &CanvasProps) -> Html {
    let d = &p.diagram;
    // A dragged selection is drawn where it will land on the grid, with a guide through each
    // still box it then lines up with. It is lifted into the drag layer only once it has
    // moved: a press that moves nothing (a click, a double-click) leaves the box where the
    // press found it, so the browser sees the press and the release on one element and fires
    // `click` and `dblclick`.
    let landed = match &p.drag {
        Some(Drag::Move { ids, dx, dy, .. }) => {
            let (dx, dy) = (*dx as f32, *dy as f32);
            let (dx, dy) = ids
                .first()
                .map_or((dx, dy), |&lead| landing(d, lead, dx, dy));
            (dx != 0.0 || dy != 0.0).then_some((ids, dx, dy))
        }
        _ => None,
    };
    let (lifted, offset, guides) = match landed {
        Some((ids, dx, dy)) => (
            ids.clone(),
            (f64::from(dx), f64::from(dy)),
            guides(d, ids, dx, dy),
        ),
        None => (Vec::new(), (0.0, 0.0), Vec::new()),
    };
    let scene = |lifted: Vec<ComponentId>, layer: bool, offset: (f64, f64), part: Part| {
        // The arrows draw no box, so what only boxes show is not theirs: a press that selects
        // a box then renders the boxes' scene alone, not 1,500 arrows' props again.
        let boxes = part != Part::Arrows;
        html! {
            <Scene diagram={p.diagram.clone()} selection={if boxes { p.selection.clone() } else { Vec::new() }} relation={p.relation}
                connect_from={p.connect_from.filter(|_| boxes)} highlight={p.highlight.clone()}
                problems={if boxes { p.problems.clone() } else { Vec::new() }}
                lifted={lifted} layer={layer} offset={offset} part={part} on_node_down={p.on_node_down.clone()}
                on_handle_down={p.on_handle_down.clone()} on_relation={p.on_relation.clone()}
                on_node_key={p.on_node_key.clone()} />
        }
    };
    // The still part keeps the same props for the whole drag; the moving part gets the offset.
    let arrows = scene(lifted.clone(), false, (0.0, 0.0), Part::Arrows);
    let boxes = scene(lifted.clone(), false, (0.0, 0.0), Part::Boxes);
    let moving = (!lifted.is_empty()).then(|| scene(lifted, true, offset, Part::Both));
    let overlay = match &p.drag {
        Some(Drag::Connect { from, x, y }) => d.component(*from).map(|c| connecting(d, c, *x, *y)),
        Some(Drag::Band { x0, y0, x, y }) => Some(html! {
            <rect class="band" x={num(x0.min(*x))} y={num(y0.min(*y))}
                width={num((x - x0).abs())} height={num((y - y0).abs())} />
        }),
        _ => None,
    };
    let guides = guides.iter().map(guide_line);
    // A pan draws the scene as the view was at an anchor (where it began), and slides the still
    // layers by the distance panned, on the compositor: no SVG is painted or rasterised again
    // while it lasts (at 500 boxes every pan frame redrew all of them, about 5 frames a second).
    // The layers reach one canvas past each edge, so a pan that goes further draws anew there.
    let anchor = use_mut_ref(|| None::<View>);
    let (v, slide) = match &p.drag {
        Some(Drag::Pan { .. }) => {
            let size = browser::rect(&p.svg_ref).map_or((0.0, 0.0), |r| (r.2, r.3));
            let near = |a: &View| {
                a.zoom == p.view.zoom
                    && ((a.x - p.view.x) * a.zoom).abs() < size.0 * 0.9
                    && ((a.y - p.view.y) * a.zoom).abs() < size.1 * 0.9
            };
            let a = (*anchor.borrow()).filter(near).unwrap_or(p.view);
            *anchor.borrow_mut() = Some(a);
            (a, ((a.x - p.view.x) * a.zoom, (a.y - p.view.y) * a.zoom))
        }
        _ => {
            *anchor.borrow_mut() = None;
            (p.view, (0.0, 0.0))
        }
    };
    let panning = matches!(p.drag, Some(Drag::Pan { .. })).then_some("panning");
    let arrows_ref = use_node_ref();
    {
        let layers = [arrows_ref.clone(), p.svg_ref.clone()];
        use_effect_with(slide, move |&(x, y)| {
            for layer in &layers {
                browser::slide(layer, x, y);
            }
        });
    }
    let bg = {
        let cb = p.on_background_down.clone();
        Callback::from(move |e: PointerEvent| cb.emit(e))
    };
    let wheel = {
        let cb = p.on_wheel.clone();
        Callback::from(move |e: WheelEvent| cb.emit(e))
    };
    let world = format!(
        "scale({}) translate({},{})",
        zoom_text(v.zoom),
        num(-v.x),
        num(-v.y)
    );
    let route_open = p.highlight.open.then_some("route-open");
    let far = (v.zoom < FAR_ZOOM).then_some("far");
    // What moves during a gesture is drawn in a second SVG, its own compositor layer, above the
    // canvas. A frame then repaints only that layer: the still scene's SVG is neither painted
    // nor rasterised again until the gesture ends (measured with peer-bench's trace, #14).
    // The layer is always there, hidden between gestures: Yew matches unkeyed siblings from
    // the end, so a layer that came and went made the canvas's own SVG into the layer and
    // drew the whole still scene anew, at a gesture's start and at its end (about 0.4 s of
    // script and 0.3 s of style and layout at 500 boxes, in a DevTools trace).
    let idle = (moving.is_none() && overlay.is_none()).then_some("idle");
    let layer = html! {
        <svg class={classes!("canvas", "layer", route_open, far, idle)} aria-hidden="true">
            <g class="world" transform={world.clone()}>{ for guides }{ for moving }{ for overlay }</g>
        </svg>
    };
    // The still scene is two SVGs, each its own compositor layer: the arrows (with the grid)
    // under the boxes. A box's hover, selection or lifting then repaints and rasterises only
    // the boxes' layer; with the arrows in it, software raster redrew every long arrow path
    // crossing the changed tiles: about 100 ms for a hover at 500 boxes, 7 ms without them
    // (DevTools trace, #14). The boxes' SVG lets the pointer through where it draws nothing,
    // so the arrows and the background below take their own presses.
    html! {
        <>
        <svg class={classes!("canvas", "arrows", route_open, far, panning)} ref={arrows_ref} onpointerdown={bg} onwheel={wheel.clone()}
            aria-hidden="true">
            <defs>
                <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse"
                    patternTransform={format!("translate({},{}) scale({})", num(-v.x * v.zoom), num(-v.y * v.zoom), zoom_text(v.zoom))}>
                    <circle cx="1" cy="1" r="1" class="grid-dot" />
                </pattern>
                { for [("arrow", "m-normal"), ("arrow-route", "m-route"), ("arrow-off", "m-off")].into_iter().map(|(id, class)| html! {
                    <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class={class} d="M0 0L10 5L0 10z" />
                    </marker>
                }) }
            </defs>
            // Wider than the canvas, so that a pan slides no edge of it into sight.
            <rect class="grid-bg" x="-100%" y="-100%" width="300%" height="300%" fill="url(#grid)" />
            <g class="world" transform={world.clone()}>{ arrows }</g>
        </svg>
        <svg class={classes!("canvas", "boxes", route_open, far, panning)} ref={p.svg_ref.clone()} onwheel={wheel}
            role="group" aria-label="Deal diagram">
            <g class="world" transform={world}>{ boxes }</g>
        </svg>
        { layer }
        </>
    }
}
