//! The checker: every clause × reading, one linear pass each.
//!
//! A route is a walk customer → (uses) → product/endpoint → (calls)* → … → (exposes/calls) →
//! model. Whether a route violates a clause depends only on a few bits gathered along the way
//! (has it met a governed hop? has it met a hop off the required provider?), so each check is a
//! breadth-first search over (component, bits) states: at most four states per component, which
//! keeps it linear in the size of the graph, with no enumeration of paths.

use crate::clause::{Assumption, Channel, Clause, Exemption, Reading, Requirement};
use crate::model::{
    ComponentId, Diagram, Kind, KindTag, Origin, Problem, Provider, RelationKind, Segment,
    Statefulness,
};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The verdict of one clause under one reading.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// No governed route breaks the clause.
    Complies,
    /// At least one governed route breaks it.
    Breach,
    /// The diagram lacks facts the clause needs (for example launch dates).
    Undetermined,
}

impl Verdict {
    /// Lowercase keyword: `complies`, `breach`, `undetermined`.
    pub fn keyword(self) -> &'static str {
        match self {
            Verdict::Complies => "complies",
            Verdict::Breach => "breach",
            Verdict::Undetermined => "undetermined",
        }
    }
}

/// One hop of a route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    /// The component.
    pub component: ComponentId,
    /// Its label, for display.
    pub label: String,
    /// Where it is hosted, if anywhere.
    pub provider: Option<Provider>,
    /// Whether the hop is off the provider the clause requires (for hops that need hosting).
    pub off_provider: bool,
    /// Whether the hop carries a channel the clause governs under this reading.
    pub governed: bool,
}

/// Whether a finding is a breach or a gap in the facts.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingKind {
    /// The route breaks the clause.
    Breach,
    /// The clause cannot be decided for this component.
    Undetermined,
}

/// A breach (or undecidable case) with its route and a plain-English explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Breach or undetermined.
    pub kind: FindingKind,
    /// Hop by hop, from customer (or product) to model.
    pub route: Vec<Hop>,
    /// The explanation, quoting the clause sentence.
    pub explanation: String,
}

/// The result of one clause under one reading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The clause's id.
    pub clause: String,
    /// The reading's id.
    pub reading: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why: one finding per model reached by a breaching route, or per undecidable product,
    /// up to [`MAX_FINDINGS`].
    pub findings: Vec<Finding>,
    /// How many further findings there were beyond `findings`.
    pub more: usize,
}

/// The most findings a cell spells out; the rest are counted in [`Cell::more`].
pub const MAX_FINDINGS: usize = 12;

/// The whole check of a diagram: structural problems and a clause × reading matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Structural problems of the diagram (the check still runs).
    pub problems: Vec<Problem>,
    /// Number of readings: `cells` is clause-major with this stride.
    pub readings: usize,
    /// One cell per clause × reading.
    pub cells: Vec<Cell>,
}

impl Report {
    /// The cell for clause index `c` and reading index `r`.
    pub fn cell(&self, c: usize, r: usize) -> Option<&Cell> {
        if r >= self.readings {
            return None;
        }
        self.cells.get(c * self.readings + r)
    }

    /// The number of breaching cells.
    pub fn breaches(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.verdict == Verdict::Breach)
            .count()
    }
}

/// Checks a diagram against clauses under the built-in letter and spirit readings.
pub fn check(diagram: &Diagram, clauses: &[Clause]) -> Report {
    check_with(diagram, clauses, &crate::clause::builtin_readings())
}

/// Checks a diagram against every clause under every reading.
pub fn check_with(diagram: &Diagram, clauses: &[Clause], readings: &[Reading]) -> Report {
    let index = Index::new(diagram);
    let mut cells = Vec::with_capacity(clauses.len() * readings.len());
    for clause in clauses {
        for reading in readings {
            cells.push(index.check_one(clause, reading));
        }
    }
    Report {
        problems: diagram.problems(),
        readings: readings.len(),
        cells,
    }
}

/// Checks one clause under one reading.
pub fn check_cell(diagram: &Diagram, clause: &Clause, reading: &Reading) -> Cell {
    Index::new(diagram).check_one(clause, reading)
}

