//! The verdict panel: the clause × reading matrix and the chosen cell's explanation, the
//! assumption that would flip it and the minimal repair.

use crate::components::route::route_list;
use crate::components::timeline::timeline;
use crate::icons::verdict_icon;
use crate::present::{verdict_class, verdict_word};
use crate::same::Same;
use crate::state::Action;
use dealscope_core::check::Missing;
use dealscope_core::clause::PROVENANCE;
use dealscope_core::clause::{Assumption, Excuse, Requirement};
use dealscope_core::compare::FactFlip;
use dealscope_core::edit::Command;
use dealscope_core::{Clause, Comparison, Diagram, FindingKind, Reading, Repair, Report, Verdict};
use yew::prelude::*;

/// Properties of [`Verdicts`].
#[derive(Properties, PartialEq)]
pub struct VerdictsProps {
    pub clauses: Same<Vec<Clause>>,
    pub readings: Same<Vec<Reading>>,
    pub report: Same<Report>,
    pub comparison: Same<Comparison>,
    /// The diagram checked, for the names of components with missing facts.
    pub diagram: Same<Diagram>,
    pub cell: Option<(usize, usize)>,
    pub repair: Option<Same<Repair>>,
    pub preview: bool,
    /// How many of the clauses are built in (the rest are the user's own).
    pub builtin: usize,
    /// Stated expectations and how they fared.
    pub outcomes: Same<
        Vec<(
            dealscope_core::verdict::Expectation,
            dealscope_core::check::Outcome,
        )>,
    >,
    pub dispatch: Callback<Action>,
}

/// The button that takes the user to the inspector field for a missing fact.
fn missing_button(p: &VerdictsProps, m: &Missing) -> Html {
    let id = m.component();
    let label = p
        .diagram
        .component(id)
        .map(|c| c.label.clone())
        .unwrap_or_default();
    let (text, target) = match m {
        Missing::Operator(_) => (format!("Set who runs {label}"), "#operator"),
        Missing::LaunchDates(_) => (
            format!("Add launch dates for {label}"),
            "input[data-launch]",
        ),
        Missing::LaunchDay(_) => (
            format!("Give the day of {label}'s launch"),
            "input[data-launch]",
        ),
        Missing::Hosting(_) => (
            format!("Set where {label} is hosted"),
            "select[name=\"Hosted on\"]",
        ),
    };
    let onclick = p.dispatch.reform(move |_: MouseEvent| {
        crate::browser::focus_later(target);
        Action::Select(vec![id])
    });
    html! { <button class="btn small" data-missing={id.0.to_string()} onclick={onclick}>{text}</button> }
}

/// The matrix's one-line summary: breaches first, then open questions; "No breach" only when
/// every cell complies and the diagram checks find nothing missing (an unhosted box is not a
/// clean bill of health).
fn summary(breaches: usize, open: usize, total: usize, checks: usize) -> String {
    match (breaches, open) {
        (0, o) if checks > 0 => format!(
            "No breach found in what is drawn; {}{checks} diagram check{} below",
            if o > 0 {
                format!("{o} of {total} undetermined; ")
            } else {
                String::new()
            },
            if checks == 1 { "" } else { "s" }
        ),
        (0, 0) => "No breach".into(),
        (0, o) => format!("No breach found; {o} of {total} undetermined"),
        (b, 0) => format!("{b} of {total} breach"),
        (b, o) => format!("{b} of {total} breach, {o} undetermined"),
    }
}

