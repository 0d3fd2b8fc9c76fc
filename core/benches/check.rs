//! Native benchmarks of the core: `cargo xtask bench` runs them and reads criterion's estimates.
//!
//! - `check_1k`, `check_10k`: every built-in clause × both readings on generated diagrams of
//!   1,000 components / 3,000 relations and 10,000 / 30,000, including building the index.
//! - `bfs_1k`, `bfs_10k`: a plain breadth-first search over the same graphs, also building its
//!   adjacency from the diagram: the floor the checker is compared against.
//! - `repair_200`: the minimal repair of every clause × reading on a 200-component diagram.
//! - `hostile_<name>_open`: opening each scenario of `generate::hostile` from its text as the
//!   app does (decode, parse the clauses, check, the readings' disagreements);
//!   `hostile_<name>_choose`: choosing its slowest cell, whose detail says what would flip it
//!   (every assumption and product fact switched in turn); `hostile_<name>_repair`: its slowest
//!   single repair; `hostile_clause_line_parse`: parsing a 64 KB clause line. Budgets (issue
//!   #11): 100 ms each, and 16 ms for the line.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use dealscope_core::generate::hostile;
use dealscope_core::io::link::{decode_stored, encode};
use dealscope_core::{
    builtin_clauses, builtin_readings, check, generate, repair, Diagram, KindTag, RelationKind,
};
use dealscope_core::{compare, lang};

/// Breadth-first search from every customer along access relations; returns nodes reached.
/// Ids are looked up in a vector indexed by id (the generated ids are dense), the fastest plain
/// way, so the ratio against the checker is not flattered.
fn plain_bfs(d: &Diagram) -> usize {
    let max = d
        .components
        .iter()
        .map(|c| c.id.0 as usize)
        .max()
        .unwrap_or(0);
    let mut index = vec![usize::MAX; max + 1];
    for (i, c) in d.components.iter().enumerate() {
        index[c.id.0 as usize] = i;
    }
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); d.components.len()];
    for r in &d.relations {
        if r.kind.is_access() {
            let (a, b) = (index[r.from.0 as usize], index[r.to.0 as usize]);
            adj[a].push(b);
        }
    }
    let mut seen = vec![false; d.components.len()];
    let mut queue: Vec<usize> = Vec::new();
    for (i, c) in d.components.iter().enumerate() {
        if c.kind.tag() == KindTag::Customer {
            seen[i] = true;
            queue.push(i);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head];
        head += 1;
        for &v in &adj[u] {
            if !seen[v] {
                seen[v] = true;
                queue.push(v);
            }
        }
    }
    queue.len()
}

fn benches(c: &mut Criterion) {
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    for (name, size) in [("1k", 1_000), ("10k", 10_000)] {
        let d = generate::diagram(size);
        assert_eq!(d.relations.len(), 3 * size);
        assert!(d.relations.iter().any(|r| r.kind == RelationKind::Calls));
        c.bench_function(&format!("check_{name}"), |b| {
            b.iter(|| check(black_box(&d), &clauses))
        });
        c.bench_function(&format!("bfs_{name}"), |b| {
            b.iter(|| plain_bfs(black_box(&d)))
        });
    }
    // The slowest pair of built-in sides (v5 under both readings: launch facts widen the
    // alphabet to every launch profile).
    let v5 = clauses.iter().find(|c| c.id == "v5").unwrap();
    c.bench_function("relate_builtin", |b| {
        b.iter(|| {
            dealscope_core::relate::relate(
                black_box((v5, &readings[1])),
                black_box((v5, &readings[0])),
            )
        })
    });
    // Auto-layout of 500 components, then every arrow routed around the boxes, as the canvas
    // draws them after it.
    let big = generate::diagram(500);
    c.bench_function("layout_500", |b| {
        b.iter(|| {
            let places = dealscope_core::edit::layout(black_box(&big));
            let at: Vec<(f64, f64)> = places.iter().map(|p| (p.1 as f64, p.2 as f64)).collect();
            let boxes = dealscope_core::edit::arrows::Boxes::new(at.clone());
            let index = dealscope_core::model::IdIndex::new(&big.components);
            big.relations
                .iter()
                .filter_map(|r| {
                    let (a, b) = (index.get(r.from)?, index.get(r.to)?);
                    Some(dealscope_core::edit::arrows::route(
                        at[a],
                        at[b],
                        false,
                        &boxes,
                        (a, b),
                    ))
                })
                .count()
        })
    });
    let d = generate::diagram(200);
    c.bench_function("repair_200", |b| {
        b.iter(|| {
            let mut edits = 0;
            for clause in &clauses {
                for reading in &readings {
                    edits += repair(black_box(&d), clause, reading).map_or(0, |r| r.edits.len());
                }
            }
            edits
        })
    });
}

