//! E[⌈X ÷ k⌉] for X ~ Poisson(m): the instances busy on average when X requests are in flight and
//! instances are filled to k before another is used (`capacity::busy_instances`), priced hundreds of
//! times per cost curve.
//!
//! Summed term by term it takes about 15√m steps. When k is a ratio p/q of small whole numbers (4, 16,
//! 1.2 = 6/5, 1.5 = 3/2: every Flex capacity and most Cloud Run ones) it has a closed form. Writing
//! ⌈qX/p⌉ = (qX + r)/p with r = (−qX) mod p, E = (q·m + E[r])/p, and the distribution of X mod p is the
//! discrete Fourier transform of the Poisson generating function e^(m(z − 1)) at the p-th roots of unity
//! ω^j, θ_j = 2πj/p. With Σ_b b·ζ^b = p/(ζ − 1) for a p-th root ζ ≠ 1, and q' the inverse of q mod p:
//!
//!   E[r] = (p − 1)/2 + Σ_{j=1}^{p−1} e^(−m(1 − cos θ_j)) · Re[e^(i·m·sin θ_j) / (e^(iθ_j·q') − 1)]
//!        = (p − 1)/2 + Σ_j e^(−m(1 − cos θ_j)) · (−cos(m sin θ_j) + sin(m sin θ_j)·cot(π j q'/p)) / 2,
//!
//! the terms of j and p − j equal (j = p/2 adds −e^(−2m)/2). They shrink as e^(−m(1 − cos θ_j)), so only
//! the few j near 0 and p count; none below e^(−46) is added (it changes nothing an f64 holds). It is the
//! same quantity as the sum (k is p/q to within 1e-10 at every x the sum reaches, so every ⌈x/k − 1e-9⌉
//! of the sum is ⌈qx/p⌉), without the sum's truncation at terms of 1e-13.

use crate::core::select::larger;

/// Load up to which the mean is summed (or taken in closed form); above it the heavy-load form is used.
const POISSON_SUM_MAX: f64 = 2_000.0;
/// Below this load the sum is short and the closed form would lose digits to cancellation (E ≈ load).
const CLOSED_FORM_MIN_LOAD: f64 = 8.0;
/// Largest p and q of a capacity p/q the closed form takes.
const MAX_P: u32 = 64;
const MAX_Q: u32 = 16;
/// Terms of the closed form with e^(−m(1 − cos θ_j)) below e^(−46) are left out.
const NEGLIGIBLE_DECAY: f64 = 46.0;
/// One closed-form term (an exponential and a sine and cosine) costs about as much as this many steps of
/// the sum (in wasm, whose transcendental functions are software).
const TERM_COST_IN_STEPS: f64 = 20.0;

/// E[⌈X ÷ k⌉] for one capacity k at any load.
#[derive(Clone, Copy, Debug)]
pub struct Ceiling {
    k: f64,
    closed: Option<Closed>,
}

/// k = p/q, with the per-j constants of the closed form: (2 sin²(πj/p), 2 sin(πj/p) cos(πj/p),
/// cot(π·(j q' mod p)/p)) for j = 1 ..= (p − 1)/2, filled up to `filled` (the rest are computed when used).
#[derive(Clone, Copy, Debug)]
struct Closed {
    p: u32,
    q: u32,
    q_inv: u32,
    filled: u32,
    /// The least load at which `pays_at` holds, once filled (`None`: test it at each load).
    pays_from: Option<f64>,
    consts: [(f64, f64, f64); (MAX_P / 2) as usize],
}

impl Closed {
    fn of(k: f64) -> Option<Closed> {
        if k <= 1.0 || !k.is_finite() {
            return None;
        }
        // The furthest x the sum reaches at the largest load: beyond m + 40√m + 40 the tail is below e^(−400).
        let x_max = POISSON_SUM_MAX + 40.0 * POISSON_SUM_MAX.sqrt() + 40.0;
        let (p, q) = (1..=MAX_Q).find_map(|q| {
            let p = (k * f64::from(q)).round();
            (p >= 2.0 && p <= f64::from(MAX_P) && (1.0 / k - f64::from(q) / p).abs() * x_max < 1e-10)
                .then_some((p as u32, q))
        })?;
        let q_inv = (1..p).find(|&i| (u64::from(q) * u64::from(i)) % u64::from(p) == 1)?;
        Some(Closed { p, q, q_inv, filled: 0, pays_from: None, consts: [(0.0, 0.0, 0.0); (MAX_P / 2) as usize] })
    }

