//! Editing commands and undo history: every change the editor makes to a diagram.
//!
//! The app's reducer forwards user actions here, so every state transition is plain Rust,
//! tested natively. Undo keeps whole snapshots behind `Rc`, so cloning the history is cheap.

use crate::model::{
    Component, ComponentId, Diagram, Kind, KindTag, Provider, Relation, RelationKind,
};
mod align;
mod apply;
pub mod arrows;
mod guides;
mod layout;
pub use align::{align, Align};
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
pub use apply::{apply, host_for, Edit};
pub use guides::{guides, landing, Guide};
pub use layout::layout;

/// Canvas grid: positions snap to multiples of this.
pub const GRID: f32 = 20.0;
/// Width of a component box, in canvas units.
pub const NODE_W: f32 = 168.0;
/// Height of a component box.
pub const NODE_H: f32 = 64.0;
/// How many steps undo remembers.
pub const UNDO_DEPTH: usize = 200;

/// Sorts (key, item) pairs by key, then item: the one sort the layout and the arrows use, so
/// the wasm carries one copy of it.
fn sort_keyed(v: &mut [(f32, u32)]) {
    v.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
}

/// Rounds a coordinate to the grid.
pub fn snap(v: f32) -> f32 {
    if v.is_finite() {
        crate::limits::clamp((v / GRID).round() * GRID)
    } else {
        0.0
    }
}

/// One change to the diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add a component of a kind at a position (snapped); it gets the next free id.
    Add {
        /// Kind.
        kind: KindTag,
        /// Position.
        x: f32,
        /// Position.
        y: f32,
    },
    /// Move components by an offset; the results snap to the grid.
    Move {
        /// Which.
        ids: Vec<ComponentId>,
        /// Offset.
        dx: f32,
        /// Offset.
        dy: f32,
    },
    /// Connect two components; the relation is inferred when not given.
    Connect {
        /// Tail.
        from: ComponentId,
        /// Head.
        to: ComponentId,
        /// The relation, or `None` to infer it from the two kinds.
        kind: Option<RelationKind>,
    },
    /// Change what a relation means.
    SetRelationKind {
        /// Index into `relations`.
        index: usize,
        /// New kind.
        kind: RelationKind,
    },
    /// Delete components (and their relations) and relations.
    Delete {
        /// Components.
        components: Vec<ComponentId>,
        /// Relation indices.
        relations: Vec<usize>,
    },
    /// Rename.
    SetLabel {
        /// Which.
        id: ComponentId,
        /// New label.
        label: String,
    },
    /// Change attributes; the kind itself may not change.
    SetKind {
        /// Which.
        id: ComponentId,
        /// New attributes.
        kind: Kind,
    },
    /// Host a component on a provider (creating the host box if needed), or unhost it.
    SetHosting {
        /// Which.
        id: ComponentId,
        /// Where, or `None` for nowhere.
        provider: Option<Provider>,
    },
    /// Paste copies of components and the relations among them, offset.
    Paste {
        /// Components as copied.
        components: Vec<Component>,
        /// Relations among them.
        relations: Vec<Relation>,
        /// Offset.
        dx: f32,
        /// Offset.
        dy: f32,
    },
    /// Put components at new positions, as one step (auto-layout, align, distribute); each
    /// snaps to the grid.
    Place(Vec<(ComponentId, f32, f32)>),
    /// Apply a repair's edits as one step.
    Apply(Vec<Edit>),
    /// Replace the whole diagram (open a preset or a link).
    Replace(Diagram),
}

/// What a command did, for selection and announcements.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Components created, in order.
    pub created: Vec<ComponentId>,
}

/// The diagram with its undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    current: Rc<Diagram>,
    undo: Vec<Rc<Diagram>>,
    redo: Vec<Rc<Diagram>>,
}

/// Makes the last of `from` current, keeping the current diagram at the end of `to`; false
/// when `from` is empty. Undo and redo are this, each way.
fn step(current: &mut Rc<Diagram>, from: &mut Vec<Rc<Diagram>>, to: &mut Vec<Rc<Diagram>>) -> bool {
    match from.pop() {
        Some(next) => {
            to.push(core::mem::replace(current, next));
            true
        }
        None => false,
    }
}

