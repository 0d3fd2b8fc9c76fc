//! The workspace: the user's own work, a scenario opened from a link beside it, My scenarios,
//! another tab's version, and the scenario compared with. Every way the shown scenario can be
//! replaced goes through here, and none of them loses the user's work: it is kept in My
//! scenarios first (so it survives a reload), or set aside while a shared scenario is shown,
//! or the replacement is refused with the reason.
//!
//! Transitions return a [`Notice`]: what happened, as data. The app words it.

use crate::edit::{Command, History};
use crate::io::link::{decode_stored, open_fragment, Scenario, Sides};
use crate::io::saves::{clean_name, preset_of, SaveList};
use crate::model::Diagram;
use crate::presets::{Preset, DEFAULT_PRESET};
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// A scenario being edited: the diagram with its undo history, its name and its clauses.
#[derive(Clone, Debug, Default)]
pub struct Work {
    /// The diagram, with undo and redo.
    pub history: History,
    /// The scenario's name.
    pub name: String,
    /// The user's own clauses, in the clause language.
    pub clauses: String,
}

impl Work {
    /// A fresh history of a scenario.
    pub fn new(sc: Scenario) -> Work {
        Work {
            history: History::new(sc.diagram),
            name: sc.name,
            clauses: sc.clauses,
        }
    }

    /// The scenario as it is now.
    pub fn scenario(&self) -> Scenario {
        Scenario {
            name: self.name.clone(),
            diagram: (**self.history.diagram()).clone(),
            clauses: self.clauses.clone(),
        }
    }

    /// The current diagram.
    pub fn diagram(&self) -> &Rc<Diagram> {
        self.history.diagram()
    }
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
    /// The address's fragment, without `#`.
    pub hash: Option<String>,
    /// A scenario to open beside the user's work at once (the bench builds' `?generate=N`).
    pub generated: Option<Scenario>,
}

/// What a transition did, for the app to say. Reasons are the core's lowercase clauses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// `what` replaces the shown work; the previous work was kept in My scenarios as `kept`
    /// (none when nothing would have been lost). Undo also brings it back.
    Opened {
        /// What was opened.
        what: String,
        /// Where the previous work went.
        kept: Option<String>,
    },
    /// `what` was not opened: the user's work could not be kept first.
    NotOpened {
        /// What was to be opened.
        what: String,
        /// Why the work could not be kept.
        why: String,
    },
    /// An imported scenario replaced the work (undo brings it back).
    Imported(String),
    /// The shared scenario is now the user's own.
    KeptShared {
        /// Its name.
        name: String,
        /// Where the previous own work went in My scenarios, if there was any.
        previous: Option<String>,
        /// Why it could not also be added to My scenarios, if it could not.
        unlisted: Option<String>,
    },
    /// The shared scenario was not kept: the own work could not be saved first.
    SharedNotKept(String),
    /// Back to the user's own work.
    BackToOwn,
    /// Saved in My scenarios under this name.
    Saved(String),
    /// Not saved: (name, why).
    NotSaved(String, String),
    /// A saved scenario could not be read: (name, why).
    Unreadable(String, String),
    /// The other tab's version replaced this tab's (undo brings this tab's back).
    TookOtherTab,
    /// This tab's version was kept; autosave resumes.
    KeptThisTab,
    /// An edit was refused: why.
    NotChanged(String),
    /// The clause text was refused: why.
    ClausesRefused(String),
    /// The autosave could not be read; it was moved aside: why.
    AutosaveUnreadable(String),
    /// Some saved scenarios could not be read: each one's reason.
    SavesLost(Vec<String>),
    /// A link could not be opened: why. The user's work is untouched.
    LinkFailed(String),
}

impl Notice {
    /// Whether the notice reports a fault (it stays until dismissed).
    pub fn is_fault(&self) -> bool {
        matches!(
            self,
            Notice::NotOpened { .. }
                | Notice::SharedNotKept(_)
                | Notice::NotSaved(..)
                | Notice::Unreadable(..)
                | Notice::NotChanged(_)
                | Notice::ClausesRefused(_)
                | Notice::AutosaveUnreadable(_)
                | Notice::SavesLost(_)
                | Notice::LinkFailed(_)
        )
    }
}

/// What loading found: the workspace, and what to say and do about the stored state.
#[derive(Debug)]
pub struct Boot {
    /// The workspace.
    pub workspace: Workspace,
    /// Whether the autosave could not be read and must be moved aside before anything is
    /// written over it.
    pub corrupt: bool,
    /// What to tell the user, in order.
    pub notices: Vec<Notice>,
    /// The comparison the link carries, to open "What changed" on.
    pub compare: Option<Sides>,
}

/// The name of a new, empty scenario.
pub use crate::io::saves::NEW_SCENARIO;
/// The name a shared scenario without one is shown under.
pub const SHARED_SCENARIO: &str = "Shared scenario";

