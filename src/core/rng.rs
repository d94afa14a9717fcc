//! A small deterministic PRNG: xoshiro256** seeded through SplitMix64 (Blackman & Vigna).
//! No `rand` crate, so the wasm bundle stays small and every platform draws the same numbers for a seed.
//! Exponential and normal variates come from `ziggurat` (`Rng::exp1`, `Rng::normal`), lognormal ones through
//! the inline `exp`.

mod exp;
mod ziggurat;

/// xoshiro256**: 256 bits of state, fast, passes BigCrush; plenty for a simulation.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

/// One SplitMix64 step: spreads a poor seed (0, 1, 2…) over the whole state.
fn splitmix64(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        let s = [splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x), splitmix64(&mut x)];
        Rng { s }
    }

    /// An independent stream derived from this seed, so adding draws to one part of the model
    /// does not shift the numbers another part sees.
    pub fn stream(seed: u64, stream: u64) -> Rng {
        Rng::new(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    #[inline]
    pub fn uniform_pos(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Exponential with the given mean.
    #[inline]
    pub fn exponential(&mut self, mean: f64) -> f64 {
        mean * self.exp1()
    }

    /// Lognormal: exp(mu + sigma · N(0, 1)).
    #[inline]
    pub fn lognormal(&mut self, mu: f64, sigma: f64) -> f64 {
        exp::exp(mu + sigma * self.normal())
    }

    /// Uniform in [lo, hi).
    #[inline]
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Poisson count with the given mean: inversion for small means, a rounded normal above 30
    /// (the error there is far below the simulation's own noise).
    pub fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 || !mean.is_finite() {
            return 0;
        }
        if mean > 30.0 {
            return (mean + mean.sqrt() * self.normal()).round().max(0.0) as u64;
        }
        let u = self.uniform();
        let mut k = 0u64;
        let mut p = (-mean).exp();
        let mut cdf = p;
        while u > cdf && k < 200 {
            k += 1;
            p *= mean / k as f64;
            cdf += p;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_of(n: usize, mut f: impl FnMut() -> f64) -> f64 {
        (0..n).map(|_| f()).sum::<f64>() / n as f64
    }

    #[test]
    fn same_seed_same_numbers() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        assert_ne!(Rng::new(7).next_u64(), Rng::new(8).next_u64());
    }

    #[test]
    fn moments_match() {
        let mut r = Rng::new(1);
        let cases: [(&str, f64, f64); 5] = [
            ("uniform", mean_of(100_000, || r.uniform()), 0.5),
            ("exp", mean_of(100_000, || r.exponential(3.0)), 3.0),
            ("normal", mean_of(100_000, || r.normal()), 0.0),
            ("lognormal", mean_of(100_000, || r.lognormal(0.0, 0.5)), (0.125f64).exp()),
            ("poisson", mean_of(100_000, || r.poisson(4.0) as f64), 4.0),
        ];
        for (name, got, want) in cases {
            assert!((got - want).abs() < 0.02 * want.max(1.0), "{name}: {got} vs {want}");
        }
    }
}
