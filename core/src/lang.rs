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

use crate::clause::{Channel, Clause, Excuse, Exemption, Operated, Requirement, Scope, Term};
use crate::model::{Date, Provider, Segment};
use crate::verdict::{Expectation, Verdict};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

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

const STATEMENTS: [&str; 10] = [
    "effective",
    "source",
    "text",
    "owner",
    "consumers",
    "channels",
    "operated",
    "requires",
    "exempt",
    "end",
];
const REQUIREMENTS: [&str; 4] = ["served-on", "routed-through", "ships-first-on", "nothing"];
/// Statements that belong to a term (the rest belong to the clause).
const TERM_STATEMENTS: [&str; 7] = [
    "text",
    "owner",
    "consumers",
    "channels",
    "operated",
    "requires",
    "exempt",
];
const SEGMENTS: [&str; 2] = ["enterprise", "national-security"];

/// Levenshtein distance, for suggestions.
fn distance(a: &str, b: &str) -> usize {
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
fn closest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<String> {
    options
        .into_iter()
        .map(|o| (distance(word, o), o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 4) && *d > 0)
        .min()
        .map(|(_, o)| o.into())
}

/// A word or a quoted string of a line, with its columns.
#[derive(Clone, Debug)]
struct Token {
    text: String,
    quoted: bool,
    start: usize,
    end: usize,
}

/// A place in a line: its byte offset, and its column in characters (diagnostics count
/// characters). Words are sliced out of the line, not gathered a character at a time.
struct Cursor<'a> {
    line: &'a str,
    byte: usize,
    col: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.line[self.byte..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.byte += c.len_utf8();
        self.col += 1;
        Some(c)
    }
}

fn tokenize(line: &str, line_no: usize, diags: &mut Vec<Diagnostic>) -> (Vec<Token>, bool) {
    let mut damaged = false;
    let mut out = Vec::new();
    let mut cur = Cursor {
        line,
        byte: 0,
        col: 0,
    };
    // Past the most words a statement may have, the line is refused whole: stop there.
    while out.len() <= MAX_WORDS {
        let Some(c) = cur.peek() else { break };
        let start = cur.col;
        if c.is_whitespace() || c == ',' {
            cur.bump();
        } else if c == '#' {
            break;
        } else if c == '"' {
            cur.bump();
            let begin = cur.byte;
            let mut end = line.len();
            // Copied a character at a time only once an escape makes the text differ.
            let mut escaped: Option<String> = None;
            let mut closed = false;
            while let Some(ch) = cur.peek() {
                match ch {
                    '"' => {
                        end = cur.byte;
                        cur.bump();
                        closed = true;
                        break;
                    }
                    '\\' if cur.byte + 1 < line.len() => {
                        let text = escaped.get_or_insert_with(|| line[begin..cur.byte].into());
                        cur.bump();
                        text.extend(cur.bump());
                    }
                    ch => {
                        if let Some(text) = escaped.as_mut() {
                            text.push(ch);
                        }
                        cur.bump();
                    }
                }
            }
            if !closed {
                damaged = true;
                diags.push(Diagnostic {
                    line: line_no,
                    start: start + 1,
                    end: cur.col + 1,
                    message: "unterminated text: a closing `\"` is missing".into(),
                    expected: Some("`\"`".into()),
                    suggestion: None,
                });
            }
            out.push(Token {
                text: escaped.unwrap_or_else(|| line[begin..end].into()),
                quoted: true,
                start: start + 1,
                end: cur.col + 1,
            });
        } else {
            let begin = cur.byte;
            while cur
                .peek()
                .is_some_and(|ch| !ch.is_whitespace() && ch != ',' && ch != '"')
            {
                cur.bump();
            }
            out.push(Token {
                text: line[begin..cur.byte].into(),
                quoted: false,
                start: start + 1,
                end: cur.col + 1,
            });
        }
    }
    (out, damaged)
}

