//! A log-bucketed latency histogram: 16 buckets per doubling (≤ 6.25 % wide), filled in O(1) from the
//! float's bits, so percentiles of millions of requests need no sorting and no per-request storage.

use super::Percentiles;

/// Exponent + 4 mantissa bits of an f64: the top 16 bits select the bucket.
const SHIFT: u32 = 48;
/// Values are clamped to [2^-10, 2^30] ms (1 µs … 12 days).
const LO_MS: f64 = 1.0 / 1024.0;
const HI_MS: f64 = (1u64 << 30) as f64;
/// Sub-buckets per doubling merged into one bar of the chart histogram (16 / 4 = 4 bars per doubling).
const CHART_MERGE: usize = 4;

#[derive(Clone, Debug)]
pub struct Histogram {
    counts: Vec<u64>,
    base: u64,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram::new()
    }
}

impl Histogram {
    pub fn new() -> Histogram {
        let base = LO_MS.to_bits() >> SHIFT;
        let top = HI_MS.to_bits() >> SHIFT;
        Histogram { counts: vec![0; (top - base + 1) as usize], base, total: 0 }
    }

    #[inline]
    pub fn add(&mut self, ms: f64) {
        // Comparisons rather than `clamp`: NaN falls to `LO_MS` without a test of its own.
        let v = if ms > LO_MS { ms } else { LO_MS };
        let v = if v < HI_MS { v } else { HI_MS };
        let i = ((v.to_bits() >> SHIFT) - self.base) as usize;
        self.counts[i] += 1;
        self.total += 1;
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    fn lower(&self, i: usize) -> f64 {
        f64::from_bits((i as u64 + self.base) << SHIFT)
    }

    /// The q-quantile (0–1), linear within its bucket; 0 when empty.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let target = (q.clamp(0.0, 1.0) * self.total as f64).max(1.0);
        let mut seen = 0.0;
        for (i, &c) in self.counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let next = seen + c as f64;
            if next >= target {
                let frac = (target - seen) / c as f64;
                let (lo, hi) = (self.lower(i), self.lower(i + 1));
                return (lo + frac * (hi - lo)).min(HI_MS);
            }
            seen = next;
        }
        HI_MS
    }

    pub fn percentiles(&self) -> Percentiles {
        Percentiles {
            p50: self.quantile(0.50),
            p95: self.quantile(0.95),
            p99: self.quantile(0.99),
            p999: self.quantile(0.999),
        }
    }

    /// (upper bound ms, share of requests) bars, 4 per doubling, from the first to the last non-empty one.
    pub fn chart(&self) -> Vec<(f64, f64)> {
        if self.total == 0 {
            return Vec::new();
        }
        let bars: Vec<(f64, u64)> = self
            .counts
            .chunks(CHART_MERGE)
            .enumerate()
            .map(|(j, c)| (self.lower((j + 1) * CHART_MERGE), c.iter().sum()))
            .collect();
        let first = bars.iter().position(|b| b.1 > 0).unwrap_or(0);
        let last = bars.iter().rposition(|b| b.1 > 0).unwrap_or(0);
        bars[first..=last].iter().map(|&(ub, c)| (ub, c as f64 / self.total as f64)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_within_bucket_width() {
        let mut h = Histogram::new();
        for i in 1..=10_000 {
            h.add(i as f64);
        }
        for (q, want) in [(0.5, 5_000.0), (0.99, 9_900.0), (0.001, 10.0)] {
            let got = h.quantile(q);
            assert!((got / want - 1.0).abs() < 0.0625, "q{q}: {got} vs {want}");
        }
        let shares: f64 = h.chart().iter().map(|b| b.1).sum();
        assert!((shares - 1.0).abs() < 1e-9);
    }

    #[test]
    fn extremes_do_not_panic() {
        let mut h = Histogram::new();
        for v in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
            h.add(v);
        }
        assert_eq!(h.total(), 5);
        assert!(h.quantile(1.0) <= HI_MS);
    }
}
