//! One stable sort for the whole program. Each `slice::sort_by` is its own copy of the standard library's
//! driftsort in the wasm (~5 KB per element type and comparator, seven of them in the app); these sort the
//! indices of the items with a single comparator type, so driftsort is compiled once, and what remains per
//! call site is a small in-place permutation. Same O(n log n), same stability as `slice::sort_by`.

use std::cmp::Ordering;

/// The stable order of `0..n` under `cmp`, which compares the items at two indices.
#[inline(never)]
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Sorts `v` like `v.sort_by(cmp)`: stably, equal items keep their order.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut from = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    // Item i of the result is item from[i] of the input: follow each cycle of the permutation once,
    // swapping along it, and mark the visited positions as fixed points.
    for i in 0..from.len() {
        let mut j = i;
        loop {
            let k = from[j];
            from[j] = j;
            if k == i || k == j {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Sorts `v` like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::Rng;

    #[test]
    fn sorts_like_the_standard_stable_sort_ties_included() {
        let mut rng = Rng::new(7);
        for n in [0, 1, 2, 3, 10, 100, 1000] {
            // Few distinct keys, so most items tie: the second field shows whether ties kept their order.
            let items: Vec<(u32, usize)> = (0..n).map(|i| ((rng.uniform() * 5.0) as u32, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "n = {n}");
            let mut by_key = items;
            sort_by_key(&mut by_key, |x| std::cmp::Reverse(x.0));
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(by_key, std);
        }
    }
}
