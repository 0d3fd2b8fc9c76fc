//! The golden verdict table (`fixtures/golden/verdicts.txt`): arrangements × versions × readings,
//! written by hand from the public record before the checker ran on them. A mismatch is a
//! question for a person; this test never rewrites the table.

use dealscope_core::clause::Assumption;
use dealscope_core::io::text::parse_diagram;
use dealscope_core::presets::Preset;
use dealscope_core::{builtin_clauses, builtin_readings, check_with, Diagram, Verdict};

struct Row {
    title: String,
    diagram: Diagram,
    cells: Vec<(String, [String; 2], String)>,
}

fn rows() -> Vec<Row> {
    let text = include_str!("../fixtures/golden/verdicts.txt");
    let mut out = Vec::new();
    for block in text.split("\n=== ").skip(1) {
        let (title, body) = block.split_once('\n').expect("a title line");
        let mut diagram_text = String::new();
        let mut preset = None;
        let mut cells = Vec::new();
        for line in body.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["preset", id] => preset = Some(*id),
                [v, letter, spirit, reason @ ..] if v.len() == 2 && v.starts_with('v') => cells
                    .push((
                        v.to_string(),
                        [letter.to_string(), spirit.to_string()],
                        reason.join(" "),
                    )),
                _ => {
                    diagram_text.push_str(line);
                    diagram_text.push('\n');
                }
            }
        }
        let diagram = match preset {
            Some(id) => Preset::find(id)
                .unwrap_or_else(|| panic!("{title}: no preset `{id}`"))
                .diagram(),
            None => parse_diagram(&diagram_text).unwrap_or_else(|e| panic!("{title}: {e}")),
        };
        out.push(Row {
            title: title.into(),
            diagram,
            cells,
        });
    }
    out
}

fn letter(v: Verdict) -> &'static str {
    match v {
        Verdict::Complies => "C",
        Verdict::Breach => "B",
        Verdict::Undetermined => "U",
    }
}

#[test]
fn golden_table_matches_the_record() {
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    let rows = rows();
    assert!(
        rows.len() >= 40,
        "at least 40 arrangements, got {}",
        rows.len()
    );
    let mut failures = Vec::new();
    let mut either = 0;
    for row in &rows {
        assert!(
            row.diagram.problems().is_empty(),
            "{}: {:?}",
            row.title,
            row.diagram.problems()
        );
        assert_eq!(
            row.cells.len(),
            clauses.len(),
            "{}: one line per version",
            row.title
        );
        let report = check_with(&row.diagram, &clauses, &readings);
        for (c, (version, want, reason)) in row.cells.iter().enumerate() {
            assert_eq!(&clauses[c].id, version, "{}", row.title);
            for (r, want) in want.iter().enumerate() {
                let got = report.cell(c, r).unwrap().verdict;
                if let Some(name) = want.strip_prefix("E:") {
                    either += 1;
                    let a = Assumption::ALL
                        .into_iter()
                        .find(|a| a.keyword() == name)
                        .unwrap_or_else(|| panic!("{}: unknown assumption `{name}`", row.title));
                    let flipped = readings[r].toggled(a);
                    let other =
                        check_with(&row.diagram, &clauses[c..=c], &[flipped]).cells[0].verdict;
                    if got == other || got == Verdict::Undetermined {
                        failures.push(format!(
                            "{} {version} {}: `{name}` should decide it, but it gives {} both ways ({reason})",
                            row.title, readings[r].id, letter(got)
                        ));
                    }
                } else if letter(got) != want {
                    let why = report
                        .cell(c, r)
                        .unwrap()
                        .findings
                        .first()
                        .map(|f| f.explanation.clone())
                        .unwrap_or_default();
                    failures.push(format!(
                        "{} {version} {}: want {want}, got {} ({reason})\n    checker: {why}",
                        row.title,
                        readings[r].id,
                        letter(got)
                    ));
                }
            }
        }
    }
    assert!(either >= 2, "the table has cells the record leaves open");
    // The amendment's "any cloud" sentence is a verdict of its own: it always complies, even
    // where the Azure-first sentence lacks a date.
    let v5 = clauses.iter().position(|c| c.id == "v5").unwrap();
    for row in &rows {
        let report = check_with(&row.diagram, &clauses, &readings);
        for r in 0..readings.len() {
            assert_eq!(
                report.cell(v5, r).unwrap().terms[0],
                Verdict::Complies,
                "{}",
                row.title
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Where the letter and spirit take opposite sides of an open question, each lands on the side
/// its assumptions give: the letter takes "or" (the 10-Q), the spirit "and".
#[test]
fn either_cells_land_on_each_readings_side() {
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    let d = Preset::find("amendment-declined").unwrap().diagram();
    let report = check_with(&d, &clauses, &readings);
    let v5 = clauses.iter().position(|c| c.id == "v5").unwrap();
    assert_eq!(report.cell(v5, 0).unwrap().verdict, Verdict::Complies);
    assert_eq!(report.cell(v5, 1).unwrap().verdict, Verdict::Breach);
}
