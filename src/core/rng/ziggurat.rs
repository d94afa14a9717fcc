//! Exponential and normal variates by the ziggurat method (Marsaglia & Tsang, "The Ziggurat Method for
//! Generating Random Variables", J. Statistical Software 5(8), 2000), in the form of Doornik's ZIGNOR
//! (2005) with 256 layers: the density is covered by 255 rectangles of equal area plus a base strip that
//! holds the tail. One 64-bit draw picks a layer (8 low bits) and a point in it (53 high bits); ~99 % of
//! draws fall inside the layer's core and return after one multiply and one compare, without a logarithm.
//! The rest are accepted against the exact density or go to the exact tail, so the method is exact (not
//! an approximation of the distribution).

use std::sync::OnceLock;

use super::Rng;

const LAYERS: usize = 256;

/// One ziggurat: `x[i]` the right edge of layer i (decreasing, `x[0]` the base strip's equivalent width,
/// `x[1]` = r where the tail starts, `x[256]` = 0) and `f[i]` the density there.
struct Tables {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
}

/// A density the ziggurat covers: `f` unnormalised with f(0) = 1, `f_inv` its inverse on x ≥ 0, and for 256
/// layers the tail start `r` and the common area `v` of each layer (Marsaglia & Tsang 2000).
struct Density {
    f: fn(f64) -> f64,
    f_inv: fn(f64) -> f64,
    r: f64,
    v: f64,
}

/// f(x) = e^(−x), v = (r + 1)·e^(−r).
const EXP: Density =
    Density { f: |x| (-x).exp(), f_inv: |y| -y.ln(), r: 7.697_117_470_131_05, v: 0.003_949_659_822_581_557 };

/// f(x) = e^(−x²/2).
const NORM: Density = Density {
    f: |x| (-0.5 * x * x).exp(),
    f_inv: |y| (-2.0 * y.ln()).sqrt(),
    r: 3.654_152_885_361_009,
    v: 0.004_928_673_233_99,
};

impl Density {
    /// The layers: layer i spans density heights f(x[i]) … f(x[i+1]) with area x[i] · (f(x[i+1]) − f(x[i])) = v.
    fn build(&self) -> Tables {
        let mut x = [0.0; LAYERS + 1];
        x[0] = self.v / (self.f)(self.r);
        x[1] = self.r;
        for i in 2..LAYERS {
            x[i] = (self.f_inv)(self.v / x[i - 1] + (self.f)(x[i - 1]));
        }
        x[LAYERS] = 0.0;
        Tables { x, f: x.map(self.f) }
    }
}

fn exp_tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| EXP.build())
}

fn norm_tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| NORM.build())
}

/// The 53 high bits of `bits` as a uniform in [0, 1) (the layer index uses the 8 low ones).
#[inline]
fn high_unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

impl Rng {
    /// Exponential with mean 1 (ziggurat). The common case is inlined; the rest is `exp1_edge`.
    #[inline]
    pub fn exp1(&mut self) -> f64 {
        let t = exp_tables();
        let bits = self.next_u64();
        let i = (bits & 0xff) as usize;
        let x = high_unit(bits) * t.x[i];
        if x < t.x[i + 1] {
            return x;
        }
        self.exp1_edge(t, i, x)
    }

    /// A draw outside layer i's core: the tail, or a test against the density (else a new draw).
    #[cold]
    #[inline(never)]
    fn exp1_edge(&mut self, t: &Tables, i: usize, x: f64) -> f64 {
        if i == 0 {
            // The tail beyond r: memoryless, so r plus another exponential.
            return EXP.r - self.uniform_pos().ln();
        }
        if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * self.uniform() < (EXP.f)(x) {
            return x;
        }
        self.exp1()
    }

    /// Standard normal (ziggurat). The common case is inlined; the rest is `normal_edge`.
    #[inline]
    pub fn normal(&mut self) -> f64 {
        let t = norm_tables();
        let bits = self.next_u64();
        let i = (bits & 0xff) as usize;
        let x = (2.0 * high_unit(bits) - 1.0) * t.x[i];
        if x.abs() < t.x[i + 1] {
            return x;
        }
        self.normal_edge(t, i, x)
    }