/// One term being read: every `text` line starts one.
#[derive(Default)]
struct TermDraft {
    /// Where its `text` line is (0 before one is read).
    line: usize,
    text: Option<String>,
    owner: Option<String>,
    consumers: Option<Vec<Segment>>,
    channels: Vec<Channel>,
    operated: Operated,
    requirement: Option<Requirement>,
    exemptions: Vec<Exemption>,
    /// Statements read without a fault (a second one is a fault).
    seen: Vec<&'static str>,
    /// Statements present at all (a faulty one is not also reported as missing).
    attempted: Vec<&'static str>,
}

struct Draft {
    line: usize,
    id: String,
    title: String,
    effective: Option<Date>,
    source: String,
    terms: Vec<TermDraft>,
    broken: bool,
    /// Clause statements read without a fault.
    seen: Vec<&'static str>,
    /// Clause statements present at all.
    attempted: Vec<&'static str>,
}

impl Draft {
    /// Called once per term statement: a `text` line starts a new term once the current one has
    /// its text; statements before the first `text` belong to the first term.
    fn begin(&mut self, keyword: &str, line: usize) {
        let starts_new = keyword == "text"
            && self
                .terms
                .last()
                .is_some_and(|t| t.attempted.contains(&"text"));
        if self.terms.is_empty() || starts_new {
            self.terms.push(TermDraft::default());
        }
        if keyword == "text" {
            if let Some(t) = self.terms.last_mut() {
                t.line = line;
            }
        }
    }

