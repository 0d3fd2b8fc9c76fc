//! Base64, as links (base64url, no padding) and PNG data addresses (standard, padded) use it.
//!
//! The `base64` crate did this until its general engine cost about 3.5 KB of the wasm bundle for
//! two fixed alphabets; these few lines do the same, as strictly. A text decodes only if it is
//! the canonical encoding of its bytes: no stray characters, no impossible length, and no bits
//! set past the last byte, so that `encode(decode(t)) == t` for every text that decodes. The
//! tests hold both directions to the crate's answers, byte for byte.

use alloc::string::String;
use alloc::vec::Vec;

/// Which alphabet and whether `=` pads the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alphabet {
    /// RFC 4648 §5: `-` and `_`, no padding (links).
    UrlNoPad,
    /// RFC 4648 §4: `+` and `/`, padded with `=` (data addresses).
    StandardPadded,
}

const LETTERS: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Alphabet {
    fn last_two(self) -> [u8; 2] {
        match self {
            Alphabet::UrlNoPad => *b"-_",
            Alphabet::StandardPadded => *b"+/",
        }
    }

    fn symbol(self, v: u32) -> char {
        let v = (v & 63) as usize;
        char::from(match LETTERS.get(v) {
            Some(&c) => c,
            None => self.last_two()[v - 62],
        })
    }

    fn value(self, c: u8) -> Option<u32> {
        let [a, b] = self.last_two();
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            _ if c == a => 62,
            _ if c == b => 63,
            _ => return None,
        } as u32)
    }
}

/// The bytes as base64 text.
pub fn encode(bytes: &[u8], alphabet: Alphabet) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        // One byte gives two symbols, two give three, three give four.
        for i in 0..=chunk.len() {
            out.push(alphabet.symbol(n >> (18 - 6 * i)));
        }
        if alphabet == Alphabet::StandardPadded {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes of base64 text, or `None` if it is not the canonical encoding of any.
pub fn decode(text: &str, alphabet: Alphabet) -> Option<Vec<u8>> {
    let mut body = text.as_bytes();
    if alphabet == Alphabet::StandardPadded {
        if !body.len().is_multiple_of(4) {
            return None;
        }
        let pad = body.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 {
            return None;
        }
        body = &body[..body.len() - pad];
    }
    if body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for chunk in body.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= alphabet.value(c)? << (18 - 6 * i);
        }
        let len = chunk.len() - 1;
        // Bits past the last whole byte must be zero, or two texts would mean the same bytes.
        if n & (0xFF_FFFF >> (8 * len)) != 0 {
            return None;
        }
        out.extend((0..len).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use ::base64::Engine;
    use proptest::prelude::*;

    #[test]
    fn the_rfc_4648_vectors() {
        // RFC 4648 §10, and the same with the URL alphabet's own two symbols.
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(bytes.as_bytes(), Alphabet::StandardPadded), text);
            assert_eq!(
                decode(text, Alphabet::StandardPadded).unwrap(),
                bytes.as_bytes()
            );
            let url = text.trim_end_matches('=');
            assert_eq!(encode(bytes.as_bytes(), Alphabet::UrlNoPad), url);
            assert_eq!(decode(url, Alphabet::UrlNoPad).unwrap(), bytes.as_bytes());
        }
        assert_eq!(encode(&[0xfb, 0xff], Alphabet::UrlNoPad), "-_8");
        assert_eq!(encode(&[0xfb, 0xff], Alphabet::StandardPadded), "+/8=");
    }

    #[test]
    fn what_is_not_canonical_is_refused() {
        for (text, alphabet) in [
            ("Zh", Alphabet::UrlNoPad),         // "Zg" with a stray bit after the byte
            ("Z", Alphabet::UrlNoPad),          // one symbol is no byte
            ("Zg==", Alphabet::UrlNoPad),       // padding where there is none
            ("Zg", Alphabet::StandardPadded),   // missing padding
            ("Z===", Alphabet::StandardPadded), // too much padding
            ("Zm+v", Alphabet::UrlNoPad),       // the other alphabet
            ("Zm-v", Alphabet::StandardPadded), // the other alphabet
            ("Zm9v\n", Alphabet::UrlNoPad),     // a line break
            ("Zm=v", Alphabet::StandardPadded), // padding inside
        ] {
            assert_eq!(decode(text, alphabet), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn encodes_as_the_base64_crate_does(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(encode(&bytes, Alphabet::UrlNoPad), URL_SAFE_NO_PAD.encode(&bytes));
            prop_assert_eq!(encode(&bytes, Alphabet::StandardPadded), STANDARD.encode(&bytes));
        }

        #[test]
        fn decodes_as_the_base64_crate_does(text in "[A-Za-z0-9_=+/-]{0,40}") {
            prop_assert_eq!(decode(&text, Alphabet::UrlNoPad), URL_SAFE_NO_PAD.decode(&text).ok(), "{}", &text);
            prop_assert_eq!(decode(&text, Alphabet::StandardPadded), STANDARD.decode(&text).ok(), "{}", &text);
        }

        #[test]
        fn decodes_altered_encodings_as_the_base64_crate_does(
            bytes in proptest::collection::vec(any::<u8>(), 0..40),
            at in any::<prop::sample::Index>(),
            to in "[A-Za-z0-9_=+/-]",
        ) {
            for (alphabet, engine) in [(Alphabet::UrlNoPad, URL_SAFE_NO_PAD), (Alphabet::StandardPadded, STANDARD)] {
                let mut text = encode(&bytes, alphabet);
                if !text.is_empty() {
                    let i = at.index(text.len());
                    text.replace_range(i..=i, &to);
                }
                prop_assert_eq!(decode(&text, alphabet), engine.decode(&text).ok(), "{}", &text);
            }
        }
    }
}
