//! The cold-start delay of one new execution environment.
//!
//! Lambda: the lambda-perf Init Duration of the runtime/arch/package row (memory matched to the nearest of
//! 128/256/512/1024 MB) is sampled through a quantile function that is piecewise linear in
//! (standard-normal z, ln ms) through p50/p90/p99/max — a lognormal where the data are lognormal, the
//! measured tail where they are not, never above the observed max. Added on top: platform placement,
//! the user's init code, package size beyond a hello-world package, and VPC attachment.
//! Azure Consumption and Cloud Run: the same kind of quantile function through Shilkov's end-to-end median
//! and central 67 % / 95 % ranges for the runtime family (a family without measurements starts like the
//! platform's fallback family, plus what the runtime takes longer than Node.js to initialise on Lambda), plus
//! the user's init code and the platform's measured cost per MB of package. Workers: an isolate starts within
//! a fixed few milliseconds. Provisioned containers have no per-request cold start.

use super::SimTarget;
use super::data::{ColdData, PlatformSpreads, Spread};
use crate::core::rng::Rng;
use crate::core::scenario::{Arch, PackageType, Scenario};

/// data/lambda_init_ms.csv with only the rows of the runtimes in TABLE (written by build.rs): the other
/// runtimes' rows are never read, and would cost the page ~7 KB of gzipped wasm.
const CSV: &str = include_str!(concat!(env!("OUT_DIR"), "/lambda_init_ms.csv"));

// Every runtime id with its lambda-perf runtime and family; in its own file so that build.rs reads the same
// table when it keeps only these runtimes' rows of the CSV.
include!("runtime_table.rs");

/// The runtime ids and labels (kept with the scenario's other accepted values).
pub use crate::core::scenario::RUNTIMES;

/// Ids outside the table (a scenario built in code, never a decoded one) simulate as this runtime.
pub const FALLBACK_RUNTIME: &str = "nodejs22";

pub fn is_known_runtime(id: &str) -> bool {
    TABLE.iter().any(|r| r.0 == id)
}

/// The runtime family of a runtime id (`nodejs`, `python`, `go`, `rust`, `java`, `dotnet`, `ruby`); unknown ids
/// are the fallback runtime's.
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
/// z of the ends of the central 67 % and 95 % ranges (the 83.5th and 97.5th percentiles).
pub const Z67: f64 = 0.974_139_8;
pub const Z95: f64 = 1.959_964;
/// Measured spreads are extended past their 97.5th percentile up to this z (the 99.98th percentile).
const Z_SPREAD_CAP: f64 = 3.5;

/// A quantile function in (z, ln ms), sampled by drawing z ~ N(0, 1).
#[derive(Clone, Debug, PartialEq)]
pub struct ColdModel {
    /// (z, ln ms) knots, increasing; beyond the end knots the end segments' slopes continue.
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

    /// Through (z, ms) points, non-decreasing in ms, capped at `cap_ms`.
    fn through(points: &[(f64, f64)], cap_ms: f64, add_ms: f64) -> ColdModel {
        let mut last = f64::NEG_INFINITY;
        let knots = points
            .iter()
            .map(|&(z, ms)| {
                last = last.max(ms.max(0.01).ln());
                (z, last)
            })
            .collect();
        ColdModel { knots, add_ms, cap_ms, unbilled_ms: 0.0 }
    }

    /// Through p50/p90/p99/max of `samples` observations (the max sits at z of 1 − 1/(n + 1)).
    fn from_quantiles(p50: f64, p90: f64, p99: f64, max: f64, samples: f64, add_ms: f64) -> Self {
        let z_max = Z99 + 0.6 * (samples.max(101.0) / 100.0).ln(); // ≈ 2.98 at 300 samples
        ColdModel::through(&[(Z50, p50), (Z90, p90), (Z99, p99), (z_max, max)], max.max(p99), add_ms)
    }