/// The user's own work and everything that can replace it or sit beside it.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// The scenario the editor shows.
    pub work: Work,
    /// Whose it is.
    pub doc: Doc,
    /// The user's own work, while a shared scenario is shown.
    pub stash: Option<Work>,
    /// The preset the own work still was when it was set aside (its caption comes back).
    pub stash_preset: String,
    /// The preset last opened, if the work is still that preset.
    pub preset: String,
    /// My scenarios.
    pub saves: SaveList,
    /// Another tab saved a different version: autosave pauses until the user chooses.
    pub conflict: Option<Scenario>,
    /// Another scenario to compare with: (what it is called, the scenario).
    pub compare: Option<(String, Scenario)>,
}

impl Workspace {
    /// A first visit: the seed's dispute.
    pub fn initial() -> Workspace {
        let preset = Preset::find(DEFAULT_PRESET);
        Workspace {
            work: Work {
                history: History::new(preset.map(Preset::diagram).unwrap_or_default()),
                name: preset.map(|p| p.title.to_string()).unwrap_or_default(),
                clauses: String::new(),
            },
            preset: DEFAULT_PRESET.into(),
            ..Workspace::default()
        }
    }

    /// The workspace after loading: the autosave (else the seed's dispute), My scenarios, and
    /// a shared scenario from the address shown beside the user's own. Every fault is a
    /// notice, and nothing stored is dropped: an unreadable autosave is reported `corrupt`.
    pub fn boot(stored: Stored) -> Boot {
        let mut ws = Workspace::initial();
        let mut notices = Vec::new();
        let mut corrupt = false;
        if let Some(text) = stored.autosave.filter(|t| !t.trim().is_empty()) {
            match decode_stored(&text) {
                Ok(sc) => {
                    // A preset left as it opened is still that preset: the menu says so.
                    ws.preset = preset_of(&sc).map(|p| p.id.into()).unwrap_or_default();
                    ws.work = Work::new(sc);
                }
                Err(e) => {
                    corrupt = true;
                    notices.push(Notice::AutosaveUnreadable(e.to_string()));
                }
            }
        }
        if let Some(text) = stored.saves {
            let (list, recovery) = SaveList::parse(&text);
            ws.saves = list;
            if !recovery.lost.is_empty() {
                notices.push(Notice::SavesLost(recovery.lost));
            }
        }
        let mut compare = None;
        if let Some(hash) = stored.hash.filter(|h| !h.trim().is_empty()) {
            // A link may carry only a comparison: the user's own work stays shown.
            let (scenario, sides) = open_fragment(&hash);
            match scenario {
                Some(Ok(sc)) => ws.open_shared(sc),
                Some(Err(e)) => notices.push(Notice::LinkFailed(e.to_string())),
                None => {}
            }
            match sides {
                Some(Ok(s)) => compare = Some(s),
                Some(Err(e)) => notices.push(Notice::LinkFailed(e.to_string())),
                None => {}
            }
        }
        if let Some(sc) = stored.generated {
            ws.open_shared(sc);
        }
        Boot {
            workspace: ws,
            corrupt,
            notices,
            compare,
        }
    }

    /// The current diagram.
    pub fn diagram(&self) -> &Rc<Diagram> {
        self.work.diagram()
    }

    /// What to autosave now: the user's own work, unless another tab's version waits.
    pub fn autosave(&self) -> Option<&Work> {
        (self.doc == Doc::Own && self.conflict.is_none()).then_some(&self.work)
    }

    /// Shows a shared scenario, setting the user's own work aside (a shared scenario shown
    /// already is simply replaced: it was never the user's).
    pub fn open_shared(&mut self, mut sc: Scenario) {
        if sc.name.is_empty() {
            sc.name = SHARED_SCENARIO.into();
        }
        let shared = Work::new(sc);
        let before = core::mem::replace(&mut self.work, shared);
        if self.doc == Doc::Own {
            self.stash = Some(before);
            self.stash_preset = core::mem::take(&mut self.preset);
        }
        self.doc = Doc::Shared;
        self.preset.clear();
    }

    /// Leaves a shared scenario for the user's own work, as it was.
    pub fn back_to_own(&mut self) -> Option<Notice> {
        let own = self.stash.take()?;
        self.work = own;
        self.preset = core::mem::take(&mut self.stash_preset);
        self.doc = Doc::Own;
        Some(Notice::BackToOwn)
    }

    /// Makes the shared scenario the user's own, first saving their previous work to My
    /// scenarios. If that work cannot be saved, nothing changes and the notice says why.
    pub fn keep_shared(&mut self) -> Option<Notice> {
        if self.doc != Doc::Shared {
            return None;
        }
        let mut previous = None;
        if let Some(own) = &self.stash {
            let base = if own.name.is_empty() {
                "My work"
            } else {
                &own.name
            };
            let name = self.saves.fresh_name(base);
            let kept = Scenario {
                name: name.clone(),
                ..own.scenario()
            };
            if let Err(e) = self.saves.put(&kept) {
                return Some(Notice::SharedNotKept(e.to_string()));
            }
            self.stash = None;
            self.stash_preset.clear();
            previous = Some(name);
        }
        let unlisted = self.saves.put(&self.work.scenario()).err();
        self.doc = Doc::Own;
        Some(Notice::KeptShared {
            name: self.work.name.clone(),
            previous,
            unlisted: unlisted.map(|e| e.to_string()),
        })
    }

