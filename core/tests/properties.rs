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

/// A random deal graph with `hops` products and endpoints, every operator set.
fn random_diagram(seed: u64, hops: usize) -> Diagram {
    random_diagram_with(seed, hops, false)
}

/// A random deal graph; with `open`, some operators are not set and some hops are hosted nowhere.
fn random_diagram_with(seed: u64, hops: usize, open: bool) -> Diagram {
    random_diagram_open(seed, hops, open, open)
}

/// A random deal graph: with `runs`, some operators are not set; with `hosting`, some hops are
/// hosted nowhere. Without either, every fact a verdict needs is drawn.
fn random_diagram_open(seed: u64, hops: usize, runs: bool, hosting: bool) -> Diagram {
    let open = runs;
    let mut rng = Rng(seed);
    let mut d = Diagram::default();
    let add = |d: &mut Diagram, kind: Kind, label: String| {
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
            Kind::Endpoint {
                state,
                origin,
                operator: None,
            }
        } else {
            Kind::Product {
                origin,
                api: rng.coin(),
                launches: vec![],
                operator: None,
                cannot_support: false,
                declines_support: false,
            }
        };
        let mut kind = kind;
        kind.set_operator(match rng.next(4) {
            0 if open => None,
            1 => Some("Acme".into()),
            _ => Some("OpenAI".into()),
        });
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
        if rng.next(6) != 0 || !hosting {
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

/// A clause whose only requirement is that access be routed through Azure.
const WAYPOINT: &str = "clause way \"Routed\"\n  effective 2026-01-01\n  text \"Routed through Azure.\"\n  owner \"OpenAI\"\n  consumers any\n  channels stateless-api, stateful-api, first-party-api-product\n  requires routed-through azure\nend\n";

/// Whether every term of the clause is decided by routes (no launch dates involved).
fn routing_only(c: &dealscope_core::Clause) -> bool {
    c.terms
        .iter()
        .all(|t| !matches!(t.requirement, Requirement::ShipsFirstOn { .. }))
}

/// Puts a new hop of `kind`, hosted on `provider`, between every customer and what it uses.
fn insert_in_front(d: &Diagram, kind: Kind, provider: Provider) -> Diagram {
    let mut e = d.clone();
    let uses: Vec<(usize, Relation)> = e
        .relations
        .iter()
        .cloned()
        .enumerate()
        .filter(|(_, r)| r.kind == RelationKind::Uses)
        .collect();
    for (i, r) in uses.into_iter().rev() {
        let id = e.next_id();
        e.components.push(Component {
            id,
            label: format!("front{}", id.0),
            kind: kind.clone(),
            x: 0.0,
            y: 0.0,
        });
        let host = dealscope_core::edit::host_for(&mut e, &provider, (0.0, 0.0));
        e.relations[i].to = id;
        e.relations.push(Relation {
            from: id,
            to: r.to,
            kind: RelationKind::Calls,
        });
        e.relations.push(Relation {
            from: id,
            to: host,
            kind: RelationKind::HostedOn,
        });
    }
    e.relations.sort_by_key(|r| (r.from, r.to, r.kind));
    e.relations.dedup();
    e
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
    fn verdicts_without_findings_are_the_verdicts(seed in any::<u64>(), hops in 1usize..6) {
        let d = random_diagram_with(seed, hops, true);
        let clauses = builtin_clauses();
        let readings = dealscope_core::builtin_readings();
        let bare: Vec<Verdict> = dealscope_core::check::verdicts_with(&d, &clauses, &readings);
        prop_assert_eq!(verdicts(&d), bare);
    }

    // A clause of up to 60 sentences, drawn from the built-in ones in any order: its verdict
    // without findings (checked sixteen sentences at a time, stopping at a breach) is the
    // full check's.
    #[test]
    fn a_long_clause_has_the_same_verdict_without_findings(
        seed in any::<u64>(),
        hops in 1usize..6,
        picks in proptest::collection::vec(any::<u16>(), 1..60),
    ) {
        let d = random_diagram_with(seed, hops, true);
        let pool: Vec<_> = builtin_clauses().into_iter().flat_map(|c| c.terms).collect();
        let mut long = builtin_clauses().remove(0);
        long.id = "long".into();
        long.terms = picks.iter().map(|&p| pool[p as usize % pool.len()].clone()).collect();
        let clauses = vec![long];
        let readings = dealscope_core::builtin_readings();
        let full: Vec<Verdict> = dealscope_core::check_with(&d, &clauses, &readings)
            .cells
            .iter()
            .map(|c| c.verdict)
            .collect();
        prop_assert_eq!(dealscope_core::check::verdicts_with(&d, &clauses, &readings), full);
    }

    #[test]
    fn a_recheck_after_the_clauses_change_is_a_check(
        seed in any::<u64>(),
        hops in 1usize..6,
        before in 0u32..1024,
        after in 0u32..1024,
        turn in 0usize..10,
    ) {
        let d = random_diagram_with(seed, hops, true);
        let readings = dealscope_core::builtin_readings();
        // Each built-in, then a clause with the same id that asks what the next built-in asks:
        // equal ids alone must not be taken for equal clauses.
        let builtins = builtin_clauses();
        let mut pool = builtins.clone();
        for (i, c) in builtins.iter().enumerate() {
            let mut other = builtins[(i + 1) % builtins.len()].clone();
            other.id = c.id.clone();
            pool.push(other);
        }
        let pick = |mask: u32, turn: usize| {
            let mut v: Vec<_> = pool
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| c.clone())
                .collect();
            let n = v.len().max(1);
            v.rotate_left(turn % n);
            v
        };
        let (before, after) = (pick(before, 0), pick(after, turn));
        let earlier = check_with(&d, &before, &readings);
        let again = dealscope_core::check::recheck(&d, &after, &readings, Some((&before, &earlier)));
        prop_assert_eq!(again, check_with(&d, &after, &readings));
    }

    #[test]
    fn flips_are_what_switching_each_assumption_changes(seed in any::<u64>(), hops in 1usize..6) {
        use dealscope_core::clause::Assumption;
        let d = random_diagram_with(seed, hops, true);
        let clauses = builtin_clauses();
        let readings = dealscope_core::builtin_readings();
        let report = dealscope_core::check_with(&d, &clauses, &readings);
        let mut brute = Vec::new();
        for assumption in Assumption::ALL {
            let toggled: Vec<_> = readings.iter().map(|r| r.toggled(assumption)).collect();
            let other = dealscope_core::check_with(&d, &clauses, &toggled);
            for (now, then) in report.cells.iter().zip(&other.cells) {
                if now.verdict != then.verdict {
                    brute.push((now.clause.clone(), now.reading.clone(), assumption, then.verdict.keyword()));
                }
            }
        }
        brute.sort();
        let mut fast: Vec<_> = dealscope_core::compare(&d, &clauses, &readings, &report)
            .flips
            .into_iter()
            .map(|f| (f.clause, f.reading, f.assumption, f.to.keyword()))
            .collect();
        fast.sort();
        prop_assert_eq!(fast, brute);
    }

    #[test]
    fn everything_on_azure_complies_with_every_routing_clause(seed in any::<u64>(), hops in 1usize..6) {
        let d = random_diagram(seed, hops);
        let all = rehost_all(&d, &self::hops(&d));
        let clauses = builtin_clauses();
        let report = check(&all, &clauses);
        for (c, clause) in clauses.iter().enumerate() {
            if routing_only(clause) {
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
            for t in &mut c.terms {
                t.exemptions.push(exemption.clone());
            }
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
    fn a_hop_hosted_nowhere_leaves_open_exactly_what_its_host_decides(seed in any::<u64>(), hops in 1usize..6) {
        // Operators all set: where the hops hosted nowhere run is the only open question. A
        // breach or a compliance holds wherever they are hosted; an undetermined verdict is a
        // compliance with all of them on Azure and a breach with all of them on AWS.
        let d = random_diagram_open(seed, hops, false, true);
        let unhosted: Vec<ComponentId> = self::hops(&d)
            .into_iter()
            .filter(|&id| d.provider_of(id).is_none())
            .collect();
        let on = |p: Provider| {
            let edits: Vec<Edit> = unhosted
                .iter()
                .map(|&component| Edit::Rehost { component, provider: p.clone() })
                .collect();
            apply(&d, &edits)
        };
        let clauses = builtin_clauses();
        let readings = builtin_readings();
        let now = check_with(&d, &clauses, &readings);
        let (azure, aws) = (on(Provider::Azure), on(Provider::Aws));
        let settled = [check_with(&azure, &clauses, &readings), check_with(&aws, &clauses, &readings)];
        for (c, clause) in clauses.iter().enumerate().filter(|(_, c)| routing_only(c)) {
            for (r, reading) in readings.iter().enumerate() {
                let [on_azure, on_aws] = [0, 1].map(|k| settled[k].cell(c, r).unwrap().verdict);
                let cell = now.cell(c, r).unwrap();
                let at = format!("{} {}", clause.id, reading.id);
                match cell.verdict {
                    Verdict::Undetermined => {
                        prop_assert_eq!((on_azure, on_aws), (Verdict::Complies, Verdict::Breach), "{}", at);
                        prop_assert!(cell.findings.iter().flat_map(|f| &f.missing).all(|m| matches!(m, dealscope_core::check::Missing::Hosting(id) if unhosted.contains(id))), "{}", at);
                    }
                    settled_now => prop_assert_eq!((on_azure, on_aws), (settled_now, settled_now), "{}", at),
                }
            }
        }
    }

    #[test]
    fn repairs_pass_and_no_smaller_repair_exists(seed in any::<u64>(), hops in 1usize..5) {
        let d = random_diagram(seed, hops);
        // The built-ins serve-on; a routed-through clause exercises the minimum cut.
        let mut clauses = builtin_clauses();
        clauses.extend(dealscope_core::lang::parse(WAYPOINT).clauses);
        let readings = builtin_readings();
        let candidates = self::hops(&d);
        for clause in clauses.iter().filter(|c| routing_only(c)) {
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A hop the checker exempts (a non-API product, run by OpenAI, off Azure) never hides the
    /// governed hops behind it: putting one in front of every route never clears a breach.
    #[test]
    fn an_exempt_hop_never_hides_what_is_behind_it(seed in any::<u64>(), hops in 1usize..6, p in 0usize..3) {
        let d = random_diagram_with(seed, hops, true);
        let mut app = KindTag::Product.default_kind();
        if let Kind::Product { api, .. } = &mut app {
            *api = false;
        }
        app.set_operator(Some("OpenAI".into()));
        let provider = [Provider::Aws, Provider::GoogleCloud, Provider::Azure][p].clone();
        let e = insert_in_front(&d, app, provider);
        for (a, b) in check(&d, &builtin_clauses()).cells.iter().zip(&check(&e, &builtin_clauses()).cells) {
            if a.verdict == Verdict::Breach {
                prop_assert_eq!(b.verdict, Verdict::Breach, "{} {} cleared by an exempt hop in front", &a.clause, &a.reading);
            }
        }
    }

    /// An OpenAI API on Azure put in front of every route never fixes a served-on breach.
    #[test]
    fn an_azure_hop_in_front_never_fixes_a_served_on_breach(seed in any::<u64>(), hops in 1usize..6) {
        let d = random_diagram_with(seed, hops, true);
        let mut api = KindTag::Endpoint.default_kind();
        api.set_operator(Some("OpenAI".into()));
        let e = insert_in_front(&d, api, Provider::Azure);
        let clauses = builtin_clauses();
        let (before, after) = (check(&d, &clauses), check(&e, &clauses));
        for (c, clause) in clauses.iter().enumerate() {
            for r in 0..before.readings {
                let (a, b) = (before.cell(c, r).unwrap(), after.cell(c, r).unwrap());
                for (t, term) in clause.terms.iter().enumerate() {
                    if matches!(term.requirement, Requirement::ServedOn { .. }) && a.terms[t] == Verdict::Breach {
                        prop_assert_eq!(b.terms[t], Verdict::Breach, "{} term {} r{} fixed by an Azure hop in front", &clause.id, t + 1, r);
                    }
                }
            }
        }
    }

    /// A product or endpoint that no OpenAI party runs (and that was not built with a partner)
    /// never needs a launch date, nor anything else, from the user.
    #[test]
    fn what_no_openai_party_runs_never_needs_a_launch_date(seed in any::<u64>(), hops in 1usize..6) {
        let d = random_diagram_with(seed, hops, true);
        let report = check(&d, &builtin_clauses());
        for cell in &report.cells {
            for f in cell.findings.iter() {
                for m in &f.missing {
                    let c = d.component(m.component()).unwrap();
                    let joint = d.relations.iter().any(|r| r.from == c.id && r.kind == RelationKind::BuiltWith)
                        || matches!(c.kind, Kind::Product { origin: Origin::ThirdParty, .. } | Kind::Endpoint { origin: Origin::ThirdParty, .. });
                    let openai = c.kind.operator().is_none_or(|o| o.eq_ignore_ascii_case("OpenAI"));
                    prop_assert!(openai || joint, "{} asks about `{}`, run by {:?}", &cell.clause, &c.label, c.kind.operator());
                }
            }
        }
    }
}

/// The random graphs exercise what the properties claim: breaches, and repairs of several edits.
#[test]
fn random_graphs_have_breaches_and_multi_edit_repairs() {
    let mut clauses = builtin_clauses();
    clauses.extend(dealscope_core::lang::parse(WAYPOINT).clauses);
    assert_eq!(clauses.len(), 6);
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
