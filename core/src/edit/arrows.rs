//! Where an arrow runs on the canvas: a curve from box to box, or, when that curve would pass
//! through another box, a bent line around it through the gap beside or between the boxes.

use super::{NODE_H, NODE_W};
use crate::model::{Diagram, IdIndex, RelationKind};
use alloc::vec::Vec;

/// A point on the canvas.
pub type Point = (f64, f64);

/// The line an arrow follows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A cubic curve: start, two control points, end.
    Curve([Point; 4]),
    /// Straight runs between corners, first point to last.
    Bent(Vec<Point>),
}

/// Where a drawn arrow runs, and where its label sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    /// Its line.
    pub shape: Shape,
    /// The middle of the label.
    pub label: Point,
}

/// The boxes an arrow must go around, found by where they are: a grid of buckets, sorted, so a
/// lookup is a halving search (no hash table in the wasm).
#[derive(Clone, Debug, Default)]
pub struct Boxes {
    /// Top-left corner of each box, by position in the diagram.
    at: Vec<Point>,
    /// (bucket, box), sorted.
    buckets: Vec<(u64, u32)>,
}

/// Side of a grid bucket: larger than a box, so a box falls in at most four.
const BUCKET: f64 = 256.0;
/// How close a line may pass a box.
const CLEAR: f64 = 4.0;
/// How far from a box a bent line turns.
const TURN: f64 = 20.0;
/// Distance between samples when testing a line against the boxes (less than any box side).
const STEP: f64 = 8.0;

fn bucket(x: f64, y: f64) -> u64 {
    let cell = |v: f64| ((v / BUCKET).floor() as i64).clamp(-(1 << 30), 1 << 30) as i32;
    ((cell(x) as u32 as u64) << 32) | cell(y) as u32 as u64
}

impl Boxes {
    /// The boxes with these top-left corners.
    pub fn new(at: Vec<Point>) -> Boxes {
        let mut buckets = Vec::with_capacity(at.len() * 2);
        for (i, &(x, y)) in at.iter().enumerate() {
            let (x0, y0) = (x - CLEAR, y - CLEAR);
            let (x1, y1) = (x + NODE_W as f64 + CLEAR, y + NODE_H as f64 + CLEAR);
            for (bx, by) in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
                buckets.push((bucket(bx, by), i as u32));
            }
        }
        buckets.sort_unstable();
        buckets.dedup();
        Boxes { at, buckets }
    }

    /// The boxes in (or touching) one bucket.
    fn bucket(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let start = self.buckets.partition_point(|b| b.0 < key);
        self.buckets[start..]
            .iter()
            .take_while(move |b| b.0 == key)
            .map(|b| b.1 as usize)
    }

    /// Whether box `i`, with its margin, meets the rectangle from `lo` to `hi`.
    fn meets(&self, i: usize, lo: Point, hi: Point) -> bool {
        let (bx, by) = self.at[i];
        hi.0 > bx - CLEAR
            && lo.0 < bx + NODE_W as f64 + CLEAR
            && hi.1 > by - CLEAR
            && lo.1 < by + NODE_H as f64 + CLEAR
    }

    /// A box the shape passes through, other than `skip`'s. A bent line is tested run by run
    /// against the buckets it crosses; a curve, point by point, looking a bucket up only when
    /// the points enter a new one.
    pub fn blocked(&self, shape: &Shape, skip: (usize, usize)) -> Option<usize> {
        let other = |i: &usize| *i != skip.0 && *i != skip.1;
        match shape {
            Shape::Bent(points) => points.windows(2).find_map(|w| {
                let lo = (w[0].0.min(w[1].0), w[0].1.min(w[1].1));
                let hi = (w[0].0.max(w[1].0), w[0].1.max(w[1].1));
                let cell = |v: f64| (v / BUCKET).floor() as i64;
                let (cx0, cx1) = (cell(lo.0), cell(hi.0).min(cell(lo.0) + 4096));
                let (cy0, cy1) = (cell(lo.1), cell(hi.1).min(cell(lo.1) + 4096));
                (cx0..=cx1).find_map(|cx| {
                    (cy0..=cy1).find_map(|cy| {
                        let key = bucket(cx as f64 * BUCKET, cy as f64 * BUCKET);
                        self.bucket(key)
                            .filter(other)
                            .find(|&i| self.meets(i, lo, hi))
                    })
                })
            }),
            Shape::Curve(_) => {
                let mut key = u64::MAX;
                let mut here: Vec<usize> = Vec::new();
                along(shape, |p| {
                    let k = bucket(p.0, p.1);
                    if k != key {
                        key = k;
                        here.clear();
                        here.extend(self.bucket(k).filter(other));
                    }
                    here.iter().copied().find(|&i| self.meets(i, p, p))
                })
            }
        }
    }
}

