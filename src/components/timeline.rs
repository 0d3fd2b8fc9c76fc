//! The timeline: the diagram's verdict under each built-in version, from the day it took
//! effect, one row per reading. A segment is a matrix cell: choosing it opens that cell.
//! The versions stand in order, evenly spaced, each under its date: on a scale of time, the
//! four versions of 2025–2026 would crowd into the last tenth of the width.

use crate::present::verdict_class;
use crate::state::Action;
use dealscope_core::{Clause, Reading, Report, Verdict};
use yew::prelude::*;

/// Width of the picture in its own units, and of the readings' labels at its left.
const WIDTH: usize = 340;
const LABELS: usize = 48;
/// Height of a row, and the gap under it.
const ROW: usize = 18;
const GAP: usize = 4;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The verdict as one sign, beside the version's name (colour is not the only cue).
fn sign(v: Verdict) -> &'static str {
    match v {
        Verdict::Complies => "\u{2713}",
        Verdict::Breach => "\u{2717}",
        Verdict::Undetermined => "?",
    }
}

/// The timeline of the first `builtin` clauses (the built-in versions, in order of date).
pub fn timeline(
    clauses: &[Clause],
    builtin: usize,
    readings: &[Reading],
    report: &Report,
    cell: Option<(usize, usize)>,
    dispatch: &Callback<Action>,
) -> Html {
    let versions = &clauses[..builtin.min(clauses.len())];
    if versions.is_empty() {
        return html! {};
    }
    let step = (WIDTH - LABELS) / versions.len();
    let dates_y = readings.len() * (ROW + GAP) + 10;
    let rows = readings.iter().enumerate().map(|(r, reading)| {
        let y = r * (ROW + GAP);
        let segments = versions.iter().enumerate().map(|(c, clause)| {
            let Some(v) = report.cell(c, r).map(|cell| cell.verdict) else {
                return html! {};
            };
            let chosen = cell == Some((c, r));
            let next = if chosen { None } else { Some((c, r)) };
            let onclick = dispatch.reform(move |_: MouseEvent| Action::ChooseCell(next));
            let onkeydown = {
                let dispatch = dispatch.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" || e.key() == " " {
                        e.prevent_default();
                        dispatch.emit(Action::ChooseCell(next));
                    }
                })
            };
            let x = LABELS + c * step;
            let id = clause.id.to_ascii_uppercase();
            let label = format!(
                "{id}, in force from {}, {} reading: {}",
                clause.effective,
                reading.name,
                v.word()
            );
            html! {
                <g class={classes!("tl-seg", verdict_class(v), chosen.then_some("chosen"))} role="button" tabindex="0"
                    aria-pressed={chosen.to_string()} aria-label={label} onclick={onclick} onkeydown={onkeydown}>
                    <rect x={x.to_string()} y={y.to_string()} width={(step - 3).to_string()} height={ROW.to_string()} rx="3" />
                    <text x={(x + 6).to_string()} y={(y + 13).to_string()} aria-hidden="true">{format!("{id} {}", sign(v))}</text>
                </g>
            }
        });
        html! {
            <>
            <text class="tl-note" x="0" y={(y + 13).to_string()} aria-hidden="true">{reading.name.clone()}</text>
            { for segments }
            </>
        }
    });
    let dates = versions.iter().enumerate().map(|(c, clause)| {
        let d = clause.effective;
        let month = MONTHS.get(usize::from(d.month).wrapping_sub(1)).copied().unwrap_or("");
        html! { <text class="tl-note" x={(LABELS + c * step).to_string()} y={dates_y.to_string()}>{format!("{month} {}", d.year)}</text> }
    });
    html! {
        <svg class="timeline" viewBox={format!("0 0 {WIDTH} {}", dates_y + 4)} role="group"
            aria-label="The verdict over time: each version from the day it took effect, under each reading">
            { for rows }
            <g aria-hidden="true">{ for dates }</g>
        </svg>
    }
}
