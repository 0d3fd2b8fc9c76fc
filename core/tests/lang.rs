//! The clause language: the built-ins as text, canonical round trips, diagnostics fixtures.

use dealscope_core::builtin_clauses;
use dealscope_core::lang::{parse, parse_with, print, BUILTIN_IDS, BUILTIN_TEXT};
use proptest::prelude::*;
use std::fmt::Write;

mod common;

#[test]
fn builtin_text_parses_to_exactly_the_checkers_clauses() {
    let parsed = parse_with(BUILTIN_TEXT, &[]);
    assert_eq!(parsed.diagnostics, vec![]);
    assert_eq!(parsed.clauses, builtin_clauses());
    let ids: Vec<&str> = parsed.clauses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, BUILTIN_IDS, "the reserved ids are the built-ins'");
}

#[test]
fn printing_is_canonical_and_round_trips() {
    let clauses = builtin_clauses();
    let text = print(&clauses);
    assert_eq!(parse_with(&text, &[]).clauses, clauses);
    // Messy but valid input prints to the same canonical text.
    let messy = "clause   v9 \"T\"   # a comment\n\n end_is_not_here\n";
    assert!(!parse(messy).diagnostics.is_empty());
    let spaced = text
        .replace("\n  ", "\n \t ")
        .replace(", stateful-api", " ,stateful-api");
    assert_eq!(print(&parse_with(&spaced, &[]).clauses), text);
}

fn render(input: &str) -> String {
    let parsed = parse(input);
    let mut out = String::new();
    let ids: Vec<&str> = parsed.clauses.iter().map(|c| c.id.as_str()).collect();
    writeln!(
        out,
        "clauses: {}",
        if ids.is_empty() {
            "none".into()
        } else {
            ids.join(", ")
        }
    )
    .unwrap();
    for e in &parsed.expectations {
        writeln!(
            out,
            "expect: {} {} {} (line {})",
            e.clause,
            e.reading,
            e.verdict.keyword(),
            e.line
        )
        .unwrap();
    }
    for d in &parsed.diagnostics {
        write!(out, "{}:{}-{}: {}", d.line, d.start, d.end, d.message).unwrap();
        if let Some(s) = &d.suggestion {
            write!(out, " | did you mean `{s}`?").unwrap();
        }
        if let Some(e) = &d.expected {
            write!(out, " | expected {e}").unwrap();
        }
        out.push('\n');
    }
    out
}

#[test]
fn diagnostics_fixtures() {
    common::run("lang", 5, render);
}

proptest! {
    #[test]
    fn any_text_yields_diagnostics_never_a_panic(s in "\\PC{0,300}") {
        let _ = parse(&s);
    }

    #[test]
    fn damaged_builtins_never_panic_and_keep_what_is_whole(cut in 0usize..4000, junk in "[a-z\" #,-]{0,12}") {
        let mut text = BUILTIN_TEXT.to_string();
        let at = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &junk);
        let parsed = parse_with(&text, &[]);
        // Every clause read is one of the built-ins or carries the damage; never more than five.
        prop_assert!(parsed.clauses.len() <= 5);
        if parsed.diagnostics.is_empty() {
            prop_assert_eq!(parsed.clauses.len(), 5);
        }
    }
}

