//! Keyboard focus on the canvas: after a render, the component asked for (just added, or moved
//! with the arrow keys) gets focus, and the view pans the least it can to show it; a box found
//! by a search comes to the middle of the view.

use crate::browser;
use crate::state::{Action, State, View};
use dealscope_core::edit::{reveal, NODE_H, NODE_W};
use dealscope_core::ComponentId;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Screen pixels kept between a revealed component and the canvas's edge.
const MARGIN_PX: f64 = 24.0;

/// Returns the request slot: put a component's id in it, and after the next render that
/// component is in view on the canvas `svg_ref`, and focused when the flag says so (a search
/// keeps the focus in its field).
#[hook]
pub fn use_focus_follow(
    state: &UseReducerHandle<State>,
    svg_ref: &NodeRef,
) -> Rc<RefCell<Option<(u32, bool)>>> {
    let request = use_mut_ref(|| None::<(u32, bool)>);
    {
        let (request, state, svg_ref) = (request.clone(), state.clone(), svg_ref.clone());
        use_effect(move || {
            let Some((id, focus)) = request.borrow_mut().take() else {
                return;
            };
            if focus {
                browser::focus_node(id);
            }
            let Some(c) = state.diagram().component(ComponentId(id)) else {
                return;
            };
            // Only the part of the canvas a person sees counts: a phone's sheet covers its foot.
            let v = state.view;
            let Some(visible) = super::sight::in_sight(v, &svg_ref) else {
                return;
            };
            let item = (c.x as f64, c.y as f64, NODE_W as f64, NODE_H as f64);
            let (mut dx, mut dy) = reveal(item, visible, MARGIN_PX / v.zoom);
            // A search's find, when out of view, comes to the middle of the part in sight; a
            // moved or added box pans the least it can.
            if !focus && (dx != 0.0 || dy != 0.0) {
                dx = item.0 + item.2 / 2.0 - (visible.0 + visible.2 / 2.0);
                dy = item.1 + item.3 / 2.0 - (visible.1 + visible.3 / 2.0);
            }
            if dx != 0.0 || dy != 0.0 {
                state.dispatch(Action::SetView(View {
                    x: v.x + dx,
                    y: v.y + dy,
                    ..v
                }));
            }
        });
    }
    request
}
