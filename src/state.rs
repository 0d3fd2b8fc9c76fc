//! The app's one state and its reducer. Edits go to `dealscope_core::edit::History`; what is
//! kept here is only what the screen needs (selection, chosen cell, view, messages).

use dealscope_core::edit::{bounds, Command, History, NODE_H, NODE_W};
use dealscope_core::io::link::{decode, Scenario};
use dealscope_core::io::saves::SaveList;
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
    /// The current scenario's name.
    pub name: String,
    /// Whether the editor shows the user's own work or a scenario opened from a link.
    pub doc: Doc,
    /// The user's own work (and its name) while a shared scenario is shown.
    pub stash: Option<(History, String, String)>,
    /// The user's own clauses, in the clause language.
    pub clauses: String,
    /// Another scenario to compare with: (what it is called, the scenario).
    pub compare: Option<(String, Scenario)>,
    /// Named scenarios in browser storage.
    pub saves: SaveList,
    /// Another tab saved a different version: autosave pauses until the user chooses.
    pub conflict: Option<Scenario>,
    /// Whether the share panel is open.
    pub sharing: bool,
}

/// Whose scenario the editor shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Doc {
    /// The user's own work: autosaved.
    #[default]
    Own,
    /// A scenario opened from a link: not autosaved until kept.
    Shared,
}

/// What browser storage and the address held when the page loaded.
#[derive(Clone, Debug, Default)]
pub struct Stored {
    /// The autosave's link text.
    pub autosave: Option<String>,
    /// The saved list's text.
    pub saves: Option<String>,
    /// The URL fragment, without `#`.
    pub hash: Option<String>,
    /// A scenario to open beside the user's work at once: the `?generate=N` measurement hook
    /// of bench builds.
    pub generated: Option<Scenario>,
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
    /// Fit the diagram into a canvas of this size (pixels).
    Fit(f64, f64),
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
    /// Save the current scenario in the saved list under its name.
    SaveCurrent,
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
    /// Replace the user's clause text (the workbench).
    SetClauses(String),
    /// Compare with a saved scenario (by name).
    CompareSaved(String),
    /// Compare with a scenario from a link, or stop comparing.
    Compare(Option<(String, Scenario)>),
}

/// Said when a shared scenario opens.
impl State {
    /// The state a first visit starts in: the seed's dispute.
    pub fn initial() -> State {
        let preset = Preset::find(DEFAULT_PRESET)
            .map(|p| p.diagram())
            .unwrap_or_default();
        State {
            history: History::new(preset),
            preset: DEFAULT_PRESET.into(),
            name: Preset::find(DEFAULT_PRESET)
                .map(|p| p.title.to_string())
                .unwrap_or_default(),
            ..State::default()
        }
    }

    /// Keeps the shared scenario as the user's own, first saving their previous work to My
    /// scenarios. If that work cannot be saved, nothing changes and the message says why.
    fn keep_shared(&mut self) {
        if self.doc != Doc::Shared {
            return;
        }
        let mut text = format!("Kept \u{201c}{}\u{201d} as your scenario.", self.name);
        if let Some((own, own_name, own_clauses)) = &self.stash {
            let name = self.saves.fresh_name(if own_name.is_empty() {
                "My work"
            } else {
                own_name
            });
            let previous = Scenario {
                name: name.clone(),
                diagram: (**own.diagram()).clone(),
                clauses: own_clauses.clone(),
            };
            if let Err(e) = self.saves.put(&previous) {
                self.message = Some((
                    true,
                    format!("The shared scenario was not kept: your own work could not be saved to My scenarios first ({e}). Go back to it and export it to a file."),
                ));
                return;
            }
            self.stash = None;
            text.push_str(&format!(
                " Your previous work is in My scenarios as \u{201c}{name}\u{201d}."
            ));
        }
        let sc = self.scenario();
        if let Err(e) = self.saves.put(&sc) {
            text.push_str(&format!(" It could not be added to My scenarios: {e}."));
        }
        self.doc = Doc::Own;
        self.message = Some((false, text));
    }