    fn fill(mut self) -> Closed {
        for j in 1..=(self.p - 1) / 2 {
            self.consts[j as usize - 1] = self.constants(j);
        }
        self.filled = (self.p - 1) / 2;
        self.pays_from = Some(self.least_paying_load());
        self
    }

    /// The least f64 load at which `pays_at_load` holds, found by halving the range of bit patterns
    /// (positive f64s order as their bits do): the test only grows truer with the load (its term count
    /// falls, 15√m rises), so `m >= least` is the same test at every load, with no square root per load.
    fn least_paying_load(&self) -> f64 {
        let (mut lo, mut hi) = (CLOSED_FORM_MIN_LOAD.to_bits() - 1, POISSON_SUM_MAX.to_bits());
        if !self.pays_at_load(f64::from_bits(hi)) {
            return f64::INFINITY;
        }
        // Invariant: fails at lo, holds at hi.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.pays_at_load(f64::from_bits(mid)) { hi = mid } else { lo = mid }
        }
        f64::from_bits(hi)
    }

    fn constants(&self, j: u32) -> (f64, f64, f64) {
        let pf = f64::from(self.p);
        // 1 − cos θ = 2 sin²(θ/2) and sin θ = 2 sin(θ/2) cos(θ/2), accurate for small θ.
        let (sh, ch) = (std::f64::consts::PI * f64::from(j) / pf).sin_cos();
        let turn = (u64::from(j) * u64::from(self.q_inv) % u64::from(self.p)) as u32;
        (2.0 * sh * sh, 2.0 * sh * ch, 1.0 / (std::f64::consts::PI * f64::from(turn) / pf).tan())
    }

    /// `pays_at_load`, read from the least paying load once filled (a cost curve asks at every load).
    #[inline]
    fn pays_at(&self, m: f64) -> bool {
        match self.pays_from {
            Some(least) => m >= least,
            None => self.pays_at_load(m),
        }
    }

    /// Whether the closed form is cheaper than the sum at load `m` (≤ 2,000): about p·√(2·46/m)/2π terms
    /// against 15√m steps.
    fn pays_at_load(&self, m: f64) -> bool {
        let pf = f64::from(self.p);
        let terms = (pf * (2.0 * NEGLIGIBLE_DECAY / m).sqrt() / std::f64::consts::TAU).min(pf / 2.0) + 1.0;
        m >= CLOSED_FORM_MIN_LOAD && terms * TERM_COST_IN_STEPS <= 15.0 * m.sqrt()
    }

    fn mean(&self, m: f64) -> f64 {
        let pf = f64::from(self.p);
        let mut fourier = 0.0;
        for j in 1..=(self.p - 1) / 2 {
            let (one_minus_cos, sin, cot) =
                if j <= self.filled { self.consts[j as usize - 1] } else { self.constants(j) };
            let decay = m * one_minus_cos;
            if decay > NEGLIGIBLE_DECAY {
                break;
            }
            let (sin_psi, cos_psi) = (m * sin).sin_cos();
            // Twice the real part (j and p − j).
            fourier += (-decay).exp() * (sin_psi * cot - cos_psi);
        }
        if self.p.is_multiple_of(2) && 2.0 * m <= NEGLIGIBLE_DECAY {
            // j = p/2: θ = π, sin θ = 0, cot(π q'/2) = 0 (q' odd).
            fourier -= 0.5 * (-2.0 * m).exp();
        }
        (f64::from(self.q) * m + (pf - 1.0) / 2.0 + fourier) / pf
    }
}

impl Ceiling {
    /// For many loads at one capacity (a cost model's hours): the closed form's constants resolved once.
    pub fn new(k: f64) -> Ceiling {
        let k = Ceiling::clamped(k);
        Ceiling { k, closed: Closed::of(k).map(Closed::fill) }
    }

