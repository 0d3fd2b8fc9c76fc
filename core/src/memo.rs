//! The printed report a lawyer can file with a memo: the diagram, the verdict matrix, each
//! breach or open question with its route, explanation and smallest fix, the readings, each
//! version's source, the disclaimer, the date and the share link. One HTML fragment, which the
//! browser prints on one or two pages (its print stylesheet is the app's).

use crate::check::{FindingKind, Report, Verdict};
use crate::clause::{Clause, Reading, PROVENANCE};
use crate::io::svg::{escape, whole};
use crate::model::Diagram;
use alloc::format;
use alloc::string::String;

/// What a report is made of.
pub struct Memo<'a> {
    /// The scenario's name ("" for none).
    pub name: &'a str,
    /// The day it was printed, e.g. "2026-11-28".
    pub date: &'a str,
    /// The link that opens the scenario, or "" when it is too long for one.
    pub link: &'a str,
    /// The diagram as SVG markup, from the app's own renderer (trusted, not escaped).
    pub picture: &'a str,
    /// The diagram checked.
    pub diagram: &'a Diagram,
    /// The clauses checked: the built-in versions, then the user's own.
    pub clauses: &'a [Clause],
    /// How many of `clauses` are built in.
    pub builtin: usize,
    /// The readings.
    pub readings: &'a [Reading],
    /// The diagram's report under them.
    pub report: &'a Report,
}

/// The report, as an HTML fragment. Every text from the user or the record is escaped.
pub fn markup(m: &Memo) -> String {
    let name = if m.name.trim().is_empty() {
        "Untitled scenario"
    } else {
        m.name
    };
    let mut out = format!(
        "<header><h1>{}</h1><p class=\"meta\">Checked on {} by dealscope against {} version{} of the Microsoft\u{2013}OpenAI Azure clause, under the {} reading{}.</p><p class=\"disclaimer\">{PROVENANCE} A verdict follows from the reading named; each reading's assumptions are listed below. This is not legal advice.</p></header>",
        escape(name),
        escape(m.date),
        m.clauses.len(),
        if m.clauses.len() == 1 { "" } else { "s" },
        list(m.readings.iter().map(|r| escape(&r.name))),
        if m.readings.len() == 1 { "" } else { "s" },
    );
    out += &format!("<figure class=\"memo-diagram\">{}</figure>", m.picture);
    matrix(&mut out, m);
    findings(&mut out, m);
    out.push_str("<div class=\"memo-refs\"><h2>The readings</h2><dl>");
    for r in m.readings {
        out += &format!("<dt>{}</dt><dd>{}", escape(&r.name), escape(&r.summary));
        let assumed: alloc::vec::Vec<&str> = r.assumptions.iter().map(|a| a.statement()).collect();
        if !assumed.is_empty() {
            out += &format!(" It assumes that {}.", escape(&assumed.join("; that ")));
        }
        out.push_str("</dd>");
    }
    out.push_str("</dl><h2>The versions and their sources</h2><ol class=\"memo-sources\">");
    for (i, c) in m.clauses.iter().enumerate() {
        out += &format!(
            "<li><strong>{} \u{b7} {} \u{b7} {}</strong>{}. {}</li>",
            escape(&c.id.to_ascii_uppercase()),
            c.effective,
            escape(&c.title),
            if i >= m.builtin {
                " (the user's own clause)"
            } else {
                ""
            },
            match c.source.trim() {
                "" => String::from("No source given."),
                s => format!("Source: {}", escape(s)),
            }
        );
    }
    out.push_str("</ol></div>");
    if m.link.is_empty() {
        out.push_str("<p class=\"memo-link\">This scenario is too large for a link; it travels as an exported file.</p>");
    } else {
        out += &format!(
            "<p class=\"memo-link\">Open this scenario: <span>{}</span></p>",
            escape(m.link)
        );
    }
    out
}

