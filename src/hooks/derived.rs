//! The values derived from the state on each render, never stored: the parsed clauses, the
//! report (re-checking only the clauses that changed), the comparison for the chosen cell, the
//! smallest fix, the workbench's expectations, the diff with a compared scenario, and the
//! sentence the live region announces when verdicts change.

use crate::components::canvas::Highlight;
use crate::same::Same;
use crate::state::State;
use dealscope_core::check::Outcome;
use dealscope_core::compare::ScenarioDiff;
use dealscope_core::lang::Parsed;
use dealscope_core::verdict::Expectation;
use dealscope_core::{
    builtin_clauses, builtin_readings, check_with, repair, Clause, Comparison, Diagram, Reading,
    Repair, Report, Verdict,
};
use std::rc::Rc;
use yew::prelude::*;

/// What the app shows, derived from the state. Equal when every value is the same one (each is
/// rebuilt only when its inputs change).
#[derive(Clone)]
pub struct Derived {
    pub parsed: Rc<Parsed>,
    /// The built-in clauses, then the user's valid ones.
    pub clauses: Rc<Vec<Clause>>,
    pub readings: Rc<Vec<Reading>>,
    pub diagram: Same<Diagram>,
    pub report: Same<Report>,
    pub comparison: Rc<Comparison>,
    /// The smallest fix for the chosen cell.
    pub fix: Rc<Option<Rc<Repair>>>,
    pub outcomes: Rc<Vec<(Expectation, Outcome)>>,
    /// The verdicts that differ from the compared scenario's, when one is open.
    pub scenario_diff: Rc<Option<Rc<ScenarioDiff>>>,
    /// What the live region says after the last change of verdicts.
    pub live: Rc<String>,
}

impl PartialEq for Derived {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.parsed, &o.parsed)
            && Rc::ptr_eq(&self.clauses, &o.clauses)
            && Rc::ptr_eq(&self.readings, &o.readings)
            && self.diagram == o.diagram
            && self.report == o.report
            && Rc::ptr_eq(&self.comparison, &o.comparison)
            && Rc::ptr_eq(&self.fix, &o.fix)
            && Rc::ptr_eq(&self.outcomes, &o.outcomes)
            && Rc::ptr_eq(&self.scenario_diff, &o.scenario_diff)
            && Rc::ptr_eq(&self.live, &o.live)
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

/// Derives everything the app shows from `state`; each value is recomputed only when what it
/// depends on changed.
#[hook]
pub fn use_derived(state: &UseReducerHandle<State>) -> Derived {
    let parsed = use_memo(state.ws.work.clauses.clone(), |text| {
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
    // switched assumption that changes what it asks, and with each product's API mark reversed;
    // the disagreements are read off the report.
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
                facts: match cell {
                    Some(at) => {
                        dealscope_core::compare::fact_flips(d, clauses, &readings, &report, *at)
                    }
                    None => Default::default(),
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
        let other = state.ws.compare.clone();
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
    Derived {
        parsed,
        clauses,
        readings,
        diagram,
        report,
        comparison,
        fix,
        outcomes,
        scenario_diff,
        live,
    }
}

/// What the canvas highlights: the chosen cell's first route, hop by hop, with every hop that
/// breaks one of the clause's sentences on it (two sentences broken on one route show two red
/// boxes), and, while the fix is previewed, the components it would move.
pub fn highlight(report: &Report, cell: Option<(usize, usize)>, fix: Option<&Repair>) -> Highlight {
    let mut h = Highlight::default();
    if let Some(cell) = cell.and_then(|(c, r)| report.cell(c, r)) {
        if let Some(f) = cell.findings.first() {
            h.open = f.kind == dealscope_core::FindingKind::Undetermined;
            let offending = |id| {
                cell.findings
                    .iter()
                    .filter(|g| g.kind == f.kind)
                    .flat_map(|g| g.route.iter())
                    .any(|hop| hop.component == id && hop.offending)
            };
            h.route = f
                .route
                .iter()
                .map(|hop| (hop.component, offending(hop.component)))
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
    {
        if let Some(rep) = fix {
            h.preview = rep
                .edits
                .iter()
                .filter_map(|e| match e {
                    dealscope_core::Edit::Rehost {
                        component,
                        provider,
                    } => Some((*component, provider.name().to_string())),
                    _ => None,
                })
                .collect();
        }
    }
    h
}
