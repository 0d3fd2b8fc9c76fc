//! The app's layout: the top bar, the palette, the canvas with its notices, and the side panels,
//! wired to one reducer. What it shows is derived (`hooks::derived`); the work is kept by
//! `hooks::persistence`; the canvas's gestures and the keyboard live in `hooks::gestures` and
//! `hooks::shortcuts`.

use crate::browser;
use crate::components::canvas::{Canvas, Minimap};
use crate::components::notices::{banner, toast};
use crate::components::palette::{ghost, palette, PaletteProps};
use crate::components::side::Side;
use crate::components::topbar::{topbar, TopbarProps};
use crate::hooks::derived::{highlight, use_derived};
use crate::hooks::focus::use_focus_follow;
use crate::hooks::gestures::use_gestures;
use crate::hooks::persistence::use_persistence;
use crate::hooks::print::{use_print, Printable};
use crate::hooks::shortcuts::use_shortcuts;
use crate::hooks::sight::{use_route_in_sight, use_sight};
use crate::hooks::use_apart;
use crate::same::SameState;
use crate::state::gesture::Drag;
use crate::state::{Action, State, Stored};
use dealscope_core::io::saves::{AUTOSAVE_KEY, CORRUPT_KEY, HINT_KEY, SAVES_KEY};
use dealscope_core::presets::PRESETS;
use dealscope_core::{ComponentId, KindTag};
use yew::prelude::*;

/// The state the app opens with: the address's link, the autosave and the saves, read from the
/// browser (their compressed data was inflated before the first render).
#[inline(never)]
fn boot() -> State {
    let stored = Stored {
        autosave: browser::load(AUTOSAVE_KEY),
        saves: browser::load(SAVES_KEY),
        hash: browser::hash(),
        generated: crate::measure::generated(),
    };
    let raw = stored.autosave.clone();
    let (mut s, corrupt) = State::boot(stored);
    s.hint = browser::load(HINT_KEY).is_none();
    if corrupt {
        // Never overwrite what could not be read: move it aside first.
        let _ = browser::store(CORRUPT_KEY, &raw.unwrap_or_default());
    }
    s
}

