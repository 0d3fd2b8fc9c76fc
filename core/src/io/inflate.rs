//! Inflating the raw DEFLATE data of links of versions 1 to 3, bounded by [`MAX_DECOMPRESSED`].
//!
//! With the `miniz` feature (on by default: native builds and every test) miniz_oxide inflates.
//! The app's wasm build leaves miniz_oxide out and lets the browser's `DecompressionStream` do
//! it, which is asynchronous while reading a link is not. So, before the app reads any text that
//! may hold a link (the address, the autosave, the saves, a pasted link, a file), it asks
//! [`pending`] (or `io::file::pending` for a file) for the data still to inflate, inflates it,
//! and hands each result in with [`remember`]. Data never handed in reads as damaged.
//! It sits below `io::link`, which reads what it gives.

use super::base64::Alphabet;
use crate::limits::MAX_FILE_BYTES;
use alloc::vec::Vec;

/// The most bytes a link may inflate to (and a stored text may decode to).
pub const MAX_DECOMPRESSED: usize = 512 * 1024;

/// Why a link's data did not inflate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// It inflates past [`MAX_DECOMPRESSED`].
    TooLarge,
    /// It is not DEFLATE, or is cut short.
    Corrupt,
}

/// What inflating a link's data gave: the bytes, or why not.
pub type Inflated = Result<Vec<u8>, Fault>;

/// Inflates a link's data.
#[cfg(feature = "miniz")]
pub(crate) fn inflate(data: &[u8]) -> Inflated {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
    decompress_to_vec_with_limit(data, MAX_DECOMPRESSED).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => Fault::TooLarge,
        _ => Fault::Corrupt,
    })
}

/// Reads back what was handed in for `data`.
#[cfg(not(feature = "miniz"))]
pub(crate) fn inflate(data: &[u8]) -> Inflated {
    DONE.with(|done| {
        done.borrow()
            .iter()
            .find(|(d, _)| d.as_slice() == data)
            .map_or(Err(Fault::Corrupt), |(_, out)| out.clone())
    })
}

// The inflations handed in, each once. Nothing is dropped: a session sees few links, and a save
// read at boot may be opened much later.
#[cfg(not(feature = "miniz"))]
std::thread_local! {
    static DONE: core::cell::RefCell<Vec<(Vec<u8>, Inflated)>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Whether the inflation of `data` was handed in.
#[cfg(not(feature = "miniz"))]
fn known(data: &[u8]) -> bool {
    DONE.with(|done| done.borrow().iter().any(|(d, _)| d.as_slice() == data))
}

/// With miniz_oxide, every link's data can be inflated when it is read.
#[cfg(feature = "miniz")]
fn known(_: &[u8]) -> bool {
    true
}

/// Hands in the inflation of `data`, done elsewhere. (With the `miniz` feature nothing is
/// pending, so nothing is handed in.)
pub fn remember(data: Vec<u8>, inflated: Inflated) {
    #[cfg(not(feature = "miniz"))]
    DONE.with(|done| {
        let mut done = done.borrow_mut();
        if !done.iter().any(|(d, _)| *d == data) {
            done.push((data, inflated));
        }
    });
    #[cfg(feature = "miniz")]
    let _ = (data, inflated);
}

/// The compressed data of every link of versions 1 to 3 in `text` (a fragment, stored text, a
/// file's text) that has not been inflated yet, each once; always none with the `miniz` feature.
/// A link's data is the longest run of base64url characters after its version and dot, the
/// version not following a letter, digit, dot, `-` or `_`: what the link reader then reads.
pub fn pending(text: &str) -> Vec<Vec<u8>> {
    let mut found = bodies(text);
    found.retain(|data| !known(data));
    found
}

/// The compressed data of every link of versions 1 to 3 in `text`, each once.
fn bodies(text: &str) -> Vec<Vec<u8>> {
    let mut found: Vec<Vec<u8>> = Vec::new();
    let body_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let starts = matches!(bytes[i], b'1'..=b'3')
            && bytes[i + 1] == b'.'
            && (i == 0 || !(body_char(bytes[i - 1]) || bytes[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let start = i + 2;
        let end = bytes[start..]
            .iter()
            .position(|&b| !body_char(b))
            .map_or(bytes.len(), |n| start + n);
        if end > start && end - start <= MAX_FILE_BYTES {
            if let Some(data) = super::base64::decode(&text[start..end], Alphabet::UrlNoPad) {
                if !found.contains(&data) {
                    found.push(data);
                }
            }
        }
        i = end.max(i + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::base64::encode;

    fn link(version: u8, data: &[u8]) -> alloc::string::String {
        alloc::format!("{version}.{}", encode(data, Alphabet::UrlNoPad))
    }

    #[test]
    fn finds_each_compressed_link_once_wherever_it_stands() {
        let (a, b) = (link(3, b"first"), link(1, b"second"));
        let text = alloc::format!(
            "#{a}&compare=v4:letter,v5:spirit {{\"link\":\"{b}\"}} <x>{a}</x> {}",
            link(2, b"third")
        );
        let want: Vec<Vec<u8>> = vec![b"first".to_vec(), b"second".to_vec(), b"third".to_vec()];
        assert_eq!(bodies(&text), want);
    }

    #[test]
    fn leaves_what_is_not_a_compressed_link() {
        // Stored text (version 4) is not compressed; 13. and v1. are no versions; a dot alone
        // carries no data.
        for text in [
            "4.Zmlyc3Q",
            "13.Zmlyc3Q",
            "v1.Zmlyc3Q",
            "x.1.Zmlyc3Q",
            "3.",
            "3.#",
        ] {
            assert_eq!(bodies(text), Vec::<Vec<u8>>::new(), "{text}");
        }
    }

    #[cfg(feature = "miniz")]
    #[test]
    fn nothing_is_pending_with_miniz() {
        assert!(pending(&link(3, b"first")).is_empty());
    }

    #[cfg(not(feature = "miniz"))]
    #[test]
    fn data_reads_as_handed_in_and_damaged_until_then() {
        let (data, other) = (b"first".to_vec(), b"other".to_vec());
        assert_eq!(pending(&link(3, &data)), vec![data.clone()]);
        assert_eq!(inflate(&data), Err(Fault::Corrupt));
        remember(data.clone(), Ok(b"inflated".to_vec()));
        remember(other.clone(), Err(Fault::TooLarge));
        assert_eq!(inflate(&data), Ok(b"inflated".to_vec()));
        assert_eq!(inflate(&other), Err(Fault::TooLarge));
        assert!(pending(&link(3, &data)).is_empty());
    }
}
