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

/// A diagram check's message (an error in the cedar style: lowercase, names in backticks) as a
/// sentence for the side panel: a capital first letter, names in curly quotes, a full stop.
pub fn sentence(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut open = true;
    for ch in message.chars() {
        match ch {
            '`' => {
                out.push(if open { '\u{201c}' } else { '\u{201d}' });
                open = !open;
            }
            c if out.is_empty() => out.push(c.to_ascii_uppercase()),
            c => out.push(c),
        }
    }
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sentence;

    // Written by hand from the messages in core's `model.rs`.
    #[test]
    fn a_check_reads_as_a_sentence_with_its_names_quoted() {
        assert_eq!(
            sentence("model `GPT model` has no owner; connect a party to it with `owns`"),
            "Model \u{201c}GPT model\u{201d} has no owner; connect a party to it with \u{201c}owns\u{201d}."
        );
        assert_eq!(
            sentence("`Frontier` has an invalid position"),
            "\u{201c}Frontier\u{201d} has an invalid position."
        );
        assert_eq!(sentence("done."), "Done.");
        assert_eq!(sentence(""), "");
    }
}
