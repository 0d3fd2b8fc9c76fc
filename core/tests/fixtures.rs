//! Data-driven checks: each file in `fixtures/check/` holds a diagram in the text form, a line
//! `---`, and the expected report. `UPDATE_EXPECT=1 cargo test` rewrites the expectations; review
//! the diff before committing it.

use dealscope_core::check::Missing;
use dealscope_core::io::text::parse_diagram;
use dealscope_core::{builtin_clauses, builtin_readings, check_with, repair, Edit, FindingKind};
use std::fmt::Write;

mod common;

fn render(input: &str) -> String {
    // A fixture may add clauses of its own after a line `=== clauses`.
    let (input, own) = input.split_once("\n=== clauses\n").unwrap_or((input, ""));
    let d = match parse_diagram(input) {
        Ok(d) => d,
        Err(e) => return format!("parse error: {e}\n"),
    };
    let mut clauses = builtin_clauses();
    let parsed = dealscope_core::lang::parse(own);
    assert_eq!(
        parsed.diagnostics,
        vec![],
        "the fixture's own clauses parse"
    );
    clauses.extend(parsed.clauses);
    let readings = builtin_readings();
    let report = check_with(&d, &clauses, &readings);
    let mut out = String::new();
    for p in &report.problems {
        writeln!(out, "problem: {}", p.message).unwrap();
    }
    for (c, clause) in clauses.iter().enumerate() {
        for (r, reading) in readings.iter().enumerate() {
            let cell = report.cell(c, r).unwrap();
            writeln!(
                out,
                "{} {}: {}",
                clause.id,
                reading.id,
                cell.verdict.keyword()
            )
            .unwrap();
            for f in cell.findings.iter() {
                let hops: Vec<String> = f
                    .route
                    .iter()
                    .map(|h| {
                        let mut tags = Vec::new();
                        match (&h.provider, h.off_provider) {
                            (Some(p), _) => tags.push(p.keyword()),
                            (None, true) => tags.push("unhosted".into()),
                            (None, false) => {}
                        }
                        if h.off_provider {
                            tags.push("off".into());
                        }
                        if h.governed {
                            tags.push("governed".into());
                        }
                        if tags.is_empty() {
                            h.label.clone()
                        } else {
                            format!("{} [{}]", h.label, tags.join(" "))
                        }
                    })
                    .collect();
                let kind = if f.kind == FindingKind::Breach {
                    "route"
                } else {
                    "undetermined"
                };
                let missing: Vec<String> = f
                    .missing
                    .iter()
                    .map(|m| {
                        let what = match m {
                            Missing::Operator(_) => "operator",
                            Missing::LaunchDates(_) => "launch dates",
                            Missing::LaunchDay(_) => "launch day",
                            Missing::Hosting(_) => "hosting",
                        };
                        format!("{what} of {}", d.label(m.component()))
                    })
                    .collect();
                let missing = match missing.is_empty() {
                    true => String::new(),
                    false => format!(" (missing: {})", missing.join(", ")),
                };
                writeln!(out, "  {kind}: {}{missing}", hops.join(" > ")).unwrap();
            }
            if let Some(fix) = repair(&d, clause, reading) {
                let edits: Vec<String> = fix
                    .edits
                    .iter()
                    .map(|e| match e {
                        Edit::Rehost {
                            component,
                            provider,
                        } => format!("rehost {} on {}", d.label(*component), provider.keyword()),
                        Edit::SetLaunch {
                            product,
                            provider,
                            date,
                        } => {
                            format!(
                                "launch {} on {} at {date}",
                                d.label(*product),
                                provider.keyword()
                            )
                        }
                    })
                    .collect();
                writeln!(out, "  repair: {}", edits.join(", ")).unwrap();
            }
        }
    }
    out
}

#[test]
fn check_fixtures() {
    common::run("check", 4, render);
}

/// Each file in `fixtures/import/` is a file to import, a line `---`, and what importing it
/// gives: the scenario's name and components, or the error.
#[test]
fn import_fixtures() {
    common::run(
        "import",
        5,
        |input| match dealscope_core::io::file::import(input) {
            Ok(s) => {
                let mut out = format!("ok: {}\n", s.name);
                for c in &s.diagram.components {
                    let detail = match &c.kind {
                        dealscope_core::Kind::Host { provider } => {
                            format!("host, {}", provider.keyword())
                        }
                        k => k.tag().keyword().to_string(),
                    };
                    writeln!(out, "component: {} ({detail})", c.label).unwrap();
                }
                out
            }
            Err(e) => format!("error: {e}\n"),
        },
    );
}

/// Each file in `fixtures/explain/` names cells (`cells v4-letter …`) and a diagram (or
/// `preset <id>`); the expected text is what a lawyer reads for each: every sentence as the
/// reading quotes it, with its verdict and, where it complies, why; every finding's
/// explanation; and the smallest fix. Written by hand before the wording was coded.
#[test]
fn explanation_fixtures() {
    common::run("explain", 3, |input| {
        let lines: Vec<&str> = input.lines().filter(|l| !l.starts_with('#')).collect();
        let cells: Vec<&str> = lines[0]
            .strip_prefix("cells ")
            .unwrap()
            .split(' ')
            .collect();
        let text = lines[1..].join("\n");
        let d = match text.strip_prefix("preset ") {
            Some(id) => dealscope_core::presets::Preset::find(id.trim())
                .unwrap()
                .diagram(),
            None => parse_diagram(&text).unwrap(),
        };
        let clauses = builtin_clauses();
        let readings = builtin_readings();
        let report = check_with(&d, &clauses, &readings);
        let mut out = String::new();
        for name in cells {
            let (c_id, r_id) = name.split_once('-').unwrap();
            let c = clauses.iter().position(|c| c.id == c_id).unwrap();
            let r = readings.iter().position(|r| r.id == r_id).unwrap();
            let (clause, reading) = (&clauses[c], &readings[r]);
            let cell = report.cell(c, r).unwrap();
            writeln!(out, "== {c_id} {r_id}: {}", cell.verdict.keyword()).unwrap();
            for (t, term) in clause.terms.iter().enumerate() {
                writeln!(
                    out,
                    "term {} \u{201c}{}\u{201d}",
                    t + 1,
                    term.text_as_read(reading)
                )
                .unwrap();
                let v = cell.terms[t];
                let word = match term.requirement {
                    dealscope_core::clause::Requirement::Nothing => "restricts nothing",
                    _ => v.keyword(),
                };
                if v == dealscope_core::Verdict::Complies {
                    let why = dealscope_core::check::why_complies(&d, clause, t, reading);
                    writeln!(out, "  {word}: {why}").unwrap();
                } else {
                    writeln!(out, "  {word}").unwrap();
                }
            }
            for f in cell.findings.iter() {
                writeln!(out, "finding, term {}: {}", f.term + 1, f.explanation).unwrap();
            }
            match repair(&d, clause, reading) {
                Some(fix) => writeln!(out, "fix: {}", fix.explanation).unwrap(),
                None => writeln!(out, "fix: none").unwrap(),
            }
        }
        out
    });
}
