//! The app's one state and its reducer. Edits go to `dealscope_core::edit::History`; what is
//! kept here is only what the screen needs (selection, chosen cell, view, messages).

use dealscope_core::edit::{bounds, Command, History, NODE_H, NODE_W};
use dealscope_core::presets::{Preset, DEFAULT_PRESET};
use dealscope_core::{Component, ComponentId, Diagram, Relation};
use std::rc::Rc;
use yew::Reducible;

/// Pan and zoom of the canvas: canvas point (x, y) is drawn at the top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Canvas x at the left edge.
    pub x: f64,
    /// Canvas y at the top edge.
    pub y: f64,
    /// Screen pixels per canvas unit.
    pub zoom: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            x: 0.0,
            y: 0.0,
            zoom: 1.0,
        }
    }
}

/// Everything the screen shows that is not derived.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// The diagram with undo and redo.
    pub history: History,
    /// Selected components.
    pub selection: Vec<ComponentId>,
    /// Selected relation (index).
    pub relation: Option<usize>,
    /// The verdict cell chosen: (clause index, reading index).
    pub cell: Option<(usize, usize)>,
    /// Keyboard connect mode: the source waiting for a target.
    pub connect_from: Option<ComponentId>,
    /// Copied components and the relations among them.
    pub clipboard: Option<(Vec<Component>, Vec<Relation>)>,
    /// The preset last opened.
    pub preset: String,
    /// A message for the user: (is it an error, text).
    pub message: Option<(bool, String)>,
    /// Pan and zoom.
    pub view: View,
    /// Whether the repair preview is shown.
    pub preview: bool,
}

/// Everything a user can do.
#[derive(Clone, Debug)]
pub enum Action {
    /// An edit of the diagram (undoable).
    Do(Command),
    /// Undo the last edit.
    Undo,
    /// Redo.
    Redo,
    /// Replace the selection.
    Select(Vec<ComponentId>),
    /// Add or remove one component from the selection.
    ToggleSelect(ComponentId),
    /// Select a relation.
    SelectRelation(usize),
    /// Choose a verdict cell (or none).
    ChooseCell(Option<(usize, usize)>),
    /// Open a preset.
    OpenPreset(String),
    /// Copy the selection.
    Copy,
    /// Paste the clipboard.
    Paste,
    /// Delete the selection.
    DeleteSelection,
    /// Start connecting from the selected component (keyboard).
    StartConnect,
    /// Finish connecting to this component (keyboard).
    ConnectTo(ComponentId),
    /// Escape: leave modes, clear selection.
    Escape,
    /// Set pan and zoom.
    SetView(View),
    /// Fit the diagram into a canvas of this size (pixels).
    Fit(f64, f64),
    /// Show or hide the repair preview.
    Preview(bool),
    /// Show a message.
    Say(bool, String),
}

impl State {
    /// The state a first visit starts in: the seed's dispute.
    pub fn initial() -> State {
        let preset = Preset::find(DEFAULT_PRESET)
            .map(|p| p.diagram())
            .unwrap_or_default();
        State {
            history: History::new(preset),
            preset: DEFAULT_PRESET.into(),
            ..State::default()
        }
    }

    /// The current diagram.
    pub fn diagram(&self) -> &Rc<Diagram> {
        self.history.diagram()
    }

    fn edit(&mut self, command: Command) {
        let select_created = matches!(command, Command::Add { .. } | Command::Paste { .. });
        match self.history.apply(command) {
            Ok(outcome) => {
                self.message = None;
                self.preview = false;
                if select_created && !outcome.created.is_empty() {
                    self.selection = outcome.created;
                    self.relation = None;
                }
                self.prune();
            }
            Err(e) => self.message = Some((true, e)),
        }
    }