/// What the app does when a scenario opens, from its text.
fn open(text: &str) -> usize {
    let scenario = decode_stored(text).expect("a hostile scenario opens");
    let mut clauses = builtin_clauses();
    clauses.extend(lang::parse(&scenario.clauses).clauses);
    let readings = builtin_readings();
    let report = dealscope_core::check_with(&scenario.diagram, &clauses, &readings);
    let disagreements = compare::disagreements(&clauses, &readings, &report);
    report.cells.len() + disagreements.len()
}

/// What the app does when a cell is chosen: every switch of an assumption or a product fact
/// that would change its verdict.
fn choose(
    diagram: &Diagram,
    clauses: &[dealscope_core::Clause],
    report: &dealscope_core::Report,
    cell: (usize, usize),
) -> usize {
    let readings = builtin_readings();
    compare::flips(diagram, clauses, &readings, report, Some(cell)).len()
        + compare::fact_flips(diagram, clauses, &readings, report, cell)
            .flips
            .len()
}

fn hostile_benches(c: &mut Criterion) {
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    let mut group = c.benchmark_group("hostile");
    group.sample_size(20);
    for (name, scenario) in hostile::all() {
        let text = encode(&scenario);
        group.bench_function(format!("{name}_open"), |b| {
            b.iter(|| open(black_box(&text)))
        });
        // The slowest cell to choose, found once, then measured.
        let mut all = builtin_clauses();
        all.extend(lang::parse(&scenario.clauses).clauses);
        let report = dealscope_core::check_with(&scenario.diagram, &all, &readings);
        let mut times: Vec<(std::time::Duration, usize, usize)> = Vec::new();
        for c in 0..all.len() {
            for r in 0..readings.len() {
                let start = std::time::Instant::now();
                black_box(choose(&scenario.diagram, &all, &report, (c, r)));
                times.push((start.elapsed(), c, r));
            }
        }
        let (_, c, r) = times.into_iter().max().expect("there are cells");
        group.bench_function(format!("{name}_choose"), |b| {
            b.iter(|| choose(black_box(&scenario.diagram), &all, &report, (c, r)))
        });
        // The slowest single repair, found once, then measured.
        let mut cells: Vec<(std::time::Duration, usize, usize)> = Vec::new();
        for (ci, clause) in clauses.iter().enumerate() {
            for (ri, reading) in readings.iter().enumerate() {
                let start = std::time::Instant::now();
                black_box(repair(&scenario.diagram, clause, reading));
                cells.push((start.elapsed(), ci, ri));
            }
        }
        let (_, ci, ri) = cells.into_iter().max().expect("there are cells");
        group.bench_function(format!("{name}_repair"), |b| {
            b.iter(|| repair(black_box(&scenario.diagram), &clauses[ci], &readings[ri]))
        });
    }
    let line = hostile::clause_line(64 * 1024);
    group.bench_function("clause_line_parse", |b| {
        b.iter(|| lang::parse(black_box(&line)))
    });
    group.finish();
}

criterion_group!(benches_group, benches, hostile_benches);
criterion_main!(benches_group);
