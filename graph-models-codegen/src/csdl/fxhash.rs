//! A small multiplicative hasher for the reader's internal maps (keys are short names from the
//! documents, not attacker-chosen per request); SipHash was the biggest single cost of resolution.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown picks the bucket from the low bits, and the low bits of a product depend only
        // on the low bits of its factors: names that differ late in their last 8 bytes (`t123456`,
        // `t123457`, ...) shared buckets, and reading 300,000 such types spent a third of its time
        // probing. The high bits are well mixed; rotate them down (as rustc-hash 2 does).
        self.0.rotate_left(26)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod bucket_tests {
    use super::FxHasher;
    use std::collections::HashSet;
    use std::hash::{BuildHasher, BuildHasherDefault};

    /// Sequential names (`t0`, `t1`, ...) must spread over the low bits hashbrown indexes by; a
    /// uniform hash fills about 63% of 2^16 buckets with 2^16 keys.
    #[test]
    fn sequential_names_spread_over_buckets() {
        let build = BuildHasherDefault::<FxHasher>::default();
        let n = 1 << 16;
        let mut low = HashSet::new();
        let mut unrotated = HashSet::new();
        for i in 0..n {
            let name = format!("t{i}");
            let h = build.hash_one(("Hostile.Test", name.as_str()));
            low.insert(h & 0xffff);
            unrotated.insert(h.rotate_right(26) & 0xffff);
        }
        assert!(low.len() > n * 6 / 10, "{} of {n}", low.len());
        // What the rotation fixed.
        assert!(unrotated.len() < n / 10, "{} of {n}", unrotated.len());
    }
}
