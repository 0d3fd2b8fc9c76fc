//! Fitting one line of text into a box of fixed width, without measuring it in a browser.
//!
//! The estimate errs wide: its widths are those of DejaVu Sans, the widest common system sans
//! serif (the default on Linux; Segoe UI, San Francisco and Roboto are all narrower). A line
//! that fits by this estimate therefore fits in any of them. A line that does not is first set
//! smaller, down to a floor, and only then cut with "…"; the full text stays in the box's
//! tooltip and accessible name. Shrinking the font, unlike SVG's `textLength`, never distorts
//! the glyphs, and in a narrower font the text is merely a little smaller than it needed to be.

use alloc::string::String;

/// Estimated advance of one character, in em, for a regular weight.
fn advance(c: char) -> f32 {
    match c {
        '\'' | 'i' | 'j' | 'l' | 'I' | 'J' | ' ' | '.' | ',' | '\u{b7}' | ':' | ';' | '/' | '!'
        | '|' => 0.32,
        'f' | '-' | 't' | '(' | ')' | '[' | ']' | 'r' => 0.4,
        '"' | '_' | '*' | 's' | 'z' | '?' | 'c' | 'L' => 0.53,
        '0'..='9' => 0.645,
        'A' | 'V' | 'B' | 'R' | 'X' | 'Z' | 'C' | 'U' | 'H' | 'N' | 'D' | 'G' | '&' | 'O' | 'Q' => {
            0.76
        }
        'w' | '#' | '+' | '=' | '<' | '>' | 'M' => 0.84,
        '%' | 'm' | 'W' | '@' => 0.96,
        c if c.is_ascii() => 0.63,
        // Wide scripts (Hangul, CJK, kana) and symbols, emoji among them, take a whole em.
        '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' => 1.0,
        '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' => 1.0,
        '\u{2600}'..='\u{27bf}' | '\u{1f000}'.. => 1.2,
        // Combining marks and invisible formatting add nothing.
        '\u{300}'..='\u{36f}' | '\u{200b}'..='\u{200f}' | '\u{fe00}'..='\u{fe0f}' => 0.0,
        _ => 0.7,
    }
}

/// Bold glyphs are 11 to 15% wider than regular ones in DejaVu Sans.
const BOLD: f32 = 1.14;

/// The estimated width of `text` in pixels, at `size` px, regular or bold.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let em: f32 = text.chars().map(advance).sum();
    em * size * if bold { BOLD } else { 1.0 }
}

/// How a line is shown: the text (cut with "…" if it had to be) and its font size.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// The text shown; ends in "…" when it was cut.
    pub text: String,
    /// The font size, in px: the one asked for, or smaller, down to the floor.
    pub size: f32,
    /// Whether the text was cut, so that only its start is shown.
    pub cut: bool,
}

/// Fits `text` into `max` px: at `size` px if it fits, else at the largest size down to `min`
/// at which it fits (in steps of half a pixel, so that sizes stay few and crisp), else at
/// `min` with as many characters as fit before a "…".
pub fn fit(text: &str, max: f32, size: f32, min: f32, bold: bool) -> Fitted {
    let whole = width(text, 1.0, bold);
    let shown = |size: f32, text: &str, cut| Fitted {
        text: text.into(),
        size,
        cut,
    };
    if whole * size <= max {
        return shown(size, text, false);
    }
    let needed = (max / whole * 2.0).floor() / 2.0;
    if needed >= min {
        return shown(needed, text, false);
    }
    let ellipsis = width("\u{2026}", min, bold);
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += advance(c) * min * if bold { BOLD } else { 1.0 };
        if used + ellipsis > max {
            break;
        }
        end = i + c.len_utf8();
    }
    let mut cut = String::from(text[..end].trim_end());
    cut.push('\u{2026}');
    shown(min, &cut, true)
}

/// A label on up to two lines, and its font size.
#[derive(Clone, Debug, PartialEq)]
pub struct Lines {
    /// One line or two; the last ends in "…" when the text was cut.
    pub lines: Vec<String>,
    /// The font size, in px.
    pub size: f32,
    /// Whether the text was cut.
    pub cut: bool,
}