/// Calls `f` on points along a shape, no more than [`STEP`] apart, until it returns something.
pub fn along<T>(shape: &Shape, mut f: impl FnMut(Point) -> Option<T>) -> Option<T> {
    match shape {
        Shape::Curve(c) => {
            let length = dist(c[0], c[1]) + dist(c[1], c[2]) + dist(c[2], c[3]);
            let n = ((length / STEP).ceil() as usize).clamp(1, 4096);
            for k in 0..=n {
                if let Some(t) = f(cubic(c, k as f64 / n as f64)) {
                    return Some(t);
                }
            }
        }
        Shape::Bent(points) => {
            for w in points.windows(2) {
                let (a, b) = (w[0], w[1]);
                let n = ((dist(a, b) / STEP).ceil() as usize).clamp(1, 4096);
                for k in 0..=n {
                    let t = k as f64 / n as f64;
                    if let Some(t) = f((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)) {
                        return Some(t);
                    }
                }
            }
        }
    }
    None
}

fn dist(a: Point, b: Point) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn cubic(c: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let (a, b, cc, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        a * c[0].0 + b * c[1].0 + cc * c[2].0 + d * c[3].0,
        a * c[0].1 + b * c[1].1 + cc * c[2].1 + d * c[3].1,
    )
}

/// How wide a gap between two boxes side by side lets an arrow leave one's side for the other's
/// when they are not in one row: a narrower one would make the curve loop back on itself.
const SIDE_GAP: f64 = 24.0;

/// The curve from the box at `a` to the box at `b` (top-left corners): out of the facing sides,
/// or out of the bottom and into the top when the boxes are above each other (including one
/// below and a little aside, where side to side would loop back). A `vertical` arrow goes out
/// of the bottom unless the boxes stand side by side with no room between their rows.
pub fn curve(a: Point, b: Point, vertical: bool) -> Arrow {
    let (w, h) = (NODE_W as f64, NODE_H as f64);
    let (acx, acy) = (a.0 + w / 2.0, a.1 + h / 2.0);
    let (bcx, bcy) = (b.0 + w / 2.0, b.1 + h / 2.0);
    let (dx, dy) = (bcx - acx, bcy - acy);
    let across = dx.abs() >= w * 0.75 && (dx.abs() - w >= SIDE_GAP || dy.abs() < h);
    let stacked = dy.abs() - h >= SIDE_GAP || dx.abs() < w * 0.75;
    let (p0, p3, n0, n3) = if across && !(vertical && stacked) {
        let s = dx.signum();
        (
            (acx + s * w / 2.0, acy),
            (bcx - s * w / 2.0, bcy),
            (s, 0.0),
            (-s, 0.0),
        )
    } else {
        let s = if dy == 0.0 { 1.0 } else { dy.signum() };
        (
            (acx, acy + s * h / 2.0),
            (bcx, bcy - s * h / 2.0),
            (0.0, s),
            (0.0, -s),
        )
    };
    let k = ((p3.0 - p0.0).abs() + (p3.1 - p0.1).abs()).clamp(40.0, 240.0) * 0.45;
    let c1 = (p0.0 + n0.0 * k, p0.1 + n0.1 * k);
    let c2 = (p3.0 + n3.0 * k, p3.1 + n3.1 * k);
    let c = [p0, c1, c2, p3];
    Arrow {
        label: cubic(&c, 0.5),
        shape: Shape::Curve(c),
    }
}