    /// The state after loading: the autosave (else the seed's dispute), the saved list, and a
    /// shared scenario from the address shown beside the user's own. Every fault is said, and
    /// nothing the user had is dropped. Returns the state and whether a corrupt autosave must be
    /// moved aside.
    pub fn boot(stored: Stored) -> (State, bool) {
        let mut s = State::initial();
        let mut errors: Vec<String> = Vec::new();
        let mut corrupt = false;
        if let Some(text) = stored.autosave.filter(|t| !t.trim().is_empty()) {
            match dealscope_core::io::link::decode_stored(&text) {
                Ok(sc) => {
                    s.history = History::new(sc.diagram);
                    s.name = sc.name;
                    s.clauses = sc.clauses;
                    s.preset.clear();
                }
                Err(e) => {
                    corrupt = true;
                    errors.push(format!("Your autosaved scenario could not be read ({e}). It was kept aside in browser storage; you start from the seed scenario."));
                }
            }
        }
        if let Some(text) = stored.saves {
            let (list, recovery) = SaveList::parse(&text);
            s.saves = list;
            if !recovery.lost.is_empty() {
                errors.push(format!(
                    "Some saved scenarios could not be read: {}.",
                    recovery.lost.join("; ")
                ));
            }
        }
        // A shared scenario says so in the banner over the canvas; no message repeats it.
        if let Some(hash) = stored.hash.filter(|h| !h.trim().is_empty()) {
            match decode(&hash) {
                Ok(sc) => s.open_shared(sc),
                Err(e) => errors.push(format!(
                    "This link could not be opened: {}. Your own work is untouched.",
                    dealscope_core::check::explain::for_reader(&e.to_string())
                )),
            }
        }
        if let Some(sc) = stored.generated {
            s.open_shared(sc);
        }
        if !errors.is_empty() {
            s.message = Some((true, errors.join(" ")));
        }
        (s, corrupt)
    }

    /// Before `what` replaces the user's own work: keeps the work in My scenarios, so that it
    /// survives a reload (a shared scenario's view has it aside already). Returns the name it
    /// was kept under, if it was; if it could not be kept, says so and returns an error, and
    /// nothing may be replaced.
    fn keep_own(&mut self, what: &str) -> Result<Option<String>, ()> {
        if self.doc != Doc::Own {
            return Ok(None);
        }
        self.saves.keep_before_replacing(&self.scenario()).map_err(|e| {
            self.message = Some((
                true,
                format!("\u{201c}{what}\u{201d} was not opened: your work could not be kept in My scenarios first ({e}). Export it to a file, then try again."),
            ));
        })
    }

    /// Shows a shared scenario, keeping the user's own work aside.
    fn open_shared(&mut self, sc: Scenario) {
        if self.doc == Doc::Own {
            let own = core::mem::take(&mut self.history);
            self.stash = Some((
                own,
                core::mem::take(&mut self.name),
                core::mem::take(&mut self.clauses),
            ));
        }
        self.history = History::new(sc.diagram);
        self.clauses = sc.clauses;
        self.name = if sc.name.is_empty() {
            "Shared scenario".into()
        } else {
            sc.name
        };
        self.doc = Doc::Shared;
        self.preset.clear();
        self.selection.clear();
        self.relation = None;
        self.cell = None;
        self.preview = false;
    }

    /// Leaves a shared scenario for the user's own work, as it was.
    fn back_to_own(&mut self) {
        if let Some((own, name, clauses)) = self.stash.take() {
            self.history = own;
            self.name = name;
            self.clauses = clauses;
        }
        self.doc = Doc::Own;
        self.selection.clear();
        self.relation = None;
        self.cell = None;
    }

    /// Replaces the user's own work with a scenario, as one undoable step.
    fn replace_own(&mut self, sc: Scenario) {
        if self.doc == Doc::Shared {
            self.back_to_own();
        }
        self.edit(Command::Replace(sc.diagram));
        self.name = sc.name;
        self.clauses = sc.clauses;
        self.preset.clear();
        self.selection.clear();
        self.cell = None;
    }

