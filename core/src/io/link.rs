//! Share links: a scenario in the URL fragment, so it never reaches a server.
//!
//! Format version 1: `1.` then base64url (no padding) of raw DEFLATE of the postcard encoding of
//! [`WireV1`]. Component ids become list positions, positions become whole canvas units, so a
//! 20-component scenario fits in a few hundred characters. Version 3 (written now) adds the
//! user's clauses and each component's operator; version 4 is version 3 not compressed, for
//! saves, files and pictures (see [`STORED_VERSION`]).
//!
//! Decoding treats the link as hostile: it bounds the decompressed size, the number of components
//! and relations and the length of labels, and checks every reference, before anything reaches
//! the editor. Every failure is a [`LinkError`] with a specific, lowercase message.

use super::base64::Alphabet;
use crate::limits::MAX_NAME as MAX_LABEL;
use crate::model::{Component, ComponentId, Diagram, Kind, Provider, Relation, RelationKind};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// The format version of links without user clauses, written until operators were added
/// (still read).
pub const LINK_VERSION_1: u32 = 1;
/// The format version of links with user clauses, written until operators were added (still
/// read).
pub const LINK_VERSION_CLAUSES: u32 = 2;
/// The format version written now: components carry who runs them and the amendment's facts.
/// Versions 1 and 2 open with every operator not set (an open question, except what was built
/// with a third party, which is joint), and no exception claimed.
pub const LINK_VERSION: u32 = 3;
pub use crate::limits::{MAX_CLAUSE_TEXT, MAX_COMPONENTS, MAX_COORD, MAX_RELATIONS};
/// The format version of saves, files and pictures: version 3 without the compression, so that
/// what stays on the machine (or travels as a file) is written without a compressor in the
/// bundle. Links are compressed by the browser (see [`link_payload`]). Read wherever version 3
/// is.
pub const STORED_VERSION: u32 = 4;
/// Links longer than this are refused when opening, and not offered when sharing (use a file).
pub const MAX_LINK_CHARS: usize = 32_000;
/// Saves and files carry the same text as links but are not typed or pasted into an address
/// bar, so they may be longer: up to the file limit. The other limits are the same.
pub const MAX_STORED_CHARS: usize = crate::limits::MAX_FILE_BYTES;
pub use super::inflate::MAX_DECOMPRESSED;

/// A scenario as links and saves carry it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    /// The user's name for it (may be empty).
    pub name: String,
    /// The diagram.
    pub diagram: Diagram,
    /// The user's own clauses, in the clause language (empty when there are none).
    pub clauses: String,
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Nothing after `#`.
    Empty,
    /// No `version.` prefix.
    NoVersion(String),
    /// A version this build does not know.
    UnknownVersion(String),
    /// Longer than the limit (the length, then the limit: [`MAX_LINK_CHARS`] for links,
    /// [`MAX_STORED_CHARS`] for saves and files).
    TooLong(usize, usize),
    /// Not base64url.
    BadEncoding(String),
    /// The compressed data is cut short or corrupt.
    Corrupt,
    /// Inflates beyond [`MAX_DECOMPRESSED`].
    TooLarge,
    /// The inflated bytes are not a scenario.
    Garbled,
    /// A limit or a reference is violated; the message says which.
    Invalid(String),
    /// The comparison it carries for "What changed" is not two sides (its start, quoted).
    Comparison(String),
}

impl core::fmt::Display for LinkError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the link holds no scenario"),
            LinkError::NoVersion(s) => write!(f, "the link does not start with a format version: `{s}`"),
            LinkError::UnknownVersion(v) => write!(
                f,
                "the link uses format version `{v}`, which this version of dealscope cannot read; it may come from a newer version"
            ),
            LinkError::TooLong(n, MAX_LINK_CHARS) => write!(f, "the link is {n} characters long, over the limit of {MAX_LINK_CHARS}; share a file instead"),
            LinkError::TooLong(n, limit) => write!(f, "the scenario's text is {n} characters long, over the limit of {limit}"),
            LinkError::BadEncoding(s) => write!(f, "the link is damaged: `{s}` is not valid link text"),
            LinkError::Corrupt => write!(f, "the link is damaged or cut short (its data does not unpack)"),
            LinkError::TooLarge => write!(f, "the link expands to more than {} KB; it was refused", MAX_DECOMPRESSED / 1024),
            LinkError::Garbled => write!(f, "the link's data is garbled: it does not describe a scenario"),
            LinkError::Invalid(m) => write!(f, "the link's scenario is invalid: {m}"),
            LinkError::Comparison(c) => write!(f, "the comparison `{c}` is not two sides such as `compare=v4:letter,v5:letter`"),
        }
    }
}

