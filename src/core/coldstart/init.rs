//! The cold-start delay of one new execution environment.
//!
//! Lambda: the lambda-perf Init Duration of the runtime/arch/package row (memory matched to the nearest of
//! 128/256/512/1024 MB) is sampled through a quantile function that is piecewise linear in
//! (standard-normal z, ln ms) through p50/p90/p99/max — a lognormal where the data are lognormal, the
//! measured tail where they are not, never above the observed max. Added on top: platform placement,
//! the user's init code, package size beyond a hello-world package, and VPC attachment.
//! Other platforms: a lognormal through Shilkov's end-to-end median and 95 % bound for the runtime family.

use super::data::{ColdData, Spread};
use crate::core::rng::Rng;
use crate::core::scenario::{Arch, PackageType, Scenario};

const CSV: &str = include_str!("../../../data/lambda_init_ms.csv");

/// Every runtime id of the scenario (`scenario::RUNTIMES`, in its order) with its lambda-perf runtime and
/// its family in Shilkov's measurements: (id, lambda-perf runtime, family).
const TABLE: &[(&str, &str, &str)] = &[
    ("nodejs20", "nodejs20.x", "nodejs"),
    ("nodejs22", "nodejs22.x", "nodejs"),
    ("nodejs24", "nodejs24.x", "nodejs"),
    ("python311", "python3.11", "python"),
    ("python312", "python3.12", "python"),
    ("python313", "python3.13", "python"),
    ("go", "go (prov.al2023)", "go"),
    ("rust", "rust (prov.al2023)", "rust"),
    ("java17", "java17", "java"),
    ("java21", "java21", "java"),
    ("java21_snapstart", "java21", "java"),
    ("dotnet8", "dotnet8", "dotnet"),
    ("dotnet8_aot", "dotnet8 aot (prov.al2023)", "dotnet"),
    ("ruby33", "ruby3.3", "ruby"),
];

/// The runtime ids and labels (kept with the scenario's other accepted values).
pub use crate::core::scenario::RUNTIMES;

/// Ids outside the table (a scenario built in code, never a decoded one) simulate as this runtime.
pub const FALLBACK_RUNTIME: &str = "nodejs22";

pub fn is_known_runtime(id: &str) -> bool {
    TABLE.iter().any(|r| r.0 == id)
}

/// The runtime family of an id (`nodejs`, `python`, `java`, …); unknown ids are the fallback's.
pub fn family(id: &str) -> &'static str {
    row(id).2
}

fn row(id: &str) -> &'static (&'static str, &'static str, &'static str) {
    let found = TABLE.iter().find(|r| r.0 == id);
    found.unwrap_or_else(|| {
        let fallback = TABLE.iter().find(|r| r.0 == FALLBACK_RUNTIME);
        fallback.expect("the fallback runtime is in the table")
    })
}

/// z of the 0.5, 0.9 and 0.99 quantiles of the standard normal.
const Z50: f64 = 0.0;
const Z90: f64 = 1.281_551_6;
pub(super) const Z99: f64 = 2.326_347_9;

/// A quantile function in (z, ln ms), sampled by drawing z ~ N(0, 1).
#[derive(Clone, Debug, PartialEq)]
pub struct ColdModel {
    /// (z, ln ms) knots, increasing; below the first knot the first segment's slope continues.
    knots: Vec<(f64, f64)>,
    /// Fixed delay added to every sample, ms.
    pub add_ms: f64,
    /// Largest sampled value before `add_ms` (the observed max), ms.
    cap_ms: f64,
    /// Part of every delay that is not billed: Lambda bills the Init Duration (runtime and the user's
    /// init code, from 2025-08-01 for every package type), not the sandbox placement or VPC delays.
    pub unbilled_ms: f64,
}

impl ColdModel {
    pub fn fixed(ms: f64) -> ColdModel {
        ColdModel { knots: Vec::new(), add_ms: ms.max(0.0), cap_ms: 0.0, unbilled_ms: 0.0 }
    }

    /// Through p50/p90/p99/max of `samples` observations (the max sits at z of 1 − 1/(n + 1)).
    fn from_quantiles(p50: f64, p90: f64, p99: f64, max: f64, samples: f64, add_ms: f64) -> Self {
        let z_max = Z99 + 0.6 * (samples.max(101.0) / 100.0).ln(); // ≈ 2.98 at 300 samples
        let mut knots = vec![(Z50, p50), (Z90, p90.max(p50)), (Z99, p99.max(p90)), (z_max, max.max(p99))];
        for k in &mut knots {
            k.1 = k.1.max(0.01).ln();
        }
        ColdModel { knots, add_ms, cap_ms: max.max(p99), unbilled_ms: 0.0 }
    }

    /// A lognormal through a median and a 95th percentile, seconds in, ms out.
    fn from_spread(sp: &Spread, add_ms: f64) -> ColdModel {
        let sigma = (sp.p95 / sp.median).max(1.0).ln() / 1.644_853_6;
        let med = sp.median * 1000.0;
        let q = |z: f64| (med.ln() + sigma * z).exp();
        ColdModel::from_quantiles(med, q(Z90), q(Z99), q(3.5), 1e5, add_ms)
    }

    fn at_z(&self, z: f64) -> f64 {
        let k = &self.knots;
        if k.is_empty() {
            return self.add_ms;
        }
        let i = k.partition_point(|p| p.0 < z).clamp(1, k.len() - 1);
        let ((z0, y0), (z1, y1)) = (k[i - 1], k[i]);
        let ln_ms = y0 + (y1 - y0) * (z - z0) / (z1 - z0);
        ln_ms.exp().min(self.cap_ms) + self.add_ms
    }

