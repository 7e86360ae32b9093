//! A fast hasher for the maps touched once or twice per event (identity → windows, window → counts).
//!
//! std's SipHash costs more than the rest of the lookup for these short keys (identity ARNs,
//! window numbers). This one reads eight bytes at a time with one multiply each and mixes the
//! result at the end. Each map gets its own random seed from std's `RandomState`, so the
//! bucket layout differs per map and per run; key order never leaks into results (everything
//! that reaches a model or an alert is sorted first).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};

/// Odd multiplier with well-spread bits (the 64-bit golden ratio).
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hasher: a multiply-rotate over 64-bit words, finished with a xor-shift-multiply mix.
#[derive(Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(23) ^ w).wrapping_mul(MUL);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.word(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        // The length keeps "a" and "a\0" apart.
        self.word(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.word(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.word(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.word(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.word(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 32;
        h = h.wrapping_mul(MUL);
        h ^ (h >> 29)
    }
}

/// Builds [`FastHasher`]s with a per-map random seed.
#[derive(Clone, Copy)]
pub struct FastState(u64);

impl Default for FastState {
    fn default() -> Self {
        FastState(RandomState::new().hash_one(0x7469_6768_7472_6f70_u64))
    }
}

impl BuildHasher for FastState {
    type Hasher = FastHasher;
    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.0)
    }
}

/// A `HashMap` with [`FastState`].
pub type FastMap<K, V> = HashMap<K, V, FastState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_near_keys_spread() {
        let s = FastState::default();
        assert_eq!(s.hash_one("arn:aws:iam::1:role/a"), s.hash_one("arn:aws:iam::1:role/a"));
        assert_ne!(s.hash_one("a"), s.hash_one("a\0"));
        // Consecutive window numbers fill distinct buckets of a small table.
        let buckets: std::collections::HashSet<u64> =
            (0i64..64).map(|w| s.hash_one(w) & 63).collect();
        assert!(buckets.len() > 32, "{}", buckets.len());
        let mut m: FastMap<String, u32> = FastMap::default();
        for i in 0..1000 {
            m.insert(format!("k{i}"), i);
        }
        assert!((0..1000).all(|i| m[&format!("k{i}")] == i));
    }
}
