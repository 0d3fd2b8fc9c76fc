//! The checker: every clause × reading, one linear pass each.
//!
//! A route is a walk customer → (uses) → product/endpoint → (calls)* → … → (exposes/calls) →
//! model. Whether a route violates a clause depends only on a few bits gathered along the way
//! (has it met a governed hop? has it met a hop off the required provider?), so each check is a
//! breadth-first search over (component, bits) states: at most four states per component, which
//! keeps it linear in the size of the graph, with no enumeration of paths.

use crate::clause::{Assumption, Channel, Clause, Exemption, Reading, Requirement};
use crate::model::{
    ComponentId, Date, Diagram, Kind, KindTag, Launch, Origin, Problem, Provider, RelationKind,
    Segment, Statefulness,
};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

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
pub const MAX_FINDINGS: usize = 5;

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

/// How a stated expectation fared.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The verdict is as expected.
    Met,
    /// The verdict differs; the first finding says why, when there is one.
    Failed {
        /// The verdict the scenario gets.
        actual: Verdict,
        /// The first breaching or undecidable route, if any.
        finding: Option<Finding>,
    },
    /// No clause or reading has that id.
    Unknown(String),
}

/// Evaluates expectations against a report of `clauses` × `readings`.
pub fn expectations(
    report: &Report,
    clauses: &[Clause],
    readings: &[Reading],
    expected: &[crate::lang::Expectation],
) -> Vec<(crate::lang::Expectation, Outcome)> {
    expected
        .iter()
        .map(|e| {
            let c = clauses.iter().position(|c| c.id == e.clause);
            let r = readings.iter().position(|r| r.id == e.reading);
            let outcome = match (c, r) {
                (None, _) => Outcome::Unknown(format!("there is no clause `{}`", e.clause)),
                (_, None) => Outcome::Unknown(format!(
                    "there is no reading `{}`; the readings are {}",
                    e.reading,
                    readings
                        .iter()
                        .map(|r| format!("`{}`", r.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                (Some(c), Some(r)) => match report.cell(c, r) {
                    Some(cell) if cell.verdict == e.verdict => Outcome::Met,
                    Some(cell) => Outcome::Failed {
                        actual: cell.verdict,
                        finding: cell.findings.first().cloned(),
                    },
                    None => Outcome::Unknown("the cell was not checked".into()),
                },
            };
            (e.clone(), outcome)
        })
        .collect()
}

/// Checks a diagram against clauses under the built-in letter and spirit readings.
pub fn check(diagram: &Diagram, clauses: &[Clause]) -> Report {
    check_with(diagram, clauses, &crate::clause::builtin_readings())
}

/// Checks a diagram against every clause under every reading.
pub fn check_with(diagram: &Diagram, clauses: &[Clause], readings: &[Reading]) -> Report {
    let index = Index::new(diagram);
    Report {
        problems: diagram.problems(),
        readings: readings.len(),
        cells: index.cells(clauses, readings),
    }
}

/// Checks one clause under one reading.
pub fn check_cell(diagram: &Diagram, clause: &Clause, reading: &Reading) -> Cell {
    let mut cells = Index::new(diagram).cells(
        core::slice::from_ref(clause),
        core::slice::from_ref(reading),
    );
    cells
        .pop()
        .expect("one clause by one reading gives one cell")
}

/// How many checks one bit-parallel pass carries: four states of each fit in a `u64`.
const LANES: usize = 16;

/// The states of up to [`LANES`] checks entering a component: block `s` (bits `16s..16s+16`)
/// holds the checks whose route is in state `s` (bit 0: met a governed hop; bit 1: met an
/// off-provider hop). Blocked lanes drop out; the component's bits move lanes up a block.
#[inline]
fn enter(m: u64, g: u16, o: u16, blocked: u16) -> u64 {
    let keep = !blocked;
    let mut b0 = (m as u16) & keep;
    let mut b1 = ((m >> 16) as u16) & keep;
    let mut b2 = ((m >> 32) as u16) & keep;
    let mut b3 = ((m >> 48) as u16) & keep;
    b1 |= b0 & g;
    b0 &= !g;
    b3 |= b2 & g;
    b2 &= !g;
    b2 |= b0 & o;
    b0 &= !o;
    b3 |= b1 & o;
    b1 &= !o;
    b0 as u64 | (b1 as u64) << 16 | (b2 as u64) << 32 | (b3 as u64) << 48
}

/// The result of one bit-parallel pass: the states reached at each component and, for each
/// reached (component, bit), the (component, bit) it was reached from.
struct Pass {
    reached: Vec<u64>,
    parent: Vec<u32>,
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
        let ids = crate::model::IdIndex::new(&diagram.components);
        // Dense node numbers: one per distinct id, in order of first appearance.
        let mut node_of = vec![u32::MAX; diagram.components.len()];
        let mut comp = Vec::with_capacity(diagram.components.len());
        for (i, c) in diagram.components.iter().enumerate() {
            if ids.get(c.id) == Some(i) {
                node_of[i] = comp.len() as u32;
                comp.push(i);
            }
        }
        let dense = |id: ComponentId| ids.get(id).map(|i| node_of[i]);
        let n = comp.len();
        let kinds: Vec<&Kind> = comp.iter().map(|&i| &diagram.components[i].kind).collect();
        let tag: Vec<KindTag> = kinds.iter().map(|k| k.tag()).collect();
        let mut built_with = vec![false; n];
        let mut provider: Vec<Option<&Provider>> = vec![None; n];
        let mut owner: Vec<Option<&str>> = vec![None; n];
        let mut degree = vec![0u32; n + 1];
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(diagram.relations.len());
        for r in &diagram.relations {
            let (Some(a), Some(b)) = (dense(r.from), dense(r.to)) else {
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

    /// Every clause × reading, clause-major. Routing checks run [`LANES`] at a time in one
    /// bit-parallel pass over the graph.
    fn cells(&self, clauses: &[Clause], readings: &[Reading]) -> Vec<Cell> {
        let mut jobs: Vec<(&Clause, &Reading, Spec)> =
            Vec::with_capacity(clauses.len() * readings.len());
        for clause in clauses {
            for reading in readings {
                jobs.push((clause, reading, self.spec(clause, reading)));
            }
        }
        let routing: Vec<usize> = (0..jobs.len())
            .filter(|&j| matches!(jobs[j].0.requirement, Requirement::RoutedThrough { .. }))
            .collect();
        let mut findings: Vec<(Vec<Finding>, usize)> = jobs
            .iter()
            .map(|(_, _, spec)| match spec.clause.requirement {
                Requirement::ShipsFirstOn { .. } => self.launch_findings(spec),
                Requirement::RoutedThrough { .. } => (Vec::new(), 0),
            })
            .collect();
        for chunk in routing.chunks(LANES) {
            let specs: Vec<&Spec> = chunk.iter().map(|&j| &jobs[j].2).collect();
            let pass = self.propagate(&specs);
            for (lane, &j) in chunk.iter().enumerate() {
                findings[j] = self.routing_findings(&pass, lane, &jobs[j].2, jobs[j].1);
            }
        }
        jobs.iter()
            .zip(findings)
            .map(|((clause, reading, _), (mut findings, mut more))| {
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
            })
            .collect()
    }

    /// One worklist pass for up to [`LANES`] routing checks at once. Each component is
    /// revisited only when it gains states, at most 64 times, so the pass is linear.
    fn propagate(&self, specs: &[&Spec]) -> Pass {
        let n = self.n();
        let (mut g, mut o, mut blocked) = (vec![0u16; n], vec![0u16; n], vec![0u16; n]);
        for (lane, spec) in specs.iter().enumerate() {
            let bit = 1u16 << lane;
            for v in 0..n {
                if spec.bits[v] & G != 0 {
                    g[v] |= bit;
                }
                if spec.bits[v] & O != 0 {
                    o[v] |= bit;
                }
                if spec.blocked[v] {
                    blocked[v] |= bit;
                }
            }
        }
        let mut reached = vec![0u64; n];
        let mut pending = vec![0u64; n];
        // Only entries for reached bits are ever read, so zeroed memory is fine.
        let mut parent = vec![0u32; n * 64];
        let mut queued = vec![false; n];
        let mut queue: alloc::collections::VecDeque<u32> =
            alloc::collections::VecDeque::with_capacity(n);
        for (lane, spec) in specs.iter().enumerate() {
            for &s in &spec.sources {
                let s = s as usize;
                if reached[s] & (1 << lane) == 0 {
                    reached[s] |= 1 << lane;
                    pending[s] |= 1 << lane;
                    parent[s * 64 + lane] = ROOT;
                    if !queued[s] {
                        queued[s] = true;
                        queue.push_back(s as u32);
                    }
                }
            }
        }
        while let Some(u) = queue.pop_front() {
            let u = u as usize;
            queued[u] = false;
            let delta = core::mem::take(&mut pending[u]);
            for &v in self.succ(u) {
                let v = v as usize;
                let fresh = enter(delta, g[v], o[v], blocked[v]) & !reached[v];
                if fresh == 0 {
                    continue;
                }
                reached[v] |= fresh;
                pending[v] |= fresh;
                let mut bits = fresh;
                while bits != 0 {
                    let b = bits.trailing_zeros();
                    bits &= bits - 1;
                    let (lane, state) = (b % 16, b / 16);
                    let adds = ((g[v] >> lane) & 1) | (((o[v] >> lane) & 1) << 1);
                    let from = (0..4u32)
                        .find(|&sp| {
                            (delta >> (sp * 16 + lane)) & 1 == 1 && (sp | adds as u32) == state
                        })
                        .unwrap_or(0);
                    parent[v * 64 + b as usize] = (u as u32) * 64 + from * 16 + lane;
                }
                if !queued[v] {
                    queued[v] = true;
                    queue.push_back(v as u32);
                }
            }
        }
        Pass { reached, parent }
    }

    fn routing_findings(
        &self,
        pass: &Pass,
        lane: usize,
        spec: &Spec,
        reading: &Reading,
    ) -> (Vec<Finding>, usize) {
        let mut out = Vec::new();
        let mut more = 0;
        for t in 0..self.n() {
            if !spec.sink[t] {
                continue;
            }
            let Some(state) = (0..4u8).find(|&s| {
                Self::violating(spec, s) && pass.reached[t] >> (s as usize * 16 + lane) & 1 == 1
            }) else {
                continue;
            };
            if out.len() == MAX_FINDINGS {
                more += 1;
                continue;
            }
            let mut route = Vec::new();
            let (mut v, mut b) = (t as u32, state as u32 * 16 + lane as u32);
            loop {
                route.push(self.hop(spec, v as usize));
                let p = pass.parent[v as usize * 64 + b as usize];
                if p == ROOT || route.len() > self.n() {
                    break;
                }
                (v, b) = (p / 64, p % 64);
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

    fn launch_findings(&self, spec: &Spec) -> (Vec<Finding>, usize) {
        let Requirement::ShipsFirstOn { provider } = &spec.clause.requirement else {
            return (Vec::new(), 0);
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
        // Classify first, cheaply; spell out routes and explanations only for the findings kept.
        let mut breaches: Vec<(usize, &Launch, Option<Date>)> = Vec::new();
        let mut undated: Vec<usize> = Vec::new();
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
            if launches.is_empty() {
                undated.push(v);
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
            match (first_on, earliest_other) {
                (None, Some(o)) => breaches.push((v, o, None)),
                (Some(f), Some(o)) if o.date < f => breaches.push((v, o, Some(f))),
                _ => {}
            }
        }
        let route_of = |v: usize| {
            let mut route = Vec::new();
            let mut cur = v as u32;
            while cur != ROOT {
                route.push(self.hop(spec, cur as usize));
                cur = next_hop[cur as usize];
            }
            route
        };
        let quote = &spec.clause.text;
        let total = breaches.len() + undated.len();
        let mut out = Vec::new();
        for (v, other, first) in breaches.into_iter().take(MAX_FINDINGS) {
            let label = self.label(v);
            let problem = match first {
                None => format!(
                    "`{label}` launches on {} on {} and has no launch on {}",
                    other.provider.name(),
                    other.date,
                    provider.name()
                ),
                Some(f) => format!(
                    "`{label}` launches on {} on {}, before {} ({f})",
                    other.provider.name(),
                    other.date,
                    provider.name()
                ),
            };
            out.push(Finding {
                kind: FindingKind::Breach,
                route: route_of(v),
                explanation: format!("{problem}. The clause says: \u{201c}{quote}\u{201d}"),
            });
        }
        let room = MAX_FINDINGS - out.len();
        for v in undated.into_iter().take(room) {
            out.push(Finding {
                kind: FindingKind::Undetermined,
                route: route_of(v),
                explanation: format!(
                    "`{}` has no launch dates, so whether it ships first on {} cannot be decided; add its launch dates in the inspector. The clause says: \u{201c}{quote}\u{201d}",
                    self.label(v),
                    provider.name()
                ),
            });
        }
        let more = total - out.len();
        (out, more)
    }
}

/// Appends the hops that match, as "`a`, `b` and `c`", each with its hosting if asked.
fn push_hops(
    out: &mut String,
    route: &[Hop],
    pick: impl Fn(&Hop) -> bool,
    with_hosting: bool,
) -> usize {
    let picked: Vec<&Hop> = route.iter().filter(|h| pick(h)).collect();
    for (i, h) in picked.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == picked.len() { " and " } else { ", " });
        }
        out.push('`');
        out.push_str(&h.label);
        out.push('`');
        if with_hosting {
            match &h.provider {
                Some(p) => {
                    out.push_str(" (hosted on ");
                    out.push_str(p.name());
                    out.push(')');
                }
                None => out.push_str(" (not hosted anywhere)"),
            }
        }
    }
    picked.len()
}

/// The plain-English explanation of a breaching route. Built with pushes, not nested formats:
/// it runs for every finding of every cell on every edit.
fn explain_route(spec: &Spec, reading: &Reading, route: &[Hop]) -> String {
    let (Some(first), Some(last)) = (route.first(), route.last()) else {
        return String::new();
    };
    let provider = spec.provider.name();
    let mut out = String::with_capacity(256 + spec.clause.text.len());
    out.push('`');
    out.push_str(&first.label);
    out.push_str("` reaches ");
    out.push_str(&spec.clause.scope.model_owner);
    out.push_str("'s model `");
    out.push_str(&last.label);
    out.push_str("` by ");
    for (i, h) in route.iter().enumerate() {
        if i > 0 {
            out.push_str(" \u{2192} ");
        }
        out.push_str(&h.label);
    }
    if spec.every_hop {
        out.push_str("; the route is governed (through ");
        push_hops(&mut out, route, |h| h.governed, false);
        out.push_str("), and every hop must run on ");
        out.push_str(provider);
        out.push_str(", but ");
        let n = push_hops(&mut out, route, |h| h.off_provider, true);
        out.push_str(if n == 1 { " does not" } else { " do not" });
    } else {
        out.push_str("; none of its governed hops runs on ");
        out.push_str(provider);
        out.push_str(": ");
        push_hops(&mut out, route, |h| h.governed, true);
    }
    out.push_str(". Under the ");
    out.push_str(&reading.name.to_ascii_lowercase());
    out.push_str(" reading. The clause says: \u{201c}");
    out.push_str(&spec.clause.text);
    out.push('\u{201d}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clause::{builtin_clauses, builtin_readings};

    #[test]
    fn explanations_read_as_sentences() {
        let d = crate::presets::Preset::find("frontier-via-azure")
            .unwrap()
            .diagram();
        let report = check(&d, &builtin_clauses());
        let spirit_v4 = &report.cell(3, 1).unwrap().findings[0].explanation;
        assert_eq!(
            spirit_v4,
            "`Acme Corp` reaches OpenAI's model `GPT model` by Acme Corp \u{2192} Frontier \u{2192} Azure OpenAI endpoint \u{2192} GPT model; the route is governed (through `Frontier` and `Azure OpenAI endpoint`), and every hop must run on Azure, but `Frontier` (hosted on AWS) does not. Under the spirit reading. The clause says: \u{201c}Azure remains the exclusive cloud provider for stateless OpenAI APIs.\u{201d}"
        );
        let d = crate::presets::Preset::find("frontier-aws")
            .unwrap()
            .diagram();
        let report = check(&d, &builtin_clauses());
        let letter_v4 = &report.cell(3, 0).unwrap().findings[0].explanation;
        assert!(
            letter_v4.contains(
                "none of its governed hops runs on Azure: `OpenAI API (AWS)` (hosted on AWS)"
            ),
            "{letter_v4}"
        );
    }

    /// The bit-parallel pass agrees with a plain per-check search, and every route it reports
    /// is a real walk from a customer to a protected model.
    #[test]
    fn bit_parallel_pass_agrees_with_per_check_search() {
        let clauses = builtin_clauses();
        let readings = builtin_readings();
        for size in [12, 40, 150, 600] {
            let d = crate::generate::diagram(size);
            let index = Index::new(&d);
            let cells = index.cells(&clauses, &readings);
            let mut i = 0;
            for clause in &clauses {
                for reading in &readings {
                    let cell = &cells[i];
                    i += 1;
                    if !matches!(clause.requirement, Requirement::RoutedThrough { .. }) {
                        continue;
                    }
                    let spec = index.spec(clause, reading);
                    let parent = index.search(&spec);
                    let breach = (0..index.n()).any(|t| {
                        spec.sink[t]
                            && (0..4u8).any(|s| {
                                Index::violating(&spec, s) && parent[t * 4 + s as usize] != NONE
                            })
                    });
                    assert_eq!(
                        cell.verdict == Verdict::Breach,
                        breach,
                        "size {size} {} {}",
                        clause.id,
                        reading.id
                    );
                    for f in &cell.findings {
                        let first = d.component(f.route[0].component).unwrap();
                        assert_eq!(first.kind.tag(), KindTag::Customer);
                        let last = d.component(f.route.last().unwrap().component).unwrap();
                        assert_eq!(last.kind.tag(), KindTag::Model);
                        for w in f.route.windows(2) {
                            assert!(
                                d.relations.iter().any(|r| r.kind.is_access()
                                    && r.from == w[0].component
                                    && r.to == w[1].component),
                                "{} → {} is not a relation",
                                w[0].label,
                                w[1].label
                            );
                        }
                        // The route shows why it breaches.
                        assert!(f.route.iter().any(|h| h.governed));
                        assert!(f.route.iter().any(|h| h.off_provider));
                    }
                }
            }
        }
    }
}
