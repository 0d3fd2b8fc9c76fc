//! Files: JSON export and import, and scenarios embedded in exported SVG pictures.
//!
//! Every import goes through the link decoder's validation (limits, references, labels), so a
//! file is exactly as trusted as a link: not at all.

use super::png::Carried;
use super::svg::{whole, SVG_METADATA_ID};
use crate::io::json::{self, Json};
use crate::io::link::{decode_stored, encode_stored, LinkError, Scenario, Sides};
use crate::model::{
    Component, ComponentId, Date, Diagram, Kind, KindTag, Launch, Origin, Provider, Relation,
    RelationKind, Segment, Statefulness,
};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// The `format` field of dealscope's JSON files.
pub const JSON_FORMAT: &str = "dealscope-scenario";
/// The `version` written by this build.
pub const JSON_VERSION: u32 = 1;
pub use crate::limits::MAX_FILE_BYTES;

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(usize),
    /// JSON that does not parse; the message quotes where.
    Json(String),
    /// Not a dealscope file.
    WrongFormat(String),
    /// A newer version.
    UnknownVersion(u32),
    /// An SVG without an embedded scenario.
    NoScenario,
    /// The structure is invalid.
    Invalid(String),
    /// The embedded scenario is a bad link.
    Link(LinkError),
}

impl core::fmt::Display for ImportError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(
                f,
                "the file is {} KB, over the limit of {} KB",
                n / 1024,
                MAX_FILE_BYTES / 1024
            ),
            ImportError::Json(e) => write!(f, "the file is not valid JSON: {e}"),
            ImportError::WrongFormat(s) => write!(
                f,
                "the file is not a dealscope scenario (its format is `{s}`)"
            ),
            ImportError::UnknownVersion(v) => write!(
                f,
                "the file uses version `{v}`, which this version of dealscope cannot read"
            ),
            ImportError::NoScenario => write!(f, "the picture carries no dealscope scenario"),
            ImportError::Invalid(m) => write!(f, "the file's scenario is invalid: {m}"),
            ImportError::Link(e) => write!(f, "{e}"),
        }
    }
}

/// The scenario as pretty JSON, in a flat, readable schema (keywords as in the text form).
pub fn to_json(scenario: &Scenario) -> String {
    to_json_with(scenario, None)
}

/// As [`to_json`], with the comparison "What changed" shows, as a link writes it after
/// `compare=` (`"compare": "v4:letter,v5:letter"`), so that opening the file opens it.
pub fn to_json_with(scenario: &Scenario, compare: Option<&Sides>) -> String {
    use Json::{Arr, Bool, Int, Obj, Str};
    let s = |v: &str| Str(v.into());
    let origin = |o: Origin| {
        s(if o == Origin::FirstParty {
            "first-party"
        } else {
            "third-party"
        })
    };
    let components = scenario
        .diagram
        .components
        .iter()
        .map(|c| {
            let mut m = vec![
                ("id".into(), Int(c.id.0 as i64)),
                ("kind".into(), s(c.kind.tag().keyword())),
                ("label".into(), s(&c.label)),
                ("x".into(), Int(whole(c.x))),
                ("y".into(), Int(whole(c.y))),
            ];
            match &c.kind {
                Kind::Party | Kind::Model => {}
                Kind::Endpoint {
                    state,
                    origin: o,
                    operator,
                } => {
                    let st = if *state == Statefulness::Stateless {
                        "stateless"
                    } else {
                        "stateful"
                    };
                    m.push(("state".into(), s(st)));
                    m.push(("origin".into(), origin(*o)));
                    if let Some(op) = operator {
                        m.push(("operator".into(), s(op)));
                    }
                }
                Kind::Host { provider } => m.push(("provider".into(), Str(provider.keyword()))),
                Kind::Product {
                    origin: o,
                    api,
                    launches,
                    operator,
                    cannot_support,
                    declines_support,
                } => {
                    m.push(("origin".into(), origin(*o)));
                    m.push(("api".into(), Bool(*api)));
                    if let Some(op) = operator {
                        m.push(("operator".into(), s(op)));
                    }
                    if *cannot_support {
                        m.push(("cannot-support".into(), Bool(true)));
                    }
                    if *declines_support {
                        m.push(("declines-support".into(), Bool(true)));
                    }
                    let l = launches
                        .iter()
                        .map(|l| (l.provider.keyword(), Str(format!("{}", l.date))))
                        .collect();
                    m.push(("launches".into(), Obj(l)));
                }
                Kind::Customer { segment } => {
                    m.push(("segment".into(), s(segment.keyword())));
                }
            }
            Obj(m)
        })
        .collect();
    let relations = scenario
        .diagram
        .relations
        .iter()
        .map(|r| {
            Obj(vec![
                ("from".into(), Int(r.from.0 as i64)),
                ("to".into(), Int(r.to.0 as i64)),
                ("kind".into(), s(r.kind.keyword())),
            ])
        })
        .collect();
    let fields = vec![
        ("format".into(), s(JSON_FORMAT)),
        ("version".into(), Int(JSON_VERSION as i64)),
        ("name".into(), s(&scenario.name)),
        ("components".into(), Arr(components)),
        ("relations".into(), Arr(relations)),
        ("clauses".into(), s(&scenario.clauses)),
    ]
    .into_iter()
    .chain(compare.map(|c| {
        let text = c.fragment();
        (
            "compare".into(),
            s(text.strip_prefix("compare=").unwrap_or(&text)),
        )
    }))
    .collect::<Vec<_>>();
    Obj(fields).pretty()
}

