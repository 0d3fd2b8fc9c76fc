//! Reading clause text a statement at a time: one function per statement, each reporting its
//! own faults, and `finish`, which turns a whole draft into a [`Clause`] or says what it lacks.

use super::suggest::{channel_list, closest, provider_list};
use super::{Diagnostic, Parsed, MAX_TERMS};
use crate::clause::{Channel, Clause, Excuse, Exemption, Operated, Requirement, Scope, Term};
use crate::lex::Token;
use crate::model::{Date, Provider, Segment};
use crate::verdict::{Expectation, Verdict};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Every statement in a clause: its own two, a term's seven, and `end`.
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
/// Statements that belong to a term, `text` to `exempt` (the rest belong to the clause).
const TERM_STATEMENTS: &[&str] = STATEMENTS.split_at(2).1.split_at(7).0;

/// The customer kinds, as the language spells them.
fn segments() -> String {
    Segment::ALL.map(Segment::keyword).join(", ")
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

pub(super) struct Draft {
    pub(super) line: usize,
    pub(super) id: String,
    title: String,
    effective: Option<Date>,
    source: String,
    terms: Vec<TermDraft>,
    pub(super) broken: bool,
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

/// One statement line being read: its head word, its arguments, and its faults so far.
struct Line<'t> {
    no: usize,
    head: &'t Token,
    args: &'t [Token],
    found: Vec<Diagnostic>,
}

impl Line<'_> {
    /// A fault at `at`: what is wrong, what was expected, and what was perhaps meant.
    fn say(
        &mut self,
        at: &Token,
        message: String,
        expected: Option<String>,
        suggestion: Option<String>,
    ) {
        self.found.push(Diagnostic {
            line: self.no,
            start: at.start,
            end: at.end,
            message,
            expected,
            suggestion,
        });
    }

    /// A word that should not be there: "unexpected `word`" and where (`after`, may be empty).
    fn unexpected(&mut self, t: &Token, after: &str) {
        self.say(t, format!("unexpected `{}`{after}", t.text), None, None);
    }

    /// A word where only `allowed` may stand, by `rule`: suggests `allowed` if it is close.
    fn only(&mut self, t: &Token, allowed: &str, rule: &str) {
        let suggestion = closest(&t.text, &[allowed]);
        let message = format!("unexpected `{}`; {rule}", t.text);
        self.say(t, message, Some(format!("`{allowed}`")), suggestion);
    }

    /// A fault that also keeps the clause from being checked.
    fn fault(
        &mut self,
        d: &mut Draft,
        at: &Token,
        message: String,
        expected: Option<String>,
        suggestion: Option<String>,
    ) {
        self.say(at, message, expected, suggestion);
        d.broken = true;
    }
}

/// Reads one statement line, updating the clause being read; returns the line's problems.
pub(super) fn statement(
    toks: &[Token],
    line_no: usize,
    draft: &mut Option<Draft>,
    out: &mut Parsed,
    reserved: &[&str],
) -> Vec<Diagnostic> {
    let Some(head) = toks.first() else {
        return Vec::new();
    };
    let mut line = Line {
        no: line_no,
        head,
        args: &toks[1..],
        found: Vec::new(),
    };
    if head.text == "clause" && !head.quoted {
        clause(&mut line, draft, out, reserved);
        return line.found;
    }
    if head.text == "expect" && !head.quoted && draft.is_none() {
        expect(&mut line, out);
        return line.found;
    }
    let Some(d) = draft.as_mut() else {
        let suggestion = closest(&head.text, &["clause", "expect"]);
        line.say(
            head,
            format!(
                "`{}` is outside a clause; start one with `clause id \"Title\"`, or state an `expect`",
                head.text
            ),
            Some("`clause`".into()),
            suggestion,
        );
        return line.found;
    };
    let Some(keyword) = STATEMENTS
        .into_iter()
        .find(|k| *k == head.text && !head.quoted)
    else {
        let suggestion = closest(&head.text, &STATEMENTS);
        line.fault(
            d,
            head,
            format!("unknown statement `{}`", head.text),
            Some(STATEMENTS.join(", ")),
            suggestion,
        );
        return line.found;
    };
    if keyword == "end" {
        if let Some(extra) = line.args.first() {
            line.unexpected(extra, " after `end`");
        }
        if let Some(d) = draft.take() {
            finish(d, out, reserved);
        }
        return line.found;
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
        let message = format!("`{keyword}` is given twice in {place} `{}`", d.id);
        line.fault(d, head, message, None, None);
        return line.found;
    }
    if in_term {
        d.term().attempted.push(keyword);
    } else {
        d.attempted.push(keyword);
    }
    match keyword {
        "effective" => effective(&mut line, d),
        "source" => {
            if let Some(s) = quoted(&mut line, d, keyword) {
                d.source = s;
            }
        }
        "text" => {
            let text = quoted(&mut line, d, keyword);
            d.term().text = text;
        }
        "owner" => {
            let owner = quoted(&mut line, d, keyword);
            d.term().owner = owner;
        }
        "operated" => operated(&mut line, d),
        "consumers" => consumers(&mut line, d),
        "channels" => channels(&mut line, d),
        "requires" => match requirement(&mut line) {
            Some(r) => d.term().requirement = Some(r),
            None => d.broken = true,
        },
        "exempt" => exempt(&mut line, d),
        _ => {}
    }
    if line.found.is_empty() {
        if in_term {
            d.term().seen.push(keyword);
        } else {
            d.seen.push(keyword);
        }
    }
    line.found
}

