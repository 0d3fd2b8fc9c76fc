//! Data-driven checks: each file in `fixtures/check/` holds a diagram in the text form, a line
//! `---`, and the expected report. `UPDATE_EXPECT=1 cargo test` rewrites the expectations; review
//! the diff before committing it.

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
                writeln!(out, "  {kind}: {}", hops.join(" > ")).unwrap();
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