/// Reads the diagram of a parsed JSON file; every fault names the item and quotes the value.
fn from_json(v: &Json) -> Result<Diagram, ImportError> {
    let bad = ImportError::Invalid;
    let text = |o: &Json, key: &str, what: &str| -> Result<String, ImportError> {
        o.get(key)
            .and_then(|v| v.as_str())
            .map(String::from)
            .ok_or_else(|| bad(format!("{what} has no text `{key}`")))
    };
    let number = |o: &Json, key: &str, what: &str| -> Result<i64, ImportError> {
        o.get(key)
            .and_then(|v| v.as_int())
            .ok_or_else(|| bad(format!("{what} has no number `{key}`")))
    };
    let mut d = Diagram::default();
    let items = v
        .get("components")
        .and_then(|c| c.as_arr())
        .ok_or_else(|| bad("there is no `components` list".into()))?;
    for (i, c) in items.iter().enumerate() {
        let what = format!("component {}", i + 1);
        let id = number(c, "id", &what)?;
        let id = u32::try_from(id).map_err(|_| bad(format!("{what} has an invalid id `{id}`")))?;
        let word = text(c, "kind", &what)?;
        let tag = KindTag::ALL
            .into_iter()
            .find(|k| k.keyword() == word)
            .ok_or_else(|| bad(format!("{what} has an unknown kind `{word}`")))?;
        let attr = |key: &str, options: &[&str]| -> Result<Option<usize>, ImportError> {
            match c.get(key) {
                None => Ok(None),
                Some(v) => {
                    let w = v.as_str().unwrap_or("");
                    options
                        .iter()
                        .position(|o| *o == w)
                        .map(Some)
                        .ok_or_else(|| {
                            let shown: String = w.chars().take(24).collect();
                            bad(format!(
                                "{what} has `{key}` = `{shown}`; expected one of {}",
                                options.join(", ")
                            ))
                        })
                }
            }
        };
        let operator = |c: &Json| -> Result<Option<String>, ImportError> {
            match c.get("operator") {
                None | Some(Json::Null) => Ok(None),
                Some(v) => v
                    .as_str()
                    .map(|s| Some(s.into()))
                    .ok_or_else(|| bad(format!("{what} has an `operator` that is not text"))),
            }
        };
        let origin = |at: Option<usize>| {
            if at == Some(1) {
                Origin::ThirdParty
            } else {
                Origin::FirstParty
            }
        };
        let kind = match tag {
            KindTag::Party => Kind::Party,
            KindTag::Model => Kind::Model,
            KindTag::Endpoint => Kind::Endpoint {
                state: if attr("state", &["stateless", "stateful"])? == Some(1) {
                    Statefulness::Stateful
                } else {
                    Statefulness::Stateless
                },
                origin: origin(attr("origin", &["first-party", "third-party"])?),
                operator: operator(c)?,
            },
            KindTag::Host => {
                let p = text(c, "provider", &what)?;
                let provider = Provider::from_keyword(&p)
                    .ok_or_else(|| bad(format!("{what} has an unknown provider `{p}`")))?;
                Kind::Host { provider }
            }
            KindTag::Product => {
                let mut launches = Vec::new();
                if let Some(Json::Obj(members)) = c.get("launches") {
                    for (p, date) in members {
                        let provider = Provider::from_keyword(p).ok_or_else(|| {
                            bad(format!("{what} has a launch on an unknown provider `{p}`"))
                        })?;
                        let date = Date::parse(date.as_str().unwrap_or(""))
                            .map_err(|e| bad(format!("{what}: {e}")))?;
                        launches.push(Launch { provider, date });
                    }
                }
                Kind::Product {
                    origin: origin(attr("origin", &["first-party", "third-party"])?),
                    api: !matches!(c.get("api"), Some(Json::Bool(false))),
                    launches,
                    operator: operator(c)?,
                    cannot_support: matches!(c.get("cannot-support"), Some(Json::Bool(true))),
                    declines_support: matches!(c.get("declines-support"), Some(Json::Bool(true))),
                }
            }
            KindTag::Customer => Kind::Customer {
                segment: attr("segment", &Segment::ALL.map(Segment::keyword))?
                    .map_or(Segment::Enterprise, |i| Segment::ALL[i]),
            },
        };
        let coord = |key: &str| -> Result<f32, ImportError> {
            let n = number(c, key, &what)?;
            if n.abs() > crate::io::link::MAX_COORD as i64 {
                return Err(bad(format!(
                    "{what} is placed outside the canvas (`{key}` = {n})"
                )));
            }
            Ok(n as f32)
        };
        let (x, y) = (coord("x")?, coord("y")?);
        d.components.push(Component {
            id: ComponentId(id),
            label: text(c, "label", &what)?,
            kind,
            x,
            y,
        });
    }
    if let Some(rels) = v.get("relations") {
        let rels = rels
            .as_arr()
            .ok_or_else(|| bad("`relations` is not a list".into()))?;
        for (i, r) in rels.iter().enumerate() {
            let what = format!("relation {}", i + 1);
            let id = |key: &str| -> Result<ComponentId, ImportError> {
                let n = number(r, key, &what)?;
                u32::try_from(n)
                    .map(ComponentId)
                    .map_err(|_| bad(format!("{what} has an invalid `{key}` `{n}`")))
            };
            let word = text(r, "kind", &what)?;
            let kind = RelationKind::from_keyword(&word)
                .ok_or_else(|| bad(format!("{what} has an unknown kind `{word}`")))?;
            d.relations.push(Relation {
                from: id("from")?,
                to: id("to")?,
                kind,
            });
        }
    }
    Ok(d)
}