/// Version 1 on the wire, as columns (all labels, then all kinds, …), which compress far better
/// than rows. Positions are in units of `scale` canvas units (20, the grid, when every position
/// is on it; else 1), each as the difference from the previous component's. Relations are sorted by tail, head and kind; `tails` holds each tail as the
/// difference from the previous one.
#[derive(Serialize, Deserialize)]
struct WireV1<K> {
    name: String,
    scale: u8,
    labels: Vec<String>,
    kinds: Vec<K>,
    xs: Vec<i32>,
    ys: Vec<i32>,
    tails: Vec<u32>,
    heads: Vec<u32>,
    codes: Vec<u8>,
}

/// Versions 2 and 3: the columns followed by the user's clause text (version 2 with the kinds of
/// version 1, version 3 with today's).
#[derive(Serialize, Deserialize)]
struct WireV2<K> {
    base: WireV1<K>,
    clauses: String,
}

/// Component kinds as versions 1 and 2 wrote them: before operators and the amendment's facts.
/// Never change this type: old links must keep opening.
#[derive(Serialize, Deserialize)]
enum KindV1 {
    Party,
    Model,
    Endpoint {
        state: crate::model::Statefulness,
        origin: crate::model::Origin,
    },
    Host {
        provider: crate::model::Provider,
    },
    Product {
        origin: crate::model::Origin,
        api: bool,
        launches: Vec<crate::model::Launch>,
    },
    Customer {
        segment: crate::model::Segment,
    },
}

impl From<KindV1> for Kind {
    fn from(k: KindV1) -> Kind {
        match k {
            KindV1::Party => Kind::Party,
            KindV1::Model => Kind::Model,
            KindV1::Endpoint { state, origin } => Kind::Endpoint {
                state,
                origin,
                operator: None,
            },
            KindV1::Host { provider } => Kind::Host { provider },
            KindV1::Product {
                origin,
                api,
                launches,
            } => Kind::Product {
                origin,
                api,
                launches,
                operator: None,
                cannot_support: false,
                declines_support: false,
            },
            KindV1::Customer { segment } => Kind::Customer { segment },
        }
    }
}

impl<K: Into<Kind>> WireV1<K> {
    fn upgrade(self) -> WireV1<Kind> {
        WireV1 {
            name: self.name,
            scale: self.scale,
            labels: self.labels,
            kinds: self.kinds.into_iter().map(Into::into).collect(),
            xs: self.xs,
            ys: self.ys,
            tails: self.tails,
            heads: self.heads,
            codes: self.codes,
        }
    }
}

struct WireComponent {
    label: String,
    kind: Kind,
    x: i32,
    y: i32,
}

/// Relation kinds on the wire: 0 means "what `RelationKind::infer` gives for the two kinds",
/// else 1 + the position in `RelationKind::ALL`.
fn kind_code(kind: RelationKind, inferred: Option<RelationKind>) -> u8 {
    if inferred == Some(kind) {
        0
    } else {
        1 + RelationKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0) as u8
    }
}

fn coord(v: f32) -> i32 {
    if v.is_finite() {
        (v.round() as i64).clamp(-(MAX_COORD as i64), MAX_COORD as i64) as i32
    } else {
        0
    }
}

/// Each value as the difference from the one before (the first from 0).
fn deltas(values: impl Iterator<Item = i32>) -> Vec<i32> {
    let mut prev = 0i32;
    values
        .map(|v| {
            let d = v.wrapping_sub(prev);
            prev = v;
            d
        })
        .collect()
}

/// Inverse of [`deltas`].
fn sums(values: Vec<i32>) -> Vec<i32> {
    let mut acc = 0i32;
    values
        .into_iter()
        .map(|d| {
            acc = acc.wrapping_add(d);
            acc
        })
        .collect()
}

/// Writes a scenario as link text (what follows `#`), compressed here. Relations naming missing
/// components are left out. The app compresses [`link_payload`] with the browser's own
/// compressor instead, and [`link_from_packed`] writes the same format.
#[cfg(feature = "miniz")]
pub fn encode(scenario: &Scenario) -> String {
    link_from_packed(&miniz_oxide::deflate::compress_to_vec(
        &link_payload(scenario),
        10,
    ))
}