/// The panel.
#[function_component]
pub fn Verdicts(p: &VerdictsProps) -> Html {
    let breaches = p.report.breaches();
    let open = p
        .report
        .cells
        .iter()
        .filter(|c| c.verdict == Verdict::Undetermined)
        .count();
    let empty = p.diagram.components.is_empty();
    html! {
        <section class="verdicts" aria-label="Verdicts">
            <div class="panel-head">
                <h2>{"Azure-routing clause"}</h2>
                <span class={classes!("summary", if empty { "v-none" } else if breaches > 0 { "v-breach" } else if open > 0 || !p.report.problems.is_empty() { "v-unknown" } else { "v-ok" })}>
                    { if empty { "Nothing drawn yet".to_string() } else { summary(breaches, open, p.report.cells.len(), p.report.problems.len()) } }
                </span>
            </div>
            <table class="matrix">
                <thead><tr><th scope="col">{"Version"}</th>{ for p.readings.iter().map(|r| html! { <th scope="col" title={r.summary.clone()}>{r.name.clone()}</th> }) }</tr></thead>
                <tbody>{ matrix(p, empty) }</tbody>
            </table>
            { if empty { html! {} } else { timeline(&p.clauses, p.builtin, &p.readings, &p.report, p.cell, &p.dispatch) } }
            <p class="provenance small muted">{PROVENANCE}</p>
            { detail(p) }
        </section>
    }
}

/// The matrix's rows: a version each, with a cell per reading. An empty canvas breaks
/// nothing, but ten "Complies" would read as a finding, so its cells say so instead.
#[inline(never)]
fn matrix(p: &VerdictsProps, empty: bool) -> Html {
    let rows = p.clauses.iter().enumerate().map(|(c, clause)| {
        let cells = (0..p.readings.len()).map(|r| {
            let Some(cell) = p.report.cell(c, r) else { return html! { <td /> } };
            let chosen = p.cell == Some((c, r));
            let expected = p.outcomes.iter().find(|(e, _)| e.clause == clause.id && e.reading == p.readings[r].id);
            let missed = expected.is_some_and(|(_, o)| *o != dealscope_core::check::Outcome::Met);
            let onclick = p.dispatch.reform(move |_: MouseEvent| Action::ChooseCell(if chosen { None } else { Some((c, r)) }));
            let word = if empty { "nothing drawn yet" } else { verdict_word(cell.verdict) };
            let mut label = format!("{} ({}), {} reading: {word}", clause.id, clause.effective, p.readings[r].name);
            if clause.terms.len() > 1 {
                let each: Vec<String> = cell.terms.iter().enumerate().map(|(t, v)| format!("sentence {} {}", t + 1, v.keyword())).collect();
                label.push_str(&format!(" ({})", each.join(", ")));
            }
            if let Some((e, _)) = expected {
                label.push_str(&format!(" (expected {}{})", e.verdict.keyword(), if missed { ", not met" } else { ", met" }));
            }
            html! {
                <td>
                    <button class={classes!("cell", if empty { "v-none" } else { verdict_class(cell.verdict) }, chosen.then_some("chosen"), missed.then_some("missed"), expected.is_some().then_some("expected"))}
                        aria-pressed={chosen.to_string()} aria-label={label.clone()} title={label}
                        data-cell={format!("{}-{}", clause.id, p.readings[r].id)} data-verdict={cell.verdict.keyword()}
                        onclick={onclick}>
                        { if empty { html! { <span>{"\u{2014}"}</span> } } else { html! { <>{verdict_icon(cell.verdict)}<span>{verdict_word(cell.verdict)}</span></> } } }
                    </button>
                </td>
            }
        });
        let disagree = p.comparison.disagreements.iter().any(|d| d.clause == clause.id);
        let yours = c >= p.builtin;
        html! {
            <tr>
                <th scope="row">
                    <span class="ver">{clause.id.to_ascii_uppercase()}</span>
                    <span class="date">{clause.effective.to_string()}</span>
                    <span class="title">{clause.title.clone()}</span>
                    { if yours { html! { <span class="yours">{"your clause"}</span> } } else { html! {} } }
                    { if disagree { html! { <span class="disagree" title="The readings disagree on this version">{"readings differ"}</span> } } else { html! {} } }
                </th>
                { for cells }
            </tr>
        }
    });
    rows.collect()
}