impl History {
    /// A history starting at `diagram`.
    pub fn new(diagram: Diagram) -> History {
        History {
            current: Rc::new(diagram),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// The current diagram.
    pub fn diagram(&self) -> &Rc<Diagram> {
        &self.current
    }

    /// Whether undo has something to do.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether redo has something to do.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        step(&mut self.current, &mut self.undo, &mut self.redo)
    }

    /// Steps forward again; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        step(&mut self.current, &mut self.redo, &mut self.undo)
    }

    /// Applies a command as one undoable step. A command that changes nothing records nothing;
    /// one that cannot apply returns a specific error and changes nothing.
    pub fn apply(&mut self, command: Command) -> Result<Outcome, String> {
        let mut next = (*self.current).clone();
        let outcome = run(&mut next, command)?;
        // Whatever the editor makes must read back: refused here, with the reason, if not.
        crate::limits::changed(&self.current, &next)?;
        if next != *self.current {
            self.undo
                .push(core::mem::replace(&mut self.current, Rc::new(next)));
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        Ok(outcome)
    }
}

fn exists(d: &Diagram, id: ComponentId) -> Result<&Component, String> {
    d.component(id)
        .ok_or_else(|| format!("component {id} does not exist"))
}

fn run(d: &mut Diagram, command: Command) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    match command {
        Command::Add { kind, x, y } => outcome.created.push(add(d, kind, x, y)),
        Command::Move { ids, dx, dy } => {
            if !dx.is_finite() || !dy.is_finite() {
                return Err("a move needs a finite offset".into());
            }
            for c in d.components.iter_mut().filter(|c| ids.contains(&c.id)) {
                c.x = snap(c.x + dx);
                c.y = snap(c.y + dy);
            }
        }
        Command::Place(places) => {
            if places.iter().any(|p| !p.1.is_finite() || !p.2.is_finite()) {
                return Err("a position must be a finite number".into());
            }
            let index = crate::model::IdIndex::new(&d.components);
            for (id, x, y) in places {
                if let Some(i) = index.get(id) {
                    d.components[i].x = snap(x);
                    d.components[i].y = snap(y);
                }
            }
        }
        Command::Connect { from, to, kind } => connect(d, from, to, kind)?,
        Command::SetRelationKind { index, kind } => {
            let r = d
                .relations
                .get(index)
                .ok_or_else(|| format!("relation {index} does not exist"))?;
            let (ta, tb) = (exists(d, r.from)?.kind.tag(), exists(d, r.to)?.kind.tag());
            if !kind.allows(ta, tb) {
                return Err(format!(
                    "a {} cannot have a `{}` relation to a {}",
                    ta.keyword(),
                    kind.keyword(),
                    tb.keyword()
                ));
            }
            d.relations[index].kind = kind;
        }
        Command::Delete {
            components,
            relations,
        } => {
            let mut i = 0;
            d.relations.retain(|r| {
                let keep = !relations.contains(&i)
                    && !components.contains(&r.from)
                    && !components.contains(&r.to);
                i += 1;
                keep
            });
            d.components.retain(|c| !components.contains(&c.id));
        }
        Command::SetLabel { id, label } => {
            let label = crate::limits::name("a label", &label)?;
            exists(d, id)?;
            if let Some(c) = d.component_mut(id) {
                c.label = label;
            }
        }
        Command::SetKind { id, kind } => {
            let c = exists(d, id)?;
            let kind = crate::limits::kind(&kind)?;
            if c.kind.tag() != kind.tag() {
                return Err(format!(
                    "`{}` is a {}; it cannot become a {}",
                    c.label,
                    c.kind.tag().keyword(),
                    kind.tag().keyword()
                ));
            }
            if let Some(c) = d.component_mut(id) {
                c.kind = kind;
            }
        }
        Command::SetHosting { id, provider } => {
            let c = exists(d, id)?;
            if !c.kind.tag().needs_hosting() {
                return Err(format!("a {} is not hosted", c.kind.tag().keyword()));
            }
            match provider.map(|p| crate::limits::provider(&p)).transpose()? {
                Some(p) => {
                    *d = apply(
                        d,
                        &[Edit::Rehost {
                            component: id,
                            provider: p,
                        }],
                    );
                }
                None => d
                    .relations
                    .retain(|r| !(r.from == id && r.kind == RelationKind::HostedOn)),
            }
        }
        Command::Paste {
            components,
            relations,
            dx,
            dy,
        } => outcome.created = paste(d, components, relations, (dx, dy)),
        Command::Apply(edits) => {
            *d = apply(d, &edits);
        }
        Command::Replace(diagram) => *d = diagram,
    }
    Ok(outcome)
}

