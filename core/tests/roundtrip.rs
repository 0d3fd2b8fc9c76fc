//! Whatever the editor makes reads back. Arbitrary sequences of editor commands (the canvas,
//! the inspector, paste), over arbitrary Unicode (bidi controls, zero-width, astral, controls,
//! line separators), dates and sizes, are either refused at entry with a message or leave a
//! scenario whose link, save and file text decode back equal.

use dealscope_core::edit::{Command, History};
use dealscope_core::io::file::{import, to_json};
use dealscope_core::io::link::{decode, decode_stored, encode, encode_verified, Scenario};
use dealscope_core::model::{
    Component, ComponentId, Date, Diagram, Kind, KindTag, Launch, Provider, RelationKind,
};
use dealscope_core::presets::Preset;
use proptest::prelude::*;

/// Characters people paste, and worse.
fn wild_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => prop::sample::select(vec![
            '\u{202e}', '\u{202a}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
            '\u{200b}', '\u{200d}', '\u{feff}', '\u{2028}', '\u{2029}', '\u{0}', '\t', '\n',
            '\r', '\u{c}', '\u{85}', '\u{7f}', '😀', '𝔸', 'é', '\u{301}', '"', '\\', '#', ',',
        ]),
    ]
}

fn wild_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(wild_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn wild_provider() -> impl Strategy<Value = Provider> {
    prop_oneof![
        (0..5usize).prop_map(|i| Provider::BUILT_IN[i].clone()),
        wild_text(90).prop_map(Provider::Other),
        prop::sample::select(vec!["Azure", " aws ", "Google Cloud", "on-prem", ""])
            .prop_map(|n| Provider::Other(n.into())),
    ]
}

fn wild_date() -> impl Strategy<Value = Date> {
    (prop_oneof![1800u16..2300, any::<u16>()], 0u8..14, 0u8..33)
        .prop_map(|(y, m, d)| Date::new(y, m, d))
}

fn wild_float() -> impl Strategy<Value = f32> {
    prop_oneof![
        -3000.0f32..3000.0,
        Just(f32::NAN),
        Just(f32::INFINITY),
        Just(9.9e8f32),
        Just(-2.0e6f32)
    ]
}

/// One step, with positions into the current diagram taken modulo its size.
#[derive(Clone, Debug)]
enum Step {
    Add(usize, f32, f32),
    Move(usize, f32, f32),
    Connect(usize, usize),
    Label(usize, String),
    Operator(usize, String),
    Host(usize, Provider),
    HostName(usize, Provider),
    Launches(usize, Vec<(Provider, Date)>),
    Delete(usize),
    CopyPaste(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..6usize, wild_float(), wild_float()).prop_map(|(k, x, y)| Step::Add(k, x, y)),
        (any::<usize>(), wild_float(), wild_float()).prop_map(|(i, x, y)| Step::Move(i, x, y)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Connect(a, b)),
        (any::<usize>(), wild_text(100)).prop_map(|(i, t)| Step::Label(i, t)),
        (any::<usize>(), wild_text(100)).prop_map(|(i, t)| Step::Operator(i, t)),
        (any::<usize>(), wild_provider()).prop_map(|(i, p)| Step::Host(i, p)),
        (any::<usize>(), wild_provider()).prop_map(|(i, p)| Step::HostName(i, p)),
        (
            any::<usize>(),
            proptest::collection::vec((wild_provider(), wild_date()), 0..20)
        )
            .prop_map(|(i, l)| Step::Launches(i, l)),
        any::<usize>().prop_map(Step::Delete),
        (any::<usize>(), 1..40usize).prop_map(|(i, n)| Step::CopyPaste(i, n)),
    ]
}

fn pick(d: &Diagram, i: usize) -> Option<&Component> {
    (!d.components.is_empty()).then(|| &d.components[i % d.components.len()])
}

/// The command a step stands for, as the canvas or the inspector would issue it.
fn command(d: &Diagram, step: Step) -> Option<Command> {
    Some(match step {
        Step::Add(k, x, y) => Command::Add {
            kind: KindTag::ALL[k],
            x,
            y,
        },
        Step::Move(i, dx, dy) => Command::Move {
            ids: vec![pick(d, i)?.id],
            dx,
            dy,
        },
        Step::Connect(a, b) => Command::Connect {
            from: pick(d, a)?.id,
            to: pick(d, b)?.id,
            kind: None,
        },
        Step::Label(i, label) => Command::SetLabel {
            id: pick(d, i)?.id,
            label,
        },
        Step::Operator(i, name) => {
            let c = pick(d, i)?;
            let mut kind = c.kind.clone();
            kind.set_operator(Some(name));
            Command::SetKind { id: c.id, kind }
        }
        Step::Host(i, provider) => Command::SetHosting {
            id: pick(d, i)?.id,
            provider: Some(provider),
        },
        Step::HostName(i, provider) => {
            let c = pick(d, i)?;
            Command::SetKind {
                id: c.id,
                kind: match c.kind {
                    Kind::Host { .. } => Kind::Host { provider },
                    _ => return None,
                },
            }
        }
        Step::Launches(i, list) => {
            let c = pick(d, i)?;
            let mut kind = c.kind.clone();
            let Kind::Product { launches, .. } = &mut kind else {
                return None;
            };
            *launches = list
                .into_iter()
                .map(|(provider, date)| Launch { provider, date })
                .collect();
            Command::SetKind { id: c.id, kind }
        }
        Step::Delete(i) => Command::Delete {
            components: vec![pick(d, i)?.id],
            relations: Vec::new(),
        },
        Step::CopyPaste(start, n) => {
            pick(d, start)?;
            let len = d.components.len();
            let components: Vec<Component> = (0..n.min(len))
                .map(|k| d.components[(start + k) % len].clone())
                .collect();
            let ids: Vec<ComponentId> = components.iter().map(|c| c.id).collect();
            Command::Paste {
                relations: d
                    .relations
                    .iter()
                    .filter(|r| ids.contains(&r.from) && ids.contains(&r.to))
                    .cloned()
                    .collect(),
                components,
                dx: 40.0,
                dy: 40.0,
            }
        }
    })
}

