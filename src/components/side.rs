//! The side panel: the verdicts, the diagram's problems, the inspector, the comparison with a
//! saved scenario, what changed between versions, the workbench, My scenarios and the outline.
//! A component of its own, so that a render of the app that changes none of its inputs does
//! not build its children's properties again: each frame of moving boxes, of connecting and of
//! a band selection (a pan, a pinch or the wheel changes the view, which is in the state, so
//! the panel renders on those frames, and its children compare their properties as before).

use crate::components::changed::WhatChanged;
use crate::components::files::Scenarios;
use crate::components::inspector::Inspector;
use crate::components::notices::{hint, problems};
use crate::components::outline::Outline;
use crate::components::verdicts::Verdicts;
use crate::components::workbench::Workbench;
use crate::hooks::derived::Derived;
use crate::same::{Same, SameState};
use crate::state::Action;
use dealscope_core::ComponentId;
use yew::prelude::*;

/// Properties of [`Side`].
#[derive(Properties, PartialEq)]
pub struct SideProps {
    /// The app's state.
    pub state: SameState,
    /// What the app derived from it this render.
    pub derived: Derived,
    /// The preset's summary while the diagram is as it opened; empty otherwise.
    pub note: &'static str,
    /// The canvas, which My scenarios draws pictures of.
    pub svg_ref: NodeRef,
    /// Selects a diagram check's components and brings them into sight.
    pub on_show: Callback<Vec<ComponentId>>,
    /// The app's one dispatcher.
    pub dispatch: Callback<Action>,
}

/// The side panel.
#[function_component]
pub fn Side(p: &SideProps) -> Html {
    let state = &p.state.handle;
    let (d, dispatch) = (&p.derived, &p.dispatch);
    let (diagram, report, clauses) = (&d.diagram, &d.report, &d.clauses);
    let builtin = clauses.len() - d.parsed.clauses.len();
    let compared = state.changed.open.then(|| state.changed.sides.clone());
    html! {
        <aside class="side">
            { if state.hint { hint(dispatch) } else { html! {} } }
            <Verdicts clauses={Same(clauses.clone())} readings={Same(d.readings.clone())} report={report.clone()} diagram={diagram.clone()}
                comparison={Same(d.comparison.clone())} builtin={builtin} outcomes={Same(d.outcomes.clone())} cell={state.cell} repair={(*d.fix).clone().map(Same)} preview={state.preview}
                dispatch={dispatch.clone()} />
            { problems(&report.problems, &p.on_show) }
            <Inspector diagram={diagram.clone()} selection={state.selection.clone()} relation={state.relation} dispatch={dispatch.clone()} />
            { match (&state.ws.compare, d.scenario_diff.as_ref()) {
                (Some((name, _)), Some(diff)) => crate::components::compare::compare_panel(name, diff, dispatch),
                _ => html! {},
            } }
            <WhatChanged clauses={Same(clauses.clone())} readings={Same(d.readings.clone())} own={state.ws.work.clauses.clone()} changed={state.changed.clone()} dispatch={dispatch.clone()} />
            <Workbench text={state.ws.work.clauses.clone()} parsed={Same(d.parsed.clone())} outcomes={Same(d.outcomes.clone())} dispatch={dispatch.clone()} />
            <Scenarios name={state.ws.work.name.clone()} diagram={diagram.clone()} clauses={state.ws.work.clauses.clone()} saves={state.ws.saves.clone()} doc={state.ws.doc} svg_ref={p.svg_ref.clone()}
                checked={Same(clauses.clone())} readings={Same(d.readings.clone())} report={report.clone()} cell={state.cell} note={p.note} compare={compared} dispatch={dispatch.clone()} />
            <Outline diagram={diagram.clone()} />
        </aside>
    }
}