/// Adds a component of `kind` at (x, y), named after its kind (numbered) or, for a host, its
/// provider.
fn add(d: &mut Diagram, kind: KindTag, x: f32, y: f32) -> ComponentId {
    let id = d.next_id();
    let kind_attrs = kind.default_kind();
    // A host is named after its provider; anything else after its kind, numbered.
    let base = match &kind_attrs {
        Kind::Host { provider } => provider.name().to_string(),
        _ => kind.title().to_string(),
    };
    let taken = |l: &str| d.components.iter().any(|c| c.label == l);
    // A second Azure host is "Azure 2": the first is "Azure", not "Azure 1".
    let host = kind == KindTag::Host;
    let label = if host && !taken(&base) {
        base
    } else {
        (if host { 2 } else { 1 }..)
            .map(|n| format!("{base} {n}"))
            .find(|l| !taken(l))
            .unwrap_or(base)
    };
    d.components.push(Component {
        id,
        label,
        kind: kind_attrs,
        x: snap(x),
        y: snap(y),
    });
    id
}

/// Connects two components with `kind`, or the relation their kinds imply.
fn connect(
    d: &mut Diagram,
    from: ComponentId,
    to: ComponentId,
    kind: Option<RelationKind>,
) -> Result<(), String> {
    let a = exists(d, from)?;
    let b = exists(d, to)?;
    let (ta, tb) = (a.kind.tag(), b.kind.tag());
    if from == to {
        return Err(format!("`{}` cannot be connected to itself", a.label));
    }
    let kind = match kind {
        Some(k) if k.allows(ta, tb) => k,
        Some(k) => {
            return Err(format!(
                "a {} cannot have a `{}` relation to a {}",
                ta.keyword(),
                k.keyword(),
                tb.keyword()
            ))
        }
        None => RelationKind::infer(ta, tb).ok_or_else(|| {
            format!(
                "nothing connects a {} (`{}`) to a {} (`{}`)",
                ta.keyword(),
                a.label,
                tb.keyword(),
                b.label
            )
        })?,
    };
    let rel = Relation { from, to, kind };
    if d.relations.contains(&rel) {
        // Said, not silently ignored: a release that adds nothing would look like a lost edit.
        return Err(format!(
            "`{}` already {} `{}`; nothing was added",
            a.label,
            kind.label(),
            b.label
        ));
    }
    if kind == RelationKind::HostedOn {
        // A component lives on one provider: connecting a new host moves it.
        d.relations
            .retain(|r| !(r.from == from && r.kind == RelationKind::HostedOn));
    }
    d.relations.push(rel);
    Ok(())
}

/// Pastes copies of components, offset, with the relations among them; returns the new ids.
fn paste(
    d: &mut Diagram,
    components: Vec<Component>,
    relations: Vec<Relation>,
    (dx, dy): (f32, f32),
) -> Vec<ComponentId> {
    let mut created = Vec::new();
    let mut map = Vec::new();
    for c in components {
        let id = d.next_id();
        map.push((c.id, id));
        created.push(id);
        d.components.push(Component {
            id,
            x: snap(c.x + dx),
            y: snap(c.y + dy),
            ..c
        });
    }
    let new_id = |old: ComponentId| map.iter().find(|p| p.0 == old).map(|p| p.1);
    for r in relations {
        if let (Some(from), Some(to)) = (new_id(r.from), new_id(r.to)) {
            d.relations.push(Relation {
                from,
                to,
                kind: r.kind,
            });
        }
    }
    created
}

