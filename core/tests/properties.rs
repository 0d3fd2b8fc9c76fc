//! Property tests of the checker and the repair on random small deal graphs.

use dealscope_core::clause::{Exemption, Requirement};
use dealscope_core::model::{Origin, Segment, Statefulness};
use dealscope_core::{
    apply, builtin_clauses, builtin_readings, check, check_with, repair, Component, ComponentId,
    Diagram, Edit, Kind, KindTag, Provider, Relation, RelationKind, Verdict,
};
use proptest::prelude::*;

/// A tiny deterministic generator, so a proptest seed describes a whole graph.
struct Rng(u64);
impl Rng {
    fn next(&mut self, m: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % m.max(1)
    }
    fn coin(&mut self) -> bool {
        self.next(2) == 0
    }
}

/// A random deal graph with `hops` products and endpoints.
fn random_diagram(seed: u64, hops: usize) -> Diagram {
    let mut rng = Rng(seed);
    let mut d = Diagram::default();
    let mut add = |d: &mut Diagram, kind: Kind, label: String| {
        let id = ComponentId(d.components.len() as u32 + 1);
        d.components.push(Component {
            id,
            label,
            kind,
            x: 0.0,
            y: 0.0,
        });
        id
    };
    let hosts: Vec<ComponentId> = [Provider::Azure, Provider::Aws, Provider::GoogleCloud]
        .into_iter()
        .map(|p| {
            add(
                &mut d,
                Kind::Host {
                    provider: p.clone(),
                },
                p.name().into(),
            )
        })
        .collect();
    let openai = add(&mut d, Kind::Party, "OpenAI".into());
    let other = add(&mut d, Kind::Party, "Other".into());
    let models: Vec<ComponentId> = (0..1 + rng.next(2))
        .map(|i| add(&mut d, Kind::Model, format!("m{i}")))
        .collect();
    let customers: Vec<ComponentId> = (0..1 + rng.next(2))
        .map(|i| {
            let segment = if rng.next(4) == 0 {
                Segment::NationalSecurity
            } else {
                Segment::Enterprise
            };
            add(&mut d, Kind::Customer { segment }, format!("c{i}"))
        })
        .collect();
    let mut middle = Vec::new();
    for i in 0..hops {
        let origin = if rng.next(3) == 0 {
            Origin::ThirdParty
        } else {
            Origin::FirstParty
        };
        let kind = if rng.coin() {
            let state = if rng.coin() {
                Statefulness::Stateless
            } else {
                Statefulness::Stateful
            };
            Kind::Endpoint { state, origin }
        } else {
            Kind::Product {
                origin,
                api: rng.coin(),
                launches: vec![],
            }
        };
        middle.push(add(&mut d, kind, format!("h{i}")));
    }
    let mut rels = Vec::new();
    for &m in &models {
        rels.push((
            if rng.next(4) == 0 { other } else { openai },
            m,
            RelationKind::Owns,
        ));
    }
    for &x in middle.iter().chain(&models) {
        if rng.next(6) != 0 {
            rels.push((x, hosts[rng.next(3)], RelationKind::HostedOn));
        }
    }
    for &c in &customers {
        for _ in 0..1 + rng.next(2) {
            if let Some(&t) = middle.get(rng.next(middle.len().max(1))) {
                rels.push((c, t, RelationKind::Uses));
            }
        }
    }
    for &a in &middle {
        for _ in 0..1 + rng.next(2) {
            let tag = |d: &Diagram, id| d.component(id).map(|c| c.kind.tag());
            let t = if rng.coin() {
                models[rng.next(models.len())]
            } else {
                middle[rng.next(middle.len())]
            };
            if a == t {
                continue;
            }
            let kind = if tag(&d, a) == Some(KindTag::Endpoint)
                && tag(&d, t) == Some(KindTag::Model)
                && rng.coin()
            {
                RelationKind::Exposes
            } else {
                RelationKind::Calls
            };
            rels.push((a, t, kind));
        }
    }
    d.relations = rels
        .into_iter()
        .map(|(from, to, kind)| Relation { from, to, kind })
        .collect();
    d
}

fn verdicts(d: &Diagram) -> Vec<Verdict> {
    check(d, &builtin_clauses())
        .cells
        .iter()
        .map(|c| c.verdict)
        .collect()
}

/// Every hop (product, endpoint, model) of the diagram.
fn hops(d: &Diagram) -> Vec<ComponentId> {
    d.components
        .iter()
        .filter(|c| c.kind.tag().needs_hosting())
        .map(|c| c.id)
        .collect()
}

