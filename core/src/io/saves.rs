//! Local saves: the autosave and the list of named scenarios, as text for browser storage.
//!
//! Each scenario is stored as its link text, so saves and links share one codec and one set of
//! limits. The list is one entry per line, `name<TAB>link`, so a corrupt entry costs only
//! itself: [`SaveList::parse`] keeps every entry that still decodes and reports the rest.

use crate::io::link::{decode_stored, encode_verified, LinkError, Scenario};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The name of a new, empty scenario.
pub const NEW_SCENARIO: &str = "New scenario";

/// The storage key of the autosave.
pub const AUTOSAVE_KEY: &str = "dealscope.autosave.v1";
/// The storage key of the named scenarios.
pub const SAVES_KEY: &str = "dealscope.saves.v1";
/// Where a corrupt autosave is moved, so that it is never silently overwritten.
pub const CORRUPT_KEY: &str = "dealscope.corrupt";
/// Storage key set once the first-visit hint is dismissed.
pub const HINT_KEY: &str = "dealscope.hint-seen";

/// Named scenarios, newest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveList {
    /// (name, link text) pairs.
    pub entries: Vec<(String, String)>,
}

/// What reading stored saves recovered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recovery {
    /// One message per entry that could not be read.
    pub lost: Vec<String>,
}

impl SaveList {
    /// Reads the stored text, keeping every entry that decodes.
    pub fn parse(text: &str) -> (SaveList, Recovery) {
        let mut list = SaveList::default();
        let mut recovery = Recovery::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((name, link)) = line.split_once('\t') else {
                recovery
                    .lost
                    .push(format!("saved entry {} is not `name<tab>link`", i + 1));
                continue;
            };
            match decode_stored(link) {
                Ok(_) => list.entries.push((name.into(), link.into())),
                Err(e) => recovery
                    .lost
                    .push(format!("saved scenario `{name}` was lost: {e}")),
            }
        }
        (list, recovery)
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (name, link) in &self.entries {
            out.push_str(&clean_name(name));
            out.push('\t');
            out.push_str(link);
            out.push('\n');
        }
        out
    }

    /// Saves a scenario under its name, replacing an entry of the same name, newest first.
    /// A scenario that would not read back is refused, and the list is left as it was.
    pub fn put(&mut self, scenario: &Scenario) -> Result<(), LinkError> {
        let name = clean_name(&scenario.name);
        let text = if name == scenario.name {
            encode_verified(scenario)?
        } else {
            // The stored scenario carries the name it is listed under.
            encode_verified(&Scenario {
                name: name.clone(),
                ..scenario.clone()
            })?
        };
        self.entries.retain(|(n, _)| *n != name);
        self.entries.insert(0, (name, text));
        Ok(())
    }

    /// Removes the entry with this name.
    pub fn remove(&mut self, name: &str) {
        self.entries.retain(|(n, _)| n != name);
    }

    /// Opens the entry with this name.
    pub fn open(&self, name: &str) -> Option<Result<Scenario, crate::io::link::LinkError>> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, link)| decode_stored(link))
    }

    /// Keeps the user's own work in the list before something replaces it (a preset), so that
    /// it survives a reload. Nothing is kept when there is nothing to lose: the work is exactly
    /// a preset's diagram with no clauses of its own, or it is already saved as it is. Returns
    /// the name it was kept under; an error if it could not be kept, and then the list is as
    /// it was.
    pub fn keep_before_replacing(&mut self, work: &Scenario) -> Result<Option<String>, LinkError> {
        // Compared as stored: a link keeps relations in its own order.
        let stored = |sc: &Scenario| encode_verified(sc).and_then(|t| decode_stored(&t));
        let work = stored(work)?;
        // An empty diagram, or a preset as it opens, without clauses and under the name it
        // opened with: nothing to lose. A new name alone is the user's work.
        let name = work.name.trim();
        let pristine = work.clauses.trim().is_empty()
            && work.diagram.components.is_empty()
            && (name.is_empty() || name == NEW_SCENARIO)
            || preset_of(&work).is_some();
        let saved = self.entries.iter().any(|(_, link)| {
            decode_stored(link).is_ok_and(|s| {
                s.diagram == work.diagram && s.clauses == work.clauses && s.name.trim() == name
            })
        });
        if pristine || saved {
            return Ok(None);
        }
        let name = self.fresh_name(if work.name.trim().is_empty() {
            "My work"
        } else {
            &work.name
        });
        self.put(&Scenario {
            name: name.clone(),
            ..work
        })?;
        Ok(Some(name))
    }

    /// A name not yet used, based on `base`.
    pub fn fresh_name(&self, base: &str) -> String {
        let base = clean_name(base);
        if !self.entries.iter().any(|(n, _)| *n == base) {
            return base;
        }
        (2..)
            .map(|i| format!("{base} ({i})"))
            .find(|n| !self.entries.iter().any(|(e, _)| e == n))
            .unwrap_or(base)
    }
}