/// Checks what the link format cannot express, then validates through the link codec.
fn validated(name: String, d: &Diagram, clauses: String) -> Result<Scenario, ImportError> {
    let mut ids: Vec<ComponentId> = Vec::with_capacity(d.components.len());
    for c in &d.components {
        if !c.x.is_finite() || !c.y.is_finite() {
            return Err(ImportError::Invalid(format!(
                "`{}` has an invalid position",
                c.label
            )));
        }
        ids.push(c.id);
    }
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(ImportError::Invalid(format!(
            "two components share the id {}",
            w[0].0
        )));
    }
    for r in &d.relations {
        for end in [r.from, r.to] {
            if ids.binary_search(&end).is_err() {
                return Err(ImportError::Invalid(format!(
                    "a `{}` relation refers to component {}, which does not exist",
                    r.kind.keyword(),
                    end.0
                )));
            }
        }
    }
    let relabelled = Scenario {
        name,
        diagram: d.clone(),
        clauses,
    };
    decode_stored(&encode_stored(&relabelled)).map_err(|e| match e {
        LinkError::Invalid(m) => ImportError::Invalid(m),
        other => ImportError::Link(other),
    })
}

/// Reads a JSON file, an exported SVG, or link text.
pub fn import(text: &str) -> Result<Scenario, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.starts_with('{') {
        let v = json::parse(t).map_err(ImportError::Json)?;
        let format = v.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != JSON_FORMAT {
            return Err(ImportError::WrongFormat(format.chars().take(40).collect()));
        }
        let version = v.get("version").and_then(|f| f.as_int()).unwrap_or(0);
        if version != JSON_VERSION as i64 {
            return Err(ImportError::UnknownVersion(
                version.clamp(0, u32::MAX as i64) as u32,
            ));
        }
        let name = v
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .to_string();
        let clauses = match v.get("clauses") {
            None => String::new(),
            Some(c) => c
                .as_str()
                .map(String::from)
                .ok_or_else(|| ImportError::Invalid("`clauses` is not text".into()))?,
        };
        return validated(name, &from_json(&v)?, clauses);
    }
    if t.starts_with('<') {
        let open = format!("<metadata id=\"{SVG_METADATA_ID}\">");
        let start = t.find(&open).ok_or(ImportError::NoScenario)? + open.len();
        let end = t[start..]
            .find("</metadata>")
            .ok_or(ImportError::NoScenario)?
            + start;
        return decode_stored(t[start..end].trim()).map_err(ImportError::Link);
    }
    let link = t.rsplit_once('#').map_or(t, |(_, l)| l);
    decode_stored(link).map_err(ImportError::Link)
}