/// How many ways around, on each axis, are tried before the curve is kept.
const TRIES: usize = 4;

/// The arrow from box `ends.0` (at `a`) to box `ends.1` (at `b`): the [`curve`], unless it
/// passes through another of `boxes`; then the first clear bent line around: through the lanes
/// just beside the arrow's own box, then through the free lanes nearest it (beside the boxes
/// first for an arrow drawn upright, between rows first for one drawn across); the curve if
/// none is clear. Finding the free lanes costs one pass over the boxes.
pub fn route(a: Point, b: Point, vertical: bool, boxes: &Boxes, ends: (usize, usize)) -> Arrow {
    routed(a, b, vertical, boxes, ends).0
}

/// As [`route`], with whether the arrow is clear of the boxes.
fn routed(
    a: Point,
    b: Point,
    vertical: bool,
    boxes: &Boxes,
    ends: (usize, usize),
) -> (Arrow, bool) {
    let direct = curve(a, b, vertical);
    if boxes.blocked(&direct.shape, ends).is_none() {
        return (direct, true);
    }
    let (w, h) = (NODE_W as f64, NODE_H as f64);
    let upright = match &direct.shape {
        Shape::Curve(c) => c[0].0 == a.0 + w / 2.0,
        Shape::Bent(_) => vertical,
    };
    // First the lanes just beside the arrow's own box, then the free lanes nearest it.
    let near = [
        bent_down(a, b, a.0 + w + TURN),
        bent_down(a, b, a.0 - TURN),
        bent_across(a, b, a.1 - 2.0 * TURN),
        bent_across(a, b, a.1 + h + 2.0 * TURN),
    ];
    let order = if upright { [0, 1, 2, 3] } else { [2, 3, 0, 1] };
    if let Some(k) = order
        .into_iter()
        .find(|&k| boxes.blocked(&near[k].shape, ends).is_none())
    {
        return (near[k].clone(), true);
    }
    // Vertical lanes: free of boxes over the height the lane runs.
    let down = b.1 >= a.1;
    let turn_y = if down { b.1 - TURN } else { b.1 + h + TURN };
    let xs = boxes.free(
        false,
        (a.1 + h / 2.0).min(turn_y),
        (a.1 + h / 2.0).max(turn_y),
        a.0 + w + TURN,
        ends,
    );
    // Horizontal lanes: free of boxes over the width the lane runs.
    let right = b.0 >= a.0;
    let (x0, x1) = if right {
        (a.0 + w + TURN, b.0 - TURN)
    } else {
        (b.0 + w + TURN, a.0 - TURN)
    };
    let ys = boxes.free(
        true,
        x0.min(x1),
        x0.max(x1),
        (a.1 + b.1) / 2.0 + h / 2.0,
        ends,
    );
    let beside = xs.into_iter().map(|x| bent_down(a, b, x));
    let between = ys.into_iter().map(|y| bent_across(a, b, y));
    let mut tries: Vec<Arrow> = Vec::with_capacity(2 * TRIES);
    if upright {
        tries.extend(beside.chain(between));
    } else {
        tries.extend(between.chain(beside));
    }
    match tries
        .into_iter()
        .find(|arrow| boxes.blocked(&arrow.shape, ends).is_none())
    {
        Some(arrow) => (arrow, true),
        None => (direct, false),
    }
}