#[test]
fn expectations_are_evaluated_against_the_report() {
    use dealscope_core::check::{expectations, Outcome};
    use dealscope_core::{builtin_readings, check_with, presets::Preset, Verdict};
    let parsed = parse("expect v2 letter complies\nexpect v2 spirit complies\nexpect nope letter breach\nexpect v2 lettr complies\n");
    assert_eq!(parsed.diagnostics, vec![]);
    let clauses = builtin_clauses();
    let readings = builtin_readings();
    let report = check_with(
        &Preset::find("frontier-via-azure").unwrap().diagram(),
        &clauses,
        &readings,
    );
    let got = expectations(&report, &clauses, &readings, &parsed.expectations);
    assert_eq!(got[0].1, Outcome::Met);
    match &got[1].1 {
        Outcome::Failed {
            actual: Verdict::Breach,
            finding: Some(f),
        } => {
            assert!(
                f.explanation.contains("\u{201c}Frontier\u{201d} is not."),
                "{}",
                f.explanation
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        got[2].1,
        Outcome::Unknown("there is no clause `nope`".into())
    );
    assert!(matches!(&got[3].1, Outcome::Unknown(m) if m.contains("no reading `lettr`")));
}

mod generated {
    //! Structure-aware round trips: clause values with every field, every provider (including
    //! named ones with spaces, commas, quotes, backslashes and `#`), printed and read back.
    use dealscope_core::clause::{
        Channel, Clause, Excuse, Exemption, Operated, Requirement, Scope, Term,
    };
    use dealscope_core::lang::{parse, print};
    use dealscope_core::model::{Date, Provider, Segment};
    use proptest::prelude::*;

    /// Text as people write it, and worse: quotes, backslashes, `#`, commas, accents, astral.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 ,.#\"\\\\'()éß–😀-]{1,24}"
            .prop_filter("not blank", |s| !s.trim().is_empty() && s.trim() == s)
    }

    fn provider() -> impl Strategy<Value = Provider> {
        prop_oneof![
            Just(Provider::Azure),
            Just(Provider::Aws),
            Just(Provider::GoogleCloud),
            Just(Provider::Oracle),
            Just(Provider::OnPremises),
            // A name that is a built-in provider's reads as that provider: not generated here.
            text().prop_filter_map("a built-in's name", |n| {
                let p = Provider::Other(n);
                (p.clone().canonical() == p).then_some(p)
            }),
        ]
    }

    fn requirement() -> impl Strategy<Value = Requirement> {
        let excuse = prop_oneof![
            Just(Excuse::Never),
            Just(Excuse::Both),
            Just(Excuse::Either),
            Just(Excuse::AsRead)
        ];
        prop_oneof![
            (provider(), any::<bool>()).prop_map(|(provider, every_hop)| Requirement::ServedOn {
                provider,
                every_hop
            }),
            (provider(), any::<bool>()).prop_map(|(provider, every_hop)| {
                Requirement::RoutedThrough {
                    provider,
                    every_hop,
                }
            }),
            (provider(), excuse)
                .prop_map(|(provider, unless)| Requirement::ShipsFirstOn { provider, unless }),
            Just(Requirement::Nothing),
        ]
    }

    fn channel() -> impl Strategy<Value = Channel> {
        (0..Channel::ALL.len()).prop_map(|i| Channel::ALL[i])
    }

    fn segment() -> impl Strategy<Value = Segment> {
        prop_oneof![Just(Segment::Enterprise), Just(Segment::NationalSecurity)]
    }

    fn term() -> impl Strategy<Value = Term> {
        (
            text(),
            text(),
            proptest::collection::vec(segment(), 0..2),
            proptest::collection::vec(channel(), 1..4),
            (0..3usize).prop_map(|i| Operated::ALL[i]),
            requirement(),
            proptest::collection::vec(
                prop_oneof![
                    segment().prop_map(Exemption::Consumer),
                    channel().prop_map(Exemption::Channel)
                ],
                0..3,
            ),
        )
            .prop_map(
                |(text, owner, mut consumers, mut channels, operated, requirement, exemptions)| {
                    consumers.dedup();
                    channels.sort_by_key(|c| c.keyword());
                    channels.dedup();
                    Term {
                        text,
                        scope: Scope {
                            model_owner: owner,
                            consumers,
                            channels,
                            operated,
                        },
                        requirement,
                        exemptions,
                    }
                },
            )
    }

    fn clause() -> impl Strategy<Value = Clause> {
        (
            "[a-z][a-z0-9-]{0,8}",
            text(),
            (1900u16..2200, 1u8..13, 0u8..29),
            proptest::option::of(text()),
            proptest::collection::vec(term(), 1..4),
        )
            .prop_filter("not a built-in id", |(id, ..)| {
                !id.starts_with('v') || id.len() != 2
            })
            .prop_map(|(id, title, (y, m, d), source, terms)| Clause {
                id,
                title,
                effective: Date::new(y, m, d),
                source: source.unwrap_or_default(),
                terms,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn printed_clauses_read_back_equal(clauses in proptest::collection::vec(clause(), 1..3)) {
            let mut clauses = clauses;
            for (i, c) in clauses.iter_mut().enumerate() {
                c.id = format!("{}-{i}", c.id);
            }
            let text = print(&clauses);
            let parsed = parse(&text);
            prop_assert_eq!(&parsed.diagnostics, &vec![], "{}", text);
            prop_assert_eq!(parsed.clauses, clauses, "{}", text);
        }
    }
}

/// The marks under clause text, drawn as `[...]` around the marked text: `columns` are each
/// diagnostic's 1-based line and character span, as the parser reports them.
fn check_marks(text: &str, columns: &[(usize, usize, usize)], expect: &str) {
    let diagnostics: Vec<dealscope_core::lang::Diagnostic> = columns
        .iter()
        .map(|&(line, start, end)| dealscope_core::lang::Diagnostic {
            line,
            start,
            end,
            message: "m".into(),
            expected: None,
            suggestion: None,
        })
        .collect();
    let mut drawn = String::new();
    let mut at = 0;
    for (s, e) in dealscope_core::lang::marks(text, &diagnostics) {
        write!(drawn, "{}[{}]", &text[at..s], &text[s..e]).unwrap();
        at = e;
    }
    drawn.push_str(&text[at..]);
    assert_eq!(drawn, expect, "marks of {text:?} at {columns:?}");
}

#[test]
fn marks_sit_under_the_faulty_characters() {
    check_marks("owner OpenAI", &[], "owner OpenAI");
    check_marks("ownr OpenAI", &[(1, 1, 5)], "[ownr] OpenAI");
    // Columns count characters, not bytes.
    check_marks(
        "text \"Æsir ünd\" bogus",
        &[(1, 17, 22)],
        "text \"Æsir ünd\" [bogus]",
    );
    check_marks("日本語 x", &[(1, 2, 3), (1, 5, 6)], "日[本]語 [x]");
    // A missing thing marks the character at its column; at the end of the line, nothing.
    check_marks("requires", &[(1, 9, 9)], "requires");
    check_marks("a b", &[(1, 2, 2)], "a[ ]b");
    // Overlapping and repeated spans merge without marking a character twice.
    check_marks("abcdef", &[(1, 1, 4), (1, 3, 6), (1, 3, 6)], "[abc][de]f");
    // Columns past the end stop at the end of their line.
    check_marks("abc\nde", &[(1, 2, 99)], "a[bc]\nde");
    // Lines are found by their number, in any order; lines past the end mark nothing.
    check_marks(
        "clause x \"T\"\n  ownr \"O\"\nend\n",
        &[(3, 1, 4), (2, 3, 7), (9, 1, 2)],
        "clause x \"T\"\n  [ownr] \"O\"\n[end]\n",
    );
    // A diagnostic on an empty last line marks nothing.
    check_marks("a\n", &[(2, 1, 1)], "a\n");
}
