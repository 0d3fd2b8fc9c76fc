//! Share links: round trips, golden links of every format version, lengths, and hostile links.

use base64::Engine;
use dealscope_core::generate;
use dealscope_core::io::link::{
    decode, decode_stored, encode, encode_stored, link_from_packed, link_payload, LinkError,
    Scenario, Sides, MAX_LINK_CHARS,
};
use dealscope_core::io::text::parse_diagram;
use dealscope_core::presets::{Preset, PRESETS};
use proptest::prelude::*;

fn scenario(id: &str) -> Scenario {
    Scenario {
        name: id.into(),
        diagram: Preset::find(id).unwrap().diagram(),
        clauses: String::new(),
    }
}

/// Links carry relations in a canonical order (by tail, head, kind); ids here are positions + 1.
fn canonical(mut s: Scenario) -> Scenario {
    s.diagram.relations.sort_by_key(|r| (r.from, r.to, r.kind));
    s
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 6)
}

#[test]
fn presets_round_trip_and_stay_short() {
    let mut lengths = Vec::new();
    for p in PRESETS {
        let s = scenario(p.id);
        let link = encode(&s);
        assert!(link.starts_with("3."), "{link}");
        assert_eq!(
            decode(&format!("#{link}")).unwrap(),
            canonical(s),
            "{}",
            p.id
        );
        lengths.push(format!("{}={}", p.id, link.len()));
        assert!(link.len() <= 400, "{} is {} characters", p.id, link.len());
    }
    println!("link lengths: {}", lengths.join(" "));
}

#[test]
fn generated_scenarios_meet_the_length_goals() {
    for (size, goal) in [(20, 400), (200, 2000)] {
        let d = generate::diagram(size);
        let link = encode(&Scenario {
            name: String::new(),
            diagram: d.clone(),
            clauses: String::new(),
        });
        println!("{size} components: {} characters", link.len());
        assert!(
            link.len() <= goal,
            "{size} components: {} > {goal}",
            link.len()
        );
        let back = decode(&link).unwrap().diagram;
        assert_eq!(back.components.len(), d.components.len());
        assert_eq!(back.relations.len(), d.relations.len());
    }
}

/// Every format version ever written keeps opening: golden links are committed, never rewritten.
#[test]
fn golden_links_of_every_version_open() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/links");
    let mut versions = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let (link, expect) = text
            .split_once("\n---\n")
            .expect("link, then ---, then the diagram");
        let got = decode(link.trim()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let want = parse_diagram(expect).unwrap();
        assert_eq!(got.diagram.components.len(), want.components.len());
        for (g, w) in got.diagram.components.iter().zip(&want.components) {
            assert_eq!(
                (&g.label, &g.kind, g.x, g.y),
                (&w.label, &w.kind, w.x, w.y),
                "{}",
                path.display()
            );
        }
        assert_eq!(got.diagram.relations, want.relations, "{}", path.display());
        if link.trim().starts_with("2.") || link.trim().starts_with("3.") {
            let parsed = dealscope_core::lang::parse(&got.clauses);
            assert_eq!(parsed.diagnostics, vec![], "{}", path.display());
            assert_eq!(
                parsed.clauses.len(),
                1,
                "{}: the user clause came along",
                path.display()
            );
        }
        versions += 1;
    }
    assert!(versions >= 3, "a golden link for every format version");
}

fn err(link: &str) -> String {
    match decode(link) {
        Ok(s) => panic!(
            "`{}` opened with {} components",
            link.chars().take(40).collect::<String>(),
            s.diagram.components.len()
        ),
        Err(e) => e.to_string(),
    }
}

/// The golden version-1 link (the hand-built hostile payloads below are version 1).
fn golden_v1() -> String {
    include_str!("../fixtures/links/v1-frontier-aws.txt")
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_string()
}

/// A valid version-1 link with its postcard payload changed by `f` before compression.
fn tampered(f: impl Fn(&mut Vec<u8>)) -> String {
    let good = golden_v1();
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&good[2..])
        .unwrap();
    let mut raw = miniz_oxide::inflate::decompress_to_vec(&packed).unwrap();
    f(&mut raw);
    format!("1.{}", b64(&deflate(&raw)))
}

