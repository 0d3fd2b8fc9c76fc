//! The app shell: header, palette, canvas, inspector and verdict panel, wired to one reducer.
//!
//! The check report is derived with `use_memo` from the diagram; it is never stored. A drag only
//! changes the local `drag` state, so the checker does not run until the drag commits on
//! pointer-up.

use crate::browser;
use crate::canvas::{Canvas, Drag, Highlight};
use crate::files::{Scenarios, SharePanel};
use crate::icons::kind_icon;
use crate::inspector::Inspector;
use crate::same::Same;
use crate::state::{free_spot, Action, Doc, State, Stored, View};
use crate::verdicts::Verdicts;
use dealscope_core::edit::{in_rect, Command, GRID, NODE_H, NODE_W};
use dealscope_core::link::{decode, encode_verified, Scenario};
use dealscope_core::presets::PRESETS;
use dealscope_core::saves::{AUTOSAVE_KEY, CORRUPT_KEY, SAVES_KEY};
use dealscope_core::{
    builtin_clauses, builtin_readings, check_with, repair, Clause, ComponentId, Diagram, Edit,
    KindTag, Report, Verdict,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

fn palette_blurb(k: KindTag) -> &'static str {
    match k {
        KindTag::Customer => "An enterprise or a government buyer",
        KindTag::Product => "An enterprise product such as Frontier",
        KindTag::Endpoint => "A stateless API or a stateful runtime",
        KindTag::Model => "An AI model, owned by a party",
        KindTag::Host => "Azure, AWS, Google Cloud, Oracle, on-premises",
        KindTag::Party => "Microsoft, OpenAI, Amazon, a partner",
    }
}

/// The text that the aria-live region announces after a change of verdicts.
fn announce(
    prev: &[Verdict],
    report: &Report,
    clauses: &[dealscope_core::Clause],
    readings: &[dealscope_core::Reading],
) -> String {
    let mut changes = Vec::new();
    for (i, cell) in report.cells.iter().enumerate() {
        if prev.get(i).is_some_and(|p| *p != cell.verdict) {
            let (c, r) = (i / report.readings.max(1), i % report.readings.max(1));
            changes.push(format!(
                "{} {} reading now {}",
                clauses
                    .get(c)
                    .map(|c| c.id.to_ascii_uppercase())
                    .unwrap_or_default(),
                readings.get(r).map(|r| r.name.as_str()).unwrap_or(""),
                cell.verdict.keyword()
            ));
        }
    }
    if changes.is_empty() {
        String::new()
    } else {
        format!(
            "{}. {} of {} cells breach.",
            changes.join("; "),
            report.breaches(),
            report.cells.len()
        )
    }
}

#[derive(Properties, PartialEq)]
struct OutlineProps {
    diagram: Same<Diagram>,
}

/// The text outline for screen readers: a component, so a drag does not rebuild it.
#[function_component]
fn Outline(p: &OutlineProps) -> Html {
    let d = &p.diagram;
    let items = d.components.iter().map(|c| {
        let hosting = match d.provider_of(c.id) {
            Some(p) => format!(", hosted on {}", p.name()),
            None if c.kind.tag().needs_hosting() => ", not hosted".into(),
            None => String::new(),
        };
        let links: Vec<String> = d
            .relations
            .iter()
            .filter(|r| r.from == c.id && r.kind != dealscope_core::RelationKind::HostedOn)
            .map(|r| format!("{} {}", r.kind.label(), d.label(r.to)))
            .collect();
        html! {
            <li>
                {format!("{} \u{201c}{}\u{201d}{}", c.kind.tag().title(), c.label, hosting)}
                { if links.is_empty() { html! {} } else { html! { <span class="muted">{format!(": {}", links.join("; "))}</span> } } }
            </li>
        }
    });
    html! {
        <details class="outline">
            <summary>{format!("Text outline ({} components, {} relations)", d.components.len(), d.relations.len())}</summary>
            <ul>{ for items }</ul>
        </details>
    }
}