const NONE: u32 = u32::MAX;
const ROOT: u32 = u32::MAX - 1;
const G: u8 = 1;
const O: u8 = 2;

/// A dense, read-only view of a diagram, built once per check in O(V + E).
pub(crate) struct Index<'d> {
    pub(crate) diagram: &'d Diagram,
    /// Position in `diagram.components` of each dense node (first occurrence of an id).
    pub(crate) comp: Vec<usize>,
    pub(crate) tag: Vec<KindTag>,
    pub(crate) channel: Vec<Option<Channel>>,
    pub(crate) segment: Vec<Option<Segment>>,
    pub(crate) provider: Vec<Option<&'d Provider>>,
    pub(crate) owner: Vec<Option<&'d str>>,
    /// Access edges in compressed rows: successors of `v` are `succ[start[v]..start[v + 1]]`.
    pub(crate) start: Vec<u32>,
    pub(crate) succ: Vec<u32>,
}

/// What one clause under one reading asks of each node.
pub(crate) struct Spec<'c> {
    pub(crate) clause: &'c Clause,
    pub(crate) provider: &'c Provider,
    pub(crate) every_hop: bool,
    /// Per node: G (governed), O (off provider, every-hop only), and whether blocked or a
    /// source or a sink.
    pub(crate) bits: Vec<u8>,
    pub(crate) blocked: Vec<bool>,
    pub(crate) sources: Vec<u32>,
    pub(crate) sink: Vec<bool>,
    pub(crate) governed: Vec<bool>,
}

