//! A small, fast, non-cryptographic hasher for maps keyed by ids (the Firefox/rustc "Fx"
//! scheme). Diagrams are the user's own data, so hash flooding is not a concern here, and
//! SipHash dominated the cost of checking large diagrams.

use core::hash::{BuildHasherDefault, Hasher};
use std::collections::HashSet;

/// The Fx hasher.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64)
    }
    fn write_u16(&mut self, i: u16) {
        self.add(i as u64)
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64)
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i)
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64)
    }
    fn finish(&self) -> u64 {
        // A multiply leaves the low bits depending only on the low bits of the input, and the
        // table's bucket is chosen by the low bits: keys that differ only high up (a relation
        // key's tail) would all collide. Folding the full 128-bit product mixes them down.
        let wide = u128::from(self.hash) * 0x9e37_79b9_7f4a_7c15_u128;
        (wide as u64) ^ ((wide >> 64) as u64)
    }
}

/// A `HashSet` with the Fx hasher.
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;