fn rehost_all(d: &Diagram, ids: &[ComponentId]) -> Diagram {
    let edits: Vec<Edit> = ids
        .iter()
        .map(|&component| Edit::Rehost {
            component,
            provider: Provider::Azure,
        })
        .collect();
    apply(d, &edits)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn verdicts_ignore_id_order_and_positions(seed in any::<u64>(), hops in 1usize..6, shift in 1u32..1000) {
        let d = random_diagram(seed, hops);
        let mut e = d.clone();
        // Renumber every id, reverse both lists and move every box.
        let n = e.components.len() as u32;
        let map = |id: ComponentId| ComponentId(shift + n - id.0);
        for c in &mut e.components {
            c.id = map(c.id);
            c.x += 123.0;
            c.y -= 77.0;
        }
        for r in &mut e.relations {
            r.from = map(r.from);
            r.to = map(r.to);
        }
        e.components.reverse();
        e.relations.reverse();
        prop_assert_eq!(verdicts(&d), verdicts(&e));
    }

    #[test]
    fn everything_on_azure_complies_with_every_routing_clause(seed in any::<u64>(), hops in 1usize..6) {
        let d = random_diagram(seed, hops);
        let all = rehost_all(&d, &self::hops(&d));
        let clauses = builtin_clauses();
        let report = check(&all, &clauses);
        for (c, clause) in clauses.iter().enumerate() {
            if matches!(clause.requirement, Requirement::RoutedThrough { .. }) {
                for r in 0..report.readings {
                    prop_assert_eq!(report.cell(c, r).unwrap().verdict, Verdict::Complies, "{} r{}", clause.id, r);
                }
            }
        }
    }

    #[test]
    fn an_exemption_never_adds_a_violation(seed in any::<u64>(), hops in 1usize..6, which in 0usize..7) {
        let d = random_diagram(seed, hops);
        let clauses = builtin_clauses();
        let exemption = match which {
            0 => Exemption::Consumer(Segment::Enterprise),
            1 => Exemption::Consumer(Segment::NationalSecurity),
            k => Exemption::Channel(dealscope_core::clause::Channel::ALL[k - 2]),
        };
        let mut wider = clauses.clone();
        for c in &mut wider {
            c.exemptions.push(exemption.clone());
        }
        let readings = builtin_readings();
        let before = check_with(&d, &clauses, &readings);
        let after = check_with(&d, &wider, &readings);
        for (a, b) in before.cells.iter().zip(&after.cells) {
            if a.verdict != Verdict::Breach {
                prop_assert_ne!(b.verdict, Verdict::Breach, "{} {} breached only with {:?}", &a.clause, &a.reading, &exemption);
            }
            prop_assert!(b.findings.len() <= a.findings.len());
        }
    }

    #[test]
    fn repairs_pass_and_no_smaller_repair_exists(seed in any::<u64>(), hops in 1usize..5) {
        let d = random_diagram(seed, hops);
        let clauses = builtin_clauses();
        let readings = builtin_readings();
        let candidates = self::hops(&d);
        for clause in clauses.iter().filter(|c| matches!(c.requirement, Requirement::RoutedThrough { .. })) {
            for reading in &readings {
                let cell = |d: &Diagram| dealscope_core::check::check_cell(d, clause, reading).verdict;
                let Some(fix) = repair(&d, clause, reading) else {
                    prop_assert_ne!(cell(&d), Verdict::Breach, "{} {}: a breach with no repair", &clause.id, &reading.id);
                    continue;
                };
                prop_assert_eq!(cell(&d), Verdict::Breach);
                prop_assert_eq!(cell(&apply(&d, &fix.edits)), Verdict::Complies, "{} {}: {}", &clause.id, &reading.id, &fix.explanation);
                // No smaller set of re-hostings works.
                let k = fix.edits.len();
                for mask in 0u32..(1 << candidates.len()) {
                    if (mask.count_ones() as usize) < k {
                        let pick: Vec<ComponentId> = candidates.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, &id)| id).collect();
                        prop_assert_eq!(cell(&rehost_all(&d, &pick)), Verdict::Breach, "{} {}: {:?} is smaller than {:?}", &clause.id, &reading.id, pick, &fix.edits);
                    }
                }
                // The repair is deterministic.
                prop_assert_eq!(repair(&d, clause, reading), Some(fix));
            }
        }
    }
}

/// The random graphs exercise what the properties claim: breaches, and repairs of several edits.
#[test]
fn random_graphs_have_breaches_and_multi_edit_repairs() {
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    let (mut breaches, mut multi, mut complies) = (0, 0, 0);
    for seed in 0..300u64 {
        let d = random_diagram(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 4);
        for clause in &clauses {
            for reading in &readings {
                match dealscope_core::check::check_cell(&d, clause, reading).verdict {
                    Verdict::Breach => breaches += 1,
                    Verdict::Complies => complies += 1,
                    Verdict::Undetermined => {}
                }
                if repair(&d, clause, reading).is_some_and(|r| r.edits.len() >= 2) {
                    multi += 1;
                }
            }
        }
    }
    assert!(
        breaches > 300 && complies > 300 && multi > 50,
        "breaches {breaches}, complies {complies}, multi-edit repairs {multi}"
    );
}