/// A component whose label contains `text` (ignoring surrounding spaces, and the case of ASCII
/// letters: full Unicode case folding would carry its tables into the wasm), with its place
/// among the matches; `None` when none matches or `text` is blank. The matches are in order:
/// labels that are `text` exactly first, then the others, each in the diagram's order. The one
/// found is the match after `after` (wrapping round), or the first when `after` is not a match.
pub fn find(d: &Diagram, text: &str, after: Option<ComponentId>) -> Option<Found> {
    let want = text.trim().to_ascii_lowercase();
    if want.is_empty() {
        return None;
    }
    let mut matches: Vec<(bool, usize)> = (0..d.components.len())
        .filter_map(|i| {
            let label = d.components[i].label.trim().to_ascii_lowercase();
            label.contains(&want).then_some((label != want, i))
        })
        .collect();
    matches.sort_unstable();
    let nth = after
        .and_then(|id| matches.iter().position(|&(_, i)| d.components[i].id == id))
        .map_or(0, |k| (k + 1) % matches.len());
    let &(_, i) = matches.get(nth)?;
    Some(Found {
        id: d.components[i].id,
        nth: nth + 1,
        of: matches.len(),
    })
}

/// What a search found: the component, and which match it is of how many, in drawing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The component found.
    pub id: ComponentId,
    /// Its place among the matches, from 1.
    pub nth: usize,
    /// How many components match.
    pub of: usize,
}

/// Components whose box intersects the rectangle (x0, y0)–(x1, y1), in any corner order.
pub fn in_rect(d: &Diagram, x0: f32, y0: f32, x1: f32, y1: f32) -> Vec<ComponentId> {
    let (l, r) = (x0.min(x1), x0.max(x1));
    let (t, b) = (y0.min(y1), y0.max(y1));
    d.components
        .iter()
        .filter(|c| c.x < r && c.x + NODE_W > l && c.y < b && c.y + NODE_H > t)
        .map(|c| c.id)
        .collect()
}

/// Where a new box goes: on the grid inside `visible` (x, y, width, height, in canvas units),
/// as near its middle as can be without touching another box or lying on an arrow (the arrows
/// routed as the canvas draws them); else, when the view has no room, to the right of the
/// diagram (the view then follows it).
pub fn free_spot(d: &Diagram, visible: (f32, f32, f32, f32)) -> (f32, f32) {
    const GAP: f32 = GRID;
    let (vx, vy, vw, vh) = visible;
    let clear = |x: f32, y: f32| {
        d.components.iter().all(|c| {
            x + NODE_W + GAP <= c.x
                || c.x + NODE_W + GAP <= x
                || y + NODE_H + GAP <= c.y
                || c.y + NODE_H + GAP <= y
        })
    };
    let (mid_x, mid_y) = (vx + (vw - NODE_W) / 2.0, vy + (vh - NODE_H) / 2.0);
    let mut best: Option<(f32, f32, f32)> = None;
    if vw.is_finite() && vh.is_finite() && vw >= NODE_W + 2.0 * GAP && vh >= NODE_H + 2.0 * GAP {
        // Grid points whose box lies inside the view, with a gap to its edges; at the least
        // zoom, every few grid steps, so that no more than about 2,500 are tried.
        let points = (vw / GRID) * (vh / GRID);
        let step = GRID * (points / 2500.0).sqrt().ceil().max(1.0);
        let (x0, y0) = (((vx + GAP) / step).ceil(), ((vy + GAP) / step).ceil());
        let (x1, y1) = (
            ((vx + vw - GAP - NODE_W) / step).floor(),
            ((vy + vh - GAP - NODE_H) / step).floor(),
        );
        let grid = Grid {
            x0,
            y0,
            cols: (x1 - x0 + 1.0).max(0.0) as usize,
            rows: (y1 - y0 + 1.0).max(0.0) as usize,
            step,
        };
        let on_arrow = grid.on_arrows(d, GAP);
        for row in 0..grid.rows {
            for col in 0..grid.cols {
                let (x, y) = ((x0 + col as f32) * step, (y0 + row as f32) * step);
                let far = (x - mid_x).powi(2) + (y - mid_y).powi(2);
                if best.is_none_or(|b| far < b.2) && !on_arrow[row * grid.cols + col] && clear(x, y)
                {
                    best = Some((x, y, far));
                }
            }
        }
    }
    match (best, bounds(d)) {
        (Some((x, y, _)), _) => (x, y),
        (None, Some((x, y, w, _))) => (snap(x + w + 2.0 * GAP), snap(y)),
        (None, None) => (snap(mid_x), snap(mid_y)),
    }
}

