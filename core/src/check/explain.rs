//! Plain-English explanations of findings, for a deal lawyer: who runs each hop, where it is
//! hosted, which kind of requirement applied, and the reported sentence quoted once.
//!
//! Built with pushes, not nested formats: they run for every finding shown on every edit.

use super::launch::Status;
use super::spec::{Mode, Spec};
use super::{FindingKind, Hop, Missing, Run, Verdict};
use crate::clause::{Clause, Reading, Term};
use alloc::string::String;

/// "“Frontier” (an API product run by OpenAI, hosted on AWS)".
pub fn push_hop(out: &mut String, h: &Hop) {
    push_name(out, &h.label);
    out.push_str(" (");
    out.push_str(h.channel.map_or("a customer", |c| c.describe()));
    match &h.run {
        Run::Model | Run::Customer => {}
        Run::Unknown => out.push_str(", operator not set"),
        // "built with a third party" already says who the partner is.
        Run::Joint(o, None) if h.channel == Some(crate::clause::Channel::ThirdPartyApiProduct) => {
            out.push_str(", run by ");
            out.push_str(o);
            out.push_str(" jointly with it");
        }
        run => {
            out.push(' ');
            push_run(out, run);
        }
    }
    match &h.provider {
        Some(p) => {
            out.push_str(", hosted on ");
            out.push_str(p.name());
        }
        None => out.push_str(", not hosted anywhere"),
    }
    out.push(')');
}

/// A component's name in quotation marks.
pub fn push_name(out: &mut String, name: &str) {
    out.push('\u{201c}');
    out.push_str(name);
    out.push('\u{201d}');
}

/// "run by OpenAI", "run by OpenAI jointly with Amazon", "operator not set".
pub fn push_run(out: &mut String, run: &Run) {
    match run {
        Run::Owner(o) => {
            out.push_str("run by ");
            out.push_str(o);
        }
        Run::Joint(o, partner) => {
            out.push_str("run by ");
            out.push_str(o);
            out.push_str(" jointly with ");
            out.push_str(partner.as_deref().unwrap_or("a third party"));
        }
        Run::Other(o) => {
            out.push_str("run by ");
            out.push_str(o);
        }
        Run::Unknown => out.push_str("operator not set"),
        Run::Unclear(name) => {
            out.push_str("run by \u{201c}");
            out.push_str(name);
            out.push_str("\u{201d}, which does not say whether OpenAI runs it");
        }
        Run::Model => out.push_str("the model itself"),
        Run::Customer => out.push_str("the customer"),
    }
}

/// "A → B → C", with hops not spelled out counted: "A → … 40 more hops … → Z".
pub fn push_route(out: &mut String, route: &[Hop]) {
    for (i, h) in route.iter().enumerate() {
        if i > 0 {
            out.push_str(" \u{2192} ");
        }
        if h.skipped > 0 {
            out.push_str(&alloc::format!(
                "\u{2026} {} more hop{} \u{2026} \u{2192} ",
                h.skipped,
                if h.skipped == 1 { "" } else { "s" }
            ));
        }
        out.push_str(&h.label);
    }
}

/// [`push_route`] into a new string.
pub fn route_text(route: &[Hop]) -> String {
    let mut out = String::new();
    push_route(&mut out, route);
    out
}

/// How many hops of a whole route are of each sort, counting those not spelled out.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    /// Hops in the route.
    pub len: usize,
    /// Hops that break the sentence.
    pub offending: usize,
    /// Hops that break it and are off the provider.
    pub offending_off: usize,
    /// Hops that carry what the sentence governs.
    pub governed: usize,
    /// Hops whose operator is an open question.
    pub open: usize,
    /// Hops hosted nowhere, where that decides the verdict.
    pub unhosted: usize,
}

/// What a hop of a route is, for [`Counts`].
pub(crate) struct Sort {
    pub offending: bool,
    pub governed: bool,
    /// Who runs it is an open question.
    pub run_open: bool,
    /// It is hosted nowhere, and where it runs decides the verdict.
    pub unhosted: bool,
    /// It is not on the provider the sentence requires.
    pub off: bool,
}

