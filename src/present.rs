//! How a verdict looks wherever it is shown: its word and its colour class. One place, so the
//! matrix, the detail, the comparison and the workbench never say it differently.

use dealscope_core::Verdict;

/// The word for a verdict, as a cell, a pill or a sentence shows it.
pub fn verdict_word(v: Verdict) -> &'static str {
    v.word()
}

/// The colour class of a verdict (see `styles/`).
pub fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Complies => "v-ok",
        Verdict::Breach => "v-breach",
        Verdict::Undetermined => "v-unknown",
    }
}