/// Fits a label into `max` px on up to two lines: on one if it fits at `size` or down to two
/// pixels less; else on two, broken between words, at the largest size down to `min` at which
/// both fit; else, at `min`, as many words as fit on the first line and the rest cut with "…"
/// on the second.
pub fn fit_two(text: &str, max: f32, size: f32, min: f32, bold: bool) -> Lines {
    let one = fit(text, max, size, size - 2.0, bold);
    if !one.cut {
        return Lines {
            lines: alloc::vec![one.text],
            size: one.size,
            cut: false,
        };
    }
    let mut at = size;
    while at >= min {
        if let Some(end) = words_fitting(text, max, at, bold) {
            let rest = text[end..].trim_start();
            if width(rest, at, bold) <= max {
                return Lines {
                    lines: alloc::vec![text[..end].into(), rest.into()],
                    size: at,
                    cut: false,
                };
            }
        }
        at -= 0.5;
    }
    // At the floor: one line if it fits there (one long word); else the first line breaks
    // between words if a word fits, else inside one, where a one-line cut would.
    let at_min = fit(text, max, min, min, bold);
    if !at_min.cut {
        return Lines {
            lines: alloc::vec![at_min.text],
            size: min,
            cut: false,
        };
    }
    let end =
        words_fitting(text, max, min, bold).unwrap_or(at_min.text.len() - '\u{2026}'.len_utf8());
    let second = fit(text[end..].trim_start(), max, min, min, bold);
    Lines {
        lines: alloc::vec![text[..end].trim_end().into(), second.text],
        size: min,
        cut: second.cut,
    }
}

/// The end of the longest run of whole words from the start of `text` that fits in `max` px at
/// `size`, if even the first word does.
/// Breaks text between words into lines no wider than `max` px at `size`; a word wider than
/// `max` has a line of its own.
pub fn wrap(text: &str, max: f32, size: f32, bold: bool) -> alloc::vec::Vec<&str> {
    let mut lines = alloc::vec::Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let end = if width(rest, size, bold) <= max {
            rest.len()
        } else {
            words_fitting(rest, max, size, bold)
                .or_else(|| rest.find(' '))
                .unwrap_or(rest.len())
        };
        lines.push(rest[..end].trim_end());
        rest = rest[end..].trim_start();
    }
    lines
}