impl Counts {
    /// Counts the nodes of a route, each of the sort `sort` says.
    pub(crate) fn of(nodes: &[usize], sort: impl Fn(usize) -> Sort) -> Counts {
        let mut c = Counts {
            len: nodes.len(),
            ..Counts::default()
        };
        for &v in nodes {
            let s = sort(v);
            c.offending += usize::from(s.offending);
            c.offending_off += usize::from(s.offending && s.off);
            c.governed += usize::from(s.governed);
            c.open += usize::from(s.run_open);
            c.unhosted += usize::from(s.unhosted);
        }
        c
    }
}

/// Appends the hops that match, as "a, b and c", each described (what it is, who runs it and
/// where) or only named; `total` of them are in the whole route, and those not spelled out are
/// counted ("and 40 more").
fn push_list(
    out: &mut String,
    route: &[Hop],
    total: usize,
    described: bool,
    pick: impl Fn(&Hop) -> bool,
) {
    // Six named, at most: a sentence a lawyer can read; the route above lists the hops.
    let picked: alloc::vec::Vec<&Hop> = route.iter().filter(|h| pick(h)).take(6).collect();
    let rest = total.saturating_sub(picked.len());
    for (i, h) in picked.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == picked.len() && rest == 0 {
                " and "
            } else {
                ", "
            });
        }
        if described {
            push_hop(out, h);
        } else {
            push_name(out, &h.label);
        }
    }
    if rest > 0 {
        out.push_str(&alloc::format!(" and {rest} more"));
    }
}

fn push_quote(out: &mut String, text: &str) {
    out.push_str(" The sentence: \u{201c}");
    out.push_str(text);
    out.push('\u{201d}');
}

/// The explanation of a breaching (or possibly breaching) route.
pub(crate) fn route(
    spec: &Spec,
    reading: &Reading,
    route: &[Hop],
    counts: &Counts,
    (kind, missing): (FindingKind, &[Missing]),
) -> String {
    let (Some(first), Some(last)) = (route.first(), route.last()) else {
        return String::new();
    };
    let provider = spec.provider.name();
    let owner = spec.term.scope.model_owner.as_str();
    let mut out = String::with_capacity(320 + spec.term.text.len());
    let open = kind == FindingKind::Undetermined;
    if open {
        push_open_facts(&mut out, spec, route, counts, missing);
    }
    match spec.mode {
        Mode::PerHop => {
            let one = counts.offending == 1;
            push_list(&mut out, route, counts.offending, true, |h| h.offending);
            out.push_str(if one {
                " is covered by this sentence, so it must be hosted on "
            } else {
                " are covered by this sentence, so they must be hosted on "
            });
            out.push_str(provider);
            out.push('.');
            // The "routed through Azure" argument, answered where the route makes it.
            let before = route.iter().take_while(|h| !h.offending);
            if let Some(on) = before
                .filter(|h| h.provider.as_ref() == Some(spec.provider))
                .last()
            {
                out.push_str(" The route passes through ");
                out.push_str(provider);
                out.push_str(" first, at ");
                push_name(&mut out, &on.label);
                out.push_str(", but passing through ");
                out.push_str(provider);
                out.push_str(" does not satisfy this sentence.");
            }
        }
        Mode::EveryHop => {
            out.push_str(if open { "the" } else { "The" });
            out.push_str(" route gives access to ");
            out.push_str(owner);
            out.push_str("'s model through ");
            push_list(&mut out, route, counts.governed, true, |h| h.governed);
            let by_reading = super::Index::whole(spec.term, reading)
                && !matches!(
                    spec.term.requirement,
                    crate::clause::Requirement::ServedOn {
                        every_hop: true,
                        ..
                    } | crate::clause::Requirement::RoutedThrough {
                        every_hop: true,
                        ..
                    }
                );
            if by_reading {
                out.push_str(", which this sentence covers under the ");
                out.push_str(&reading.name.to_ascii_lowercase());
                out.push_str(" reading. Under that reading what counts is the effect: on such a route, the model and every hop ");
                out.push_str(owner);
                out.push_str(" runs to serve it must be hosted on ");
                out.push_str(provider);
                out.push_str(", whoever provides the access. ");
            } else {
                out.push_str(", which this sentence covers. It requires everything that serves the model on such a route to be hosted on ");
                out.push_str(provider);
                out.push_str(". ");
            }
            push_list(&mut out, route, counts.offending_off, false, |h| {
                h.offending && h.off_provider
            });
            out.push_str(if counts.offending_off == 1 {
                " is not."
            } else {
                " are not."
            });
        }
        Mode::Waypoint => {
            out.push_str(if open { "the" } else { "The" });
            out.push_str(" route reaches ");
            out.push_str(owner);
            out.push_str("'s model through ");
            push_list(&mut out, route, counts.governed, true, |h| h.governed);
            out.push_str(if counts.governed == 1 {
                ", which this sentence covers. It is not hosted on "
            } else {
                ", which this sentence covers. None of them is hosted on "
            });
            out.push_str(provider);
            out.push_str(", so the access is not routed through ");
            out.push_str(provider);
            out.push('.');
        }
    }
    if open {
        push_open_close(&mut out, spec, reading, (route, counts, missing));
    }
    push_quote(&mut out, &spec.term.text_as_read(reading));
    out.push_str(" Route: ");
    if counts.len <= 6 {
        push_route(&mut out, route);
    } else {
        out.push_str(&first.label);
        out.push_str(" \u{2192} \u{2026} \u{2192} ");
        out.push_str(&last.label);
        out.push_str(&alloc::format!(" ({} hops)", counts.len));
    }
    out.push('.');
    out
}

