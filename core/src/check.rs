//! The checker: every clause × reading, one linear pass each.
//!
//! A route is a walk customer → (uses) → product/endpoint → (calls)* → … → (exposes/calls) →
//! model. Whether a route violates a clause depends only on a few bits gathered along the way
//! (has it met a governed hop? has it met a hop off the required provider?), so each check is a
//! breadth-first search over (component, bits) states: at most four states per component, which
//! keeps it linear in the size of the graph, with no enumeration of paths.

use crate::clause::{Assumption, Channel, Clause, Exemption, Operated, Reading, Requirement, Term};
use crate::model::{
    ComponentId, Diagram, Kind, KindTag, Origin, Problem, Provider, RelationKind, Segment,
    Statefulness,
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

/// Who runs a hop, as far as the diagram says, relative to the owner of the protected models.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Run {
    /// The owner of the models, alone (e.g. "OpenAI").
    Owner(String),
    /// The owner jointly with a third party (the party it was built with, if drawn).
    Joint(String, Option<String>),
    /// Someone else, for itself (a customer, Microsoft, Amazon).
    Other(String),
    /// Nobody said: an open question.
    Unknown,
    /// A name that mentions the owner without being it ("OpenAI and Amazon"): an open question.
    Unclear(String),
    /// The protected model itself.
    Model,
    /// A customer (where routes start).
    Customer,
}

/// One hop of a route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// The component.
    pub component: ComponentId,
    /// Its label, for display.
    pub label: String,
    /// Where it is hosted, if anywhere.
    pub provider: Option<Provider>,
    /// Who runs it.
    pub run: Run,
    /// Whether the hop is off the provider the term requires (for hops that need hosting).
    pub off_provider: bool,
    /// Whether the hop carries what the term governs under this reading.
    pub governed: bool,
    /// Whether this hop is what breaks the term on this route (governed and off the provider;
    /// or, where every serving hop must be on it, a serving hop off it). Exempt hops never are.
    pub offending: bool,
    /// How many hops of the route come between the previous hop shown and this one, not
    /// spelled out (long routes show their ends and what breaks the sentence; see
    /// [`ROUTE_SHOWN`]).
    #[serde(default)]
    pub skipped: usize,
}

/// Routes up to this long are spelled out whole. Longer ones show the first and last
/// [`ROUTE_ENDS`] hops and, between them, up to [`ROUTE_MIDDLE`] hops that break the sentence
/// (or, for an open question, lack a fact), each with a lone hop between two shown ones; the
/// rest are counted in [`Hop::skipped`]. At most twice this many hops are spelled out.
pub const ROUTE_SHOWN: usize = 2 * ROUTE_ENDS + ROUTE_MIDDLE;
/// Hops shown at each end of a long route.
pub const ROUTE_ENDS: usize = 6;
/// Notable hops shown between the ends of a long route.
pub const ROUTE_MIDDLE: usize = 12;

/// The positions of a route of `len` hops that are spelled out, in order: every one when there
/// are at most [`ROUTE_SHOWN`], else the ends and the first notable ones between them.
pub(crate) fn shown_positions(len: usize, notable: impl Fn(usize) -> bool) -> Vec<usize> {
    if len <= ROUTE_SHOWN {
        return (0..len).collect();
    }
    let mut picked: Vec<usize> = (0..ROUTE_ENDS).collect();
    picked.extend(
        (ROUTE_ENDS..len - ROUTE_ENDS)
            .filter(|&i| notable(i))
            .take(ROUTE_MIDDLE),
    );
    picked.extend(len - ROUTE_ENDS..len);
    // A gap of one hop is shown rather than counted: "… 1 more hop …" says less than the hop.
    let mut out = Vec::with_capacity(2 * picked.len());
    for (k, &i) in picked.iter().enumerate() {
        if k > 0 && i == picked[k - 1] + 2 {
            out.push(i - 1);
        }
        out.push(i);
    }
    out
}

/// The hops at `positions` (ascending), each counting the hops skipped before it.
pub(crate) fn spell_out(positions: &[usize], mut hop: impl FnMut(usize) -> Hop) -> Vec<Hop> {
    let mut prev = None;
    positions
        .iter()
        .map(|&i| {
            let mut h = hop(i);
            h.skipped = prev.map_or(i, |p: usize| i - p - 1);
            prev = Some(i);
            h
        })
        .collect()
}

/// The whole length of a route, counting the hops not spelled out.
pub fn route_len(route: &[Hop]) -> usize {
    route.iter().map(|h| 1 + h.skipped).sum()
}

/// Whether a finding is a breach or a gap in the facts.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingKind {
    /// The route breaks the clause.
    Breach,
    /// The clause cannot be decided for this component.
    Undetermined,
}

/// A fact the diagram lacks, which would decide an undetermined finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// Who runs this product or endpoint.
    Operator(ComponentId),
    /// When this product first launched, and where.
    LaunchDates(ComponentId),
    /// The day of this product's launch (only the month is given).
    LaunchDay(ComponentId),
}

impl Missing {
    /// The component the fact is about.
    pub fn component(&self) -> ComponentId {
        match self {
            Missing::Operator(c) | Missing::LaunchDates(c) | Missing::LaunchDay(c) => *c,
        }
    }
}

/// A breach (or undecidable case) with its route and a plain-English explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Breach or undetermined.
    pub kind: FindingKind,
    /// Which term of the clause (its position), whose sentence the explanation quotes.
    pub term: usize,
    /// Hop by hop, from customer (or product) to model.
    pub route: Vec<Hop>,
    /// The explanation, quoting the term's sentence.
    pub explanation: String,
    /// For an undetermined finding: exactly the facts that would decide it.
    pub missing: Vec<Missing>,
}

/// The result of one clause under one reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The clause's id.
    pub clause: String,
    /// The reading's id.
    pub reading: String,
    /// The verdict: a breach if any term breaks, else undetermined if any term is, else
    /// complies.
    pub verdict: Verdict,
    /// Each term's own verdict, in the clause's order.
    pub terms: Vec<Verdict>,
    /// Why: one finding per model reached by a breaching route, or per undecidable product,
    /// up to [`MAX_FINDINGS`], breaches first. Shared, so that a cell kept from an earlier
    /// check (see [`recheck`]) costs no copy of its routes.
    pub findings: alloc::rc::Rc<[Finding]>,
    /// How many further findings there were beyond `findings`.
    pub more: usize,
}

/// The most findings a cell spells out; the rest are counted in [`Cell::more`].
pub const MAX_FINDINGS: usize = 5;

/// The whole check of a diagram: structural problems and a clause × reading matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    recheck(diagram, clauses, readings, None)
}

