//! The app's one state and its reducer. The workspace (own work, shared scenario, saves,
//! another tab) is `dealscope_core::workspace`, edits go to its `History`, and what is kept
//! here besides is only what the screen needs (selection, chosen cell, view, messages).

pub mod gesture;
pub mod keys;
pub mod view;

pub use view::View;

use crate::words;
use dealscope_core::edit::{bounds, Command};
use dealscope_core::io::link::{Scenario, Sides};
pub use dealscope_core::workspace::{Doc, Stored};
use dealscope_core::workspace::{Notice, Workspace};
use dealscope_core::{Component, ComponentId, Diagram, Relation};
use std::rc::Rc;
use yew::Reducible;

/// Everything the screen shows that is not derived.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// The user's work, a shared scenario beside it, My scenarios, another tab's version.
    pub ws: Workspace,
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
    /// A message for the user: (is it an error, text).
    pub message: Option<(bool, String)>,
    /// Pan and zoom.
    pub view: View,
    /// The own work's pan and zoom while a shared scenario is shown, given back on return.
    pub own_view: Option<View>,
    /// Whether the repair preview is shown.
    pub preview: bool,
    /// Whether the share panel is open.
    pub sharing: bool,
    /// Whether the help panel is open.
    pub help: bool,
    /// Whether the first-visit hint shows (until it is dismissed, in this browser).
    pub hint: bool,
    /// "What changed": whether it is open, and the two sides it compares.
    pub changed: Changed,
}

/// "What changed": whether the panel is open, and the two sides it compares (a link can set
/// both).
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub open: bool,
    pub sides: Sides,
}

impl Default for Changed {
    /// Closed, on the seed story's first question: the 2026-02 version's letter and spirit.
    fn default() -> Changed {
        Changed {
            open: false,
            sides: Sides {
                left: ("v4".into(), "letter".into()),
                right: ("v4".into(), "spirit".into()),
            },
        }
    }
}

/// Everything a user can do.
#[derive(Clone, Debug)]
pub enum Action {
    /// An edit of the diagram (undoable).
    Do(Command),
    /// Lay the diagram out left to right by role (one undoable edit).
    LayOut,
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
    /// Start a new, empty scenario (the user's work is kept in My scenarios first).
    NewScenario,
    /// Select every component.
    SelectAll,
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
    /// Dismiss the first-visit hint.
    HideHint,
    /// Open or close "What changed", or change its sides.
    WhatChanged(Changed),
    /// Open or close the help panel.
    Help(bool),
    /// Fit the diagram into a canvas of this size (pixels).
    Fit(f64, f64),
    /// The first view of a scenario in a canvas of this size: the fit, or a readable part of
    /// it (see [`View::first`]).
    FitFirst(f64, f64),
    /// Show or hide the repair preview.
    Preview(bool),
    /// Show a message.
    Say(bool, String),
    /// Show a scenario opened from a link beside the user's own.
    OpenShared(Scenario),
    /// The link could not be opened.
    LinkFailed(String),
    /// Make the shared scenario the user's own; the previous own work goes to the saved list.
    KeepShared,
    /// Leave the shared scenario and return to the user's own work.
    BackToOwn,
    /// Rename the current scenario.
    Rename(String),
    /// Name the shown scenario and save it under that name ("Save as…").
    SaveAs(String),
    /// Open a saved scenario (one undoable step).
    OpenSaved(String),
    /// Delete a saved scenario.
    DeleteSaved(String),
    /// Another tab saved this version of the user's work.
    OtherTab(Scenario),
    /// Resolve a conflict with another tab: take theirs (true) or keep this tab's (false).
    Resolve(bool),
    /// Open or close the share panel.
    Share(bool),
    /// Open an imported scenario as the user's own (one undoable step).
    Import(Scenario),
    /// Hide this informational message if it is still shown.
    Dismiss(String),
    /// Hide the informational message, if one is shown (an error stays).
    Quiet,
    /// Replace the user's clause text (the workbench).
    SetClauses(String),
    /// Compare with a saved scenario (by name).
    CompareSaved(String),
    /// Compare with a scenario from a link, or stop comparing.
    Compare(Option<(String, Scenario)>),
}