    /// The term being read.
    fn term(&mut self) -> &mut TermDraft {
        if self.terms.is_empty() {
            self.terms.push(TermDraft::default());
        }
        self.terms.last_mut().expect("a term was just ensured")
    }
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

/// Reads one statement line, updating the clause being read; returns the line's problems.
fn statement(
    toks: &[Token],
    line_no: usize,
    draft: &mut Option<Draft>,
    out: &mut Parsed,
    reserved: &[&str],
) -> Vec<Diagnostic> {
    let Some(head) = toks.first() else {
        return Vec::new();
    };
    let mut local: Vec<Diagnostic> = Vec::new();
    let mut diag =
        |t: &Token, message: String, expected: Option<String>, suggestion: Option<String>| {
            local.push(Diagnostic {
                line: line_no,
                start: t.start,
                end: t.end,
                message,
                expected,
                suggestion,
            })
        };
    if head.text == "clause" && !head.quoted {
        if let Some(d) = draft.take() {
            diag(
                head,
                format!(
                    "clause `{}` is not closed with `end` before the next clause",
                    d.id
                ),
                Some("`end`".into()),
                None,
            );
            finish(d, out, reserved);
        }
        let id = toks.get(1).filter(|t| !t.quoted);
        let title = toks.get(2).filter(|t| t.quoted);
        let mut broken = false;
        if id.is_none() {
            diag(
                head,
                "`clause` needs an id, such as `clause my-clause \"Title\"`".into(),
                Some("an id".into()),
                None,
            );
            broken = true;
        } else if title.is_none() {
            diag(
                id.unwrap_or(head),
                "the clause needs a title in quotes after its id".into(),
                Some("a title in quotes".into()),
                None,
            );
            broken = true;
        }
        if let Some(extra) = toks.get(3) {
            diag(
                extra,
                format!("unexpected `{}` after the title", extra.text),
                None,
                None,
            );
        }
        *draft = Some(Draft {
            line: line_no,
            id: id.map(|t| t.text.clone()).unwrap_or_default(),
            title: title.map(|t| t.text.clone()).unwrap_or_default(),
            effective: None,
            source: String::new(),
            terms: Vec::new(),
            broken,
            seen: Vec::new(),
            attempted: Vec::new(),
        });
        return local;
    }
    if head.text == "expect" && !head.quoted && draft.is_none() {
        let words = Verdict::ALL.map(Verdict::keyword);
        match &toks[1..] {
            [c, r, v] if !c.quoted && !r.quoted => {
                let verdict = match Verdict::from_keyword(&v.text) {
                    Some(verdict) => verdict,
                    None => {
                        diag(v, format!("unknown verdict `{}`", v.text), Some(words.join(", ")), closest(&v.text, words));
                        return local;
                    }
                };
                out.expectations.push(Expectation { clause: c.text.clone(), reading: r.text.clone(), verdict, line: line_no });
            }
            _ => diag(
                head,
                "`expect` takes a clause id, a reading and a verdict, such as `expect v4 letter complies`".into(),
                Some("clause id, reading, verdict".into()),
                None,
            ),
        }
        return local;
    }
    let Some(d) = draft.as_mut() else {
        let suggestion = closest(&head.text, ["clause", "expect"]);
        diag(
            head,
            format!(
                "`{}` is outside a clause; start one with `clause id \"Title\"`, or state an `expect`",
                head.text
            ),
            Some("`clause`".into()),
            suggestion,
        );
        return local;
    };
    let keyword = match STATEMENTS.iter().find(|k| **k == head.text && !head.quoted) {
        Some(k) => *k,
        None => {
            let suggestion = closest(&head.text, STATEMENTS);
            diag(
                head,
                format!("unknown statement `{}`", head.text),
                Some(STATEMENTS.join(", ")),
                suggestion,
            );
            d.broken = true;
            return local;
        }
    };
    if keyword == "end" {
        if let Some(extra) = toks.get(1) {
            diag(
                extra,
                format!("unexpected `{}` after `end`", extra.text),
                None,
                None,
            );
        }
        if let Some(d) = draft.take() {
            finish(d, out, reserved);
        }
        return local;
    }
    let in_term = TERM_STATEMENTS.contains(&keyword);
    if in_term {
        d.begin(keyword, line_no);
    }
    let twice = if in_term {
        d.term().seen.contains(&keyword)
    } else {
        d.seen.contains(&keyword)
    };
    if keyword != "exempt" && twice {
        let place = if in_term {
            "a term of clause"
        } else {
            "clause"
        };
        diag(
            head,
            format!("`{keyword}` is given twice in {place} `{}`", d.id),
            None,
            None,
        );
        d.broken = true;
        return local;
    }
    if in_term {
        d.term().attempted.push(keyword);
    } else {
        d.attempted.push(keyword);
    }
    let args = &toks[1..];
    let quoted = |d: &mut Draft, diag: &mut Diag| -> Option<String> {
        match args {
            [t] if t.quoted => Some(t.text.clone()),
            [] => {
                diag(
                    head,
                    format!("`{keyword}` needs text in quotes"),
                    Some("text in quotes".into()),
                    None,
                );
                d.broken = true;
                None
            }
            // The text is there, with more after it: the fault is what follows.
            [t, extra, ..] if t.quoted => {
                diag(
                    extra,
                    format!(
                        "`{keyword}` takes one text in quotes; remove `{}` after it",
                        extra.text
                    ),
                    Some("text in quotes".into()),
                    None,
                );
                d.broken = true;
                None
            }
            [t, ..] => {
                diag(
                    t,
                    format!("`{keyword}` takes one text in quotes, not `{}`", t.text),
                    Some("text in quotes".into()),
                    None,
                );
                d.broken = true;
                None
            }
        }
    };
    match keyword {
        "effective" => match args {
            [t] if !t.quoted => match Date::parse(&t.text) {
                Ok(date) => d.effective = Some(date),
                Err(e) => {
                    diag(t, e, Some("a date like `2026-02-27`".into()), None);
                    d.broken = true;
                }
            },
            _ => {
                diag(
                    args.first().unwrap_or(head),
                    "`effective` needs one date like `2026-02-27`".into(),
                    Some("a date".into()),
                    None,
                );
                d.broken = true;
            }
        },
        "source" => {
            if let Some(s) = quoted(d, &mut diag) {
                d.source = s;
            }
        }
        "text" => {
            let text = quoted(d, &mut diag);
            d.term().text = text;
        }
        "owner" => {
            let owner = quoted(d, &mut diag);
            d.term().owner = owner;
        }
        "operated" => match args {
            [t] => match Operated::ALL.into_iter().find(|o| o.keyword() == t.text) {
                Some(o) => d.term().operated = o,
                None => {
                    diag(
                        t,
                        format!("unknown operator class `{}`", t.text),
                        Some("any, alone, jointly".into()),
                        closest(&t.text, Operated::ALL.map(|o| o.keyword())),
                    );
                    d.broken = true;
                }
            },
            _ => {
                diag(
                    args.get(1).unwrap_or(head),
                    "`operated` takes one of `any`, `alone` or `jointly`".into(),
                    Some("any, alone, jointly".into()),
                    None,
                );
                d.broken = true;
            }
        },
        "consumers" => {
            if matches!(args, [t] if t.text == "any") {
                d.term().consumers = Some(Vec::new());
                if let Some(t) = d.terms.last_mut() {
                    t.seen.push(keyword);
                }
                return local;
            }
            let mut list = Vec::new();
            if args.is_empty() {
                diag(
                    head,
                    "`consumers` needs `any` or customer kinds".into(),
                    Some(format!("any, {}", SEGMENTS.join(", "))),
                    None,
                );
                d.broken = true;
            }
            for t in args {
                match segment(&t.text) {
                    Some(s) => list.push(s),
                    None => {
                        diag(
                            t,
                            format!("unknown customer kind `{}`", t.text),
                            Some(SEGMENTS.join(", ")),
                            closest(&t.text, SEGMENTS),
                        );
                        d.broken = true;
                    }
                }
            }
            d.term().consumers = Some(list);
        }
        "channels" => {
            if args.is_empty() {
                diag(
                    head,
                    "`channels` needs at least one channel".into(),
                    Some(channel_list()),
                    None,
                );
                d.broken = true;
            }
            for t in args {
                match channel(&t.text) {
                    Some(c) => d.term().channels.push(c),
                    None => {
                        diag(
                            t,
                            format!("unknown channel `{}`", t.text),
                            Some(channel_list()),
                            closest(&t.text, Channel::ALL.map(|c| c.keyword())),
                        );
                        d.broken = true;
                    }
                }
            }
        }
        "requires" => {
            if let Some(r) = requirement(args, head, &mut diag) {
                d.term().requirement = Some(r);
            } else {
                d.broken = true;
            }
        }
        "exempt" => match args {
            [what, value] if what.text == "consumer" => match segment(&value.text) {
                Some(s) => d.term().exemptions.push(Exemption::Consumer(s)),
                None => {
                    diag(
                        value,
                        format!("unknown customer kind `{}`", value.text),
                        Some(SEGMENTS.join(", ")),
                        closest(&value.text, SEGMENTS),
                    );
                    d.broken = true;
                }
            },
            [what, value] if what.text == "channel" => match channel(&value.text) {
                Some(c) => d.term().exemptions.push(Exemption::Channel(c)),
                None => {
                    diag(
                        value,
                        format!("unknown channel `{}`", value.text),
                        Some(channel_list()),
                        closest(&value.text, Channel::ALL.map(|c| c.keyword())),
                    );
                    d.broken = true;
                }
            },
            [what, ..] if what.text != "consumer" && what.text != "channel" => {
                diag(
                    what,
                    format!("unknown exemption `{}`", what.text),
                    Some("consumer, channel".into()),
                    closest(&what.text, ["consumer", "channel"]),
                );
                d.broken = true;
            }
            _ => {
                diag(
                    args.first().unwrap_or(head),
                    "`exempt` takes `consumer <kind>` or `channel <channel>`".into(),
                    Some("consumer, channel".into()),
                    None,
                );
                d.broken = true;
            }
        },
        _ => {}
    }
    if local.is_empty() {
        if let Some(d) = draft.as_mut() {
            if in_term {
                d.term().seen.push(keyword);
            } else {
                d.seen.push(keyword);
            }
        }
    }
    local
}

/// Reports a diagnostic at a token: (token, message, help, suggestion).
type Diag<'a> = dyn FnMut(&Token, String, Option<String>, Option<String>) + 'a;
/// Reads the arguments of `requires`: a kind, a provider and its options, or `nothing`.
fn requirement(args: &[Token], head: &Token, diag: &mut Diag) -> Option<Requirement> {
    let Some(kind) = args.first() else {
        diag(
            head,
            "`requires` needs `served-on`, `routed-through` or `ships-first-on` and a provider, or `nothing`".into(),
            Some(REQUIREMENTS.join(", ")),
            None,
        );
        return None;
    };
    if !REQUIREMENTS.contains(&kind.text.as_str()) {
        diag(
            kind,
            format!("unknown requirement `{}`", kind.text),
            Some(REQUIREMENTS.join(", ")),
            closest(&kind.text, REQUIREMENTS),
        );
        return None;
    }
    if kind.text == "nothing" {
        if let Some(extra) = args.get(1) {
            diag(
                extra,
                format!("unexpected `{}` after `nothing`", extra.text),
                None,
                None,
            );
            return None;
        }
        return Some(Requirement::Nothing);
    }
    let Some(p) = args.get(1) else {
        diag(
            kind,
            format!("`{}` needs a provider", kind.text),
            Some(provider_list()),
            None,
        );
        return None;
    };
    let Some(provider) = Provider::from_keyword(&p.text) else {
        let names = ["azure", "aws", "gcp", "oracle", "on-prem"];
        diag(
            p,
            format!("unknown provider `{}`", p.text),
            Some(provider_list()),
            closest(&p.text, names),
        );
        return None;
    };
    let rest = &args[2..];
    if kind.text == "ships-first-on" {
        let unless = match rest {
            [] => Excuse::Never,
            [u, word] if u.text == "unless" => {
                let options = [Excuse::Both, Excuse::Either, Excuse::AsRead];
                match options.into_iter().find(|e| e.keyword() == word.text) {
                    Some(e) => e,
                    None => {
                        diag(
                            word,
                            format!("unknown exception `{}`", word.text),
                            Some("cannot-and-declines, cannot-or-declines, unsupported".into()),
                            closest(&word.text, options.map(|e| e.keyword())),
                        );
                        return None;
                    }
                }
            }
            [t, ..] => {
                let suggestion = closest(&t.text, ["unless"]);
                diag(
                    t,
                    format!(
                        "unexpected `{}`; `ships-first-on` may end with `unless <exception>`",
                        t.text
                    ),
                    Some("`unless`".into()),
                    suggestion,
                );
                return None;
            }
        };
        if let Some(extra) = rest.get(2) {
            diag(extra, format!("unexpected `{}`", extra.text), None, None);
            return None;
        }
        return Some(Requirement::ShipsFirstOn { provider, unless });
    }
    let every_hop = match rest.first() {
        None => false,
        Some(t) if t.text == "every-hop" => true,
        Some(t) => {
            let suggestion = closest(&t.text, ["every-hop"]);
            diag(
                t,
                format!(
                    "unexpected `{}`; only `every-hop` may follow the provider",
                    t.text
                ),
                Some("`every-hop`".into()),
                suggestion,
            );
            return None;
        }
    };
    if let Some(extra) = rest.get(1) {
        diag(extra, format!("unexpected `{}`", extra.text), None, None);
        return None;
    }
    Some(if kind.text == "routed-through" {
        Requirement::RoutedThrough {
            provider,
            every_hop,
        }
    } else {
        Requirement::ServedOn {
            provider,
            every_hop,
        }
    })
}

fn segment(word: &str) -> Option<Segment> {
    match word {
        "enterprise" => Some(Segment::Enterprise),
        "national-security" => Some(Segment::NationalSecurity),
        _ => None,
    }
}

fn segment_word(s: Segment) -> &'static str {
    match s {
        Segment::Enterprise => "enterprise",
        Segment::NationalSecurity => "national-security",
    }
}

