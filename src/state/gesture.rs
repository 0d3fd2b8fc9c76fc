//! The pointer gestures as pure steps: what a gesture becomes when the pointer moves, and what
//! it does when it ends. The hook (`hooks::gestures`) feeds it browser events; this module
//! knows nothing of them, so it is tested natively.

use super::view::View;
use super::Action;
use dealscope_core::edit::{in_rect, Command, NODE_H, NODE_W};
use dealscope_core::{ComponentId, Diagram, KindTag};

/// A pointer gesture in progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    /// A palette item being dragged; client coordinates.
    Palette { kind: KindTag, x: f64, y: f64 },
    /// Components being moved; offset in canvas units so far.
    Move {
        ids: Vec<ComponentId>,
        x0: f64,
        y0: f64,
        dx: f64,
        dy: f64,
    },
    /// A connection being drawn from a handle; pointer in canvas units.
    Connect { from: ComponentId, x: f64, y: f64 },
    /// A rubber band; canvas units.
    Band { x0: f64, y0: f64, x: f64, y: f64 },
    /// Panning; client coordinates and the view at the start.
    Pan { x0: f64, y0: f64, view: View },
}

/// How far a connection's end may fall outside a box and still land on it, in canvas units.
const CONNECT_SLOP: f64 = 8.0;
/// Below this many pixels of travel, a press on a component selects it and moves nothing.
const MOVE_SLOP: f64 = 2.0;
/// Below this many canvas units, a band is a click on the background.
const BAND_SLOP: f64 = 4.0;

/// Where the pointer is: in client pixels, and (when over the canvas) in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub client: (f64, f64),
    pub canvas: Option<(f64, f64)>,
}

/// What a pointer move does to a gesture.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The gesture goes on, changed.
    Drag(Drag),
    /// The view pans (the gesture itself stays as it started).
    View(View),
    /// Nothing changes (the pointer left the canvas).
    Still,
}

impl Drag {
    /// The gesture after the pointer moved to `p`, at the current `zoom`.
    pub fn moved(self, p: Pointer, zoom: f64) -> Step {
        let (cx, cy) = p.client;
        match (self, p.canvas) {
            (Drag::Palette { kind, .. }, _) => Step::Drag(Drag::Palette { kind, x: cx, y: cy }),
            (Drag::Move { ids, x0, y0, .. }, _) => Step::Drag(Drag::Move {
                ids,
                x0,
                y0,
                dx: (cx - x0) / zoom,
                dy: (cy - y0) / zoom,
            }),
            (Drag::Connect { from, .. }, Some((x, y))) => Step::Drag(Drag::Connect { from, x, y }),
            (Drag::Band { x0, y0, .. }, Some((x, y))) => Step::Drag(Drag::Band { x0, y0, x, y }),
            (Drag::Pan { x0, y0, view }, _) => Step::View(view.panned(cx - x0, cy - y0)),
            (Drag::Connect { .. } | Drag::Band { .. }, None) => Step::Still,
        }
    }

    /// What the gesture does when the pointer is released at `p`: `over_canvas` says whether
    /// it was released over the canvas, `shift` whether Shift was held.
    pub fn finish(
        self,
        d: &Diagram,
        selection: &[ComponentId],
        p: Pointer,
        over_canvas: bool,
        shift: bool,
    ) -> Option<Action> {
        match self {
            Drag::Palette { kind, .. } => {
                let (x, y) = p.canvas.filter(|_| over_canvas)?;
                Some(Action::Do(Command::Add {
                    kind,
                    x: (x - f64::from(NODE_W) / 2.0) as f32,
                    y: (y - f64::from(NODE_H) / 2.0) as f32,
                }))
            }
            // Released outside the canvas (over a panel, or past the window's edge), where the
            // box could not be seen: it stays where it was.
            Drag::Move { .. } if !over_canvas => None,
            Drag::Move { ids, dx, dy, .. } => {
                (dx.abs() + dy.abs() > MOVE_SLOP).then_some(Action::Do(Command::Move {
                    ids,
                    dx: dx as f32,
                    dy: dy as f32,
                }))
            }
            Drag::Connect { from, x, y } => connect_target(d, from, x, y).map(|to| {
                Action::Do(Command::Connect {
                    from,
                    to,
                    kind: None,
                })
            }),
            Drag::Band { x0, y0, x, y } => {
                if (x - x0).abs() + (y - y0).abs() <= BAND_SLOP {
                    return None;
                }
                let mut ids = in_rect(d, x0 as f32, y0 as f32, x as f32, y as f32);
                if shift {
                    let extra: Vec<ComponentId> = selection
                        .iter()
                        .copied()
                        .filter(|i| !ids.contains(i))
                        .collect();
                    ids.extend(extra);
                }
                Some(Action::Select(ids))
            }
            Drag::Pan { .. } => None,
        }
    }
}