    /// Through a measured median and central 67 % and 95 % ranges, seconds in, ms out; the tail beyond the
    /// 95 % range continues the last segment's slope up to z = 3.5.
    fn from_spread(sp: &Spread, add_ms: f64) -> ColdModel {
        let points = [(-Z95, sp.lo95), (-Z67, sp.lo67), (Z50, sp.median), (Z67, sp.hi67), (Z95, sp.hi95)]
            .map(|(z, s)| (z, s * 1000.0));
        let mut m = ColdModel::through(&points, f64::INFINITY, add_ms);
        m.cap_ms = m.at_z(Z_SPREAD_CAP) - add_ms;
        m
    }

    /// The delay at standard-normal quantile `z`, ms (add_ms included).
    pub fn at_z(&self, z: f64) -> f64 {
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
        let (nodes, den) = quadrature();
        let num = nodes.iter().fold(0.0, |num, &(z, w)| num + w * self.at_z(z));
        num / den
    }
}

/// Nodes of `ColdModel::mean`'s quadrature: z from −6 to 6 in 1/50 steps.
const QUADRATURE_STEPS_PER_UNIT: i32 = 50;
const QUADRATURE_HALF_NODES: i32 = 6 * QUADRATURE_STEPS_PER_UNIT;
const QUADRATURE_NODES: usize = 2 * QUADRATURE_HALF_NODES as usize + 1;

/// The quadrature's (z, e^(−z²/2)) nodes with the weights' sum, computed once per process: every
/// pricing resolves two cold-start means (Lambda's, Cloud Run's), hundreds of exponentials each that do
/// not depend on the model (in wasm each is software).
fn quadrature() -> &'static ([(f64, f64); QUADRATURE_NODES], f64) {
    static NODES: std::sync::OnceLock<([(f64, f64); QUADRATURE_NODES], f64)> = std::sync::OnceLock::new();
    NODES.get_or_init(|| {
        let nodes: [(f64, f64); QUADRATURE_NODES] = std::array::from_fn(|k| {
            let z = f64::from(k as i32 - QUADRATURE_HALF_NODES) / f64::from(QUADRATURE_STEPS_PER_UNIT);
            (z, (-0.5 * z * z).exp())
        });
        let den = nodes.iter().fold(0.0, |den, &(_, w)| den + w);
        (nodes, den)
    })
}

/// One lambda-perf row: runtime, arch, package type, then memory, samples, p50, p90, p99, max as parsed
/// (NaN where a figure does not parse).
type PerfRow = (&'static str, &'static str, &'static str, [f64; 6]);

/// The lambda-perf rows with 9 fields, parsed once per process (every pricing of a scenario looks one up).
fn perf_rows() -> &'static [PerfRow] {
    static ROWS: std::sync::OnceLock<Vec<PerfRow>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        CSV.lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                let n = |i: usize| f[i].trim().parse::<f64>().unwrap_or(f64::NAN);
                (f.len() == 9).then(|| (f[0], f[1], f[2], [n(3), n(4), n(5), n(6), n(7), n(8)]))
            })
            .collect()
    })
}

/// (p50, p90, p99, max, samples) of the lambda-perf row, memory matched to the nearest measured size.
fn lambda_row(runtime: &str, arch: Arch, pkg: PackageType, memory_mb: f64) -> Option<[f64; 5]> {
    let (arch, pkg) =
        (if arch == Arch::Arm64 { "arm64" } else { "x86_64" }, if pkg == PackageType::Image { "image" } else { "zip" });
    let mut best: Option<(f64, [f64; 5])> = None;
    for &(rt, a, p, n) in perf_rows() {
        if rt != runtime || a != arch || p != pkg {
            continue;
        }
        let distance = (n[0].ln() - memory_mb.max(1.0).ln()).abs();
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, [n[2], n[3], n[4], n[5], n[1]]));
        }
    }
    best.map(|b| b.1).filter(|q| q.iter().all(|x| x.is_finite()))
}

/// The lambda-perf row of a runtime id for the scenario's arch/package/memory (x86_64 zip when unmeasured).
fn lambda_quantiles(id: &str, s: &Scenario) -> [f64; 5] {
    let perf_name = row(id).1;
    lambda_row(perf_name, s.arch, s.package_type, s.memory_mb)
        .or_else(|| lambda_row(perf_name, Arch::X86_64, PackageType::Zip, s.memory_mb))
        .unwrap_or([150.0, 200.0, 400.0, 600.0, 300.0])
}