impl<'d> Index<'d> {
    pub(crate) fn new(diagram: &'d Diagram) -> Index<'d> {
        let mut dense: HashMap<ComponentId, u32> = HashMap::with_capacity(diagram.components.len());
        let mut comp = Vec::with_capacity(diagram.components.len());
        for (i, c) in diagram.components.iter().enumerate() {
            if !dense.contains_key(&c.id) {
                dense.insert(c.id, comp.len() as u32);
                comp.push(i);
            }
        }
        let n = comp.len();
        let kinds: Vec<&Kind> = comp.iter().map(|&i| &diagram.components[i].kind).collect();
        let tag: Vec<KindTag> = kinds.iter().map(|k| k.tag()).collect();
        let mut built_with = vec![false; n];
        let mut provider: Vec<Option<&Provider>> = vec![None; n];
        let mut owner: Vec<Option<&str>> = vec![None; n];
        let mut degree = vec![0u32; n + 1];
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(diagram.relations.len());
        for r in &diagram.relations {
            let (Some(&a), Some(&b)) = (dense.get(&r.from), dense.get(&r.to)) else {
                continue;
            };
            let (ai, bi) = (a as usize, b as usize);
            if a == b || !r.kind.allows(tag[ai], tag[bi]) {
                continue;
            }
            match r.kind {
                RelationKind::HostedOn => {
                    if provider[ai].is_none() {
                        if let Kind::Host { provider: p } = kinds[bi] {
                            provider[ai] = Some(p);
                        }
                    }
                }
                RelationKind::Owns => {
                    if owner[bi].is_none() {
                        owner[bi] = Some(diagram.components[comp[ai]].label.as_str());
                    }
                }
                RelationKind::BuiltWith => built_with[ai] = true,
                RelationKind::Uses | RelationKind::Calls | RelationKind::Exposes => {
                    degree[ai] += 1;
                    edges.push((a, b));
                }
            }
        }
        let mut start = vec![0u32; n + 1];
        for v in 0..n {
            start[v + 1] = start[v] + degree[v];
        }
        let mut fill = start.clone();
        let mut succ = vec![0u32; edges.len()];
        for (a, b) in edges {
            succ[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
        }
        let channel = kinds
            .iter()
            .zip(&built_with)
            .map(|(k, &bw)| match k {
                Kind::Endpoint { state, .. } => Some(match state {
                    Statefulness::Stateless => Channel::StatelessApi,
                    Statefulness::Stateful => Channel::StatefulApi,
                }),
                Kind::Product { origin, api, .. } => Some(if !api {
                    Channel::NonApiProduct
                } else if *origin == Origin::ThirdParty || bw {
                    Channel::ThirdPartyApiProduct
                } else {
                    Channel::FirstPartyApiProduct
                }),
                _ => None,
            })
            .collect();
        let segment = kinds
            .iter()
            .map(|k| match k {
                Kind::Customer { segment } => Some(*segment),
                _ => None,
            })
            .collect();
        Index {
            diagram,
            comp,
            tag,
            channel,
            segment,
            provider,
            owner,
            start,
            succ,
        }
    }

    pub(crate) fn n(&self) -> usize {
        self.comp.len()
    }

    pub(crate) fn succ(&self, v: usize) -> &[u32] {
        &self.succ[self.start[v] as usize..self.start[v + 1] as usize]
    }

    pub(crate) fn id(&self, v: usize) -> ComponentId {
        self.diagram.components[self.comp[v]].id
    }

    pub(crate) fn label(&self, v: usize) -> &'d str {
        &self.diagram.components[self.comp[v]].label
    }

    /// The channels a clause governs once the reading's assumptions have widened them.
    fn governed_channels(clause: &Clause, reading: &Reading) -> Vec<Channel> {
        let mut set = clause.scope.channels.clone();
        if reading.assumes(Assumption::StatefulIsApi) && set.contains(&Channel::StatelessApi) {
            set.push(Channel::StatefulApi);
        }
        if reading.assumes(Assumption::ProductIsApi) && set.iter().any(|c| c.is_api_endpoint()) {
            set.extend(Channel::ALL.into_iter().filter(|c| c.is_product()));
        }
        set
    }

    /// Derives the per-node facts one clause under one reading needs.
    pub(crate) fn spec<'c>(&self, clause: &'c Clause, reading: &Reading) -> Spec<'c> {
        let n = self.n();
        let channels = Self::governed_channels(clause, reading);
        let (provider, every_hop, waypoint) = match &clause.requirement {
            Requirement::RoutedThrough {
                provider,
                every_hop,
            } => {
                let every = *every_hop || reading.assumes(Assumption::WholeRoute);
                (provider, every, !every)
            }
            Requirement::ShipsFirstOn { provider } => (provider, false, false),
        };
        let exempt_channel = |c: Channel| clause.exemptions.contains(&Exemption::Channel(c));
        let exempt_segment = |s: Segment| clause.exemptions.contains(&Exemption::Consumer(s));
        let mut bits = vec![0u8; n];
        let mut blocked = vec![false; n];
        let mut governed = vec![false; n];
        let mut sink = vec![false; n];
        let mut sources = Vec::new();
        for v in 0..n {
            let gov = self.channel[v].is_some_and(|c| channels.contains(&c));
            let off = self.tag[v].needs_hosting() && self.provider[v] != Some(provider);
            governed[v] = gov;
            if self.channel[v].is_some_and(exempt_channel) || self.tag[v] == KindTag::Customer {
                blocked[v] = true;
            }
            if every_hop {
                bits[v] = (gov as u8 * G) | (off as u8 * O);
            } else {
                bits[v] = gov as u8 * G;
                if waypoint && gov && !off {
                    blocked[v] = true;
                }
            }
            if let Some(seg) = self.segment[v] {
                let in_scope =
                    clause.scope.consumers.is_empty() || clause.scope.consumers.contains(&seg);
                if in_scope && !exempt_segment(seg) {
                    sources.push(v as u32);
                }
            }
            sink[v] = self.tag[v] == KindTag::Model
                && self.owner[v].is_some_and(|o| o.eq_ignore_ascii_case(&clause.scope.model_owner));
        }
        Spec {
            clause,
            provider,
            every_hop,
            bits,
            blocked,
            sources,
            sink,
            governed,
        }
    }

    /// Whether a route arriving at a sink in this state breaks the clause.
    pub(crate) fn violating(spec: &Spec, state: u8) -> bool {
        if spec.every_hop {
            state == G | O
        } else {
            state & G != 0
        }
    }

    /// Breadth-first search over (node, state); returns the parent of each reached state.
    pub(crate) fn search(&self, spec: &Spec) -> Vec<u32> {
        let mut parent = vec![NONE; self.n() * 4];
        let mut queue: Vec<u32> = Vec::with_capacity(self.n());
        for &s in &spec.sources {
            let id = s * 4;
            if parent[id as usize] == NONE {
                parent[id as usize] = ROOT;
                queue.push(id);
            }
        }
        let mut head = 0;
        while head < queue.len() {
            let cur = queue[head];
            head += 1;
            let (u, state) = ((cur / 4) as usize, (cur % 4) as u8);
            for &v in self.succ(u) {
                if spec.blocked[v as usize] {
                    continue;
                }
                let next = v * 4 + (state | spec.bits[v as usize]) as u32;
                if parent[next as usize] == NONE {
                    parent[next as usize] = cur;
                    queue.push(next);
                }
            }
        }
        parent
    }

    fn hop(&self, spec: &Spec, v: usize) -> Hop {
        Hop {
            component: self.id(v),
            label: self.label(v).into(),
            provider: self.provider[v].cloned(),
            off_provider: self.tag[v].needs_hosting() && self.provider[v] != Some(spec.provider),
            governed: spec.governed[v],
        }
    }

    fn check_one(&self, clause: &Clause, reading: &Reading) -> Cell {
        let spec = self.spec(clause, reading);
        let (mut findings, mut more) = match &clause.requirement {
            Requirement::RoutedThrough { .. } => self.routing_findings(&spec, reading),
            Requirement::ShipsFirstOn { .. } => (self.launch_findings(&spec), 0),
        };
        if findings.len() > MAX_FINDINGS {
            // Keep breaches before undetermined ones.
            findings.sort_by_key(|f| f.kind != FindingKind::Breach);
            more += findings.len() - MAX_FINDINGS;
            findings.truncate(MAX_FINDINGS);
        }
        let verdict = if findings.iter().any(|f| f.kind == FindingKind::Breach) {
            Verdict::Breach
        } else if findings.is_empty() {
            Verdict::Complies
        } else {
            Verdict::Undetermined
        };
        Cell {
            clause: clause.id.clone(),
            reading: reading.id.clone(),
            verdict,
            findings,
            more,
        }
    }

    fn routing_findings(&self, spec: &Spec, reading: &Reading) -> (Vec<Finding>, usize) {
        let parent = self.search(spec);
        let mut out = Vec::new();
        let mut more = 0;
        for t in 0..self.n() {
            if !spec.sink[t] {
                continue;
            }
            let Some(state) =
                (0..4u8).find(|&s| Self::violating(spec, s) && parent[t * 4 + s as usize] != NONE)
            else {
                continue;
            };
            if out.len() == MAX_FINDINGS {
                more += 1;
                continue;
            }
            let mut route = Vec::new();
            let mut cur = (t * 4 + state as usize) as u32;
            while cur != ROOT {
                route.push(self.hop(spec, (cur / 4) as usize));
                cur = parent[cur as usize];
            }
            route.reverse();
            let explanation = explain_route(spec, reading, &route);
            out.push(Finding {
                kind: FindingKind::Breach,
                route,
                explanation,
            });
        }
        (out, more)
    }

    fn launch_findings(&self, spec: &Spec) -> Vec<Finding> {
        let Requirement::ShipsFirstOn { provider } = &spec.clause.requirement else {
            return Vec::new();
        };
        // Products that reach a protected model: reverse reachability from the sinks.
        let n = self.n();
        let mut pred_start = vec![0u32; n + 1];
        for &v in &self.succ {
            pred_start[v as usize + 1] += 1;
        }
        for v in 0..n {
            pred_start[v + 1] += pred_start[v];
        }
        let mut fill = pred_start.clone();
        let mut pred = vec![0u32; self.succ.len()];
        let mut next_hop = vec![NONE; n];
        for u in 0..n {
            for &v in self.succ(u) {
                pred[fill[v as usize] as usize] = u as u32;
                fill[v as usize] += 1;
            }
        }
        let mut queue: Vec<u32> = Vec::new();
        for t in 0..n {
            if spec.sink[t] {
                next_hop[t] = ROOT;
                queue.push(t as u32);
            }
        }
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &u in &pred[pred_start[v] as usize..pred_start[v + 1] as usize] {
                if next_hop[u as usize] == NONE && !spec.blocked[u as usize] {
                    next_hop[u as usize] = v as u32;
                    queue.push(u);
                }
            }
        }
        let mut out = Vec::new();
        for v in 0..n {
            let Some(ch) = self.channel[v] else { continue };
            let in_scope = ch.is_product()
                && spec.clause.scope.channels.contains(&ch)
                && next_hop[v] != NONE
                && !spec.blocked[v];
            if !in_scope {
                continue;
            }
            let Kind::Product { launches, .. } = &self.diagram.components[self.comp[v]].kind else {
                continue;
            };
            let mut route = Vec::new();
            let mut cur = v as u32;
            while cur != ROOT {
                route.push(self.hop(spec, cur as usize));
                cur = next_hop[cur as usize];
            }
            let label = self.label(v);
            let quote = &spec.clause.text;
            if launches.is_empty() {
                out.push(Finding {
                    kind: FindingKind::Undetermined,
                    route,
                    explanation: format!(
                        "`{label}` has no launch dates, so whether it ships first on {} cannot be decided; add its launch dates in the inspector. The clause says: \u{201c}{quote}\u{201d}",
                        provider.name()
                    ),
                });
                continue;
            }
            let first_on = launches
                .iter()
                .filter(|l| &l.provider == provider)
                .map(|l| l.date)
                .min();
            let earliest_other = launches
                .iter()
                .filter(|l| &l.provider != provider)
                .min_by_key(|l| l.date);
            let problem = match (first_on, earliest_other) {
                (None, Some(o)) => Some(format!(
                    "`{label}` launches on {} on {} and has no launch on {}",
                    o.provider.name(),
                    o.date,
                    provider.name()
                )),
                (Some(f), Some(o)) if o.date < f => Some(format!(
                    "`{label}` launches on {} on {}, before {} ({})",
                    o.provider.name(),
                    o.date,
                    provider.name(),
                    f
                )),
                _ => None,
            };
            if let Some(problem) = problem {
                out.push(Finding {
                    kind: FindingKind::Breach,
                    route,
                    explanation: format!("{problem}. The clause says: \u{201c}{quote}\u{201d}"),
                });
            }
        }
        out
    }
}