/// "letter and spirit", "a, b and c".
fn list(items: impl Iterator<Item = String>) -> String {
    let items: alloc::vec::Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The verdict matrix: a row per version, a column per reading.
fn matrix(out: &mut String, m: &Memo) {
    out.push_str("<table class=\"memo-matrix\"><thead><tr><th scope=\"col\">Version</th>");
    for r in m.readings {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(&r.name)));
    }
    out.push_str("</tr></thead><tbody>");
    for (c, clause) in m.clauses.iter().enumerate() {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{} \u{b7} {} \u{b7} {}</th>",
            escape(&clause.id.to_ascii_uppercase()),
            clause.effective,
            escape(&clause.title)
        ));
        for r in 0..m.readings.len() {
            let v = m.report.cell(c, r).map(|cell| cell.verdict);
            out.push_str(&match v {
                Some(v) => format!("<td class=\"v-{}\">{}</td>", v.keyword(), v.word()),
                None => String::from("<td></td>"),
            });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// Each cell that does not comply, or whose verdict one assumption or one product fact would
/// flip: its first findings, the smallest fix for a breach, and what would flip it.
fn findings(out: &mut String, m: &Memo) {
    out.push_str("<h2>Breaches, open questions, and what would flip a verdict</h2>");
    let mut cells = alloc::vec::Vec::new();
    for c in 0..m.clauses.len() {
        for r in 0..m.readings.len() {
            let Some(cell) = m.report.cell(c, r) else {
                continue;
            };
            let mut flips: alloc::vec::Vec<String> =
                crate::compare::flips(m.diagram, m.clauses, m.readings, m.report, Some((c, r)))
                    .iter()
                    .map(crate::compare::Flip::sentence)
                    .collect();
            let facts =
                crate::compare::fact_flips(m.diagram, m.clauses, m.readings, m.report, (c, r));
            flips.extend(facts.flips.iter().map(crate::compare::FactFlip::sentence));
            if cell.verdict != Verdict::Complies || !flips.is_empty() {
                cells.push((c, r, cell, flips));
            }
        }
    }
    if cells.is_empty() {
        out.push_str("<p>Nothing drawn breaks any version under any reading, and switching any one assumption of a reading, or any one product's API mark, would not change that.</p>");
        return;
    }
    out.push_str("<div class=\"memo-findings\">");
    if cells
        .iter()
        .any(|(_, _, cell, _)| !cell.findings.is_empty())
    {
        out.push_str("<p class=\"more\">Each route is given the first time it is found.</p>");
    }
    let mut shown: alloc::vec::Vec<String> = alloc::vec::Vec::new();
    for (c, r, cell, flips) in cells {
        let (clause, reading) = (&m.clauses[c], &m.readings[r]);
        out.push_str(&format!(
            "<section class=\"memo-cell\"><h3>{} \u{b7} {} reading: {}</h3>",
            escape(&clause.id.to_ascii_uppercase()),
            escape(&reading.name),
            cell.verdict.word()
        ));
        cell_findings(out, clause, reading, cell, &mut shown);
        if !flips.is_empty() {
            out.push_str(&format!(
                "<p class=\"flip\"><strong>What would flip it:</strong> {}</p>",
                escape(&flips.join(" "))
            ));
        }
        if cell.verdict == Verdict::Breach {
            if let Some(fix) = crate::repair::repair(m.diagram, clause, reading) {
                out.push_str(&format!(
                    "<p class=\"fix\"><strong>Smallest fix:</strong> {}</p>",
                    escape(&fix.explanation)
                ));
            }
        }
        out.push_str("</section>");
    }
    out.push_str("</div>");
}

/// A cell's first finding in full (its route only the first time that route is given), each
/// other sentence it breaks by its words, and the other routes counted.
fn cell_findings(
    out: &mut String,
    clause: &Clause,
    reading: &Reading,
    cell: &crate::check::Cell,
    shown: &mut alloc::vec::Vec<String>,
) {
    let Some(first) = cell.findings.first() else {
        return;
    };
    let sentence = match clause.terms.len() {
        1 => String::new(),
        _ => format!("<strong>Sentence {}:</strong> ", first.term + 1),
    };
    let (why, route) = match first.explanation.rsplit_once(" Route: ") {
        Some((why, route)) if shown.iter().any(|r| r == route) => (why, None),
        Some((why, route)) => (why, Some(route)),
        None => (first.explanation.as_str(), None),
    };
    out.push_str(&format!("<p>{sentence}{}", escape(why)));
    if let Some(route) = route {
        out.push_str(&format!(" Route: {}", escape(route)));
        shown.push(String::from(route));
    }
    out.push_str("</p>");
    let mut told = alloc::vec![first.term];
    let mut rest = cell.more;
    for f in &cell.findings[1..] {
        if told.contains(&f.term) {
            rest += 1;
            continue;
        }
        told.push(f.term);
        out.push_str(&format!(
            "<p><strong>Sentence {}</strong> is {} as well: \u{201c}{}\u{201d}</p>",
            f.term + 1,
            match f.kind {
                FindingKind::Breach => "broken",
                FindingKind::Undetermined => "open",
            },
            escape(&clause.terms[f.term].text_as_read(reading))
        ));
    }
    if rest > 0 {
        out.push_str(&format!(
            "<p class=\"more\">\u{2026} and {rest} more route{} like these, in the app.</p>",
            if rest == 1 { "" } else { "s" }
        ));
    }
}

/// Rows and columns of the verdict matrix drawn into an exported picture, in canvas units.
const MX_ROW: f32 = 28.0;
/// The least width of the matrix picture: room for the readings' summaries to wrap.
const MX_MIN_WIDTH: f32 = 420.0;
/// The matrix picture's title.
const MX_TITLE: &str = "Verdicts under each version of the Microsoft\u{2013}OpenAI Azure terms";
/// What the matrix picture's dates mean, before the sources.
const MX_DATES: &str = "Each version's date is when it took effect, as publicly reported (the month alone where no day is reported). Sources:";
/// The inks of the matrix picture's headings and notes.
const MX_DARK: &str = "fill=\"#1c2430\"";
const MX_MUTED: &str = "fill=\"#5d6878\"";

/// A verdict's colours in pictures: (fill, ink), the app's light theme.
fn verdict_colours(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Complies => ("#e3f3ea", "#1d7a46"),
        Verdict::Breach => ("#fbe7e8", "#b4232c"),
        Verdict::Undetermined => ("#fbf1d9", "#8a6100"),
    }
}