    /// For one load: the constants computed as the terms need them.
    pub fn once(k: f64) -> Ceiling {
        let k = Ceiling::clamped(k);
        Ceiling { k, closed: Closed::of(k) }
    }

    /// The capacity a `Ceiling` of `k` uses (at least 1).
    pub fn clamped(k: f64) -> f64 {
        k.max(1.0)
    }

    /// Its capacity (`clamped`).
    pub fn capacity(&self) -> f64 {
        self.k
    }

    /// E[⌈X ÷ k⌉] at X ~ Poisson(`load`); above a load of 2,000, load ÷ k + (1 − 1/k), an upper bound
    /// that keeps the figure rising with the load.
    pub fn mean(&self, load: f64) -> f64 {
        self.mean_with(load, |m| (-m).exp())
    }

    /// `mean` for a caller that has e^(−`load`) at hand (`idle`, e.g. from the e^load − 1 it takes
    /// anyway): the light-load sum starts from it rather than taking the exponential again (in wasm each
    /// is software). Within a few ulps of `mean`.
    pub fn mean_given_idle(&self, load: f64, idle: f64) -> f64 {
        self.mean_with(load, |_| idle)
    }

    /// `mean`, with P(X = 0) = e^(−m) from `idle(m)` where the light-load sum needs it.
    fn mean_with(&self, load: f64, idle: impl FnOnce(f64) -> f64) -> f64 {
        let k = self.k;
        let m = if load.is_finite() { larger(load, 0.0) } else { 0.0 };
        if k <= 1.0 || m == 0.0 {
            return m;
        }
        if m > POISSON_SUM_MAX {
            return m / k + (1.0 - 1.0 / k);
        }
        if let Some(c) = self.closed.as_ref().filter(|c| c.pays_at(m)) {
            return c.mean(m);
        }
        if self.closed.is_some_and(|c| c.p == 2) {
            // k = 2: the closed form is (m + 1/2 − e^(−2m)/2)/2, one exponential at any load, and as
            // (m − expm1(−2m)/2)/2 it keeps every digit at light load too (the sum's terms below 1e-13 aside).
            return (m - 0.5 * (-2.0 * m).exp_m1()) / 2.0;
        }
        // x ÷ k as x × (1/k): ⌈x/k − 1e-9⌉ could differ only where x/k lies within an ulp of a whole number
        // plus 1e-9, which no whole x below the sum's end reaches for the capacities in use (the presets'
        // curves keep every bit); in wasm a division costs several multiplications.
        let per_k = 1.0 / k;
        let term = |x: f64, p: f64| p * (x * per_k - 1e-9).ceil();
        if m < CLOSED_FORM_MIN_LOAD {
            // The mode is below 8 and every term down to x = 0 counts: upward from P(0) = e^(−m), the same
            // terms as from the mode, without the logarithms.
            let (mut x, mut p, mut sum) = (0.0, idle(m), 0.0);
            while p > 1e-13 || x < m {
                x += 1.0;
                p *= m / x;
                sum += term(x, p);
            }
            return sum;
        }
        // Outward from the mode, where the terms are largest, until they vanish.
        let mode = m.floor();
        let at_mode = (mode * m.ln() - m - ln_factorial_of_mode(mode)).exp();
        let mut sum = term(mode, at_mode);
        let (mut x, mut p) = (mode, at_mode);
        while x > 0.0 && p > 1e-13 {
            p *= x / m;
            x -= 1.0;
            sum += term(x, p);
        }
        let (mut x, mut p) = (mode, at_mode);
        while p > 1e-13 || x < m {
            x += 1.0;
            p *= m / x;
            sum += term(x, p);
        }
        sum
    }
}

/// `ln_factorial(mode)` for a mode of the sum (a whole number up to `POISSON_SUM_MAX`), each computed once
/// per process: a cost curve asks for the same few hundred modes at thousands of loads, and each takes two
/// logarithms or more (software in wasm).
fn ln_factorial_of_mode(mode: f64) -> f64 {
    const MODES: usize = POISSON_SUM_MAX as usize + 1;
    static TABLE: [std::sync::OnceLock<f64>; MODES] = [const { std::sync::OnceLock::new() }; MODES];
    match TABLE.get(mode as usize) {
        Some(at) if mode >= 0.0 => *at.get_or_init(|| ln_factorial(mode)),
        _ => ln_factorial(mode),
    }
}

