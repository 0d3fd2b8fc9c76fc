//! Snapping guides while dragging: where a dragged selection will land, and the guide lines
//! that show which still boxes it then lines up with. A move lands every box on the grid
//! (`Command::Move`), so the drag shows it there already: what is seen is what is dropped.
//! Every box has one size, so lining up is sharing a column (a left edge) or a row (a top
//! edge), and one guide through the boxes' centres shows each.

use super::{snap, NODE_H, NODE_W};
use crate::model::{ComponentId, Diagram};
use alloc::vec::Vec;

/// A guide line, in canvas units: vertical through a shared column's centres, or horizontal
/// through a shared row's middles, from the first box it joins to the last.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Guide {
    /// Vertical (a shared column) or horizontal (a shared row).
    pub vertical: bool,
    /// Where the line runs: x for a vertical guide, y for a horizontal one.
    pub at: f32,
    /// Where it starts along its length.
    pub from: f32,
    /// Where it ends.
    pub to: f32,
}

/// The offset a drag of `lead` by (dx, dy) moves the selection by once it lands on the grid.
pub fn landing(d: &Diagram, lead: ComponentId, dx: f32, dy: f32) -> (f32, f32) {
    match d.component(lead) {
        Some(c) => (snap(c.x + dx) - c.x, snap(c.y + dy) - c.y),
        None => (dx, dy),
    }
}

/// The guides for the boxes `moving`, moved by (dx, dy) (an offset from [`landing`]): one
/// for each column and each row that a moved box shares with a still box, ordered by where
/// they run.
pub fn guides(d: &Diagram, moving: &[ComponentId], dx: f32, dy: f32) -> Vec<Guide> {
    let mut sorted = moving.to_vec();
    sorted.sort_unstable();
    let is_moving = |id: &ComponentId| sorted.binary_search(id).is_ok();
    // Where the moved boxes now stand: (left edge, top edge).
    let moved: Vec<(f32, f32)> = d
        .components
        .iter()
        .filter(|c| is_moving(&c.id))
        .map(|c| (c.x + dx, c.y + dy))
        .collect();
    let mut out = Vec::new();
    for vertical in [true, false] {
        // A box's place along the guide's axis, and across it.
        let across = |(x, y): (f32, f32)| if vertical { x } else { y };
        let along = |(x, y): (f32, f32)| if vertical { y } else { x };
        let mut lines: Vec<f32> = moved.iter().map(|&p| across(p)).collect();
        lines.sort_unstable_by(f32::total_cmp);
        lines.dedup();
        // For each shared line, the span of every box on it, still or moved.
        let mut spans: Vec<(f32, f32, f32)> = Vec::new();
        for c in d.components.iter().filter(|c| !is_moving(&c.id)) {
            let p = (c.x, c.y);
            if lines.binary_search_by(|l| l.total_cmp(&across(p))).is_err() {
                continue;
            }
            match spans.iter_mut().find(|s| s.0 == across(p)) {
                Some(s) => {
                    s.1 = s.1.min(along(p));
                    s.2 = s.2.max(along(p));
                }
                None => spans.push((across(p), along(p), along(p))),
            }
        }
        for s in &mut spans {
            for &p in moved.iter().filter(|&&p| across(p) == s.0) {
                s.1 = s.1.min(along(p));
                s.2 = s.2.max(along(p));
            }
        }
        spans.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let (half, length) = if vertical {
            (NODE_W / 2.0, NODE_H)
        } else {
            (NODE_H / 2.0, NODE_W)
        };
        out.extend(spans.into_iter().map(|(at, lo, hi)| Guide {
            vertical,
            at: at + half,
            from: lo,
            to: hi + length,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::text::parse_diagram;

    /// A at (40, 40); B straight below it at (40, 200); C to the right at (400, 40); D off
    /// every line at (700, 500). Worked by hand: boxes are 168 × 64.
    fn four() -> Diagram {
        parse_diagram(
            "customer a \"A\" enterprise @ 40,40\n\
             customer b \"B\" enterprise @ 40,200\n\
             customer c \"C\" enterprise @ 400,40\n\
             customer d \"D\" enterprise @ 700,500\n",
        )
        .unwrap()
    }

    #[test]
    fn a_drag_lands_on_the_grid_as_the_drop_will() {
        let d = four();
        // D at (700, 500) dragged by (-293, 9): 407 → 400, 509 → 500 on a 20 grid.
        assert_eq!(landing(&d, ComponentId(4), -293.0, 9.0), (-300.0, 0.0));
        // A missing lead keeps the raw offset.
        assert_eq!(landing(&d, ComponentId(9), 3.0, 4.0), (3.0, 4.0));
    }

    #[test]
    fn a_box_moved_into_a_column_and_a_row_shows_both_guides() {
        let d = four();
        // D moved by (-300, -300) stands at (400, 200): C's column, B's row.
        let g = guides(&d, &[ComponentId(4)], -300.0, -300.0);
        assert_eq!(
            g,
            vec![
                // Column x 400, centre 484; from C's top (40) to D's bottom (200 + 64).
                Guide {
                    vertical: true,
                    at: 484.0,
                    from: 40.0,
                    to: 264.0
                },
                // Row y 200, middle 232; from B's left (40) to D's right (400 + 168).
                Guide {
                    vertical: false,
                    at: 232.0,
                    from: 40.0,
                    to: 568.0
                },
            ]
        );
    }

    #[test]
    fn boxes_moved_together_guide_only_against_still_boxes() {
        let d = four();
        // A and B moved right by 360: both in C's column, A in C's row; B's row has no
        // still box (D is at y 500).
        let g = guides(&d, &[ComponentId(2), ComponentId(1)], 360.0, 0.0);
        assert_eq!(
            g,
            vec![
                Guide {
                    vertical: true,
                    at: 484.0,
                    from: 40.0,
                    to: 264.0
                },
                Guide {
                    vertical: false,
                    at: 72.0,
                    from: 400.0,
                    to: 568.0
                },
            ]
        );
        // Off every line: no guide.
        assert!(guides(&d, &[ComponentId(4)], 20.0, 20.0).is_empty());
    }
}
