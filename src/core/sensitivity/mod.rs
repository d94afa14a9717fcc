//! What flips the verdict, found by searching the model rather than by rules:
//! - the request volume at which the recommended platform changes, up and down (cost engine + `decide`;
//!   the base point's simulations, the ones `eval::assess` ran, are scaled linearly to each volume instead
//!   of re-run, so the base recommendation matches the verdict; at most `VOLUME_EVALS` evaluations);
//! - the p99 target at which the decision changes, tighter and looser (`decide` only, `SLO_EVALS` each);
//! - the smallest provisioned concurrency that meets the p99 target in the simulation, and its monthly
//!   cost (`PC_SIMS` simulations);
//! - the power-tuning curve over `power::SIZES_MB` (one cost evaluation per size);
//! - where the cheapest platform changes (the break-even volumes of `crossover::curves`) and, at the
//!   nearest one each way, why the recommendation does not follow it there (`PARTING_EVALS`): the
//!   recommendation is the cheapest platform only among the ones the decision allows (serverless for go,
//!   containers for no-go) that meet the p99 target.
//!
//! Worst case: 4 + 2 × 20 + 2 × 20 + 12 + 12 + 2 evaluations, counting the base point's four simulations
//! (shared with the assessment, not run again), of which at most 12 more run the simulation.

pub mod power;
mod search;
mod sentences;

use serde::Serialize;

use super::catalog::Catalog;
use super::coldstart::{self, ColdStartReport, SimTarget};
use super::cost::{self, PlatformCost, PlatformId, Pricer, SimUsage};
use super::crossover::{self, BreakEven, CURVE_POINTS};
use super::scenario::Scenario;
use super::verdict::dimensions;
use super::verdict::format::{ms, usd};
use super::verdict::latency::provisioned_estimate;
use super::verdict::{self, Decision, Evidence, Simulations};
pub use power::PowerPoint;
use search::{Budget, geometric_flip};