/// The chosen cell's explanation: its sentences, findings, what would flip it and the fix.
#[inline(never)]
fn detail(p: &VerdictsProps) -> Html {
    let Some((c, r)) = p.cell else {
        return html! { <p class="muted hint">{"Choose a cell to see the route that breaches, hop by hop, and the smallest fix."}</p> };
    };
    let (Some(clause), Some(reading), Some(cell)) =
        (p.clauses.get(c), p.readings.get(r), p.report.cell(c, r))
    else {
        return html! {};
    };
    let findings = cell.findings.iter().map(|f| {
        // A few buttons, then a count: hundreds of open facts are not hundreds of buttons.
        let mut asks: Vec<Html> = f.missing.iter().take(5).map(|m| missing_button(p, m)).collect();
        if f.missing.len() > 5 {
            asks.push(html! { <span class="more-asks">{format!("and {} more components with a fact not set", f.missing.len() - 5)}</span> });
        }
        html! {
            <div class={classes!("finding", if f.kind == FindingKind::Breach { "v-breach" } else { "v-unknown" })}>
                { clause.terms.get(f.term).map_or(html! {}, |t| route_list(f, &t.requirement)) }
                <p>
                    { for (clause.terms.len() > 1).then(|| html! { <strong>{format!("Sentence {}: ", f.term + 1)}</strong> }) }
                    {f.explanation.clone()}
                </p>
                { if asks.is_empty() { html! {} } else { html! { <div class="row asks">{ for asks }</div> } } }
            </div>
        }
    });
    // Nothing drawn: the sentences, without verdicts that would read as findings.
    let empty = p.diagram.components.is_empty();
    let terms = clause.terms.iter().enumerate().map(|(t, term)| {
        let v = cell.terms.get(t).copied().unwrap_or(Verdict::Complies);
        let nothing = term.requirement == Requirement::Nothing;
        let pill = if empty {
            html! { <span class="pill small v-none">{"\u{2014}"}</span> }
        } else if nothing {
            html! { <span class="pill small v-none">{"Restricts nothing"}</span> }
        } else {
            html! { <span class={classes!("pill", "small", verdict_class(v))}>{verdict_word(v)}</span> }
        };
        // Why a sentence is not broken, so that a "Complies" never stands without a reason.
        let why = (v == Verdict::Complies && !empty)
            .then(|| dealscope_core::check::why_complies(&p.diagram, clause, t, reading));
        let connective = match &term.requirement {
            Requirement::ShipsFirstOn { unless: Excuse::AsRead, .. } => Some(format!(
                "The record reports this exception both as \u{201c}cannot and chooses not to\u{201d} (the Microsoft and OpenAI posts) and as \u{201c}cannot, or chooses not to\u{201d} (Microsoft's 10-Q). This reading takes {}.",
                if reading.assumes(Assumption::EitherExcuses) { "\u{201c}or\u{201d}: either condition excuses" } else { "\u{201c}and\u{201d}: both conditions are needed" }
            )),
            _ => None,
        };
        html! {
            <li class="term">
                {pill}
                <q>{term.text_as_read(reading).into_owned()}</q>
                { for why.map(|w| html! { <small class="why">{w}</small> }) }
                { for connective.map(|c| html! { <small class="connective">{c}</small> }) }
            </li>
        }
    });
    let mut flips: Vec<Html> = p
        .comparison
        .flips_of(&clause.id, &reading.id)
        .map(|f| html! { <li>{f.sentence()}</li> })
        .collect();
    flips.extend(
        p.comparison
            .facts
            .flips
            .iter()
            .map(|f| fact_flip(f, &p.dispatch)),
    );
    if p.comparison.facts.unchecked > 0 {
        flips.push(html! { <li class="muted">{format!(
            "Whether each of the other {} products is an API product was not tried.",
            p.comparison.facts.unchecked
        )}</li> });
    }
    let repair = p
        .repair
        .as_ref()
        .map(|rep| repair_view(rep, p.preview, &p.dispatch));
    html! {
        <div class="detail" aria-live="polite">
            <h3>
                <span class={classes!("pill", if empty { "v-none" } else { verdict_class(cell.verdict) })}>{ if empty { "Nothing drawn" } else { verdict_word(cell.verdict) } }</span>
                {format!(" {} \u{00b7} {} \u{00b7} {} reading", clause.id.to_ascii_uppercase(), clause.title, reading.name)}
            </h3>
            <blockquote>
                <ol class="terms" aria-label="Each reported sentence and its verdict">{ for terms }</ol>
                <cite>{format!("Effective {}. Source: {}", clause.effective, clause.source)}</cite>
            </blockquote>
            { if empty { html! { <p>{"Nothing is drawn yet. Add components from the palette to check them against this version."}</p> } } else if cell.findings.is_empty() { html! { <p>{"Nothing in the diagram breaks this version under this reading."}</p> } } else { html! { <>{ for findings }<p class="small muted legend">{dealscope_core::memo::route_key(cell.findings[0].kind)}</p></> } } }
            { if cell.more > 0 { html! { <p class="small muted">{format!("\u{2026} and {} more like these.", cell.more)}</p> } } else { html! {} } }
            { if flips.is_empty() {
                html! { <p class="small muted">{ if cell.verdict == Verdict::Undetermined {
                    "Changing any one assumption of this reading would not change this verdict; setting the facts it lacks would decide it."
                } else {
                    "Changing any one assumption of this reading would not change this verdict."
                } }</p> }
            } else {
                html! { <div class="flips"><h4>{"What would flip it"}</h4><ul>{ for flips }</ul></div> }
            } }
            { repair.unwrap_or_default() }
        </div>
    }
}

