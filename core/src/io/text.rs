//! A small line-based text form of diagrams, used by presets and test fixtures.
//!
//! ```text
//! # a comment
//! customer acme "Acme Corp" enterprise
//! product frontier "Frontier" api first-party launch:aws=2026-05-01 @ 260,40
//! host aws "AWS" aws
//! acme uses frontier
//! frontier hosted-on aws
//! ```
//!
//! A component line is `kind name ["label"] attributes… [@ x,y]`; a relation line is
//! `name relation name`, or a chain `a -> b -> c` whose relations are inferred from the kinds
//! (as a drag on the canvas would). Components without a position are laid out in columns by
//! kind.
//!
//! Products and endpoints take `by NAME` (or `by "A name"`) for who runs them; products also
//! take `launch:PROVIDER=DATE`, `cannot-support` and `declines-support`.

use crate::lex::{lex, Rules};
use crate::model::{
    Component, ComponentId, Date, Diagram, Kind, KindTag, Launch, Origin, Provider, Relation,
    RelationKind, Segment, Statefulness,
};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// Lowercase message quoting the input.
    pub message: String,
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// How the text form reads a line: words and quoted labels, `#` comments, and no escapes (a
/// label may hold a backslash); commas stay in words (`@ 40,160`).
const RULES: Rules = Rules {
    commas: false,
    comments: true,
    escapes: false,
};

/// A line's words, a quoted label kept with its opening quote (`"Acme Corp`).
fn tokens(line: &str) -> Result<Vec<String>, String> {
    let lexed = lex(line, RULES, usize::MAX - 1);
    if lexed.unterminated.is_some() {
        return Err(format!("unterminated label in `{}`", line.trim()));
    }
    Ok(lexed
        .tokens
        .into_iter()
        .map(|t| {
            if t.quoted {
                format!("\"{}", t.text)
            } else {
                t.text
            }
        })
        .collect())
}

/// Parses the text form. Every error names its line and quotes the offending word.
pub fn parse_diagram(text: &str) -> Result<Diagram, ParseError> {
    let mut d = Diagram::default();
    // Sorted by name, searched by halving: no hash table of its own in the wasm.
    let mut names: Vec<(String, ComponentId)> = Vec::new();
    let lookup = |names: &[(String, ComponentId)], n: &str| {
        names
            .binary_search_by(|(k, _)| k.as_str().cmp(n))
            .ok()
            .map(|i| names[i].1)
    };
    let mut placed: Vec<bool> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| ParseError { line, message };
        let toks = tokens(raw).map_err(err)?;
        if toks.is_empty() {
            continue;
        }
        let content = raw.split('#').next().unwrap_or("").trim();
        let head = toks[0].as_str();
        let tag = KindTag::ALL.into_iter().find(|k| k.keyword() == head);
        if let Some(tag) = tag {
            let name = toks
                .get(1)
                .ok_or_else(|| err(format!("`{head}` needs a name")))?;
            let slot = names.binary_search_by(|(k, _)| k.as_str().cmp(name));
            if slot.is_ok() {
                return Err(err(format!("the name `{name}` is used twice")));
            }
            let mut rest = &toks[2..];
            let mut label = name.clone();
            if let Some(l) = rest.first().and_then(|t| t.strip_prefix('"')) {
                label = l.into();
                rest = &rest[1..];
            }
            let mut kind = tag.default_kind();
            let mut pos = None;
            let mut words = rest.iter();
            while let Some(word) = words.next() {
                if word == "by" && matches!(tag, KindTag::Product | KindTag::Endpoint) {
                    let name = words
                        .next()
                        .map(|w| w.strip_prefix('"').unwrap_or(w))
                        .filter(|w| !w.trim().is_empty())
                        .ok_or_else(|| err("`by` needs the operator's name".into()))?;
                    kind.set_operator(Some(name.into()));
                    continue;
                }
                if word == "@" {
                    let xy = words.next().ok_or_else(|| err("`@` needs `x,y`".into()))?;
                    let (x, y) = xy
                        .split_once(',')
                        .and_then(|(x, y)| {
                            Some((x.parse::<i32>().ok()? as f32, y.parse::<i32>().ok()? as f32))
                        })
                        .ok_or_else(|| {
                            err(format!(
                                "invalid position `{xy}`: expected whole numbers x,y"
                            ))
                        })?;
                    pos = Some((x, y));
                    continue;
                }
                set_attribute(&mut kind, word).map_err(err)?;
            }
            let id = ComponentId(d.components.len() as u32 + 1);
            names.insert(slot.unwrap_or_else(|i| i), (name.clone(), id));
            placed.push(pos.is_some());
            let (x, y) = pos.unwrap_or((0.0, 0.0));
            d.components.push(Component {
                id,
                label,
                kind,
                x,
                y,
            });
        } else if toks.len() >= 3 && toks.len() % 2 == 1 && toks[1] == "->" {
            let find = |n: &String| {
                lookup(&names, n).ok_or_else(|| err(format!("unknown component `{n}`")))
            };
            for pair in toks.iter().step_by(2).collect::<Vec<_>>().windows(2) {
                let (from, to) = (find(pair[0])?, find(pair[1])?);
                let tag = |id: ComponentId| d.components[id.0 as usize - 1].kind.tag();
                let kind = RelationKind::infer(tag(from), tag(to)).ok_or_else(|| {
                    err(format!("nothing connects `{}` to `{}`", pair[0], pair[1]))
                })?;
                d.relations.push(Relation { from, to, kind });
            }
            if toks.iter().skip(1).step_by(2).any(|t| t != "->") {
                return Err(err(format!("a chain joins names with `->`: `{content}`")));
            }
        } else if toks.len() == 3 {
            let rel = RelationKind::from_keyword(&toks[1])
                .ok_or_else(|| err(format!("unknown relation `{}`", toks[1])))?;
            let find = |n: &String| {
                lookup(&names, n).ok_or_else(|| err(format!("unknown component `{n}`")))
            };
            d.relations.push(Relation {
                from: find(&toks[0])?,
                to: find(&toks[2])?,
                kind: rel,
            });
        } else {
            return Err(err(format!(
                "cannot read `{content}`: expected a component or `a relation b`"
            )));
        }
    }
    auto_layout(&mut d, &placed);
    Ok(d)
}