impl Boxes {
    /// Up to [`TRIES`] lanes nearest `target` that no box (but the ends') covers: horizontal
    /// lanes (`across`) over x from `lo` to `hi`, or vertical ones over y from `lo` to `hi`.
    fn free(&self, across: bool, lo: f64, hi: f64, target: f64, ends: (usize, usize)) -> Vec<f64> {
        let (w, h) = (NODE_W as f64, NODE_H as f64);
        let pad = CLEAR + 2.0;
        // The spans the boxes in the way cover, on the lane's axis, by where they start.
        let mut spans: Vec<(f64, f64)> = Vec::new();
        for (i, &(x, y)) in self.at.iter().enumerate() {
            let (along, size, cross, cross_size) = if across { (x, w, y, h) } else { (y, h, x, w) };
            if i != ends.0 && i != ends.1 && along - pad < hi && along + size + pad > lo {
                spans.push((cross - pad, cross + cross_size + pad));
            }
        }
        let mut order: Vec<(f32, u32)> = spans
            .iter()
            .enumerate()
            .map(|(k, s)| (s.0 as f32, k as u32))
            .collect();
        super::sort_keyed(&mut order);
        // The gaps between them, and the lane in each gap nearest the target.
        let mut lanes: Vec<f64> = Vec::new();
        let mut reach = f64::NEG_INFINITY;
        let starts = order.iter().map(|o| spans[o.1 as usize]);
        for (start, end) in starts.chain([(f64::INFINITY, f64::INFINITY)]) {
            if start > reach {
                let room = if reach.is_finite() && start.is_finite() {
                    (start - reach) / 2.0
                } else {
                    TURN
                };
                let m = room.min(TURN);
                lanes.push(target.clamp(reach + m, start - m));
            }
            reach = reach.max(end);
        }
        let mut near: Vec<(f32, u32)> = lanes
            .iter()
            .enumerate()
            .map(|(k, l)| ((l - target).abs() as f32, k as u32))
            .collect();
        super::sort_keyed(&mut near);
        let mut lanes: Vec<f64> = near.iter().map(|n| lanes[n.1 as usize]).collect();
        lanes.truncate(TRIES);
        lanes
    }
}

/// Out of `a`'s side into the vertical lane at `x`, along it to just short of `b`, across,
/// and into `b`'s top (or bottom).
fn bent_down(a: Point, b: Point, x: f64) -> Arrow {
    let (w, h) = (NODE_W as f64, NODE_H as f64);
    let (acx, acy) = (a.0 + w / 2.0, a.1 + h / 2.0);
    let bcx = b.0 + w / 2.0;
    let down = b.1 + h / 2.0 >= acy;
    let (turn_y, end_y) = if down {
        (b.1 - TURN, b.1)
    } else {
        (b.1 + h + TURN, b.1 + h)
    };
    let start = if x > acx { (a.0 + w, acy) } else { (a.0, acy) };
    let points = alloc::vec![start, (x, acy), (x, turn_y), (bcx, turn_y), (bcx, end_y)];
    Arrow {
        label: ((x + bcx) / 2.0, turn_y),
        shape: Shape::Bent(points),
    }
}

/// Out of `a`'s facing side, into the horizontal lane at `y`, along it, and into `b`'s facing
/// side.
fn bent_across(a: Point, b: Point, y: f64) -> Arrow {
    let (w, h) = (NODE_W as f64, NODE_H as f64);
    let (acy, bcy) = (a.1 + h / 2.0, b.1 + h / 2.0);
    let right = b.0 + w / 2.0 >= a.0 + w / 2.0;
    let (out, into) = if right {
        (a.0 + w, b.0)
    } else {
        (a.0, b.0 + w)
    };
    let s = if right { 1.0 } else { -1.0 };
    let (x0, x1) = (out + s * TURN, into - s * TURN);
    let points = alloc::vec![
        (out, acy),
        (x0, acy),
        (x0, y),
        (x1, y),
        (x1, bcy),
        (into, bcy)
    ];
    Arrow {
        label: ((x0 + x1) / 2.0, y),
        shape: Shape::Bent(points),
    }
}

/// The arrows of a diagram, kept from one edit to the next, so that an edit re-routes only the
/// arrows it can change: those with a moved end, and those near a box that moved, came or went.
/// An arrow kept is still clear of every box (no box that changed comes near it), and one that
/// a moved box had bent is routed again (its old place was near the direct curve).
#[derive(Clone, Debug, Default)]
pub struct Routes {
    before: Option<alloc::rc::Rc<Diagram>>,
    /// Each relation's arrow and whether it is clear of the boxes.
    arrows: Vec<Option<(Arrow, bool)>>,
}

