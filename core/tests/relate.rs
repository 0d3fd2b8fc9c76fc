//! Exact comparison of versions and readings (`relate`):
//! - the relations between the built-in versions agree with `fixtures/relate/builtin.txt`,
//!   written by hand from the record before `relate` was;
//! - every witness is a real arrangement that the checker gives the two claimed verdicts;
//! - a brute force over every small arrangement agrees with each relation and finds no
//!   witness smaller than the one `relate` gives.

use dealscope_core::check::check_with;
use dealscope_core::model::{Date, Launch, Origin, Segment, Statefulness};
use dealscope_core::relate::{relate, Comparison, Relation};
use dealscope_core::{builtin_clauses, builtin_readings, Clause, Reading, Verdict};
use dealscope_core::{Component, ComponentId, Diagram, Kind, Provider, RelationKind};

/// A side named in the fixture: (clause index, reading index).
fn side(clauses: &[Clause], readings: &[Reading], version: &str, reading: &str) -> (usize, usize) {
    (
        clauses
            .iter()
            .position(|c| c.id == version)
            .unwrap_or_else(|| panic!("no {version}")),
        readings
            .iter()
            .position(|r| r.id == reading)
            .unwrap_or_else(|| panic!("no {reading}")),
    )
}

/// A fixture row: left side, right side, the expected relation's keyword, and the line.
type Row = ((usize, usize), (usize, usize), String, String);

/// The fixture's rows.
fn rows(clauses: &[Clause], readings: &[Reading]) -> Vec<Row> {
    let text = include_str!("../fixtures/relate/builtin.txt");
    text.lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (sides, want) = l.split_once(':').unwrap();
            let (a, b) = sides.split_once('|').unwrap();
            let parse = |s: &str| {
                let mut w = s.split_whitespace();
                side(clauses, readings, w.next().unwrap(), w.next().unwrap())
            };
            (parse(a), parse(b), want.trim().to_string(), l.to_string())
        })
        .collect()
}

/// A diagram for a failure message: each component and each relation, a line each.
fn show(d: &Diagram) -> String {
    let mut out = String::new();
    for c in &d.components {
        out.push_str(&format!("    {} {}: {:?}\n", c.id.0, c.label, c.kind));
    }
    for r in &d.relations {
        out.push_str(&format!(
            "    {} {} {}\n",
            r.from.0,
            r.kind.keyword(),
            r.to.0
        ));
    }
    out
}

/// The number of components on a witness's route: its customer (if any), hops and model.
fn route_size(d: &Diagram) -> usize {
    d.components
        .iter()
        .filter(|c| !matches!(c.kind, Kind::Host { .. } | Kind::Party))
        .count()
}

