//! Comparison of readings and sensitivity to single assumptions.

use crate::check::{check_with, Report, Verdict};
use crate::clause::{Assumption, Clause, Reading};
use crate::model::Diagram;
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

/// Compares the readings on a diagram, given its report under those readings.
pub fn compare(
    diagram: &Diagram,
    clauses: &[Clause],
    readings: &[Reading],
    report: &Report,
) -> Comparison {
    let mut out = Comparison::default();
    for (c, clause) in clauses.iter().enumerate() {
        let verdicts: Vec<Verdict> = (0..readings.len())
            .filter_map(|r| report.cell(c, r).map(|cell| cell.verdict))
            .collect();
        if verdicts.windows(2).any(|w| w[0] != w[1]) {
            out.disagreements.push(Disagreement {
                clause: clause.id.clone(),
                verdicts,
            });
        }
    }
    for assumption in Assumption::ALL {
        let toggled: Vec<Reading> = readings.iter().map(|r| r.toggled(assumption)).collect();
        let other = check_with(diagram, clauses, &toggled);
        for (c, clause) in clauses.iter().enumerate() {
            for (r, reading) in readings.iter().enumerate() {
                let (Some(now), Some(then)) = (report.cell(c, r), other.cell(c, r)) else {
                    continue;
                };
                if now.verdict != then.verdict {
                    out.flips.push(Flip {
                        clause: clause.id.clone(),
                        reading: reading.id.clone(),
                        assumption,
                        assumed: reading.assumes(assumption),
                        from: now.verdict,
                        to: then.verdict,
                    });
                }
            }
        }
    }
    out.flips.sort_by(|a, b| {
        (a.clause.as_str(), a.reading.as_str(), a.assumption).cmp(&(
            b.clause.as_str(),
            b.reading.as_str(),
            b.assumption,
        ))
    });
    out
}
