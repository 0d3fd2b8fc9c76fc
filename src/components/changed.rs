//! "What changed": two sides (a version, built in or the user's own, under a reading) compared
//! exactly over every arrangement, with the smallest arrangement that tells them apart in each
//! direction, drawn as its route and openable in the editor.

use crate::components::route::route_list;
use crate::present::{verdict_class, verdict_word};
use crate::same::Same;
use crate::state::{Action, Changed};
use dealscope_core::check::{check_cell, Finding};
use dealscope_core::clause::Requirement;
use dealscope_core::io::link::{Scenario, Sides};
use dealscope_core::relate::{relate, side_name, Witness};
use dealscope_core::{Clause, Reading, Verdict};
use yew::prelude::*;

/// Properties of [`WhatChanged`].
#[derive(Properties, PartialEq)]
pub struct ChangedProps {
    /// The built-in clauses, then the user's valid ones.
    pub clauses: Same<Vec<Clause>>,
    pub readings: Same<Vec<Reading>>,
    /// The user's clause text, carried by a witness opened in the editor.
    pub own: String,
    /// Whether the panel is open, and its sides.
    pub changed: Changed,
    pub dispatch: Callback<Action>,
}

/// A side: a clause id and a reading id.
type Side = (String, String);

/// A side as written in [`QUESTIONS`]: (clause id, reading id).
type Named = (&'static str, &'static str);

/// The questions of the seed story, one press each: (label, left, right).
const QUESTIONS: [(&str, Named, Named); 3] = [
    (
        "V4 (2026-02): letter against spirit",
        ("v4", "letter"),
        ("v4", "spirit"),
    ),
    (
        "V4 against V5, the 2026-04 amendment: letter",
        ("v4", "letter"),
        ("v5", "letter"),
    ),
    ("V4 against V5: spirit", ("v4", "spirit"), ("v5", "spirit")),
];

fn side((c, r): Named) -> Side {
    (c.into(), r.into())
}

/// One witness as shown: what it shows in a sentence, the arrangement, the cell it breaches
/// (clause and reading index), the forbidding side's finding on it, and the two verdicts.
#[derive(PartialEq)]
struct Shown {
    sentence: String,
    witness: Witness,
    breaches: (usize, usize),
    /// That cell as the matrix names it ("v5-letter").
    forbids: String,
    finding: Option<Finding>,
    /// The requirement of the sentence the finding breaks.
    requirement: Option<Requirement>,
}

/// The comparison as shown: the relation's sentence and the witnesses, or why there is none.
#[derive(PartialEq)]
enum Outcome {
    Closed,
    /// A side names a clause or reading that is not here (from a link, or a clause since
    /// deleted from the workbench): the side, as "clause (reading)".
    Missing(String),
    TooLarge(String),
    /// The relation's sentence, the two sides' names, and the witnesses.
    Decided(String, (String, String), Vec<Shown>),
}

/// Compares the sides, and checks each witness against the side that forbids it.
// Kept out of line: inlined into the panel, the comparison engine would swell its render.
#[inline(never)]
fn compare(clauses: &[Clause], readings: &[Reading], sides: &Sides) -> Outcome {
    let find = |(c, r): &Side| {
        let ci = clauses.iter().position(|x| x.id == *c)?;
        let ri = readings.iter().position(|x| x.id == *r)?;
        Some((ci, ri))
    };
    let (a, b) = match (find(&sides.left), find(&sides.right)) {
        (Some(a), Some(b)) => (a, b),
        (None, _) => return Outcome::Missing(format!("{} ({})", sides.left.0, sides.left.1)),
        (_, None) => return Outcome::Missing(format!("{} ({})", sides.right.0, sides.right.1)),
    };
    let pair = |(c, r): (usize, usize)| (&clauses[c], &readings[r]);
    let (l, r) = (pair(a), pair(b));
    let names = (side_name(l.0, l.1), side_name(r.0, r.1));
    match relate(l, r) {
        Err(e) => Outcome::TooLarge(e.message()),
        Ok(c) => {
            let sentence = c.sentence(&names.0, &names.1);
            let shown = [c.left_only, c.right_only]
                .into_iter()
                .flatten()
                .map(|w| {
                    let at = if w.left == Verdict::Breach { a } else { b };
                    let (clause, reading) = pair(at);
                    let cell = check_cell(&w.diagram, clause, reading);
                    let finding = cell.findings.first().cloned();
                    let requirement = finding
                        .as_ref()
                        .and_then(|f| clause.terms.get(f.term))
                        .map(|t| t.requirement.clone());
                    Shown {
                        sentence: w.sentence(&names.0, &names.1),
                        witness: w,
                        breaches: at,
                        forbids: format!("{}-{}", clause.id, reading.id),
                        finding,
                        requirement,
                    }
                })
                .collect();
            Outcome::Decided(sentence, names, shown)
        }
    }
}

/// A picker for one side: every clause under every reading.
fn picker(
    label: &'static str,
    chosen: &Side,
    clauses: &[Clause],
    readings: &[Reading],
    on: Callback<Side>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Some(v) = crate::browser::select_value(&e) {
            if let Some((c, r)) = v.split_once('|') {
                on.emit((c.into(), r.into()));
            }
        }
    });
    // A side from a link may name a clause that is not here: nothing is shown chosen then.
    let found =
        clauses.iter().any(|c| c.id == chosen.0) && readings.iter().any(|r| r.id == chosen.1);
    let options = clauses.iter().flat_map(|c| {
        readings.iter().map(move |r| {
            let value = format!("{}|{}", c.id, r.id);
            let selected = chosen.0 == c.id && chosen.1 == r.id;
            html! { <option value={value} selected={selected}>{format!("{} \u{00b7} {}", side_name(c, r), c.title)}</option> }
        })
    });
    html! {
        <label class="field">
            <span>{label}</span>
            <select onchange={onchange} aria-label={label}>
                { if found { html! {} } else { html! { <option value="" selected=true disabled=true>{"Choose a side\u{2026}"}</option> } } }
                { for options }
            </select>
        </label>
    }
}