fn words_fitting(text: &str, max: f32, size: f32, bold: bool) -> Option<usize> {
    text.match_indices(' ')
        .map(|(i, _)| i)
        .take_while(|&i| width(&text[..i], size, bold) <= max)
        .last()
        .filter(|&i| i > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // By hand: "Acme Corp" is 5.48 em at 1000 px (see below), so 55 px at 10 px, and
    // "Acme Corp Acme" is wider than 60 px; a word wider than the line stands alone.
    #[test]
    fn wrap_breaks_between_words_and_keeps_a_long_word_whole() {
        assert_eq!(
            wrap("Acme Corp Acme Corp", 60.0, 10.0, false),
            ["Acme Corp", "Acme Corp"]
        );
        assert_eq!(wrap("  Acme  ", 60.0, 10.0, false), ["Acme"]);
        assert_eq!(
            wrap("Supercalifragilistic ok", 30.0, 10.0, false),
            ["Supercalifragilistic", "ok"]
        );
        assert!(wrap("", 60.0, 10.0, false).is_empty());
    }

    // Widths measured with PIL's ImageFont.getlength on DejaVuSans.ttf and DejaVuSans-Bold.ttf
    // at 1000 px, rounded. The estimate may be wider than the font by a few per cent, never narrower.
    #[test]
    fn the_estimate_errs_wide_of_dejavu_sans() {
        for (text, regular, bold) in [
            ("Acme Corp", 5480.0, 6065.0),
            ("OpenAI API (AWS)", 8901.0, 10144.0),
            ("Customer \u{b7} enterprise", 10939.0, 12360.0),
            ("Product (API) \u{b7} OpenAI", 11081.0, 12731.0),
        ] {
            for (est, measured) in [
                (width(text, 1000.0, false), regular),
                (width(text, 1000.0, true), bold),
            ] {
                assert!(
                    est >= measured && est <= measured * 1.07,
                    "{text}: {est} against {measured}"
                );
            }
        }
    }

    #[test]
    fn a_short_label_keeps_its_size() {
        let f = fit("Acme Corp", 112.0, 14.0, 11.0, true);
        assert_eq!(
            f,
            Fitted {
                text: "Acme Corp".into(),
                size: 14.0,
                cut: false
            }
        );
    }

    #[test]
    fn a_longer_label_is_set_smaller_not_cut() {
        // 16 characters, 10.5 em in bold: too wide for a box's 122 px at 14 px, fits at 11.5.
        let f = fit("OpenAI API (AWS)", 122.0, 14.0, 11.0, true);
        assert!(!f.cut);
        assert!(f.size < 14.0 && f.size >= 11.0, "{f:?}");
        assert!(width(&f.text, f.size, true) <= 122.0);
        assert_eq!(f.size * 2.0, (f.size * 2.0).round(), "half-pixel steps");
    }

    #[test]
    fn a_label_too_long_for_the_floor_is_cut_with_an_ellipsis() {
        let long = "Microsoft Azure OpenAI Service for Government Secret";
        let f = fit(long, 112.0, 14.0, 11.0, true);
        assert!(f.cut);
        assert_eq!(f.size, 11.0);
        assert!(f.text.ends_with('\u{2026}'));
        assert!(long.starts_with(f.text.trim_end_matches('\u{2026}')));
        assert!(width(&f.text, 11.0, true) <= 112.0, "{f:?}");
        assert!(f.text.chars().count() > 8, "as much as fits is kept: {f:?}");
    }

    #[test]
    fn a_label_that_fits_nearly_whole_stays_on_one_line() {
        // "OpenAI API (AWS)" needs 11.5 px for one line of 122, more than two pixels below 14,
        // so it goes on two lines at 14 px, "OpenAI API" and "(AWS)".
        let l = fit_two("OpenAI API (AWS)", 122.0, 14.0, 11.0, true);
        assert_eq!(l.lines, ["OpenAI API", "(AWS)"]);
        assert_eq!((l.size, l.cut), (14.0, false));
        // "Joint API product" (9.6 em in DejaVu bold) fits one line at 12 px.
        let l = fit_two("Joint API product", 122.0, 14.0, 11.0, true);
        assert_eq!(l.lines.len(), 1);
        assert!(l.size >= 12.0 && !l.cut, "{l:?}");
    }

    #[test]
    fn a_long_label_breaks_between_words() {
        for (label, first, second) in [
            ("OpenAI for Government API", "OpenAI for", "Government API"),
            ("Bedrock Stateful Runtime", "Bedrock Stateful", "Runtime"),
            ("Azure OpenAI Service", "Azure OpenAI", "Service"),
        ] {
            let l = fit_two(label, 122.0, 14.0, 11.0, true);
            assert_eq!(l.lines, [first, second], "{label}");
            assert!(!l.cut);
            assert!(l.size >= 12.0, "{label}: {l:?}");
        }
    }

    #[test]
    fn a_label_too_long_for_two_lines_is_cut_on_the_second() {
        let long = "Microsoft Azure OpenAI Service for Government Secret and Top Secret clouds";
        let l = fit_two(long, 122.0, 14.0, 11.0, true);
        assert!(l.cut);
        assert_eq!(l.size, 11.0);
        assert_eq!(l.lines.len(), 2);
        assert!(long.starts_with(&l.lines[0]));
        assert!(l.lines[1].ends_with('\u{2026}'));
        for line in &l.lines {
            assert!(width(line, 11.0, true) <= 122.0, "{line}");
        }
        // One word longer than a line is broken inside, and the rest still shown.
        let l = fit_two(
            "Supercalifragilisticexpialidocious-endpoint",
            122.0,
            14.0,
            11.0,
            true,
        );
        assert_eq!(l.lines.len(), 2);
        assert!(
            l.lines[0].len() > 5 && !l.lines[0].ends_with('\u{2026}'),
            "{l:?}"
        );
        assert!(width(&l.lines[0], 11.0, true) <= 122.0);
    }

    #[test]
    fn one_long_word_is_never_cut_inside_a_character() {
        // Words of growing length ending in two-byte letters: some fit at 12 px, some only at
        // the 11 px floor (then they stay whole on one line), some not even there (then the
        // first line breaks inside the word, at a character).
        let mut seen_floor = false;
        for n in 1..30 {
            let word = format!("{}\u{e9}\u{e9}", "W".repeat(n));
            let l = fit_two(&word, 122.0, 14.0, 11.0, true);
            for line in &l.lines {
                assert!(width(line, l.size, true) <= 122.0, "{word}: {l:?}");
            }
            if !l.cut {
                assert_eq!(l.lines.concat(), word, "nothing lost");
            }
            seen_floor |= l.lines.len() == 1 && l.size == 11.0;
        }
        assert!(seen_floor, "one of the words fits only at the floor");
    }

    #[test]
    fn wide_scripts_count_as_wide() {
        // Eight CJK characters at 14 px bold need about 123 px: too wide for 112 at 14 px.
        let f = fit("日本語のモデル提供", 112.0, 14.0, 11.0, true);
        assert!(f.size < 14.0 || f.cut, "{f:?}");
        assert!(width(&f.text, f.size, true) <= 112.0);
    }

    #[test]
    fn a_cut_never_splits_a_character_and_drops_trailing_space() {
        let f = fit(
            "Ünïcödé Ωmega Überlang Wörter ééééééé",
            60.0,
            12.0,
            11.0,
            false,
        );
        assert!(f.cut);
        assert!(!f.text.contains(" \u{2026}"), "{f:?}");
        let f = fit("", 10.0, 12.0, 11.0, false);
        assert_eq!(f.text, "");
        let f = fit("W", 1.0, 12.0, 11.0, false);
        assert_eq!(f.text, "\u{2026}");
    }
}
