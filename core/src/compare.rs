//! Comparison of readings and sensitivity to single assumptions.

use crate::check::{Index, Report, Verdict};
use crate::clause::{Assumption, Clause, Reading};
use crate::model::{ComponentId, Diagram, Kind};
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// A clause on which the readings give different verdicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The clause's id.
    pub clause: String,
    /// One verdict per reading, in reading order.
    pub verdicts: Vec<Verdict>,
}

/// A single assumption whose switch changes a verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flip {
    /// The clause's id.
    pub clause: String,
    /// The reading's id.
    pub reading: String,
    /// The assumption switched.
    pub assumption: Assumption,
    /// Whether the reading makes the assumption now (so the flip drops it).
    pub assumed: bool,
    /// The verdict now.
    pub from: Verdict,
    /// The verdict with the assumption switched.
    pub to: Verdict,
}

/// Where readings disagree and what flips each verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Clauses on which the readings disagree.
    pub disagreements: Vec<Disagreement>,
    /// Every single-assumption switch that changes a verdict.
    pub flips: Vec<Flip>,
    /// The facts of the diagram whose opposite would change the chosen cell's verdict.
    pub facts: FactFlips,
}

impl Flip {
    /// The flip as a sentence: "Without the assumption that …, the verdict would be Complies,
    /// not Breach."
    pub fn sentence(&self) -> String {
        alloc::format!(
            "{} the assumption that {}, the verdict would be {}, not {}.",
            if self.assumed { "Without" } else { "With" },
            self.assumption.statement(),
            self.to.word(),
            self.from.word()
        )
    }
}

impl FactFlip {
    /// The fact and its flip as sentences: "“Frontier” is drawn as an API product. If it were
    /// not one, the verdict would be Complies, not Breach."
    pub fn sentence(&self) -> String {
        let (what, then) = match self.now {
            true => ("an API product", "not one"),
            false => ("a product that is not an API", "one"),
        };
        alloc::format!(
            "\u{201c}{}\u{201d} is drawn as {what}. If it were {then}, the verdict would be {}, not {}.",
            self.label,
            self.to.word(),
            self.from.word()
        )
    }
}

impl Comparison {
    /// The flips of one cell.
    pub fn flips_of<'a>(
        &'a self,
        clause: &'a str,
        reading: &'a str,
    ) -> impl Iterator<Item = &'a Flip> {
        self.flips
            .iter()
            .filter(move |f| f.clause == clause && f.reading == reading)
    }
}

/// A fact the user sets on a component, which the public record may leave open: whether
/// "Frontier" is an API product is the point in dispute, and the diagram has to choose.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fact {
    /// Whether a product is itself an API product.
    ApiProduct,
}

/// A fact of one component whose opposite changes a cell's verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactFlip {
    /// The component.
    pub component: ComponentId,
    /// Its label, for the sentence that names it.
    pub label: String,
    /// The fact.
    pub fact: Fact,
    /// The fact's value in the diagram.
    pub now: bool,
    /// The verdict now.
    pub from: Verdict,
    /// The verdict with the fact reversed.
    pub to: Verdict,
}

/// The facts that decide one cell, and how many were not tried.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactFlips {
    /// Each fact whose opposite changes the verdict, in the diagram's order.
    pub flips: Vec<FactFlip>,
    /// Facts past [`MAX_FACT_CHECKS`], not tried.
    pub unchecked: usize,
}

/// How many facts one cell's detail tries reversing: each is one more check of one clause.
pub const MAX_FACT_CHECKS: usize = 12;

