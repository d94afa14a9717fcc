//! A max-heap whose best element waits outside it. The exact engine's queues are mostly tiny and used
//! last-in-first-out — an environment released by one request is the one the next request takes, a request
//! pushed is the next to finish — so the element pushed is usually the next popped: kept outside, that
//! pair costs two compares instead of a sift up and a sift down. The order is exactly a heap's.

use std::collections::BinaryHeap;

pub struct Heap<T: Ord + Copy> {
    /// When set, better than (or equal to) every element of `rest`.
    best: Option<T>,
    rest: BinaryHeap<T>,
}

impl<T: Ord + Copy> Heap<T> {
    pub fn with_capacity(n: usize) -> Heap<T> {
        Heap { best: None, rest: BinaryHeap::with_capacity(n) }
    }

    #[inline]
    pub fn peek(&self) -> Option<T> {
        self.best.or_else(|| self.rest.peek().copied())
    }

    #[inline(always)]
    pub fn push(&mut self, x: T) {
        match self.best {
            Some(b) if x >= b => {
                self.rest.push(b);
                self.best = Some(x);
            }
            Some(_) => self.rest.push(x),
            None if self.rest.peek().is_none_or(|&top| x >= top) => self.best = Some(x),
            None => self.rest.push(x),
        }
    }

    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        self.best.take().or_else(|| self.rest.pop())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::Rng;

    #[test]
    fn pops_in_the_order_of_a_binary_heap() {
        // Random interleavings of pushes and pops, with ties: every pop must match std's heap.
        let mut rng = Rng::new(3);
        let (mut ours, mut std) = (Heap::with_capacity(4), BinaryHeap::new());
        for _ in 0..100_000 {
            if rng.uniform() < 0.55 {
                let x = rng.next_u64() % 50;
                ours.push(x);
                std.push(x);
            } else {
                assert_eq!(ours.pop(), std.pop());
            }
            assert_eq!(ours.peek(), std.peek().copied());
        }
        while let Some(x) = std.pop() {
            assert_eq!(ours.pop(), Some(x));
        }
        assert_eq!(ours.pop(), None);
    }
}