/// The places [`free_spot`] tries: `cols` × `rows` grid points `step` apart, the first at
/// (`x0`, `y0`) steps.
struct Grid {
    x0: f32,
    y0: f32,
    cols: usize,
    rows: usize,
    step: f32,
}

impl Grid {
    /// For each place, row by row, whether a box there, with `gap` around it, would lie on one
    /// of the diagram's arrows: each point sampled along an arrow marks the places whose box
    /// holds it (the samples are closer together than a box is high).
    fn on_arrows(&self, d: &Diagram, gap: f32) -> Vec<bool> {
        let mut marks = alloc::vec![false; self.cols * self.rows];
        if marks.is_empty() || d.relations.is_empty() {
            return marks;
        }
        let index = crate::model::IdIndex::new(&d.components);
        let at: Vec<arrows::Point> = d
            .components
            .iter()
            .map(|c| (c.x as f64, c.y as f64))
            .collect();
        let boxes = arrows::Boxes::new(at.clone());
        let (step, gap) = (self.step as f64, gap as f64);
        let (w, h) = (NODE_W as f64, NODE_H as f64);
        // The range of places whose box, with its gap, holds `v` on one axis.
        let span = |v: f64, size: f64, first: f32, count: usize| {
            let lo = (((v - size - gap) / step).ceil() - first as f64).max(0.0);
            let hi = (((v + gap) / step).floor() - first as f64).min(count as f64 - 1.0);
            (lo as usize, hi as usize, lo <= hi)
        };
        for r in &d.relations {
            let (Some(a), Some(b)) = (index.get(r.from), index.get(r.to)) else {
                continue;
            };
            let vertical = matches!(r.kind, RelationKind::HostedOn | RelationKind::Owns);
            let arrow = arrows::route(at[a], at[b], vertical, &boxes, (a, b));
            arrows::along(&arrow.shape, |p| {
                let (c0, c1, cols) = span(p.0, w, self.x0, self.cols);
                let (r0, r1, rows) = span(p.1, h, self.y0, self.rows);
                if cols && rows {
                    for row in r0..=r1 {
                        marks[row * self.cols + c0..=row * self.cols + c1].fill(true);
                    }
                }
                None::<()>
            });
        }
        marks
    }
}

/// How far to move a view that shows `visible` (x, y, width, height) so that it shows `item`
/// with `margin` around it: (0, 0) when it already does. Each axis moves the least it can; an
/// item larger than the view is aligned to the view's top or left edge.
pub fn reveal(
    item: (f64, f64, f64, f64),
    visible: (f64, f64, f64, f64),
    margin: f64,
) -> (f64, f64) {
    let axis = |start: f64, size: f64, view: f64, extent: f64| {
        let (lo, hi) = (start - margin, start + size + margin);
        if hi - lo > extent || lo < view {
            lo - view
        } else if hi > view + extent {
            hi - (view + extent)
        } else {
            0.0
        }
    };
    (
        axis(item.0, item.2, visible.0, visible.2),
        axis(item.1, item.3, visible.1, visible.3),
    )
}

/// The bounding box of all components: (x, y, width, height), or `None` when empty.
pub fn bounds(d: &Diagram) -> Option<(f32, f32, f32, f32)> {
    let first = d.components.first()?;
    let mut b = (first.x, first.y, first.x + NODE_W, first.y + NODE_H);
    for c in &d.components {
        b.0 = b.0.min(c.x);
        b.1 = b.1.min(c.y);
        b.2 = b.2.max(c.x + NODE_W);
        b.3 = b.3.max(c.y + NODE_H);
    }
    Some((b.0, b.1, b.2 - b.0, b.3 - b.1))
}