/// A product's API mark that decides the verdict, with the button that opens its editor: the
/// public record does not say whether "Frontier" is an API product, so the diagram's choice is
/// an assumption, and the user should see where it matters.
fn fact_flip(f: &FactFlip, dispatch: &Callback<Action>) -> Html {
    let id = f.component;
    html! {
        <li data-fact={id.0.to_string()}>
            {f.sentence()}{" "}
            <button class="btn small" data-set-fact={id.0.to_string()} onclick={dispatch.reform(move |_: MouseEvent| {
                crate::browser::focus_later("select[name=\"Type\"]");
                Action::Select(vec![id])
            })}>{"Edit it"}</button>
        </li>
    }
}

/// The smallest fix: its changes (a numbered list when several are all needed), what it
/// leaves open, and the buttons to preview and apply it.
fn repair_view(rep: &Repair, preview: bool, dispatch: &Callback<Action>) -> Html {
    let edits = rep.edits.clone();
    let apply = dispatch.reform(move |_: MouseEvent| Action::Do(Command::Apply(edits.clone())));
    let toggle = dispatch.reform(move |_: MouseEvent| {
        if !preview {
            crate::browser::reveal_canvas();
        }
        Action::Preview(!preview)
    });
    html! {
        <div class="repair">
            <h4>{"Smallest fix"}</h4>
            { match rep.parts.changes.as_slice() {
                [one] => html! { <p>{one.clone()}</p> },
                many => html! { <>
                    <p>{rep.parts.intro}</p>
                    <ol class="changes">{ for many.iter().map(|c| html! { <li>{c.clone()}</li> }) }</ol>
                </> },
            } }
            { for rep.parts.after.clone().map(|a| html! { <p>{a}</p> }) }
            <div class="row">
                <button class="btn" onclick={toggle} aria-pressed={preview.to_string()}>{ if preview { "Hide preview" } else { "Preview on canvas" } }</button>
                <button class="btn primary" onclick={apply}>{"Apply fix"}</button>
            </div>
            <p class="small muted fine">{"Applying is one step: Ctrl+Z undoes it."}</p>
            <p class="small muted coarse">{"Applying is one step: Undo in the top bar undoes it."}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn the_summary_never_calls_an_incomplete_diagram_clean() {
        assert_eq!(summary(0, 0, 10, 0), "No breach");
        assert_eq!(
            summary(0, 0, 10, 5),
            "No breach found in what is drawn; 5 diagram checks below"
        );
        assert_eq!(
            summary(0, 2, 10, 1),
            "No breach found in what is drawn; 2 of 10 undetermined; 1 diagram check below"
        );
        assert_eq!(
            summary(0, 2, 10, 0),
            "No breach found; 2 of 10 undetermined"
        );
        assert_eq!(summary(8, 2, 10, 3), "8 of 10 breach, 2 undetermined");
    }
}