    /// Replaces the user's own work with `sc`, as one undoable step, once the work is kept in
    /// My scenarios, so that it survives a reload. A shared scenario shown is left first.
    fn replace_own(&mut self, what: &str, sc: Scenario) -> Result<Option<String>, Notice> {
        if self.doc == Doc::Shared {
            self.back_to_own();
            self.doc = Doc::Own;
        }
        let kept = self
            .saves
            .keep_before_replacing(&self.work.scenario())
            .map_err(|e| Notice::NotOpened {
                what: what.into(),
                why: e.to_string(),
            })?;
        self.work
            .history
            .apply(Command::Replace(sc.diagram))
            .map_err(Notice::NotChanged)?;
        self.work.name = sc.name;
        self.work.clauses = sc.clauses;
        self.preset.clear();
        Ok(kept)
    }

    /// Opens a preset in place of the work (undoable; the work is kept first).
    pub fn open_preset(&mut self, id: &str) -> Option<Notice> {
        let p = Preset::find(id)?;
        let sc = Scenario {
            name: p.title.into(),
            diagram: p.diagram(),
            clauses: String::new(),
        };
        Some(match self.replace_own(p.title, sc) {
            Ok(kept) => {
                self.preset = id.into();
                Notice::Opened {
                    what: p.title.into(),
                    kept,
                }
            }
            Err(notice) => notice,
        })
    }

    /// Starts a new, empty scenario in place of the work (undoable; the work is kept first).
    pub fn new_scenario(&mut self) -> Notice {
        let sc = Scenario {
            name: NEW_SCENARIO.into(),
            ..Scenario::default()
        };
        match self.replace_own(NEW_SCENARIO, sc) {
            Ok(kept) => Notice::Opened {
                what: NEW_SCENARIO.into(),
                kept,
            },
            Err(notice) => notice,
        }
    }

    /// Opens a saved scenario in place of the work (undoable; the work is kept first).
    pub fn open_saved(&mut self, name: &str) -> Option<Notice> {
        Some(match self.saves.open(name)? {
            Ok(sc) => match self.replace_own(name, sc) {
                Ok(kept) => Notice::Opened {
                    what: name.into(),
                    kept,
                },
                Err(notice) => notice,
            },
            Err(e) => Notice::Unreadable(name.into(), e.to_string()),
        })
    }

    /// Opens an imported scenario in place of the work (undoable; the work is kept first).
    pub fn import(&mut self, sc: Scenario) -> Notice {
        let name = sc.name.clone();
        match self.replace_own(&name, sc) {
            Ok(None) => Notice::Imported(name),
            Ok(kept) => Notice::Opened { what: name, kept },
            Err(notice) => notice,
        }
    }

    /// Saves the shown scenario in My scenarios under its name.
    pub fn save_current(&mut self) -> Notice {
        let sc = self.work.scenario();
        let name = clean_name(&sc.name);
        match self.saves.put(&sc) {
            Ok(()) => Notice::Saved(name),
            Err(e) => Notice::NotSaved(name, e.to_string()),
        }
    }

    /// Names the shown scenario and saves it in My scenarios under that name ("Save as…"),
    /// replacing an entry of that name (the app asks first).
    pub fn save_as(&mut self, name: &str) -> Notice {
        self.rename(name);
        self.save_current()
    }

    /// Renames the shown scenario.
    pub fn rename(&mut self, name: &str) {
        self.work.name = clean_name(name);
    }

    /// Replaces the user's clause text, unless the editor could not save it.
    pub fn set_clauses(&mut self, text: String) -> Result<(), Notice> {
        crate::limits::clause_text(&text).map_err(|e| Notice::ClausesRefused(e.to_string()))?;
        self.work.clauses = text;
        Ok(())
    }

    /// Another tab saved this version of the user's work: a conflict, when it differs.
    pub fn other_tab(&mut self, sc: Scenario) {
        if self.doc == Doc::Own && **self.diagram() != sc.diagram {
            self.conflict = Some(sc);
        }
    }

    /// Resolves a conflict with another tab: take theirs (undoable) or keep this tab's.
    pub fn resolve(&mut self, take_theirs: bool) -> Option<Notice> {
        let sc = self.conflict.take()?;
        if !take_theirs {
            return Some(Notice::KeptThisTab);
        }
        if let Err(e) = self.work.history.apply(Command::Replace(sc.diagram)) {
            return Some(Notice::NotChanged(e));
        }
        self.work.name = sc.name;
        self.work.clauses = sc.clauses;
        Some(Notice::TookOtherTab)
    }

    /// Compares with a saved scenario.
    pub fn compare_saved(&mut self, name: &str) -> Option<Notice> {
        match self.saves.open(name)? {
            Ok(sc) => {
                self.compare = Some((alloc::format!("\u{201c}{name}\u{201d}"), sc));
                None
            }
            Err(e) => Some(Notice::Unreadable(name.into(), e.to_string())),
        }
    }
}