/// The facts of `diagram` whose opposite would change the verdict of clause `c` under reading
/// `r`: each product's "API product" mark, reversed one at a time, for at most
/// [`MAX_FACT_CHECKS`] products.
pub fn fact_flips(
    diagram: &Diagram,
    clauses: &[Clause],
    readings: &[Reading],
    report: &Report,
    (c, r): (usize, usize),
) -> FactFlips {
    let mut out = FactFlips::default();
    let (Some(clause), Some(reading), Some(now)) =
        (clauses.get(c), readings.get(r), report.cell(c, r))
    else {
        return out;
    };
    let products = diagram
        .components
        .iter()
        .enumerate()
        .filter(|(_, comp)| matches!(comp.kind, Kind::Product { .. }));
    let mut tried = 0;
    for (at, comp) in products {
        if tried == MAX_FACT_CHECKS {
            out.unchecked += 1;
            continue;
        }
        tried += 1;
        let mut other = diagram.clone();
        let Kind::Product { api, .. } = &mut other.components[at].kind else {
            continue;
        };
        *api = !*api;
        let was = !*api;
        let then = crate::check::verdicts_with(
            &other,
            core::slice::from_ref(clause),
            core::slice::from_ref(reading),
        );
        if let Some(&then) = then.first().filter(|&&t| t != now.verdict) {
            out.flips.push(FactFlip {
                component: comp.id,
                label: comp.label.clone(),
                fact: Fact::ApiProduct,
                now: was,
                from: now.verdict,
                to: then,
            });
        }
    }
    out
}

/// The clauses on which the readings disagree: read off the report, no further checking.
pub fn disagreements(
    clauses: &[Clause],
    readings: &[Reading],
    report: &Report,
) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for (c, clause) in clauses.iter().enumerate() {
        let verdicts: Vec<Verdict> = (0..readings.len())
            .filter_map(|r| report.cell(c, r).map(|cell| cell.verdict))
            .collect();
        if verdicts.windows(2).any(|w| w[0] != w[1]) {
            out.push(Disagreement {
                clause: clause.id.clone(),
                verdicts,
            });
        }
    }
    out
}

/// Compares the readings on a diagram, given its report under those readings: where they
/// disagree, and every single-assumption switch that changes a verdict (one more check per
/// assumption, of verdicts only).
pub fn compare(
    diagram: &Diagram,
    clauses: &[Clause],
    readings: &[Reading],
    report: &Report,
) -> Comparison {
    let mut out = Comparison {
        disagreements: disagreements(clauses, readings, report),
        flips: Vec::new(),
        facts: FactFlips::default(),
    };
    out.flips = flips(diagram, clauses, readings, report, None);
    out.flips.sort_by(|a, b| {
        (a.clause.as_str(), a.reading.as_str(), a.assumption).cmp(&(
            b.clause.as_str(),
            b.reading.as_str(),
            b.assumption,
        ))
    });
    out
}

/// Every single-assumption switch that changes a verdict, for every cell or only the chosen one
/// (clause and reading positions). Only the cells where a switch changes what some term asks
/// of this diagram are checked again, all together and without findings.
pub fn flips(
    diagram: &Diagram,
    clauses: &[Clause],
    readings: &[Reading],
    report: &Report,
    only: Option<(usize, usize)>,
) -> Vec<Flip> {
    let index = Index::new(diagram);
    let mut asked: Vec<(usize, usize, Assumption, Reading)> = Vec::new();
    for (c, clause) in clauses.iter().enumerate() {
        for (r, reading) in readings.iter().enumerate() {
            if only.is_some_and(|o| o != (c, r)) {
                continue;
            }
            for assumption in Assumption::ALL {
                let toggled = reading.toggled(assumption);
                if clause
                    .terms
                    .iter()
                    .any(|t| index.differs(t, reading, &toggled))
                {
                    asked.push((c, r, assumption, toggled));
                }
            }
        }
    }
    let pairs: Vec<(&Clause, &Reading)> =
        asked.iter().map(|(c, _, _, t)| (&clauses[*c], t)).collect();
    let verdicts = index.verdicts_for(&pairs);
    let mut out = Vec::new();
    for ((c, r, assumption, _), &then) in asked.iter().zip(&verdicts) {
        let Some(now) = report.cell(*c, *r) else {
            continue;
        };
        if now.verdict != then {
            out.push(Flip {
                clause: clauses[*c].id.clone(),
                reading: readings[*r].id.clone(),
                assumption: *assumption,
                assumed: readings[*r].assumes(*assumption),
                from: now.verdict,
                to: then,
            });
        }
    }
    out
}

