//! The checker: every clause × reading of a diagram, with the routes that decide each verdict.
//!
//! A route is a walk customer → (uses) → product/endpoint → (calls)* → … → (exposes/calls) →
//! model. Whether a route breaks a term depends only on a few bits gathered along the way (has
//! it met a governed hop? a hop off the required provider?), so a check walks (component, bits)
//! states, at most four per component, never enumerating paths. Sixteen checks share one
//! bit-parallel pass over the graph.
//!
//! The parts:
//! - `graph`: the diagram as a dense graph, and who runs each node;
//! - `spec`: what one term under one reading asks of each node;
//! - `routing`: the bit-parallel passes and the routing findings;
//! - `launch`: the launch-date ("ships first on") terms;
//! - [`explain`]: the plain-English sentences of a finding, for both;
//! - this module: the results (cells, findings, routes) and the entry points.

pub mod explain;
mod graph;
pub(crate) mod launch;
mod routing;
mod spec;

use crate::clause::{Clause, Reading};
use crate::model::{ComponentId, Diagram, Problem, Provider};
pub use crate::verdict::Verdict;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
pub(crate) use graph::Class;
pub use graph::{mentions_party, same_party};
use serde::{Deserialize, Serialize};
pub(crate) use spec::{Index, Mode, Resolve, Spec, Table, G, O};

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
    /// What it carries, if it is a product, an endpoint or a model.
    #[serde(default)]
    pub channel: Option<crate::clause::Channel>,
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
    /// Where this product, endpoint or model is hosted.
    Hosting(ComponentId),
}

impl Missing {
    /// The component the fact is about.
    pub fn component(&self) -> ComponentId {
        match self {
            Missing::Operator(c)
            | Missing::LaunchDates(c)
            | Missing::LaunchDay(c)
            | Missing::Hosting(c) => *c,
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
    expected: &[crate::verdict::Expectation],
) -> Vec<(crate::verdict::Expectation, Outcome)> {
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

/// The verdicts of every clause under every reading, clause-major, without findings: what
/// comparing readings needs, at a fraction of the cost on long routes, and less again where
/// an early sentence of a clause breaches (see `Index::verdicts_for`).
pub fn verdicts_with(diagram: &Diagram, clauses: &[Clause], readings: &[Reading]) -> Vec<Verdict> {
    let pairs: Vec<(&Clause, &Reading)> = clauses
        .iter()
        .flat_map(|c| readings.iter().map(move |r| (c, r)))
        .collect();
    Index::new(diagram).verdicts_for(&pairs)
}

/// Why term `t` of `clause` complies under `reading` in `diagram`, in a sentence for a lawyer:
/// nothing drawn is what it covers, or what it covers meets its requirement, or it restricts
/// nothing. Call it only for a term whose verdict is [`Verdict::Complies`].
// Kept out of line: inlined into a view, it would copy the graph's construction into the wasm.
#[inline(never)]
pub fn why_complies(diagram: &Diagram, clause: &Clause, t: usize, reading: &Reading) -> String {
    match clause.terms.get(t) {
        Some(term) => explain::complies(&Index::new(diagram), clause, term, reading),
        None => String::new(),
    }
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

#[cfg(test)]
mod tests {
    use super::graph::NONE;
    use super::*;
    use crate::clause::builtin_readings;
    use crate::clause::Requirement;
    use crate::lang::builtin_clauses;
    use crate::model::KindTag;

    fn preset(id: &str) -> Diagram {
        crate::presets::Preset::find(id).unwrap().diagram()
    }

    #[test]
    fn explanations_name_who_runs_each_hop_and_the_kind_of_requirement() {
        let d = preset("frontier-via-azure");
        let report = check(&d, &builtin_clauses());
        let spirit_v2 = &report.cell(1, 1).unwrap().findings[0].explanation;
        assert_eq!(
            spirit_v2,
            "The route gives access to OpenAI's model through \u{201c}Frontier\u{201d} (an API product run by OpenAI, hosted on AWS) and \u{201c}Azure OpenAI endpoint\u{201d} (a stateless API run by OpenAI, hosted on Azure), which this sentence covers under the spirit reading. Under that reading what counts is the effect: on such a route, the model and every hop OpenAI runs to serve it must be hosted on Azure, whoever provides the access. \u{201c}Frontier\u{201d} is not. The sentence: \u{201c}The OpenAI API stays exclusive to Azure.\u{201d} Route: Acme Corp \u{2192} Frontier \u{2192} Azure OpenAI endpoint \u{2192} GPT model."
        );
        let letter_v4 = &report.cell(3, 0).unwrap().findings[0].explanation;
        assert_eq!(
            letter_v4,
            "\u{201c}Frontier\u{201d} (an API product run by OpenAI, hosted on AWS) is covered by this sentence, so it must be hosted on Azure. The sentence: \u{201c}OpenAI first-party products, including Frontier, continue to be hosted on Azure.\u{201d} Route: Acme Corp \u{2192} Frontier \u{2192} Azure OpenAI endpoint \u{2192} GPT model."
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
        let d = preset("operator-unknown");
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
        assert!(
            v1.starts_with("Who runs \u{201c}Agent app\u{201d} is not set."),
            "{v1}"
        );
    }

    /// The bit-parallel pass agrees with a plain per-check search, and every route it reports
    /// is a real walk from a customer to a protected model.
    #[test]
    fn a_route_thousands_of_hops_long_shows_its_ends_and_counts_the_rest() {
        // A customer, 2,000 endpoints alternately on Azure and AWS, then the models: every
        // route has 2,002 hops, and the odd endpoints run by OpenAI on AWS break v1.
        let s = crate::generate::hostile::long_chain(2_000, 0);
        let report = check(&s.diagram, &crate::lang::builtin_clauses());
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
        let text = explain::route_text(&f.route);
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
                        let breach = (0..index.graph.n()).any(|v| {
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