/// Link text of version [`LINK_VERSION`] from its payload, compressed with raw DEFLATE.
pub fn link_from_packed(packed: &[u8]) -> String {
    format!(
        "{LINK_VERSION}.{}",
        super::base64::encode(packed, Alphabet::UrlNoPad)
    )
}

/// Writes a scenario as stored text (version [`STORED_VERSION`]): as a link, not compressed.
pub fn encode_stored(scenario: &Scenario) -> String {
    format!(
        "{STORED_VERSION}.{}",
        super::base64::encode(&link_payload(scenario), Alphabet::UrlNoPad)
    )
}

/// What a link of version [`LINK_VERSION`] carries before it is compressed: the postcard
/// encoding of the scenario in columns.
pub fn link_payload(scenario: &Scenario) -> Vec<u8> {
    let d = &scenario.diagram;
    let index = crate::model::IdIndex::new(&d.components);
    let on_grid = d
        .components
        .iter()
        .all(|c| coord(c.x) % 20 == 0 && coord(c.y) % 20 == 0);
    let scale: i32 = if on_grid { 20 } else { 1 };
    let mut rels: Vec<(u32, u32, RelationKind)> = d
        .relations
        .iter()
        .filter_map(|r| Some((index.get(r.from)? as u32, index.get(r.to)? as u32, r.kind)))
        .collect();
    rels.sort_unstable();
    let tag = |i: u32| d.components[i as usize].kind.tag();
    let mut prev = 0;
    let wire = WireV1 {
        name: scenario.name.clone(),
        scale: scale as u8,
        labels: d.components.iter().map(|c| c.label.clone()).collect(),
        kinds: d.components.iter().map(|c| c.kind.clone()).collect(),
        xs: deltas(d.components.iter().map(|c| coord(c.x) / scale)),
        ys: deltas(d.components.iter().map(|c| coord(c.y) / scale)),
        tails: rels
            .iter()
            .map(|r| {
                let delta = r.0 - prev;
                prev = r.0;
                delta
            })
            .collect(),
        heads: rels.iter().map(|r| r.1).collect(),
        codes: rels
            .iter()
            .map(|&(a, b, k)| kind_code(k, RelationKind::infer(tag(a), tag(b))))
            .collect(),
    };
    let v3 = WireV2 {
        base: wire,
        clauses: scenario.clauses.clone(),
    };
    postcard::to_allocvec(&v3).unwrap_or_default()
}

fn snippet(s: &str, at: usize) -> String {
    let start = s[..at].char_indices().rev().nth(7).map_or(0, |(i, _)| i);
    s[start..].chars().take(16).collect()
}

/// Encodes a scenario for a save or a file ([`encode_stored`]), having checked that it reads
/// back: the text decodes (within every limit) to a scenario that encodes to the same text. A
/// scenario that would not read back is refused with the decoder's reason, and nothing is
/// written.
pub fn encode_verified(scenario: &Scenario) -> Result<String, LinkError> {
    let text = encode_stored(scenario);
    let back = decode_stored(&text)?;
    if encode_stored(&back) != text {
        return Err(LinkError::Invalid(
            "it does not read back the same; nothing was written".into(),
        ));
    }
    Ok(text)
}

/// A comparison a link can carry, for "What changed": two sides, each a clause id and a
/// reading id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sides {
    /// The left side: (clause id, reading id).
    pub left: (String, String),
    /// The right side.
    pub right: (String, String),
}

/// What introduces the comparison in a link's fragment, after the scenario if there is one.
const COMPARE: &str = "compare=";

/// The longest id a side may have in a link (the ids the clause language writes are short).
const MAX_SIDE_ID: usize = 80;

impl Sides {
    /// The comparison as a link writes it: `compare=v4:letter,v5:letter`, each id
    /// percent-encoded except for letters, digits, `-` and `_`.
    pub fn fragment(&self) -> String {
        let mut out = String::from(COMPARE);
        for (i, (c, r)) in [&self.left, &self.right].into_iter().enumerate() {
            if i == 1 {
                out.push(',');
            }
            escape_id(&mut out, c);
            out.push(':');
            escape_id(&mut out, r);
        }
        out
    }

