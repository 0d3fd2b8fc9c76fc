//! A small JSON reader and writer for scenario files.
//!
//! Hand-written instead of serde_json because it is a third of the size in the wasm bundle, and
//! scenario files need little: numbers are whole (positions are on the grid), nesting is shallow.
//! The reader is strict, bounded in depth, and reports the line and column of the first fault.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A JSON value. Numbers are whole numbers only.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, in order.
    Obj(Vec<(String, Json)>),
}

/// The deepest nesting accepted.
const MAX_DEPTH: usize = 32;

impl Json {
    /// The member of an object with this key.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Json::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_arr(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    /// Writes the value with two-space indentation.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        let pad = |out: &mut String, n: usize| out.extend(core::iter::repeat_n(' ', n));
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => out.push_str(&format!("{i}")),
            Json::Str(s) => write_str(out, s),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(members) if members.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                // Arrays of scalars stay on one line.
                if items
                    .iter()
                    .all(|i| !matches!(i, Json::Arr(_) | Json::Obj(_)))
                {
                    out.push('[');
                    for (n, item) in items.iter().enumerate() {
                        if n > 0 {
                            out.push_str(", ");
                        }
                        item.write(out, indent);
                    }
                    out.push(']');
                    return;
                }
                out.push_str("[\n");
                for (n, item) in items.iter().enumerate() {
                    pad(out, indent + 2);
                    item.write(out, indent + 2);
                    out.push_str(if n + 1 < items.len() { ",\n" } else { "\n" });
                }
                pad(out, indent);
                out.push(']');
            }
            Json::Obj(members) => {
                out.push_str("{\n");
                for (n, (k, v)) in members.iter().enumerate() {
                    pad(out, indent + 2);
                    write_str(out, k);
                    out.push_str(": ");
                    v.write(out, indent + 2);
                    out.push_str(if n + 1 < members.len() { ",\n" } else { "\n" });
                }
                pad(out, indent);
                out.push('}');
            }
        }
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn fail(&self, what: &str) -> String {
        // INVARIANT: `at` sits on a character boundary; clamp anyway, a message must never panic.
        let mut at = self.at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        // What follows on the same line, shown as it is: never a line break inside the quote.
        let near: String = self.text[at..]
            .chars()
            .take_while(|&c| c != '\n' && c != '\r')
            .take(12)
            .collect();
        if near.is_empty() {
            format!("{what} at line {line}, column {col} (the text ends there)")
        } else {
            format!("{what} at line {line}, column {col}, near `{near}`")
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fail(&format!("expected `{}`", c as char)))
        }
    }

    /// The items of an object or an array, from its opening bracket to `close`: `item` reads
    /// each one, and commas separate them.
    fn items(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), String>,
    ) -> Result<(), String> {
        self.at += 1;
        self.skip_ws();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.fail(&format!("expected `,` or `{}`", close as char))),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nesting too deep"));
        }
        self.skip_ws();
        match self.peek() {
            Some(b'{') => {
                let mut members = Vec::new();
                self.items(b'}', |r| {
                    r.skip_ws();
                    if r.peek() != Some(b'"') {
                        return Err(r.fail("expected a key in quotes"));
                    }
                    let key = r.string()?;
                    r.expect(b':')?;
                    members.push((key, r.value(depth + 1)?));
                    Ok(())
                })?;
                Ok(Json::Obj(members))
            }
            Some(b'[') => {
                let mut items = Vec::new();
                self.items(b']', |r| {
                    items.push(r.value(depth + 1)?);
                    Ok(())
                })?;
                Ok(Json::Arr(items))
            }
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b't') if self.text[self.at..].starts_with("true") => {
                self.at += 4;
                Ok(Json::Bool(true))
            }
            Some(b'f') if self.text[self.at..].starts_with("false") => {
                self.at += 5;
                Ok(Json::Bool(false))
            }
            Some(b'n') if self.text[self.at..].starts_with("null") => {
                self.at += 4;
                Ok(Json::Null)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a value")),
            None => Err(self.fail("expected a value")),
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        if self.at - digits > 1 && self.text.as_bytes()[digits] == b'0' {
            let n = &self.text[start..self.at];
            self.at = start;
            return Err(self.fail(&format!(
                "`{n}` has a leading zero, which JSON does not allow"
            )));
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            while matches!(
                self.peek(),
                Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
            ) {
                self.at += 1;
            }
            let n = &self.text[start..self.at];
            self.at = start;
            return Err(self.fail(&format!(
                "`{n}` is not a whole number (positions and dates are whole numbers)"
            )));
        }
        let n = &self.text[start..self.at];
        n.parse::<i64>().map(Json::Int).map_err(|_| {
            self.fail(&format!(
                "`{}` is not a number in range",
                n.chars().take(24).collect::<String>()
            ))
        })
    }

    /// Four hex digits after `\u`, exactly: no sign, no fewer.
    fn hex4(&mut self) -> Result<u32, String> {
        let hex = self
            .text
            .get(self.at..self.at + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.fail("a `\\u` escape needs four hex digits"))?;
        let code = u32::from_str_radix(hex, 16).map_err(|_| self.fail("bad `\\u` escape"))?;
        self.at += 4;
        Ok(code)
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(c) = rest.chars().next() else {
                return Err(self.fail("unterminated string"));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    // The escaped character may be any character: step over all of its bytes.
                    let Some(e) = self.text[self.at..].chars().next() else {
                        return Err(self.fail("unterminated string"));
                    };
                    self.at += e.len_utf8();
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let code = self.hex4()?;
                            // A surrogate pair is one character; a lone surrogate is refused.
                            let c = if (0xd800..0xdc00).contains(&code) {
                                if !self.text[self.at..].starts_with("\\u") {
                                    return Err(self.fail("a `\\u` escape of a high surrogate must be followed by a low one"));
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&low) {
                                    return Err(self.fail("a `\\u` escape of a high surrogate must be followed by a low one"));
                                }
                                char::from_u32(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00))
                            } else {
                                char::from_u32(code)
                            };
                            out.push(c.ok_or_else(|| {
                                self.fail("a `\\u` escape of a lone low surrogate")
                            })?);
                        }
                        _ => return Err(self.fail("bad escape")),
                    }
                }
                c if (c as u32) < 0x20 => return Err(self.fail("control character in a string")),
                c => out.push(c),
            }
        }
    }
}

