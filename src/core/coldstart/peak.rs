//! The law of one fluid step's peak in-flight count (see `fluid`): P(peak < k) = F(k−1)^(1/n)·e^(−θₖ·dt),
//! with X ~ Poisson(m) in flight, F its cdf, n the steps in the keep-alive window and θₖ the rate at
//! which the in-flight count (a birth–death chain: up at λ, down at j/E[S]) first reaches level k.
//! For a birth–death chain the mean first-passage time to k from the stationary law below k is exact:
//! E[τₖ] = Σ_{j<k} F(j)² ÷ (λ·π(j)·F(k−1)), π the pmf; θₖ = 1/E[τₖ]. (The up-crossing rate λ·π(k−1)
//! overstates θₖ: crossings come in clusters, the count falls back and crosses again.)

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::core::rng::Rng;

/// Below this mean in-flight count the levels are the Poisson's own; above, a normal continuum (it
/// puts the pool ≈ 0.3 % low at m = 400 against the Poisson levels, less above).
const DISCRETE_BELOW: f64 = 400.0;
/// A table starts at m − 8 sd: below, P(peak ≥ k) is 1 to 1e-15.
const SPAN_SD: f64 = 8.0;
/// Tables kept per run: a weekly curve repeats its days, so most minutes find their table built.
const TABLES_MAX: usize = 4_096;

/// Draws step peaks for one simulation; the tables depend only on (m, arrivals) and the window.
pub struct Peaks {
    /// Steps in the keep-alive window.
    n: f64,
    tables: Vec<Table>,
    index: HashMap<(u64, u64), usize>,
    /// The last step's key and table: the rate holds for a minute or more.
    last: ((u64, u64), usize),
}

impl Peaks {
    pub fn new(window_steps: usize) -> Peaks {
        Peaks { n: window_steps as f64, tables: Vec::new(), index: HashMap::new(), last: ((0, 0), usize::MAX) }
    }

    /// Peak in-flight requests during a step with `m` in flight on average and `arrivals` arrivals.
    pub fn draw(&mut self, m: f64, arrivals: f64, rng: &mut Rng) -> f64 {
        if arrivals <= 0.0 || m <= 0.0 {
            return 0.0;
        }
        let u = rng.uniform();
        if m >= DISCRETE_BELOW {
            return continuum().draw(m, arrivals / m, self.n, u);
        }
        let key = (m.to_bits(), arrivals.to_bits());
        if key != self.last.0 || self.last.1 == usize::MAX {
            if self.tables.len() >= TABLES_MAX {
                self.tables.clear();
                self.index.clear();
            }
            let (n, tables) = (self.n, &mut self.tables);
            let at = *self.index.entry(key).or_insert_with(|| {
                tables.push(Table::new(m, arrivals, n));
                tables.len() - 1
            });
            self.last = (key, at);
        }
        let t = &self.tables[self.last.1];
        // P(peak ≥ k) falls with k: the levels reached are a prefix of the table.
        t.base + t.at_least.partition_point(|&g| g >= u) as f64
    }
}

struct Table {
    /// Below `base + 1` the peak is certain.
    base: f64,
    /// P(peak ≥ base + i + 1), until it falls below 1e-12.
    at_least: Vec<f64>,
}

impl Table {
    fn new(m: f64, arrivals: f64, n: f64) -> Table {
        let base = (m - SPAN_SD * m.sqrt()).floor().max(0.0);
        let mut at_least = Vec::new();
        // π(j), F(j) and Σ F(i)²/π(i) up to the level j.
        let mut pmf = if base == 0.0 { (-m).exp() } else { (-m + base * m.ln() - ln_factorial(base)).exp() };
        let (mut cdf, mut sum) = (0.0, 0.0);
        let mut j = base;
        for _ in 0..1_024 {
            cdf = (cdf + pmf).min(1.0);
            sum += cdf * cdf / pmf;
            // For level k = j + 1: θₖ·dt = λ·dt·F(j)/Σ.
            let g = 1.0 - (cdf.ln() / n - arrivals * cdf / sum).exp();
            if g.is_nan() || g < 1e-12 {
                break;
            }
            at_least.push(g);
            pmf *= m / (j + 1.0);
            j += 1.0;
        }
        Table { base, at_least }
    }
}

/// ln j! (exact below 10, Stirling's series above: error < 1e-10).
fn ln_factorial(j: f64) -> f64 {
    if j < 10.0 {
        return (2..=j as u32).map(|i| (i as f64).ln()).sum();
    }
    let inv = 1.0 / j;
    j * j.ln() - j + 0.5 * (std::f64::consts::TAU * j).ln() + inv / 12.0 - inv.powi(3) / 360.0 + inv.powi(5) / 1260.0
}