    /// Splits a link's fragment (with or without `#`) into the scenario's text (empty when it
    /// carries none) and the comparison it carries, if any.
    pub fn split(fragment: &str) -> (&str, Option<Result<Sides, LinkError>>) {
        let text = fragment.strip_prefix('#').unwrap_or(fragment).trim();
        let (scenario, compare) = match text.split_once('&') {
            Some((a, b)) => (a, Some(b)),
            None if text.starts_with(COMPARE) => ("", Some(text)),
            None => (text, None),
        };
        (scenario, compare.map(Sides::parse))
    }

    fn parse(text: &str) -> Result<Sides, LinkError> {
        let bad = || LinkError::Comparison(text.chars().take(40).collect());
        let body = text.strip_prefix(COMPARE).ok_or_else(bad)?;
        let side = |s: &str| -> Option<(String, String)> {
            let (c, r) = s.split_once(':')?;
            Some((unescape_id(c)?, unescape_id(r)?))
        };
        let (l, r) = body.split_once(',').ok_or_else(bad)?;
        match (side(l), side(r)) {
            (Some(left), Some(right)) => Ok(Sides { left, right }),
            _ => Err(bad()),
        }
    }
}

/// What a link's fragment asks to open: its scenario (none when it carries only a comparison)
/// and the comparison it carries, if any, each read or refused with the reason.
pub type Opened = (
    Option<Result<Scenario, LinkError>>,
    Option<Result<Sides, LinkError>>,
);

/// Reads a link's fragment (with or without `#`): see [`Opened`].
pub fn open_fragment(fragment: &str) -> Opened {
    let (scenario, sides) = Sides::split(fragment);
    let scenario = (!scenario.is_empty() || sides.is_none()).then(|| decode(scenario));
    (scenario, sides)
}

fn escape_id(out: &mut String, id: &str) {
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&alloc::format!("%{b:02X}"));
        }
    }
}

