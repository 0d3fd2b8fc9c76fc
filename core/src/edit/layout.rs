//! Auto-layout: the diagram laid out left to right by role. Customers, then products,
//! endpoints and models, in columns along the routes; the hosting providers in a row below,
//! the parties in a row above, each under or over what it serves. Linear in the diagram apart
//! from sorting, so 500 components lay out in well under a frame.

use super::{snap, sort_keyed, GRID, NODE_H, NODE_W};
use crate::model::{ComponentId, Diagram, IdIndex, KindTag, RelationKind};
use alloc::vec;
use alloc::vec::Vec;

/// Left edge of the first column, and top of the first row.
const MARGIN: f32 = 40.0;
/// From one column's left edge to the next: room for an arrow's label between them.
const COLUMN: f32 = NODE_W + 112.0;
/// From one box's top to the next in a column: room for a bent arrow between them.
const ROW: f32 = NODE_H + 56.0;
/// Between the routes and the row of hosts (or of parties).
const BAND: f32 = 100.0;
/// From one box's left edge to the next in the row of hosts or parties.
const PITCH: f32 = NODE_W + 52.0;
/// A column taller than this many boxes is wrapped into sub-columns side by side.
const WRAP: usize = 12;
/// From one sub-column's left edge to the next: room for an arrow's lane between them.
const SUB: f32 = NODE_W + 72.0;
/// The shape wrapped routes aim for, width over height: about a screen's.
const ASPECT: f32 = 1.6;
/// How many times the order within the columns is refined (odd: the last pass looks left).
const SWEEPS: usize = 5;