/// Text laid out top to bottom in an exported picture, wrapped to its width.
struct Column {
    out: String,
    /// The baseline of the last line written.
    y: f32,
    width: f32,
}

impl Column {
    /// Writes `t` (plain text) as lines wrapped at `size`, below what is written.
    fn lines(&mut self, t: &str, size: f32, attrs: &str) {
        let bold = attrs.contains("font-weight");
        for line in crate::textfit::wrap(t, self.width, size, bold) {
            self.y += size * 1.4;
            self.text(0.0, attrs, &format!("font-size=\"{}\"", whole(size)), line);
        }
    }

    /// Writes `t` (plain text) at `x` on the current baseline.
    fn text(&mut self, x: f32, attrs: &str, more: &str, t: &str) {
        self.out += &format!(
            "<text x=\"{}\" y=\"{}\" {attrs} {more}>{}</text>",
            whole(x),
            whole(self.y),
            escape(t)
        );
    }
}

/// What the marks on a drawn route mean (the app says it under the findings, and an exported
/// picture under its title).
pub fn route_key(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Breach => "The first route's boxes are numbered hop by hop and outlined: red where a box breaks one of this version's sentences, green for the rest of the route.",
        FindingKind::Undetermined => "The first route's boxes are numbered hop by hop and outlined: amber where a box would break one of this version's sentences, depending on a fact the diagram does not give, green for the rest of the route.",
    }
}

/// The heading of an exported picture with the verdicts, `width` wide: the scenario's name,
/// `note`, what the drawing shows and assumes (a preset's caption, as it opened), and the day
/// it was checked. Returns the
/// markup with its top-left corner at (0, 0), its width and height; `None` when both are empty.
pub fn picture_heading(
    name: &str,
    note: &str,
    date: &str,
    width: f32,
) -> Option<(String, f32, f32)> {
    let width = width.max(MX_MIN_WIDTH);
    let mut page = Column {
        out: String::new(),
        y: 0.0,
        width,
    };
    if !name.trim().is_empty() {
        page.lines(name.trim(), 16.0, &format!("font-weight=\"600\" {MX_DARK}"));
    }
    if !note.is_empty() {
        page.lines(note, 12.0, MX_MUTED);
    }
    if !date.is_empty() {
        page.lines(
            &format!("Checked with dealscope on {date}."),
            12.0,
            MX_MUTED,
        );
    }
    (page.y > 0.0).then(|| {
        let height = page.y + 6.0;
        (
            alloc::format!("<g class=\"heading\">{}</g>", page.out),
            width,
            height,
        )
    })
}