/// The open facts an undetermined route turns on, and what they decide: "Who runs “A” is not
/// set. If OpenAI runs it, this route breaks the sentence: " or "Where “B” is hosted is not
/// set. If it is not hosted on Azure, …".
fn push_open_facts(
    out: &mut String,
    spec: &Spec,
    route: &[Hop],
    counts: &Counts,
    missing: &[Missing],
) {
    let provider = spec.provider.name();
    let (runs, hosts) = (counts.open, counts.unhosted);
    if runs > 0 {
        out.push_str("Who runs ");
        push_names(out, route, runs, |h| {
            missing.contains(&Missing::Operator(h.component))
        });
        out.push_str(if runs == 1 { " is" } else { " are" });
        let unclear = route.iter().any(|h| matches!(h.run, Run::Unclear(_)));
        out.push_str(if unclear {
            " not clear. "
        } else {
            " not set. "
        });
    }
    if hosts > 0 {
        out.push_str("Where ");
        push_names(out, route, hosts, |h| {
            missing.contains(&Missing::Hosting(h.component))
        });
        out.push_str(if hosts == 1 { " is" } else { " are" });
        out.push_str(" hosted is not set. ");
    }
    match (runs, hosts) {
        (0, _) => {
            out.push_str(match (hosts, spec.mode) {
                (1, _) => "If it is not hosted on ",
                (_, Mode::Waypoint) => "If none of them is hosted on ",
                _ => "If any of them is not hosted on ",
            });
            out.push_str(provider);
        }
        (_, 0) => {
            out.push_str("If ");
            out.push_str(spec.term.scope.model_owner.as_str());
            out.push_str(if runs == 1 { " runs it" } else { " runs them" });
        }
        _ => out.push_str("Depending on the answers"),
    }
    out.push_str(", this route breaks the sentence: ");
}

/// What an undetermined route's open facts leave, and where to set them: "If another company
/// runs it for itself, the sentence does not bind it. Set the operator in the inspector."
fn push_open_close(
    out: &mut String,
    spec: &Spec,
    reading: &Reading,
    (route, counts, missing): (&[Hop], &Counts, &[Missing]),
) {
    let provider = spec.provider.name();
    let many = counts.open > 1;
    if counts.open > 0 && counts.unhosted > 0 {
        // Two kinds of open fact: name the hops whose operator is open.
        out.push_str(if many {
            " If other companies run "
        } else {
            " If another company runs "
        });
        push_names(out, route, counts.open, |h| {
            missing.contains(&Missing::Operator(h.component))
        });
        out.push_str(match (many, super::Index::whole(spec.term, reading)) {
            (true, false) => " for themselves, the sentence does not bind them.",
            (false, false) => " for itself, the sentence does not bind it.",
            (true, true) => " for themselves, the sentence does not require them to be hosted on ",
            (false, true) => " for itself, the sentence does not require it to be hosted on ",
        });
        if super::Index::whole(spec.term, reading) {
            out.push_str(provider);
            out.push('.');
        }
    } else if counts.open > 0 && super::Index::whole(spec.term, reading) {
        // Under "the effect counts", what another company runs is still access, but need
        // not be on the provider.
        out.push_str(if many {
            " If other companies run them for themselves, the sentence does not require them to be hosted on "
        } else {
            " If another company runs it for itself, the sentence does not require it to be hosted on "
        });
        out.push_str(provider);
        out.push('.');
    } else if counts.open > 0 {
        out.push_str(if many {
            " If other companies run them for themselves, the sentence does not bind them."
        } else {
            " If another company runs it for itself, the sentence does not bind it."
        });
    }
    out.push_str(match (counts.open, counts.unhosted) {
        (0, 1) => " Set where it is hosted in the inspector.",
        (0, _) => " Set where they are hosted in the inspector.",
        (_, 0) if many => " Set the operators in the inspector.",
        (_, 0) => " Set the operator in the inspector.",
        _ => " Set these facts in the inspector.",
    });
}