/// A verdict cell that differs between two scenarios.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellChange {
    /// The clause's id.
    pub clause: String,
    /// The reading's id.
    pub reading: String,
    /// The verdict in the other scenario.
    pub before: Verdict,
    /// The verdict in this one.
    pub after: Verdict,
}

/// A breaching route present in one scenario and not the other, by its hops' labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteChange {
    /// The clause's id.
    pub clause: String,
    /// The reading's id.
    pub reading: String,
    /// The hops' labels, customer to model.
    pub route: Vec<String>,
    /// True when the route is new in this scenario, false when it is gone.
    pub appeared: bool,
}

/// What changed legally between two scenarios checked against the same clauses and readings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioDiff {
    /// Cells whose verdict changed.
    pub cells: Vec<CellChange>,
    /// Breaching routes that appeared or disappeared.
    pub routes: Vec<RouteChange>,
}

/// Compares the report of another scenario (`before`) with this one's (`after`). Cells are
/// matched by clause and reading ids. A route is the same route when its hops are the same
/// components on the same providers (a renamed customer changes no route; a re-hosted hop
/// does), or, since two scenarios' ids need not correspond, when its hops have the same labels.
pub fn diff(before: &Report, after: &Report) -> ScenarioDiff {
    use crate::check::FindingKind;
    // Each breaching route, by its hops: the same components on the same hosts, or the same
    // labels (the gaps count as hops).
    fn routes(cell: &crate::check::Cell) -> impl Iterator<Item = &[crate::check::Hop]> {
        cell.findings
            .iter()
            .filter(|f| f.kind == FindingKind::Breach)
            .map(|f| f.route.as_slice())
    }
    fn same(x: &[crate::check::Hop], y: &[crate::check::Hop]) -> bool {
        let by = |key: fn(&crate::check::Hop, &crate::check::Hop) -> bool| {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(a, b)| a.skipped == b.skipped && key(a, b))
        };
        by(|a, b| a.component == b.component && a.provider == b.provider)
            || by(|a, b| a.label == b.label)
    }
    fn labels(route: &[crate::check::Hop]) -> Vec<String> {
        route
            .iter()
            .flat_map(|h| {
                let gap = (h.skipped > 0).then(|| alloc::format!("\u{2026} {} more", h.skipped));
                gap.into_iter().chain([h.label.clone()])
            })
            .collect()
    }
    let mut out = ScenarioDiff::default();
    for a in &after.cells {
        let Some(b) = before
            .cells
            .iter()
            .find(|b| b.clause == a.clause && b.reading == a.reading)
        else {
            continue;
        };
        if a.verdict != b.verdict {
            out.cells.push(CellChange {
                clause: a.clause.clone(),
                reading: a.reading.clone(),
                before: b.verdict,
                after: a.verdict,
            });
        }
        for (mine, theirs, appeared) in [(a, b, true), (b, a, false)] {
            for r in routes(mine).filter(|r| !routes(theirs).any(|t| same(r, t))) {
                out.routes.push(RouteChange {
                    clause: a.clause.clone(),
                    reading: a.reading.clone(),
                    route: labels(r),
                    appeared,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_clauses, check, presets::Preset};

    /// The fact flips of one preset's cell, as "label: now → verdict" lines.
    fn facts_of(preset: &str, c: usize, r: usize) -> (Vec<String>, usize) {
        let d = Preset::find(preset).unwrap().diagram();
        let (clauses, readings) = (builtin_clauses(), crate::builtin_readings());
        let report = check(&d, &clauses);
        let got = fact_flips(&d, &clauses, &readings, &report, (c, r));
        let lines = got
            .flips
            .iter()
            .map(|f| format!("{} api={} {:?}->{:?}", f.label, f.now, f.from, f.to))
            .collect();
        (lines, got.unchecked)
    }

    // Expected by hand from the 2025-10-28 version: non-API products may be served on any
    // cloud, and under the spirit a product that calls the model counts as API access.
    #[test]
    fn whether_a_product_is_an_api_product_decides_the_spirit_of_v3() {
        // Frontier on AWS, reaching the model through Azure: as an API product it is API
        // access served off Azure; as a non-API product it may be served anywhere.
        assert_eq!(
            facts_of("frontier-via-azure", 2, 1),
            (vec!["Frontier api=true Breach->Complies".to_string()], 0)
        );
        // The letter governs only APIs and jointly built API products: a first-party product
        // complies either way.
        assert_eq!(facts_of("frontier-via-azure", 2, 0), (vec![], 0));
        // A non-API app on Google Cloud complies with v3; were it an API product, the spirit
        // would count it as API access off Azure.
        assert_eq!(
            facts_of("non-api-other-cloud", 2, 1),
            (
                vec!["Assistant app api=false Complies->Breach".to_string()],
                0
            )
        );
        // Under v1 everything must be on Azure, whatever the product is.
        assert_eq!(facts_of("frontier-via-azure", 0, 1), (vec![], 0));
    }

    #[test]
    fn at_most_a_dozen_products_are_tried_and_the_rest_are_counted() {
        let mut text = String::from("customer c \"C\" enterprise @ 0,0\n");
        for i in 0..(MAX_FACT_CHECKS + 2) {
            text.push_str(&format!(
                "product p{i} \"P{i}\" api first-party by OpenAI @ {},100\nc uses p{i}\n",
                i * 10
            ));
        }
        let d = crate::io::text::parse_diagram(&text).unwrap();
        let (clauses, readings) = (builtin_clauses(), crate::builtin_readings());
        let report = check(&d, &clauses);
        let got = fact_flips(&d, &clauses, &readings, &report, (0, 0));
        assert_eq!(got.unchecked, 2);
        // Out of range is nothing, not a panic.
        assert_eq!(
            fact_flips(&d, &clauses, &readings, &report, (99, 0)),
            FactFlips::default()
        );
    }

    #[test]
    fn moving_frontiers_api_to_azure_changes_the_letter_and_drops_routes() {
        let clauses = builtin_clauses();
        let before = check(&Preset::find("frontier-aws").unwrap().diagram(), &clauses);
        let after = check(
            &Preset::find("frontier-via-azure").unwrap().diagram(),
            &clauses,
        );
        let d = diff(&before, &after);
        let changed: Vec<String> = d
            .cells
            .iter()
            .map(|c| format!("{} {} {:?}->{:?}", c.clause, c.reading, c.before, c.after))
            .collect();
        assert_eq!(
            changed,
            ["v2 letter Breach->Complies", "v3 letter Breach->Complies"],
            "v4 letter stays a breach: Frontier itself is still on AWS; {changed:?}"
        );
        assert_eq!(changed.len(), 2, "{changed:?}");
        assert!(d
            .routes
            .iter()
            .any(|r| !r.appeared && r.clause == "v4" && r.reading == "letter"));
        assert!(d
            .routes
            .iter()
            .any(|r| r.appeared && r.route.contains(&"Azure OpenAI endpoint".to_string())));
        assert_eq!(diff(&after, &after), ScenarioDiff::default());
    }

    #[test]
    fn renaming_a_component_changes_no_route_and_the_same_labels_are_the_same_route() {
        let clauses = builtin_clauses();
        let d = Preset::find("frontier-aws").unwrap().diagram();
        let before = check(&d, &clauses);
        // Only the customer's name changes: no verdict, no route.
        let mut renamed = d.clone();
        renamed.components[0].label = "Globex".into();
        assert_eq!(
            diff(&before, &check(&renamed, &clauses)),
            ScenarioDiff::default()
        );
        // The same deal drawn with other ids is the same deal.
        let mut renumbered = d.clone();
        let shift = |id: crate::model::ComponentId| crate::model::ComponentId(id.0 + 100);
        for c in &mut renumbered.components {
            c.id = shift(c.id);
        }
        for r in &mut renumbered.relations {
            r.from = shift(r.from);
            r.to = shift(r.to);
        }
        assert_eq!(
            diff(&before, &check(&renumbered, &clauses)),
            ScenarioDiff::default()
        );
    }
}
