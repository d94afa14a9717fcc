//! What fixes a missed p99 target on the platforms that can keep instances warm: provisioned concurrency
//! on Lambda, minimum instances on Cloud Run, always-ready instances on Azure Flex. The smallest count is
//! found by searching the same model that judged the target (the simulation in the explorer, the closed
//! form in the fleet), so the count quoted is the count that model says meets it.

use serde::{Deserialize, Serialize};

use super::evidence::Simulations;
use crate::core::catalog::Catalog;
use crate::core::coldstart::{Batch, ColdStartReport};
use crate::core::cost::{self, PlatformId, SimUsage};
use crate::core::scenario::Scenario;

/// Model runs one platform's search may spend: the top of the range, then a bisection.
pub const FIX_EVALS: u32 = 8;

/// One platform's fix for a missed target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    pub platform: PlatformId,
    /// Smallest warm count that meets the target; `None` when even `tried` warm instances miss it (the
    /// work itself is too slow).
    pub count: Option<u32>,
    /// The largest count the search tried.
    pub tried: u32,
    /// p99 at `count` (or at `tried`), ms.
    pub p99_ms: f64,
    /// Added monthly USD of `count` warm instances, when priced.
    pub added_usd: Option<f64>,
}

/// The platforms with a warm-instance setting, in table order.
pub const FIXABLE: [PlatformId; 3] = [PlatformId::AwsLambda, PlatformId::AzureFlex, PlatformId::CloudRun];

/// What the setting is called on `id`.
pub fn knob(id: PlatformId) -> &'static str {
    match id {
        PlatformId::AwsLambda => "provisioned concurrency",
        PlatformId::CloudRun => "minimum instances",
        PlatformId::AzureFlex => "always-ready instances",
        _ => "warm instances",
    }
}

/// The scenario's own count on `id`.
pub fn current(s: &Scenario, id: PlatformId) -> u32 {
    match id {
        PlatformId::AwsLambda => s.provisioned_concurrency,
        PlatformId::CloudRun => s.cloud_run_min_instances,
        PlatformId::AzureFlex => s.azure_always_ready,
        _ => 0,
    }
}

/// The scenario with `n` warm instances on `id` (the others' settings unchanged).
pub fn with_count(s: &Scenario, id: PlatformId, n: u32) -> Scenario {
    let mut t = s.clone();
    match id {
        PlatformId::AwsLambda => t.provisioned_concurrency = n,
        PlatformId::CloudRun => t.cloud_run_min_instances = n,
        PlatformId::AzureFlex => t.azure_always_ready = n,
        _ => {}
    }
    t
}

/// The most the scenario keys accept on `id` (`pc` up to the account's quota, `rm` and `ar` 1,000).
pub fn max_count(s: &Scenario, id: PlatformId) -> u32 {
    match id {
        PlatformId::AwsLambda => s.concurrency_quota.clamp(1, 100_000),
        _ => 1_000,
    }
}

/// The range searched on `id`: from the scenario's count (which missed) to the instances the peak needs
/// (`peak_instances`, from the model), at least one more than today's.
pub fn range(s: &Scenario, id: PlatformId, peak_instances: f64) -> (u32, u32) {
    let lo = current(s, id);
    let peak = if peak_instances.is_finite() { peak_instances.ceil().max(1.0) } else { 1.0 };
    let hi = (peak.min(f64::from(u32::MAX)) as u32).max(lo + 1).min(max_count(s, id));
    (lo, hi.max(lo))
}

/// The smallest count in (lo, hi] whose p99 (`p99_at`) meets `target_ms`, by trying `hi` and then
/// bisecting, within `FIX_EVALS` runs. `p99_at` may carry out other work per count (pricing).
pub fn search(target_ms: f64, (lo, hi): (u32, u32), mut p99_at: impl FnMut(u32) -> f64) -> (Option<u32>, f64) {
    let top = p99_at(hi);
    if top.is_nan() || top > target_ms || hi <= lo {
        return (None, top);
    }
    // `lo` misses the target, `hi` meets it.
    let (mut lo, mut hi, mut p99) = (lo, hi, top);
    let mut left = FIX_EVALS - 1;
    while hi - lo > 1 && left > 0 {
        left -= 1;
        let mid = lo + (hi - lo) / 2;
        let got = p99_at(mid);
        if got <= target_ms {
            (hi, p99) = (mid, got);
        } else {
            lo = mid;
        }
    }
    (Some(hi), p99)
}