/// The names of the hops that `pick` picks, "“A” and “B”", and "and 3 more" for those of the
/// `total` not spelled out.
fn push_names(out: &mut String, route: &[Hop], total: usize, pick: impl Fn(&Hop) -> bool) {
    let mut named = 0;
    for h in route.iter().filter(|h| pick(h)) {
        if named > 0 {
            out.push_str(" and ");
        }
        push_name(out, &h.label);
        named += 1;
    }
    if total > named {
        out.push_str(&alloc::format!(" and {} more", total - named));
    }
}

/// Why a term complies (see [`super::why_complies`]).
pub(crate) fn complies(
    index: &super::Index,
    clause: &Clause,
    term: &Term,
    reading: &Reading,
) -> String {
    use crate::clause::{Exemption, Requirement};
    let graph = &index.graph;
    let mut out = String::new();
    match &term.requirement {
        Requirement::Nothing => {
            return "It forbids nothing that a diagram can show.".into();
        }
        Requirement::ShipsFirstOn { provider, .. } => {
            let products = (0..graph.n()).any(|v| graph.channel(v).is_some_and(|c| c.is_product()));
            if !products {
                return "No product is drawn, so nothing has to ship first.".into();
            }
            out.push_str("Each product drawn that it covers first launched before ");
            out.push_str(&alloc::format!("{}", clause.effective));
            out.push_str(", or launched on ");
            out.push_str(provider.name());
            out.push_str(" no later than anywhere else, or is excused.");
            return out;
        }
        _ => {}
    }
    let Some(spec) = index.spec(term, reading, super::Resolve::Maybe) else {
        return out;
    };
    let provider = spec.provider.name();
    let covered: alloc::vec::Vec<usize> = (0..graph.n()).filter(|&v| spec.governed[v]).collect();
    if covered.is_empty() {
        out.push_str("Nothing drawn is covered: this reading takes the sentence to cover ");
        push_scope(&mut out, term, reading);
        out.push('.');
        push_hosting_is_not_collaboration(&mut out, index, clause, term, reading);
        return out;
    }
    let all_on = covered.iter().all(|&v| !graph.off(v, spec.provider));
    if spec.mode == Mode::PerHop && all_on {
        out.push_str("Everything drawn that it covers is hosted on ");
        out.push_str(provider);
        out.push('.');
        return out;
    }
    // Customers drawn whose routes the term leaves alone.
    let exempt: alloc::vec::Vec<crate::model::Segment> = crate::model::Segment::ALL
        .into_iter()
        .filter(|&s| {
            let left = term.exemptions.contains(&Exemption::Consumer(s))
                || !(term.scope.consumers.is_empty() || term.scope.consumers.contains(&s));
            left && (0..graph.n()).any(|v| graph.segment(v) == Some(s))
        })
        .collect();
    for (i, s) in exempt.iter().enumerate() {
        out.push_str(if i == 0 {
            "It does not govern routes of "
        } else {
            " or "
        });
        out.push_str(s.customers());
    }
    let other = if exempt.is_empty() { "" } else { ". No other" };
    match spec.mode {
        Mode::PerHop => {
            out.push_str(if other.is_empty() { "No" } else { other });
            out.push_str(" route from a customer reaches what it covers off ");
            out.push_str(provider);
        }
        Mode::EveryHop => {
            out.push_str(if other.is_empty() {
                "On every"
            } else {
                ". On every other"
            });
            out.push_str(" route from a customer through what it covers, everything that serves the model is hosted on ");
            out.push_str(provider);
            // Unless the sentence exempts it: say which, lest "everything" read as false.
            let exempt_off = (0..graph.n()).find(|&v| {
                graph.channel(v).is_some_and(|c| {
                    term.exemptions.contains(&Exemption::Channel(c))
                        && c != crate::clause::Channel::Model
                }) && graph.off(v, spec.provider)
            });
            if let Some(v) = exempt_off {
                out.push_str(", apart from ");
                push_name(&mut out, graph.label(v));
                out.push_str(", ");
                out.push_str(
                    graph
                        .channel(v)
                        .map(crate::clause::Channel::describe)
                        .unwrap_or_default(),
                );
                out.push_str(", which the sentence exempts");
            }
        }
        Mode::Waypoint => {
            out.push_str(if other.is_empty() {
                "Every"
            } else {
                ". Every other"
            });
            out.push_str(" route from a customer through what it covers passes through ");
            out.push_str(provider);
        }
    }
    out.push('.');
    out
}

