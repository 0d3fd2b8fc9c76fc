//! Ships-first terms: which new products of the models' owner launched on another provider
//! before the required one, and which cannot be decided for want of a fact.
//!
//! A product is bound when it reaches a protected model, its owner runs it (alone or jointly, as
//! the term's scope says) and it is *new*: first launched on or after the term's effective date.
//! It ships first on the provider when no other provider launches it earlier. The provider's
//! lack of support may excuse it, with the connective the term (or the reading) gives.

use super::graph::{Class, Graph};
use super::{Finding, FindingKind, Hop, Missing, Verdict, MAX_FINDINGS};
use crate::clause::{Assumption, Clause, Excuse, Exemption, Operated, Reading, Requirement};
use crate::model::{Date, Kind, Launch, Provider};
use alloc::vec;
use alloc::vec::Vec;

const NONE: u32 = u32::MAX;
const SINK: u32 = u32::MAX - 1;

/// How one product fares against a ships-first term.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Status<'a> {
    /// It shipped first on the provider, is not new, or is excused.
    Complies,
    /// New, and `other` launched before the provider (at `first_on`, or never).
    Breach {
        /// The earliest launch elsewhere.
        other: &'a Launch,
        /// Its launch on the provider, if any.
        first_on: Option<Date>,
        /// Whether an exception was claimed but did not meet the connective.
        claimed: bool,
    },
    /// No launch dates at all.
    NoDates,
    /// A launch given only by its month decides the order.
    Coarse(Date),
}

/// Whether the provider's support excuses the product under this reading.
pub(crate) fn excused(unless: Excuse, reading: &Reading, cannot: bool, declines: bool) -> bool {
    match unless {
        Excuse::Never => false,
        Excuse::Both => cannot && declines,
        Excuse::Either => cannot || declines,
        Excuse::AsRead if reading.assumes(Assumption::EitherExcuses) => cannot || declines,
        Excuse::AsRead => cannot && declines,
    }
}

/// The status of one product's launches against a term effective from `effective`: not new or
/// excused (complies); new and certainly launched elsewhere first (breach); otherwise the facts
/// that are missing. Month-only dates count as any day of their month.
pub(crate) fn status<'a>(
    launches: &'a [Launch],
    provider: &Provider,
    effective: Date,
    excuse: bool,
    claimed: bool,
) -> Status<'a> {
    if launches.is_empty() {
        return Status::NoDates;
    }
    if excuse {
        return Status::Complies;
    }
    // Not new: some launch certainly came before the term.
    if launches
        .iter()
        .any(|l| l.date.before(effective) == Some(true))
    {
        return Status::Complies;
    }
    let new = launches
        .iter()
        .all(|l| l.date.before(effective) == Some(false));
    let first_on = launches
        .iter()
        .filter(|l| &l.provider == provider)
        .map(|l| l.date)
        .min();
    let elsewhere = || launches.iter().filter(|l| &l.provider != provider);
    // Launched elsewhere first: certainly (some launch certainly earlier, or none on the
    // provider at all), or possibly.
    let certainly = elsewhere()
        .filter(|l| first_on.is_none_or(|on| l.date.before(on) == Some(true)))
        .min_by_key(|l| l.date);
    let possibly = elsewhere().find(|l| first_on.is_some_and(|on| l.date.before(on).is_none()));
    match (certainly, possibly) {
        (Some(other), _) if new => Status::Breach {
            other,
            first_on,
            claimed,
        },
        (None, None) => Status::Complies,
        (Some(other), _) => Status::Coarse(
            launches
                .iter()
                .map(|l| l.date)
                .find(|d| d.before(effective).is_none())
                .unwrap_or(other.date),
        ),
        (None, Some(l)) => Status::Coarse(l.date),
    }
}

/// The findings of term `t` of `clause` (a ships-first term) under `reading`.
pub(crate) fn findings(
    graph: &Graph,
    clause: &Clause,
    t: usize,
    reading: &Reading,
    shown: usize,
) -> (Vec<Finding>, usize, Verdict) {
    let shown = shown.min(MAX_FINDINGS);
    let term = &clause.terms[t];
    let Requirement::ShipsFirstOn { provider, unless } = &term.requirement else {
        return (Vec::new(), 0, Verdict::Complies);
    };
    let owner = term.scope.model_owner.as_str();
    let classes = graph.classes(owner);
    let next_hop = towards_models(graph, &classes);
    let mut breaches = Vec::new();
    let mut open = Vec::new();
    let (mut more_breaches, mut more_open) = (0, 0);
    for v in 0..graph.n() {
        let Some(channel) = graph.channel(v) else {
            continue;
        };
        if !channel.is_product() || !term.scope.channels.contains(&channel) || next_hop[v] == NONE {
            continue;
        }
        let class = classes[v];
        let in_scope = match class {
            Class::Alone | Class::Unknown => term.scope.operated != Operated::Jointly,
            Class::Joint | Class::Unclear => term.scope.operated != Operated::Alone,
            _ => false,
        };
        if !in_scope || term.exemptions.contains(&Exemption::Channel(channel)) {
            continue;
        }
        let uncertain = class.is_open();
        let Kind::Product {
            launches,
            cannot_support,
            declines_support,
            ..
        } = graph.kind(v)
        else {
            continue;
        };
        let excuse = excused(*unless, reading, *cannot_support, *declines_support);
        let claimed = *unless != Excuse::Never && (*cannot_support || *declines_support);
        let st = status(launches, provider, clause.effective, excuse, claimed);
        let mut missing = Vec::new();
        if uncertain && st != Status::Complies {
            missing.push(Missing::Operator(graph.id(v)));
        }
        match st {
            Status::Complies => continue,
            Status::NoDates => missing.push(Missing::LaunchDates(graph.id(v))),
            Status::Coarse(_) => missing.push(Missing::LaunchDay(graph.id(v))),
            Status::Breach { .. } => {}
        }
        let kind = if missing.is_empty() {
            FindingKind::Breach
        } else {
            FindingKind::Undetermined
        };
        // Every product is examined; routes and words are built only for those shown.
        let (kept, counted) = if kind == FindingKind::Breach {
            (&breaches, &mut more_breaches)
        } else {
            (&open, &mut more_open)
        };
        if kept.len() >= shown {
            *counted += 1;
            continue;
        }
        let route = route_of(graph, &next_hop, v, owner, provider);
        let excuse_set = match (cannot_support, declines_support) {
            (true, false) => "cannot support it",
            (false, true) => "chose not to support it",
            _ => "",
        };
        let explanation =
            super::explain::launch(clause, t, reading, &route, &st, &missing, excuse_set);
        let finding = Finding {
            kind,
            term: t,
            route,
            explanation,
            missing,
        };
        if kind == FindingKind::Breach {
            breaches.push(finding);
        } else {
            open.push(finding);
        }
    }
    let total = breaches.len() + open.len() + more_breaches + more_open;
    // From the counts, not the findings spelled out: there may be none.
    let verdict = if breaches.len() + more_breaches > 0 {
        Verdict::Breach
    } else if total > 0 {
        Verdict::Undetermined
    } else {
        Verdict::Complies
    };
    breaches.extend(open);
    breaches.truncate(shown);
    let more = total - breaches.len();
    (breaches, more, verdict)
}

