//! What a scenario may hold, so that whatever the editor makes, saves and links read back.
//!
//! Every entry point (editor commands, the inspector, paste, import, renaming) goes through
//! these rules; the link decoder applies the same limits. Text is refused when it holds a
//! character that could make what is shown differ from what is stored or read ([`is_hidden`]).
//! Errors are specific, lowercase, and quote the input.

use crate::model::{Date, Diagram, Kind, Provider};
use alloc::format;
use alloc::string::String;

/// The most components a scenario may hold.
pub const MAX_COMPONENTS: usize = 5_000;
/// The most relations a scenario may hold.
pub const MAX_RELATIONS: usize = 20_000;
/// Positions must lie within ± this many canvas units.
pub const MAX_COORD: i32 = 1_000_000;
/// The most characters in a label, an operator's or a provider's name.
pub const MAX_NAME: usize = 80;
/// The most launch dates a product may list.
pub const MAX_LAUNCHES: usize = 16;
/// The largest file accepted, in bytes (and the most characters a stored scenario may hold).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Characters that could make what is shown differ from what is stored or read: controls,
/// bidirectional embeddings, overrides, isolates and marks, and line or paragraph separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Characters that draw nothing (zero-width spaces and joiners, the word joiner, the soft
/// hyphen, the byte-order mark): "Open\u{200b}AI" looks exactly like "OpenAI". Names refuse
/// them; party names are compared without them.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{180e}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// Text as the user sees it, for quoting in a message: hidden characters shown as `U+XXXX`.
pub fn visible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().take(40) {
        if is_hidden(c) || is_invisible_format(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A label, an operator's or a provider's name: trimmed, not empty, at most [`MAX_NAME`]
/// characters, with nothing hidden. `what` names it in the message ("a label").
pub fn name(what: &str, text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("{what} cannot be empty"));
    }
    if let Some(c) = t.chars().find(|&c| is_hidden(c) || is_invisible_format(c)) {
        return Err(format!(
            "{what} cannot contain the invisible character U+{:04X} (`{}`); remove it and try again",
            c as u32,
            visible(t)
        ));
    }
    let n = t.chars().count();
    if n > MAX_NAME {
        return Err(format!(
            "{what} can have at most {MAX_NAME} characters; `{}…` has {n}",
            visible(t)
        ));
    }
    Ok(t.into())
}

/// A provider as entered: a named one is checked like a name, and one named like a built-in
/// provider ("azure", "Google Cloud") is that provider, so that no name reads as a cloud it is
/// not.
pub fn provider(p: &Provider) -> Result<Provider, String> {
    match p {
        Provider::Other(n) => Ok(Provider::Other(name("a provider's name", n)?).canonical()),
        built_in => Ok(built_in.clone()),
    }
}

/// A launch date the decoder accepts.
pub fn date(d: Date) -> Result<Date, String> {
    if !(1..=12).contains(&d.month) || d.day > 31 || !Date::YEARS.contains(&d.year) {
        return Err(format!(
            "the launch date `{d}` is not a date between {} and {}",
            Date::YEARS.start(),
            Date::YEARS.end()
        ));
    }
    Ok(d)
}

/// A component's kind as entered: names checked, providers made canonical, launch dates
/// within range and at most [`MAX_LAUNCHES`].
pub fn kind(kind: &Kind) -> Result<Kind, String> {
    let mut k = kind.clone();
    if let Some(op) = kind.operator() {
        let cleaned = op.trim();
        k.set_operator(if cleaned.is_empty() {
            None
        } else {
            Some(name("an operator's name", cleaned)?)
        });
    }
    match &mut k {
        Kind::Host { provider: p } => *p = provider(p)?,
        Kind::Product { launches, .. } => {
            if launches.len() > MAX_LAUNCHES {
                return Err(format!(
                    "a product can list at most {MAX_LAUNCHES} launch dates, not {}",
                    launches.len()
                ));
            }
            for l in launches.iter_mut() {
                l.provider = provider(&l.provider)?;
                l.date = date(l.date)?;
            }
        }
        _ => {}
    }
    Ok(k)
}

/// Clause text as entered: at most [`MAX_CLAUSE_TEXT`] bytes. (Hidden characters, controls
/// included, are kept as typed: the clause reader refuses the lines that hold them, pointing at
/// each, so nothing the user pastes is thrown away.)
pub fn clause_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_CLAUSE_TEXT {
        return Err(format!(
            "clause text can have at most {} KB ({MAX_CLAUSE_TEXT} bytes); this has {} bytes",
            MAX_CLAUSE_TEXT / 1024,
            text.len()
        ));
    }
    Ok(())
}

/// The most bytes of clause text a scenario may carry.
pub const MAX_CLAUSE_TEXT: usize = 64 * 1024;

/// Checks what an edit made: the counts, and each label, kind or position that is new or
/// changed (what was already there was read back before, and is not judged again).
pub fn changed(before: &Diagram, after: &Diagram) -> Result<(), String> {
    if after.components.len() > MAX_COMPONENTS.max(before.components.len()) {
        return Err(format!(
            "a scenario can hold at most {MAX_COMPONENTS} components; this one would hold {}",
            after.components.len()
        ));
    }
    if after.relations.len() > MAX_RELATIONS.max(before.relations.len()) {
        return Err(format!(
            "a scenario can hold at most {MAX_RELATIONS} relations; this one would hold {}",
            after.relations.len()
        ));
    }
    let index = crate::model::IdIndex::new(&before.components);
    let limit = MAX_COORD as f32;
    for c in &after.components {
        let old = index.get(c.id).map(|i| &before.components[i]);
        if old.is_none_or(|o| o.label != c.label) && name("a label", &c.label)? != c.label {
            return Err(format!(
                "the label `{}` has spaces around it",
                visible(&c.label)
            ));
        }
        if old.is_none_or(|o| o.kind != c.kind) && kind(&c.kind)? != c.kind {
            return Err(format!(
                "`{}` has a name or a provider that would not read back as entered",
                c.label
            ));
        }
        let placed = c.x.is_finite() && c.y.is_finite() && c.x.abs() <= limit && c.y.abs() <= limit;
        if old.is_none_or(|o| (o.x, o.y) != (c.x, c.y)) && !placed {
            return Err(format!("`{}` would be placed outside the canvas", c.label));
        }
    }
    Ok(())
}

/// A position kept on the canvas.
pub fn clamp(v: f32) -> f32 {
    let limit = MAX_COORD as f32;
    if v.is_finite() {
        v.clamp(-limit, limit)
    } else {
        0.0
    }
}