/// For a sentence about what the owner builds with a third party: names the reading's choice
/// where it matters. The record does not say whether calls to an API that the owner runs alone
/// on, say, Amazon's cloud "result from a collaboration" with Amazon; both readings here count
/// only what the owner builds or runs jointly. When something of the kind
/// the sentence names is run by the owner alone on another company's cloud, and counting that as
/// a collaboration would break the sentence, a lawyer should see the choice and whether the
/// version's verdict hangs on it.
fn push_hosting_is_not_collaboration(
    out: &mut String,
    index: &super::Index,
    clause: &Clause,
    term: &Term,
    reading: &Reading,
) {
    use crate::clause::Operated;
    use crate::model::{Kind, Origin, Provider};
    if term.scope.operated != Operated::Jointly {
        return;
    }
    let graph = &index.graph;
    let (Some(required), Some(t)) = (
        term.requirement.provider(),
        clause.terms.iter().position(|x| core::ptr::eq(x, term)),
    ) else {
        return;
    };
    let channels = super::Index::governed_channels(term, reading);
    let Some(v) = (0..graph.n()).find(|&v| {
        graph.class(v, &term.scope.model_owner) == super::graph::Class::Alone
            && graph.channel(v).is_some_and(|c| channels.contains(&c))
            && graph
                .provider(v)
                .is_some_and(|p| p != required && *p != Provider::OnPremises)
    }) else {
        return;
    };
    // The same diagram with that component built with a third party: does this sentence break?
    let mut joint = graph.diagram().clone();
    if let Kind::Endpoint { origin, .. } | Kind::Product { origin, .. } =
        &mut joint.components[graph.comp(v)].kind
    {
        *origin = Origin::ThirdParty;
    }
    let then = super::check_cell(&joint, clause, reading)
        .terms
        .get(t)
        .copied();
    let Some(then) = then.filter(|&x| x != Verdict::Complies) else {
        return;
    };
    let now = super::check_cell(graph.diagram(), clause, reading).terms;
    let worst = |vs: &mut dyn Iterator<Item = Verdict>| {
        vs.fold(Verdict::Complies, |a, b| match (a, b) {
            (Verdict::Breach, _) | (_, Verdict::Breach) => Verdict::Breach,
            (Verdict::Undetermined, _) | (_, Verdict::Undetermined) => Verdict::Undetermined,
            _ => Verdict::Complies,
        })
    };
    let before = worst(&mut now.iter().copied());
    let after = worst(
        &mut now
            .iter()
            .enumerate()
            .map(|(i, &x)| if i == t { then } else { x }),
    );
    let host = graph.provider(v).map(Provider::name).unwrap_or_default();
    // The company whose cloud it is, where the provider names one.
    let company = match graph.provider(v) {
        Some(Provider::Aws) => "Amazon",
        Some(Provider::GoogleCloud) => "Google",
        Some(Provider::Oracle) => "Oracle",
        _ => host,
    };
    let owner = &term.scope.model_owner;
    out.push_str(&alloc::format!(
        " \u{201c}{}\u{201d} is run by {owner} alone and hosted on {host}, so it is not covered. That rests on an assumption: the record does not settle whether calls to it result from a collaboration with {company}, through the deal that hosts it there, and both readings here count only what {owner} builds or runs jointly with a third party. If that deal counted, this sentence would be {} too",
        graph.label(v),
        if then == Verdict::Breach { "broken" } else { "undetermined" },
    ));
    out.push_str(if before == after {
        ", but the verdict for this version would not change."
    } else {
        ", and so would the verdict for this version."
    });
}