/// The same law for large m, in z = (k − ½ − m)/sd: π(j) ≈ φ(z)/sd and F ≈ Φ(z), so the sum becomes
/// sd²·I(z) with I(z) = ∫_{−∞}^z Φ(y)²/φ(y) dy, and θ·dt = (dt/E[S])·Φ(z)/I(z): one table for every m.
struct Continuum {
    ln_cdf: Vec<f64>,
    /// Φ(z)/I(z).
    ratio: Vec<f64>,
}

const Z_LO: f64 = -8.0;
const Z_STEP: f64 = 0.01;
const Z_POINTS: usize = 1_801;

fn continuum() -> &'static Continuum {
    static C: OnceLock<Continuum> = OnceLock::new();
    C.get_or_init(Continuum::build)
}

impl Continuum {
    fn build() -> Continuum {
        let f = |y: f64| normal_cdf(y).powi(2) / normal_pdf(y);
        // Below Z_LO, Φ(y) ≈ φ(y)/|y|: the integrand is ≈ φ(y)/y², whose integral is ≈ φ(z)/|z|³.
        let mut integral = normal_pdf(Z_LO) / Z_LO.abs().powi(3);
        let (mut ln_cdf, mut ratio) = (Vec::with_capacity(Z_POINTS), Vec::with_capacity(Z_POINTS));
        for i in 0..Z_POINTS {
            let z = Z_LO + i as f64 * Z_STEP;
            if i > 0 {
                let a = z - Z_STEP;
                integral += Z_STEP / 6.0 * (f(a) + 4.0 * f(a + Z_STEP / 2.0) + f(z));
            }
            ln_cdf.push(normal_cdf(z).ln());
            ratio.push(normal_cdf(z) / integral);
        }
        Continuum { ln_cdf, ratio }
    }

    /// `per_mean`: dt/E[S] (= arrivals/m). Solves ln P(peak < k) = ln u for z, interpolating the grid.
    fn draw(&self, m: f64, per_mean: f64, n: f64, u: f64) -> f64 {
        let target = u.ln();
        let g = |i: usize| self.ln_cdf[i] / n - per_mean * self.ratio[i];
        // ln P(peak < k) rises with z.
        let (mut i, mut hi) = (0, Z_POINTS);
        while i < hi {
            let mid = (i + hi) / 2;
            if g(mid) < target { i = mid + 1 } else { hi = mid }
        }
        let z = if i == 0 {
            Z_LO
        } else if i == Z_POINTS {
            Z_LO + (Z_POINTS - 1) as f64 * Z_STEP
        } else {
            let (a, b) = (g(i - 1), g(i));
            Z_LO + Z_STEP * ((i - 1) as f64 + (target - a) / (b - a))
        };
        (m - 0.5 + z * m.sqrt()).ceil().max(0.0)
    }
}

fn normal_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / std::f64::consts::TAU.sqrt()
}

/// Φ(z) = erfc(−z/√2)/2, with erfc to a relative error < 1.2e-7 in both tails (Numerical Recipes, erfcc).
fn normal_cdf(z: f64) -> f64 {
    let x = -z / std::f64::consts::SQRT_2;
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.5 * a);
    let poly = -a * a - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    0.5 * if x >= 0.0 { erfc } else { 2.0 - erfc }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SimFaaS's README workload: λ = 0.9/s, E[S] = 1.991 s (m = 1.7919), keep-alive 600 s in n = 15 steps
    /// of 40 s. The chance that the in-flight count stays below 8 (resp. 9) for 600 s, from the stationary
    /// law, is πᵀ·exp(Q·600)·1 over the birth–death generator Q on {0…k−1} (up 0.9, down j/1.991, killed at
    /// k): 0.461362 (resp. 0.833859), computed with scipy.linalg.expm. The window's 15 step laws multiply to it.
    #[test]
    fn window_law_matches_the_killed_chain() {
        let (lambda, mean_s, dt, n) = (0.9, 1.991, 40.0, 15);
        let t = Table::new(lambda * mean_s, lambda * dt, n as f64);
        let below = |k: usize| (1.0 - t.at_least[k - 1 - t.base as usize]).powi(n);
        assert!((below(8) - 0.461_362).abs() < 5e-4, "{}", below(8));
        assert!((below(9) - 0.833_859).abs() < 5e-4, "{}", below(9));
    }

    /// Either side of `DISCRETE_BELOW` the two forms give the same mean step peak (the continuum drops
    /// the Poisson's skew: a level or so lower at m = 400, 0.3 %).
    #[test]
    fn continuum_meets_the_poisson_levels() {
        let (m, per_mean, n) = (400.0, 20.0, 15.0);
        let t = Table::new(m - 1e-9, per_mean * m, n);
        let discrete = t.base + t.at_least.iter().sum::<f64>();
        let grid = 4_000;
        let continuous =
            (0..grid).map(|i| continuum().draw(m, per_mean, n, (i as f64 + 0.5) / grid as f64)).sum::<f64>()
                / grid as f64;
        assert!((continuous / discrete - 1.0).abs() < 0.005, "{discrete} vs {continuous}");
    }
}