#[cfg(test)]
mod tests {
    /// The component labelled `label`.
    fn named(h: &super::History, label: &str) -> super::Component {
        h.diagram()
            .components
            .iter()
            .find(|c| c.label == label)
            .unwrap()
            .clone()
    }

    use super::*;
    use crate::presets::Preset;

    fn history() -> History {
        History::new(Preset::find("frontier-aws").expect("preset").diagram())
    }

    /// Adds a component of `kind` at (x, y) and returns it.
    fn add(h: &mut History, kind: KindTag, x: f32, y: f32) -> Component {
        let out = h.apply(Command::Add { kind, x, y }).unwrap();
        h.diagram().component(out.created[0]).unwrap().clone()
    }

    #[test]
    fn find_goes_to_the_next_label_that_matches_and_wraps() {
        let mut h = super::History::new(super::Diagram::default());
        for kind in [KindTag::Customer, KindTag::Product, KindTag::Customer] {
            h.apply(super::Command::Add {
                kind,
                x: 0.0,
                y: 0.0,
            })
            .unwrap();
        }
        let d = h.diagram().clone();
        let ids: Vec<ComponentId> = d.components.iter().map(|c| c.id).collect();
        // Written from the labels new components get ("Customer", "Enterprise product", ...).
        let found = |id, nth, of| Some(super::Found { id, nth, of });
        assert_eq!(super::find(&d, "  CUSTOMER ", None), found(ids[0], 1, 2));
        assert_eq!(
            super::find(&d, "customer", Some(ids[0])),
            found(ids[2], 2, 2)
        );
        assert_eq!(
            super::find(&d, "customer", Some(ids[2])),
            found(ids[0], 1, 2)
        );
        assert_eq!(
            super::find(&d, "product", Some(ids[1])),
            found(ids[1], 1, 1)
        );
        assert_eq!(super::find(&d, "nothing like it", None), None);
        assert_eq!(super::find(&d, "   ", None), None);
    }

    // Written by hand: the label that is the text exactly comes first, then the others in the
    // diagram's order; from a selection that is not a match, the search starts at the first.
    #[test]
    fn find_puts_the_exact_name_first() {
        let mut d = super::Diagram::default();
        for label in ["GPT model mirror", "Acme", "Old GPT model", " gpt MODEL "] {
            let id = d.next_id();
            d.components.push(super::Component {
                id,
                label: label.into(),
                kind: crate::model::Kind::Model,
                x: 0.0,
                y: 0.0,
            });
        }
        let ids: Vec<ComponentId> = d.components.iter().map(|c| c.id).collect();
        let found = |id, nth, of| Some(super::Found { id, nth, of });
        assert_eq!(super::find(&d, "GPT model", None), found(ids[3], 1, 3));
        assert_eq!(
            super::find(&d, "GPT model", Some(ids[3])),
            found(ids[0], 2, 3)
        );
        assert_eq!(
            super::find(&d, "GPT model", Some(ids[0])),
            found(ids[2], 3, 3)
        );
        assert_eq!(
            super::find(&d, "GPT model", Some(ids[2])),
            found(ids[3], 1, 3)
        );
        assert_eq!(
            super::find(&d, "GPT model", Some(ids[1])),
            found(ids[3], 1, 3)
        );
    }

    // Written by hand: a new host is named after its default provider (Azure), the second
    // "Azure 2"; other kinds are numbered from 1.
    #[test]
    fn new_components_are_named_as_a_person_would_count_them() {
        let mut h = super::History::new(super::Diagram::default());
        let labels: Vec<String> = [
            KindTag::Host,
            KindTag::Host,
            KindTag::Customer,
            KindTag::Customer,
        ]
        .into_iter()
        .map(|kind| add(&mut h, kind, 0.0, 0.0).label)
        .collect();
        assert_eq!(labels, ["Azure", "Azure 2", "Customer 1", "Customer 2"]);
    }