fn hosted(h: &Hop) -> String {
    match &h.provider {
        Some(p) => format!("hosted on {}", p.name()),
        None => "not hosted anywhere".into(),
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn explain_route(spec: &Spec, reading: &Reading, route: &[Hop]) -> String {
    let path: Vec<&str> = route.iter().map(|h| h.label.as_str()).collect();
    let (Some(first), Some(last)) = (route.first(), route.last()) else {
        return String::new();
    };
    let owner = &spec.clause.scope.model_owner;
    let provider = spec.provider.name();
    let governed: Vec<String> = route
        .iter()
        .filter(|h| h.governed)
        .map(|h| format!("`{}`", h.label))
        .collect();
    let off: Vec<String> = route
        .iter()
        .filter(|h| h.off_provider)
        .map(|h| format!("`{}` ({})", h.label, hosted(h)))
        .collect();
    let why = if spec.every_hop {
        format!(
            "the route is governed (through {}), and every hop must run on {provider}, but {} {} not",
            list(&governed),
            list(&off),
            if off.len() == 1 { "does" } else { "do" }
        )
    } else {
        let gov_off: Vec<String> = route
            .iter()
            .filter(|h| h.governed)
            .map(|h| format!("`{}` ({})", h.label, hosted(h)))
            .collect();
        format!(
            "none of its governed hops runs on {provider}: {}",
            list(&gov_off)
        )
    };
    format!(
        "`{}` reaches {owner}'s model `{}` by {}; {why}. Under the {} reading. The clause says: \u{201c}{}\u{201d}",
        first.label,
        last.label,
        path.join(" \u{2192} "),
        reading.name.to_lowercase(),
        spec.clause.text
    )
}