impl State {
    /// The state after loading (see [`Workspace::boot`]), and whether a corrupt autosave must
    /// be moved aside.
    pub fn boot(stored: Stored) -> (State, bool) {
        let boot = Workspace::boot(stored);
        let mut s = State {
            ws: boot.workspace,
            ..State::default()
        };
        if let Some(sides) = boot.compare {
            s.changed = Changed { open: true, sides };
        }
        let faults: Vec<String> = boot.notices.iter().map(words::notice).collect();
        if !faults.is_empty() {
            s.message = Some((true, faults.join(" ")));
        }
        (s, boot.corrupt)
    }

    /// The current diagram.
    pub fn diagram(&self) -> &Rc<Diagram> {
        self.ws.diagram()
    }

    /// Tells the user what a workspace transition did.
    fn say(&mut self, notice: Notice) {
        self.message = Some((notice.is_fault(), words::notice(&notice)));
    }

    /// After the shown scenario was replaced: nothing chosen in the old one stays chosen.
    /// (A fault means nothing was replaced: the view stays.)
    fn fresh_view(&mut self, notice: Option<Notice>) {
        if let Some(n) = notice {
            let fault = n.is_fault();
            self.say(n);
            if fault {
                return;
            }
        }
        self.selection.clear();
        self.relation = None;
        self.cell = None;
        self.preview = false;
        self.connect_from = None;
    }

    fn edit(&mut self, command: Command) {
        let select_created = matches!(command, Command::Add { .. } | Command::Paste { .. });
        let connects = matches!(command, Command::Connect { .. });
        match self.ws.work.history.apply(command) {
            Ok(outcome) => {
                self.message = None;
                self.preview = false;
                if select_created && !outcome.created.is_empty() {
                    self.selection = outcome.created;
                    self.relation = None;
                }
                if connects {
                    // A new arrow may run behind other boxes: select it (drawn highlighted,
                    // named in the inspector) and say what was added.
                    self.said_connected();
                }
                self.prune();
            }
            // Connecting what is already connected is said, not flagged as a fault.
            Err(e) if connects && e.contains(" already ") => {
                let mut text = dealscope_core::check::explain::for_reader(&e);
                text.push('.');
                self.message = Some((false, text));
            }
            Err(e) => self.say(Notice::NotChanged(e)),
        }
    }

    /// Selects the relation just added and says it in words: "Added: “Acme Corp” uses “API”."
    fn said_connected(&mut self) {
        let d = self.diagram().clone();
        let Some(r) = d.relations.last() else {
            return;
        };
        self.relation = Some(d.relations.len() - 1);
        self.message = Some((
            false,
            format!(
                "Added: \u{201c}{}\u{201d} {} \u{201c}{}\u{201d}.",
                d.label(r.from),
                r.kind.label(),
                d.label(r.to)
            ),
        ));
    }

