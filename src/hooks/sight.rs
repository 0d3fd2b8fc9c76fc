//! Commands that act on the part of the canvas a person sees: zoom about its middle, add a box
//! in a free spot of it, and bring a found or checked box into it.

use crate::browser;
use crate::state::{Action, State, View};
use dealscope_core::edit::{free_spot, Command, NODE_H, NODE_W};
use dealscope_core::{ComponentId, KindTag};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The part of the canvas `svg_ref` in sight under `view`, in canvas units (x, y, width,
/// height): the canvas less what lies below the window and under a phone's sheet.
pub fn in_sight(view: View, svg_ref: &NodeRef) -> Option<(f64, f64, f64, f64)> {
    let (_, _, w, h) = browser::seen_rect(svg_ref)?;
    Some((view.x, view.y, w / view.zoom, h / view.zoom))
}

/// The callbacks of [`use_sight`].
pub struct Sight {
    /// Zooms by a factor, keeping the middle of what is in sight where it is.
    pub on_zoom: Callback<f64>,
    /// Adds a component of a kind in a free spot of what is in sight; the new box takes focus.
    pub on_add: Callback<KindTag>,
    /// Brings a component a search found to the middle of what is in sight.
    pub on_found: Callback<u32>,
    /// Selects a diagram check's components and brings the first to the middle.
    pub on_show: Callback<Vec<ComponentId>>,
}

/// The commands on what is in sight, for the canvas `svg_ref`. `focus_request` is the slot of
/// `use_focus_follow`, which brings a component into view after the next render.
#[hook]
pub fn use_sight(
    state: &UseReducerHandle<State>,
    svg_ref: &NodeRef,
    focus_request: &Rc<RefCell<Option<(u32, bool)>>>,
    dispatch: &Callback<Action>,
) -> Sight {
    let on_zoom = {
        let (state, svg_ref) = (state.clone(), svg_ref.clone());
        Callback::from(move |factor: f64| {
            if let Some((_, _, w, h)) = browser::seen_rect(&svg_ref) {
                let view = state.view.zoom_at(factor, w / 2.0, h / 2.0);
                state.dispatch(Action::SetView(view));
            }
        })
    };
    let on_add = {
        let (state, svg_ref, focus_request) =
            (state.clone(), svg_ref.clone(), focus_request.clone());
        Callback::from(move |kind: KindTag| {
            let seen = in_sight(state.view, &svg_ref).unwrap_or_default();
            let seen = (seen.0 as f32, seen.1 as f32, seen.2 as f32, seen.3 as f32);
            let (x, y) = free_spot(state.diagram(), seen);
            *focus_request.borrow_mut() = Some((state.diagram().next_id().0, true));
            state.dispatch(Action::Do(Command::Add { kind, x, y }));
        })
    };
    let on_found = {
        let focus_request = focus_request.clone();
        Callback::from(move |id: u32| *focus_request.borrow_mut() = Some((id, false)))
    };
    // The same for the app's whole life, so the side panel that takes it is not drawn again
    // just because the app was.
    let on_show = {
        let (focus_request, dispatch) = (focus_request.clone(), dispatch.clone());
        use_callback((), move |ids: Vec<ComponentId>, _| {
            // On a phone the checks lie below the canvas: the page scrolls up to it.
            browser::reveal_canvas();
            *focus_request.borrow_mut() = ids.first().map(|id| (id.0, false));
            dispatch.emit(Action::Select(ids));
        })
    };
    Sight {
        on_zoom,
        on_add,
        on_found,
        on_show,
    }
}

/// Brings the route of a newly chosen verdict cell into sight: panned to the middle of what is
/// in sight when it is not all there, and zoomed out when it does not fit.
#[hook]
pub fn use_route_in_sight(
    cell: Option<(usize, usize)>,
    report: &crate::same::Same<dealscope_core::Report>,
    state: &UseReducerHandle<State>,
    svg_ref: &NodeRef,
) {
    let (report, state, svg_ref) = (report.clone(), state.clone(), svg_ref.clone());
    // Only when the choice changes: an edit to a diagram with a cell chosen moves nothing, and
    // a render (every dragging frame) does no work here.
    use_effect_with(cell, move |_| {
        let Some(f) = cell
            .and_then(|(c, r)| report.cell(c, r))
            .and_then(|cell| cell.findings.first())
        else {
            return;
        };
        let d = state.diagram();
        let boxes = f.route.iter().filter_map(|h| d.component(h.component));
        let (x0, y0, x1, y1) = boxes.fold(
            (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
            |(a, b, c, e), k| {
                let (x, y) = (f64::from(k.x), f64::from(k.y));
                (
                    a.min(x),
                    b.min(y),
                    c.max(x + NODE_W as f64),
                    e.max(y + NODE_H as f64),
                )
            },
        );
        if x0 > x1 {
            return;
        }
        let Some((_, _, w, h)) = browser::seen_rect(&svg_ref) else {
            return;
        };
        if let Some(view) = state.view.framing((x0, y0, x1 - x0, y1 - y0), w, h) {
            state.dispatch(Action::SetView(view));
        }
    });
}