/// The application.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(boot);
    let derived = use_derived(&state);
    let svg_ref = use_node_ref();
    let focus_request = use_focus_follow(&state, &svg_ref);
    // One callback for the whole life of the app: children that take it are not rendered again
    // just because the app was (a drag frame renders the app, and must not render the panels).
    let dispatch: Callback<Action> = {
        let dispatcher = state.dispatcher();
        use_callback((), move |a: Action, _| dispatcher.dispatch(a))
    };
    use_apart(use_persistence(&state, &derived.diagram, &dispatch));
    let g = use_apart(use_gestures(&state, &svg_ref));
    let keys = use_apart(use_shortcuts(&state, g.fit.clone(), &focus_request));
    let sight = use_apart(use_sight(&state, &svg_ref, &focus_request, &dispatch));
    // The top bar and the palette are plain functions (no props to compare), so these need not
    // stay the same across renders.
    let on_fit = {
        let fit = g.fit.clone();
        Callback::from(move |_: ()| fit())
    };
    let on_grab = {
        let drag = g.drag.setter();
        Callback::from(move |(kind, x, y): (KindTag, f64, f64)| {
            drag.set(Some(Drag::Palette { kind, x, y }))
        })
    };
    // Double-click a box to rename it: it is selected and its label field takes the focus.
    let on_dblclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = browser::node_under(&e) {
                dispatch.emit(Action::Select(vec![ComponentId(id)]));
                browser::edit_later(crate::state::keys::LABEL_FIELD);
            }
        })
    };

    let (diagram, report, clauses) = (&derived.diagram, &derived.report, &derived.clauses);
    use_route_in_sight(state.cell, report, &state, &svg_ref);
    let fix = (*derived.fix).clone();
    let highlight = highlight(report, state.cell, fix.as_deref().filter(|_| state.preview));
    let problem_ids: Vec<ComponentId> = report
        .problems
        .iter()
        .flat_map(|p| p.components.iter().copied())
        .collect();
    let ghost = match &*g.drag {
        Some(Drag::Palette { kind, x, y }) => ghost(*kind, *x, *y, state.view.zoom),
        _ => html! {},
    };
    // The preset's caption describes it as it opened: after an edit it could be false.
    // The preset's caption, and whether the diagram is still as it opened: the caption holds
    // only then (after an edit the band stays, saying so, so that the canvas does not jump
    // under a box being dropped).
    let caption = *use_memo((state.ws.preset.clone(), diagram.clone()), |(id, d)| {
        PRESETS
            .iter()
            .find(|p| p.id == *id)
            .map(|p| (p, dealscope_core::io::saves::as_opened(p, d)))
    });
    let preset_title = caption.filter(|c| c.1).map_or("", |c| c.0.summary);
    let builtin = clauses.len() - derived.parsed.clauses.len();
    use_apart(use_print(
        Printable {
            state: state.clone(),
            clauses: clauses.clone(),
            builtin,
            readings: derived.readings.clone(),
            report: report.clone(),
        },
        &svg_ref,
    ));

    html! {
        <div class={classes!("app", g.drag.is_some().then_some("dragging"))} onpointermove={g.on_move} onpointerup={g.on_up}
            onpointercancel={g.on_cancel}>
            { topbar(TopbarProps {
                name: state.ws.work.name.clone(),
                preset: state.ws.preset.clone(),
                can_undo: state.ws.work.history.can_undo(),
                can_redo: state.ws.work.history.can_redo(),
                view: state.view,
                sharing: state.sharing.then(|| state.ws.work.scenario()),
                compare: state.changed.open.then(|| state.changed.sides.clone()),
                on_fit,
                on_zoom: sight.on_zoom,
                dispatch: dispatch.clone(),
            }) }
            { palette(PaletteProps { diagram: diagram.clone(), selected: state.selection.first().copied(), on_grab, on_add: sight.on_add, on_found: sight.on_found, dispatch: dispatch.clone() }) }
            <main class="stage" ondblclick={on_dblclick}>
                // The preset's caption heads the canvas; the canvas and what floats over it.
                { match caption {
                    Some((p, true)) => html! { <p class="scenario-note small">{p.summary}</p> },
                    Some((p, false)) => html! { <p class="scenario-note small">{format!("Changed since it opened as the preset \u{201c}{}\u{201d}.", p.title)}</p> },
                    None => html! {},
                } }
                <div class="canvas-box">
                    <Canvas diagram={diagram.clone()} selection={state.selection.clone()} relation={state.relation}
                        connect_from={state.connect_from} highlight={highlight} drag={(*g.drag).clone()} view={state.view}
                        problems={problem_ids} svg_ref={svg_ref.clone()} on_node_down={g.on_node_down}
                        on_handle_down={g.on_handle_down} on_background_down={g.on_background_down}
                        on_relation={keys.on_relation} on_node_key={keys.on_node_key} on_wheel={g.on_wheel} />
                    <Minimap diagram={diagram.clone()} view={state.view} svg_ref={svg_ref.clone()} captioned={caption.is_some()} dispatch={dispatch.clone()} />
                </div>
                { if diagram.components.is_empty() { html! {
                    <div class="empty-state"><p><strong>{"An empty deal."}</strong></p><p>{"Drag a component from the palette, or open a preset scenario from the menu above."}</p></div>
                } } else { html! {} } }
                { banner(&state, &dispatch) }
                { toast(&state.message, &dispatch) }
            </main>
            <Side state={SameState::new(&state)} derived={derived.clone()} note={preset_title} svg_ref={svg_ref.clone()}
                on_show={sight.on_show} dispatch={dispatch.clone()} />
            <div class="visually-hidden" aria-live="polite" role="status" data-testid="announcer">{(*derived.live).clone()}</div>
            {ghost}
            { if state.help { crate::components::help::help(&dispatch) } else { html! {} } }
        </div>
    }
}
