//! Keeping the user's work: the debounced autosave (flushed when the page is hidden), My
//! scenarios written back on change, messages that fade, the address cleared once the user's
//! own work is open, and the window's `hashchange` (a pasted link) and `storage` (another tab
//! saved) events. Also the service worker and the measurement hooks, once, after the first
//! render.

use crate::browser;
use crate::same::Same;
use crate::state::{Action, Changed, Doc, State};
use dealscope_core::io::link::{encode_verified, open_fragment, Scenario};
use dealscope_core::io::saves::{AUTOSAVE_KEY, SAVES_KEY};
use dealscope_core::Diagram;
use yew::prelude::*;

/// Wires the state to the browser's storage and window events.
#[hook]
pub fn use_persistence(
    state: &UseReducerHandle<State>,
    diagram: &Same<Diagram>,
    dispatch: &Callback<Action>,
) {
    {
        // Autosave the user's own work, debounced; paused while another tab's version waits.
        let generation = use_mut_ref(|| 0u64);
        let dispatch = dispatch.clone();
        // Cheap to hold and compare: the diagram is shared, never copied on a render.
        let current = (
            diagram.clone(),
            state.ws.work.name.clone(),
            state.ws.work.clauses.clone(),
        );
        let active = state.ws.autosave().is_some();
        type Current = (Same<Diagram>, String, String);
        let snapshot = |(d, name, clauses): &Current| Scenario {
            name: name.clone(),
            diagram: (**d).clone(),
            clauses: clauses.clone(),
        };
        // Leaving the page flushes at once, so the debounce never loses the last edit.
        let latest = use_mut_ref(|| None::<Current>);
        *latest.borrow_mut() = active.then(|| current.clone());
        use_effect_with((), move |_| {
            let guard = browser::on_window("pagehide", move |_| {
                if let Some(cur) = latest.borrow().as_ref() {
                    // Only what reads back is written: the last good autosave stays otherwise.
                    if let Ok(text) = encode_verified(&snapshot(cur)) {
                        let _ = browser::store(AUTOSAVE_KEY, &text);
                    }
                }
            });
            move || drop(guard)
        });
        use_effect_with((current, active), move |(current, active)| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            if *active {
                // Copied only once the debounce has passed: a keystroke costs no copy of the work.
                let current = current.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(250)).await;
                    if *generation.borrow() != mine {
                        return;
                    }
                    let stored = encode_verified(&snapshot(&current))
                        .map_err(|e| format!("it would not read back ({e})"))
                        .and_then(|text| browser::store(AUTOSAVE_KEY, &text));
                    if let Err(e) = stored {
                        dispatch.emit(Action::Say(true, format!("Autosave failed: {e}. The last autosave is kept, and your work is kept in this tab; export it to a file to be safe.")));
                    }
                });
            }
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.ws.saves.clone(), move |saves| {
            if let Err(e) = browser::store(SAVES_KEY, &saves.to_text()) {
                dispatch.emit(Action::Say(true, format!("Saving My scenarios failed: {e}. They are kept in this tab; export them to files to be safe.")));
            }
        });
    }
    {
        // Informational messages fade after a while; errors stay until dismissed.
        let dispatch = dispatch.clone();
        use_effect_with(state.message.clone(), move |message| {
            if let Some((false, text)) = message.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_secs(8)).await;
                    dispatch.emit(Action::Dismiss(text));
                });
            }
        });
    }
    use_effect_with(state.ws.doc, |doc| {
        if *doc == Doc::Own && browser::hash().is_some() {
            browser::clear_hash();
        }
    });
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            browser::register_service_worker();
            crate::measure::after_first_render();
            let d1 = dispatch.clone();
            // Links that wait for their inflation open in the order they came, and so do other
            // tabs' saves (each kind in its own order): one overtaken by a later one of its kind
            // while it waited does not open at all. An address cleared, or a save removed, counts
            // as a later one.
            let (links, saved) = (Latest::default(), Latest::default());
            let hash = browser::on_window("hashchange", move |_| {
                let mine = links.next();
                let Some(h) = browser::hash() else {
                    return;
                };
                let d1 = d1.clone();
                let pending = dealscope_core::io::inflate::pending(&h);
                let links = links.clone();
                browser::after_inflating(pending, move || {
                    if !links.is(mine) {
                        return;
                    }
                    let (scenario, sides) = open_fragment(&h);
                    match scenario {
                        Some(Ok(sc)) => d1.emit(Action::OpenShared(sc)),
                        Some(Err(e)) => d1.emit(Action::LinkFailed(e.to_string())),
                        None => {}
                    }
                    match sides {
                        Some(Ok(sides)) => {
                            d1.emit(Action::WhatChanged(Changed { open: true, sides }))
                        }
                        Some(Err(e)) => d1.emit(Action::LinkFailed(e.to_string())),
                        None => {}
                    }
                });
            });
            let storage = browser::on_window("storage", move |e| {
                let Some((key, value)) = browser::storage_change(e) else {
                    return;
                };
                if key != AUTOSAVE_KEY {
                    return;
                }
                let mine = saved.next();
                let Some(value) = value else {
                    return;
                };
                let dispatch = dispatch.clone();
                let pending = dealscope_core::io::inflate::pending(&value);
                let saved = saved.clone();
                browser::after_inflating(pending, move || {
                    if !saved.is(mine) {
                        return;
                    }
                    if let Ok(sc) = dealscope_core::io::link::decode_stored(&value) {
                        dispatch.emit(Action::OtherTab(sc));
                    }
                });
            });
            move || drop((hash, storage))
        });
    }
}

/// A count of events, shared with the work each one starts, so that work finishing late can
/// tell whether a later event has come since.
#[derive(Clone, Default)]
struct Latest(std::rc::Rc<std::cell::Cell<u64>>);

impl Latest {
    /// Counts an event and returns its number.
    fn next(&self) -> u64 {
        self.0.set(self.0.get() + 1);
        self.0.get()
    }

    /// Whether event `n` is still the latest.
    fn is(&self, n: u64) -> bool {
        self.0.get() == n
    }
}
