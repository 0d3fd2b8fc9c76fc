//! The verdict of a clause under a reading, and a verdict a scenario expects: the leaf that the
//! checker, the clause language and the app all speak.

use alloc::string::String;
use serde::{Deserialize, Serialize};

/// The verdict of one clause under one reading.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// No governed route breaks the clause.
    Complies,
    /// At least one governed route breaks it.
    Breach,
    /// The diagram lacks facts the clause needs (for example launch dates).
    Undetermined,
}

impl Verdict {
    /// Every verdict, in declaration order.
    pub const ALL: [Verdict; 3] = [Verdict::Complies, Verdict::Breach, Verdict::Undetermined];

    /// Lowercase keyword: `complies`, `breach`, `undetermined`.
    pub fn keyword(self) -> &'static str {
        match self {
            Verdict::Complies => "complies",
            Verdict::Breach => "breach",
            Verdict::Undetermined => "undetermined",
        }
    }

    /// The word the matrix, the detail and the memo use: `Complies`, `Breach`, `Undetermined`.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Complies => "Complies",
            Verdict::Breach => "Breach",
            Verdict::Undetermined => "Undetermined",
        }
    }

    /// The verdict a keyword names.
    pub fn from_keyword(word: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.keyword() == word)
    }
}

/// A verdict the scenario should get: `expect v4 letter complies`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    /// The clause's id (built in or the user's own).
    pub clause: String,
    /// The reading's id, e.g. `letter`.
    pub reading: String,
    /// The verdict expected.
    pub verdict: Verdict,
    /// Where it was stated.
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::Verdict;

    #[test]
    fn each_keyword_names_its_verdict() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::from_keyword(v.keyword()), Some(v));
        }
        assert_eq!(Verdict::from_keyword("Breach"), None);
        assert_eq!(Verdict::from_keyword("breached"), None);
    }
}