/// Whether fixes are searched: a p99 target (above the hard line, whose rule is Lambda's provisioned
/// concurrency) that no feasible serverless platform meets by `p99_of`.
pub fn wanted(s: &Scenario, cat: &Catalog, p99_of: impl Fn(PlatformId) -> Option<f64>) -> bool {
    let Some(slo) = s.latency_slo_p99_ms else { return false };
    let hard = slo <= super::latency::HARD_P99_MS && s.provisioned_concurrency == 0;
    !hard
        && !PlatformId::ALL.iter().any(|&id| {
            id.is_serverless() && cost::infeasible_reason(id, s, cat).is_none() && p99_of(id).is_some_and(|x| x <= slo)
        })
}

/// The fixes by simulation: each platform's count searched with the engines that judged the target, and
/// priced by the cost engine on the simulation at that count (its bill minus today's).
pub fn simulated(s: &Scenario, cat: &Catalog, sims: &Simulations) -> Vec<Fix> {
    let Some(slo) = s.latency_slo_p99_ms else { return Vec::new() };
    let usage = |lambda: &ColdStartReport, run: &ColdStartReport, flex: &ColdStartReport| {
        (lambda.requests > 0.0).then(|| SimUsage::from_reports(lambda, run, flex, 1.0))
    };
    let bill = |t: &Scenario, id: PlatformId, u: Option<SimUsage>| {
        cost::price_all(t, cat, u.as_ref()).into_iter().find(|p| p.id == id).map(|p| p.monthly_usd)
    };
    let mut out = Vec::new();
    for id in FIXABLE {
        let (Some(target), Some(base)) = (id.sim_target(), sims.report(id)) else { continue };
        if cost::infeasible_reason(id, s, cat).is_some() {
            continue;
        }
        let range = range(s, id, base.peak_instances);
        let mut runs: Vec<(u32, ColdStartReport)> = Vec::new();
        let (count, p99_ms) = search(slo, range, |n| {
            let r = Batch::new(&with_count(s, id, n), cat.rates()).simulate(target);
            let p99 = r.latency_ms.p99;
            runs.push((n, r));
            p99
        });
        let added_usd = count.and_then(|n| {
            let r = &runs.iter().find(|(m, _)| *m == n)?.1;
            let (l, c, f) = match id {
                PlatformId::AwsLambda => (r, &sims.cloud_run, &sims.azure_flex),
                PlatformId::CloudRun => (&sims.lambda, r, &sims.azure_flex),
                _ => (&sims.lambda, &sims.cloud_run, r),
            };
            let now = bill(s, id, usage(&sims.lambda, &sims.cloud_run, &sims.azure_flex))?;
            Some(bill(&with_count(s, id, n), id, usage(l, c, f))? - now)
        });
        out.push(Fix { platform: id, count, tried: range.1, p99_ms, added_usd });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bisects_to_the_smallest_count_that_meets() {
        // p99 falls 100 ms per warm instance from 2,000 ms: 15 instances reach 500 ms.
        let p99 = |n: u32| 2000.0 - 100.0 * f64::from(n);
        assert_eq!(search(500.0, (0, 16), p99), (Some(15), 500.0));
        // Not even 16 reach 100 ms.
        assert_eq!(search(100.0, (0, 16), p99), (None, 400.0));
        let mut runs = 0;
        let _ = search(500.0, (0, 1000), |n| {
            runs += 1;
            p99(n.min(20))
        });
        assert!(runs <= FIX_EVALS);
    }
}
