//! Suggestions for what a word was meant to be, and the lists a diagnostic offers.

use crate::clause::Channel;
use alloc::string::String;
use alloc::vec::Vec;

/// Levenshtein distance, for suggestions.
pub(super) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + (ca != *cb) as usize).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The closest of `options`, if it is close enough to be what was meant.
pub(super) fn closest(word: &str, options: &[&str]) -> Option<String> {
    options
        .iter()
        .map(|&o| (distance(word, o), o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 4) && *d > 0)
        .min()
        .map(|(_, o)| o.into())
}

/// The channels, as the language spells them.
pub(super) fn channel_list() -> String {
    Channel::ALL.map(|c| c.keyword()).join(", ")
}

/// The providers, as the language spells them.
pub(super) fn provider_list() -> String {
    "azure, aws, gcp, oracle, on-prem, other:<name>".into()
}
