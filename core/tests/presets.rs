//! Every preset against its hand-written verdict table in `fixtures/presets.expect`.

use dealscope_core::presets::{Preset, PRESETS};
use dealscope_core::{builtin_clauses, builtin_readings, check, Verdict};

fn letter(v: Verdict) -> char {
    match v {
        Verdict::Complies => 'C',
        Verdict::Breach => 'B',
        Verdict::Undetermined => 'U',
    }
}

/// The verdict table of one preset, in the fixture's notation.
fn table(preset: &Preset) -> String {
    let clauses = builtin_clauses();
    let report = check(&preset.diagram(), &clauses);
    let cells: Vec<String> = clauses
        .iter()
        .enumerate()
        .map(|(c, clause)| {
            let v: Vec<String> = (0..report.readings)
                .map(|r| letter(report.cell(c, r).expect("cell").verdict).to_string())
                .collect();
            format!("{}:{}", clause.id, v.join("/"))
        })
        .collect();
    cells.join(" ")
}

#[test]
fn presets_match_their_expected_verdicts() {
    let expect = include_str!("../fixtures/presets.expect");
    let mut failures = Vec::new();
    let mut seen = Vec::new();
    for line in expect
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (id, want) = line.split_once(' ').expect("id then table");
        let preset = Preset::find(id).unwrap_or_else(|| panic!("no preset `{id}`"));
        let got = table(preset);
        if got != want.trim() {
            failures.push(format!("{id}\n  want {}\n  got  {got}", want.trim()));
        }
        seen.push(id);
    }
    assert!(
        failures.is_empty(),
        "verdicts differ:\n{}",
        failures.join("\n")
    );
    for p in PRESETS {
        assert!(
            seen.contains(&p.id),
            "preset `{}` has no expected verdicts",
            p.id
        );
    }
    assert!(PRESETS.len() >= 8);
    assert_eq!(builtin_readings().len(), 2);
}

#[test]
fn presets_are_well_formed() {
    for p in PRESETS {
        let d = dealscope_core::io::text::parse_diagram(p.text)
            .unwrap_or_else(|e| panic!("{}: {e}", p.id));
        assert_eq!(d.problems(), vec![], "{}", p.id);
    }
}

#[test]
fn readings_disagree_somewhere_in_the_presets() {
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    let mut any = false;
    for p in PRESETS {
        let d = p.diagram();
        let report = check(&d, &clauses);
        let cmp = dealscope_core::compare(&d, &clauses, &readings, &report);
        any |= !cmp.disagreements.is_empty();
        // Every disagreement is explained by at least one single assumption.
        for dis in &cmp.disagreements {
            assert!(
                cmp.flips.iter().any(|f| f.clause == dis.clause),
                "{}: no assumption explains the disagreement on {}",
                p.id,
                dis.clause
            );
        }
    }
    assert!(any);
}

#[test]
fn providers_in_one_pass_agree_with_provider_of() {
    for p in PRESETS {
        let d = p.diagram();
        let ids = dealscope_core::model::IdIndex::new(&d.components);
        let all = d.providers(&ids);
        for (i, c) in d.components.iter().enumerate() {
            assert_eq!(all[i], d.provider_of(c.id), "{} {}", p.id, c.label);
        }
        assert!(all.iter().any(|p| p.is_some()));
    }
}