/// What a term covers under a reading: "stateless APIs run by OpenAI jointly with a third
/// party", "OpenAI's stateless APIs and stateful runtimes".
fn push_scope(out: &mut String, term: &Term, reading: &Reading) {
    use crate::clause::{Channel as C, Operated};
    let channels = super::Index::governed_channels(term, reading);
    let has = |c: C| channels.contains(&c);
    let mut parts: alloc::vec::Vec<&str> = alloc::vec::Vec::new();
    if has(C::StatelessApi) {
        parts.push("stateless APIs");
    }
    if has(C::StatefulApi) {
        parts.push("stateful runtimes");
    }
    let products = [
        C::FirstPartyApiProduct,
        C::ThirdPartyApiProduct,
        C::NonApiProduct,
    ];
    if products.iter().all(|&c| has(c)) {
        parts.push("products");
    } else {
        for (c, words) in products.into_iter().zip([
            "API products",
            "API products built with a third party",
            "non-API products",
        ]) {
            if has(c) {
                parts.push(words);
            }
        }
    }
    if has(C::Model) {
        parts.push("the models themselves");
    }
    let owner = term.scope.model_owner.as_str();
    if term.scope.operated == Operated::Any {
        out.push_str(owner);
        out.push_str("'s ");
    }
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == parts.len() { " and " } else { ", " });
        }
        out.push_str(p);
    }
    let run = match term.scope.operated {
        Operated::Any => return,
        Operated::Alone => " run by {} alone",
        Operated::Jointly => " run by {} jointly with a third party",
    };
    if parts.len() > 1 {
        out.push(',');
    }
    out.push_str(&run.replace("{}", owner));
}

/// The company behind a provider, for the support exception ("Microsoft" for Azure).
fn company(p: Option<&crate::model::Provider>) -> &str {
    use crate::model::Provider as P;
    match p {
        Some(P::Azure) => "Microsoft",
        Some(P::Aws) => "Amazon",
        Some(P::GoogleCloud) => "Google",
        Some(P::Oracle) => "Oracle",
        Some(other) => other.name(),
        None => "the provider",
    }
}

