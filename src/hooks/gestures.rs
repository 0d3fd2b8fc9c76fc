//! The pointer gestures on the canvas: moving components, connecting them, selecting with a
//! band, panning (middle button, Alt, one finger), pinch and wheel zoom, dropping a palette item,
//! and fitting the view. The gesture in progress is local state; the diagram changes only when
//! it ends, so the checker does not run during a drag.

use crate::browser;
use crate::state::gesture::{Drag, Pointer, Step};
use crate::state::view::{pinch_factor, wheel_factor};
use crate::state::{Action, State, View};
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

/// What every handler needs: the state, the gesture, the touches, and the canvas element with
/// the view to convert the pointer through.
#[derive(Clone)]
struct Ctx {
    state: UseReducerHandle<State>,
    drag: UseStateHandle<Option<Drag>>,
    touches: Rc<RefCell<Touches>>,
    svg_ref: NodeRef,
    /// Read through a ref, so that callbacks converting coordinates stay the same across
    /// renders (the canvas's still scene then skips re-rendering during a drag).
    view: Rc<RefCell<View>>,
}

impl Ctx {
    /// The canvas point under client pixel (cx, cy), when the canvas is laid out.
    fn to_canvas(&self, cx: f64, cy: f64) -> Option<(f64, f64)> {
        let (l, t, _, _) = browser::rect(&self.svg_ref)?;
        Some(self.view.borrow().to_canvas(cx - l, cy - t))
    }

    /// Whether client pixel (cx, cy) is over the canvas.
    fn over_canvas(&self, cx: f64, cy: f64) -> bool {
        browser::rect(&self.svg_ref)
            .is_some_and(|(l, t, w, h)| cx >= l && cx <= l + w && cy >= t && cy <= t + h)
    }

    /// Forgets a touch that ended.
    fn lift(&self, e: &PointerEvent) {
        self.touches
            .borrow_mut()
            .retain(|(id, _)| *id != e.pointer_id());
    }
}

/// The canvas's gestures, converting the pointer through the canvas element `svg_ref`.
#[hook]
pub fn use_gestures(state: &UseReducerHandle<State>, svg_ref: &NodeRef) -> Gestures {
    let view = use_mut_ref(|| state.view);
    *view.borrow_mut() = state.view;
    let ctx = Ctx {
        state: state.clone(),
        drag: use_state(|| None::<Drag>),
        // Two touches at most matter (a pinch), so a list, not a map.
        touches: use_mut_ref(Vec::new),
        svg_ref: svg_ref.clone(),
        view,
    };
    let on_node_down = use_node_down(&ctx);
    let on_handle_down = use_handle_down(&ctx);
    let on_background_down = use_background_down(&ctx);
    let on_wheel = use_wheel(&ctx);
    let fit = {
        let (state, svg_ref) = (state.clone(), svg_ref.clone());
        move || {
            if let Some((_, _, w, h)) = browser::rect(&svg_ref) {
                state.dispatch(Action::Fit(w, h));
            }
        }
    };
    {
        // Show each scenario opened, once the canvas has a size, readably (see `View::first`).
        let (state, svg_ref) = (state.clone(), svg_ref.clone());
        use_effect_with(state.ws.preset.clone(), move |_| {
            if let Some((_, _, w, h)) = browser::rect(&svg_ref) {
                state.dispatch(Action::FitFirst(w, h));
            }
        });
    }
    Gestures {
        drag: ctx.drag.clone(),
        on_node_down,
        on_handle_down,
        on_background_down,
        on_move: on_move(ctx.clone()),
        on_up: on_up(ctx.clone()),
        on_cancel: {
            let ctx = ctx.clone();
            Callback::from(move |e: PointerEvent| {
                ctx.lift(&e);
                ctx.drag.set(None);
            })
        },
        on_wheel,
        fit: Rc::new(fit),
    }
}

/// Pressing a component: connect to it (keyboard connect mode), toggle it (Shift), or select
/// it and start moving the selection.
#[hook]
fn use_node_down(ctx: &Ctx) -> Callback<(ComponentId, PointerEvent)> {
    let (state, drag) = (ctx.state.clone(), ctx.drag.clone());
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
                state.dispatch(Action::Select(vec![id]));
                vec![id]
            };
            drag.set(Some(Drag::Move {
                ids,
                x0: e.client_x() as f64,
                y0: e.client_y() as f64,
                dx: 0.0,
                dy: 0.0,
            }));
        },
    )
}