    /// A draw outside layer i's core: the tail, or a test against the density (else a new draw).
    #[cold]
    #[inline(never)]
    fn normal_edge(&mut self, t: &Tables, i: usize, x: f64) -> f64 {
        if i == 0 {
            // The tail beyond r (Marsaglia 1964): exponential proposals accepted against the density.
            loop {
                let a = -self.uniform_pos().ln() / NORM.r;
                let b = -self.uniform_pos().ln();
                if 2.0 * b > a * a {
                    return if x < 0.0 { -NORM.r - a } else { NORM.r + a };
                }
            }
        }
        if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * self.uniform() < (NORM.f)(x) {
            return x;
        }
        self.normal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mean, variance and a tail share of `n` draws.
    fn moments(n: usize, mut draw: impl FnMut() -> f64, beyond: f64) -> (f64, f64, f64) {
        let (mut s, mut s2, mut tail) = (0.0, 0.0, 0usize);
        for _ in 0..n {
            let x = draw();
            s += x;
            s2 += x * x;
            tail += usize::from(x > beyond);
        }
        let mean = s / n as f64;
        (mean, s2 / n as f64 - mean * mean, tail as f64 / n as f64)
    }

    /// FNV-1a over the bits of a table's edges and densities.
    fn fingerprint(t: &Tables) -> u64 {
        t.x.iter().chain(&t.f).fold(0xcbf2_9ce4_8422_2325, |h, v| (h ^ v.to_bits()).wrapping_mul(0x0100_0000_01b3))
    }

    /// Pinned from the tables as built before the two densities became `Density` values (natively, x86_64
    /// with glibc's exp and ln): a change here changes every simulation's draws.
    #[test]
    fn tables_are_unchanged() {
        assert_eq!(fingerprint(exp_tables()), 0x426f_ac3f_9c39_ccfe);
        assert_eq!(fingerprint(norm_tables()), 0x50e7_b7fc_606c_f6aa);
    }

    #[test]
    fn layers_close_at_the_top() {
        // Each table's top layer must end at x = 0 with f = 1: a wrong r or v shows here first.
        for t in [exp_tables(), norm_tables()] {
            assert!(t.x[LAYERS - 1] > 0.0 && t.x[LAYERS - 1] < 0.25, "{}", t.x[LAYERS - 1]);
            let top_area = t.x[LAYERS - 1] * (1.0 - t.f[LAYERS - 1]);
            let v = t.x[1] * (t.f[2] - t.f[1]);
            assert!((top_area / v - 1.0).abs() < 1e-6, "top layer {top_area} vs {v}");
        }
    }

    // n = 4e6 draws; a sample mean's standard error is σ/√n, a sample variance's is σ²·√((κ − 1)/n) with
    // κ the kurtosis (exponential 9, normal 3), a share p's is √(p(1 − p)/n). Tolerances are 5 standard
    // errors: a correct sampler fails about once in 1.7 million runs, a wrong table shows far beyond.
    const N: usize = 4_000_000;

    #[test]
    fn exponential_moments() {
        let mut r = Rng::new(11);
        // Exp(1): mean 1, variance 1, P(X > 3) = e^-3; P(X > 8) = e^-8 crosses the tail start r = 7.7.
        let (mean, var, p3) = moments(N, || r.exp1(), 3.0);
        let n = N as f64;
        assert!((mean - 1.0).abs() < 5.0 / n.sqrt(), "mean {mean}");
        assert!((var - 1.0).abs() < 5.0 * (8.0 / n).sqrt(), "variance {var}");
        let p = (-3.0f64).exp();
        assert!((p3 - p).abs() < 5.0 * (p * (1.0 - p) / n).sqrt(), "P(X>3) {p3} vs {p}");
        let (_, _, p8) = moments(N, || r.exp1(), 8.0);
        let p = (-8.0f64).exp();
        assert!((p8 - p).abs() < 5.0 * (p / n).sqrt(), "P(X>8) {p8} vs {p}");
        assert!((0..1000).all(|_| r.exp1() >= 0.0));
    }

    #[test]
    fn normal_moments() {
        let mut r = Rng::new(12);
        // N(0, 1): mean 0, variance 1, P(Z > 1.96) = 0.024998, P(|Z| > 3.9) = 9.6193e-5 (beyond r = 3.65).
        let (mean, var, p196) = moments(N, || r.normal(), 1.96);
        let n = N as f64;
        assert!(mean.abs() < 5.0 / n.sqrt(), "mean {mean}");
        assert!((var - 1.0).abs() < 5.0 * (2.0 / n).sqrt(), "variance {var}");
        let p = 0.024_997_895;
        assert!((p196 - p).abs() < 5.0 * (p * (1.0 - p) / n).sqrt(), "P(Z>1.96) {p196} vs {p}");
        let (_, _, p39) = moments(N, || r.normal().abs(), 3.9);
        let p = 9.619_3e-5;
        assert!((p39 - p).abs() < 5.0 * (p / n).sqrt(), "P(|Z|>3.9) {p39} vs {p}");
    }
}