/// One witness: its sentence, its route, the forbidding side's explanation, the two verdicts,
/// and a button that opens it in the editor beside the user's own work.
fn witness(s: &Shown, names: (&str, &str), own: &str, dispatch: &Callback<Action>) -> Html {
    let open = {
        let scenario = Scenario {
            name: format!("Example: {}", s.sentence.trim_end_matches('.')),
            diagram: s.witness.diagram.clone(),
            clauses: own.into(),
        };
        let (dispatch, cell) = (dispatch.clone(), s.breaches);
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::OpenShared(scenario.clone()));
            dispatch.emit(Action::ChooseCell(Some(cell)));
            // On a phone the canvas is above the panels: bring it into sight.
            crate::browser::reveal_canvas();
        })
    };
    let pill = |name: &str, v| html! { <span class={classes!("pill", "small", verdict_class(v))}>{format!("{name}: {}", verdict_word(v))}</span> };
    html! {
        <figure class="witness" data-testid="witness" data-forbids={s.forbids.clone()}>
            <figcaption><strong>{s.sentence.clone()}</strong></figcaption>
            { match (&s.finding, &s.requirement) { (Some(f), Some(r)) => route_list(f, r), _ => html! {} } }
            { s.finding.as_ref().map_or(html! {}, |f| html! { <p class="small">{f.explanation.clone()}</p> }) }
            <div class="row verdict-pair">{pill(names.0, s.witness.left)}{pill(names.1, s.witness.right)}</div>
            <button class="btn" onclick={open}>{"Open in the editor"}</button>
        </figure>
    }
}

/// The panel.
#[function_component]
pub fn WhatChanged(p: &ChangedProps) -> Html {
    let Changed { open, sides } = p.changed.clone();
    // Only the two chosen clauses are compared, so the comparison is kept while other clauses
    // change, and nothing is computed while the panel is closed.
    let chosen = |(c, r): &Side| {
        (
            p.clauses.iter().find(|x| x.id == *c).cloned(),
            p.readings.iter().find(|x| x.id == *r).cloned(),
        )
    };
    let key = (
        open,
        chosen(&sides.left),
        chosen(&sides.right),
        sides.clone(),
    );
    let (clauses, readings) = (p.clauses.clone(), p.readings.clone());
    let outcome = use_memo(key, move |(open, _, _, sides)| {
        if *open {
            compare(&clauses, &readings, sides)
        } else {
            Outcome::Closed
        }
    });
    // Opened (by a link, or by a press elsewhere), the panel comes into sight.
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(open, move |open| {
            if *open {
                crate::browser::scroll_into_sight(&panel);
            }
        });
    }
    let to = |open: bool, sides: Sides| Action::WhatChanged(Changed { open, sides });
    let ontoggle = {
        let (dispatch, sides) = (p.dispatch.clone(), sides.clone());
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<web_sys::Element>() {
                let now = d.has_attribute("open");
                if now != open {
                    dispatch.emit(to(now, sides.clone()));
                }
            }
        })
    };
    let set = |left: bool| {
        let (dispatch, sides) = (p.dispatch.clone(), sides.clone());
        Callback::from(move |s: Side| {
            let mut next = sides.clone();
            if left {
                next.left = s;
            } else {
                next.right = s;
            }
            dispatch.emit(to(true, next));
        })
    };
    let questions = QUESTIONS.iter().map(|&(label, l, r)| {
        let question = Sides { left: side(l), right: side(r) };
        let pressed = sides == question;
        let onclick = p.dispatch.reform(move |_: MouseEvent| to(true, question.clone()));
        html! {
            <button class={classes!("btn", "small", pressed.then_some("on"))} aria-pressed={pressed.to_string()}
                onclick={onclick}>{label}</button>
        }
    });
    let body = match &*outcome {
        Outcome::Closed => html! {},
        Outcome::Missing(id) => {
            html! { <p class="warn" role="status">{format!("\u{201c}{id}\u{201d} names a clause or a reading that is not here: it may be a clause of someone else's workbench, or one since removed. Choose another side.")}</p> }
        }
        Outcome::TooLarge(why) => {
            html! { <p class="warn" role="status">{format!("Not compared: {why}.")}</p> }
        }
        Outcome::Decided(sentence, (l, r), shown) => html! {
            <>
            <p class="relation" data-testid="relation">{sentence.clone()}</p>
            { for shown.iter().map(|s| witness(s, (l, r), &p.own, &p.dispatch)) }
            </>
        },
    };
    html! {
        <details class="changed" open={open} ontoggle={ontoggle} ref={panel}>
            <summary data-testid="what-changed">{"What changed: compare versions and readings"}</summary>
            { if open { html! {
                <>
                <p class="small muted">{"Compares two versions, or two readings, over every arrangement whose facts are all set (who runs each component, where it is hosted, when and where each product first launched), and draws the smallest arrangement that one forbids and the other allows. Where a product is hosted and where it first launched are separate facts: a version about hosting reads only where it is hosted."}</p>
                <div class="row questions">{ for questions }</div>
                <div class="row sides">
                    { picker("Compare", &sides.left, &p.clauses, &p.readings, set(true)) }
                    { picker("with", &sides.right, &p.clauses, &p.readings, set(false)) }
                </div>
                { body }
                </>
            } } else { html! {} } }
        </details>
    }
}
