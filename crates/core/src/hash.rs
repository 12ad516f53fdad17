//! One small, fast hash for the sets and maps of wa-numbers (ids, WABAs,
//! cursors, campaign pools) and for credential fingerprints.
//!
//! Why not std's default: its SipHash and the random keys behind it cost the
//! npm package's wasm 1.2 KB (0.7 KB gzip) to hash short ids, and the keys
//! protect nothing there: std has no entropy source on wasm32-unknown-unknown
//! (its `unsupported` random module), and the keys hashed here are ids and
//! WABAs a provider listed, not secrets.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's offset basis: the hash of no bytes.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a of `bytes`, continuing from `hash` (start at [`fnv1a_of`]).
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// 64-bit FNV-1a of `bytes`: not reversible, and stable across builds and
/// runs (unlike std's `RandomState`).
pub fn fnv1a_of(bytes: &[u8]) -> u64 {
    fnv1a(FNV_OFFSET, bytes)
}

/// A [`Hasher`] computing FNV-1a of everything written to it.
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(FNV_OFFSET)
    }
}

impl Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hasher builder of [`FastMap`] and [`FastSet`].
pub type FastState = BuildHasherDefault<FnvHasher>;
/// A `HashMap` hashed with FNV-1a (create it with `FastMap::default()`).
pub type FastMap<K, V> = HashMap<K, V, FastState>;
/// A `HashSet` hashed with FNV-1a (create it with `FastSet::default()`).
pub type FastSet<T> = HashSet<T, FastState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a_of(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_of(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_of(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn sets_hold_each_value_once() {
        let mut set = FastSet::default();
        assert!(set.insert("a".to_owned()));
        assert!(!set.insert("a".to_owned()));
        assert!(set.insert("b".to_owned()));
        assert_eq!(set.len(), 2);
    }
}