/// The explanation of a ships-first finding.
#[allow(clippy::too_many_arguments)]
pub(crate) fn launch(
    clause: &Clause,
    t: usize,
    reading: &Reading,
    route: &[Hop],
    status: &Status,
    missing: &[Missing],
    excuse_set: &str,
) -> String {
    let term = &clause.terms[t];
    let provider = term.requirement.provider().map_or("", |p| p.name());
    let owner = term.scope.model_owner.as_str();
    let Some(product) = route.first() else {
        return String::new();
    };
    let mut out = String::with_capacity(320 + term.text.len());
    let effective = alloc::format!("{}", clause.effective);
    let unknown_operator = missing.iter().any(|m| matches!(m, Missing::Operator(_)));
    if unknown_operator {
        out.push_str("Who runs ");
        push_name(&mut out, &product.label);
        out.push_str(if matches!(product.run, Run::Unclear(_)) {
            " is not clear."
        } else {
            " is not set."
        });
        out.push_str(" The sentence binds only products ");
        out.push_str(owner);
        out.push_str(" runs, alone or jointly. ");
    }
    match status {
        Status::NoDates => {
            push_name(&mut out, &product.label);
            out.push_str(" has no launch dates, so whether it is new (first launched on or after ");
            out.push_str(&effective);
            out.push_str(") and shipped first on ");
            out.push_str(provider);
            out.push_str(" is unknown. Add its launch dates in the inspector.");
        }
        Status::Coarse(d) => {
            out.push_str("The launch date of ");
            push_name(&mut out, &product.label);
            out.push_str(", ");
            out.push_str(&alloc::format!("{d}"));
            out.push_str(
                ", gives only the month, which does not decide whether it is new (on or after ",
            );
            out.push_str(&effective);
            out.push_str(") or which cloud came first. Give the day in the inspector.");
        }
        Status::Breach {
            other,
            first_on,
            claimed,
        } => {
            push_name(&mut out, &product.label);
            out.push_str(" (");
            push_run(&mut out, &product.run);
            out.push_str(") is a new product: it launched on or after ");
            out.push_str(&effective);
            out.push_str(". It launched on ");
            out.push_str(other.provider.name());
            out.push_str(" on ");
            out.push_str(&alloc::format!("{}", other.date));
            match first_on {
                Some(f) => {
                    out.push_str(" and on ");
                    out.push_str(provider);
                    out.push_str(" only on ");
                    out.push_str(&alloc::format!("{f}"));
                }
                None => {
                    out.push_str(" and not on ");
                    out.push_str(provider);
                    out.push_str(" at all");
                }
            }
            out.push('.');
            let company = company(term.requirement.provider());
            let has_exception = matches!(
                &term.requirement,
                crate::clause::Requirement::ShipsFirstOn { unless, .. }
                    if *unless != crate::clause::Excuse::Never
            );
            if *claimed {
                out.push_str(" Only one condition of the exception is set (");
                out.push_str(company);
                out.push(' ');
                out.push_str(excuse_set);
                out.push_str("); the ");
                out.push_str(&reading.name.to_ascii_lowercase());
                out.push_str(" reading takes the exception as \u{201c}cannot and chooses not to\u{201d}, which needs both.");
            } else if has_exception {
                out.push_str(" Neither condition of the exception is recorded (");
                out.push_str(company);
                out.push_str(" cannot support it; ");
                out.push_str(company);
                out.push_str(" chose not to).");
            }
            if unknown_operator {
                out.push_str(" If ");
                out.push_str(owner);
                out.push_str(
                    " runs it, this breaks the sentence; set the operator in the inspector.",
                );
            }
        }
        Status::Complies => {}
    }
    push_quote(&mut out, &term.text_as_read(reading));
    out
}

/// An error message for a reader, not a developer: each `quoted` name (errors quote the input
/// in backticks, as a developer reads them) becomes “quoted”. A lone backtick is kept.
pub fn for_reader(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut rest = message;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push('\u{201c}');
        out.push_str(&rest[open + 1..open + 1 + len]);
        out.push('\u{201d}');
        rest = &rest[open + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod reader_tests {
    use super::for_reader;

    #[test]
    fn backticks_become_quotation_marks() {
        for (developer, reader) in [
            (
                "nothing connects a customer (`Acme Corp`) to a host (`AWS`)",
                "nothing connects a customer (\u{201c}Acme Corp\u{201d}) to a host (\u{201c}AWS\u{201d})",
            ),
            ("no quotes here", "no quotes here"),
            ("a lone ` stays", "a lone ` stays"),
            ("``", "\u{201c}\u{201d}"),
            ("`Café ☕`!", "\u{201c}Café ☕\u{201d}!"),
        ] {
            assert_eq!(for_reader(developer), reader);
        }
    }
}

#[cfg(test)]
mod hop_tests {
    use super::push_hop;
    use crate::check::{Hop, Run};
    use crate::clause::Channel;
    use crate::model::{ComponentId, Provider};

    /// A product built with a third party and run jointly says who its partner is once.
    #[test]
    fn a_joint_product_names_its_partner_once() {
        let hop = |channel, run| Hop {
            component: ComponentId(1),
            label: "Agent".into(),
            provider: Some(Provider::Aws),
            run,
            channel: Some(channel),
            off_provider: true,
            governed: true,
            offending: true,
            skipped: 0,
        };
        let said = |h: &Hop| {
            let mut out = String::new();
            push_hop(&mut out, h);
            out
        };
        assert_eq!(
            said(&hop(Channel::ThirdPartyApiProduct, Run::Joint("OpenAI".into(), None))),
            "\u{201c}Agent\u{201d} (an API product built with a third party, run by OpenAI jointly with it, hosted on AWS)"
        );
        assert_eq!(
            said(&hop(Channel::StatelessApi, Run::Joint("OpenAI".into(), None))),
            "\u{201c}Agent\u{201d} (a stateless API run by OpenAI jointly with a third party, hosted on AWS)"
        );
    }
}
