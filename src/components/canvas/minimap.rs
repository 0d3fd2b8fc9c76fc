//! The minimap: when part of the diagram is out of view, a small map of every box in the
//! canvas's corner, with the part in view outlined. Pressing or dragging on the map brings
//! the point under the pointer to the middle of the view.

use super::num;
use crate::browser;
use crate::same::Same;
use crate::state::{Action, View};
use dealscope_core::edit::{bounds, NODE_H, NODE_W};
use dealscope_core::Diagram;
use yew::prelude::*;

/// The map's width in pixels; its height follows the shape of what it shows.
const MAP_W: f64 = 168.0;
/// The tallest the map gets, in pixels.
const MAP_H: f64 = 120.0;
/// Canvas units of margin around what the map shows.
const PAD: f64 = 40.0;

#[derive(Properties, PartialEq)]
pub struct MinimapProps {
    pub diagram: Same<Diagram>,
    pub view: View,
    /// The canvas, whose size (measured on mount and on every resize) the view covers.
    pub svg_ref: NodeRef,
    /// Whether a caption heads the canvas: the canvas is measured again when it comes or goes.
    pub captioned: bool,
    pub dispatch: Callback<Action>,
}

/// Every box, drawn once per diagram: a pan or a zoom redraws only the outline.
#[derive(Properties, PartialEq)]
struct BoxesProps {
    diagram: Same<Diagram>,
}

#[function_component]
fn Boxes(p: &BoxesProps) -> Html {
    let (w, h) = (num(f64::from(NODE_W)), num(f64::from(NODE_H)));
    p.diagram
        .components
        .iter()
        .map(|c| {
            html! { <rect x={num(f64::from(c.x))} y={num(f64::from(c.y))} width={w.clone()} height={h.clone()} /> }
        })
        .collect()
}

/// The canvas's size in pixels, read when the map mounts, when `layout` changes, and on
/// every window resize.
#[hook]
fn use_canvas_size(svg_ref: &NodeRef, layout: bool) -> Option<(f64, f64)> {
    let size = use_state(|| None::<(f64, f64)>);
    {
        let (size, svg_ref) = (size.clone(), svg_ref.clone());
        use_effect_with(layout, move |_| {
            let measure = move || {
                if let Some((_, _, w, h)) = browser::rect(&svg_ref) {
                    size.set(Some((w, h)));
                }
            };
            measure();
            let listener = browser::on_window("resize", move |_| measure());
            move || drop(listener)
        });
    }
    *size
}

/// The part of the canvas the map shows: (left, top, right, bottom) in canvas units.
type Frame = (f64, f64, f64, f64);

#[function_component]
pub fn Minimap(p: &MinimapProps) -> Html {
    let map_ref = use_node_ref();
    let size = use_canvas_size(&p.svg_ref, p.captioned);
    // While the map is held, its frame stays put: were it to follow the view it moves, a drag
    // past the map's edge would chase itself.
    // (Not state: letting go needs no redraw, as the next view drawn is framed anew.)
    let held = use_mut_ref(|| None::<Frame>);
    let (Some((w, h)), Some((bx, by, bw, bh))) = (size, bounds(&p.diagram)) else {
        return html! {};
    };
    let v = p.view;
    let seen = (v.x, v.y, w / v.zoom, h / v.zoom);
    let (bx, by, bw, bh) = (f64::from(bx), f64::from(by), f64::from(bw), f64::from(bh));
    let fits =
        bx >= seen.0 && by >= seen.1 && bx + bw <= seen.0 + seen.2 && by + bh <= seen.1 + seen.3;
    let frozen = *held.borrow();
    if fits && frozen.is_none() {
        return html! {};
    }
    // The map shows the diagram and the view together, at one scale that fits both.
    let frame = frozen.unwrap_or((
        bx.min(seen.0) - PAD,
        by.min(seen.1) - PAD,
        (bx + bw).max(seen.0 + seen.2) + PAD,
        (by + bh).max(seen.1 + seen.3) + PAD,
    ));
    let (x0, y0, x1, y1) = frame;
    let scale = (MAP_W / (x1 - x0)).min(MAP_H / (y1 - y0));
    let (pw, ph) = ((x1 - x0) * scale, (y1 - y0) * scale);
    let go = {
        let (map_ref, dispatch) = (map_ref.clone(), p.dispatch.clone());
        move |e: &PointerEvent| {
            // Measured, not assumed: the stylesheet draws the map smaller on a phone.
            let Some((left, top, mw, mh)) =
                browser::rect(&map_ref).filter(|r| r.2 > 0.0 && r.3 > 0.0)
            else {
                return;
            };
            // The middle of the view goes to the point pressed, but never off the diagram.
            let cx = (x0 + (f64::from(e.client_x()) - left) * (x1 - x0) / mw).clamp(bx, bx + bw);
            let cy = (y0 + (f64::from(e.client_y()) - top) * (y1 - y0) / mh).clamp(by, by + bh);
            dispatch.emit(Action::SetView(View {
                x: cx - seen.2 / 2.0,
                y: cy - seen.3 / 2.0,
                zoom: v.zoom,
            }));
        }
    };
    let down = {
        let (go, held) = (go.clone(), held.clone());
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            browser::capture(&e);
            *held.borrow_mut() = Some(frame);
            go(&e);
        })
    };
    let drag = Callback::from(move |e: PointerEvent| {
        if e.buttons() & 1 != 0 {
            go(&e);
        }
    });
    let up = {
        let held = held.clone();
        Callback::from(move |_: PointerEvent| *held.borrow_mut() = None)
    };
    html! {
        <svg class="minimap" ref={map_ref} width={num(pw)} height={num(ph)}
            viewBox={format!("{} {} {} {}", num(x0), num(y0), num(x1 - x0), num(y1 - y0))}
            role="img" aria-label="Map of the whole diagram: press to bring a part into view"
            onpointerdown={down} onpointermove={drag} onpointerup={up.clone()} onpointercancel={up}>
            <g class="minimap-boxes"><Boxes diagram={p.diagram.clone()} /></g>
            <rect class="minimap-view" x={num(seen.0)} y={num(seen.1)} width={num(seen.2)} height={num(seen.3)} />
        </svg>
    }
}
