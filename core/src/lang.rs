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

use crate::clause::{Channel, Clause, Exemption, Requirement, Scope};
use crate::model::{Date, Provider, Segment};
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

/// The clauses read and the problems found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// Every clause without a problem, in order.
    pub clauses: Vec<Clause>,
    /// Every expected verdict stated with `expect`, in order.
    pub expectations: Vec<Expectation>,
    /// Every problem, in order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A verdict the scenario should get: `expect v4 letter complies`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    /// The clause's id (built in or the user's own).
    pub clause: String,
    /// The reading's id, e.g. `letter`.
    pub reading: String,
    /// The verdict expected.
    pub verdict: crate::check::Verdict,
    /// Where it was stated.
    pub line: usize,
}

/// The most text parsed; beyond it a single diagnostic says so.
pub const MAX_SOURCE: usize = 256 * 1024;
/// The most diagnostics reported.
pub const MAX_DIAGNOSTICS: usize = 200;

const STATEMENTS: [&str; 9] = [
    "effective",
    "source",
    "text",
    "owner",
    "consumers",
    "channels",
    "requires",
    "exempt",
    "end",
];
const REQUIREMENTS: [&str; 2] = ["routed-through", "ships-first-on"];
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

fn tokenize(line: &str, line_no: usize, diags: &mut Vec<Diagnostic>) -> (Vec<Token>, bool) {
    let mut damaged = false;
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == ',' {
            i += 1;
        } else if c == '#' {
            break;
        } else if c == '"' {
            let start = i;
            let mut text = String::new();
            i += 1;
            let mut closed = false;
            while i < chars.len() {
                match chars[i] {
                    '"' => {
                        closed = true;
                        i += 1;
                        break;
                    }
                    '\\' if i + 1 < chars.len() => {
                        text.push(chars[i + 1]);
                        i += 2;
                    }
                    ch => {
                        text.push(ch);
                        i += 1;
                    }
                }
            }
            if !closed {
                damaged = true;
                diags.push(Diagnostic {
                    line: line_no,
                    start: start + 1,
                    end: chars.len() + 1,
                    message: "unterminated text: a closing `\"` is missing".into(),
                    expected: Some("`\"`".into()),
                    suggestion: None,
                });
            }
            out.push(Token {
                text,
                quoted: true,
                start: start + 1,
                end: i + 1,
            });
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ',' && chars[i] != '"'
            {
                i += 1;
            }
            out.push(Token {
                text: chars[start..i].iter().collect(),
                quoted: false,
                start: start + 1,
                end: i + 1,
            });
        }
    }
    (out, damaged)
}

struct Draft {
    line: usize,
    id: String,
    title: String,
    effective: Option<Date>,
    source: String,
    text: Option<String>,
    owner: Option<String>,
    consumers: Vec<Segment>,
    channels: Vec<Channel>,
    requirement: Option<Requirement>,
    exemptions: Vec<Exemption>,
    broken: bool,
    /// Statements read without a fault (a second one is a fault).
    seen: Vec<&'static str>,
    /// Statements present at all (a faulty one is not also reported as missing).
    attempted: Vec<&'static str>,
}