/// For each node, the next hop of a shortest access walk to a protected model (reverse
/// breadth-first search from the models), or `NONE`.
fn towards_models(graph: &Graph, classes: &[Class]) -> Vec<u32> {
    let n = graph.n();
    let (pred_start, pred) = graph.reverse();
    let mut next_hop = vec![NONE; n];
    let mut queue: Vec<u32> = Vec::new();
    for v in 0..n {
        if classes[v] == Class::Model {
            next_hop[v] = SINK;
            queue.push(v as u32);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head] as usize;
        head += 1;
        for &u in &pred[pred_start[v] as usize..pred_start[v + 1] as usize] {
            if next_hop[u as usize] == NONE && graph.segment(u as usize).is_none() {
                next_hop[u as usize] = v as u32;
                queue.push(u);
            }
        }
    }
    next_hop
}

fn route_of(
    graph: &Graph,
    next_hop: &[u32],
    v: usize,
    owner: &str,
    provider: &Provider,
) -> Vec<Hop> {
    let mut nodes = Vec::new();
    let mut cur = v as u32;
    while cur != SINK && nodes.len() <= graph.n() {
        nodes.push(cur as usize);
        cur = next_hop[cur as usize];
    }
    let positions = super::shown_positions(nodes.len(), |_| false);
    super::spell_out(&positions, |i| {
        graph.hop(nodes[i], owner, Some(provider), i == 0, i == 0)
    })
}

#[cfg(test)]
mod tests {
    use crate::clause::builtin_readings;
    use crate::io::text::parse_diagram;
    use crate::lang::builtin_clauses;
    use crate::{check_with, repair, Verdict};

    /// A month-only launch elsewhere is a breach once certainly new and not on Azure, and the
    /// repair (Azure on the first of that month) settles it rather than leaving it open.
    #[test]
    fn month_only_dates_breach_and_their_repair_settles_them() {
        let d = parse_diagram(
            "customer acme \"Acme\" enterprise\nproduct f \"Frontier\" api by OpenAI launch:aws=2026-06\nmodel gpt \"GPT\"\nparty openai \"OpenAI\"\nhost aws \"AWS\" aws\nacme -> f -> gpt\nopenai -> gpt\nf -> aws\ngpt -> aws\n",
        )
        .unwrap();
        let (clauses, readings) = (builtin_clauses(), builtin_readings());
        let v5 = clauses.iter().position(|c| c.id == "v5").unwrap();
        let report = check_with(&d, &clauses, &readings);
        assert_eq!(report.cell(v5, 0).unwrap().verdict, Verdict::Breach);
        let fix = repair(&d, &clauses[v5], &readings[0]).expect("a repair");
        let fixed = crate::edit::apply(&d, &fix.edits);
        let after = check_with(&fixed, &clauses, &readings);
        assert_eq!(
            after.cell(v5, 0).unwrap().verdict,
            Verdict::Complies,
            "{}",
            fix.explanation
        );
    }

    /// Many undated products never hide a breach found after them.
    #[test]
    fn a_breach_after_many_open_products_is_still_found() {
        let mut text = String::from("customer acme \"Acme\" enterprise\nmodel gpt \"GPT\"\nparty openai \"OpenAI\"\nhost azure \"Azure\" azure\nhost aws \"AWS\" aws\nopenai -> gpt\ngpt -> azure\n");
        for i in 0..30 {
            text.push_str(&format!(
                "product p{i} \"P{i}\" api by OpenAI\nacme -> p{i} -> gpt\np{i} -> azure\n"
            ));
        }
        text.push_str("product late \"Late\" api by OpenAI launch:aws=2026-06-01\nacme -> late -> gpt\nlate -> aws\n");
        let d = parse_diagram(&text).unwrap();
        let (clauses, readings) = (builtin_clauses(), builtin_readings());
        let v5 = clauses.iter().position(|c| c.id == "v5").unwrap();
        let cell = check_with(&d, &clauses, &readings)
            .cell(v5, 0)
            .unwrap()
            .clone();
        assert_eq!(cell.verdict, Verdict::Breach);
        assert_eq!(cell.findings[0].route[0].label, "Late");
        assert_eq!(cell.findings.len() + cell.more, 31);
    }
}