/// ln(n!) for whole n ≥ 0 (Stirling's series beyond 10; exact below).
fn ln_factorial(n: f64) -> f64 {
    if n < 10.0 {
        return (2..=n as u32).map(|i| f64::from(i).ln()).sum();
    }
    n * n.ln() - n + 0.5 * (std::f64::consts::TAU * n).ln() + 1.0 / (12.0 * n) - 1.0 / (360.0 * n.powi(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct sum Σ P(x)·⌈x/k − 1e-9⌉ with every term from x = 0 until they underflow.
    fn summed(m: f64, k: f64) -> f64 {
        let (mut sum, mut total, mut p, mut x) = (0.0, 0.0, (-m).exp(), 0.0);
        while x < m || p > 1e-300 {
            sum += p * (x / k - 1e-9).ceil();
            total += p;
            x += 1.0;
            p *= m / x;
        }
        assert!((total - 1.0).abs() < 1e-12, "{total}");
        sum
    }

    #[test]
    fn closed_form_is_the_sum() {
        // Capacities of the presets (Flex 2, 4, 16; Cloud Run 1.2, 1.5, 2, 48) and others, at loads across
        // the range the closed form serves (8 to 700: e^(−m) stays a normal f64 for the reference sum).
        let mut closed = 0;
        for k in [2.0, 4.0, 16.0, 0.6 / 0.5, 0.6 / 0.4, 0.6 / 0.3, 0.6 * 80.0, 2.5, 64.0, 20.0 / 11.0] {
            let c = Closed::of(k).expect("a ratio of small whole numbers");
            for m in [8.0, 9.5, 20.0, 47.3, 100.0, 333.3, 700.0] {
                let want = summed(m, k);
                for got in [c.mean(m), c.fill().mean(m)] {
                    assert!((got - want).abs() <= 1e-12 * want, "k {k}, m {m}: {got} vs {want}");
                }
                assert_eq!(Ceiling::new(k).mean(m), Ceiling::once(k).mean(m), "same bits, table or not");
                closed += usize::from(c.pays_at(m));
            }
        }
        assert!(closed > 20, "{closed}");
        // Not a ratio of small whole numbers: the sum serves it.
        assert!(Closed::of(std::f64::consts::PI).is_none());
        assert!(Closed::of(1.0).is_none());
    }

    #[test]
    fn the_least_paying_load_is_the_test_at_every_load() {
        for k in [2.0, 4.0, 16.0, 0.6 / 0.5, 0.6 / 0.4, 0.6 * 80.0, 64.0, 20.0 / 11.0] {
            let c = Closed::of(k).expect("a ratio of small whole numbers").fill();
            let least = c.pays_from.expect("filled");
            for m in (0..20_000).map(|i| f64::from(i) * 0.1).chain([least, f64::from_bits(least.to_bits() - 1)]) {
                assert_eq!(c.pays_at(m), c.pays_at_load(m), "k {k}, m {m}");
            }
        }
    }

    #[test]
    fn every_path_is_the_expected_ceiling() {
        // The light-load sum from x = 0, the sum from the mode (π has no closed form) and the closed
        // form agree with the full sum; the mode's Stirling series leaves ~1e-8 near n = 10.
        for (k, m) in [(4.0, 0.3), (16.0, 7.9), (1.2, 3.0), (std::f64::consts::PI, 12.0), (std::f64::consts::PI, 450.0)]
        {
            let (got, want) = (Ceiling::new(k).mean(m), summed(m, k));
            assert!((got - want).abs() <= 1e-8 * want, "k {k}, m {m}: {got} vs {want}");
        }
        // k = 2 takes its closed form at every load, the lightest included.
        for m in [1e-9, 1e-4, 0.3, 2.0, 7.9, 12.0] {
            let (got, want) = (Ceiling::new(2.0).mean(m), summed(m, 2.0));
            assert!((got - want).abs() <= 1e-14 * want, "m {m}: {got} vs {want}");
        }
    }
}
