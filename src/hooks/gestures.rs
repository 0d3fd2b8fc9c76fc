//! The pointer gestures on the canvas: moving components, connecting them, selecting with a
//! band, panning (middle button, Alt, one finger), pinch and wheel zoom, dropping a palette item,
//! and fitting the view. The gesture in progress is local state; the diagram changes only when
//! it ends, so the checker does not run during a drag.

use crate::browser;
use crate::state::gesture::{Drag, Pointer, Step};
use crate::state::view::{pinch_factor, wheel_factor};
use crate::state::{Action, State};
use dealscope_core::ComponentId;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The gesture in progress and the handlers that drive it.
pub struct Gestures {
    pub drag: UseStateHandle<Option<Drag>>,
    pub on_node_down: Callback<(ComponentId, PointerEvent)>,
    pub on_handle_down: Callback<(ComponentId, PointerEvent)>,
    pub on_background_down: Callback<PointerEvent>,
    /// On the whole app, so that a palette item can be dragged onto the canvas.
    pub on_move: Callback<PointerEvent>,
    pub on_up: Callback<PointerEvent>,
    pub on_cancel: Callback<PointerEvent>,
    pub on_wheel: Callback<WheelEvent>,
    /// Fits the diagram to the canvas.
    pub fit: Rc<dyn Fn()>,
}

/// The touches down: (pointer id, client position).
type Touches = Vec<(i32, (f64, f64))>;