    #[test]
    fn add_snaps_and_undo_restores() {
        let mut h = history();
        let before = h.diagram().clone();
        let c = add(&mut h, KindTag::Endpoint, 33.0, 47.0);
        assert_eq!((c.x, c.y), (40.0, 40.0));
        assert!(h.undo());
        assert_eq!(h.diagram(), &before);
        assert!(h.redo());
        assert!(h.diagram().component(c.id).is_some());
    }

    // Worked by hand: a 1000 × 600 view's middle spot for a 168 × 64 box is (416, 268), whose
    // nearest grid point is (420, 260). With a box there, the nearest free point keeps x 420
    // and goes below it (y 360, 92 away, beats y 160, 108 away; any x clear of it is 200 off).
    // A view with no room sends the box right of the diagram; a vast view is tried every
    // 2,000 units, so its middle (49916, 49968) goes to (50000, 50000).
    #[test]
    fn a_new_box_goes_free_in_the_middle_of_the_view() {
        let mut h = History::new(Diagram::default());
        let view = (0.0, 0.0, 1000.0, 600.0);
        assert_eq!(free_spot(h.diagram(), view), (420.0, 260.0));
        add(&mut h, KindTag::Customer, 420.0, 260.0);
        assert_eq!(free_spot(h.diagram(), view), (420.0, 360.0));
        assert_eq!(
            free_spot(h.diagram(), (0.0, 0.0, 100.0, 50.0)),
            (620.0, 260.0)
        );
        assert_eq!(
            free_spot(&Diagram::default(), (0.0, 0.0, 1e5, 1e5)),
            (50000.0, 50000.0)
        );
        // A view not measured yet still gives a place on the canvas.
        let (x, y) = free_spot(&Diagram::default(), (0.0, 0.0, f32::NAN, 1.0));
        assert!(x.is_finite() && y.is_finite());
    }

    // Worked by hand: "Acme" at (40, 260) uses "Frontier" at (800, 260). The arrow runs
    // straight along y = 292 from x 208 to 800, through the middle spot (420, 260). A box,
    // with its 20 gap, keeps clear of that line only at y <= 200 or y >= 320; at x 420,
    // y 320 is 52 from the middle's 268, y 200 is 68: the box goes to (420, 320). Without the
    // arrow it would go to (420, 260), which is clear of both boxes.
    #[test]
    fn a_new_box_does_not_land_on_an_arrow() {
        let mut h = History::new(Diagram::default());
        let view = (0.0, 0.0, 1000.0, 600.0);
        let a = add(&mut h, KindTag::Customer, 40.0, 260.0);
        let b = add(&mut h, KindTag::Product, 800.0, 260.0);
        assert_eq!(free_spot(h.diagram(), view), (420.0, 260.0));
        assert!(h
            .apply(Command::Connect {
                from: a.id,
                to: b.id,
                kind: Some(RelationKind::Uses),
            })
            .is_ok());
        assert_eq!(free_spot(h.diagram(), view), (420.0, 320.0));
    }

    #[test]
    fn reveal_moves_the_view_the_least_it_can() {
        let view = (0.0, 0.0, 100.0, 50.0);
        for (item, want) in [
            ((10.0, 10.0, 20.0, 10.0), (0.0, 0.0)),    // inside: no move
            ((90.0, 10.0, 20.0, 10.0), (15.0, 0.0)),   // past the right edge, plus the margin
            ((-30.0, 10.0, 20.0, 10.0), (-35.0, 0.0)), // past the left edge
            ((10.0, 45.0, 20.0, 10.0), (0.0, 10.0)),   // below
            ((10.0, -20.0, 20.0, 10.0), (0.0, -25.0)), // above
            ((10.0, 10.0, 200.0, 10.0), (5.0, 0.0)),   // wider than the view: its left edge shows
        ] {
            assert_eq!(reveal(item, view, 5.0), want, "{item:?}");
        }
    }

    #[test]
    fn a_new_product_is_not_an_api_product_until_the_user_says_so() {
        let c = add(&mut history(), KindTag::Product, 0.0, 0.0);
        assert!(
            matches!(c.kind, Kind::Product { api: false, .. }),
            "{:?}",
            c.kind
        );
    }

