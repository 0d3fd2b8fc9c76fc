//! The one tokenizer of the line-based text formats: the clause language and the diagram text
//! form. A line is words and quoted texts, each with its columns (in characters, from 1).

use alloc::string::String;
use alloc::vec::Vec;

/// A word or a quoted text of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word, or the quoted text without its quotes (and with escapes resolved).
    pub text: String,
    /// Whether it was quoted.
    pub quoted: bool,
    /// The column of its first character (a quoted text's opening quote), from 1.
    pub start: usize,
    /// The column just after it.
    pub end: usize,
}

/// How a format reads a line.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// A comma separates words, like a space (the clause language's lists).
    pub commas: bool,
    /// `#` starts a comment to the end of the line.
    pub comments: bool,
    /// A backslash in quoted text makes the next character literal.
    pub escapes: bool,
}

/// A line's tokens; `unterminated` is the columns of a quoted text without its closing quote.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    /// The tokens, at most one more than the limit asked for.
    pub tokens: Vec<Token>,
    /// Where an unterminated quoted text starts and ends.
    pub unterminated: Option<(usize, usize)>,
}

/// A place in a line: its byte offset, and its column in characters. Words are sliced out of
/// the line, not gathered a character at a time.
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

/// Reads `line` by `rules`, stopping once it has more than `max` tokens (past which a caller
/// refuses the line whole).
pub fn lex(line: &str, rules: Rules, max: usize) -> Lexed {
    let mut out = Lexed::default();
    let mut cur = Cursor {
        line,
        byte: 0,
        col: 0,
    };
    let separates = |c: char| c.is_whitespace() || (rules.commas && c == ',');
    while out.tokens.len() <= max {
        let Some(c) = cur.peek() else { break };
        let start = cur.col + 1;
        if separates(c) {
            cur.bump();
        } else if rules.comments && c == '#' {
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
                    '\\' if rules.escapes && cur.byte + 1 < line.len() => {
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
                out.unterminated = Some((start, cur.col + 1));
            }
            out.tokens.push(Token {
                text: escaped.unwrap_or_else(|| line[begin..end].into()),
                quoted: true,
                start,
                end: cur.col + 1,
            });
        } else {
            let begin = cur.byte;
            while cur.peek().is_some_and(|ch| !separates(ch) && ch != '"') {
                cur.bump();
            }
            out.tokens.push(Token {
                text: line[begin..cur.byte].into(),
                quoted: false,
                start,
                end: cur.col + 1,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLAUSES: Rules = Rules {
        commas: true,
        comments: true,
        escapes: true,
    };
    const PLAIN: Rules = Rules {
        commas: false,
        comments: false,
        escapes: false,
    };

    fn words(line: &str, rules: Rules) -> Vec<(String, bool, usize, usize)> {
        lex(line, rules, 64)
            .tokens
            .into_iter()
            .map(|t| (t.text, t.quoted, t.start, t.end))
            .collect()
    }

    #[test]
    fn words_quotes_columns_and_each_format_s_rules() {
        assert_eq!(
            words("  text \"a \\\"b\\\"\" # note", CLAUSES),
            [
                ("text".into(), false, 3, 7),
                ("a \"b\"".into(), true, 8, 17),
            ]
        );
        // The clause language separates lists with commas; the diagram form keeps `40,160`.
        assert_eq!(words("a,b", CLAUSES).len(), 2);
        assert_eq!(words("@ 40,160", PLAIN)[1].0, "40,160");
        // Without escapes a backslash is text; without comments `#` is a word.
        assert_eq!(words("\"a\\\" #", PLAIN)[0].0, "a\\");
        assert_eq!(words("\"a\\\" #", PLAIN)[1].0, "#");
        // Columns count characters, not bytes.
        assert_eq!(words("é \"ü\"", CLAUSES)[1], ("ü".into(), true, 3, 6));
    }

    #[test]
    fn an_unterminated_quote_is_reported_and_long_lines_stop_early() {
        let l = lex("owner \"OpenAI", CLAUSES, 64);
        assert_eq!(l.unterminated, Some((7, 14)));
        assert_eq!(l.tokens[1].text, "OpenAI");
        assert_eq!(lex(&"w ".repeat(1000), PLAIN, 3).tokens.len(), 4);
    }
}