fn channel(word: &str) -> Option<Channel> {
    Channel::ALL.into_iter().find(|c| c.keyword() == word)
}

fn channel_list() -> String {
    Channel::ALL.map(|c| c.keyword()).join(", ")
}

fn provider_list() -> String {
    "azure, aws, gcp, oracle, on-prem, other:<name>".into()
}

/// Checks a finished draft for missing parts and, if whole, adds its clause.
fn finish(d: Draft, out: &mut Parsed, reserved: &[&str]) {
    let mut missing: Vec<&str> = Vec::new();
    if !d.attempted.contains(&"effective") {
        missing.push("effective");
    }
    if d.terms.is_empty() {
        missing.extend(["text", "owner", "channels", "requires"]);
    }
    let mut report = |line: usize, which: String, lacks: &[&str]| {
        out.diagnostics.push(Diagnostic {
            line,
            start: 1,
            end: 7,
            message: format!(
                "{which} lacks {}",
                lacks
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            expected: Some(lacks.join(", ")),
            suggestion: None,
        })
    };
    let mut owner: Option<String> = None;
    let mut consumers: Vec<Segment> = Vec::new();
    let mut terms = Vec::with_capacity(d.terms.len());
    let mut incomplete = false;
    for (i, t) in d.terms.into_iter().enumerate() {
        let inherits_owner = owner.is_some();
        let lacks: Vec<&str> = ["text", "owner", "channels", "requires"]
            .into_iter()
            .filter(|k| !t.attempted.contains(k) && (*k != "owner" || !inherits_owner))
            .collect();
        if i == 0 {
            missing.extend(lacks);
        } else if !lacks.is_empty() {
            incomplete = true;
            if !d.id.is_empty() {
                let which = format!("the term at line {} of clause `{}`", t.line, d.id);
                report(t.line.max(d.line), which, &lacks);
            }
        }
        owner = t.owner.or(owner);
        consumers = t.consumers.unwrap_or(consumers);
        if let (Some(text), Some(owner), Some(requirement)) = (t.text, owner.clone(), t.requirement)
        {
            terms.push(Term {
                text,
                scope: Scope {
                    model_owner: owner,
                    consumers: consumers.clone(),
                    channels: t.channels,
                    operated: t.operated,
                },
                requirement,
                exemptions: t.exemptions,
            });
        }
    }
    if !missing.is_empty() && !d.id.is_empty() {
        report(d.line, format!("clause `{}`", d.id), &missing);
    }
    if incomplete {
        return;
    }
    if d.broken || !missing.is_empty() || terms.iter().any(|t| t.scope.channels.is_empty()) {
        return;
    }
    let refuse = |message: String| Diagnostic {
        line: d.line,
        start: 1,
        end: 7,
        message,
        expected: None,
        suggestion: None,
    };
    if reserved.contains(&d.id.as_str()) {
        let message = format!(
            "the id `{}` is a built-in version's; give your clause an id of its own",
            d.id
        );
        out.diagnostics.push(Diagnostic {
            suggestion: Some(format!("{}-mine", d.id)),
            ..refuse(message)
        });
        return;
    }
    let used: usize = out.clauses.iter().map(|c| c.terms.len()).sum();
    if !reserved.is_empty() && used + terms.len() > MAX_TERMS {
        out.diagnostics.push(refuse(format!(
            "your clauses may have {MAX_TERMS} sentences in all; clause `{}` would bring them to {}, so it is not checked",
            d.id,
            used + terms.len()
        )));
        return;
    }
    if out.clauses.iter().any(|c| c.id == d.id) {
        out.diagnostics.push(Diagnostic {
            line: d.line,
            start: 1,
            end: 7,
            message: format!("the id `{}` is used by an earlier clause", d.id),
            expected: None,
            suggestion: None,
        });
        return;
    }
    let Some(effective) = d.effective else {
        return;
    };
    out.clauses.push(Clause {
        id: d.id,
        title: d.title,
        effective,
        source: d.source,
        terms,
    });
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The canonical text of clauses: every term spelled out in full.
pub fn print(clauses: &[Clause]) -> String {
    let mut out = String::new();
    for (i, c) in clauses.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("clause {} {}\n", c.id, quote(&c.title)));
        out.push_str(&format!("  effective {}\n", c.effective));
        if !c.source.is_empty() {
            out.push_str(&format!("  source {}\n", quote(&c.source)));
        }
        for t in &c.terms {
            print_term(t, &mut out);
        }
        out.push_str("end\n");
    }
    out
}