/// Postcard bytes of a hand-built scenario: name, components, relations.
fn wire(name: &str, comps: &[(&str, u8, i32, i32)], rels: &[(u32, u32, u8)]) -> String {
    fn varint(mut v: u64, out: &mut Vec<u8>) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    fn zigzag(v: i32) -> u64 {
        ((v << 1) ^ (v >> 31)) as u32 as u64
    }
    let mut out = Vec::new();
    varint(name.len() as u64, &mut out);
    out.extend_from_slice(name.as_bytes());
    out.push(1); // scale
    varint(comps.len() as u64, &mut out);
    for (label, ..) in comps {
        varint(label.len() as u64, &mut out);
        out.extend_from_slice(label.as_bytes());
    }
    varint(comps.len() as u64, &mut out);
    for (_, kind, ..) in comps {
        varint(*kind as u64, &mut out); // 0 = party, 1 = model (no attributes)
    }
    varint(comps.len() as u64, &mut out);
    for (_, _, x, _) in comps {
        varint(zigzag(*x), &mut out);
    }
    varint(comps.len() as u64, &mut out);
    for (_, _, _, y) in comps {
        varint(zigzag(*y), &mut out);
    }
    for column in 0..3 {
        varint(rels.len() as u64, &mut out);
        for r in rels {
            let v = [r.0, r.1, r.2 as u32][column];
            if column == 2 {
                out.push(v as u8);
            } else {
                varint(v as u64, &mut out);
            }
        }
    }
    format!("1.{}", b64(&deflate(&out)))
}

#[test]
fn hostile_links_get_specific_messages() {
    let good = encode(&scenario("frontier-aws"));
    let mut cases: Vec<(String, &str)> = vec![
        ("".into(), "holds no scenario"),
        ("#".into(), "holds no scenario"),
        ("   ".into(), "holds no scenario"),
        ("hello".into(), "does not start with a format version"),
        ("abc.def".into(), "does not start with a format version"),
        ("-1.abc".into(), "does not start with a format version"),
        ("5.abc".into(), "format version `5`"),
        // Version 4 is not compressed: bytes that are not a scenario are garbled, not damaged.
        ("4.abc".into(), "garbled"),
        ("4.".into(), "garbled"),
        ("99.abc".into(), "format version `99`"),
        ("0.abc".into(), "format version `0`"),
        (
            "4294967296.abc".into(),
            "does not start with a format version",
        ),
        ("1.".into(), "damaged or cut short"),
        ("1.a".into(), "not valid link text"),
        ("1.abc$def".into(), "not valid link text"),
        ("1.abc def".into(), "not valid link text"),
        ("1.<script>alert(1)</script>".into(), "not valid link text"),
        ("1.abc+/==".into(), "not valid link text"),
        ("1.%3Cimg%20src%3Dx%3E".into(), "not valid link text"),
        ("1.AAAA".into(), "damaged or cut short"),
        (
            format!("1.{}", b64(b"not deflate at all")),
            "damaged or cut short",
        ),
        (
            format!("1.{}", "A".repeat(MAX_LINK_CHARS + 1)),
            "over the limit",
        ),
        // A decompression bomb: 4 MB of zeros compresses to a few KB.
        (
            format!("1.{}", b64(&deflate(&vec![0u8; 4 << 20]))),
            "expands to more than",
        ),
        (format!("1.{}", b64(&deflate(b""))), "garbled"),
        (format!("1.{}", b64(&deflate(&[0xff; 64]))), "garbled"),
        (tampered(|raw| raw.push(0)), "garbled"),
        (tampered(|raw| raw.truncate(raw.len() / 2)), "garbled"),
        (tampered(|raw| raw[1] = 0xC8), "garbled"),
        (
            wire("x", &[("A", 1, 0, 0)], &[(0, 5, 1)]),
            "refers to component 6, but there are only 1",
        ),
        (
            wire("x", &[("A", 1, 0, 0)], &[(4_000_000_000, 0, 1)]),
            "refers to component 4000000001",
        ),
        (
            wire(
                "x",
                &[("A", 1, 0, 0), ("B", 0, 0, 0)],
                &[(1, 0, 5), (0, 0, 5)],
            ),
            "appears twice",
        ),
        (
            wire("x", &[("A", 1, 0, 0)], &[(0, 0, 1)]),
            "relation to itself",
        ),
        (
            wire("x", &[("A", 1, 0, 0), ("B", 1, 0, 0)], &[(0, 1, 1)]),
            "a model (`A`) cannot have a `uses` relation to a model (`B`)",
        ),
        (
            wire("x", &[("A", 1, 0, 0), ("B", 1, 0, 0)], &[(0, 1, 0)]),
            "nothing connects a model (`A`) to a model (`B`)",
        ),
        (
            wire("x", &[("A", 1, 0, 0), ("B", 0, 0, 0)], &[(0, 1, 9)]),
            "relation kind `9` is unknown",
        ),
        (wire("x", &[("", 1, 0, 0)], &[]), "empty label"),
        (wire("x", &[("   ", 1, 0, 0)], &[]), "empty label"),
        (
            wire("x", &[(&"L".repeat(81), 1, 0, 0)], &[]),
            "longer than 80",
        ),
        (
            wire("x", &[("bell\u{7}", 1, 0, 0)], &[]),
            "control character U+0007",
        ),
        (
            wire("x", &[("new\nline", 1, 0, 0)], &[]),
            "control character U+000A",
        ),
        (
            wire("x", &[("rtl\u{202e}evil", 1, 0, 0)], &[]),
            "control character U+202E",
        ),
        (
            wire("x", &[("far", 1, 2_000_000, 0)], &[]),
            "outside the canvas",
        ),
        (
            wire("x", &[("far", 1, 0, -1_500_000)], &[]),
            "outside the canvas",
        ),
        (wire(&"n".repeat(200), &[], &[]), "the name"),
        (wire("x", &[("A", 7, 0, 0)], &[]), "garbled"),
    ];
    // Too many components and relations.
    let many: Vec<(String, u8, i32, i32)> =
        (0..5001).map(|i| (format!("c{i}"), 1u8, 0, 0)).collect();
    let many_ref: Vec<(&str, u8, i32, i32)> = many
        .iter()
        .map(|(l, k, x, y)| (l.as_str(), *k, *x, *y))
        .collect();
    cases.push((wire("x", &many_ref, &[]), "5001 components"));
    let rels: Vec<(u32, u32, u8)> = (0..20_001).map(|i| (0, 1 + (i % 2), 5)).collect();
    cases.push((
        wire(
            "x",
            &[("A", 0, 0, 0), ("B", 1, 0, 0), ("C", 1, 0, 0)],
            &rels,
        ),
        "20001 relations",
    ));
    // Truncations of a good link at many points.
    for cut in [3, 10, 20, good.len() / 2, good.len() - 3] {
        cases.push((good[..cut].to_string(), ""));
    }
    // Single-character corruption at several places.
    for at in [2, 9, 30, good.len() / 2, good.len() - 2] {
        let mut bytes = good.clone().into_bytes();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let s = String::from_utf8(bytes).unwrap();
        if decode(&s).is_ok() {
            continue; // a flip in the final padding bits can be harmless
        }
        cases.push((s, ""));
    }
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for (link, want) in &cases {
        let msg = err(link);
        assert!(
            msg.contains(want),
            "`{}…`: {msg}",
            link.chars().take(30).collect::<String>()
        );
        assert!(msg.starts_with("the link"), "{msg}");
        assert!(!msg.ends_with('.'), "{msg}");
    }
}