/// The cold-start model of a scenario on a platform.
pub fn model(s: &Scenario, d: &ColdData, target: SimTarget) -> ColdModel {
    if let Some(ms) = s.init_ms_override {
        return ColdModel::fixed(ms);
    }
    let user_ms = s.init_ms.max(0.0);
    let beyond_baseline = (s.package_mb - d.lambda.package_baseline_mb.value).max(0.0);
    match target {
        SimTarget::AwsLambda => lambda_model(s, d),
        // Flex: the Consumption plan's measured cold starts stand in until Flex has its own.
        SimTarget::AzureConsumption | SimTarget::AzureFlex => {
            let package_ms = d.azure_consumption.package_ms_per_mb.value * beyond_baseline;
            measured_model(s, &d.cold_start_s.azure_consumption, user_ms + package_ms)
        }
        // Container Apps runs images; Cloud Run's measured container starts stand in (status "proxy").
        SimTarget::AzureContainerApps => measured_model(
            s,
            &d.cold_start_s.cloud_run,
            user_ms + d.cloud_run.package_ms_per_mb_image.value * beyond_baseline,
        ),
        SimTarget::CloudRun => {
            let c = &d.cloud_run;
            let slope = if s.package_type == PackageType::Image {
                c.package_ms_per_mb_image.value
            } else {
                c.package_ms_per_mb_zip.value
            };
            measured_model(s, &d.cold_start_s.cloud_run, user_ms + slope * beyond_baseline)
        }
        SimTarget::CloudflareWorkers => ColdModel::fixed(d.cloudflare_workers.isolate_start_ms.value + user_ms),
        SimTarget::AwsFargate | SimTarget::AwsEc2 | SimTarget::AwsEks | SimTarget::AwsLambdaManaged => {
            ColdModel::fixed(0.0)
        }
    }
}

/// A platform measured by runtime family; an unmeasured family starts like the fallback family plus what the
/// runtime takes longer than the fallback runtime to initialise on Lambda.
fn measured_model(s: &Scenario, spreads: &PlatformSpreads, add_ms: f64) -> ColdModel {
    let (id, _, family) = *row(&s.runtime);
    if let Some(sp) = spreads.families.get(family) {
        return ColdModel::from_spread(sp, add_ms);
    }
    let slower_ms = (lambda_quantiles(id, s)[0] - lambda_quantiles(FALLBACK_RUNTIME, s)[0]).max(0.0);
    let fallback = spreads.families.get(&spreads.fallback).or_else(|| spreads.families.values().next());
    match fallback {
        Some(sp) => ColdModel::from_spread(sp, add_ms + slower_ms),
        None => ColdModel::fixed(add_ms + slower_ms),
    }
}

fn lambda_model(s: &Scenario, d: &ColdData) -> ColdModel {
    let id = row(&s.runtime).0;
    let snapstart = id == "java21_snapstart";
    let l = &d.lambda;
    let slope = if s.package_type == PackageType::Image {
        l.package_ms_per_mb_image.value
    } else {
        l.package_ms_per_mb_zip.value
    };
    let package_ms = slope * (s.package_mb - l.package_baseline_mb.value).max(0.0);
    // SnapStart restores a snapshot taken after the user's init code ran, so that code is not re-run.
    let user_ms = if snapstart { 0.0 } else { s.init_ms.max(0.0) };
    let vpc_ms = if s.vpc { l.vpc_penalty_ms.value } else { 0.0 };
    let add = l.placement_overhead_ms.value + user_ms + package_ms + vpc_ms;
    let q = lambda_quantiles(id, s);
    let k = if snapstart { l.snapstart_restore_p50_ms.value / q[0] } else { 1.0 };
    let mut m = ColdModel::from_quantiles(q[0] * k, q[1] * k, q[2] * k, q[3] * k, q[4], add);
    m.unbilled_ms = l.placement_overhead_ms.value + vpc_ms;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_runtime_has_a_row() {
        let ids: Vec<&str> = TABLE.iter().map(|r| r.0).collect();
        let scenario_ids: Vec<&str> = RUNTIMES.iter().map(|r| r.0).collect();
        assert_eq!(ids, scenario_ids);
    }
}