/// A provider as the language writes it: quoted when its name needs it.
fn provider_word(p: &Provider) -> String {
    let word = p.keyword();
    if word
        .chars()
        .any(|c| c.is_whitespace() || c == ',' || c == '"' || c == '#')
    {
        quote(&word)
    } else {
        word
    }
}

fn print_term(t: &Term, out: &mut String) {
    out.push_str(&format!("  text {}\n", quote(&t.text)));
    out.push_str(&format!("  owner {}\n", quote(&t.scope.model_owner)));
    if t.scope.consumers.is_empty() {
        out.push_str("  consumers any\n");
    } else {
        let words: Vec<&str> = t.scope.consumers.iter().map(|s| segment_word(*s)).collect();
        out.push_str(&format!("  consumers {}\n", words.join(", ")));
    }
    let channels: Vec<&str> = t.scope.channels.iter().map(|c| c.keyword()).collect();
    out.push_str(&format!("  channels {}\n", channels.join(", ")));
    if t.scope.operated != Operated::Any {
        out.push_str(&format!("  operated {}\n", t.scope.operated.keyword()));
    }
    match &t.requirement {
        Requirement::ServedOn {
            provider,
            every_hop,
        }
        | Requirement::RoutedThrough {
            provider,
            every_hop,
        } => {
            let kind = if matches!(t.requirement, Requirement::ServedOn { .. }) {
                "served-on"
            } else {
                "routed-through"
            };
            let every = if *every_hop { " every-hop" } else { "" };
            out.push_str(&format!(
                "  requires {kind} {}{every}\n",
                provider_word(provider)
            ));
        }
        Requirement::ShipsFirstOn { provider, unless } => {
            out.push_str(&format!(
                "  requires ships-first-on {}",
                provider_word(provider)
            ));
            if *unless != Excuse::Never {
                out.push_str(&format!(" unless {}", unless.keyword()));
            }
            out.push('\n');
        }
        Requirement::Nothing => out.push_str("  requires nothing\n"),
    }
    for e in &t.exemptions {
        match e {
            Exemption::Consumer(s) => {
                out.push_str(&format!("  exempt consumer {}\n", segment_word(*s)))
            }
            Exemption::Channel(ch) => out.push_str(&format!("  exempt channel {}\n", ch.keyword())),
        }
    }
}

/// The five built-in versions, as shipped text.
pub const BUILTIN_TEXT: &str = include_str!("../clauses/builtin.clauses");

/// The publicly reported versions of the Azure-routing clause, oldest first, parsed from the
/// shipped text [`BUILTIN_TEXT`].
pub fn builtin_clauses() -> Vec<Clause> {
    // Parsed once: the app asks for them on every render of the workbench and the matrix.
    static PARSED: std::sync::OnceLock<Vec<Clause>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| parse_with(BUILTIN_TEXT, &[]).clauses)
        .clone()
}