#[test]
fn user_clauses_travel_in_links() {
    let mut s = scenario("frontier-aws");
    assert!(
        encode(&s).starts_with("3."),
        "links are written in version 3"
    );
    s.clauses = dealscope_core::lang::BUILTIN_TEXT.replace("clause v4 ", "clause mine ");
    let link = encode(&s);
    assert!(link.starts_with("3."), "{link}");
    assert_eq!(decode(&link).unwrap(), canonical(s.clone()));
    // Control characters travel as typed; the clause reader points at them.
    let mut odd = s.clone();
    odd.clauses = "clause odd \"A\u{0}B\"\n".into();
    let back = decode(&encode(&odd)).unwrap();
    assert_eq!(back.clauses, odd.clauses);
    let parsed = dealscope_core::lang::parse(&back.clauses);
    assert!(
        parsed.diagnostics[0]
            .message
            .contains("invisible character U+0000"),
        "{:?}",
        parsed.diagnostics
    );
    // Hostile clause text in an otherwise valid link.
    {
        let (clauses, want) = (
            "x".repeat(dealscope_core::io::link::MAX_CLAUSE_TEXT + 1),
            "can have at most 64 KB",
        );
        let wire = {
            let mut bad = s.clone();
            bad.clauses = clauses;
            encode(&bad)
        };
        let msg = decode(&wire).unwrap_err().to_string();
        assert!(msg.contains(want), "{msg}");
    }
}

#[test]
fn markup_in_labels_survives_as_text() {
    let mut s = scenario("frontier-aws");
    s.diagram.components[0].label = "<img src=x onerror=alert(1)>".into();
    s.diagram.components[1].label = "javascript:alert(1)".into();
    let back = decode(&encode(&s)).unwrap();
    assert_eq!(back, canonical(s));
}