/// Parses a JSON document.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut r = Reader { text, at: 0 };
    let v = r.value(0)?;
    r.skip_ws();
    if r.at < text.len() {
        return Err(r.fail("unexpected text after the document"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let v = parse(r#"{"a": [1, -2, {"b": "x\"\n\u00e9"}], "c": true, "d": null, "e": []}"#)
            .unwrap();
        assert_eq!(parse(&v.pretty()).unwrap(), v);
        // A surrogate pair, as common JSON writers emit astral characters, is one character.
        assert_eq!(
            parse(r#""\ud83d\ude00 \u00e9 0""#).unwrap(),
            Json::Str("\u{1f600} \u{e9} 0".into())
        );
        assert_eq!(
            parse("[0, -0, 10]").unwrap().as_arr().map(|a| a.len()),
            Some(3)
        );
        assert_eq!(
            v.get("a").and_then(|a| a.as_arr()).map(|a| a.len()),
            Some(3)
        );
        for (bad, want) in [
            (
                "",
                "expected a value at line 1, column 1 (the text ends there)",
            ),
            ("{\"a\": 1.5}", "`1.5` is not a whole number"),
            ("{\"a\" 1}", "expected `:` at line 1, column 6"),
            ("[1, 2", "expected `,` or `]`"),
            ("\"abc", "unterminated string"),
            ("{} x", "unexpected text after the document"),
            ("99999999999999999999", "not a number in range"),
            (&"[".repeat(100), "nesting too deep"),
            ("{\n  \"a\": tru }", "expected a value at line 2, column 8"),
            // Found by cargo fuzz: an escape before a multi-byte character.
            ("{ \"f\\\u{fffd}\u{fffd}rma", "bad escape"),
            // Issue #11: JSON that common writers never emit.
            ("\"\\u+041\"", "needs four hex digits"),
            ("\"\\u00e\"", "needs four hex digits"),
            ("[007]", "`007` has a leading zero"),
            ("[-01]", "`-01` has a leading zero"),
            ("\"\\ud83d\"", "followed by a low one"),
            ("\"\\ud83d\\u0041\"", "followed by a low one"),
            ("\"\\ude00\"", "lone low surrogate"),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains(want), "{bad}: {e}");
        }
    }
}