    /// The scenario the editor shows.
    pub fn scenario(&self) -> Scenario {
        Scenario {
            name: self.name.clone(),
            diagram: (**self.diagram()).clone(),
            clauses: self.clauses.clone(),
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
            // The core's reasons are lowercase clauses, to be quoted: say what did not happen.
            Err(e) => {
                let e = dealscope_core::check::explain::for_reader(&e.to_string());
                self.message = Some((true, format!("Not changed: {e}.")))
            }
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

/// What opening `what` over the user's work says, with where the work went.
/// The name of a new, empty scenario.
const NEW_SCENARIO: &str = "New scenario";

fn opened(what: &str, kept: Option<String>) -> String {
    match kept {
        Some(name) => format!("Opened \u{201c}{what}\u{201d}. Your previous work is in My scenarios as \u{201c}{name}\u{201d}; Undo also brings it back."),
        None => format!("Opened \u{201c}{what}\u{201d}. Undo brings back what was here."),
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
                    let Ok(kept) = s.keep_own(p.title) else {
                        return Rc::new(s);
                    };
                    s.edit(Command::Replace(p.diagram()));
                    s.preset = id;
                    s.name = p.title.into();
                    s.selection.clear();
                    s.relation = None;
                    s.cell = None;
                    s.message = Some((false, opened(p.title, kept)));
                }
            }
            Action::NewScenario => {
                let Ok(kept) = s.keep_own(NEW_SCENARIO) else {
                    return Rc::new(s);
                };
                s.edit(Command::Replace(Diagram::default()));
                s.preset = String::new();
                s.name = NEW_SCENARIO.into();
                s.selection.clear();
                s.relation = None;
                s.cell = None;
                s.message = Some((false, opened(NEW_SCENARIO, kept)));
            }
            Action::SelectAll => {
                s.selection = s.diagram().components.iter().map(|c| c.id).collect();
                s.relation = None;
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
                s.sharing = false;
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
            Action::OpenShared(sc) => s.open_shared(sc),
            Action::LinkFailed(e) => {
                s.message = Some((
                    true,
                    format!(
                        "This link could not be opened: {}. Your own work is untouched.",
                        dealscope_core::check::explain::for_reader(&e)
                    ),
                ));
            }
            Action::KeepShared => s.keep_shared(),
            Action::BackToOwn => {
                if s.stash.is_some() {
                    s.back_to_own();
                    s.message = Some((false, "Back to your own work.".into()));
                }
            }
            Action::Rename(name) => s.name = dealscope_core::io::saves::clean_name(&name),
            Action::SaveCurrent => {
                let sc = s.scenario();
                let name = dealscope_core::io::saves::clean_name(&sc.name);
                s.message = Some(match s.saves.put(&sc) {
                    Ok(()) => (false, format!("Saved \u{201c}{name}\u{201d} in My scenarios.")),
                    Err(e) => (
                        true,
                        format!("\u{201c}{name}\u{201d} could not be saved: {e}. Export it to a file instead."),
                    ),
                });
            }
            Action::OpenSaved(name) => match s.saves.open(&name) {
                Some(Ok(sc)) => {
                    let Ok(kept) = s.keep_own(&name) else {
                        return Rc::new(s);
                    };
                    s.replace_own(sc);
                    s.message = Some((false, opened(&name, kept)));
                }
                Some(Err(e)) => {
                    s.message = Some((
                        true,
                        format!("Saved scenario \u{201c}{name}\u{201d} could not be read: {e}."),
                    ))
                }
                None => {}
            },
            Action::DeleteSaved(name) => s.saves.remove(&name),
            Action::OtherTab(sc) => {
                if s.doc == Doc::Own && **s.diagram() != sc.diagram {
                    s.conflict = Some(sc);
                }
            }
            Action::Resolve(take_theirs) => {
                if let Some(sc) = s.conflict.take() {
                    if take_theirs {
                        s.edit(Command::Replace(sc.diagram));
                        s.name = sc.name;
                        s.message = Some((
                            false,
                            "Loaded the other tab's version. Undo brings back this tab's.".into(),
                        ));
                    } else {
                        s.message = Some((
                            false,
                            "Kept this tab's version; it is autosaved again.".into(),
                        ));
                    }
                }
            }
            Action::Share(open) => s.sharing = open,
            Action::CompareSaved(name) => match s.saves.open(&name) {
                Some(Ok(sc)) => s.compare = Some((format!("\u{201c}{name}\u{201d}"), sc)),
                Some(Err(e)) => {
                    s.message = Some((
                        true,
                        format!("Saved scenario \u{201c}{name}\u{201d} could not be read: {e}."),
                    ))
                }
                None => {}
            },
            Action::Compare(other) => s.compare = other,
            Action::SetClauses(text) => match dealscope_core::limits::clause_text(&text) {
                Ok(()) => {
                    s.clauses = text;
                    s.preview = false;
                }
                // What the editor cannot save is refused here, with the reason.
                Err(e) => {
                    s.message = Some((true, format!("The clause text was not changed: {e}.")))
                }
            },
            Action::Dismiss(text) => {
                if s.message
                    .as_ref()
                    .is_some_and(|(err, t)| !err && *t == text)
                {
                    s.message = None;
                }
            }
            Action::Import(sc) => {
                s.replace_own(sc);
                s.message = Some((
                    false,
                    format!(
                        "Imported \u{201c}{}\u{201d}. Undo brings back what was here.",
                        s.name
                    ),
                ));
            }
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