proptest! {
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = decode(&format!("1.{}", b64(&bytes)));
        let _ = decode(&format!("1.{}", b64(&deflate(&bytes))));
        let _ = decode(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn generated_diagrams_round_trip(size in 12usize..120) {
        let d = generate::diagram(size);
        let s = Scenario { name: "g".into(), diagram: d, clauses: String::new() };
        prop_assert_eq!(decode(&encode(&s)).unwrap(), canonical(s));
    }
}

#[test]
fn error_type_is_specific() {
    assert_eq!(decode("7.x"), Err(LinkError::UnknownVersion("7".into())));
}

#[test]
fn every_later_twin_of_a_relation_is_one_problem_in_the_order_drawn() {
    use dealscope_core::model::ProblemCode;
    // The seed's first two relations ("acme uses frontier", "frontier calls api") drawn again:
    // the second, then the first, then the second once more.
    let mut d = dealscope_core::presets::Preset::find("frontier-aws")
        .unwrap()
        .diagram();
    let (uses, calls) = (d.relations[0].clone(), d.relations[1].clone());
    d.relations.extend([calls.clone(), uses, calls]);
    let twins: Vec<String> = d
        .problems()
        .into_iter()
        .filter(|p| p.code == ProblemCode::DuplicateRelation)
        .map(|p| p.message)
        .collect();
    assert_eq!(
        twins,
        [
            "`Frontier` calls `OpenAI API (AWS)` appears twice",
            "`Acme Corp` uses `Frontier` appears twice",
            "`Frontier` calls `OpenAI API (AWS)` appears twice",
        ]
    );
}

/// Saves, files and pictures carry version 4: version 3's payload, not compressed. Each preset,
/// and a generated scenario with clauses, reads back the same from both forms; a link made
/// from the payload with any raw DEFLATE (the browser's, here miniz at another level) opens
/// the same scenario; and a stored text that decodes past the limit is refused.
#[test]
fn stored_text_is_the_link_payload_uncompressed() {
    let mut all: Vec<Scenario> = PRESETS.iter().map(|p| scenario(p.id)).collect();
    all.push(Scenario {
        name: "Generated 200 \u{2014} with clauses".into(),
        diagram: generate::diagram(200),
        clauses: "clause x \"X\"\n  effective 2026-01-01\nend\n".into(),
    });
    for s in all {
        let stored = encode_stored(&s);
        assert_eq!(stored, format!("4.{}", b64(&link_payload(&s))));
        let link = encode(&s);
        assert!(
            link.starts_with("3.") && link.len() < stored.len(),
            "{link}"
        );
        let back = decode_stored(&stored).unwrap();
        assert_eq!(back, decode(&link).unwrap());
        assert_eq!(back, canonical(s.clone()));
        let other = link_from_packed(&deflate(&link_payload(&s)));
        assert_eq!(decode(&other).unwrap(), back);
    }
    let huge = format!("4.{}", b64(&vec![0u8; 600 * 1024]));
    assert_eq!(decode_stored(&huge), Err(LinkError::TooLarge));
}

/// A link can carry a comparison for "What changed", after its scenario or alone; ids of any
/// text travel percent-encoded; a damaged comparison is said, not guessed. Written by hand.
#[test]
fn a_link_carries_a_comparison_after_its_scenario_or_alone() {
    let sides = |l: (&str, &str), r: (&str, &str)| Sides {
        left: (l.0.into(), l.1.into()),
        right: (r.0.into(), r.1.into()),
    };
    let amendment = sides(("v4", "letter"), ("v5", "letter"));
    assert_eq!(amendment.fragment(), "compare=v4:letter,v5:letter");
    assert_eq!(
        Sides::split("#compare=v4:letter,v5:letter"),
        ("", Some(Ok(amendment.clone())))
    );
    assert_eq!(
        Sides::split("3.AbC-_&compare=v4:letter,v5:letter"),
        ("3.AbC-_", Some(Ok(amendment)))
    );
    assert_eq!(Sides::split("#3.AbC"), ("3.AbC", None));
    // A user's clause id with a colon, a comma, a space and an accent.
    let odd = sides(("my:draft, v\u{e9}", "spirit"), ("v2", "letter"));
    assert_eq!(
        odd.fragment(),
        "compare=my%3Adraft%2C%20v%C3%A9:spirit,v2:letter"
    );
    assert_eq!(Sides::split(&odd.fragment()), ("", Some(Ok(odd))));
    for damaged in [
        "compare=v4:letter",
        "compare=v4,v5:letter",
        "compare=:letter,v5:letter",
        "compare=v4:letter,v5:lett%2",
        "compare=v4:let ter,v5:letter",
        "compare=v4:letter,v5:%FF",
    ] {
        let (_, got) = Sides::split(damaged);
        let Some(Err(e)) = got else {
            panic!("{damaged}: {got:?}")
        };
        assert_eq!(
            e.to_string(),
            format!(
                "the comparison `{damaged}` is not two sides such as `compare=v4:letter,v5:letter`"
            )
        );
    }
}