/// The verdict matrix for an exported picture: a title, a row per version ("V5 \u{b7} 2026-04
/// \u{b7} Amendment: any cloud, Azure first"), a column per reading, each cell its verdict's
/// word on its colour, then what each reading takes the words to mean and where the versions
/// come from. When a cell is `chosen` (the diagram shows it), it is outlined and named under
/// the title. Returns the markup with its top-left corner at (0, 0), its width and height.
pub fn matrix_picture(
    clauses: &[Clause],
    readings: &[Reading],
    report: &Report,
    chosen: Option<(usize, usize)>,
) -> (String, f32, f32) {
    let label = |c: &Clause| {
        let id = c.id.to_ascii_uppercase();
        format!("{id} \u{b7} {} \u{b7} {}", c.effective, c.title)
    };
    let head = "font-weight=\"600\"";
    let label_w = clauses
        .iter()
        .map(|c| crate::textfit::width(&label(c), 12.0, true) + 16.0)
        .fold(120.0, f32::max);
    let col = readings
        .iter()
        .map(|r| crate::textfit::width(&r.name, 12.0, true) + 24.0)
        .fold(112.0, f32::max);
    let width = (label_w + col * readings.len() as f32).max(MX_MIN_WIDTH);
    let mut page = Column {
        out: String::new(),
        y: 0.0,
        width,
    };
    page.lines(MX_TITLE, 13.0, &format!("{head} {MX_DARK}"));
    let named =
        chosen.and_then(|(c, r)| Some((clauses.get(c)?, readings.get(r)?, report.cell(c, r)?)));
    if let Some((c, r, cell)) = named {
        let (id, reading) = (c.id.to_ascii_uppercase(), r.name.to_ascii_lowercase());
        let verdict = cell.verdict.word();
        let shown =
            format!("The diagram shows {id} under the {reading} reading, outlined: {verdict}.");
        page.lines(&shown, 12.0, MX_MUTED);
        // What the drawing's marks mean, where it draws a route.
        if let Some(f) = cell.findings.first() {
            page.lines(route_key(f.kind), 12.0, MX_MUTED);
        }
    }
    let top = page.y + 8.0;
    let cell_text = format!("font-size=\"12\" {head} text-anchor=\"middle\"");
    page.y = top + 18.0;
    for (r, reading) in readings.iter().enumerate() {
        let x = label_w + col * r as f32 + col / 2.0;
        page.text(x, MX_MUTED, &cell_text, &reading.name);
    }
    for (c, clause) in clauses.iter().enumerate() {
        let y = top + MX_ROW * (c + 1) as f32;
        page.y = y + 18.0;
        page.text(
            0.0,
            MX_MUTED,
            &format!("font-size=\"12\" {head}"),
            &label(clause),
        );
        for r in 0..readings.len() {
            let Some(cell) = report.cell(c, r) else {
                continue;
            };
            let (fill, ink) = verdict_colours(cell.verdict);
            let x = label_w + col * r as f32;
            let outline = if chosen == Some((c, r)) {
                " stroke=\"#1c2430\" stroke-width=\"2\""
            } else {
                ""
            };
            page.out += &format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{fill}\"{outline}/>",
                whole(x + 2.0),
                whole(y + 2.0),
                whole(col - 4.0),
                whole(MX_ROW - 4.0)
            );
            let ink = format!("fill=\"{ink}\"");
            page.text(x + col / 2.0, &ink, &cell_text, cell.verdict.word());
        }
    }
    page.y = top + MX_ROW * (clauses.len() + 1) as f32 + 8.0;
    for reading in readings {
        page.lines(
            &format!("{}: {}", reading.name, reading.summary),
            11.0,
            MX_MUTED,
        );
    }
    page.y += 6.0;
    page.lines(MX_DATES, 11.0, MX_MUTED);
    for clause in clauses.iter().filter(|c| !c.source.is_empty()) {
        let id = clause.id.to_ascii_uppercase();
        page.lines(&format!("{id}: {}.", clause.source), 11.0, MX_MUTED);
    }
    page.lines(PROVENANCE, 11.0, MX_MUTED);
    let height = page.y + 6.0;
    (
        format!("<g class=\"matrix\">{}</g>", page.out),
        width,
        height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_clauses, builtin_readings, check, presets::Preset};

    fn memo_of(preset: &str, link: &str) -> String {
        let d = Preset::find(preset).unwrap().diagram();
        let (clauses, readings) = (builtin_clauses(), builtin_readings());
        let report = check(&d, &clauses);
        markup(&Memo {
            name: "Frontier <draft> & co",
            date: "2026-11-28",
            link,
            picture: "<svg class=\"pic\"></svg>",
            diagram: &d,
            clauses: &clauses,
            builtin: clauses.len(),
            readings: &readings,
            report: &report,
        })
    }

    // Expected by hand from the seed's verdicts (fixtures/presets.expect) and the timeline.
    #[test]
    fn the_seeds_memo_has_every_part_a_lawyer_files() {
        let m = memo_of("frontier-aws", "https://example.test/#abc");
        for want in [
            // The name escaped, the date, the disclaimer.
            "<h1>Frontier &lt;draft&gt; &amp; co</h1>",
            "Checked on 2026-11-28 by dealscope against 5 versions of the Microsoft\u{2013}OpenAI Azure clause, under the Letter and Spirit readings.",
            PROVENANCE,
            // The picture as given, and the matrix: v1 breaches under both, v5 is open.
            "<figure class=\"memo-diagram\"><svg class=\"pic\"></svg></figure>",
            "<tr><th scope=\"row\">V1 \u{b7} 2019-07 \u{b7} Exclusive cloud</th><td class=\"v-breach\">Breach</td><td class=\"v-breach\">Breach</td></tr>",
            "<td class=\"v-undetermined\">Undetermined</td>",
            // The dispute's cell, its broken sentence and its fix.
            "<h3>V4 \u{b7} Letter reading: Breach</h3>",
            "<strong>Sentence 1:</strong> \u{201c}OpenAI API (AWS)\u{201d} (a stateless API run by OpenAI, hosted on AWS) is covered by this sentence",
            // The route once, in the first cell; not again in the others.
            "research, products and API services.\u{201d} Route: Acme Corp \u{2192} Frontier \u{2192} OpenAI API (AWS) \u{2192} GPT model.</p>",
            "<strong>Smallest fix:</strong> These changes are all needed",
            // Its other broken sentence, by its words, not a second explanation.
            "<p><strong>Sentence 3</strong> is broken as well: \u{201c}OpenAI first-party products, including Frontier, continue to be hosted on Azure.\u{201d}</p>",
            "<h3>V5 \u{b7} Spirit reading: Undetermined</h3>",
            // Readings with assumptions, sources, the link.
            "It assumes that a stateful runtime counts as API access;",
            "Source: tomorrowexplained.com (2026-03)",
            "Open this scenario: <span>https://example.test/#abc</span>",
        ] {
            assert!(m.contains(want), "the memo lacks {want:?}:\n{m}");
        }
        // Eight cells breach and two are open: ten sections, none for a cell that complies.
        assert_eq!(m.matches("<section class=\"memo-cell\">").count(), 10);
        // Every route of the seed is the same one: it is given once.
        assert_eq!(m.matches("Route: ").count(), 1, "{m}");
    }

    // Expected by hand: v3's spirit turns on whether Frontier is an API product (the record
    // does not say), and the memo must say so where it says "Breach".
    #[test]
    fn a_verdict_that_turns_on_an_open_fact_says_so_in_the_memo() {
        let m = memo_of("frontier-via-azure", "");
        let v3 = m
            .split("<h3>V3 \u{b7} Spirit reading: Breach</h3>")
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .expect("a section for v3's spirit");
        assert!(
            v3.contains("<strong>What would flip it:</strong> \u{201c}Frontier\u{201d} is drawn as an API product. If it were not one, the verdict would be Complies, not Breach."),
            "{v3}"
        );
        assert!(m.contains("This is not legal advice."));
    }

    // Expected by hand from the seed's verdicts (fixtures/presets.expect): eight breaches and
    // v5 open under both readings; each row names its version, each reading is explained, and
    // the picture says where the versions come from.
    #[test]
    fn the_exported_matrix_draws_each_verdict_and_names_the_chosen_cell() {
        let d = Preset::find("frontier-aws").unwrap().diagram();
        let (clauses, readings) = (builtin_clauses(), builtin_readings());
        let report = check(&d, &clauses);
        let (m, w, h) = matrix_picture(&clauses, &readings, &report, Some((4, 1)));
        assert!(w >= 420.0 && h > 28.0 * 6.0, "{w} × {h}");
        for want in [
            ">Verdicts under each version of the Microsoft\u{2013}OpenAI Azure terms</text>",
            ">The diagram shows V5 under the spirit reading, outlined: Undetermined.</text>",
            ">The first route's boxes are numbered hop by hop and outlined: amber",
            ">V1 \u{b7} 2019-07 \u{b7} Exclusive cloud</text>",
            ">V4 \u{b7} 2026-02-27 \u{b7} Stateless APIs (the dispute)</text>",
            ">Letter</text>",
            ">Letter: The position attributed to Amazon",
            ">Spirit: Microsoft's stated position.",
            ">Each version's date is when it took effect, as publicly reported",
            ">V1: Microsoft and OpenAI announcements, July 2019",
            ">V4: tomorrowexplained.com (2026-03)",
            ">Each built-in version is a reading of public reporting",
        ] {
            assert!(m.contains(want), "the matrix lacks {want:?}:\n{m}");
        }
        assert_eq!(m.matches(">Breach</text>").count(), 8);
        assert_eq!(m.matches(">Undetermined</text>").count(), 2);
        // One cell outlined, and it is V5's spirit: an Undetermined cell.
        assert_eq!(m.matches("stroke-width").count(), 1);
        let outlined = &m[..m.find("stroke-width").unwrap()];
        let rect = &outlined[outlined.rfind("<rect").unwrap()..];
        assert!(rect.contains("fill=\"#fbf1d9\""), "{rect}");
        // Nothing runs past the picture's width.
        for line in m.split("<text x=\"0\"").skip(1) {
            let t = &line[line.find('>').unwrap() + 1..line.find("</text>").unwrap()];
            let t = t.replace("&quot;", "\"").replace("&amp;", "&");
            let tag = &line[..line.find('>').unwrap()];
            let size = match () {
                _ if tag.contains("font-size=\"11\"") => 11.0,
                _ if tag.contains("font-size=\"13\"") => 13.0,
                _ => 12.0,
            };
            let bold = tag.contains("font-weight");
            assert!(
                crate::textfit::width(&t, size, bold) <= w,
                "{t:?} is wider than {w}"
            );
        }
        let (plain, _, _) = matrix_picture(&clauses, &readings, &report, None);
        assert!(!plain.contains("The diagram shows"));
        assert!(plain.contains(">Verdicts under each version"));
    }

    // Expected by hand: the name, then the caption wrapped to the width; nothing for neither.
    #[test]
    fn an_exported_picture_is_headed_by_its_name_and_what_the_drawing_assumes() {
        let note = Preset::find("frontier-aws").unwrap().summary;
        let (m, w, h) = picture_heading("Frontier <on> AWS", note, "", 300.0).unwrap();
        assert_eq!(w, MX_MIN_WIDTH);
        assert!(m.starts_with("<g class=\"heading\"><text x=\"0\" y=\"22\" font-weight=\"600\" fill=\"#1c2430\" font-size=\"16\">Frontier &lt;on&gt; AWS</text>"), "{m}");
        // The caption whole, in lines that each fit; several lines, and the height counts them.
        let caption: Vec<&str> = m
            .split("font-size=\"12\">")
            .skip(1)
            .map(|line| &line[..line.find("</text>").unwrap()])
            .collect();
        assert_eq!(caption.join(" "), note);
        for t in &caption {
            assert!(crate::textfit::width(t, 12.0, false) <= w, "{t:?}");
        }
        assert!(caption.len() >= 3, "{m}");
        assert!(h > 22.0 + 16.8 * caption.len() as f32, "{h}");
        assert_eq!(picture_heading(" ", "", "", 600.0), None);
        let (only, _, _) = picture_heading("", "A caption.", "", 600.0).unwrap();
        assert_eq!(only.matches("<text").count(), 1);
        let (dated, _, _) = picture_heading("Deal", "", "2026-11-29", 600.0).unwrap();
        assert!(
            dated.ends_with(">Checked with dealscope on 2026-11-29.</text></g>"),
            "{dated}"
        );
    }

    #[test]
    fn a_memo_with_nothing_wrong_says_so_and_a_long_scenario_has_no_link() {
        let m = memo_of("status-quo", "");
        assert!(m.contains("<p>Nothing drawn breaks any version under any reading, and switching any one assumption of a reading, or any one product's API mark, would not change that.</p>"));
        assert_eq!(m.matches("<section class=\"memo-cell\">").count(), 0);
        // No columns for one sentence, and no word about routes when none is given.
        assert!(
            !m.contains("memo-findings") && !m.contains("Each route"),
            "{m}"
        );
        assert!(m.contains("too large for a link"));
        assert!(!m.contains("Open this scenario"));
    }
}