/// The stem of an exported file's name, from the scenario's name: letters (ASCII ones lowered)
/// and digits, every other run of characters one `-`, at most 40 characters, cut at a word's
/// end when there is one, and `scenario` when nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            // ASCII lowering only: Unicode's case tables would cost the wasm about 6 KB gzip.
            stem.push(c.to_ascii_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    const MAX: usize = 40;
    if stem.chars().count() > MAX {
        let cut: String = stem.chars().take(MAX + 1).collect();
        // The last word boundary within the limit; a single longer word is cut at the limit.
        stem = match cut.rfind('-') {
            Some(at) if at > 0 => cut[..at].to_string(),
            _ => cut.chars().take(MAX).collect(),
        };
    }
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "scenario".into()
    } else {
        stem.into()
    }
}

/// The comparison a JSON file carries for "What changed", if any, read or refused with the
/// reason (a file [`import`] reads otherwise).
pub fn comparison(bytes: &[u8]) -> Option<Result<Sides, LinkError>> {
    let text = core::str::from_utf8(bytes).ok()?;
    let t = text.trim_start_matches('\u{feff}').trim();
    if !t.starts_with('{') || t.len() > MAX_FILE_BYTES {
        return None;
    }
    let v = json::parse(t).ok()?;
    let compare = v.get("compare")?;
    let value = compare.as_str().unwrap_or("");
    Sides::split(&format!("compare={value}")).1
}

/// As `io::inflate::pending`, for an imported file's bytes: a PNG's carried link, or the text.
pub fn pending(bytes: &[u8]) -> Vec<Vec<u8>> {
    match super::png::carried(bytes) {
        Carried::Link(link) => super::inflate::pending(link),
        _ => super::inflate::pending(&String::from_utf8_lossy(bytes)),
    }
}