/// `clause <id> "<title>"`: closes an unclosed clause first, then starts a draft.
fn clause(line: &mut Line, draft: &mut Option<Draft>, out: &mut Parsed, reserved: &[&str]) {
    let (head, args) = (line.head, line.args);
    if let Some(d) = draft.take() {
        let message = format!(
            "clause `{}` is not closed with `end` before the next clause",
            d.id
        );
        line.say(head, message, Some("`end`".into()), None);
        finish(d, out, reserved);
    }
    let id = args.first().filter(|t| !t.quoted);
    let title = args.get(1).filter(|t| t.quoted);
    let mut broken = false;
    if id.is_none() {
        line.say(
            head,
            "`clause` needs an id, such as `clause my-clause \"Title\"`".into(),
            Some("an id".into()),
            None,
        );
        broken = true;
    } else if title.is_none() {
        line.say(
            id.unwrap_or(head),
            "the clause needs a title in quotes after its id".into(),
            Some("a title in quotes".into()),
            None,
        );
        broken = true;
    }
    if let Some(extra) = args.get(2) {
        line.unexpected(extra, " after the title");
    }
    *draft = Some(Draft {
        line: line.no,
        id: id.map(|t| t.text.clone()).unwrap_or_default(),
        title: title.map(|t| t.text.clone()).unwrap_or_default(),
        effective: None,
        source: String::new(),
        terms: Vec::new(),
        broken,
        seen: Vec::new(),
        attempted: Vec::new(),
    });
}

/// `expect <clause> <reading> <verdict>`, outside any clause.
fn expect(line: &mut Line, out: &mut Parsed) {
    let words = Verdict::ALL.map(Verdict::keyword);
    match line.args {
        [c, r, v] if !c.quoted && !r.quoted => match Verdict::from_keyword(&v.text) {
            Some(verdict) => out.expectations.push(Expectation {
                clause: c.text.clone(),
                reading: r.text.clone(),
                verdict,
                line: line.no,
            }),
            None => line.say(
                v,
                format!("unknown verdict `{}`", v.text),
                Some(words.join(", ")),
                closest(&v.text, &words),
            ),
        },
        _ => line.say(
            line.head,
            "`expect` takes a clause id, a reading and a verdict, such as `expect v4 letter complies`".into(),
            Some("clause id, reading, verdict".into()),
            None,
        ),
    }
}

/// One text in quotes, the argument of `source`, `text` and `owner`.
fn quoted(line: &mut Line, d: &mut Draft, keyword: &str) -> Option<String> {
    let expected = || Some("text in quotes".into());
    match line.args {
        [t] if t.quoted => return Some(t.text.clone()),
        [] => line.fault(
            d,
            line.head,
            format!("`{keyword}` needs text in quotes"),
            expected(),
            None,
        ),
        // The text is there, with more after it: the fault is what follows.
        [t, extra, ..] if t.quoted => {
            let message = format!(
                "`{keyword}` takes one text in quotes; remove `{}` after it",
                extra.text
            );
            line.fault(d, extra, message, expected(), None);
        }
        [t, ..] => {
            let message = format!("`{keyword}` takes one text in quotes, not `{}`", t.text);
            line.fault(d, t, message, expected(), None);
        }
    }
    None
}

/// `effective <date>`.
fn effective(line: &mut Line, d: &mut Draft) {
    match line.args {
        [t] if !t.quoted => match Date::parse(&t.text) {
            Ok(date) => d.effective = Some(date),
            Err(e) => line.fault(d, t, e, Some("a date like `2026-02-27`".into()), None),
        },
        args => line.fault(
            d,
            args.first().unwrap_or(line.head),
            "`effective` needs one date like `2026-02-27`".into(),
            Some("a date".into()),
            None,
        ),
    }
}

/// `operated any|alone|jointly`.
fn operated(line: &mut Line, d: &mut Draft) {
    let expected = || Some("any, alone, jointly".into());
    match line.args {
        [t] => match Operated::ALL.into_iter().find(|o| o.keyword() == t.text) {
            Some(o) => d.term().operated = o,
            None => line.fault(
                d,
                t,
                format!("unknown operator class `{}`", t.text),
                expected(),
                closest(&t.text, &Operated::ALL.map(|o| o.keyword())),
            ),
        },
        args => line.fault(
            d,
            args.get(1).unwrap_or(line.head),
            "`operated` takes one of `any`, `alone` or `jointly`".into(),
            expected(),
            None,
        ),
    }
}