/// The scenario as the codec keeps it: ids are positions, relations sorted.
fn canonical(s: &Scenario) -> Scenario {
    let mut out = s.clone();
    let pos = |id: ComponentId| {
        ComponentId(
            s.diagram
                .components
                .iter()
                .position(|c| c.id == id)
                .unwrap() as u32
                + 1,
        )
    };
    for (i, c) in out.diagram.components.iter_mut().enumerate() {
        c.id = ComponentId(i as u32 + 1);
    }
    for r in &mut out.diagram.relations {
        (r.from, r.to) = (pos(r.from), pos(r.to));
    }
    out.diagram
        .relations
        .sort_by_key(|r| (r.from, r.to, r.kind));
    out
}

fn start() -> Diagram {
    Preset::find("frontier-aws").unwrap().diagram()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn whatever_the_editor_makes_reads_back(
        steps in proptest::collection::vec(step(), 1..30),
        name in wild_text(150),
        clauses in wild_text(200),
    ) {
        let mut h = History::new(start());
        for s in steps {
            let Some(c) = command(h.diagram(), s) else { continue };
            if let Err(message) = h.apply(c) {
                // Refused at entry: with a specific message, and nothing changed.
                prop_assert!(!message.is_empty());
            }
        }
        let scenario = Scenario {
            name: dealscope_core::io::saves::clean_name(&name),
            diagram: (**h.diagram()).clone(),
            clauses: if dealscope_core::limits::clause_text(&clauses).is_ok() { clauses } else { String::new() },
        };
        let want = canonical(&scenario);
        let link = encode(&scenario);
        prop_assert_eq!(decode_stored(&link).map_err(|e| e.to_string()), Ok(want.clone()));
        if link.len() <= dealscope_core::io::link::MAX_LINK_CHARS {
            prop_assert_eq!(decode(&link).map_err(|e| e.to_string()), Ok(want.clone()));
        }
        prop_assert!(encode_verified(&scenario).is_ok());
        // The JSON file reads back the same.
        let back = import(&to_json(&scenario)).map_err(|e| e.to_string());
        prop_assert_eq!(back, Ok(want));
    }
}

/// Select all, copy and paste until the limit: the paste that would pass it is refused, and
/// what was made reads back.
#[test]
fn pasting_past_the_limit_is_refused_and_the_rest_reads_back() {
    let mut h = History::new(dealscope_core::generate::diagram(1_200));
    let mut refused = None;
    for _ in 0..6 {
        let d = h.diagram().clone();
        let command = Command::Paste {
            components: d.components.clone(),
            relations: d.relations.clone(),
            dx: 40.0,
            dy: 40.0,
        };
        if let Err(e) = h.apply(command) {
            refused = Some(e);
            break;
        }
    }
    let message = refused.expect("a paste is refused before the diagram passes the limit");
    assert!(message.contains("at most 5000 components"), "{message}");
    let s = Scenario {
        name: "big".into(),
        diagram: (**h.diagram()).clone(),
        clauses: String::new(),
    };
    assert_eq!(decode_stored(&encode(&s)), Ok(canonical(&s)));
}

#[test]
fn relation_kinds_stay_as_inferred() {
    // Connecting a customer to a product infers `uses`: what the link's code 0 means.
    let mut h = History::new(start());
    let d = h.diagram().clone();
    let customer = d
        .components
        .iter()
        .find(|c| c.kind.tag() == KindTag::Customer)
        .unwrap();
    let product = d
        .components
        .iter()
        .find(|c| c.kind.tag() == KindTag::Product)
        .unwrap();
    // The start already joins them, so the connection is refused, naming the inferred kind.
    match h.apply(Command::Connect {
        from: customer.id,
        to: product.id,
        kind: None,
    }) {
        Ok(_) => {}
        Err(e) => assert!(e.contains("already uses"), "{e}"),
    }
    assert!(h
        .diagram()
        .relations
        .iter()
        .any(|r| r.from == customer.id && r.to == product.id && r.kind == RelationKind::Uses));
}

/// A JSON file can carry the comparison "What changed" shows, and still imports as the same
/// scenario; a file without one carries none, and a damaged one is refused with the reason.
#[test]
fn a_json_file_carries_a_comparison() {
    use dealscope_core::io::file::{comparison, to_json_with};
    use dealscope_core::io::link::Sides;
    let sc = Scenario {
        name: "Seed".into(),
        diagram: Preset::find("frontier-aws").unwrap().diagram(),
        clauses: String::new(),
    };
    let sides = Sides {
        left: ("v4".into(), "letter".into()),
        right: ("v5".into(), "letter".into()),
    };
    let text = to_json_with(&sc, Some(&sides));
    assert!(
        text.contains("\"compare\": \"v4:letter,v5:letter\""),
        "{text}"
    );
    assert_eq!(comparison(text.as_bytes()), Some(Ok(sides)));
    assert_eq!(import(&text).unwrap(), import(&to_json(&sc)).unwrap());
    assert_eq!(comparison(to_json(&sc).as_bytes()), None);
    let damaged = text.replace("v4:letter,v5:letter", "v4");
    let Some(Err(e)) = comparison(damaged.as_bytes()) else {
        panic!("a damaged comparison is refused");
    };
    assert_eq!(
        e.to_string(),
        "the comparison `compare=v4` is not two sides such as `compare=v4:letter,v5:letter`"
    );
}