/// A name safe to store: nothing hidden (no tabs, line breaks or bidi controls), at most 80
/// characters, never empty.
pub fn clean_name(name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|&c| !crate::limits::is_hidden(c))
        .take(80)
        .collect();
    let n = n.trim();
    if n.is_empty() {
        "Untitled scenario".into()
    } else {
        n.into()
    }
}

/// The preset this scenario still is, as it opens: its diagram (as stored), its title as the
/// name, and no clauses of its own. `None` once anything is changed, the name included.
pub fn preset_of(work: &Scenario) -> Option<&'static crate::presets::Preset> {
    if !work.clauses.trim().is_empty() {
        return None;
    }
    crate::presets::PRESETS
        .iter()
        .find(|p| work.name.trim() == p.title && as_opened(p, &work.diagram))
}

/// Whether `diagram` is still the preset's diagram as it opened, or as it was stored and read
/// back (a reload reads the stored form): then the preset's caption still describes it.
pub fn as_opened(preset: &crate::presets::Preset, diagram: &crate::model::Diagram) -> bool {
    let original = preset.diagram();
    if original == *diagram {
        return true;
    }
    let preset = Scenario {
        diagram: original,
        ..Scenario::default()
    };
    encode_verified(&preset)
        .and_then(|t| decode_stored(&t))
        .is_ok_and(|p| p.diagram == *diagram)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;

    fn scenario(id: &str, name: &str) -> Scenario {
        Scenario {
            name: name.into(),
            diagram: Preset::find(id).unwrap().diagram(),
            clauses: String::new(),
        }
    }

    #[test]
    fn corrupt_entries_are_dropped_and_reported_the_rest_kept() {
        let mut list = SaveList::default();
        list.put(&scenario("status-quo", "Status quo")).unwrap();
        list.put(&scenario("frontier-aws", "Frontier")).unwrap();
        let mut text = list.to_text();
        text.push_str("Broken\t1.AAAA\nno tab here\n");
        let (back, recovery) = SaveList::parse(&text);
        assert_eq!(back, list);
        assert_eq!(recovery.lost.len(), 2);
        assert!(
            recovery.lost[0].contains("`Broken` was lost"),
            "{:?}",
            recovery.lost
        );
    }

    #[test]
    fn work_is_kept_before_a_preset_replaces_it_unless_nothing_would_be_lost() {
        let mut list = SaveList::default();
        // An untouched preset, under its own title: nothing to keep.
        let title = crate::presets::Preset::find("frontier-aws").unwrap().title;
        let preset = scenario("frontier-aws", title);
        assert_eq!(list.keep_before_replacing(&preset), Ok(None));
        assert!(list.entries.is_empty());
        // Renamed, it is work: the name is the user's.
        let renamed = scenario("frontier-aws", "Frontier on AWS");
        let mut elsewhere = SaveList::default();
        assert_eq!(
            elsewhere.keep_before_replacing(&renamed),
            Ok(Some("Frontier on AWS".into()))
        );
        // The same preset with a clause of one's own is work.
        let with_clause = Scenario {
            clauses: "clause mine \"M\"\nend\n".into(),
            ..preset.clone()
        };
        assert_eq!(
            list.keep_before_replacing(&with_clause),
            Ok(Some(title.into()))
        );
        // Kept once: asking again keeps no second copy.
        assert_eq!(list.keep_before_replacing(&with_clause), Ok(None));
        // A moved box is work too, kept under a name of its own, never over another save.
        let mut moved = preset.clone();
        moved.diagram.components[0].x += 40.0;
        assert_eq!(
            list.keep_before_replacing(&moved),
            Ok(Some(format!("{title} (2)")))
        );
        // Work without a name is kept as "My work".
        let unnamed = Scenario {
            name: "  ".into(),
            ..moved.clone()
        };
        let mut other = SaveList::default();
        assert_eq!(
            other.keep_before_replacing(&unnamed),
            Ok(Some("My work".into()))
        );
        assert_eq!(list.entries.len(), 2);
        // Kept as it was (a link keeps relations in its own order; the boxes are the same).
        let kept = list.open(&format!("{title} (2)")).unwrap().unwrap();
        assert_eq!(kept.diagram.components, moved.diagram.components);
    }

    #[test]
    fn names_are_cleaned_and_unique() {
        let mut list = SaveList::default();
        list.put(&scenario("status-quo", "a\tb\nc")).unwrap();
        assert_eq!(list.entries[0].0, "abc");
        assert_eq!(list.fresh_name("abc"), "abc (2)");
        assert_eq!(clean_name("   "), "Untitled scenario");
        list.put(&scenario("frontier-aws", "abc")).unwrap();
        assert_eq!(list.entries.len(), 1, "same name replaces");
        assert!(list.open("abc").unwrap().is_ok());
    }
}