/// The canvas's gestures, converting the pointer through the canvas element `svg_ref`.
#[hook]
pub fn use_gestures(state: &UseReducerHandle<State>, svg_ref: &NodeRef) -> Gestures {
    let drag = use_state(|| None::<Drag>);
    // The touches down, by pointer id: two at most matter (a pinch), so a list, not a map.
    let touches: Rc<RefCell<Touches>> = use_mut_ref(Vec::new);
    let view = state.view;
    // The view is read through a ref, so callbacks that convert coordinates stay the same
    // across renders (the canvas's still scene then skips re-rendering during a drag).
    let view_ref = use_mut_ref(|| view);
    *view_ref.borrow_mut() = view;
    let to_canvas = {
        let (svg_ref, view_ref) = (svg_ref.clone(), view_ref.clone());
        move |cx: f64, cy: f64| -> Option<(f64, f64)> {
            let (l, t, _, _) = browser::rect(&svg_ref)?;
            Some(view_ref.borrow().to_canvas(cx - l, cy - t))
        }
    };

    // --- pointer gestures -------------------------------------------------------------------
    let on_node_down = {
        let (state, drag) = (state.clone(), drag.clone());
        use_callback(
            (state.selection.clone(), state.connect_from),
            move |(id, e): (ComponentId, PointerEvent), _| {
                // The middle button and Alt pan, wherever they start: the canvas handles them.
                if e.button() != 0 || e.alt_key() {
                    return;
                }
                e.stop_propagation();
                if state.connect_from.is_some() {
                    state.dispatch(Action::ConnectTo(id));
                    return;
                }
                if e.shift_key() {
                    state.dispatch(Action::ToggleSelect(id));
                    return;
                }
                let ids = if state.selection.contains(&id) {
                    state.selection.clone()
                } else {
                    vec![id]
                };
                if !state.selection.contains(&id) {
                    state.dispatch(Action::Select(vec![id]));
                }
                drag.set(Some(Drag::Move {
                    ids,
                    x0: e.client_x() as f64,
                    y0: e.client_y() as f64,
                    dx: 0.0,
                    dy: 0.0,
                }));
            },
        )
    };
    let on_handle_down = {
        let (drag, to_canvas) = (drag.clone(), to_canvas.clone());
        use_callback((), move |(from, e): (ComponentId, PointerEvent), _| {
            if let Some((x, y)) = to_canvas(e.client_x() as f64, e.client_y() as f64) {
                drag.set(Some(Drag::Connect { from, x, y }));
            }
        })
    };
    let on_background_down = {
        let (state, drag, to_canvas, touches) = (
            state.clone(),
            drag.clone(),
            to_canvas.clone(),
            touches.clone(),
        );
        use_callback(state.view, move |e: PointerEvent, &view| {
            let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
            if e.pointer_type() == "touch" {
                let mut t = touches.borrow_mut();
                t.retain(|(id, _)| *id != e.pointer_id());
                t.push((e.pointer_id(), (cx, cy)));
            }
            if e.button() == 1 || e.pointer_type() == "touch" || e.alt_key() {
                drag.set(Some(Drag::Pan {
                    x0: cx,
                    y0: cy,
                    view,
                }));
                return;
            }
            if e.button() != 0 {
                return;
            }
            if !e.shift_key() {
                state.dispatch(Action::Escape);
            }
            if let Some((x, y)) = to_canvas(cx, cy) {
                drag.set(Some(Drag::Band { x0: x, y0: y, x, y }));
            }
        })
    };
    let on_move = {
        let (state, drag, to_canvas, touches, svg_ref) = (
            state.clone(),
            drag.clone(),
            to_canvas.clone(),
            touches.clone(),
            svg_ref.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
            if e.pointer_type() == "touch" {
                let mut t = touches.borrow_mut();
                if let Some((_, p)) = t.iter_mut().find(|(id, _)| *id == e.pointer_id()) {
                    let before = *p;
                    *p = (cx, cy);
                    if t.len() == 2 {
                        // Pinch: zoom by the change in distance between the two touches, about
                        // the point between them.
                        let other = t
                            .iter()
                            .find(|(k, _)| *k != e.pointer_id())
                            .map(|(_, v)| *v);
                        let rect = browser::rect(&svg_ref);
                        if let (Some(o), Some((l, top, _, _))) = (other, rect) {
                            if let Some(f) = pinch_factor(before, (cx, cy), o) {
                                let (mx, my) = ((o.0 + cx) / 2.0 - l, (o.1 + cy) / 2.0 - top);
                                let v = state.view.zoom_at(f, mx, my);
                                state.dispatch(Action::SetView(v));
                            }
                        }
                        return;
                    }
                }
            }
            let Some(current) = (*drag).clone() else {
                return;
            };
            let p = Pointer {
                client: (cx, cy),
                canvas: match current {
                    Drag::Connect { .. } | Drag::Band { .. } => to_canvas(cx, cy),
                    _ => None,
                },
            };
            match current.moved(p, state.view.zoom) {
                Step::Drag(next) => drag.set(Some(next)),
                Step::View(v) => state.dispatch(Action::SetView(v)),
                Step::Still => {}
            }
        })
    };
    let on_up = {
        let (state, drag, to_canvas, touches, svg_ref) = (
            state.clone(),
            drag.clone(),
            to_canvas.clone(),
            touches.clone(),
            svg_ref.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            touches.borrow_mut().retain(|(id, _)| *id != e.pointer_id());
            let Some(current) = (*drag).clone() else {
                return;
            };
            drag.set(None);
            let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
            let over_canvas = browser::rect(&svg_ref)
                .is_some_and(|(l, t, w, h)| cx >= l && cx <= l + w && cy >= t && cy <= t + h);
            let p = Pointer {
                client: (cx, cy),
                canvas: to_canvas(cx, cy),
            };
            let d = state.diagram().clone();
            if let Some(a) = current.finish(&d, &state.selection, p, over_canvas, e.shift_key()) {
                state.dispatch(a);
            }
        })
    };
    let on_cancel = {
        let (drag, touches) = (drag.clone(), touches.clone());
        Callback::from(move |e: PointerEvent| {
            touches.borrow_mut().retain(|(id, _)| *id != e.pointer_id());
            drag.set(None);
        })
    };
    let on_wheel = {
        let (state, svg_ref) = (state.clone(), svg_ref.clone());
        // The same callback until the view changes, so that other renders leave the canvas be.
        use_callback(state.view, move |e: WheelEvent, &v| {
            let Some((l, t, _, _)) = browser::rect(&svg_ref) else {
                return;
            };
            let (px, py) = (e.client_x() as f64 - l, e.client_y() as f64 - t);
            state.dispatch(Action::SetView(v.zoom_at(
                wheel_factor(e.delta_y()),
                px,
                py,
            )));
        })
    };
    let fit = {
        let (state, svg_ref) = (state.clone(), svg_ref.clone());
        move || {
            if let Some((_, _, w, h)) = browser::rect(&svg_ref) {
                state.dispatch(Action::Fit(w, h));
            }
        }
    };
    {
        // Fit the first scenario to the canvas once it has a size.
        let fit = fit.clone();
        use_effect_with(state.ws.preset.clone(), move |_| fit());
    }
    Gestures {
        drag,
        on_node_down,
        on_handle_down,
        on_background_down,
        on_move,
        on_up,
        on_cancel,
        on_wheel,
        fit: Rc::new(fit),
    }
}
