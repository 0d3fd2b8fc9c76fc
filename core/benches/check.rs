//! Native benchmarks of the core: `cargo xtask bench` runs them and reads criterion's estimates.
//!
//! - `check_1k`, `check_10k`: every built-in clause × both readings on generated diagrams of
//!   1,000 components / 3,000 relations and 10,000 / 30,000, including building the index.
//! - `bfs_1k`, `bfs_10k`: a plain breadth-first search over the same graphs, also building its
//!   adjacency from the diagram: the floor the checker is compared against.
//! - `repair_200`: the minimal repair of every clause × reading on a 200-component diagram.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use dealscope_core::{
    builtin_clauses, builtin_readings, check, generate, repair, Diagram, KindTag, RelationKind,
};

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

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