/// An id as [`escape_id`] wrote it; `None` when it is empty, too long, or not UTF-8.
fn unescape_id(text: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = text.bytes();
    while let Some(b) = rest.next() {
        if b == b'%' {
            let hex = [rest.next()?, rest.next()?];
            bytes.push(u8::from_str_radix(core::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            bytes.push(b);
        } else {
            return None;
        }
    }
    let id = String::from_utf8(bytes).ok()?;
    (!id.trim().is_empty() && id.chars().count() <= MAX_SIDE_ID).then_some(id)
}

/// Reads link text (with or without the leading `#`).
pub fn decode(text: &str) -> Result<Scenario, LinkError> {
    decode_within(text, MAX_LINK_CHARS)
}

/// Decodes the text of a save or a file: as [`decode`], but up to [`MAX_STORED_CHARS`].
pub fn decode_stored(text: &str) -> Result<Scenario, LinkError> {
    decode_within(text, MAX_STORED_CHARS)
}

fn decode_within(text: &str, max: usize) -> Result<Scenario, LinkError> {
    let text = text.strip_prefix('#').unwrap_or(text).trim();
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    if text.len() > max {
        return Err(LinkError::TooLong(text.len(), max));
    }
    let Some((version, body)) = text.split_once('.') else {
        return Err(LinkError::NoVersion(text.chars().take(16).collect()));
    };
    match version.parse::<u32>() {
        Ok(1) => validate(unpack::<WireV1<KindV1>>(body, true)?.upgrade()),
        Ok(2) => with_clauses(unpack::<WireV2<KindV1>>(body, true)?.upgrade()),
        Ok(3) => with_clauses(unpack::<WireV2<Kind>>(body, true)?),
        Ok(4) => with_clauses(unpack::<WireV2<Kind>>(body, false)?),
        Ok(_) => Err(LinkError::UnknownVersion(
            version.chars().take(12).collect(),
        )),
        Err(_) => Err(LinkError::NoVersion(version.chars().take(16).collect())),
    }
}

impl WireV2<KindV1> {
    fn upgrade(self) -> WireV2<Kind> {
        WireV2 {
            base: self.base.upgrade(),
            clauses: self.clauses,
        }
    }
}

/// Validates a scenario with clause text (versions 2 and 3).
fn with_clauses(wire: WireV2<Kind>) -> Result<Scenario, LinkError> {
    {
        {
            crate::limits::clause_text(&wire.clauses)
                .map_err(|m| LinkError::Invalid(m.replacen("clause text", "its clause text", 1)))?;
            let mut scenario = validate(wire.base)?;
            scenario.clauses = wire.clauses;
            Ok(scenario)
        }
    }
}

/// Base64url, then (when `packed`) bounded inflate, then postcard with nothing left over.
fn unpack<T: serde::de::DeserializeOwned>(body: &str, packed: bool) -> Result<T, LinkError> {
    if let Some(bad) = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(LinkError::BadEncoding(snippet(body, bad)));
    }
    let data = super::base64::decode(body, Alphabet::UrlNoPad).ok_or_else(|| {
        LinkError::BadEncoding(
            body.chars()
                .rev()
                .take(8)
                .collect::<String>()
                .chars()
                .rev()
                .collect(),
        )
    })?;
    let bytes = match packed {
        true => super::inflate::inflate(&data).map_err(|f| match f {
            super::inflate::Fault::TooLarge => LinkError::TooLarge,
            super::inflate::Fault::Corrupt => LinkError::Corrupt,
        })?,
        false if data.len() > MAX_DECOMPRESSED => return Err(LinkError::TooLarge),
        false => data,
    };
    let (wire, rest) = postcard::take_from_bytes::<T>(&bytes).map_err(|_| LinkError::Garbled)?;
    if !rest.is_empty() {
        return Err(LinkError::Garbled);
    }
    Ok(wire)
}

fn check_text(what: &str, s: &str, max: usize) -> Result<(), LinkError> {
    if s.chars().count() > max {
        let head: String = s.chars().take(24).collect();
        return Err(LinkError::Invalid(format!(
            "{what} `{head}…` is longer than {max} characters"
        )));
    }
    if let Some(c) = s
        .chars()
        .find(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    {
        return Err(LinkError::Invalid(format!(
            "{what} `{}` contains the control character U+{:04X}",
            s.chars()
                .filter(|c| !c.is_control())
                .take(24)
                .collect::<String>(),
            c as u32
        )));
    }
    Ok(())
}

fn validate(wire: WireV1<Kind>) -> Result<Scenario, LinkError> {
    let invalid = |m: String| Err(LinkError::Invalid(m));
    let count = wire.labels.len();
    if count > MAX_COMPONENTS {
        return invalid(format!(
            "it has {count} components; the limit is {MAX_COMPONENTS}"
        ));
    }
    if wire.tails.len() > MAX_RELATIONS {
        return invalid(format!(
            "it has {} relations; the limit is {MAX_RELATIONS}",
            wire.tails.len()
        ));
    }
    if wire.kinds.len() != count || wire.xs.len() != count || wire.ys.len() != count {
        return Err(LinkError::Garbled);
    }
    if wire.heads.len() != wire.tails.len() || wire.codes.len() != wire.tails.len() {
        return Err(LinkError::Garbled);
    }
    check_text("the name", &wire.name, 120)?;
    if wire.scale != 1 && wire.scale != 20 {
        return invalid(format!(
            "its position scale `{}` is neither 1 nor 20",
            wire.scale
        ));
    }
    let scale = wire.scale as i32;
    let mut d = Diagram::default();
    let columns = wire
        .labels
        .into_iter()
        .zip(wire.kinds)
        .zip(sums(wire.xs).into_iter().zip(sums(wire.ys)));
    for (i, ((label, kind), at)) in columns.enumerate() {
        d.components.push(component(i, label, kind, at, scale)?);
    }
    d.relations = relations(&d, wire.tails, wire.heads, wire.codes)?;
    Ok(Scenario {
        name: wire.name,
        diagram: d,
        clauses: String::new(),
    })
}

/// Component `i` (from 0) of a link, checked: its label, place, launch dates and names.
fn component(
    i: usize,
    label: String,
    kind: Kind,
    at: (i32, i32),
    scale: i32,
) -> Result<Component, LinkError> {
    let invalid = |m: String| Err(LinkError::Invalid(m));
    let c = WireComponent {
        label,
        kind,
        x: at.0,
        y: at.1,
    };
    check_text("the label", &c.label, MAX_LABEL)?;
    if c.label.trim().is_empty() {
        return invalid(format!("component {} has an empty label", i + 1));
    }
    let (x, y) = (c.x.saturating_mul(scale), c.y.saturating_mul(scale));
    if x.abs() > MAX_COORD || y.abs() > MAX_COORD {
        return invalid(format!(
            "`{}` is placed at ({x}, {y}), outside the canvas",
            c.label
        ));
    }
    if let Kind::Product { launches, .. } = &c.kind {
        if launches.len() > 16 {
            return invalid(format!(
                "`{}` has {} launch dates; the limit is 16",
                c.label,
                launches.len()
            ));
        }
        for l in launches {
            let dt = l.date;
            if !(1..=12).contains(&dt.month) || dt.day > 31 || dt.year < 1900 || dt.year > 2200 {
                return invalid(format!(
                    "`{}` has an impossible launch date `{}`",
                    c.label, dt
                ));
            }
        }
    }
    if let Kind::Host {
        provider: crate::model::Provider::Other(name),
    } = &c.kind
    {
        check_text("the provider name", name, MAX_LABEL)?;
    }
    // A provider named like a built-in one is that one: no name reads as a cloud it is not.
    let mut c = c;
    match &mut c.kind {
        Kind::Host { provider } => {
            *provider = core::mem::replace(provider, Provider::Azure).canonical()
        }
        Kind::Product { launches, .. } => {
            for l in launches.iter_mut() {
                if let crate::model::Provider::Other(name) = &l.provider {
                    check_text("the launch provider's name", name, MAX_LABEL)?;
                }
                l.provider = core::mem::replace(&mut l.provider, Provider::Azure).canonical();
            }
        }
        _ => {}
    }
    if let Some(op) = c.kind.operator() {
        check_text("the operator", op, crate::model::MAX_OPERATOR)?;
        if op.trim().is_empty() {
            return invalid(format!("`{}` has an empty operator name", c.label));
        }
    }
    Ok(Component {
        id: ComponentId(i as u32 + 1),
        label: c.label,
        kind: c.kind,
        x: x as f32,
        y: y as f32,
    })
}

/// A link's relations, checked against its components: each refers to two of them, is allowed
/// between their kinds, and appears once.
fn relations(
    d: &Diagram,
    tails: Vec<u32>,
    heads: Vec<u32>,
    codes: Vec<u8>,
) -> Result<Vec<Relation>, LinkError> {
    let invalid = |m: String| Err(LinkError::Invalid(m));
    let mut out = Vec::with_capacity(tails.len());
    let n = d.components.len() as u32;
    // Each relation packed in a u64 (both ends are below `n`, at most MAX_COMPONENTS, far
    // under 2^24), to find twins by sorting after the loop.
    let mut keys: Vec<(u64, usize)> = Vec::with_capacity(tails.len());
    let mut tail: u32 = 0;
    for ((delta, b), code) in tails.into_iter().zip(heads).zip(codes) {
        tail = tail.saturating_add(delta);
        let a = tail;
        if a >= n || b >= n {
            let missing = if a >= n { a } else { b };
            return invalid(format!(
                "a relation refers to component {}, but there are only {n}",
                missing as u64 + 1
            ));
        }
        let (ca, cb) = (&d.components[a as usize], &d.components[b as usize]);
        let kind = match code {
            0 => RelationKind::infer(ca.kind.tag(), cb.kind.tag()).ok_or_else(|| {
                LinkError::Invalid(format!(
                    "nothing connects a {} (`{}`) to a {} (`{}`)",
                    ca.kind.tag().keyword(),
                    ca.label,
                    cb.kind.tag().keyword(),
                    cb.label
                ))
            })?,
            c => *RelationKind::ALL
                .get(c as usize - 1)
                .ok_or_else(|| LinkError::Invalid(format!("relation kind `{c}` is unknown")))?,
        };
        if a == b {
            return invalid(format!(
                "`{}` has a `{}` relation to itself",
                ca.label,
                kind.keyword()
            ));
        }
        if !kind.allows(ca.kind.tag(), cb.kind.tag()) {
            return invalid(format!(
                "a {} (`{}`) cannot have a `{}` relation to a {} (`{}`)",
                ca.kind.tag().keyword(),
                ca.label,
                kind.keyword(),
                cb.kind.tag().keyword(),
                cb.label
            ));
        }
        keys.push((
            u64::from(a) << 32 | u64::from(b) << 8 | kind as u64,
            out.len(),
        ));
        out.push(Relation {
            from: ComponentId(a + 1),
            to: ComponentId(b + 1),
            kind,
        });
    }
    // A twin has the same ends and kind: the same key.
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0].0 == w[1].0) {
        let r = &out[w[1].1];
        return invalid(format!(
            "`{}` {} `{}` appears twice",
            d.label(r.from),
            r.kind.label(),
            d.label(r.to)
        ));
    }
    Ok(out)
}
