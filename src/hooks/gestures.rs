//! The pointer gestures on the canvas: moving components, connecting them, selecting with a
//! band, panning (middle button, Alt, one finger), pinch and wheel zoom, dropping a palette item,
//! and fitting the view. The gesture in progress is local state; the diagram changes only when
//! it ends, so the checker does not run during a drag.

use crate::browser;
use crate::components::canvas::Drag;
use crate::state::{Action, State, View};
use dealscope_core::edit::{in_rect, Command, NODE_H, NODE_W};
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

/// The canvas's gestures, converting the pointer through the canvas element `svg_ref`.
#[hook]
pub fn use_gestures(state: &UseReducerHandle<State>, svg_ref: &NodeRef) -> Gestures {
    let drag = use_state(|| None::<Drag>);
    // The touches down, by pointer id: two at most matter (a pinch), so a list, not a map.
    let touches: Rc<RefCell<Vec<(i32, (f64, f64))>>> = use_mut_ref(Vec::new);
    let view = state.view;
    // The view is read through a ref, so callbacks that convert coordinates stay the same
    // across renders (the canvas's still scene then skips re-rendering during a drag).
    let view_ref = use_mut_ref(|| view);
    *view_ref.borrow_mut() = view;
    let to_canvas = {
        let (svg_ref, view_ref) = (svg_ref.clone(), view_ref.clone());
        move |cx: f64, cy: f64| -> Option<(f64, f64)> {
            let (l, t, _, _) = browser::rect(&svg_ref)?;
            let view = *view_ref.borrow();
            Some(((cx - l) / view.zoom + view.x, (cy - t) / view.zoom + view.y))
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
        let (state, drag, to_canvas, touches) = (
            state.clone(),
            drag.clone(),
            to_canvas.clone(),
            touches.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
            if e.pointer_type() == "touch" {
                let mut t = touches.borrow_mut();
                if let Some((_, p)) = t.iter_mut().find(|(id, _)| *id == e.pointer_id()) {
                    let before = *p;
                    *p = (cx, cy);
                    if t.len() == 2 {
                        // Pinch: zoom by the change in distance between the two touches.
                        let other = t
                            .iter()
                            .find(|(k, _)| *k != e.pointer_id())
                            .map(|(_, v)| *v);
                        if let Some(o) = other {
                            let d0 = ((before.0 - o.0).powi(2) + (before.1 - o.1).powi(2)).sqrt();
                            let d1 = ((cx - o.0).powi(2) + (cy - o.1).powi(2)).sqrt();
                            if d0 > 1.0 {
                                let v = state.view;
                                let zoom = (v.zoom * d1 / d0).clamp(0.1, 4.0);
                                state.dispatch(Action::SetView(View { zoom, ..v }));
                            }
                        }
                        return;
                    }
                }
            }
            let Some(current) = (*drag).clone() else {
                return;
            };
            let next = match current {
                Drag::Palette { kind, .. } => Drag::Palette { kind, x: cx, y: cy },
                Drag::Move { ids, x0, y0, .. } => Drag::Move {
                    ids,
                    x0,
                    y0,
                    dx: (cx - x0) / state.view.zoom,
                    dy: (cy - y0) / state.view.zoom,
                },
                Drag::Connect { from, .. } => match to_canvas(cx, cy) {
                    Some((x, y)) => Drag::Connect { from, x, y },
                    None => return,
                },
                Drag::Band { x0, y0, .. } => match to_canvas(cx, cy) {
                    Some((x, y)) => Drag::Band { x0, y0, x, y },
                    None => return,
                },
                Drag::Pan { x0, y0, view } => {
                    state.dispatch(Action::SetView(View {
                        x: view.x - (cx - x0) / view.zoom,
                        y: view.y - (cy - y0) / view.zoom,
                        zoom: view.zoom,
                    }));
                    return;
                }
            };
            drag.set(Some(next));
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
            match current {
                Drag::Palette { kind, .. } => {
                    let inside = browser::rect(&svg_ref).is_some_and(|(l, t, w, h)| {
                        cx >= l && cx <= l + w && cy >= t && cy <= t + h
                    });
                    if let (true, Some((x, y))) = (inside, to_canvas(cx, cy)) {
                        state.dispatch(Action::Do(Command::Add {
                            kind,
                            x: (x - NODE_W as f64 / 2.0) as f32,
                            y: (y - NODE_H as f64 / 2.0) as f32,
                        }));
                    }
                }
                Drag::Move { ids, dx, dy, .. } => {
                    if dx.abs() + dy.abs() > 2.0 {
                        state.dispatch(Action::Do(Command::Move {
                            ids,
                            dx: dx as f32,
                            dy: dy as f32,
                        }));
                    }
                }
                Drag::Connect { from, x, y } => {
                    let d = state.diagram();
                    let target = d.components.iter().rev().find(|c| {
                        c.id != from
                            && x >= c.x as f64 - 8.0
                            && x <= (c.x + NODE_W) as f64 + 8.0
                            && y >= c.y as f64 - 8.0
                            && y <= (c.y + NODE_H) as f64 + 8.0
                    });
                    if let Some(t) = target {
                        state.dispatch(Action::Do(Command::Connect {
                            from,
                            to: t.id,
                            kind: None,
                        }));
                    }
                }
                Drag::Band { x0, y0, x, y } => {
                    if (x - x0).abs() + (y - y0).abs() > 4.0 {
                        let mut ids =
                            in_rect(state.diagram(), x0 as f32, y0 as f32, x as f32, y as f32);
                        if e.shift_key() {
                            let extra: Vec<ComponentId> = state
                                .selection
                                .iter()
                                .copied()
                                .filter(|i| !ids.contains(i))
                                .collect();
                            ids.extend(extra);
                        }
                        state.dispatch(Action::Select(ids));
                    }
                }
                Drag::Pan { .. } => {}
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
            let zoom = (v.zoom * (-e.delta_y() * 0.0015).exp()).clamp(0.1, 4.0);
            let (px, py) = (e.client_x() as f64 - l, e.client_y() as f64 - t);
            let (ax, ay) = (px / v.zoom + v.x, py / v.zoom + v.y);
            state.dispatch(Action::SetView(View {
                zoom,
                x: ax - px / zoom,
                y: ay - py / zoom,
            }));
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