/// Checks a diagram against clauses after the clauses changed, reusing what an earlier check
/// found.
///
/// `earlier` is the clauses and report of a check of this same diagram under these same
/// readings. A clause equal to one checked then (same id, same content) keeps its cells, so a
/// keystroke in the workbench re-checks only the clause it changes. The result equals
/// [`check_with`]'s: a route found for one check never depends on the checks beside it.
#[inline(never)]
pub fn recheck(
    diagram: &Diagram,
    clauses: &[Clause],
    readings: &[Reading],
    earlier: Option<(&[Clause], &Report)>,
) -> Report {
    let stride = readings.len();
    let earlier = earlier.filter(|(before, report)| {
        report.readings == stride && report.cells.len() == before.len() * stride
    });
    // Ids are few (at most the built-ins and 100 sentences' clauses): a scan beats a sort.
    let reuse: Vec<Option<usize>> = clauses
        .iter()
        .map(|c| earlier.and_then(|(before, _)| before.iter().position(|b| b.id == c.id && b == c)))
        .collect();
    let pairs: Vec<(&Clause, &Reading)> = clauses
        .iter()
        .zip(&reuse)
        .filter(|(_, r)| r.is_none())
        .flat_map(|(c, _)| readings.iter().map(move |r| (c, r)))
        .collect();
    let mut fresh = if pairs.is_empty() {
        Vec::new()
    } else {
        Index::new(diagram).cells_for(&pairs, MAX_FINDINGS)
    }
    .into_iter();
    let mut cells = Vec::with_capacity(clauses.len() * stride);
    for r in reuse {
        match (r, earlier) {
            (Some(i), Some((_, report))) => {
                cells.extend_from_slice(&report.cells[i * stride..(i + 1) * stride])
            }
            _ => cells.extend(fresh.by_ref().take(stride)),
        }
    }
    Report {
        problems: match earlier {
            Some((_, report)) => report.problems.clone(),
            None => diagram.problems(),
        },
        readings: stride,
        cells,
    }
}

/// The verdicts of every clause under every reading, clause-major, without findings (each
/// cell's findings are counted in [`Cell::more`]): what comparing readings needs, at a fraction
/// of the cost on long routes.
pub fn verdicts_with(diagram: &Diagram, clauses: &[Clause], readings: &[Reading]) -> Vec<Cell> {
    Index::new(diagram).cells(clauses, readings, 0)
}

/// Checks one clause under one reading.
pub fn check_cell(diagram: &Diagram, clause: &Clause, reading: &Reading) -> Cell {
    let mut cells = Index::new(diagram).cells(
        core::slice::from_ref(clause),
        core::slice::from_ref(reading),
        MAX_FINDINGS,
    );
    cells
        .pop()
        .expect("one clause by one reading gives one cell")
}

/// How many checks one bit-parallel pass carries: four states of each fit in a `u64`.
const LANES: usize = 16;

/// The states of up to [`LANES`] checks entering a component: block `s` (bits `16s..16s+16`)
/// holds the checks whose route is in state `s` (bit 0: met a G hop; bit 1: met an O hop).
/// Blocked lanes drop out; the component's bits move lanes up a block.
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
    /// Reused from pass to pass: only entries for reached bits are ever read.
    parent: Vec<u32>,
}

const NONE: u32 = u32::MAX;
const ROOT: u32 = u32::MAX - 1;
pub(crate) const G: u8 = 1;
pub(crate) const O: u8 = 2;

/// Who runs a node, relative to one owner of models.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Alone,
    Joint,
    Other,
    /// Not set: the owner alone, or someone else.
    Unknown,
    /// A name that mentions the owner without being it: jointly, or someone else.
    Unclear,
    Model,
    None,
}

impl Class {
    /// Every class, in declaration order (`class as usize` indexes this).
    const ALL: [Class; 7] = [
        Class::Alone,
        Class::Joint,
        Class::Other,
        Class::Unknown,
        Class::Unclear,
        Class::Model,
        Class::None,
    ];

    /// The two answers an open question allows; a settled class is its own answer twice.
    pub(crate) fn answers(self) -> (Class, Class) {
        match self {
            Class::Unknown => (Class::Alone, Class::Other),
            Class::Unclear => (Class::Joint, Class::Other),
            settled => (settled, settled),
        }
    }

    /// Whether who runs the node is an open question.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, Class::Unknown | Class::Unclear)
    }
}

/// How a routing term decides a route.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Mode {
    /// Each governed hop must run on the provider: G marks a governed hop off it.
    PerHop,
    /// Once governed (G), every serving hop must run on the provider: O marks one off it.
    EveryHop,
    /// A governed route must meet a governed hop on the provider, which blocks the route.
    Waypoint,
}

/// Whether a spec resolves open questions (unknown operators) towards a breach or away from it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Resolve {
    /// Only what holds whoever runs the unknown hops: a breach found is certain.
    Sure,
    /// Whatever any operator could give: no breach found means certain compliance.
    Maybe,
}

/// A dense, read-only view of a diagram, built once per check in O(V + E).
pub(crate) struct Index<'d> {
    pub(crate) diagram: &'d Diagram,
    /// Position in `diagram.components` of each dense node (first occurrence of an id).
    pub(crate) comp: Vec<usize>,
    pub(crate) tag: Vec<KindTag>,
    pub(crate) channel: Vec<Option<Channel>>,
    pub(crate) segment: Vec<Option<Segment>>,
    pub(crate) provider: Vec<Option<&'d Provider>>,
    /// The owning party's label, for models.
    pub(crate) owner: Vec<Option<&'d str>>,
    /// The operator's name, for products and endpoints.
    pub(crate) operator: Vec<Option<&'d str>>,
    /// The party it was built with, if any (makes a joint product).
    pub(crate) partner: Vec<Option<&'d str>>,
    /// Marked as built with a third party (its origin).
    pub(crate) third_party: Vec<bool>,
    /// Access edges in compressed rows: successors of `v` are `succ[start[v]..start[v + 1]]`.
    pub(crate) start: Vec<u32>,
    pub(crate) succ: Vec<u32>,
    /// Names reduced to what identifies a party (see [`party_key`]), computed once: the
    /// operator's, the partner's and, for models, the owner's.
    keys: Vec<[Option<String>; 3]>,
    /// Who runs each node, per owner of models asked about so far in this check.
    classes: core::cell::RefCell<Vec<(String, alloc::rc::Rc<[Class]>)>>,
    /// Each provider some node is hosted on, numbered in order of first appearance.
    /// (Sorted, so that a provider's slot is a binary search: no hash table in the bundle.)
    slots: Vec<&'d Provider>,
    /// Each node's provider's slot (`NONE` when not hosted).
    slot: Vec<u32>,
    /// Which channels some node carries, by [`Channel`] order.
    channels_present: [bool; Channel::ALL.len()],
    /// The shapes built so far in this check, with their keys' fingerprints; a shape's `id` is
    /// its position here.
    shapes: core::cell::RefCell<Vec<(u64, ShapeKey, alloc::rc::Rc<Shape>)>>,
}

/// What one term under one reading asks of each node. Terms and readings that ask the same
/// share one [`Shape`]: a check of hundreds of terms builds, and walks, only the distinct ones.
pub(crate) struct Spec<'c> {
    pub(crate) term: &'c Term,
    pub(crate) mode: Mode,
    pub(crate) provider: &'c Provider,
    pub(crate) shape: alloc::rc::Rc<Shape>,
    /// What decides the shape: equal keys, equal shapes.
    pub(crate) key: ShapeKey,
}

