//! Files: JSON export and import, and scenarios embedded in exported SVG pictures.
//!
//! Every import goes through the link decoder's validation (limits, references, labels), so a
//! file is exactly as trusted as a link: not at all.

use crate::link::{decode, encode, LinkError, Scenario};
use crate::model::{ComponentId, Diagram};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// The `format` field of dealscope's JSON files.
pub const JSON_FORMAT: &str = "dealscope-scenario";
/// The `version` written by this build.
pub const JSON_VERSION: u32 = 1;
/// The id of the `<metadata>` element that carries the scenario in an exported SVG.
pub const SVG_METADATA_ID: &str = "dealscope-scenario";
/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct JsonFile {
    format: String,
    version: u32,
    name: String,
    diagram: Diagram,
}

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

/// The scenario as pretty JSON.
pub fn to_json(scenario: &Scenario) -> String {
    let file = JsonFile {
        format: JSON_FORMAT.into(),
        version: JSON_VERSION,
        name: scenario.name.clone(),
        diagram: scenario.diagram.clone(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Checks what the link format cannot express, then validates through the link codec.
fn validated(name: String, d: &Diagram) -> Result<Scenario, ImportError> {
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
    };
    decode(&encode(&relabelled)).map_err(|e| match e {
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
        let v: serde_json::Value =
            serde_json::from_str(t).map_err(|e| ImportError::Json(format!("{e}")))?;
        let format = v.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != JSON_FORMAT {
            return Err(ImportError::WrongFormat(format.chars().take(40).collect()));
        }
        let version = v.get("version").and_then(|f| f.as_u64()).unwrap_or(0);
        if version != JSON_VERSION as u64 {
            return Err(ImportError::UnknownVersion(
                version.min(u32::MAX as u64) as u32
            ));
        }
        let file: JsonFile =
            serde_json::from_value(v).map_err(|e| ImportError::Json(format!("{e}")))?;
        return validated(file.name, &file.diagram);
    }
    if t.starts_with('<') {
        let open = format!("<metadata id=\"{SVG_METADATA_ID}\">");
        let start = t.find(&open).ok_or(ImportError::NoScenario)? + open.len();
        let end = t[start..]
            .find("</metadata>")
            .ok_or(ImportError::NoScenario)?
            + start;
        return decode(t[start..end].trim()).map_err(ImportError::Link);
    }
    let link = t.rsplit_once('#').map_or(t, |(_, l)| l);
    decode(link).map_err(ImportError::Link)
}

/// Wraps the canvas's inner markup as a standalone SVG picture that carries the scenario.
/// `inner` is trusted markup produced by the app's own renderer; `style` is its stylesheet.
pub fn svg_picture(
    inner: &str,
    defs: &str,
    style: &str,
    scenario: &Scenario,
    bounds: (f32, f32, f32, f32),
) -> String {
    let (x, y, w, h) = bounds;
    let pad = 24.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">\n<title>{}</title>\n<metadata id=\"{SVG_METADATA_ID}\">{}</metadata>\n<style>{style}</style>\n{defs}\n<rect x=\"{}\" y=\"{}\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{inner}\n</svg>\n",
        whole(x - pad),
        whole(y - pad),
        whole(w + 2.0 * pad),
        whole(h + 2.0 * pad),
        whole(w + 2.0 * pad),
        whole(h + 2.0 * pad),
        escape(&scenario.name),
        encode(scenario),
        whole(x - pad),
        whole(y - pad),
    )
}

/// A coordinate rounded to a whole number (no float formatting in the wasm bundle).
fn whole(v: f32) -> i64 {
    if v.is_finite() {
        v.round() as i64
    } else {
        0
    }
}

/// Escapes text for XML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;

    fn scenario() -> Scenario {
        Scenario {
            name: "Frontier <draft>".into(),
            diagram: Preset::find("frontier-aws").unwrap().diagram(),
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
        let svg = svg_picture("<g/>", "", "", &s, (0.0, 0.0, 100.0, 100.0));
        assert!(svg.contains("<title>Frontier &lt;draft&gt;</title>"));
        assert_eq!(import(&svg).unwrap(), sorted(s.clone()));
        assert_eq!(
            import(&format!("https://x.test/#{}", encode(&s))).unwrap(),
            sorted(s)
        );
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