pub const VOLUME_EVALS: u32 = 20;
pub const SLO_EVALS: u32 = 20;
pub const PC_SIMS: u32 = 12;
/// `decide` at the nearest break-even below and above the base volume.
pub const PARTING_EVALS: u32 = 2;
/// Volumes searched: 1,000 … 10¹² requests a month (the scenario's accepted range).
const MIN_VOLUME: f64 = 1e3;
const MAX_VOLUME: f64 = 1e12;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VolumeFlip {
    pub requests_per_month: f64,
    pub from: PlatformId,
    pub to: PlatformId,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SloFlip {
    pub p99_ms: f64,
    pub from: Decision,
    pub to: Decision,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProvisionedNeed {
    pub target_ms: f64,
    /// Smallest count that met the target in the simulation; `None` when even the largest tried did not.
    pub concurrency: Option<u32>,
    /// Simulated p99 at that count (or at the largest count tried).
    pub p99_ms: f64,
    /// Added monthly cost of that count on Lambda, when the cost engine prices it.
    pub monthly_usd: Option<f64>,
}

/// A break-even volume where the cheapest platform changes but the recommendation does not follow.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parting {
    pub requests_per_month: f64,
    /// The platform cheapest just past the break-even.
    pub cheapest: PlatformId,
    /// What the verdict recommends there, and its decision.
    pub recommended: PlatformId,
    pub decision: Decision,
    /// Why the cheapest platform is not the recommendation there.
    pub why: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Where the cheapest feasible platform changes (the break-evens of the cost curves; `crossover eval`
    /// reports them once, as its top-level `breakeven`).
    #[serde(skip)]
    pub breakeven: Vec<BreakEven>,
    /// The nearest break-even below and above the base volume where the recommendation stays put.
    pub parting: Vec<Parting>,
    pub volume_up: Option<VolumeFlip>,
    pub volume_down: Option<VolumeFlip>,
    pub slo_tighter: Option<SloFlip>,
    pub slo_looser: Option<SloFlip>,
    pub provisioned: Option<ProvisionedNeed>,
    pub power_curve: Vec<PowerPoint>,
    pub power_best: Option<PowerPoint>,
    /// Model evaluations the searches used.
    pub evaluations: u32,
    /// Plain sentences with numbers, for the UI.
    pub sentences: Vec<String>,
}

/// The cold-start report at `factor` × the base volume: latency kept, counts scaled linearly.
fn lambda_at(sims: &Simulations, factor: f64) -> ColdStartReport {
    let c = &sims.lambda;
    ColdStartReport {
        cold_starts: c.cold_starts * factor,
        peak_instances: c.peak_instances * factor,
        peak_db_connections: c.peak_db_connections * factor,
        ..c.clone()
    }
}

/// What the cost engine is told at `factor` × the base volume (the same as `assess` at factor 1);
/// `None` (estimate analytically) when the base volume is zero and the simulations saw nothing.
fn usage_at(sims: &Simulations, factor: f64) -> Option<SimUsage> {
    (sims.lambda.requests > 0.0)
        .then(|| SimUsage::from_reports(&sims.lambda, &sims.cloud_run, &sims.azure_flex, factor))
}

/// The verdict at a changed scenario, on the base simulations scaled by `factor` (the searches need only
/// its decision and recommendation, so provisioned concurrency is not priced).
fn decide_at(t: &Scenario, cat: &Catalog, costs: &[PlatformCost], sims: &Simulations, factor: f64) -> verdict::Verdict {
    let lambda = lambda_at(sims, factor);
    verdict::decide(t, &Evidence::simulated(t, cat, costs, sims, &lambda))
}

/// The verdict at volume `v`, on the base simulations scaled to it.
fn verdict_at_volume(s: &Scenario, cat: &Catalog, sims: &Simulations, v: f64) -> verdict::Verdict {
    priced_verdict_at_volume(s, cat, sims, v).0
}

/// The same, with the prices it decided on.
fn priced_verdict_at_volume(
    s: &Scenario,
    cat: &Catalog,
    sims: &Simulations,
    v: f64,
) -> (verdict::Verdict, Vec<PlatformCost>) {
    let t = Scenario { requests_per_month: v, ..s.clone() };
    let factor = if s.requests_per_month > 0.0 { v / s.requests_per_month } else { 0.0 };
    let costs = cost::price_all(&t, cat, usage_at(sims, factor).as_ref());
    (decide_at(&t, cat, &costs, sims, factor), costs)
}

/// Why `cheapest` is not what the verdict recommends at `v`.
fn why_not(s: &Scenario, cat: &Catalog, sims: &Simulations, v: f64, cheapest: PlatformId) -> Option<Parting> {
    let (verdict, costs) = priced_verdict_at_volume(s, cat, sims, v);
    if verdict.recommended == cheapest {
        return None;
    }
    let p99 = sims.report(cheapest).map(|r| r.latency_ms.p99);
    let usd_of = |id: PlatformId| cost::by_id(&costs, id).map_or(f64::NAN, |p| p.monthly_usd);
    let simulated_cheapest = cost::cheapest(&costs, None).map(|p| p.id);
    let why = match (s.latency_slo_p99_ms, p99) {
        (Some(slo), Some(p)) if p > slo => format!("its p99 ({}) misses the {} target", ms(p), ms(slo)),
        (Some(_), None) => "its p99 is not simulated, so it is not known to meet the target".into(),
        _ if !cheapest.is_serverless() && verdict.decision != Decision::NoGo => {
            "a container is recommended only once the verdict turns no-go (a steady baseline that \
             containers run cheaper, a blocker, or a firm no-go case)"
                .into()
        }
        _ if cheapest.is_serverless() && verdict.decision == Decision::NoGo => {
            "the verdict is no-go there, and a no-go recommends a container".into()
        }
        _ if simulated_cheapest.is_some_and(|id| id != cheapest) => format!(
            "the break-evens price cold starts by the closed-form estimate, the verdict by the simulation, \
             which puts {} at {} against {} for {}",
            simulated_cheapest.map_or("", |id| id.name()),
            usd(simulated_cheapest.map_or(f64::NAN, usd_of)),
            usd(usd_of(cheapest)),
            cheapest.name()
        ),
        _ => "the verdict's rules (blockers, the target) rule it out there".into(),
    };
    Some(Parting { requests_per_month: v, cheapest, recommended: verdict.recommended, decision: verdict.decision, why })
}

/// The nearest break-even each way from the base volume where the recommendation does not follow.
fn partings(s: &Scenario, cat: &Catalog, sims: &Simulations, breakeven: &[BreakEven], used: &mut u32) -> Vec<Parting> {
    let base = s.requests_per_month;
    let below = breakeven.iter().rev().find(|b| b.requests_per_month <= base);
    let above = breakeven.iter().find(|b| b.requests_per_month > base);
    let mut out = Vec::new();
    for b in below.into_iter().chain(above) {
        *used += 1;
        // Just past the break-even on the far side from the base, where `to` (or `from`) is cheapest.
        let (v, cheapest) = if b.requests_per_month > base {
            (b.requests_per_month * 1.001, b.to)
        } else {
            (b.requests_per_month / 1.001, b.from)
        };
        out.extend(why_not(s, cat, sims, v, cheapest));
    }
    out
}

fn volume_flips(s: &Scenario, cat: &Catalog, sims: &Simulations, used: &mut u32) -> [Option<VolumeFlip>; 2] {
    let base = s.requests_per_month.clamp(MIN_VOLUME, MAX_VOLUME);
    let recommended = |v: f64| verdict_at_volume(s, cat, sims, v).recommended;
    let from = recommended(base);
    [MAX_VOLUME, MIN_VOLUME].map(|limit| {
        let mut b = Budget::new(VOLUME_EVALS);
        let flip = geometric_flip(base, limit, 4.0, &mut b, recommended);
        *used += b.used;
        flip.map(|(v, to)| VolumeFlip { requests_per_month: v, from, to })
    })
}

fn slo_flips(
    s: &Scenario,
    cat: &Catalog,
    costs: &[PlatformCost],
    sims: &Simulations,
    used: &mut u32,
) -> [Option<SloFlip>; 2] {
    let (lo, hi) = (1.0, 600_000.0);
    let decision = |slo: f64| {
        let t = Scenario { latency_slo_p99_ms: Some(slo), ..s.clone() };
        decide_at(&t, cat, costs, sims, 1.0).decision
    };
    let start = s.latency_slo_p99_ms.unwrap_or(hi);
    let from = decision(start);
    [lo, hi].map(|limit| {
        let mut b = Budget::new(SLO_EVALS);
        let flip = geometric_flip(start, limit, 2.0, &mut b, decision);
        *used += b.used;
        flip.map(|(p99_ms, to)| SloFlip { p99_ms, from, to })
    })
}

fn provisioned(s: &Scenario, cat: &Catalog, cold: &ColdStartReport, used: &mut u32) -> Option<ProvisionedNeed> {
    let target_ms = s.latency_slo_p99_ms?;
    let mut b = Budget::new(PC_SIMS);
    let p99_at = |b: &mut Budget, n: u32| {
        b.take();
        let t = Scenario { provisioned_concurrency: n, ..s.clone() };
        coldstart::simulate(&t, cat.rates(), SimTarget::AwsLambda).latency_ms.p99
    };
    let hi_n = (2 * provisioned_estimate(cold.peak_instances, &dimensions::load(s))).min(s.concurrency_quota.max(1));
    let need = if cold.latency_ms.p99 <= target_ms && s.provisioned_concurrency == 0 {
        Some((0, cold.latency_ms.p99))
    } else {
        let top = p99_at(&mut b, hi_n);
        if top > target_ms {
            *used += b.used;
            return Some(ProvisionedNeed { target_ms, concurrency: None, p99_ms: top, monthly_usd: None });
        }
        // Integer bisection: `lo` misses the target, `hi` meets it.
        let (mut lo, mut hi, mut p99) = (0, hi_n, top);
        while hi - lo > 1 && b.left > 0 {
            let mid = (lo + hi) / 2;
            let got = p99_at(&mut b, mid);
            if got <= target_ms {
                (hi, p99) = (mid, got);
            } else {
                lo = mid;
            }
        }
        Some((hi, p99))
    };
    *used += b.used;
    need.map(|(n, p99_ms)| ProvisionedNeed {
        target_ms,
        concurrency: Some(n),
        p99_ms,
        monthly_usd: Some(if n == 0 { 0.0 } else { Pricer::new(s, cat).provisioned_usd(n) }),
    })
}

/// The searches around `s`, from the simulations `eval::simulate` ran for it.
pub fn analyze(s: &Scenario, cat: &Catalog, sims: &Simulations) -> Sensitivity {
    let costs = cost::price_all(s, cat, usage_at(sims, 1.0).as_ref());
    let cold = &sims.lambda;
    // The base point's Lambda, Cloud Run, Flex and warm simulations count as the searches' first
    // evaluations.
    let mut used = 4;
    let [volume_up, volume_down] = volume_flips(s, cat, sims, &mut used);
    let [slo_tighter, slo_looser] = slo_flips(s, cat, &costs, sims, &mut used);
    let provisioned = provisioned(s, cat, cold, &mut used);
    let power_curve = power::curve(s, cat);
    used += power::SIZES_MB.len() as u32;
    let power_best = power_curve.iter().min_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd)).cloned();
    let breakeven = crossover::curves(s, cat, CURVE_POINTS).breakeven;
    let parting = partings(s, cat, sims, &breakeven, &mut used);
    let mut out = Sensitivity {
        breakeven,
        parting,
        volume_up,
        volume_down,
        slo_tighter,
        slo_looser,
        provisioned,
        power_curve,
        power_best,
        evaluations: used,
        sentences: Vec::new(),
    };
    out.sentences = sentences::write(s, &costs, &out);
    out
}