    #[test]
    fn connect_infers_and_rejects() {
        let mut h = history();
        let d = h.diagram().clone();
        let id = |label: &str| d.components.iter().find(|c| c.label == label).unwrap().id;
        let err = h
            .apply(Command::Connect {
                from: id("Acme Corp"),
                to: id("AWS"),
                kind: None,
            })
            .unwrap_err();
        assert_eq!(
            err,
            "nothing connects a customer (`Acme Corp`) to a host (`AWS`)"
        );
        let out = h
            .apply(Command::Add {
                kind: KindTag::Host,
                x: 0.0,
                y: 0.0,
            })
            .unwrap();
        h.apply(Command::Connect {
            from: id("Frontier"),
            to: out.created[0],
            kind: None,
        })
        .unwrap();
        // The new host (Azure by default) replaced AWS as Frontier's host.
        assert_eq!(
            h.diagram().provider_of(id("Frontier")),
            Some(&Provider::Azure)
        );
    }

    #[test]
    fn failed_and_empty_commands_record_nothing() {
        let mut h = history();
        assert!(h
            .apply(Command::SetLabel {
                id: ComponentId(1),
                label: "  ".into()
            })
            .is_err());
        h.apply(Command::Move {
            ids: vec![],
            dx: 20.0,
            dy: 0.0,
        })
        .unwrap();
        assert!(!h.can_undo());
    }

    #[test]
    fn rehost_then_undo_restores_the_verdict() {
        use crate::{builtin_clauses, check, Verdict};
        let mut h = history();
        let clauses = builtin_clauses();
        // The 2025-01 version restricts only the API, not Frontier.
        let v4_letter = |d: &Diagram| check(d, &clauses).cell(1, 0).unwrap().verdict;
        assert_eq!(v4_letter(h.diagram()), Verdict::Breach);
        let api = named(&h, "OpenAI API (AWS)").id;
        h.apply(Command::SetHosting {
            id: api,
            provider: Some(Provider::Azure),
        })
        .unwrap();
        assert_eq!(v4_letter(h.diagram()), Verdict::Complies);
        h.undo();
        assert_eq!(v4_letter(h.diagram()), Verdict::Breach);
    }

    #[test]
    fn delete_removes_relations_and_paste_remaps_ids() {
        let mut h = history();
        let d = h.diagram().clone();
        let f = d
            .components
            .iter()
            .find(|c| c.label == "Frontier")
            .unwrap()
            .clone();
        h.apply(Command::Delete {
            components: vec![f.id],
            relations: vec![],
        })
        .unwrap();
        assert!(h
            .diagram()
            .relations
            .iter()
            .all(|r| r.from != f.id && r.to != f.id));
        let out = h
            .apply(Command::Paste {
                components: vec![f.clone()],
                relations: vec![],
                dx: 20.0,
                dy: 20.0,
            })
            .unwrap();
        let pasted = h.diagram().component(out.created[0]).unwrap();
        assert_eq!((pasted.label.as_str(), pasted.x), ("Frontier", f.x + 20.0));
        assert_ne!(pasted.id, f.id);
    }

    #[test]
    fn operators_are_trimmed_emptied_to_unset_and_refuse_control_characters() {
        let mut h = history();
        let f = named(&h, "Frontier").clone();
        let with = |name: &str| {
            let mut k = f.kind.clone();
            k.set_operator(Some(name.into()));
            Command::SetKind { id: f.id, kind: k }
        };
        h.apply(with("  Acme Corp ")).unwrap();
        assert_eq!(
            h.diagram().component(f.id).unwrap().kind.operator(),
            Some("Acme Corp")
        );
        h.apply(with("   ")).unwrap();
        assert_eq!(h.diagram().component(f.id).unwrap().kind.operator(), None);
        let err = h.apply(with("Open\u{202e}AI")).unwrap_err();
        assert!(err.contains("invisible character U+202E"), "{err}");
        let err = h.apply(with(&"x".repeat(81))).unwrap_err();
        assert!(err.contains("at most 80"), "{err}");
    }
}