impl core::ops::Deref for Spec<'_> {
    type Target = Shape;
    fn deref(&self) -> &Shape {
        &self.shape
    }
}

impl ShapeKey {
    /// A hash of the key, to find its twin quickly.
    fn fingerprint(&self) -> u64 {
        use core::hash::Hasher;
        let mut h = crate::fx::FxHasher::default();
        for row in self.table.iter().flatten().flatten().flatten() {
            h.write_u32(u32::from(row.0) | u32::from(row.1) << 8 | u32::from(row.2) << 16);
        }
        h.write_u64(self.mode as u64 | u64::from(self.on) << 8 | u64::from(self.sources) << 40);
        h.write_usize(self.owner);
        h.finish()
    }
}

/// Per node, what a spec asks of it.
pub(crate) struct Shape {
    /// Its position among the shapes of this check.
    pub(crate) id: usize,
    /// Per node: the G and O bits it adds to a route, and whether it stops the route.
    pub(crate) bits: Vec<u8>,
    pub(crate) blocked: Vec<bool>,
    /// The same for the other answer to an open question of who runs the node (a second way
    /// through it); equal to the above for every settled node and in "sure" specs.
    pub(crate) alt_bits: Vec<u8>,
    pub(crate) alt_blocked: Vec<bool>,
    pub(crate) sources: Vec<u32>,
    pub(crate) sink: Vec<bool>,
    /// The nodes where `sink` holds, in order.
    pub(crate) sinks: Vec<u32>,
    pub(crate) governed: Vec<bool>,
    /// Whether any node's operator is an open question that this spec had to resolve.
    pub(crate) open: bool,
    /// Whether some node has a second way through it (`alt_*` differ from the first).
    pub(crate) alt: bool,
}

/// What a node adds to a route (bits, blocks, governed), by channel, class and whether it is
/// off the provider, for each of the two answers to an open question.
type Table = [[[[(u8, bool, bool); 2]; 2]; Class::ALL.len()]; Channel::ALL.len()];

/// Everything a [`Shape`] depends on, computed without touching the graph.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ShapeKey {
    table: Table,
    mode: Mode,
    /// Which nodes are on the provider: its slot among the diagram's hosts' providers, or
    /// `NONE` when no node is hosted there.
    on: u32,
    /// The classes of the term's owner (the address of the cached list).
    owner: usize,
    /// Which customer segments start governed routes, as bits.
    sources: u8,
}