/// Reads clause text. Never panics; see [`Parsed`].
pub fn parse(source: &str) -> Parsed {
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
        let found = statement(&toks, line_no, &mut draft, &mut out);
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
        finish(d, &mut out);
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
            finish(d, out);
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
            text: None,
            owner: None,
            consumers: Vec::new(),
            channels: Vec::new(),
            requirement: None,
            exemptions: Vec::new(),
            broken,
            seen: Vec::new(),
            attempted: Vec::new(),
        });
        return local;
    }
    if head.text == "expect" && !head.quoted && draft.is_none() {
        use crate::check::Verdict;
        let words = ["complies", "breach", "undetermined"];
        match &toks[1..] {
            [c, r, v] if !c.quoted && !r.quoted => {
                let verdict = match v.text.as_str() {
                    "complies" => Verdict::Complies,
                    "breach" => Verdict::Breach,
                    "undetermined" => Verdict::Undetermined,
                    _ => {
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
            finish(d, out);
        }
        return local;
    }
    if keyword != "exempt" && d.seen.contains(&keyword) {
        diag(
            head,
            format!("`{keyword}` is given twice in clause `{}`", d.id),
            None,
            None,
        );
        d.broken = true;
        return local;
    }
    d.attempted.push(keyword);
    let args = &toks[1..];
    let quoted = |d: &mut Draft,
                  diag: &mut dyn FnMut(&Token, String, Option<String>, Option<String>)|
     -> Option<String> {
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
        "text" => d.text = quoted(d, &mut diag),
        "owner" => d.owner = quoted(d, &mut diag),
        "consumers" => {
            if matches!(args, [t] if t.text == "any") {
                return local;
            }
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
                    Some(s) => d.consumers.push(s),
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
                    Some(c) => d.channels.push(c),
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
            let Some(kind) = args.first() else {
                diag(
                    head,
                    "`requires` needs `routed-through` or `ships-first-on` and a provider".into(),
                    Some(REQUIREMENTS.join(", ")),
                    None,
                );
                d.broken = true;
                return local;
            };
            if !REQUIREMENTS.contains(&kind.text.as_str()) {
                diag(
                    kind,
                    format!("unknown requirement `{}`", kind.text),
                    Some(REQUIREMENTS.join(", ")),
                    closest(&kind.text, REQUIREMENTS),
                );
                d.broken = true;
                return local;
            }
            let Some(p) = args.get(1) else {
                diag(
                    kind,
                    format!("`{}` needs a provider", kind.text),
                    Some(provider_list()),
                    None,
                );
                d.broken = true;
                return local;
            };
            let Some(provider) = Provider::from_keyword(&p.text) else {
                let names = ["azure", "aws", "gcp", "oracle", "on-prem"];
                diag(
                    p,
                    format!("unknown provider `{}`", p.text),
                    Some(provider_list()),
                    closest(&p.text, names),
                );
                d.broken = true;
                return local;
            };
            let every_hop = match args.get(2) {
                None => false,
                Some(t) if t.text == "every-hop" && kind.text == "routed-through" => true,
                Some(t) => {
                    let suggestion = closest(&t.text, ["every-hop"]);
                    diag(
                        t,
                        format!(
                            "unexpected `{}`; only `routed-through` may end with `every-hop`",
                            t.text
                        ),
                        Some("`every-hop`".into()),
                        suggestion,
                    );
                    d.broken = true;
                    return local;
                }
            };
            if let Some(extra) = args.get(3) {
                diag(extra, format!("unexpected `{}`", extra.text), None, None);
                d.broken = true;
            }
            d.requirement = Some(if kind.text == "routed-through" {
                Requirement::RoutedThrough {
                    provider,
                    every_hop,
                }
            } else {
                Requirement::ShipsFirstOn { provider }
            });
        }
        "exempt" => match args {
            [what, value] if what.text == "consumer" => match segment(&value.text) {
                Some(s) => d.exemptions.push(Exemption::Consumer(s)),
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
                Some(c) => d.exemptions.push(Exemption::Channel(c)),
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
            d.seen.push(keyword);
        }
    }
    local
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
fn finish(d: Draft, out: &mut Parsed) {
    let required = ["effective", "text", "owner", "channels", "requires"];
    let missing: Vec<&str> = required
        .into_iter()
        .filter(|k| !d.attempted.contains(k))
        .collect();
    if !missing.is_empty() && !d.id.is_empty() {
        out.diagnostics.push(Diagnostic {
            line: d.line,
            start: 1,
            end: 7,
            message: format!(
                "clause `{}` lacks {}",
                d.id,
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            expected: Some(missing.join(", ")),
            suggestion: None,
        });
    }
    if d.broken || !missing.is_empty() || d.channels.is_empty() {
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
    let (Some(effective), Some(text), Some(owner), Some(requirement)) =
        (d.effective, d.text, d.owner, d.requirement)
    else {
        return;
    };
    out.clauses.push(Clause {
        id: d.id,
        title: d.title,
        effective,
        source: d.source,
        text,
        scope: Scope {
            model_owner: owner,
            consumers: d.consumers,
            channels: d.channels,
        },
        requirement,
        exemptions: d.exemptions,
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

/// The canonical text of clauses.
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
        out.push_str(&format!("  text {}\n", quote(&c.text)));
        out.push_str(&format!("  owner {}\n", quote(&c.scope.model_owner)));
        if c.scope.consumers.is_empty() {
            out.push_str("  consumers any\n");
        } else {
            let words: Vec<&str> = c.scope.consumers.iter().map(|s| segment_word(*s)).collect();
            out.push_str(&format!("  consumers {}\n", words.join(", ")));
        }
        let channels: Vec<&str> = c.scope.channels.iter().map(|c| c.keyword()).collect();
        out.push_str(&format!("  channels {}\n", channels.join(", ")));
        match &c.requirement {
            Requirement::RoutedThrough {
                provider,
                every_hop,
            } => out.push_str(&format!(
                "  requires routed-through {}{}\n",
                provider.keyword(),
                if *every_hop { " every-hop" } else { "" }
            )),
            Requirement::ShipsFirstOn { provider } => out.push_str(&format!(
                "  requires ships-first-on {}\n",
                provider.keyword()
            )),
        }
        for e in &c.exemptions {
            match e {
                Exemption::Consumer(s) => {
                    out.push_str(&format!("  exempt consumer {}\n", segment_word(*s)))
                }
                Exemption::Channel(ch) => {
                    out.push_str(&format!("  exempt channel {}\n", ch.keyword()))
                }
            }
        }
        out.push_str("end\n");
    }
    out
}

/// The five built-in versions, as shipped text.
pub const BUILTIN_TEXT: &str = include_str!("../clauses/builtin.clauses");
