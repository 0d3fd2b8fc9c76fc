//! The clause language: clauses written in words close to the contract, one statement a line,
//! mapping one-to-one onto [`Clause`] data.
//!
//! ```text
//! clause v4 "Stateless APIs (the dispute)"
//!   effective 2026-02-27
//!   source "Microsoft's contract statement, 2026-03"
//!   text "Azure remains the exclusive cloud provider for stateless OpenAI APIs."
//!   owner "OpenAI"
//!   consumers any
//!   channels stateless-api, third-party-api-product
//!   requires routed-through azure
//!   exempt consumer national-security
//!   exempt channel non-api-product
//! end
//! ```
//!
//! [`parse`] never panics and never stops at the first fault: it returns every clause it could
//! read and a [`Diagnostic`] for every problem, with a line and column span, what was expected and
//! a suggestion where one fits. [`print`] writes the canonical form; parsing it gives the same
//! clauses back.

mod parse;
mod print;
mod suggest;

pub use print::print;

use crate::clause::Clause;
use crate::lex::{lex, Rules, Token};
use crate::verdict::Expectation;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use parse::{finish, statement, Draft};

/// One problem in clause text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column where the fault starts (in characters).
    pub start: usize,
    /// 1-based column just past the fault.
    pub end: usize,
    /// Lowercase message quoting the input.
    pub message: String,
    /// What would have been accepted there, if it is a short list.
    pub expected: Option<String>,
    /// A likely fix, e.g. the keyword that was meant.
    pub suggestion: Option<String>,
}

impl core::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.start, self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

