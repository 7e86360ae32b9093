//! Combining the partial results of parallel reads: a value seen by one task only is moved, not
//! rebuilt, and only values both tasks saw are merged.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash};

/// Put `value` under `key`, or merge it into the value already there with `merge`.
pub fn merge_entry<K: Hash + Eq, V, S: BuildHasher>(
    map: &mut HashMap<K, V, S>,
    key: K,
    value: V,
    merge: impl FnOnce(&mut V, V),
) {
    match map.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(value);
        }
        Entry::Occupied(mut slot) => merge(slot.get_mut(), value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_new_keys_and_merges_shared_ones() {
        let mut m: HashMap<&str, Vec<u32>> = HashMap::from([("a", vec![1])]);
        merge_entry(&mut m, "a", vec![2], |x, y| x.extend(y));
        merge_entry(&mut m, "b", vec![3], |x, y| x.extend(y));
        assert_eq!(m["a"], vec![1, 2]);
        assert_eq!(m["b"], vec![3]);
    }
}
