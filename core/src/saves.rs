//! Local saves: the autosave and the list of named scenarios, as text for browser storage.
//!
//! Each scenario is stored as its link text, so saves and links share one codec and one set of
//! limits. The list is one entry per line, `name<TAB>link`, so a corrupt entry costs only
//! itself: [`SaveList::parse`] keeps every entry that still decodes and reports the rest.

use crate::link::{decode_stored, encode_verified, LinkError, Scenario};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The storage key of the autosave.
pub const AUTOSAVE_KEY: &str = "dealscope.autosave.v1";
/// The storage key of the named scenarios.
pub const SAVES_KEY: &str = "dealscope.saves.v1";
/// Where a corrupt autosave is moved, so that it is never silently overwritten.
pub const CORRUPT_KEY: &str = "dealscope.corrupt";

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
    pub fn open(&self, name: &str) -> Option<Result<Scenario, crate::link::LinkError>> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, link)| decode_stored(link))
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
