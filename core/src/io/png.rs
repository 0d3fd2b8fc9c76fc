//! Exported PNG pictures: a `tEXt` chunk carries the scenario, so that importing the picture
//! restores the work.

use super::link::{encode_stored, Scenario};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// The PNG signature.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// The keyword of the `tEXt` chunk that carries the scenario in an exported PNG.
pub const PNG_KEYWORD: &str = "dealscope-scenario";

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG chunk: (type, data).
type Chunk<'a> = ([u8; 4], &'a [u8]);

/// The chunks of a PNG: (type, data). Fails on anything that is not a well-formed PNG.
fn png_chunks(png: &[u8]) -> Result<Vec<Chunk<'_>>, String> {
    if png.len() < 8 || png[..8] != PNG_SIGNATURE {
        return Err("the file is not a PNG".into());
    }
    let mut at = 8;
    let mut out = Vec::new();
    while at < png.len() {
        let header = png.get(at..at + 8).ok_or("the PNG is cut short")?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        let data = png
            .get(at + 8..at + 8 + len)
            .ok_or("the PNG is cut short")?;
        at += 12 + len;
        if at > png.len() {
            return Err("the PNG is cut short".into());
        }
        out.push((kind, data));
        if &kind == b"IEND" {
            return Ok(out);
        }
    }
    Err("the PNG has no end".into())
}

/// Adds the scenario to a PNG as a `tEXt` chunk just before its end, so the picture opens again
/// as a scenario.
pub fn png_with_scenario(png: &[u8], scenario: &Scenario) -> Result<Vec<u8>, String> {
    let chunks = png_chunks(png)?;
    let mut text = Vec::from(PNG_KEYWORD.as_bytes());
    text.push(0);
    text.extend_from_slice(encode_stored(scenario).as_bytes());
    let mut out = Vec::from(PNG_SIGNATURE);
    for (kind, data) in chunks {
        let mut put = |kind: &[u8; 4], data: &[u8]| {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            let mut crc_input = Vec::from(&kind[..]);
            crc_input.extend_from_slice(data);
            out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
        };
        if &kind == b"IEND" {
            put(b"tEXt", &text);
        }
        put(&kind, data);
    }
    Ok(out)
}

/// The bytes of a `data:image/png;base64,…` address (what a canvas gives).
pub fn png_from_data_url(url: &str) -> Result<Vec<u8>, String> {
    let b64 = url
        .strip_prefix("data:image/png;base64,")
        .ok_or("the picture is not a PNG data address")?;
    super::base64::decode(b64, super::base64::Alphabet::StandardPadded)
        .ok_or_else(|| "the picture's data is damaged".to_string())
}

/// What a file's bytes carry, read as a PNG exported by dealscope.
pub(crate) enum Carried<'a> {
    /// The bytes are not a PNG.
    NotPng,
    /// A PNG whose chunks are damaged: why.
    Damaged(String),
    /// A PNG without a dealscope scenario.
    Nothing,
    /// The scenario's stored link.
    Link(&'a str),
}

/// What `bytes` carry, read as a PNG.
pub(crate) fn carried(bytes: &[u8]) -> Carried<'_> {
    if !bytes.starts_with(&PNG_SIGNATURE) {
        return Carried::NotPng;
    }
    let chunks = match png_chunks(bytes) {
        Ok(chunks) => chunks,
        Err(why) => return Carried::Damaged(why),
    };
    chunks
        .iter()
        .filter(|(kind, _)| kind == b"tEXt")
        .find_map(|(_, data)| {
            data.strip_prefix(PNG_KEYWORD.as_bytes())?
                .strip_prefix(&[0])
        })
        .and_then(|text| core::str::from_utf8(text).ok())
        .map_or(Carried::Nothing, Carried::Link)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::io::file::{import_bytes, ImportError};
    use crate::presets::Preset;

    /// A 1×1 PNG, as a browser's canvas would give.
    pub(crate) const TINY: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    #[test]
    fn png_carries_the_scenario_and_stays_a_valid_png() {
        let sc = Scenario {
            name: "p".into(),
            diagram: Preset::find("natsec-aws").unwrap().diagram(),
            clauses: String::new(),
        };
        let png = png_from_data_url(TINY).unwrap();
        let out = png_with_scenario(&png, &sc).unwrap();
        // Every chunk's CRC is right, and the text chunk comes before the end.
        let chunks = png_chunks(&out).unwrap();
        assert_eq!(
            chunks.iter().map(|c| c.0).collect::<Vec<_>>(),
            vec![*b"IHDR", *b"IDAT", *b"tEXt", *b"IEND"]
        );
        let mut at = 8;
        while at < out.len() {
            let len = u32::from_be_bytes(out[at..at + 4].try_into().unwrap()) as usize;
            let crc = u32::from_be_bytes(out[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc, crc32(&out[at + 4..at + 8 + len]));
            at += 12 + len;
        }
        let back = import_bytes(&out).unwrap();
        assert_eq!(back.diagram.components.len(), sc.diagram.components.len());
        assert_eq!(import_bytes(&png).unwrap_err(), ImportError::NoScenario);
        assert!(import_bytes(&out[..out.len() - 5])
            .unwrap_err()
            .to_string()
            .contains("cut short"));
        assert!(import_bytes(&[0xff, 0xfe, 0x00])
            .unwrap_err()
            .to_string()
            .contains("neither text nor a PNG"));
    }
}