fn set_attribute(kind: &mut Kind, word: &str) -> Result<(), String> {
    let unknown = || format!("unknown attribute `{word}`");
    match kind {
        Kind::Endpoint { state, origin, .. } => match word {
            "stateless" => *state = Statefulness::Stateless,
            "stateful" => *state = Statefulness::Stateful,
            "first-party" => *origin = Origin::FirstParty,
            "third-party" => *origin = Origin::ThirdParty,
            _ => return Err(unknown()),
        },
        Kind::Product {
            origin,
            api,
            launches,
            cannot_support,
            declines_support,
            ..
        } => match word {
            "api" => *api = true,
            "cannot-support" => *cannot_support = true,
            "declines-support" => *declines_support = true,
            "non-api" => *api = false,
            "first-party" => *origin = Origin::FirstParty,
            "third-party" => *origin = Origin::ThirdParty,
            _ => {
                let (p, date) = word
                    .strip_prefix("launch:")
                    .and_then(|w| w.split_once('='))
                    .ok_or_else(unknown)?;
                let provider =
                    Provider::from_keyword(p).ok_or_else(|| format!("unknown provider `{p}`"))?;
                launches.push(Launch {
                    provider,
                    date: Date::parse(date)?,
                });
            }
        },
        Kind::Host { provider } => {
            *provider =
                Provider::from_keyword(word).ok_or_else(|| format!("unknown provider `{word}`"))?
        }
        Kind::Customer { segment } => *segment = Segment::from_keyword(word).ok_or_else(unknown)?,
        Kind::Party | Kind::Model => return Err(unknown()),
    }
    Ok(())
}

/// Lays out unplaced components: columns by kind, hosts along the bottom.
fn auto_layout(d: &mut Diagram, placed: &[bool]) {
    let mut rows = [0u32; 6];
    let mut hosts = 0u32;
    for (c, &done) in d.components.iter_mut().zip(placed) {
        if done {
            continue;
        }
        let col = match c.kind.tag() {
            KindTag::Customer => 0,
            KindTag::Product => 1,
            KindTag::Endpoint => 2,
            KindTag::Model => 3,
            KindTag::Party => 4,
            KindTag::Host => {
                c.x = 40.0 + hosts as f32 * 220.0;
                c.y = 460.0;
                hosts += 1;
                continue;
            }
        };
        c.x = 40.0 + col as f32 * 220.0;
        c.y = 40.0 + rows[col] as f32 * 120.0;
        rows[col] += 1;
    }
}