#[test]
fn builtin_relations_match_the_hand_written_table() {
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let rows = rows(&clauses, &readings);
    assert!(
        rows.len() >= 25,
        "every pair of versions under each reading, and letter against spirit"
    );
    let mut failures = Vec::new();
    for (a, b, want, line) in &rows {
        let got = relate(
            (&clauses[a.0], &readings[a.1]),
            (&clauses[b.0], &readings[b.1]),
        )
        .expect("built-in sides are within budget");
        if got.relation.keyword() != want {
            let describe = |w: &Option<dealscope_core::relate::Witness>| {
                w.as_ref().map_or("none".to_string(), |w| show(&w.diagram))
            };
            failures.push(format!(
                "{line}\n  got {}\n  left only:\n{}\n  right only:\n{}",
                got.relation.keyword(),
                describe(&got.left_only),
                describe(&got.right_only)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_witness_gets_the_claimed_verdicts_from_the_checker() {
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let sides: Vec<(usize, usize)> = (0..clauses.len())
        .flat_map(|c| (0..readings.len()).map(move |r| (c, r)))
        .collect();
    for &a in &sides {
        for &b in &sides {
            let got = relate(
                (&clauses[a.0], &readings[a.1]),
                (&clauses[b.0], &readings[b.1]),
            )
            .expect("built-in sides are within budget");
            if a == b {
                assert_eq!(got.relation, Relation::Equal, "a side equals itself");
            }
            for w in got.left_only.iter().chain(&got.right_only) {
                let report = check_with(&w.diagram, &clauses, &readings);
                let left = report.cell(a.0, a.1).unwrap().verdict;
                let right = report.cell(b.0, b.1).unwrap().verdict;
                assert_eq!(
                    (left, right),
                    (w.left, w.right),
                    "{}/{} against {}/{}:\n{}",
                    clauses[a.0].id,
                    readings[a.1].id,
                    clauses[b.0].id,
                    readings[b.1].id,
                    show(&w.diagram)
                );
                assert!(report.problems.is_empty(), "{:?}", report.problems);
            }
            // The relation read the other way round is the mirror image.
            let back = relate(
                (&clauses[b.0], &readings[b.1]),
                (&clauses[a.0], &readings[a.1]),
            )
            .expect("built-in sides are within budget");
            let mirror = match got.relation {
                Relation::LeftStricter => Relation::RightStricter,
                Relation::RightStricter => Relation::LeftStricter,
                r => r,
            };
            assert_eq!(back.relation, mirror);
        }
    }
}

/// One hop of a small arrangement in the brute force, built without `relate`'s code.
#[derive(Clone)]
struct Hop {
    kind: Kind,
    host: Provider,
}

fn hops(full_launches: bool) -> Vec<Hop> {
    let runs: [(Option<&str>, Origin); 3] = [
        (Some("OpenAI"), Origin::FirstParty),
        (Some("OpenAI"), Origin::ThirdParty),
        (Some("Microsoft"), Origin::FirstParty),
    ];
    let day = |y, m, d| Date {
        year: y,
        month: m,
        day: d,
    };
    let dates = [day(2025, 1, 15), day(2026, 4, 27)];
    let firsts: Vec<Vec<Provider>> = vec![
        vec![Provider::Azure],
        vec![Provider::Aws],
        vec![Provider::Azure, Provider::Aws],
    ];
    let excuses: &[(bool, bool)] = if full_launches {
        &[(false, false), (true, false), (false, true), (true, true)]
    } else {
        &[(false, false), (true, false)]
    };
    let mut out = Vec::new();
    for (operator, origin) in runs {
        for host in [Provider::Azure, Provider::Aws] {
            for state in [Statefulness::Stateless, Statefulness::Stateful] {
                out.push(Hop {
                    kind: Kind::Endpoint {
                        state,
                        origin,
                        operator: operator.map(String::from),
                    },
                    host: host.clone(),
                });
            }
            for api in [true, false] {
                for (d, date) in dates.iter().enumerate() {
                    if !full_launches && d == 0 {
                        continue;
                    }
                    for first in firsts.iter().take(if full_launches { 3 } else { 2 }) {
                        for &(cannot, declines) in excuses {
                            out.push(Hop {
                                kind: Kind::Product {
                                    origin,
                                    api,
                                    launches: first
                                        .iter()
                                        .map(|p| Launch {
                                            provider: p.clone(),
                                            date: *date,
                                        })
                                        .collect(),
                                    operator: operator.map(String::from),
                                    cannot_support: cannot,
                                    declines_support: declines,
                                },
                                host: host.clone(),
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// A customer of `segment` (or none) → the hops → OpenAI's model on `model_host`.
fn arrangement(segment: Option<Segment>, route: &[&Hop], model_host: Provider) -> Diagram {
    let mut d = Diagram::default();
    let add = |d: &mut Diagram, kind: Kind| {
        let id = ComponentId(d.components.len() as u32 + 1);
        d.components.push(Component {
            id,
            label: format!("c{}", id.0),
            kind,
            x: 0.0,
            y: 0.0,
        });
        id
    };
    let azure = add(
        &mut d,
        Kind::Host {
            provider: Provider::Azure,
        },
    );
    let aws = add(
        &mut d,
        Kind::Host {
            provider: Provider::Aws,
        },
    );
    let host_of = |p: &Provider| if *p == Provider::Azure { azure } else { aws };
    let mut chain = Vec::new();
    if let Some(segment) = segment {
        chain.push((add(&mut d, Kind::Customer { segment }), None));
    }
    for h in route {
        chain.push((add(&mut d, h.kind.clone()), Some(host_of(&h.host))));
    }
    let model = add(&mut d, Kind::Model);
    chain.push((model, Some(host_of(&model_host))));
    let openai = add(&mut d, Kind::Party);
    d.components[openai.0 as usize - 1].label = "OpenAI".into();
    d.relations.push(dealscope_core::Relation {
        from: openai,
        to: model,
        kind: RelationKind::Owns,
    });
    for w in chain.windows(2) {
        let tag = |id: ComponentId| d.components[id.0 as usize - 1].kind.tag();
        let kind = RelationKind::infer(tag(w[0].0), tag(w[1].0)).unwrap();
        d.relations.push(dealscope_core::Relation {
            from: w[0].0,
            to: w[1].0,
            kind,
        });
    }
    for (id, host) in chain {
        if let Some(h) = host {
            d.relations.push(dealscope_core::Relation {
                from: id,
                to: h,
                kind: RelationKind::HostedOn,
            });
        }
    }
    d
}

#[test]
fn brute_force_over_small_arrangements_agrees_and_finds_no_smaller_witness() {
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let sides: Vec<(usize, usize)> = (0..clauses.len())
        .flat_map(|c| (0..readings.len()).map(move |r| (c, r)))
        .collect();
    let n = sides.len();
    // smallest[a][b]: the smallest route size on which side a breaches and side b complies.
    let mut smallest = vec![vec![usize::MAX; n]; n];
    let mut record = |d: &Diagram, size: usize| {
        let report = check_with(d, &clauses, &readings);
        let v: Vec<Verdict> = sides
            .iter()
            .map(|&(c, r)| report.cell(c, r).unwrap().verdict)
            .collect();
        assert!(
            v.iter().all(|&x| x != Verdict::Undetermined),
            "a settled arrangement is decided:\n{}",
            show(d)
        );
        for a in 0..n {
            for b in 0..n {
                if v[a] == Verdict::Breach && v[b] == Verdict::Complies {
                    smallest[a][b] = smallest[a][b].min(size);
                }
            }
        }
    };
    let full = hops(true);
    let few = hops(false);
    for host in [Provider::Azure, Provider::Aws] {
        // A product alone with the model.
        for h in full
            .iter()
            .filter(|h| matches!(h.kind, Kind::Product { .. }))
        {
            record(&arrangement(None, &[h], host.clone()), 2);
        }
        for segment in [Segment::Enterprise, Segment::NationalSecurity] {
            for h in &full {
                record(&arrangement(Some(segment), &[h], host.clone()), 3);
            }
            for h1 in &few {
                for h2 in &few {
                    record(&arrangement(Some(segment), &[h1, h2], host.clone()), 4);
                }
            }
        }
    }
    // The brute force is not vacuous: many ordered pairs of sides disagree somewhere.
    let disagreeing = smallest
        .iter()
        .flatten()
        .filter(|&&s| s < usize::MAX)
        .count();
    assert!(disagreeing >= 40, "{disagreeing} ordered pairs disagree");
    for a in 0..n {
        for b in 0..n {
            let got = relate(
                (&clauses[sides[a].0], &readings[sides[a].1]),
                (&clauses[sides[b].0], &readings[sides[b].1]),
            )
            .expect("built-in sides are within budget");
            let name = |s: (usize, usize)| format!("{} {}", clauses[s.0].id, readings[s.1].id);
            let size = got.left_only.as_ref().map(|w| route_size(&w.diagram));
            match size {
                Some(s) => assert!(
                    s <= smallest[a][b],
                    "{} against {}: relate's witness has {s} components on its route, brute force found {}",
                    name(sides[a]),
                    name(sides[b]),
                    smallest[a][b]
                ),
                None => assert_eq!(
                    smallest[a][b],
                    usize::MAX,
                    "{} against {}: relate says the left forbids nothing more, brute force found a route of {}",
                    name(sides[a]),
                    name(sides[b]),
                    smallest[a][b]
                ),
            }
        }
    }
}

/// A clause of the user's own, as the workbench reads it, compared with the built-ins: the
/// relation holds and every witness is confirmed by the checker, whatever provider it names.
#[test]
fn a_users_clause_is_related_to_each_builtin() {
    let own = dealscope_core::lang::parse(
        "clause mine \"APIs on AWS\"\n  effective 2026-06-01\n  source \"a draft\"\n  text \"OpenAI's APIs are served from AWS.\"\n  owner \"OpenAI\"\n  consumers any\n  channels stateless-api, stateful-api\n  requires served-on aws\nend\n\nclause same \"The API on Azure\"\n  effective 2026-06-01\n  source \"a draft\"\n  text \"The OpenAI API stays exclusive to Azure.\"\n  owner \"OpenAI\"\n  consumers any\n  channels stateless-api, stateful-api\n  requires served-on azure\nend\n",
    );
    assert_eq!(own.diagnostics, vec![], "the clauses parse");
    let (mine, same) = (&own.clauses[0], &own.clauses[1]);
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let v2 = clauses.iter().find(|c| c.id == "v2").unwrap();
    // The second says what v2's first sentence says; v2's second sentence restricts nothing.
    for r in &readings {
        assert_eq!(
            relate((same, r), (v2, r)).unwrap().relation,
            Relation::Equal,
            "{}",
            r.id
        );
    }
    // APIs on AWS against APIs on Azure: each forbids what the other requires.
    let got = relate((mine, &readings[0]), (v2, &readings[0])).unwrap();
    assert_eq!(got.relation, Relation::Incomparable);
    let mut all = clauses.clone();
    all.push(mine.clone());
    for b in &clauses {
        for r in &readings {
            let got = relate((mine, r), (b, r)).unwrap();
            for w in got.left_only.iter().chain(&got.right_only) {
                let report = check_with(&w.diagram, &all, core::slice::from_ref(r));
                let left = report.cell(all.len() - 1, 0).unwrap().verdict;
                let c = clauses.iter().position(|c| c.id == b.id).unwrap();
                let right = report.cell(c, 0).unwrap().verdict;
                assert_eq!(
                    (left, right),
                    (w.left, w.right),
                    "mine against {} {}:\n{}",
                    b.id,
                    r.id,
                    show(&w.diagram)
                );
            }
        }
    }
}

/// Confirms each witness of `got` with the checker: the two sides' verdicts on it are the ones
/// `relate` claims.
fn confirm(left: (&Clause, &Reading), right: (&Clause, &Reading), got: &Comparison) {
    for w in got.left_only.iter().chain(&got.right_only) {
        let verdict = |(c, r): (&Clause, &Reading)| {
            check_with(
                &w.diagram,
                core::slice::from_ref(c),
                core::slice::from_ref(r),
            )
            .cell(0, 0)
            .unwrap()
            .verdict
        };
        assert_eq!(
            (verdict(left), verdict(right)),
            (w.left, w.right),
            "{} {} against {} {}:\n{}",
            left.0.id,
            left.1.id,
            right.0.id,
            right.1.id,
            show(&w.diagram)
        );
    }
}

/// Valid clauses as large as the language allows are compared within a budget or refused with
/// the reason; they never run for minutes or fill the memory (before the budget, a clause of
/// 30 sentences naming 8 providers and 8 owners took 12 s, and one of 40 sentences naming 12
/// providers passed 2 GB). Clauses that fit are decided exactly, with witnesses the checker
/// confirms, including ones that ship first on several providers.
#[test]
fn a_comparison_past_its_budget_says_so_and_one_within_it_is_confirmed() {
    use dealscope_core::generate::hostile::comparison_clause;
    use dealscope_core::relate::TooLarge;
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let v5 = clauses.iter().find(|c| c.id == "v5").unwrap();
    let parse = |text: String| {
        let p = dealscope_core::lang::parse(&text);
        assert_eq!(p.diagnostics, vec![], "the clause parses");
        p.clauses.into_iter().next().unwrap()
    };
    // Too many places to ship first: refused before anything is built.
    let ships = parse(comparison_clause(2, 1, 1, 30));
    let got = relate((&ships, &readings[0]), (v5, &readings[0]));
    let Err(e @ TooLarge::Alphabet { .. }) = got else {
        panic!("expected a refusal for the alphabet, got {got:?}");
    };
    let message = e.message();
    assert!(
        message.starts_with("the two sides name 32 providers and 2 model owners"),
        "{message}"
    );
    // As many sentences as the workbench takes, each with its own owner: refused in the search.
    let big = parse(comparison_clause(99, 20, 20, 0));
    for r in &readings {
        match relate((&big, r), (v5, r)) {
            Err(_) => {}
            Ok(c) => confirm((&big, r), (v5, r), &c),
        }
    }
    assert_eq!(
        relate((&big, &readings[0]), (v5, &readings[0])).unwrap_err(),
        TooLarge::States
    );
    // Within the budget: decided, and every witness confirmed.
    for (terms, providers, owners, ships) in [(6, 3, 3, 1), (4, 2, 1, 2), (3, 1, 1, 3)] {
        let mine = parse(comparison_clause(terms, providers, owners, ships));
        for other in &clauses {
            for r in &readings {
                let got = relate((&mine, r), (other, r)).unwrap_or_else(|e| {
                    panic!("{terms} sentences against {}: {}", other.id, e.message())
                });
                assert_ne!(got.relation, Relation::Equal, "against {}", other.id);
                confirm((&mine, r), (other, r), &got);
            }
        }
    }
}

/// The sentences "What changed" shows, written by hand: the seed story's two questions.
#[test]
fn a_comparison_reads_as_a_sentence_naming_the_stricter_side() {
    use dealscope_core::relate::side_name;
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let v = |id: &str| clauses.iter().find(|c| c.id == id).unwrap();
    let (letter, spirit) = (&readings[0], &readings[1]);
    let (l, r) = (side_name(v("v4"), letter), side_name(v("v4"), spirit));
    assert_eq!((l.as_str(), r.as_str()), ("V4 (letter)", "V4 (spirit)"));
    let got = relate((v("v4"), letter), (v("v4"), spirit)).unwrap();
    assert_eq!(
        got.sentence(&l, &r),
        format!("V4 (spirit) is stricter: it forbids everything V4 (letter) forbids, and more.")
    );
    assert!(got.left_only.is_none());
    assert_eq!(
        got.right_only.unwrap().sentence(&l, &r),
        "V4 (spirit) forbids this arrangement; V4 (letter) allows it."
    );
    let r = side_name(v("v5"), letter);
    let got = relate((v("v4"), letter), (v("v5"), letter)).unwrap();
    assert_eq!(
        got.sentence(&l, &r),
        format!("Neither is stricter: V4 (letter) and V5 (letter) each forbid an arrangement the other allows.")
    );
    assert_eq!(
        got.left_only.unwrap().sentence(&l, &r),
        "V4 (letter) forbids this arrangement; V5 (letter) allows it."
    );
    let (l, r) = (side_name(v("v1"), letter), side_name(v("v1"), spirit));
    let got = relate((v("v1"), letter), (v("v1"), spirit)).unwrap();
    assert_eq!(
        got.sentence(&l, &r),
        format!("V1 (letter) and V1 (spirit) forbid exactly the same arrangements.")
    );
}

/// A clause of the user's own, against every built-in version, in the sentence the workbench
/// shows. Expected by hand from `fixtures/relate/builtin.txt`: a clause that says what v2's
/// first sentence says relates to the others as v2 does.
#[test]
fn a_users_clause_against_the_builtins_reads_as_a_sentence() {
    let own = dealscope_core::lang::parse(
        "clause same \"The API on Azure\"\n  effective 2026-06-01\n  source \"a draft\"\n  text \"The OpenAI API stays exclusive to Azure.\"\n  owner \"OpenAI\"\n  consumers any\n  channels stateless-api, stateful-api\n  requires served-on azure\nend\n",
    );
    let (clauses, readings) = (builtin_clauses(), builtin_readings());
    let same = &own.clauses[0];
    assert_eq!(
        dealscope_core::relate::against(same, &clauses, &readings[0]),
        "Under the letter reading: looser than V1; the same as V2; neither stricter nor looser than V3, V4 and V5."
    );
    assert_eq!(
        dealscope_core::relate::against(same, &clauses, &readings[1]),
        "Under the spirit reading: stricter than V3 and V4; the same as V1 and V2; neither stricter nor looser than V5."
    );
}