/// The application.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let stored = Stored {
            autosave: browser::load(AUTOSAVE_KEY),
            saves: browser::load(SAVES_KEY),
            hash: browser::hash(),
            generate: crate::hooks::generate_size(),
        };
        let raw = stored.autosave.clone();
        let (s, corrupt) = State::boot(stored);
        if corrupt {
            // Never overwrite what could not be read: move it aside first.
            let _ = browser::store(CORRUPT_KEY, &raw.unwrap_or_default());
        }
        s
    });
    // The user's clauses are parsed on every keystroke; the valid ones join the built-ins.
    let parsed = use_memo(state.clauses.clone(), |text| {
        dealscope_core::lang::parse(text)
    });
    let clauses = use_memo(parsed.clone(), |p| {
        let mut all = builtin_clauses();
        all.extend(p.clauses.iter().cloned());
        all
    });
    let readings = use_memo((), |_| builtin_readings());
    let diagram = Same(state.diagram().clone());
    // A keystroke in the workbench changes one clause: the others keep their cells.
    let checked = use_mut_ref(|| None::<(Rc<Diagram>, Rc<Vec<Clause>>, Rc<Report>)>);
    let report = {
        let readings = readings.clone();
        let memo = use_memo((diagram.clone(), clauses.clone()), move |(d, clauses)| {
            let mut last = checked.borrow_mut();
            let earlier = last
                .as_ref()
                .filter(|(before, _, _)| Rc::ptr_eq(before, &d.0))
                .map(|(_, clauses, report)| (clauses.as_slice(), &**report));
            let report = dealscope_core::check::recheck(d, clauses, &readings, earlier);
            let report = Rc::new(report);
            *last = Some((d.0.clone(), clauses.clone(), report.clone()));
            report
        });
        Same(Rc::clone(&*memo))
    };
    // The flips show only for the chosen cell, so only its clause is checked again, under each
    // switched assumption that changes what it asks; the disagreements are read off the report.
    let comparison = {
        let (readings, report) = (readings.clone(), report.clone());
        use_memo(
            (diagram.clone(), clauses.clone(), state.cell),
            move |(d, clauses, cell)| dealscope_core::Comparison {
                disagreements: dealscope_core::compare::disagreements(clauses, &readings, &report),
                flips: match cell {
                    Some(at) => {
                        dealscope_core::compare::flips(d, clauses, &readings, &report, Some(*at))
                    }
                    None => Vec::new(),
                },
            },
        )
    };
    let fix = {
        let readings = readings.clone();
        use_memo(
            (diagram.clone(), clauses.clone(), state.cell),
            move |(d, clauses, cell)| {
                let (c, r) = (*cell)?;
                repair(d, clauses.get(c)?, readings.get(r)?).map(Rc::new)
            },
        )
    };
    let outcomes = {
        let (clauses, readings) = (clauses.clone(), readings.clone());
        use_memo((report.clone(), parsed.clone()), move |(report, parsed)| {
            dealscope_core::check::expectations(report, &clauses, &readings, &parsed.expectations)
        })
    };
    let scenario_diff = {
        let readings = readings.clone();
        let other = state.compare.clone();
        use_memo(
            (other, clauses.clone(), report.clone()),
            move |(other, clauses, report)| {
                other.as_ref().map(|(_, sc)| {
                    let theirs = check_with(&sc.diagram, clauses, &readings);
                    Rc::new(dealscope_core::compare::diff(&theirs, report))
                })
            },
        )
    };
    let previous = use_mut_ref(Vec::<Verdict>::new);
    let live = {
        let (clauses, readings, report, previous) = (
            clauses.clone(),
            readings.clone(),
            report.clone(),
            previous.clone(),
        );
        use_memo(report.clone(), move |_| {
            let text = announce(&previous.borrow(), &report, &clauses, &readings);
            *previous.borrow_mut() = report.cells.iter().map(|c| c.verdict).collect();
            text
        })
    };
    let drag = use_state(|| None::<Drag>);
    let touches: Rc<RefCell<HashMap<i32, (f64, f64)>>> = use_mut_ref(HashMap::new);
    let svg_ref = use_node_ref();
    let focus_request = use_mut_ref(|| None::<u32>);
    {
        let focus_request = focus_request.clone();
        use_effect(move || {
            if let Some(id) = focus_request.borrow_mut().take() {
                browser::focus_node(id);
            }
        });
    }
    // One callback for the whole life of the app: children that take it are not rendered again
    // just because the app was (a drag frame renders the app, and must not render the panels).
    let dispatch: Callback<Action> = {
        let dispatcher = state.dispatcher();
        use_callback((), move |a: Action, _| dispatcher.dispatch(a))
    };

    // --- persistence ------------------------------------------------------------------------
    {
        // Autosave the user's own work, debounced; paused while another tab's version waits.
        let generation = use_mut_ref(|| 0u64);
        let dispatch = dispatch.clone();
        // Cheap to hold and compare: the diagram is shared, never copied on a render.
        let current = (diagram.clone(), state.name.clone(), state.clauses.clone());
        let active = state.doc == Doc::Own && state.conflict.is_none();
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
        use_effect_with(state.saves.clone(), move |saves| {
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
    use_effect_with(state.doc, |doc| {
        if *doc == Doc::Own && browser::hash().is_some() {
            browser::clear_hash();
        }
    });
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            browser::register_service_worker();
            crate::hooks::after_first_render();
            let d1 = dispatch.clone();
            let hash = browser::on_window("hashchange", move |_| {
                if let Some(h) = browser::hash() {
                    match decode(&h) {
                        Ok(sc) => d1.emit(Action::OpenShared(sc)),
                        Err(e) => d1.emit(Action::LinkFailed(e.to_string())),
                    }
                }
            });
            let storage = browser::on_window("storage", move |e| {
                if let Some((key, Some(value))) = browser::storage_change(&e) {
                    if key == AUTOSAVE_KEY {
                        if let Ok(sc) = dealscope_core::link::decode_stored(&value) {
                            dispatch.emit(Action::OtherTab(sc));
                        }
                    }
                }
            });
            move || drop((hash, storage))
        });
    }

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
                if e.button() != 0 {
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
                touches.borrow_mut().insert(e.pointer_id(), (cx, cy));
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
                if let Some(p) = t.get_mut(&e.pointer_id()) {
                    let before = *p;
                    *p = (cx, cy);
                    if t.len() == 2 {
                        // Pinch: zoom by the change in distance between the two touches.
                        let other = t
                            .iter()
                            .find(|(k, _)| **k != e.pointer_id())
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
            touches.borrow_mut().remove(&e.pointer_id());
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
            touches.borrow_mut().remove(&e.pointer_id());
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
        use_effect_with(state.preset.clone(), move |_| fit());
    }

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
            if browser::typing() {
                return;
            }
            let ctrl = e.ctrl_key() || e.meta_key();
            let key = e.key();
            let step = if e.shift_key() { GRID * 5.0 } else { GRID };
            let action = match (ctrl, key.as_str()) {
                (true, "z") | (true, "Z") if e.shift_key() => Some(Action::Redo),
                (true, "z") | (true, "Z") => Some(Action::Undo),
                (true, "y") | (true, "Y") => Some(Action::Redo),
                (true, "c") => Some(Action::Copy),
                (true, "v") => Some(Action::Paste),
                (false, "Delete") | (false, "Backspace") => Some(Action::DeleteSelection),
                (false, "Escape") => Some(Action::Escape),
                (false, "c") | (false, "C") => Some(Action::StartConnect),
                (false, "f") | (false, "F") => {
                    fit();
                    None
                }
                (false, "ArrowUp")
                | (false, "ArrowDown")
                | (false, "ArrowLeft")
                | (false, "ArrowRight") => {
                    let (dx, dy) = match key.as_str() {
                        "ArrowUp" => (0.0, -step),
                        "ArrowDown" => (0.0, step),
                        "ArrowLeft" => (-step, 0.0),
                        _ => (step, 0.0),
                    };
                    (!state.selection.is_empty()).then(|| {
                        // Keep focus on the moved node after the re-render.
                        *focus_request.borrow_mut() = state.selection.first().map(|i| i.0);
                        Action::Do(Command::Move {
                            ids: state.selection.clone(),
                            dx,
                            dy,
                        })
                    })
                }
                _ => None,
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

    // --- derived view data ------------------------------------------------------------------
    let highlight = {
        let mut h = Highlight::default();
        if let Some(cell) = state.cell.and_then(|(c, r)| report.cell(c, r)) {
            if let Some(f) = cell.findings.first() {
                h.open = f.kind == dealscope_core::FindingKind::Undetermined;
                h.route = f
                    .route
                    .iter()
                    .map(|hop| (hop.component, hop.offending))
                    .collect();
                h.at = f
                    .route
                    .iter()
                    .scan(0, |next, hop| {
                        let at = *next + hop.skipped;
                        *next = at + 1;
                        Some(at)
                    })
                    .collect();
            }
        }
        if state.preview {
            if let Some(rep) = fix.as_ref() {
                h.preview = rep
                    .edits
                    .iter()
                    .filter_map(|e| match e {
                        Edit::Rehost {
                            component,
                            provider,
                        } => Some((*component, provider.name().to_string())),
                        _ => None,
                    })
                    .collect();
            }
        }
        h
    };
    let problem_ids: Vec<ComponentId> = report
        .problems
        .iter()
        .flat_map(|p| p.components.iter().copied())
        .collect();

    let palette = KindTag::ALL.into_iter().map(|kind| {
        let drag = drag.clone();
        let down = Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                drag.set(Some(Drag::Palette { kind, x: e.client_x() as f64, y: e.client_y() as f64 }));
            }
        });
        let (state, focus_request) = (state.clone(), focus_request.clone());
        let click = Callback::from(move |_: MouseEvent| {
            let (x, y) = free_spot(state.diagram());
            *focus_request.borrow_mut() = Some(state.diagram().next_id().0);
            state.dispatch(Action::Do(Command::Add { kind, x, y }));
        });
        html! {
            <li>
                <button class={classes!("palette-item", format!("k-{}", kind.keyword()))} data-kind={kind.keyword()}
                    onpointerdown={down} onclick={click}
                    title={format!("Drag onto the canvas, or press Enter to add a {}", kind.title().to_ascii_lowercase())}>
                    <span class="kind-icon">{kind_icon(kind)}</span>
                    <span class="palette-text"><strong>{kind.title()}</strong><small>{palette_blurb(kind)}</small></span>
                </button>
            </li>
        }
    });
    let ghost = match &*drag {
        Some(Drag::Palette { kind, x, y }) => html! {
            // An SVG layer, not a style attribute: the page's CSP forbids inline styles.
            <svg class="ghost-layer" aria-hidden="true">
                <g class="ghost" transform={format!("translate({},{})", crate::canvas::num(x - 84.0), crate::canvas::num(y - 32.0))}>
                    <rect width="168" height="64" rx="10" />
                    <g class="kind-icon" transform="translate(14,22)">{kind_icon(*kind)}</g>
                    <text x="44" y="37">{kind.title()}</text>
                </g>
            </svg>
        },
        _ => html! {},
    };
    let preset_change = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(id) = browser::select_value(&e) {
                state.dispatch(Action::OpenPreset(id));
            }
        })
    };
    let undo = dispatch.reform(|_: MouseEvent| Action::Undo);
    let redo = dispatch.reform(|_: MouseEvent| Action::Redo);
    let fit_click = {
        let fit = fit.clone();
        Callback::from(move |_: MouseEvent| fit())
    };
    let zoom_by = |f: f64| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let v = state.view;
            state.dispatch(Action::SetView(View {
                zoom: v.zoom * f,
                ..v
            }))
        })
    };
    let message = state.message.clone().map(|(err, text)| {
        let close = dispatch.reform(|_: MouseEvent| Action::Escape);
        html! {
            <div class={classes!("toast", err.then_some("error"))} role={if err { "alert" } else { "status" }}>
                <span>{text}</span>
                <button class="icon-btn" onclick={close} aria-label="Dismiss">{"\u{00d7}"}</button>
            </div>
        }
    });
    let problems = (!report.problems.is_empty()).then(|| {
        html! {
            <section class="problems" aria-label="Diagram checks">
                <h2>{format!("Diagram checks ({})", report.problems.len())}</h2>
                <ul>{ for report.problems.iter().map(|p| html! { <li>{p.message.clone()}</li> }) }</ul>
            </section>
        }
    });
    let rename = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = browser::input_value(&e) {
                dispatch.emit(Action::Rename(v));
            }
        })
    };
    let share = {
        let (dispatch, open) = (dispatch.clone(), state.sharing);
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Share(!open)))
    };
    let banner = if let Some(sc) = &state.conflict {
        let take = dispatch.reform(|_: MouseEvent| Action::Resolve(true));
        let keep = dispatch.reform(|_: MouseEvent| Action::Resolve(false));
        Some(html! {
            <div class="banner warn" role="alert">
                <span>{format!("Another tab saved a different version of this scenario (\u{201c}{}\u{201d}). Autosave is paused here until you choose.", sc.name)}</span>
                <button class="btn" onclick={take}>{"Load the other tab's"}</button>
                <button class="btn primary" onclick={keep}>{"Keep this tab's"}</button>
            </div>
        })
    } else if state.doc == Doc::Shared {
        let keep = dispatch.reform(|_: MouseEvent| Action::KeepShared);
        let back = dispatch.reform(|_: MouseEvent| Action::BackToOwn);
        Some(html! {
            <div class="banner" role="region" aria-label="Shared scenario" data-testid="shared-banner">
                <span>{format!("Shared scenario \u{201c}{}\u{201d}: not saved on this device.", state.name)}</span>
                <button class="btn primary" onclick={keep}>{"Keep a copy"}</button>
                { if state.stash.is_some() { html! { <button class="btn" onclick={back}>{"Back to my work"}</button> } } else { html! {} } }
            </div>
        })
    } else {
        None
    };
    let preset_title = PRESETS
        .iter()
        .find(|p| p.id == state.preset)
        .map(|p| p.summary)
        .unwrap_or("");

    html! {
        <div class={classes!("app", drag.is_some().then_some("dragging"))} onpointermove={on_move} onpointerup={on_up}
            onpointercancel={on_cancel}>
            <header class="topbar">
                <div class="brand"><span class="logo" aria-hidden="true">{kind_icon(KindTag::Host)}</span><h1>{"dealscope"}</h1></div>
                <label class="name">
                    <span class="visually-hidden">{"Scenario name"}</span>
                    <input type="text" value={state.name.clone()} maxlength="80" aria-label="Scenario name" onchange={rename} />
                </label>
                <label class="preset">
                    <span class="visually-hidden">{"Scenario"}</span>
                    <select onchange={preset_change} aria-label="Open a preset scenario">
                        <option value="" selected={state.preset.is_empty()} disabled=true>{"Open a preset scenario\u{2026}"}</option>
                        { for PRESETS.iter().map(|p| html! { <option value={p.id} selected={p.id == state.preset}>{p.title}</option> }) }
                    </select>
                </label>
                <div class="tools" role="toolbar" aria-label="Edit">
                    <button class="btn" onclick={undo} disabled={!state.history.can_undo()} title="Undo (Ctrl+Z)">{"Undo"}</button>
                    <button class="btn" onclick={redo} disabled={!state.history.can_redo()} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">{"Redo"}</button>
                    <span class="sep" />
                    <button class="btn" onclick={zoom_by(1.0 / 1.2)} title="Zoom out" aria-label="Zoom out">{"\u{2212}"}</button>
                    <span class="zoom" aria-label="Zoom level">{format!("{}%", (view.zoom * 100.0).round() as i64)}</span>
                    <button class="btn" onclick={zoom_by(1.2)} title="Zoom in" aria-label="Zoom in">{"+"}</button>
                    <button class="btn" onclick={fit_click} title="Fit to view (F)">{"Fit"}</button>
                    <span class="sep" />
                    <button class="btn primary" onclick={share} aria-expanded={state.sharing.to_string()} data-testid="share">{"Share"}</button>
                </div>
                { if state.sharing { html! { <SharePanel scenario={state.scenario()} dispatch={dispatch.clone()} /> } } else { html! {} } }
            </header>
            <nav class="palette" aria-label="Components">
                <h2>{"Components"}</h2>
                <ul>{ for palette }</ul>
                <p class="small muted keys">{"Drag onto the canvas or press Enter. Select, then C to connect. Arrows move, Delete removes."}</p>
            </nav>
            <main class="stage">
                <Canvas diagram={diagram.clone()} selection={state.selection.clone()} relation={state.relation}
                    connect_from={state.connect_from} highlight={highlight} drag={(*drag).clone()} view={view}
                    problems={problem_ids} svg_ref={svg_ref.clone()} on_node_down={on_node_down}
                    on_handle_down={on_handle_down} on_background_down={on_background_down}
                    on_relation={on_relation} on_node_key={on_node_key} on_wheel={on_wheel} />
                { if diagram.components.is_empty() { html! {
                    <div class="empty-state"><p><strong>{"An empty deal."}</strong></p><p>{"Drag a component from the palette, or open a preset scenario from the menu above."}</p></div>
                } } else { html! {} } }
                <p class="scenario-note small">{preset_title}</p>
                { for banner }
                { for message }
            </main>
            <aside class="side">
                <Verdicts clauses={Same(clauses.clone())} readings={Same(readings.clone())} report={report.clone()} diagram={diagram.clone()}
                    comparison={Same(comparison.clone())} builtin={clauses.len() - parsed.clauses.len()} outcomes={Same(outcomes.clone())} cell={state.cell} repair={(*fix).clone().map(Same)} preview={state.preview}
                    dispatch={dispatch.clone()} />
                <Inspector diagram={diagram.clone()} selection={state.selection.clone()} relation={state.relation} dispatch={dispatch.clone()} />
                { for problems }
                { match (&state.compare, (*scenario_diff).clone()) {
                    (Some((name, _)), Some(diff)) => html! { <crate::compare::ComparePanel other={name.clone()} diff={Same(diff)} dispatch={dispatch.clone()} /> },
                    _ => html! {},
                } }
                <crate::workbench::Workbench text={state.clauses.clone()} parsed={Same(parsed.clone())} outcomes={Same(outcomes.clone())} dispatch={dispatch.clone()} />
                <Scenarios name={state.name.clone()} diagram={diagram.clone()} clauses={state.clauses.clone()} saves={state.saves.clone()} doc={state.doc} svg_ref={svg_ref.clone()} dispatch={dispatch.clone()} />
                <Outline diagram={diagram.clone()} />
            </aside>
            <div class="visually-hidden" aria-live="polite" role="status" data-testid="announcer">{(*live).clone()}</div>
            {ghost}
        </div>
    }
}