    /// Drops selections that no longer exist.
    fn prune(&mut self) {
        let d = self.history.diagram().clone();
        self.selection.retain(|id| d.component(*id).is_some());
        if self.relation.is_some_and(|i| i >= d.relations.len()) {
            self.relation = None;
        }
        if self
            .connect_from
            .is_some_and(|id| d.component(id).is_none())
        {
            self.connect_from = None;
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        match action {
            Action::Do(command) => s.edit(command),
            Action::Undo => {
                if !s.history.undo() {
                    s.message = Some((false, "Nothing to undo.".into()));
                }
                s.preview = false;
                s.prune();
            }
            Action::Redo => {
                if !s.history.redo() {
                    s.message = Some((false, "Nothing to redo.".into()));
                }
                s.preview = false;
                s.prune();
            }
            Action::Select(ids) => {
                s.selection = ids;
                s.relation = None;
            }
            Action::ToggleSelect(id) => {
                if let Some(i) = s.selection.iter().position(|x| *x == id) {
                    s.selection.remove(i);
                } else {
                    s.selection.push(id);
                }
                s.relation = None;
            }
            Action::SelectRelation(i) => {
                s.relation = Some(i);
                s.selection.clear();
            }
            Action::ChooseCell(cell) => {
                s.cell = cell;
                s.preview = false;
            }
            Action::OpenPreset(id) => {
                if let Some(p) = Preset::find(&id) {
                    s.edit(Command::Replace(p.diagram()));
                    s.preset = id;
                    s.selection.clear();
                    s.relation = None;
                    s.cell = None;
                    s.message = Some((
                        false,
                        format!(
                            "Opened \u{201c}{}\u{201d}. Undo brings back what was here.",
                            p.title
                        ),
                    ));
                }
            }
            Action::Copy => {
                let d = s.diagram().clone();
                let comps: Vec<Component> = d
                    .components
                    .iter()
                    .filter(|c| s.selection.contains(&c.id))
                    .cloned()
                    .collect();
                let rels: Vec<Relation> = d
                    .relations
                    .iter()
                    .filter(|r| s.selection.contains(&r.from) && s.selection.contains(&r.to))
                    .cloned()
                    .collect();
                if !comps.is_empty() {
                    s.message = Some((false, format!("Copied {} component(s).", comps.len())));
                    s.clipboard = Some((comps, rels));
                }
            }
            Action::Paste => {
                if let Some((components, relations)) = s.clipboard.clone() {
                    s.edit(Command::Paste {
                        components,
                        relations,
                        dx: 40.0,
                        dy: 40.0,
                    });
                }
            }
            Action::DeleteSelection => {
                let components = s.selection.clone();
                let relations: Vec<usize> = s.relation.into_iter().collect();
                if !components.is_empty() || !relations.is_empty() {
                    s.edit(Command::Delete {
                        components,
                        relations,
                    });
                    s.selection.clear();
                    s.relation = None;
                }
            }
            Action::StartConnect => match s.selection.first() {
                Some(&id) => {
                    s.connect_from = Some(id);
                    s.message = Some((
                        false,
                        format!(
                            "Connecting from \u{201c}{}\u{201d}: move focus to the target with Tab and press Enter. Escape cancels.",
                            s.diagram().label(id)
                        ),
                    ));
                }
                None => {
                    s.message = Some((
                        true,
                        "Select a component first, then press C to connect it.".into(),
                    ))
                }
            },
            Action::ConnectTo(to) => {
                if let Some(from) = s.connect_from.take() {
                    s.edit(Command::Connect {
                        from,
                        to,
                        kind: None,
                    });
                    if s.message.as_ref().is_none_or(|m| !m.0) {
                        s.message = Some((
                            false,
                            format!(
                                "Connected \u{201c}{}\u{201d} to \u{201c}{}\u{201d}.",
                                s.diagram().label(from),
                                s.diagram().label(to)
                            ),
                        ));
                    }
                    s.selection = vec![to];
                }
            }
            Action::Escape => {
                s.connect_from = None;
                s.selection.clear();
                s.relation = None;
                s.preview = false;
                s.message = None;
            }
            Action::SetView(v) => {
                let zoom = v.zoom.clamp(0.1, 4.0);
                s.view = View { zoom, ..v };
            }
            Action::Fit(w, h) => {
                if let Some((x, y, bw, bh)) = bounds(s.diagram()) {
                    let pad = 40.0;
                    let zoom = ((w - 2.0 * pad) / bw as f64)
                        .min((h - 2.0 * pad) / bh as f64)
                        .clamp(0.1, 1.5);
                    s.view = View {
                        zoom,
                        x: x as f64 - (w / zoom - bw as f64) / 2.0,
                        y: y as f64 - (h / zoom - bh as f64) / 2.0,
                    };
                } else {
                    s.view = View::default();
                }
            }
            Action::Preview(on) => s.preview = on,
            Action::Say(err, text) => s.message = Some((err, text)),
        }
        Rc::new(s)
    }
}

/// Where a new component added by keyboard goes: right of everything, on the grid.
pub fn free_spot(d: &Diagram) -> (f32, f32) {
    match bounds(d) {
        Some((x, y, w, _)) => (x + w + 40.0, y.max(40.0)),
        None => (40.0 + NODE_W / 2.0, 40.0 + NODE_H),
    }
}