/// The component a connection drawn from `from` lands on at canvas (x, y): the topmost box
/// under the point, with a little slop around each.
pub fn connect_target(d: &Diagram, from: ComponentId, x: f64, y: f64) -> Option<ComponentId> {
    let slop = CONNECT_SLOP;
    d.components
        .iter()
        .rev()
        .find(|c| {
            c.id != from
                && x >= f64::from(c.x) - slop
                && x <= f64::from(c.x + NODE_W) + slop
                && y >= f64::from(c.y) - slop
                && y <= f64::from(c.y + NODE_H) + slop
        })
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dealscope_core::io::text::parse_diagram;

    fn diagram() -> Diagram {
        parse_diagram(
            "customer a \"A\" enterprise @ 0,0\n\
             product b \"B\" api first-party by OpenAI @ 400,0\n\
             model c \"C\" @ 400,0\n",
        )
        .unwrap()
    }

    fn at(x: f64, y: f64) -> Pointer {
        Pointer {
            client: (x, y),
            canvas: Some((x, y)),
        }
    }

    #[test]
    fn a_move_follows_the_pointer_in_canvas_units_and_a_click_moves_nothing() {
        let start = Drag::Move {
            ids: vec![ComponentId(1)],
            x0: 100.0,
            y0: 100.0,
            dx: 0.0,
            dy: 0.0,
        };
        let Step::Drag(moved) = start.clone().moved(at(140.0, 80.0), 2.0) else {
            panic!("a move goes on");
        };
        assert_eq!(
            moved,
            Drag::Move {
                ids: vec![ComponentId(1)],
                x0: 100.0,
                y0: 100.0,
                dx: 20.0,
                dy: -10.0
            }
        );
        let d = diagram();
        assert!(matches!(
            moved.clone().finish(&d, &[], at(140.0, 80.0), true, false),
            Some(Action::Do(Command::Move { dx, dy, .. })) if dx == 20.0 && dy == -10.0
        ));
        assert!(start
            .finish(&d, &[], at(101.0, 101.0), true, false)
            .is_none());
        // Released over a panel, outside the canvas, it moves nothing.
        assert!(moved
            .finish(&d, &[], at(140.0, 80.0), false, false)
            .is_none());
    }

    #[test]
    fn a_connection_lands_on_the_topmost_box_near_the_pointer() {
        let d = diagram();
        // b and c overlap; c is drawn last, so it is on top.
        assert_eq!(
            connect_target(&d, ComponentId(1), 450.0, 30.0),
            Some(ComponentId(3))
        );
        // Just outside a box still lands on it; farther does not; never on itself.
        assert_eq!(
            connect_target(&d, ComponentId(3), 170.0, 30.0),
            Some(ComponentId(1))
        );
        assert_eq!(connect_target(&d, ComponentId(3), 200.0, 30.0), None);
        assert_eq!(connect_target(&d, ComponentId(1), 10.0, 10.0), None);
    }

    #[test]
    fn a_band_selects_what_it_covers_and_shift_adds_to_the_selection() {
        let d = diagram();
        let band = Drag::Band {
            x0: -10.0,
            y0: -10.0,
            x: 200.0,
            y: 100.0,
        };
        let p = at(200.0, 100.0);
        assert!(matches!(
            band.clone().finish(&d, &[ComponentId(3)], p, true, false),
            Some(Action::Select(ids)) if ids == [ComponentId(1)]
        ));
        assert!(matches!(
            band.finish(&d, &[ComponentId(3)], p, true, true),
            Some(Action::Select(ids)) if ids == [ComponentId(1), ComponentId(3)]
        ));
        let click = Drag::Band {
            x0: 5.0,
            y0: 5.0,
            x: 6.0,
            y: 7.0,
        };
        assert!(click.finish(&d, &[], p, true, false).is_none());
    }

    #[test]
    fn a_palette_item_is_added_only_where_it_is_dropped_on_the_canvas() {
        let d = diagram();
        let drag = Drag::Palette {
            kind: KindTag::Model,
            x: 0.0,
            y: 0.0,
        };
        // Centred on the drop point.
        assert!(matches!(
            drag.clone().finish(&d, &[], at(300.0, 300.0), true, false),
            Some(Action::Do(Command::Add { x, y, .. }))
                if x == 300.0 - NODE_W / 2.0 && y == 300.0 - NODE_H / 2.0
        ));
        assert!(drag
            .finish(&d, &[], at(300.0, 300.0), false, false)
            .is_none());
    }

    #[test]
    fn a_pan_moves_the_view_and_a_band_waits_while_the_pointer_is_off_the_canvas() {
        let view = View {
            x: 0.0,
            y: 0.0,
            zoom: 0.5,
        };
        let pan = Drag::Pan {
            x0: 10.0,
            y0: 10.0,
            view,
        };
        assert_eq!(
            pan.moved(at(30.0, 0.0), 0.5),
            Step::View(View {
                x: -40.0,
                y: 20.0,
                zoom: 0.5
            })
        );
        let band = Drag::Band {
            x0: 0.0,
            y0: 0.0,
            x: 1.0,
            y: 1.0,
        };
        let off = Pointer {
            client: (5.0, 5.0),
            canvas: None,
        };
        assert_eq!(band.moved(off, 1.0), Step::Still);
    }
}