/// Reads an imported file's bytes: a PNG exported by dealscope, or any text form [`import`]
/// reads.
pub fn import_bytes(bytes: &[u8]) -> Result<Scenario, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    match super::png::carried(bytes) {
        Carried::NotPng => {}
        Carried::Damaged(why) => return Err(ImportError::Invalid(why)),
        Carried::Nothing => return Err(ImportError::NoScenario),
        Carried::Link(link) => return decode_stored(link).map_err(ImportError::Link),
    }
    match core::str::from_utf8(bytes) {
        Ok(text) => import(text),
        Err(_) => Err(ImportError::Invalid(
            "the file is neither text nor a PNG from dealscope".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_stem_keeps_whole_words() {
        for (name, want) in [
            ("Frontier on AWS", "frontier-on-aws"),
            ("  Bedrock: stateful runtime!! ", "bedrock-stateful-runtime"),
            ("V1 copy", "v1-copy"),
            ("", "scenario"),
            ("***", "scenario"),
            ("Übersicht Café", "Übersicht-café"),
            // 41 characters: cut at the end of the last whole word, not mid-word.
            (
                "Frontier on AWS, calling an AWS-hosted API",
                "frontier-on-aws-calling-an-aws-hosted",
            ),
            (
                "exactly forty characters long, isn't it?",
                "exactly-forty-characters-long-isn-t-it",
            ),
            (&"x".repeat(50), &"x".repeat(40)),
        ] {
            assert_eq!(file_stem(name), want, "{name:?}");
        }
    }

    use super::*;
    use crate::io::png::{png_from_data_url, png_with_scenario};
    use crate::io::svg::svg_picture;
    use crate::presets::Preset;

    fn scenario() -> Scenario {
        Scenario {
            name: "Frontier <draft>".into(),
            diagram: Preset::find("frontier-aws").unwrap().diagram(),
            clauses: String::new(),
        }
    }

    fn sorted(mut s: Scenario) -> Scenario {
        s.diagram.relations.sort_by_key(|r| (r.from, r.to, r.kind));
        s
    }

    #[test]
    fn json_and_svg_round_trip() {
        let s = scenario();
        assert_eq!(import(&to_json(&s)).unwrap(), sorted(s.clone()));
        let svg = svg_picture("<g/>", "", "", &s, (0.0, 0.0, 100.0, 100.0), (None, None));
        assert!(svg.contains("<title>Frontier &lt;draft&gt;</title>"));
        assert_eq!(import(&svg).unwrap(), sorted(s.clone()));
        #[cfg(feature = "miniz")]
        assert_eq!(
            import(&format!("https://x.test/#{}", crate::io::link::encode(&s))).unwrap(),
            sorted(s)
        );
    }

    /// Operators, launch dates and Microsoft's support travel in every format.
    #[test]
    fn every_format_carries_operators_and_the_amendments_facts() {
        for p in crate::presets::PRESETS {
            let s = Scenario {
                name: p.id.into(),
                diagram: p.diagram(),
                clauses: String::new(),
            };
            let want = sorted(s.clone());
            assert_eq!(import(&to_json(&s)).unwrap(), want, "{} json", p.id);
            let svg = svg_picture("<g/>", "", "", &s, (0.0, 0.0, 100.0, 100.0), (None, None));
            assert_eq!(import(&svg).unwrap(), want, "{} svg", p.id);
            let png =
                png_with_scenario(&png_from_data_url(crate::io::png::tests::TINY).unwrap(), &s)
                    .unwrap();
            assert_eq!(import_bytes(&png).unwrap(), want, "{} png", p.id);
        }
        let json = to_json(&Scenario {
            name: String::new(),
            diagram: Preset::find("amendment-declined").unwrap().diagram(),
            clauses: String::new(),
        });
        assert!(json.contains("\"operator\": \"OpenAI\""), "{json}");
        assert!(json.contains("\"declines-support\": true"), "{json}");
    }

    #[test]
    fn bad_files_get_specific_messages() {
        let json = to_json(&scenario());
        let cases: Vec<(String, &str)> = vec![
            ("{".into(), "not valid JSON"),
            ("{\"format\":\"other\"}".into(), "format is `other`"),
            (
                json.replace("\"version\": 1", "\"version\": 9"),
                "version `9`",
            ),
            (
                json.replacen("\"x\": 40,", "\"x\": 1e999,", 1),
                "not valid JSON",
            ),
            (json.replacen("\"id\": 2", "\"id\": 1", 1), "share the id 1"),
            (
                json.replacen("\"to\": 2", "\"to\": 77", 1),
                "component 77, which does not exist",
            ),
            (
                json.replacen("\"label\": \"Acme Corp\"", "\"label\": \"\"", 1),
                "empty label",
            ),
            ("<svg></svg>".into(), "carries no dealscope scenario"),
            (
                "<svg><metadata id=\"dealscope-scenario\">1.AAAA</metadata></svg>".into(),
                "damaged",
            ),
            ("x".repeat(MAX_FILE_BYTES + 1), "over the limit"),
        ];
        for (text, want) in cases {
            let msg = import(&text).unwrap_err().to_string();
            assert!(msg.contains(want), "{want}: {msg}");
        }
    }
}
