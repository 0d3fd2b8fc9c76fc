//! Align and distribute a selection: where each selected box goes, applied as one
//! `Command::Place`. Boxes keep their order; positions land on the grid. Every box has one
//! size, so lining up edges or centres is lining up top-left corners.

use super::{snap, GRID, NODE_H, NODE_W};
use crate::model::{ComponentId, Diagram};
use alloc::vec::Vec;

/// How to line the selected boxes up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left edges on the leftmost.
    Left,
    /// Centres on the middle of the selection's width.
    Center,
    /// Right edges on the rightmost.
    Right,
    /// Tops on the highest.
    Top,
    /// Middles on the middle of the selection's height.
    Middle,
    /// Bottoms on the lowest.
    Bottom,
    /// Equal steps across, from the leftmost to the rightmost (three or more; boxes too close
    /// to fit are spread out past the rightmost).
    Across,
    /// Equal steps down, from the highest to the lowest (three or more; likewise).
    Down,
}

impl Align {
    /// Every way, in the order the editor offers them.
    pub const ALL: [Align; 8] = [
        Align::Left,
        Align::Center,
        Align::Right,
        Align::Top,
        Align::Middle,
        Align::Bottom,
        Align::Across,
        Align::Down,
    ];

    /// What the button says.
    pub fn label(self) -> &'static str {
        match self {
            Align::Left => "Left",
            Align::Center => "Centre",
            Align::Right => "Right",
            Align::Top => "Top",
            Align::Middle => "Middle",
            Align::Bottom => "Bottom",
            Align::Across => "Space across",
            Align::Down => "Space down",
        }
    }
}

/// Where the selected boxes go, as (id, x, y); empty when fewer than two are selected (three
/// to distribute).
pub fn align(d: &Diagram, ids: &[ComponentId], how: Align) -> Vec<(ComponentId, f32, f32)> {
    let boxes: Vec<(ComponentId, f32, f32)> = d
        .components
        .iter()
        .filter(|c| ids.contains(&c.id))
        .map(|c| (c.id, c.x, c.y))
        .collect();
    let spread = matches!(how, Align::Across | Align::Down);
    if boxes.len() < 2 || (spread && boxes.len() < 3) {
        return Vec::new();
    }
    let min_x = boxes.iter().map(|b| b.1).fold(f32::INFINITY, f32::min);
    let max_x = boxes.iter().map(|b| b.1).fold(f32::NEG_INFINITY, f32::max);
    let min_y = boxes.iter().map(|b| b.2).fold(f32::INFINITY, f32::min);
    let max_y = boxes.iter().map(|b| b.2).fold(f32::NEG_INFINITY, f32::max);
    let place = |x: f32, y: f32| (snap(x), snap(y));
    match how {
        Align::Across | Align::Down => {
            let across = how == Align::Across;
            let mut order: Vec<(f32, u32)> = boxes
                .iter()
                .enumerate()
                .map(|(k, b)| (if across { b.1 } else { b.2 }, k as u32))
                .collect();
            super::sort_keyed(&mut order);
            let (lo, hi) = if across {
                (min_x, max_x)
            } else {
                (min_y, max_y)
            };
            // Even steps on the grid, never so short that boxes overlap or touch: spacing
            // boxes that stand too close spreads them out past the last one.
            let least = if across { NODE_W } else { NODE_H } + 2.0 * GRID;
            let least = (least / GRID).ceil() * GRID;
            let step = snap((hi - lo) / (order.len() - 1) as f32).max(least);
            order
                .iter()
                .enumerate()
                .map(|(k, o)| {
                    let (id, x, y) = boxes[o.1 as usize];
                    let at = lo + step * k as f32;
                    let (x, y) = if across { place(at, y) } else { place(x, at) };
                    (id, x, y)
                })
                .collect()
        }
        _ => boxes
            .iter()
            .map(|&(id, x, y)| {
                let (x, y) = match how {
                    Align::Left => place(min_x, y),
                    Align::Center => place((min_x + max_x) / 2.0, y),
                    Align::Right => place(max_x, y),
                    Align::Top => place(x, min_y),
                    Align::Middle => place(x, (min_y + max_y) / 2.0),
                    _ => place(x, max_y),
                };
                (id, x, y)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Kind};

    fn diagram(at: &[(f32, f32)]) -> Diagram {
        Diagram {
            components: at
                .iter()
                .enumerate()
                .map(|(i, &(x, y))| Component {
                    id: ComponentId(i as u32 + 1),
                    label: alloc::format!("Box {i}"),
                    kind: Kind::Party,
                    x,
                    y,
                })
                .collect(),
            relations: Vec::new(),
        }
    }

    #[test]
    fn aligning_and_spacing_as_worked_out_by_hand() {
        let d = diagram(&[(40.0, 100.0), (300.0, 20.0), (120.0, 260.0), (900.0, 900.0)]);
        let ids = [ComponentId(1), ComponentId(2), ComponentId(3)];
        let at = |how| align(&d, &ids, how);
        let id = ComponentId;
        // Left: the leftmost is at 40. Right: the rightmost at 300. Centre: (40 + 300) / 2 = 170,
        // 8.5 grid steps, which rounds to 180.
        assert_eq!(
            at(Align::Left),
            [
                (id(1), 40.0, 100.0),
                (id(2), 40.0, 20.0),
                (id(3), 40.0, 260.0)
            ]
        );
        assert_eq!(
            at(Align::Right),
            [
                (id(1), 300.0, 100.0),
                (id(2), 300.0, 20.0),
                (id(3), 300.0, 260.0)
            ]
        );
        assert_eq!(
            at(Align::Center),
            [
                (id(1), 180.0, 100.0),
                (id(2), 180.0, 20.0),
                (id(3), 180.0, 260.0)
            ]
        );
        // Top 20, bottom 260, middle 140.
        assert_eq!(
            at(Align::Top),
            [
                (id(1), 40.0, 20.0),
                (id(2), 300.0, 20.0),
                (id(3), 120.0, 20.0)
            ]
        );
        assert_eq!(
            at(Align::Middle),
            [
                (id(1), 40.0, 140.0),
                (id(2), 300.0, 140.0),
                (id(3), 120.0, 140.0)
            ]
        );
        // Across: in x order 40, 120, 300; the even step (300 - 40) / 2 = 130 is on the grid
        // 140, shorter than a box and two grid steps (168 + 40, on the grid 220), so 220 it is:
        // 40, 260, 480.
        assert_eq!(
            at(Align::Across),
            [
                (id(1), 40.0, 100.0),
                (id(3), 260.0, 260.0),
                (id(2), 480.0, 20.0)
            ]
        );
        // Down: in y order 20, 100, 260; the step (260 - 20) / 2 = 120 is just enough (64 + 40,
        // on the grid 120): 20, 140, 260.
        assert_eq!(
            at(Align::Down),
            [
                (id(2), 300.0, 20.0),
                (id(1), 40.0, 140.0),
                (id(3), 120.0, 260.0)
            ]
        );
        // Too few to act on: nothing.
        assert!(align(&d, &ids[..1], Align::Left).is_empty());
        assert!(align(&d, &ids[..2], Align::Across).is_empty());
    }
}