/// Where to mark each diagnostic in `text`, as byte ranges: sorted, not overlapping, and never
/// empty. A fault that is a missing thing marks the character at its column (nothing at the end
/// of a line). Lines are split at `\n` only, as the editor shows them; each line with a
/// diagnostic is walked once, and the others not at all.
pub fn marks(text: &str, diagnostics: &[Diagnostic]) -> Vec<(usize, usize)> {
    let mut by_line: Vec<Vec<&Diagnostic>> = Vec::new();
    for d in diagnostics {
        if let Some(i) = d.line.checked_sub(1) {
            if by_line.len() <= i {
                by_line.resize_with(i + 1, Vec::new);
            }
            by_line[i].push(d);
        }
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for (i, line) in text.split('\n').enumerate().take(by_line.len()) {
        for (s, e) in line_marks(line, &by_line[i]) {
            out.push((at + s, at + e));
        }
        at += line.len() + 1;
    }
    out
}

/// [`marks`] within one line, for the diagnostics on it (`here`), in bytes of `line`.
fn line_marks(line: &str, here: &[&Diagnostic]) -> Vec<(usize, usize)> {
    if here.is_empty() {
        return Vec::new();
    }
    let mut columns: Vec<usize> = here
        .iter()
        .flat_map(|d| [d.start.saturating_sub(1), d.end.saturating_sub(1)])
        .collect();
    columns.sort_unstable();
    columns.dedup();
    let mut offsets = line
        .char_indices()
        .map(|(b, _)| b)
        .chain([line.len()])
        .enumerate();
    let found: Vec<usize> = columns
        .iter()
        .map(|&c| {
            offsets
                .find(|&(i, _)| i == c)
                .map_or(line.len(), |(_, b)| b)
        })
        .collect();
    let byte = |c: usize| found[columns.partition_point(|&k| k < c)];
    let mut spans: Vec<(usize, usize)> = here
        .iter()
        .map(|d| {
            let start = byte(d.start.saturating_sub(1));
            let end = byte(d.end.saturating_sub(1)).max(start);
            if end > start {
                (start, end)
            } else {
                (
                    start,
                    start + line[start..].chars().next().map_or(0, char::len_utf8),
                )
            }
        })
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        let s = s.max(out.last().map_or(0, |l| l.1));
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// The clauses read and the problems found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every clause without a problem, in order.
    pub clauses: Vec<Clause>,
    /// Every expected verdict stated with `expect`, in order.
    pub expectations: Vec<Expectation>,
    /// Every problem, in order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The most text parsed; beyond it a single diagnostic says so.
pub const MAX_SOURCE: usize = 256 * 1024;
/// The most diagnostics reported.
pub const MAX_DIAGNOSTICS: usize = 200;
/// The most diagnostics reported for one line; a last one counts the rest.
pub const MAX_LINE_DIAGNOSTICS: usize = 8;
/// The most words a statement line may have (the longest real one, a full `channels` list,
/// has seven).
pub const MAX_WORDS: usize = 64;
/// The most terms (sentences) of the user's own clauses that are checked, in all; a clause
/// that would pass the limit gets a diagnostic instead. Each term costs a pass over the
/// diagram under each reading, so this bounds the time a check takes.
pub const MAX_TERMS: usize = 100;
/// The ids of the built-in versions, which the user's clauses may not reuse.
pub const BUILTIN_IDS: [&str; 5] = ["v1", "v2", "v3", "v4", "v5"];

/// Characters the clause reader refuses in a line: what `limits` calls hidden or invisible
/// (controls, bidirectional controls and marks, line separators, zero-width characters),
/// except the tab, which indents.
pub fn is_hidden(c: char) -> bool {
    c != '\t' && (crate::limits::is_hidden(c) || crate::limits::is_invisible_format(c))
}

/// How the clause language reads a line: commas separate list items, `#` starts a comment, and
/// a backslash in quoted text makes the next character literal.
const RULES: Rules = Rules {
    commas: true,
    comments: true,
    escapes: true,
};

/// A line's tokens (see [`crate::lex`]); an unterminated quote is a diagnostic, and the
/// returned flag says the line is damaged.
fn tokenize(line: &str, line_no: usize, diags: &mut Vec<Diagnostic>) -> (Vec<Token>, bool) {
    let lexed = lex(line, RULES, MAX_WORDS);
    if let Some((start, end)) = lexed.unterminated {
        diags.push(Diagnostic {
            line: line_no,
            start,
            end,
            message: "unterminated text: a closing `\"` is missing".into(),
            expected: Some("`\"`".into()),
            suggestion: None,
        });
    }
    (lexed.tokens, lexed.unterminated.is_some())
}

/// Reads the user's clause text. Never panics; see [`Parsed`]. The built-in ids are reserved.
pub fn parse(source: &str) -> Parsed {
    parse_with(source, &BUILTIN_IDS)
}

/// Reads clause text, refusing clauses whose id is in `reserved` (the built-ins are read with
/// none reserved).
pub fn parse_with(source: &str, reserved: &[&str]) -> Parsed {
    let mut out = Parsed::default();
    let source = if source.len() > MAX_SOURCE {
        out.diagnostics.push(Diagnostic {
            line: 1,
            start: 1,
            end: 1,
            message: format!(
                "the clause text is {} KB; only the first {} KB are read",
                source.len() / 1024,
                MAX_SOURCE / 1024
            ),
            expected: None,
            suggestion: None,
        });
        let mut cut = MAX_SOURCE;
        while !source.is_char_boundary(cut) {
            cut -= 1;
        }
        &source[..cut]
    } else {
        source
    };
    let mut draft: Option<Draft> = None;
    for (n, line) in source.lines().enumerate() {
        let line_no = n + 1;
        if out.diagnostics.len() >= MAX_DIAGNOSTICS {
            break;
        }
        let (toks, damaged) = tokenize(line, line_no, &mut out.diagnostics);
        if damaged {
            if let Some(d) = draft.as_mut() {
                d.broken = true;
            }
        }
        if toks.len() > MAX_WORDS {
            out.diagnostics.push(Diagnostic {
                line: line_no,
                start: 1,
                end: line.chars().count() + 1,
                message: format!(
                    "line {line_no} has more than {MAX_WORDS} words, more than any statement has; the line is not read"
                ),
                expected: None,
                suggestion: None,
            });
            if let Some(d) = draft.as_mut() {
                d.broken = true;
            }
            continue;
        }
        let mut found = statement(&toks, line_no, &mut draft, &mut out, reserved);
        // A line with a hidden character is read for its shape only: its clause is refused,
        // and the one thing said about the line is the character.
        if let Some((at, c)) = line.chars().enumerate().find(|&(_, c)| is_hidden(c)) {
            if let Some(d) = draft.as_mut() {
                d.broken = true;
            }
            found = alloc::vec![Diagnostic {
                line: line_no,
                start: at + 1,
                end: at + 2,
                message: format!(
                    "line {line_no} contains the invisible character U+{:04X}, which can make what is shown differ from what is read; remove it",
                    c as u32
                ),
                expected: Some("visible text".into()),
                suggestion: None,
            }];
        }
        if found.len() > MAX_LINE_DIAGNOSTICS {
            let rest = found.len() - MAX_LINE_DIAGNOSTICS + 1;
            found.truncate(MAX_LINE_DIAGNOSTICS - 1);
            found.push(Diagnostic {
                line: line_no,
                start: 1,
                end: line.chars().count() + 1,
                message: format!("{rest} more problems on line {line_no}"),
                expected: None,
                suggestion: None,
            });
        }
        out.diagnostics.extend(found);
    }
    if let Some(d) = draft.take() {
        out.diagnostics.push(Diagnostic {
            line: d.line,
            start: 1,
            end: 7,
            message: format!("clause `{}` is not closed with `end`", d.id),
            expected: Some("`end`".into()),
            suggestion: None,
        });
        finish(d, &mut out, reserved);
    }
    out.diagnostics.truncate(MAX_DIAGNOSTICS);
    out
}

/// The five built-in versions, as shipped text.
pub const BUILTIN_TEXT: &str = include_str!("../../clauses/builtin.clauses");

/// The publicly reported versions of the Azure-routing clause, oldest first, parsed from the
/// shipped text [`BUILTIN_TEXT`].
pub fn builtin_clauses() -> Vec<Clause> {
    // Parsed once: the app asks for them on every render of the workbench and the matrix.
    static PARSED: std::sync::OnceLock<Vec<Clause>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| parse_with(BUILTIN_TEXT, &[]).clauses)
        .clone()
}
