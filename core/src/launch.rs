//! Ships-first terms: which new products of the models' owner launched on another provider
//! before the required one, and which cannot be decided for want of a fact.
//!
//! A product is bound when it reaches a protected model, its owner runs it (alone or jointly, as
//! the term's scope says) and it is *new*: first launched on or after the term's effective date.
//! It ships first on the provider when no other provider launches it earlier. The provider's
//! lack of support may excuse it, with the connective the term (or the reading) gives.

use crate::check::{Class, Finding, FindingKind, Index, Missing, MAX_FINDINGS};
use crate::clause::{Assumption, Clause, Excuse, Operated, Reading, Requirement};
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

/// The status of one product's launches against a term effective from `effective`.
pub(crate) fn status<'a>(
    launches: &'a [Launch],
    provider: &Provider,
    effective: Date,
    excuse: bool,
    claimed: bool,
) -> Status<'a> {
    let Some(first) = launches.iter().map(|l| l.date).min() else {
        return Status::NoDates;
    };
    let Some(other) = launches
        .iter()
        .filter(|l| &l.provider != provider)
        .min_by_key(|l| l.date)
    else {
        return Status::Complies;
    };
    let first_on = launches
        .iter()
        .filter(|l| &l.provider == provider)
        .map(|l| l.date)
        .min();
    if let Some(on) = first_on {
        match other.date.before(on) {
            Some(false) => return Status::Complies,
            None => return Status::Coarse(other.date),
            Some(true) => {}
        }
    }
    match first.before(effective) {
        Some(true) => Status::Complies,
        None => Status::Coarse(first),
        Some(false) if excuse => Status::Complies,
        Some(false) => Status::Breach {
            other,
            first_on,
            claimed,
        },
    }
}

/// The findings of term `t` of `clause` (a ships-first term) under `reading`.
pub(crate) fn findings(
    index: &Index,
    clause: &Clause,
    t: usize,
    reading: &Reading,
) -> (Vec<Finding>, usize) {
    let term = &clause.terms[t];
    let Requirement::ShipsFirstOn { provider, unless } = &term.requirement else {
        return (Vec::new(), 0);
    };
    let owner = term.scope.model_owner.as_str();
    let next_hop = towards_models(index, owner);
    let mut breaches = Vec::new();
    let mut open = Vec::new();
    for v in 0..index.n() {
        let Some(channel) = index.channel[v] else {
            continue;
        };
        if !channel.is_product() || !term.scope.channels.contains(&channel) || next_hop[v] == NONE {
            continue;
        }
        let in_scope = |o: Operated| match index.class(v, owner) {
            Class::Alone | Class::Unknown => o != Operated::Jointly,
            Class::Joint => o != Operated::Alone,
            _ => false,
        };
        if !in_scope(term.scope.operated) {
            continue;
        }
        let uncertain = index.class(v, owner) == Class::Unknown;
        let Kind::Product {
            launches,
            cannot_support,
            declines_support,
            ..
        } = &index.diagram.components[index.comp[v]].kind
        else {
            continue;
        };
        let excuse = excused(*unless, reading, *cannot_support, *declines_support);
        let claimed = *cannot_support || *declines_support;
        let st = status(launches, provider, clause.effective, excuse, claimed);
        let mut missing = Vec::new();
        if uncertain && st != Status::Complies {
            missing.push(Missing::Operator(index.id(v)));
        }
        match st {
            Status::Complies => continue,
            Status::NoDates => missing.push(Missing::LaunchDates(index.id(v))),
            Status::Coarse(_) => missing.push(Missing::LaunchDay(index.id(v))),
            Status::Breach { .. } => {}
        }
        let kind = if missing.is_empty() {
            FindingKind::Breach
        } else {
            FindingKind::Undetermined
        };
        let route = route_of(index, &next_hop, v, owner, provider);
        let excuse_set = match (cannot_support, declines_support) {
            (true, false) => "Microsoft cannot support it",
            (false, true) => "Microsoft chose not to support it",
            _ => "",
        };
        let explanation =
            crate::explain::launch(clause, t, reading, &route, &st, &missing, excuse_set);
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
        if breaches.len() + open.len() > 4 * MAX_FINDINGS {
            break;
        }
    }
    let total = breaches.len() + open.len();
    breaches.extend(open);
    breaches.truncate(MAX_FINDINGS);
    let more = total - breaches.len();
    (breaches, more)
}

/// For each node, the next hop of a shortest access walk to a protected model (reverse
/// breadth-first search from the models), or `NONE`.
fn towards_models(index: &Index, owner: &str) -> Vec<u32> {
    let n = index.n();
    let (pred_start, pred) = index.reverse();
    let mut next_hop = vec![NONE; n];
    let mut queue: Vec<u32> = Vec::new();
    for v in 0..n {
        if index.class(v, owner) == Class::Model {
            next_hop[v] = SINK;
            queue.push(v as u32);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head] as usize;
        head += 1;
        for &u in &pred[pred_start[v] as usize..pred_start[v + 1] as usize] {
            if next_hop[u as usize] == NONE && index.segment[u as usize].is_none() {
                next_hop[u as usize] = v as u32;
                queue.push(u);
            }
        }
    }
    next_hop
}

fn route_of(
    index: &Index,
    next_hop: &[u32],
    v: usize,
    owner: &str,
    provider: &Provider,
) -> Vec<crate::check::Hop> {
    let mut route = Vec::new();
    let mut cur = v as u32;
    while cur != SINK && route.len() <= index.n() {
        let first = cur as usize == v;
        route.push(index.hop(cur as usize, owner, Some(provider), first, first));
        cur = next_hop[cur as usize];
    }
    route
}