/// A name reduced to what identifies it: ASCII letters and digits (full-width ones too),
/// lowercased, and any other visible letter as it is. (ASCII only, so the wasm carries no
/// Unicode case tables.)
pub(crate) fn party_key(s: &str) -> String {
    s.chars()
        // Full-width forms ("ＯｐｅｎＡＩ") are their ASCII letters.
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        // Invisible characters (zero-width spaces and joiners, soft hyphens, marks) say nothing.
        .filter(|&c| !crate::limits::is_hidden(c) && !crate::limits::is_invisible_format(c))
        .filter(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a name mentions a party without being it: "OpenAI and Amazon" mentions OpenAI.
pub fn mentions_party(name: &str, party: &str) -> bool {
    let (n, p) = (party_key(name), party_key(party));
    !p.is_empty() && n != p && n.contains(&p)
}

/// Whether two names denote the same party: ASCII letters and digits compared without case,
/// so "Open AI" and "openai" are OpenAI, but "OpenAI and Amazon" is not (it says "jointly").
pub fn same_party(a: &str, b: &str) -> bool {
    let (a, b) = (party_key(a), party_key(b));
    !a.is_empty() && a == b
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
        let mut partner: Vec<Option<&str>> = vec![None; n];
        let mut provider: Vec<Option<&Provider>> = vec![None; n];
        let mut owner: Vec<Option<&str>> = vec![None; n];
        let mut degree = vec![0u32; n + 1];
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(diagram.relations.len());
        let label = |v: u32| diagram.components[comp[v as usize]].label.as_str();
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
                        owner[bi] = Some(label(a));
                    }
                }
                RelationKind::BuiltWith => {
                    if partner[ai].is_none() {
                        partner[ai] = Some(label(b));
                    }
                }
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
        let third_party: Vec<bool> = kinds
            .iter()
            .map(|k| {
                matches!(
                    k,
                    Kind::Endpoint {
                        origin: Origin::ThirdParty,
                        ..
                    } | Kind::Product {
                        origin: Origin::ThirdParty,
                        ..
                    }
                )
            })
            .collect();
        // An API product's channel as drawn; `spec_with` corrects it by who runs it.
        let marked: Vec<bool> = third_party
            .iter()
            .zip(&partner)
            .map(|(&t, p)| t || p.is_some())
            .collect();
        let channel: Vec<Option<Channel>> = kinds
            .iter()
            .zip(&marked)
            .map(|(k, &j)| match k {
                Kind::Endpoint { state, .. } => Some(match state {
                    Statefulness::Stateless => Channel::StatelessApi,
                    Statefulness::Stateful => Channel::StatefulApi,
                }),
                Kind::Product { api, .. } => Some(if !api {
                    Channel::NonApiProduct
                } else if j {
                    Channel::ThirdPartyApiProduct
                } else {
                    Channel::FirstPartyApiProduct
                }),
                Kind::Model => Some(Channel::Model),
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
        let operator: Vec<Option<&str>> = kinds.iter().map(|k| k.operator()).collect();
        let mut channels_present = [false; Channel::ALL.len()];
        for c in channel.iter().flatten() {
            channels_present[*c as usize] = true;
        }
        let mut slots: Vec<&Provider> = provider.iter().flatten().copied().collect();
        slots.sort_unstable();
        slots.dedup();
        let slot = provider
            .iter()
            .map(|p| p.map_or(NONE, |p| slots.binary_search(&p).map_or(NONE, |i| i as u32)))
            .collect();
        let keys = (0..n)
            .map(|v| [operator[v], partner[v], owner[v]].map(|name| name.map(party_key)))
            .collect();
        Index {
            diagram,
            comp,
            tag,
            channel,
            segment,
            provider,
            owner,
            operator,
            partner,
            third_party,
            start,
            succ,
            keys,
            classes: Default::default(),
            slots,
            slot,
            channels_present,
            shapes: Default::default(),
        }
    }

    pub(crate) fn n(&self) -> usize {
        self.comp.len()
    }

    /// The access edges reversed, in compressed rows: predecessors of `v` are
    /// `pred[start[v]..start[v + 1]]`.
    pub(crate) fn reverse(&self) -> (Vec<u32>, Vec<u32>) {
        let n = self.n();
        let mut start = vec![0u32; n + 1];
        for &v in &self.succ {
            start[v as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut pred = vec![0u32; self.succ.len()];
        for u in 0..n {
            for &v in self.succ(u) {
                pred[fill[v as usize] as usize] = u as u32;
                fill[v as usize] += 1;
            }
        }
        (start, pred)
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

    /// Who runs node `v`, relative to the owner of the protected models.
    pub(crate) fn class(&self, v: usize, owner: &str) -> Class {
        self.classes(owner)[v]
    }

    /// Who runs node `v`, given the owner's [`party_key`].
    fn class_of(&self, v: usize, owner: &str) -> Class {
        let [operator, partner, model_owner] = &self.keys[v];
        let is = |k: &Option<String>| k.as_deref() == Some(owner) && !owner.is_empty();
        match self.tag[v] {
            KindTag::Model if is(model_owner) => Class::Model,
            KindTag::Product | KindTag::Endpoint => {
                // Built with a third party: the owner is not a third party to itself.
                let joint = self.third_party[v] || (partner.is_some() && !is(partner));
                match operator {
                    Some(_) if is(operator) => {
                        if joint {
                            Class::Joint
                        } else {
                            Class::Alone
                        }
                    }
                    // It mentions the owner without being it ("OpenAI and Amazon"): jointly or
                    // someone else's, an open question; never silently "someone else".
                    Some(name) if !owner.is_empty() && name.contains(owner) => Class::Unclear,
                    Some(_) => Class::Other,
                    None if joint => Class::Joint,
                    None => Class::Unknown,
                }
            }
            _ => Class::None,
        }
    }

    /// Who runs node `v`, for display.
    pub(crate) fn run(&self, v: usize, owner: &str) -> Run {
        match self.class(v, owner) {
            Class::Alone => Run::Owner(self.operator[v].unwrap_or(owner).into()),
            Class::Joint => Run::Joint(
                self.operator[v].unwrap_or(owner).into(),
                self.partner[v].map(String::from),
            ),
            Class::Other => Run::Other(self.operator[v].unwrap_or_default().into()),
            Class::Unknown => Run::Unknown,
            Class::Unclear => Run::Unclear(self.operator[v].unwrap_or_default().into()),
            Class::Model => Run::Model,
            Class::None if self.tag[v] == KindTag::Customer => Run::Customer,
            Class::None => Run::Other(self.owner[v].unwrap_or_default().into()),
        }
    }

    /// The channels a term governs once the reading's assumptions have widened them.
    fn governed_channels(term: &Term, reading: &Reading) -> Vec<Channel> {
        let mut set = term.scope.channels.clone();
        if reading.assumes(Assumption::StatefulIsApi) && set.contains(&Channel::StatelessApi) {
            set.push(Channel::StatefulApi);
        }
        if reading.assumes(Assumption::ProductIsApi) && set.iter().any(|c| c.is_api_endpoint()) {
            set.extend(Channel::ALL.into_iter().filter(|c| c.is_product()));
        }
        set
    }

    /// The mode a routing term takes under a reading; `None` for the other kinds of term.
    pub(crate) fn mode<'t>(term: &'t Term, reading: &Reading) -> Option<(Mode, &'t Provider)> {
        let whole = reading.assumes(Assumption::WholeRoute);
        let (provider, every_hop, alone) = match &term.requirement {
            Requirement::ServedOn {
                provider,
                every_hop,
            } => (provider, every_hop, Mode::PerHop),
            Requirement::RoutedThrough {
                provider,
                every_hop,
            } => (provider, every_hop, Mode::Waypoint),
            _ => return None,
        };
        Some((
            if *every_hop || whole {
                Mode::EveryHop
            } else {
                alone
            },
            provider,
        ))
    }

    /// What `term` under `reading` asks of each node; `None` for a term that walks no routes.
    /// The shape is built once per distinct [`ShapeKey`] in this check.
    pub(crate) fn spec<'c>(
        &self,
        term: &'c Term,
        reading: &Reading,
        resolve: Resolve,
    ) -> Option<Spec<'c>> {
        let (mode, provider) = Self::mode(term, reading)?;
        let classes = self.classes(&term.scope.model_owner);
        let key = self.key(term, reading, resolve, &classes)?;
        let in_scope = |s: Segment| {
            (term.scope.consumers.is_empty() || term.scope.consumers.contains(&s))
                && !term.exemptions.contains(&Exemption::Consumer(s))
        };
        let print = key.fingerprint();
        let cached = self
            .shapes
            .borrow()
            .iter()
            .find(|(p, k, _)| *p == print && *k == key)
            .map(|(.., shape)| shape.clone());
        let shape = match cached {
            Some(shape) => shape,
            None => {
                let id = self.shapes.borrow().len();
                let shape = alloc::rc::Rc::new(self.shape(&key, &classes, in_scope, id));
                self.shapes
                    .borrow_mut()
                    .push((print, key.clone(), shape.clone()));
                shape
            }
        };
        Some(Spec {
            term,
            mode,
            provider,
            shape,
            key,
        })
    }

    /// Everything the shape of `term` under `reading` depends on, without building it. Rows
    /// of the table for channels no node carries are left out: what they say changes nothing.
    fn key(
        &self,
        term: &Term,
        reading: &Reading,
        resolve: Resolve,
        classes: &alloc::rc::Rc<[Class]>,
    ) -> Option<ShapeKey> {
        let (mode, provider) = Self::mode(term, reading)?;
        let in_scope = |s: Segment| {
            (term.scope.consumers.is_empty() || term.scope.consumers.contains(&s))
                && !term.exemptions.contains(&Exemption::Consumer(s))
        };
        let mut table = Self::table(term, reading, resolve, mode);
        for (row, &present) in table.iter_mut().zip(&self.channels_present) {
            if !present {
                *row = Default::default();
            }
        }
        Some(ShapeKey {
            table,
            mode,
            on: self.slot_of(provider),
            owner: alloc::rc::Rc::as_ptr(classes) as *const Class as usize,
            sources: u8::from(in_scope(Segment::Enterprise))
                | u8::from(in_scope(Segment::NationalSecurity)) << 1,
        })
    }

    /// Whether switching from reading `a` to `b` could change what `term` finds here.
    pub(crate) fn differs(&self, term: &Term, a: &Reading, b: &Reading) -> bool {
        if let Requirement::ShipsFirstOn { unless, .. } = term.requirement {
            return unless == crate::clause::Excuse::AsRead
                && a.assumes(Assumption::EitherExcuses) != b.assumes(Assumption::EitherExcuses);
        }
        let classes = self.classes(&term.scope.model_owner);
        [Resolve::Sure, Resolve::Maybe]
            .into_iter()
            .any(|r| self.key(term, a, r, &classes) != self.key(term, b, r, &classes))
    }

    /// Who runs every node, relative to one owner of models: worked out once per owner and
    /// check.
    pub(crate) fn classes(&self, owner: &str) -> alloc::rc::Rc<[Class]> {
        let mut cache = self.classes.borrow_mut();
        if let Some((_, c)) = cache.iter().find(|(o, _)| o == owner) {
            return c.clone();
        }
        let key = party_key(owner);
        let c: alloc::rc::Rc<[Class]> = (0..self.n()).map(|v| self.class_of(v, &key)).collect();
        cache.push((owner.into(), c.clone()));
        c
    }

    /// What a node adds, by channel, class and whether it is off the provider.
    fn table(term: &Term, reading: &Reading, resolve: Resolve, mode: Mode) -> Table {
        let channels = Self::governed_channels(term, reading);
        let whole = reading.assumes(Assumption::WholeRoute);
        let mut table: Table =
            [[[[(0u8, false, false); 2]; 2]; Class::ALL.len()]; Channel::ALL.len()];
        for (c, &channel) in Channel::ALL.iter().enumerate() {
            for (k, &class) in Class::ALL.iter().enumerate() {
                for off in [false, true] {
                    let one = |k: Class| {
                        // An API product is "developed with third parties" exactly when it is a
                        // joint product of the owner.
                        let channel =
                            match (channel.is_product() && channel != Channel::NonApiProduct, k) {
                                (true, Class::Joint) => Channel::ThirdPartyApiProduct,
                                (true, Class::Alone) => Channel::FirstPartyApiProduct,
                                _ => channel,
                            };
                        contribution(channel, k, off, term, &channels, mode, whole)
                    };
                    let (a, b) = class.answers();
                    let (a, b) = (one(a), one(b));
                    table[c][k][off as usize] = match resolve {
                        // What holds whichever answer is true: a breach found is certain.
                        Resolve::Sure => {
                            let both = (a.0 & b.0, a.1 || b.1, a.2 && b.2);
                            [both, both]
                        }
                        // Either answer, as two alternative ways through the node.
                        Resolve::Maybe => [a, b],
                    };
                }
            }
        }
        table
    }

    /// The shape a key describes: one table lookup per node.
    fn shape(
        &self,
        key: &ShapeKey,
        classes: &[Class],
        in_scope: impl Fn(Segment) -> bool,
        id: usize,
    ) -> Shape {
        let n = self.n();
        let mut shape = Shape {
            id,
            bits: vec![0u8; n],
            blocked: vec![false; n],
            alt_bits: vec![0u8; n],
            alt_blocked: vec![false; n],
            sources: Vec::new(),
            sink: vec![false; n],
            sinks: Vec::new(),
            governed: vec![false; n],
            open: false,
            alt: false,
        };
        for v in 0..n {
            if let Some(seg) = self.segment[v] {
                shape.blocked[v] = true;
                if in_scope(seg) {
                    shape.sources.push(v as u32);
                }
                continue;
            }
            let class = classes[v];
            if class == Class::Model {
                shape.sink[v] = true;
                shape.sinks.push(v as u32);
            }
            shape.open |= class.is_open();
            let Some(channel) = self.channel[v] else {
                continue;
            };
            let [a, b] =
                key.table[channel as usize][class as usize][self.off_slot(v, key.on) as usize];
            shape.bits[v] = a.0;
            shape.blocked[v] = a.1;
            shape.alt_bits[v] = b.0;
            shape.alt_blocked[v] = b.1;
            shape.governed[v] = a.2 || b.2;
            shape.alt |= a.0 != b.0 || a.1 != b.1;
        }
        shape
    }

    /// Whether a route arriving at a sink in this state breaks the term.
    pub(crate) fn violating(spec: &Spec, state: u8) -> bool {
        match spec.mode {
            Mode::EveryHop => state == G | O,
            Mode::PerHop | Mode::Waypoint => state & G != 0,
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
                let w = v as usize;
                for (bits, blocked) in [
                    (spec.bits[w], spec.blocked[w]),
                    (spec.alt_bits[w], spec.alt_blocked[w]),
                ] {
                    if blocked {
                        continue;
                    }
                    let next = v * 4 + (state | bits) as u32;
                    if parent[next as usize] == NONE {
                        parent[next as usize] = cur;
                        queue.push(next);
                    }
                }
            }
        }
        parent
    }

    /// Whether node `v` needs hosting and is not hosted on `provider`.
    pub(crate) fn off(&self, v: usize, provider: &Provider) -> bool {
        self.off_slot(v, self.slot_of(provider))
    }

    /// The slot of a provider (`NONE` when no node is hosted on it).
    fn slot_of(&self, provider: &Provider) -> u32 {
        self.slots
            .binary_search(&provider)
            .map_or(NONE, |i| i as u32)
    }

    /// [`Index::off`] for the provider in slot `on` (`NONE`: a provider no node is on).
    fn off_slot(&self, v: usize, on: u32) -> bool {
        self.tag[v].needs_hosting() && (on == NONE || self.slot[v] != on)
    }

    pub(crate) fn hop(
        &self,
        v: usize,
        owner: &str,
        provider: Option<&Provider>,
        governed: bool,
        offending: bool,
    ) -> Hop {
        Hop {
            component: self.id(v),
            label: self.label(v).into(),
            provider: self.provider[v].cloned(),
            run: self.run(v, owner),
            off_provider: provider.is_some_and(|p| self.off(v, p)),
            governed,
            offending,
            skipped: 0,
        }
    }

    /// Every clause × reading, clause-major. Routing terms run [`LANES`] at a time in one
    /// bit-parallel pass over the graph; a second, "maybe" spec joins only where an operator is
    /// an open question.
    /// Each cell spells out at most `shown` findings (at most [`MAX_FINDINGS`]).
    fn cells(&self, clauses: &[Clause], readings: &[Reading], shown: usize) -> Vec<Cell> {
        let pairs: Vec<(&Clause, &Reading)> = clauses
            .iter()
            .flat_map(|c| readings.iter().map(move |r| (c, r)))
            .collect();
        self.cells_for(&pairs, shown)
    }

    /// The cells of these clause and reading pairs, in order, checked together: pairs that ask
    /// the same of the graph share one pass.
    pub(crate) fn cells_for(&self, pairs: &[(&Clause, &Reading)], shown: usize) -> Vec<Cell> {
        struct Job<'c> {
            cell: usize,
            term: usize,
            reading: &'c Reading,
            term_ref: &'c Term,
            sure: Spec<'c>,
        }
        let mut jobs: Vec<Job> = Vec::new();
        let mut per_cell: Vec<Vec<(Verdict, Vec<Finding>, usize)>> = Vec::new();
        for &(clause, reading) in pairs {
            {
                let cell = per_cell.len();
                let mut terms = Vec::with_capacity(clause.terms.len());
                for (t, term) in clause.terms.iter().enumerate() {
                    match &term.requirement {
                        Requirement::ShipsFirstOn { .. } => {
                            let (findings, more, verdict) =
                                crate::launch::findings(self, clause, t, reading, shown);
                            terms.push((verdict, findings, more));
                            continue;
                        }
                        Requirement::Nothing => {
                            terms.push((Verdict::Complies, Vec::new(), 0));
                            continue;
                        }
                        _ => terms.push((Verdict::Complies, Vec::new(), 0)),
                    }
                    if let Some(sure) = self.spec(term, reading, Resolve::Sure) {
                        jobs.push(Job {
                            cell,
                            term: t,
                            reading,
                            term_ref: term,
                            sure,
                        });
                    }
                }
                per_cell.push(terms);
            }
        }
        // Findings are spelled out only as far as a cell shows them: launch breaches first.
        let mut budget: Vec<usize> = per_cell
            .iter()
            .map(|terms| {
                let breaches = terms
                    .iter()
                    .flat_map(|t| &t.1)
                    .filter(|f| f.kind == FindingKind::Breach)
                    .count();
                shown.min(MAX_FINDINGS).saturating_sub(breaches)
            })
            .collect();
        let places: Vec<(usize, &Reading, usize)> =
            jobs.iter().map(|j| (j.term, j.reading, j.cell)).collect();
        // First what is certain whoever runs the open hops; then, only for terms with no
        // certain breach and an open operator, what an answer could add.
        let sure: Vec<(usize, &Spec)> = jobs
            .iter()
            .enumerate()
            .map(|(j, job)| (j, &job.sure))
            .collect();
        let mut found = self.run_lanes(&sure, &places, FindingKind::Breach, &mut budget);
        let maybe_specs: Vec<(usize, Spec)> = jobs
            .iter()
            .enumerate()
            .filter(|(j, job)| job.sure.open && found[*j].0.is_empty() && found[*j].1 == 0)
            .filter_map(|(j, job)| {
                self.spec(job.term_ref, job.reading, Resolve::Maybe)
                    .map(|s| (j, s))
            })
            // Where no open question changes what a node adds, the answer is already known.
            .filter(|(j, maybe)| maybe.key != jobs[*j].sure.key)
            .collect();
        let maybe: Vec<(usize, &Spec)> = maybe_specs.iter().map(|(j, s)| (*j, s)).collect();
        let open = self.run_lanes(&maybe, &places, FindingKind::Undetermined, &mut budget);
        let mut kinds = vec![FindingKind::Breach; jobs.len()];
        for (j, result) in open.into_iter().enumerate() {
            if !result.0.is_empty() || result.1 > 0 {
                found[j] = result;
                kinds[j] = FindingKind::Undetermined;
            }
        }
        for ((job, (findings, more)), kind) in jobs.iter().zip(found).zip(kinds) {
            let verdict = match (findings.len() + more, kind) {
                (0, _) => Verdict::Complies,
                (_, FindingKind::Breach) => Verdict::Breach,
                (_, FindingKind::Undetermined) => Verdict::Undetermined,
            };
            per_cell[job.cell][job.term] = (verdict, findings, more);
        }
        pairs
            .iter()
            .zip(per_cell)
            .map(|(&(clause, reading), terms)| combine(clause, reading, terms))
            .collect()
    }

    /// Runs specs [`LANES`] at a time; returns each job's findings (indexed like `jobs`), empty
    /// for jobs without a spec here.
    fn run_lanes(
        &self,
        specs: &[(usize, &Spec)],
        jobs: &[(usize, &Reading, usize)],
        kind: FindingKind,
        budget: &mut [usize],
    ) -> Vec<(Vec<Finding>, usize)> {
        // Specs that ask the same of every node share one lane: terms and readings often do.
        // Each spec is hashed once, so finding its twin costs no more than a lookup.
        let mut lanes: Vec<&Spec> = Vec::new();
        let mut lane_by_shape: Vec<Option<usize>> = vec![None; self.shapes.borrow().len()];
        let mut lane_of: Vec<usize> = Vec::with_capacity(specs.len());
        for (_, spec) in specs {
            let l = *lane_by_shape[spec.shape.id].get_or_insert_with(|| {
                lanes.push(spec);
                lanes.len() - 1
            });
            lane_of.push(l);
        }
        let mut out: Vec<(Vec<Finding>, usize)> =
            (0..jobs.len()).map(|_| (Vec::new(), 0)).collect();
        let mut counted: Vec<Option<usize>> = vec![None; lanes.len()];
        let mut parent = Vec::new();
        for (c, chunk) in lanes.chunks(LANES).enumerate() {
            let pass = self.propagate(chunk, core::mem::take(&mut parent));
            for (&(j, spec), &l) in specs.iter().zip(&lane_of) {
                if l / LANES == c {
                    let (term, reading, cell) = jobs[j];
                    let limit = budget[cell];
                    // Without findings to spell out, jobs of one lane get one count.
                    if limit == 0 {
                        if let Some(more) = counted[l] {
                            out[j] = (Vec::new(), more);
                            continue;
                        }
                    }
                    out[j] =
                        self.routing_findings(&pass, l % LANES, spec, term, reading, kind, limit);
                    if limit == 0 {
                        counted[l] = Some(out[j].1);
                    }
                    budget[cell] -= out[j].0.len();
                }
            }
            parent = pass.parent;
        }
        out
    }

    /// One worklist pass for up to [`LANES`] routing checks at once. Each component is
    /// revisited only when it gains states, at most 64 times, so the pass is linear.
    fn propagate(&self, specs: &[&Spec], mut parent: Vec<u32>) -> Pass {
        let n = self.n();
        // Two ways through each node: the answers to an open question of who runs it.
        let mut ways = [
            (vec![0u16; n], vec![0u16; n], vec![0u16; n]),
            (vec![0u16; n], vec![0u16; n], vec![0u16; n]),
        ];
        let mut two = false;
        for (lane, spec) in specs.iter().enumerate() {
            let ways_here = if spec.alt { 2 } else { 1 };
            two |= spec.alt;
            for (w, (g, o, b)) in ways.iter_mut().enumerate().take(ways_here) {
                let (bits, blocked) = if w == 0 {
                    (&spec.bits, &spec.blocked)
                } else {
                    (&spec.alt_bits, &spec.alt_blocked)
                };
                // Without branches, so that it vectorises: this runs for every lane and node.
                let lane = lane as u32;
                for (v, (&x, &stop)) in bits.iter().zip(blocked.iter()).enumerate() {
                    g[v] |= u16::from(x & G) << lane;
                    o[v] |= u16::from((x & O) >> 1) << lane;
                    b[v] |= u16::from(stop) << lane;
                }
            }
        }
        if two {
            // A lane without a second way goes through each node the one way, twice.
            for (lane, spec) in specs.iter().enumerate() {
                if !spec.alt {
                    let bit = 1u16 << lane;
                    let [(g, o, b), (g2, o2, b2)] = &mut ways;
                    for v in 0..n {
                        g2[v] |= g[v] & bit;
                        o2[v] |= o[v] & bit;
                        b2[v] |= b[v] & bit;
                    }
                }
            }
        }
        let [(g, o, blocked), (g2, o2, blocked2)] = ways;
        let mut reached = vec![0u64; n];
        let mut pending = vec![0u64; n];
        // Only entries for reached bits are ever read, so whatever a buffer holds is fine.
        parent.resize(n * 64, 0);
        // Breadth first, a round at a time, each round in node order: which route a lane finds
        // then depends on its own check alone, never on the checks that share its pass.
        let mut queued = vec![false; n];
        let mut frontier: Vec<u32> = Vec::new();
        for (lane, spec) in specs.iter().enumerate() {
            for &s in &spec.sources {
                let s = s as usize;
                if reached[s] & (1 << lane) == 0 {
                    reached[s] |= 1 << lane;
                    pending[s] |= 1 << lane;
                    parent[s * 64 + lane] = ROOT;
                    if !queued[s] {
                        queued[s] = true;
                        frontier.push(s as u32);
                    }
                }
            }
        }
        let mut next = Vec::new();
        let mut deltas = Vec::new();
        while !frontier.is_empty() {
            frontier.sort_unstable();
            // This round's states are set aside, so that states reached in it wait for the next.
            deltas.clear();
            deltas.extend(frontier.iter().map(|&u| {
                queued[u as usize] = false;
                core::mem::take(&mut pending[u as usize])
            }));
            for (&u, &delta) in frontier.iter().zip(&deltas) {
                let u = u as usize;
                for &v in self.succ(u) {
                    let v = v as usize;
                    let mut entered = enter(delta, g[v], o[v], blocked[v]);
                    if two {
                        entered |= enter(delta, g2[v], o2[v], blocked2[v]);
                    }
                    let fresh = entered & !reached[v];
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
                        let way = |g: &[u16], o: &[u16], blocked: &[u16]| {
                            let adds = ((g[v] >> lane) & 1) | (((o[v] >> lane) & 1) << 1);
                            ((blocked[v] >> lane) & 1 == 0).then_some(adds as u32)
                        };
                        let first = way(&g, &o, &blocked);
                        let second = if two { way(&g2, &o2, &blocked2) } else { first };
                        let from = (0..4u32)
                            .find(|&sp| {
                                (delta >> (sp * 16 + lane)) & 1 == 1
                                    && (first.is_some_and(|a| (sp | a) == state)
                                        || second.is_some_and(|a| (sp | a) == state))
                            })
                            .unwrap_or(0);
                        parent[v * 64 + b as usize] = (u as u32) * 64 + from * 16 + lane;
                    }
                    if !queued[v] {
                        queued[v] = true;
                        next.push(v as u32);
                    }
                }
            }
            core::mem::swap(&mut frontier, &mut next);
            next.clear();
        }
        Pass { reached, parent }
    }

    fn routing_findings(
        &self,
        pass: &Pass,
        lane: usize,
        spec: &Spec,
        term: usize,
        reading: &Reading,
        kind: FindingKind,
        limit: usize,
    ) -> (Vec<Finding>, usize) {
        let mut out = Vec::new();
        let mut more = 0;
        let owner = spec.term.scope.model_owner.as_str();
        for &t in &spec.sinks {
            let t = t as usize;
            let Some(state) = (0..4u8).find(|&s| {
                Self::violating(spec, s) && pass.reached[t] >> (s as usize * 16 + lane) & 1 == 1
            }) else {
                continue;
            };
            if out.len() >= limit {
                more += 1;
                continue;
            }
            // The walk back costs a step per hop; hops are spelled out only where shown.
            let mut nodes = Vec::new();
            let (mut v, mut b) = (t as u32, state as u32 * 16 + lane as u32);
            loop {
                nodes.push(v as usize);
                let p = pass.parent[v as usize * 64 + b as usize];
                if p == ROOT || nodes.len() > 4 * self.n() {
                    break;
                }
                (v, b) = (p / 64, p % 64);
            }
            nodes.reverse();
            let offending = |v: usize| {
                let bits = spec.bits[v] | spec.alt_bits[v];
                match spec.mode {
                    Mode::PerHop => bits & G != 0,
                    Mode::EveryHop => bits & O != 0,
                    Mode::Waypoint => spec.governed[v],
                }
            };
            let classes = self.classes(owner);
            let open = |v: usize| matches!(classes[v], Class::Unknown | Class::Unclear);
            let mut missing = Vec::new();
            if kind == FindingKind::Undetermined {
                // Each open node once, in route order (a route may pass a node twice).
                let found: Vec<usize> = nodes.iter().copied().filter(|&v| open(v)).collect();
                let mut first: Vec<usize> = (0..found.len()).collect();
                first.sort_unstable_by_key(|&i| (found[i], i));
                first.dedup_by_key(|i| found[*i]);
                first.sort_unstable();
                missing.extend(
                    first
                        .into_iter()
                        .map(|i| Missing::Operator(self.id(found[i]))),
                );
            }
            let counts = crate::explain::Counts::of(&nodes, |v| {
                (
                    offending(v),
                    spec.governed[v],
                    open(v),
                    self.off(v, spec.provider),
                )
            });
            let positions = shown_positions(nodes.len(), |i| offending(nodes[i]) || open(nodes[i]));
            let route = spell_out(&positions, |i| {
                let v = nodes[i];
                self.hop(
                    v,
                    owner,
                    Some(spec.provider),
                    spec.governed[v],
                    offending(v),
                )
            });
            let explanation = crate::explain::route(spec, reading, &route, &counts, kind);
            out.push(Finding {
                kind,
                term,
                route,
                explanation,
                missing,
            });
        }
        (out, more)
    }
}