/// `consumers any`, or customer kinds.
fn consumers(line: &mut Line, d: &mut Draft) {
    let args = line.args;
    if matches!(args, [t] if t.text == "any") {
        d.term().consumers = Some(Vec::new());
        return;
    }
    if args.is_empty() {
        line.fault(
            d,
            line.head,
            "`consumers` needs `any` or customer kinds".into(),
            Some(format!("any, {}", segments())),
            None,
        );
    }
    let mut list = Vec::new();
    for t in args {
        match Segment::from_keyword(&t.text) {
            Some(s) => list.push(s),
            None => unknown_segment(line, d, t),
        }
    }
    d.term().consumers = Some(list);
}

fn unknown_segment(line: &mut Line, d: &mut Draft, t: &Token) {
    line.fault(
        d,
        t,
        format!("unknown customer kind `{}`", t.text),
        Some(segments()),
        closest(&t.text, &Segment::ALL.map(Segment::keyword)),
    );
}

fn unknown_channel(line: &mut Line, d: &mut Draft, t: &Token) {
    line.fault(
        d,
        t,
        format!("unknown channel `{}`", t.text),
        Some(channel_list()),
        closest(&t.text, &Channel::ALL.map(|c| c.keyword())),
    );
}

/// `channels <channel>, …`.
fn channels(line: &mut Line, d: &mut Draft) {
    let args = line.args;
    if args.is_empty() {
        line.fault(
            d,
            line.head,
            "`channels` needs at least one channel".into(),
            Some(channel_list()),
            None,
        );
    }
    for t in args {
        match Channel::from_keyword(&t.text) {
            Some(c) => d.term().channels.push(c),
            None => unknown_channel(line, d, t),
        }
    }
}

/// `exempt consumer <kind>` or `exempt channel <channel>`.
fn exempt(line: &mut Line, d: &mut Draft) {
    let expected = || Some("consumer, channel".into());
    match line.args {
        [what, value] if what.text == "consumer" => match Segment::from_keyword(&value.text) {
            Some(s) => d.term().exemptions.push(Exemption::Consumer(s)),
            None => unknown_segment(line, d, value),
        },
        [what, value] if what.text == "channel" => match Channel::from_keyword(&value.text) {
            Some(c) => d.term().exemptions.push(Exemption::Channel(c)),
            None => unknown_channel(line, d, value),
        },
        [what, ..] if what.text != "consumer" && what.text != "channel" => line.fault(
            d,
            what,
            format!("unknown exemption `{}`", what.text),
            expected(),
            closest(&what.text, &["consumer", "channel"]),
        ),
        args => line.fault(
            d,
            args.first().unwrap_or(line.head),
            "`exempt` takes `consumer <kind>` or `channel <channel>`".into(),
            expected(),
            None,
        ),
    }
}

/// Reads the arguments of `requires`: a kind, a provider and its options, or `nothing`.
fn requirement(line: &mut Line) -> Option<Requirement> {
    let (args, head) = (line.args, line.head);
    let Some(kind) = args.first() else {
        line.say(
            head,
            "`requires` needs `served-on`, `routed-through` or `ships-first-on` and a provider, or `nothing`".into(),
            Some(REQUIREMENTS.join(", ")),
            None,
        );
        return None;
    };
    if !REQUIREMENTS.contains(&kind.text.as_str()) {
        line.say(
            kind,
            format!("unknown requirement `{}`", kind.text),
            Some(REQUIREMENTS.join(", ")),
            closest(&kind.text, &REQUIREMENTS),
        );
        return None;
    }
    if kind.text == "nothing" {
        if let Some(extra) = args.get(1) {
            line.unexpected(extra, " after `nothing`");
            return None;
        }
        return Some(Requirement::Nothing);
    }
    let Some(p) = args.get(1) else {
        line.say(
            kind,
            format!("`{}` needs a provider", kind.text),
            Some(provider_list()),
            None,
        );
        return None;
    };
    let Some(provider) = Provider::from_keyword(&p.text) else {
        let names = ["azure", "aws", "gcp", "oracle", "on-prem"];
        line.say(
            p,
            format!("unknown provider `{}`", p.text),
            Some(provider_list()),
            closest(&p.text, &names),
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
                        line.say(
                            word,
                            format!("unknown exception `{}`", word.text),
                            Some("cannot-and-declines, cannot-or-declines, unsupported".into()),
                            closest(&word.text, &options.map(|e| e.keyword())),
                        );
                        return None;
                    }
                }
            }
            [t, ..] => {
                line.only(
                    t,
                    "unless",
                    "`ships-first-on` may end with `unless <exception>`",
                );
                return None;
            }
        };
        if let Some(extra) = rest.get(2) {
            line.unexpected(extra, "");
            return None;
        }
        return Some(Requirement::ShipsFirstOn { provider, unless });
    }
    let every_hop = match rest.first() {
        None => false,
        Some(t) if t.text == "every-hop" => true,
        Some(t) => {
            line.only(t, "every-hop", "only `every-hop` may follow the provider");
            return None;
        }
    };
    if let Some(extra) = rest.get(1) {
        line.unexpected(extra, "");
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

/// Checks a finished draft for missing parts and, if whole, adds its clause.
pub(super) fn finish(d: Draft, out: &mut Parsed, reserved: &[&str]) {
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