/// Pressing a component's handle starts a connection.
#[hook]
fn use_handle_down(ctx: &Ctx) -> Callback<(ComponentId, PointerEvent)> {
    let ctx = ctx.clone();
    use_callback((), move |(from, e): (ComponentId, PointerEvent), _| {
        if let Some((x, y)) = ctx.to_canvas(e.client_x() as f64, e.client_y() as f64) {
            ctx.drag.set(Some(Drag::Connect { from, x, y }));
        }
    })
}

/// Pressing the background: pan (middle button, Alt, a finger) or start a selection band.
#[hook]
fn use_background_down(ctx: &Ctx) -> Callback<PointerEvent> {
    let ctx = ctx.clone();
    use_callback(ctx.state.view, move |e: PointerEvent, &view| {
        let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
        if e.pointer_type() == "touch" {
            ctx.lift(&e);
            ctx.touches.borrow_mut().push((e.pointer_id(), (cx, cy)));
        }
        let left_pans = crate::measure::left_pans();
        if e.button() == 1 || e.pointer_type() == "touch" || e.alt_key() || left_pans {
            ctx.drag.set(Some(Drag::Pan {
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
            ctx.state.dispatch(Action::Escape);
        }
        if let Some((x, y)) = ctx.to_canvas(cx, cy) {
            ctx.drag.set(Some(Drag::Band { x0: x, y0: y, x, y }));
        }
    })
}

/// A second finger moving: zoom by the change in distance between the two touches, about the
/// point between them. Returns whether the move was a pinch.
fn pinch(ctx: &Ctx, e: &PointerEvent, (cx, cy): (f64, f64)) -> bool {
    let mut t = ctx.touches.borrow_mut();
    let Some((_, p)) = t.iter_mut().find(|(id, _)| *id == e.pointer_id()) else {
        return false;
    };
    let before = core::mem::replace(p, (cx, cy));
    if t.len() != 2 {
        return false;
    }
    let other = t
        .iter()
        .find(|(k, _)| *k != e.pointer_id())
        .map(|(_, v)| *v);
    if let (Some(o), Some((l, top, _, _))) = (other, browser::rect(&ctx.svg_ref)) {
        if let Some(f) = pinch_factor(before, (cx, cy), o) {
            let (mx, my) = ((o.0 + cx) / 2.0 - l, (o.1 + cy) / 2.0 - top);
            let v = ctx.state.view.zoom_at(f, mx, my);
            ctx.state.dispatch(Action::SetView(v));
        }
    }
    true
}

/// The pointer moving, anywhere in the app (a palette item can be dragged onto the canvas).
fn on_move(ctx: Ctx) -> Callback<PointerEvent> {
    Callback::from(move |e: PointerEvent| {
        let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
        if e.pointer_type() == "touch" && pinch(&ctx, &e, (cx, cy)) {
            return;
        }
        let Some(current) = (*ctx.drag).clone() else {
            return;
        };
        let p = Pointer {
            client: (cx, cy),
            // Only what is drawn in canvas units asks where the canvas is, once a frame.
            canvas: match current {
                Drag::Connect { .. } | Drag::Band { .. } => ctx.to_canvas(cx, cy),
                _ => None,
            },
        };
        match current.moved(p, ctx.state.view.zoom) {
            Step::Drag(next) => ctx.drag.set(Some(next)),
            Step::View(v) => ctx.state.dispatch(Action::SetView(v)),
            Step::Still => {}
        }
    })
}

/// The pointer released: the gesture does what it does (see `Drag::finish`).
fn on_up(ctx: Ctx) -> Callback<PointerEvent> {
    Callback::from(move |e: PointerEvent| {
        ctx.lift(&e);
        let Some(current) = (*ctx.drag).clone() else {
            return;
        };
        ctx.drag.set(None);
        let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
        let p = Pointer {
            client: (cx, cy),
            canvas: ctx.to_canvas(cx, cy),
        };
        let state = &ctx.state;
        let d = state.diagram().clone();
        let over = ctx.over_canvas(cx, cy);
        if let Some(a) = current.finish(&d, &state.selection, p, over, e.shift_key()) {
            state.dispatch(a);
        }
    })
}

/// The wheel zooms about the pointer.
#[hook]
fn use_wheel(ctx: &Ctx) -> Callback<WheelEvent> {
    let (state, svg_ref) = (ctx.state.clone(), ctx.svg_ref.clone());
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
}
