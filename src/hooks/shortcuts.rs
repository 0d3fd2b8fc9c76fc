//! The keyboard: a node's own keys (select, connect) and the app's shortcuts, which work
//! wherever focus is except in a text field.

use crate::browser;
use crate::state::keys::{shortcut, Shortcut};
use crate::state::{Action, State};
use dealscope_core::edit::Command;
use dealscope_core::ComponentId;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The handlers for a node's keys and for choosing a relation.
pub struct Keys {
    pub on_node_key: Callback<(ComponentId, KeyboardEvent)>,
    pub on_relation: Callback<usize>,
}

/// Installs the app's shortcuts on the window and returns the canvas's key handlers. `fit` fits
/// the view (F); `focus_request` names the node to focus after the next render.
#[hook]
pub fn use_shortcuts(
    state: &UseReducerHandle<State>,
    fit: Rc<dyn Fn()>,
    focus_request: &Rc<RefCell<Option<(u32, bool)>>>,
) -> Keys {
    // --- keyboard ---------------------------------------------------------------------------
    let on_node_key = {
        let state = state.clone();
        use_callback(
            (state.selection.clone(), state.connect_from),
            move |(id, e): (ComponentId, KeyboardEvent), _| match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    e.stop_propagation();
                    if state.connect_from.is_some() {
                        state.dispatch(Action::ConnectTo(id));
                    } else if e.shift_key() {
                        state.dispatch(Action::ToggleSelect(id));
                    } else {
                        state.dispatch(Action::Select(vec![id]));
                    }
                }
                "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight"
                    if !state.selection.contains(&id) =>
                {
                    state.dispatch(Action::Select(vec![id]));
                }
                _ => {}
            },
        )
    };
    let on_relation = {
        let state = state.clone();
        use_callback((), move |i: usize, _| {
            state.dispatch(Action::SelectRelation(i))
        })
    };
    let on_key = {
        let (state, fit, focus_request) = (state.clone(), fit.clone(), focus_request.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Escape always closes and clears (it changes no text); other keys are the field's.
            if e.key() == "Escape" {
                if state.help {
                    browser::focus_later("button.help-btn");
                }
                state.dispatch(Action::Escape);
                return;
            }
            // The help panel is modal: the keys act on the diagram only once it is closed.
            if browser::typing() || state.help {
                return;
            }
            let ctrl = e.ctrl_key() || e.meta_key();
            let action = match shortcut(&e.key(), ctrl, e.shift_key(), &state.selection) {
                Some(Shortcut::Fit) => {
                    fit();
                    None
                }
                Some(Shortcut::Rename) => {
                    browser::edit_later(crate::state::keys::LABEL_FIELD);
                    None
                }
                Some(Shortcut::LayOut) => {
                    state.dispatch(Action::LayOut);
                    fit();
                    None
                }
                // Text selected on the page is the browser's to copy, not the diagram's.
                Some(Shortcut::Act(Action::Copy)) if browser::text_selected() => None,
                Some(Shortcut::Act(a)) => {
                    match &a {
                        // Keep focus on the moved node after the re-render.
                        Action::Do(Command::Move { ids, .. }) => {
                            *focus_request.borrow_mut() = ids.first().map(|i| (i.0, true))
                        }
                        Action::Help(true) => {
                            return state.dispatch(crate::components::help::open())
                        }
                        _ => {}
                    }
                    Some(a)
                }
                None => None,
            };
            if let Some(a) = action {
                e.prevent_default();
                state.dispatch(a);
            }
        })
    };

    {
        // Shortcuts work wherever focus is: one window listener calls the latest handler.
        let latest = use_mut_ref(|| on_key.clone());
        *latest.borrow_mut() = on_key.clone();
        use_effect_with((), move |_| {
            let guard = browser::on_window_keydown(move |e| latest.borrow().emit(e));
            move || drop(guard)
        });
    }
    Keys {
        on_node_key,
        on_relation,
    }
}