/// More changed boxes than this and every arrow is routed again.
const MANY: usize = 64;

/// The smallest rectangle holding a shape (a curve lies within its control points).
fn extent(shape: &Shape) -> (Point, Point) {
    let points: &[Point] = match shape {
        Shape::Curve(c) => c,
        Shape::Bent(p) => p,
    };
    points.iter().fold(
        (
            (f64::INFINITY, f64::INFINITY),
            (f64::NEG_INFINITY, f64::NEG_INFINITY),
        ),
        |(lo, hi), p| {
            (
                (lo.0.min(p.0), lo.1.min(p.1)),
                (hi.0.max(p.0), hi.1.max(p.1)),
            )
        },
    )
}

impl Routes {
    /// Routes the arrows of `d`, keeping what the last diagram's routes can still use.
    pub fn update(&mut self, d: &alloc::rc::Rc<Diagram>) {
        let index = IdIndex::new(&d.components);
        let at: Vec<Point> = d
            .components
            .iter()
            .map(|c| (c.x as f64, c.y as f64))
            .collect();
        let before = self.before.replace(d.clone());
        // The boxes that changed, where they were and where they are.
        let mut changed: Vec<Point> = Vec::new();
        let mut moved = alloc::vec![false; d.components.len()];
        if let Some(old) = &before {
            let old_index = IdIndex::new(&old.components);
            for (i, c) in d.components.iter().enumerate() {
                let was = old_index.get(c.id).map(|k| &old.components[k]);
                if was.is_none_or(|w| w.x != c.x || w.y != c.y) {
                    moved[i] = true;
                    changed.push(at[i]);
                    changed.extend(was.map(|w| (w.x as f64, w.y as f64)));
                }
            }
            for c in &old.components {
                if index.get(c.id).is_none() {
                    changed.push((c.x as f64, c.y as f64));
                }
            }
        }
        let fresh = before.is_none() || changed.len() > MANY;
        let old_arrows = core::mem::take(&mut self.arrows);
        let mut boxes: Option<Boxes> = None;
        self.arrows = d
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let (a, b) = (index.get(r.from)?, index.get(r.to)?);
                let vertical = matches!(r.kind, RelationKind::HostedOn | RelationKind::Owns);
                let same = before
                    .as_ref()
                    .is_some_and(|o| o.relations.get(i) == Some(r));
                // Only a clear arrow is kept: one that could not go around is tried again.
                if let (false, true, false, false, Some(Some((old, true)))) =
                    (fresh, same, moved[a], moved[b], old_arrows.get(i))
                {
                    let near = |shape: &Shape| {
                        let (lo, hi) = extent(shape);
                        changed.iter().any(|&(x, y)| {
                            x - CLEAR < hi.0
                                && x + NODE_W as f64 + CLEAR > lo.0
                                && y - CLEAR < hi.1
                                && y + NODE_H as f64 + CLEAR > lo.1
                        })
                    };
                    if !near(&old.shape) && !near(&curve(at[a], at[b], vertical).shape) {
                        return Some((old.clone(), true));
                    }
                }
                let boxes = boxes.get_or_insert_with(|| Boxes::new(at.clone()));
                Some(routed(at[a], at[b], vertical, boxes, (a, b)))
            })
            .collect();
    }

    /// The arrow of relation `i`, when both its ends exist.
    pub fn arrow(&self, i: usize) -> Option<&Arrow> {
        self.arrows.get(i)?.as_ref().map(|a| &a.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arrow_goes_around_a_box_between_its_ends() {
        // Three boxes in a row; the arrow from the first to the third would cross the second.
        let boxes = Boxes::new(alloc::vec![(0.0, 0.0), (280.0, 0.0), (560.0, 0.0)]);
        let arrow = route((0.0, 0.0), (560.0, 0.0), false, &boxes, (0, 2));
        // Worked out by hand: an arrow drawn across tries the row gap just above its own box
        // first (40 above it), which is clear of the middle box. Out of the right side, up,
        // across, down, and into the left side.
        assert_eq!(
            arrow.shape,
            Shape::Bent(alloc::vec![
                (168.0, 32.0),
                (188.0, 32.0),
                (188.0, -40.0),
                (540.0, -40.0),
                (540.0, 32.0),
                (560.0, 32.0)
            ])
        );
        // Next to each other, the curve is kept.
        let near = route((280.0, 0.0), (560.0, 0.0), false, &boxes, (1, 2));
        assert!(matches!(near.shape, Shape::Curve(_)));
    }

    #[test]
    fn a_box_below_and_a_little_aside_is_reached_from_the_bottom() {
        // Worked by hand: boxes 168 wide, the second 140 right of and 100 below the first.
        // Their sides overlap (140 < 168), so side to side would loop back: the arrow leaves
        // the first's bottom middle (84, 64) for the second's top middle (224, 100). 200
        // aside leaves a 32 gap, wide enough: right side (168, 32) to left side (200, 132).
        let ends = |shape: &Shape| match shape {
            Shape::Curve(c) => (c[0], c[3]),
            Shape::Bent(_) => panic!("a curve was expected"),
        };
        let down = curve((0.0, 0.0), (140.0, 100.0), false);
        assert_eq!(ends(&down.shape), ((84.0, 64.0), (224.0, 100.0)));
        let across = curve((0.0, 0.0), (200.0, 100.0), false);
        assert_eq!(ends(&across.shape), ((168.0, 32.0), (200.0, 132.0)));
        // In one row, overlapping a little, it still goes side to side.
        let row = curve((0.0, 0.0), (140.0, 10.0), false);
        assert_eq!(ends(&row.shape), ((168.0, 32.0), (140.0, 42.0)));
        // A "hosted on" arrow to a host beside its box, 10 lower: out of the bottom it would
        // loop up into the host's top, 54 above it; it goes side to side instead. With 40
        // between their rows (104 below), it goes down as usual: (84, 64) to (284, 104).
        let beside = curve((0.0, 0.0), (200.0, 10.0), true);
        assert_eq!(ends(&beside.shape), ((168.0, 32.0), (200.0, 42.0)));
        let below = curve((0.0, 0.0), (200.0, 104.0), true);
        assert_eq!(ends(&below.shape), ((84.0, 64.0), (284.0, 104.0)));
    }

    #[test]
    fn a_host_below_a_column_is_reached_beside_it() {
        // A box over another, and a host below both: "hosted on" from the top box goes down
        // the lane just right of the column (20 beyond the box), then across to the host's
        // top.
        let boxes = Boxes::new(alloc::vec![(0.0, 0.0), (0.0, 120.0), (0.0, 300.0)]);
        let arrow = route((0.0, 0.0), (0.0, 300.0), true, &boxes, (0, 2));
        assert_eq!(
            arrow.shape,
            Shape::Bent(alloc::vec![
                (168.0, 32.0),
                (188.0, 32.0),
                (188.0, 280.0),
                (84.0, 280.0),
                (84.0, 300.0)
            ])
        );
    }

    #[test]
    fn a_blocked_near_lane_gives_way_to_the_nearest_free_one() {
        // As above, with a fourth box over the lane just right of the column (x 188) and a
        // fifth over the lane just left of it (x -20): the free lane nearest 188 is 20 beyond
        // the fourth box's margin (180 + 168 + 6 = 354), at 374.
        let boxes = Boxes::new(alloc::vec![
            (0.0, 0.0),
            (0.0, 120.0),
            (0.0, 300.0),
            (180.0, 100.0),
            (-180.0, 100.0)
        ]);
        let arrow = route((0.0, 0.0), (0.0, 300.0), true, &boxes, (0, 2));
        assert_eq!(
            arrow.shape,
            Shape::Bent(alloc::vec![
                (168.0, 32.0),
                (374.0, 32.0),
                (374.0, 280.0),
                (84.0, 280.0),
                (84.0, 300.0)
            ])
        );
    }
}