/// Where each component goes, as (id, x, y) on the grid, in the diagram's order.
pub fn layout(d: &Diagram) -> Vec<(ComponentId, f32, f32)> {
    let n = d.components.len();
    let index = IdIndex::new(&d.components);
    let tag = |i: usize| d.components[i].kind.tag();
    let band = |i: usize| match tag(i) {
        KindTag::Party => Band::Above,
        KindTag::Host => Band::Below,
        _ => Band::Routes,
    };
    // Arrows between components of the routes, and the links to hosts and parties.
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut backward: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut attached: Vec<Vec<usize>> = vec![Vec::new(); n];
    for r in &d.relations {
        let (Some(a), Some(b)) = (index.get(r.from), index.get(r.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        match (band(a), band(b)) {
            (Band::Routes, Band::Routes) if r.kind != RelationKind::HostedOn => {
                forward[a].push(b);
                backward[b].push(a);
            }
            (Band::Routes, _) => attached[b].push(a),
            (_, Band::Routes) => attached[a].push(b),
            _ => {}
        }
    }
    let column = columns(d, &forward, &backward, |i| band(i) == Band::Routes);
    let mut pos = vec![(0.0f32, 0.0f32); n];
    let routes_bottom = place_routes(&column, &forward, &backward, &mut pos);
    let routes_top = MARGIN + ROW;
    place_row(
        d,
        &attached,
        Band::Below,
        routes_bottom + BAND,
        &band,
        &mut pos,
    );
    place_row(
        d,
        &attached,
        Band::Above,
        routes_top - BAND - NODE_H,
        &band,
        &mut pos,
    );
    // Everything starts at the margin.
    let (min_x, min_y) = pos
        .iter()
        .fold((f32::MAX, f32::MAX), |m, p| (m.0.min(p.0), m.1.min(p.1)));
    d.components
        .iter()
        .zip(pos)
        .map(|(c, (x, y))| (c.id, snap(x - min_x + MARGIN), snap(y - min_y + MARGIN)))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Band {
    Above,
    Routes,
    Below,
}

/// The least column a kind may take: customers first, then products, endpoints, models.
fn role(tag: KindTag) -> usize {
    match tag {
        KindTag::Customer => 0,
        KindTag::Product => 1,
        KindTag::Endpoint => 2,
        _ => 3,
    }
}

/// Each component of the routes gets a column: at least its role's, and right of everything
/// that reaches it (longest path, in topological order; an arrow that closes a cycle is
/// ignored). Models all take the last column. Others get `usize::MAX`.
fn columns(
    d: &Diagram,
    forward: &[Vec<usize>],
    backward: &[Vec<usize>],
    in_routes: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let n = d.components.len();
    let tag = |i: usize| d.components[i].kind.tag();
    let mut column = vec![usize::MAX; n];
    let mut waiting: Vec<usize> = backward.iter().map(Vec::len).collect();
    // Ready nodes, taken lowest role first, so a cycle is broken at its earliest role.
    let mut ready: Vec<usize> = (0..n)
        .filter(|&i| in_routes(i) && waiting[i] == 0)
        .collect();
    let mut done = vec![false; n];
    // Last is first: the earliest role, then the earliest drawn.
    let mut left: Vec<usize> = Vec::with_capacity(n);
    for r in (0..4).rev() {
        left.extend((0..n).rev().filter(|&i| in_routes(i) && role(tag(i)) == r));
    }
    loop {
        let next = match ready.pop() {
            Some(i) => i,
            // Only cycles remain: take the earliest role among them.
            None => match left.iter().rposition(|&i| !done[i]) {
                Some(k) => left[k],
                None => break,
            },
        };
        if done[next] {
            continue;
        }
        done[next] = true;
        let from = backward[next]
            .iter()
            .filter(|&&p| done[p] && column[p] != usize::MAX)
            .map(|&p| column[p] + 1)
            .max()
            .unwrap_or(0);
        column[next] = from.max(role(tag(next)));
        for &m in &forward[next] {
            waiting[m] = waiting[m].saturating_sub(1);
            if waiting[m] == 0 && !done[m] {
                ready.push(m);
            }
        }
    }
    // No empty columns: a customer that uses an endpoint directly stands next to it.
    let mut used = vec![false; n + 4];
    for &c in column.iter().filter(|&&c| c != usize::MAX) {
        used[c] = true;
    }
    let mut moved_to = vec![0; n + 4];
    let mut next = 0;
    for (c, &u) in used.iter().enumerate() {
        moved_to[c] = next;
        next += u as usize;
    }
    for c in column.iter_mut().filter(|c| **c != usize::MAX) {
        *c = moved_to[*c];
    }
    let last = (0..n)
        .filter(|&i| column[i] != usize::MAX && tag(i) != KindTag::Model)
        .map(|i| column[i] + 1)
        .max()
        .unwrap_or(0);
    for (i, c) in column.iter_mut().enumerate() {
        if *c != usize::MAX && tag(i) == KindTag::Model {
            *c = last;
        }
    }
    column
}

/// Orders each column to keep arrows short and uncrossed (the mean row of the neighbours,
/// refined a few times each way), then sets each box at the mean height of what points to it,
/// pushed down to keep the column's spacing. Returns the bottom of the lowest box.
fn place_routes(
    column: &[usize],
    forward: &[Vec<usize>],
    backward: &[Vec<usize>],
    pos: &mut [(f32, f32)],
) -> f32 {
    let columns = column
        .iter()
        .filter(|&&c| c != usize::MAX)
        .max()
        .map_or(0, |m| m + 1);
    let mut cols: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (i, &c) in column.iter().enumerate() {
        if c != usize::MAX {
            cols[c].push(i);
        }
    }
    // Rank within the column, as a fraction, for the mean of the neighbours.
    let mut rank = vec![0.0f32; column.len()];
    let set_ranks = |cols: &[Vec<usize>], rank: &mut [f32]| {
        for col in cols {
            for (k, &i) in col.iter().enumerate() {
                rank[i] = k as f32;
            }
        }
    };
    set_ranks(&cols, &mut rank);
    for sweep in 0..SWEEPS {
        let order: Vec<usize> = if sweep % 2 == 0 {
            (1..columns).collect()
        } else {
            (0..columns.saturating_sub(1)).rev().collect()
        };
        for c in order {
            let near = |i: usize| -> &[usize] {
                if sweep % 2 == 0 {
                    &backward[i]
                } else {
                    &forward[i]
                }
            };
            // Keyed by the neighbours' mean rank; a tie keeps the order it had.
            let mut keyed: Vec<(f32, u32)> = cols[c]
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    (
                        mean(near(i).iter().map(|&j| rank[j])).unwrap_or(rank[i]),
                        k as u32,
                    )
                })
                .collect();
            sort_keyed(&mut keyed);
            cols[c] = keyed.iter().map(|k| cols[c][k.1 as usize]).collect();
            for (k, &i) in cols[c].iter().enumerate() {
                rank[i] = k as f32;
            }
        }
    }
    let top = MARGIN + ROW;
    let tallest = cols.iter().map(Vec::len).max().unwrap_or(0);
    if tallest > WRAP {
        return wrapped(&cols, rows_for(&cols), pos);
    }
    let mut bottom = top + NODE_H;
    let mut placed = vec![false; column.len()];
    for (c, col) in cols.iter().enumerate() {
        let mut next = top;
        for &i in col {
            let wanted = mean(
                backward[i]
                    .iter()
                    .filter(|&&j| placed[j])
                    .map(|&j| pos[j].1),
            )
            .unwrap_or(next);
            let y = on_grid(wanted).max(next);
            pos[i] = (MARGIN + c as f32 * COLUMN, y);
            placed[i] = true;
            next = y + ROW;
        }
        bottom = bottom.max(next - ROW + NODE_H);
    }
    bottom
}

/// How many rows the wrapped columns take: the number that makes the routes nearest the
/// shape of a screen, never fewer than [`WRAP`].
fn rows_for(cols: &[Vec<usize>]) -> usize {
    let tallest = cols.iter().map(Vec::len).max().unwrap_or(0);
    let shape = |rows: usize| {
        let across: usize = cols.iter().map(|c| c.len().div_ceil(rows)).sum();
        let width = across as f32 * SUB + cols.len() as f32 * (COLUMN - SUB);
        let height = rows as f32 * ROW;
        (width / height / ASPECT).ln().abs()
    };
    (WRAP..=tallest)
        .min_by(|&a, &b| shape(a).total_cmp(&shape(b)))
        .unwrap_or(WRAP)
}

/// Places each column in sub-columns of `rows` boxes, in its order, on one grid of rows: the
/// gaps between rows and between sub-columns stay clear for the arrows. Returns the bottom.
fn wrapped(cols: &[Vec<usize>], rows: usize, pos: &mut [(f32, f32)]) -> f32 {
    let top = MARGIN + ROW;
    let mut x = MARGIN;
    for col in cols {
        for (k, &i) in col.iter().enumerate() {
            pos[i] = (x + (k / rows) as f32 * SUB, top + (k % rows) as f32 * ROW);
        }
        x += col.len().div_ceil(rows).max(1) as f32 * SUB + (COLUMN - SUB);
    }
    top + (rows
        .min(cols.iter().map(Vec::len).max().unwrap_or(0))
        .max(1)
        - 1) as f32
        * ROW
        + NODE_H
}

/// Places the hosts (or the parties) in one row at height `y`: each under (or over) the mean of
/// what it serves, kept apart in that order; the unattached ones after the rest.
fn place_row(
    d: &Diagram,
    attached: &[Vec<usize>],
    which: Band,
    y: f32,
    band: &impl Fn(usize) -> Band,
    pos: &mut [(f32, f32)],
) {
    let mut row: Vec<(f32, u32)> = (0..d.components.len())
        .filter(|&i| band(i) == which)
        .map(|i| {
            let x = mean(attached[i].iter().map(|&j| pos[j].0)).unwrap_or(f32::MAX);
            (x, i as u32)
        })
        .collect();
    sort_keyed(&mut row);
    let y = on_grid(y);
    let mut next = MARGIN;
    for (x, i) in row {
        let i = i as usize;
        let x = if x == f32::MAX {
            next
        } else {
            on_grid(x).max(next)
        };
        pos[i] = (x, y);
        next = x + PITCH;
    }
}

fn on_grid(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

fn mean(values: impl Iterator<Item = f32>) -> Option<f32> {
    let (sum, count) = values.fold((0.0f32, 0u32), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f32)
}