/// What a hop of `channel`, run as `class`, on or `off` the provider, adds to a route under a
/// term in a mode: (bits, blocks the route, governed).
fn contribution(
    channel: Channel,
    class: Class,
    off: bool,
    term: &Term,
    channels: &[Channel],
    mode: Mode,
    whole: bool,
) -> (u8, bool, bool) {
    let exempt = term.exemptions.contains(&Exemption::Channel(channel));
    let operated = term.scope.operated;
    let in_scope = match class {
        Class::Alone => operated != Operated::Jointly,
        Class::Joint => operated != Operated::Alone,
        // Under the spirit, what someone else runs counts as access, for terms about any access
        // (not for terms about what the owner runs alone or jointly).
        Class::Other => whole && operated == Operated::Any,
        Class::Model => true,
        Class::Unknown | Class::Unclear | Class::None => false,
    };
    let named = in_scope && channels.contains(&channel);
    let governed = named && !exempt;
    let serves = matches!(class, Class::Alone | Class::Joint | Class::Model) && !exempt;
    match mode {
        Mode::PerHop => ((governed && off) as u8 * G, false, governed),
        Mode::EveryHop => (
            governed as u8 * G | (serves && off) as u8 * O,
            false,
            governed,
        ),
        // A route still meets the provider at an exempt hop of a named channel: an exemption
        // only ever removes a restriction.
        Mode::Waypoint => (governed as u8 * G, named && !off, governed),
    }
}