    /// Drops selections that no longer exist.
    fn prune(&mut self) {
        let d = self.diagram().clone();
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

impl State {
    /// Edits of the diagram, the clipboard and keyboard connecting.
    fn editing(&mut self, action: Action) {
        let s = self;
        match action {
            Action::Do(command) => s.edit(command),
            Action::LayOut => {
                // Nothing stays selected: on a phone a selection's sheet would hide the result.
                s.selection.clear();
                s.relation = None;
                let before = s.diagram().clone();
                s.edit(Command::Place(dealscope_core::edit::layout(&before)));
                if s.message.is_none() {
                    let text = if Rc::ptr_eq(&before, s.diagram()) {
                        "The diagram is already laid out.".to_string()
                    } else {
                        format!(
                            "Laid out {} components left to right by role. Undo puts them back.",
                            before.components.len()
                        )
                    };
                    s.message = Some((false, text));
                }
            }
            Action::Undo => {
                // What the last message said of the undone edit is no longer so.
                s.message = None;
                if !s.ws.work.history.undo() {
                    s.message = Some((false, "Nothing to undo.".into()));
                }
                s.preview = false;
                s.prune();
            }
            Action::Redo => {
                if !s.ws.work.history.redo() {
                    s.message = Some((false, "Nothing to redo.".into()));
                }
                s.preview = false;
                s.prune();
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
                        "Connecting from \u{201c}{}\u{201d}: click the box to connect it to, or Tab to it and press Enter. Escape cancels.",
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
            _ => {}
        }
    }

    /// Selection, the chosen cell, the view and messages: what only the screen holds.
    fn screen(&mut self, action: Action) {
        let s = self;
        match action {
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
            Action::SelectAll => {
                s.selection = s.diagram().components.iter().map(|c| c.id).collect();
                s.relation = None;
            }
            Action::Help(open) => s.help = open,
            Action::WhatChanged(c) => s.changed = c,
            Action::HideHint => s.hint = false,
            // With the help open, Escape closes it and nothing else.
            Action::Escape if s.help => s.help = false,
            Action::Escape => {
                s.sharing = false;
                s.connect_from = None;
                s.selection.clear();
                s.relation = None;
                s.preview = false;
                s.message = None;
            }
            Action::SetView(v) => s.view = v.clamped(),
            Action::Fit(w, h) => s.view = View::fit(bounds(s.diagram()), w, h),
            Action::FitFirst(w, h) => s.view = View::first(bounds(s.diagram()), w, h),
            Action::Preview(on) => s.preview = on,
            Action::Say(err, text) => s.message = Some((err, text)),
            Action::Share(open) => s.sharing = open,
            Action::Dismiss(text)
                if s.message
                    .as_ref()
                    .is_some_and(|(err, t)| !err && *t == text) =>
            {
                s.message = None;
            }
            Action::Quiet => s.message = None,
            _ => {}
        }
    }

    /// The workspace: presets, links, saves, another tab, import, clauses, comparison.
    fn workspace(&mut self, action: Action) {
        let s = self;
        match action {
            Action::OpenPreset(id) => {
                let notice = s.ws.open_preset(&id);
                s.fresh_view(notice);
            }
            Action::NewScenario => {
                let notice = s.ws.new_scenario();
                s.fresh_view(Some(notice));
            }
            Action::OpenShared(sc) => {
                if s.ws.doc == Doc::Own {
                    s.own_view = Some(s.view);
                }
                s.ws.open_shared(sc);
                s.fresh_view(None);
            }
            Action::LinkFailed(e) => s.say(Notice::LinkFailed(e)),
            Action::KeepShared => {
                if let Some(n) = s.ws.keep_shared() {
                    if s.ws.doc == Doc::Own {
                        s.own_view = None;
                    }
                    s.say(n);
                }
            }
            Action::BackToOwn => {
                let notice = s.ws.back_to_own();
                if notice.is_some() {
                    s.fresh_view(notice);
                    if let Some(v) = s.own_view.take() {
                        s.view = v;
                    }
                }
            }
            Action::Rename(name) => s.ws.rename(&name),
            Action::SaveAs(name) => {
                let notice = s.ws.save_as(&name);
                s.say(notice);
            }
            Action::OpenSaved(name) => {
                if let Some(n) = s.ws.open_saved(&name) {
                    s.fresh_view(Some(n));
                }
            }
            Action::DeleteSaved(name) => s.ws.saves.remove(&name),
            Action::OtherTab(sc) => s.ws.other_tab(sc),
            Action::Resolve(take_theirs) => {
                if let Some(n) = s.ws.resolve(take_theirs) {
                    s.say(n);
                    s.prune();
                }
            }
            Action::CompareSaved(name) => {
                if let Some(n) = s.ws.compare_saved(&name) {
                    s.say(n);
                }
            }
            Action::Compare(other) => s.ws.compare = other,
            Action::SetClauses(text) => match s.ws.set_clauses(text) {
                Ok(()) => s.preview = false,
                // What the editor cannot save is refused here, with the reason.
                Err(n) => s.say(n),
            },
            Action::Import(sc) => {
                let notice = s.ws.import(sc);
                s.fresh_view(Some(notice));
            }
            _ => {}
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Nothing to hide: the same state, so nothing is drawn again (a keystroke in a field).
        if matches!(action, Action::Quiet) && self.message.as_ref().is_none_or(|(err, _)| *err) {
            return self;
        }
        let mut s = Rc::unwrap_or_clone(self);
        match action {
            a @ (Action::Do(_)
            | Action::LayOut
            | Action::Undo
            | Action::Redo
            | Action::Copy
            | Action::Paste
            | Action::DeleteSelection
            | Action::StartConnect
            | Action::ConnectTo(_)) => s.editing(a),
            a @ (Action::Select(..)
            | Action::ToggleSelect(..)
            | Action::SelectRelation(..)
            | Action::ChooseCell(..)
            | Action::SelectAll
            | Action::Escape
            | Action::SetView(..)
            | Action::Fit(..)
            | Action::FitFirst(..)
            | Action::Help(..)
            | Action::WhatChanged(..)
            | Action::HideHint
            | Action::Preview(..)
            | Action::Say(..)
            | Action::Share(..)
            | Action::Dismiss(..)
            | Action::Quiet) => s.screen(a),
            a => s.workspace(a),
        }
        Rc::new(s)
    }
}