    pub fn sample(&self, rng: &mut Rng) -> f64 {
        if self.knots.is_empty() {
            return self.add_ms;
        }
        self.at_z(rng.normal())
    }

    /// Mean delay, ms, by quadrature over z (±6σ in 1/50 steps).
    pub fn mean(&self) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for i in -300..=300 {
            let z = i as f64 / 50.0;
            let w = (-0.5 * z * z).exp();
            num += w * self.at_z(z);
            den += w;
        }
        num / den
    }
}

/// (p50, p90, p99, max, samples) of the lambda-perf row, memory matched to the nearest measured size.
fn lambda_row(runtime: &str, arch: Arch, pkg: PackageType, memory_mb: f64) -> Option<[f64; 5]> {
    let (arch, pkg) =
        (if arch == Arch::Arm64 { "arm64" } else { "x86_64" }, if pkg == PackageType::Image { "image" } else { "zip" });
    let mut best: Option<(f64, [f64; 5])> = None;
    for line in CSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != 9 || f[0] != runtime || f[1] != arch || f[2] != pkg {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<f64>().unwrap_or(f64::NAN);
        let distance = (n(3).ln() - memory_mb.max(1.0).ln()).abs();
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, [n(5), n(6), n(7), n(8), n(4)]));
        }
    }
    best.map(|b| b.1).filter(|q| q.iter().all(|x| x.is_finite()))
}

/// The measured spread of the runtime's family on a platform, and the delay added to it (own init
/// code, package size beyond a hello-world one).
fn spread_and_add(s: &Scenario, d: &ColdData, spreads: &[(String, Spread)]) -> (Spread, f64) {
    let (id, _, family) = *row(&s.runtime);
    let sp = spreads.iter().find(|(f, _)| f == family).or_else(|| spreads.first());
    let sp = sp.map(|x| x.1).unwrap_or(Spread { median: 1.0, p95: 3.0 });
    let (user_ms, package_ms) = added_ms(s, d, id);
    (sp, user_ms + package_ms)
}

/// (the user's init code, package size beyond a hello-world package), ms.
fn added_ms(s: &Scenario, d: &ColdData, id: &str) -> (f64, f64) {
    let l = &d.lambda;
    let slope = if s.package_type == PackageType::Image {
        l.package_ms_per_mb_image.value
    } else {
        l.package_ms_per_mb_zip.value
    };
    let package_ms = slope * (s.package_mb - l.package_baseline_mb.value).max(0.0);
    // SnapStart restores a snapshot taken after the user's init code ran, so that code is not re-run.
    let user_ms = if id == "java21_snapstart" { 0.0 } else { s.init_ms.max(0.0) };
    (user_ms, package_ms)
}

/// Mean cold start on a platform with measured `spreads`, ms, in closed form (the lognormal's
/// median × e^(σ²/2) plus the added delay): what `model(…).mean()` gives, without the quadrature,
/// for estimates priced many times.
pub fn spread_mean_ms(s: &Scenario, d: &ColdData, spreads: &[(String, Spread)]) -> f64 {
    if let Some(ms) = s.init_ms_override {
        return ms.max(0.0);
    }
    let (sp, add) = spread_and_add(s, d, spreads);
    let sigma = (sp.p95 / sp.median).max(1.0).ln() / 1.644_853_6;
    sp.median * 1000.0 * (sigma * sigma / 2.0).exp() + add
}

/// The cold-start model of a scenario on a platform (`lambda` false = use `spreads`).
pub fn model(s: &Scenario, d: &ColdData, platform: Option<&[(String, Spread)]>) -> ColdModel {
    if let Some(ms) = s.init_ms_override {
        return ColdModel::fixed(ms);
    }
    if let Some(spreads) = platform {
        let (sp, add) = spread_and_add(s, d, spreads);
        return ColdModel::from_spread(&sp, add);
    }
    let (id, perf_name, _) = *row(&s.runtime);
    let l = &d.lambda;
    let (user_ms, package_ms) = added_ms(s, d, id);
    let snapstart = id == "java21_snapstart";
    let vpc_ms = if s.vpc { l.vpc_penalty_ms.value } else { 0.0 };
    let add = l.placement_overhead_ms.value + user_ms + package_ms + vpc_ms;
    let q = lambda_row(perf_name, s.arch, s.package_type, s.memory_mb)
        .or_else(|| lambda_row(perf_name, Arch::X86_64, PackageType::Zip, s.memory_mb))
        .unwrap_or([150.0, 200.0, 400.0, 600.0, 300.0]);
    let k = if snapstart { l.snapstart_restore_p50_ms.value / q[0] } else { 1.0 };
    let mut m = ColdModel::from_quantiles(q[0] * k, q[1] * k, q[2] * k, q[3] * k, q[4], add);
    m.unbilled_ms = l.placement_overhead_ms.value + vpc_ms;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_form_spread_mean_matches_the_model() {
        // The estimates use the lognormal's mean, median × e^(σ²/2); the engines sample the model.
        let d = ColdData::builtin();
        let spreads = d.other_platforms_cold_start_s.cloud_run.by_family();
        for (id, _) in RUNTIMES {
            let s = Scenario { runtime: id.to_string(), init_ms: 50.0, ..Scenario::default() };
            let (fast, slow) = (spread_mean_ms(&s, &d, &spreads), model(&s, &d, Some(&spreads)).mean());
            assert!((fast / slow - 1.0).abs() < 0.01, "{id}: {fast} vs {slow}");
        }
    }

    #[test]
    fn every_scenario_runtime_has_a_row() {
        let ids: Vec<&str> = TABLE.iter().map(|r| r.0).collect();
        let scenario_ids: Vec<&str> = RUNTIMES.iter().map(|r| r.0).collect();
        assert_eq!(ids, scenario_ids);
    }
}