/// A clause's cell from its terms' verdicts and findings: breaches first, then open questions.
fn combine(clause: &Clause, reading: &Reading, terms: Vec<(Verdict, Vec<Finding>, usize)>) -> Cell {
    let verdicts: Vec<Verdict> = terms.iter().map(|t| t.0).collect();
    let verdict = if verdicts.contains(&Verdict::Breach) {
        Verdict::Breach
    } else if verdicts.contains(&Verdict::Undetermined) {
        Verdict::Undetermined
    } else {
        Verdict::Complies
    };
    // Breaches first; open questions after them.
    let (mut findings, mut open) = (Vec::new(), Vec::new());
    let mut more = 0;
    for (_, f, m) in terms {
        for finding in f {
            if finding.kind == FindingKind::Breach {
                findings.push(finding);
            } else {
                open.push(finding);
            }
        }
        more += m;
    }
    findings.append(&mut open);
    if findings.len() > MAX_FINDINGS {
        more += findings.len() - MAX_FINDINGS;
        findings.truncate(MAX_FINDINGS);
    }
    Cell {
        clause: clause.id.clone(),
        reading: reading.id.clone(),
        verdict,
        terms: verdicts,
        findings: findings.into(),
        more,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clause::{builtin_clauses, builtin_readings};

    #[test]
    fn explanations_name_who_runs_each_hop_and_the_kind_of_requirement() {
        let d = crate::presets::Preset::find("frontier-via-azure")
            .unwrap()
            .diagram();
        let report = check(&d, &builtin_clauses());
        let spirit_v2 = &report.cell(1, 1).unwrap().findings[0].explanation;
        assert_eq!(
            spirit_v2,
            "The route gives access to OpenAI's model through Frontier (run by OpenAI, hosted on AWS) and Azure OpenAI endpoint (run by OpenAI, hosted on Azure). Under the spirit reading, everything that then serves the model must run on Azure, but Frontier (run by OpenAI, hosted on AWS) does not. The sentence: \u{201c}The OpenAI API stays exclusive to Azure.\u{201d} Route: Acme Corp \u{2192} Frontier \u{2192} Azure OpenAI endpoint \u{2192} GPT model."
        );
        let letter_v4 = &report.cell(3, 0).unwrap().findings[0].explanation;
        assert_eq!(
            letter_v4,
            "Frontier (run by OpenAI, hosted on AWS) is covered by this sentence but not served from Azure. The sentence says where such a service must run; what comes before it on the route does not change that. The sentence: \u{201c}OpenAI first-party products, including Frontier, continue to be hosted on Azure.\u{201d} Route: Acme Corp \u{2192} Frontier \u{2192} Azure OpenAI endpoint \u{2192} GPT model."
        );
        assert_eq!(
            report.cell(3, 0).unwrap().findings[0].term,
            2,
            "the third sentence of v4"
        );
        // An exempt hop is never named as what breaks a term.
        let d = crate::presets::Preset::find("exempt-hop")
            .unwrap()
            .diagram();
        let report = check(&d, &builtin_clauses());
        let v3_spirit = &report.cell(2, 1).unwrap().findings[0];
        let app = v3_spirit
            .route
            .iter()
            .find(|h| h.label == "Assistant app")
            .unwrap();
        assert!(!app.offending && !app.governed, "{app:?}");
        assert!(
            !v3_spirit
                .explanation
                .contains("Assistant app (run by OpenAI, hosted on Google Cloud) and"),
            "{}",
            v3_spirit.explanation
        );
    }

    #[test]
    fn operator_names_match_through_invisible_and_full_width_characters() {
        for name in [
            "Open\u{200b}AI",
            "Open\u{ad}AI",
            "\u{feff}OpenAI\u{2060}",
            "ＯｐｅｎＡＩ",
            "Open\u{200d}AI",
        ] {
            assert!(same_party(name, "OpenAI"), "{name:?}");
        }
        assert!(!same_party("\u{200b}", "OpenAI"));
    }

    #[test]
    fn operator_names_match_by_letters_and_never_silently_clear() {
        assert!(same_party("Open AI", "OpenAI"));
        assert!(same_party(" openai ", "OpenAI"));
        assert!(!same_party("", ""));
        assert!(!same_party("OpenAI and Amazon", "OpenAI"));
        assert!(mentions_party("OpenAI and Amazon", "OpenAI"));
        assert!(mentions_party("OpenAI (with Amazon)", "OpenAI"));
        assert!(!mentions_party("Acme Corp", "OpenAI"));
        assert!(!mentions_party("OpenAI", "OpenAI"));
    }

    #[test]
    fn an_open_operator_is_named_as_the_missing_fact() {
        let d = crate::presets::Preset::find("operator-unknown")
            .unwrap()
            .diagram();
        let report = check(&d, &builtin_clauses());
        let app = d
            .components
            .iter()
            .find(|c| c.label == "Agent app")
            .unwrap()
            .id;
        for c in &report.cells {
            if c.verdict == Verdict::Undetermined {
                assert!(
                    c.findings
                        .iter()
                        .all(|f| f.missing.contains(&Missing::Operator(app))),
                    "{} {}",
                    c.clause,
                    c.reading
                );
            }
        }
        let v1 = &report.cell(0, 0).unwrap().findings[0].explanation;
        assert!(v1.starts_with("Who runs Agent app is not set."), "{v1}");
    }

    /// The bit-parallel pass agrees with a plain per-check search, and every route it reports
    /// is a real walk from a customer to a protected model.
    #[test]
    fn a_route_thousands_of_hops_long_shows_its_ends_and_counts_the_rest() {
        // A customer, 2,000 endpoints alternately on Azure and AWS, then the models: every
        // route has 2,002 hops, and the odd endpoints run by OpenAI on AWS break v1.
        let s = crate::generate::hostile::long_chain(2_000, 0);
        let report = check(&s.diagram, &crate::clause::builtin_clauses());
        let cell = report.cell(0, 0).expect("v1 letter");
        assert_eq!(cell.verdict, Verdict::Breach);
        let f = &cell.findings[0];
        assert!(
            f.route.len() <= 2 * ROUTE_SHOWN,
            "{} hops spelled out",
            f.route.len()
        );
        assert_eq!(route_len(&f.route), 2_002);
        assert_eq!(f.route[0].label, "Customer");
        assert!(f.route.last().unwrap().label.starts_with('M'));
        assert!(f.route.iter().any(|h| h.skipped > 0));
        assert!(f.explanation.contains("(2002 hops)"), "{}", f.explanation);
        assert!(f.explanation.contains(" more"), "{}", f.explanation);
        let text = crate::explain::route_text(&f.route);
        assert!(text.starts_with("Customer \u{2192} E0"), "{text}");
        assert!(text.contains(" more hops \u{2026}"), "{text}");
    }

    #[test]
    fn bit_parallel_pass_agrees_with_per_check_search() {
        let clauses = builtin_clauses();
        let readings = builtin_readings();
        for size in [12, 40, 150, 600] {
            let d = crate::generate::diagram(size);
            let index = Index::new(&d);
            let cells = index.cells(&clauses, &readings, MAX_FINDINGS);
            let mut i = 0;
            for clause in &clauses {
                for reading in &readings {
                    let cell = &cells[i];
                    i += 1;
                    for (t, term) in clause.terms.iter().enumerate() {
                        let Some(spec) = index.spec(term, reading, Resolve::Sure) else {
                            continue;
                        };
                        let parent = index.search(&spec);
                        let breach = (0..index.n()).any(|v| {
                            spec.sink[v]
                                && (0..4u8).any(|s| {
                                    Index::violating(&spec, s) && parent[v * 4 + s as usize] != NONE
                                })
                        });
                        assert_eq!(
                            cell.terms[t] == Verdict::Breach,
                            breach,
                            "size {size} {} term {t} {}",
                            clause.id,
                            reading.id
                        );
                    }
                    for f in cell.findings.iter() {
                        if matches!(
                            clause.terms[f.term].requirement,
                            Requirement::ShipsFirstOn { .. }
                        ) {
                            continue;
                        }
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
