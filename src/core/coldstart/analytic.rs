//! Lambda's cold starts in closed form: the stand-in for the simulation where simulating is too slow —
//! the cost curves (hundreds of volumes), the searches, fleets of thousands of functions. One estimate for
//! all of them, from the same data the simulation draws on (`data/coldstart.json`, the init model).
//!
//! - Idle gaps: with Poisson arrivals at λ per s and keep-alive T, a request finds no warm environment
//!   with probability e^(−λT), i.e. λ·e^(−λT) cold starts per s. That falls again for λT > 1; it is held
//!   at its peak 1/(e·T) instead, standing in for AWS's periodic recycling and scale-out (and keeping cost
//!   monotone in volume). Keep-warm pings more often than T remove idle-gap cold starts.
//! - Ramps: each rise of mean concurrency (rate × duration) from one hour to the next starts that many
//!   new environments.
//! - Requests served by provisioned concurrency never cold start.
//! - p99: the service time's 99th percentile plus the mean cold-start delay, weighted by how much of the
//!   slowest 1 % cold requests make up.
//!
//! T is the mean of the keep-alive range the simulation draws from, and the delay is the init model's mean.
//! Cloud Run's estimate (`cost::cloud_run`) reads its start-up and idle time from here too.

use super::SimTarget;
use super::data::ColdData;
use super::init::{self, Z99};
use super::params::keep_alive_range;
use crate::core::scenario::{DurationDistribution, SECONDS_PER_MONTH, Scenario};
use crate::core::select::{larger, smaller};
use crate::core::traffic;

/// What the closed forms need beyond the traffic, resolved once per scenario (or per kind of function).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    /// Mean idle time before an environment is reclaimed, s.
    pub keep_alive_s: f64,
    /// Mean cold-start delay, ms (what a cold request waits).
    pub mean_init_ms: f64,
    /// The billed part of it, ms: Lambda bills the Init Duration (runtime and own init code), not the
    /// sandbox placement or VPC delays.
    pub billed_init_ms: f64,
    /// Spread of lognormal service times (σ of ln).
    pub lognormal_sigma: f64,
    /// Mean start-up of a Cloud Run instance, s (billed under request-based billing).
    pub cloud_run_startup_s: f64,
    /// Mean time an idle Cloud Run instance is kept, s.
    pub cloud_run_keep_alive_s: f64,
}

impl Inputs {
    pub fn new(s: &Scenario, d: &ColdData) -> Inputs {
        let mean_keep = |target| {
            let (lo, hi) = keep_alive_range(s, target, d);
            ((lo + hi) / 2.0).max(1.0)
        };
        let lambda = init::model(s, d, SimTarget::AwsLambda);
        let mean_init_ms = lambda.mean();
        Inputs {
            keep_alive_s: mean_keep(SimTarget::AwsLambda),
            mean_init_ms,
            billed_init_ms: (mean_init_ms - lambda.unbilled_ms).max(0.0),
            lognormal_sigma: d.model.lognormal_sigma.value,
            cloud_run_startup_s: init::model(s, d, SimTarget::CloudRun).mean() / 1000.0,
            cloud_run_keep_alive_s: mean_keep(SimTarget::CloudRun),
        }
    }

    /// From the embedded data (decoded once per process).
    pub fn builtin(s: &Scenario) -> Inputs {
        Inputs::new(s, ColdData::shared())
    }
}

/// Share of requests `provisioned` always-warm environments serve: their count over the mean concurrency
/// the month needs (`rate` per s × `duration_s`), at most all of them.
pub fn provisioned_share(provisioned: u32, rate: f64, duration_s: f64) -> f64 {
    let (pc, needed) = (f64::from(provisioned), rate * duration_s);
    if pc <= 0.0 {
        0.0
    } else if needed <= pc {
        1.0
    } else {
        pc / needed
    }
}

/// Cold starts per month of `requests` spread over the week's hourly `weights` (mean 1), each lasting
/// `duration_s`; `warm_share` of the requests are served by provisioned concurrency.
pub fn cold_starts(s: &Scenario, a: &Inputs, weights: &[f64], requests: f64, duration_s: f64, warm_share: f64) -> f64 {
    cold_starts_with(
        s,
        a,
        &traffic::distinct(weights),
        (rises(weights), weights.len()),
        requests,
        duration_s,
        warm_share,
    )
}

/// Σ over the hours of the week of the weight's rise from the hour before (the week wraps round): a need
/// proportional to the weight starts this many times its mean in a week.
pub fn rises(weights: &[f64]) -> f64 {
    let mut prev = weights.last().copied().unwrap_or(0.0);
    let mut rises = 0.0;
    for &w in weights {
        rises += (w - prev).max(0.0);
        prev = w;
    }
    rises
}

/// `cold_starts` with `distinct` = `traffic::distinct(weights)` and `(rises(weights), weights.len())`
/// already at hand: the idle-gap term does not depend on the order of the hours, so it is summed over the
/// distinct weights (one exponential each); the ramps are the week's rises at the mean concurrency.
pub fn cold_starts_with(
    s: &Scenario,
    a: &Inputs,
    distinct: &[(f64, f64)],
    (rises, hours): (f64, usize),
    requests: f64,
    duration_s: f64,
    warm_share: f64,
) -> f64 {
    let requests = if requests.is_finite() { larger(requests, 0.0) } else { 0.0 };
    if hours == 0 {
        return 0.0;
    }
    let keep_alive = a.keep_alive_s;
    let pinged =
        s.keep_warm_every_min > 0 && s.keep_warm_count > 0 && f64::from(s.keep_warm_every_min) * 60.0 < keep_alive;
    let rate = requests / SECONDS_PER_MONTH;
    let seconds_per_weight = SECONDS_PER_MONTH / hours as f64;
    let idle: f64 = if pinged {
        0.0
    } else {
        // x·e^(−x) at the clamp x = 1 (every hour of a busy week) is e^(−1), taken once, not per hour: in
        // wasm an exponential is software.
        let at_clamp = (-1.0f64).exp();
        distinct
            .iter()
            .map(|&(w, hours)| {
                let x = smaller(rate * w * keep_alive, 1.0);
                let starts = if x < 1.0 { x * (-x).exp() } else { at_clamp };
                starts / keep_alive * seconds_per_weight * hours
            })
            .sum()
    };
    let ramp = rate * rises * duration_s;
    // The weights are hours of one week; the month holds 730/168 weeks.
    let weeks = SECONDS_PER_MONTH / (hours as f64 * 3600.0);
    ((idle + ramp * weeks) * (1.0 - warm_share.clamp(0.0, 1.0))).min(requests)
}

/// Estimated p99 latency including cold starts, ms, when `cold_fraction` of the requests start cold.
pub fn p99_ms(s: &Scenario, a: &Inputs, cold_fraction: f64) -> f64 {
    let sigma = a.lognormal_sigma;
    let service = match s.duration_distribution {
        DurationDistribution::Fixed => s.duration_ms,
        DurationDistribution::Exponential => s.duration_ms * 100f64.ln(),
        DurationDistribution::Lognormal => (s.duration_ms.ln() - sigma * sigma / 2.0 + sigma * Z99).exp(),
    };
    service + a.mean_init_ms * (cold_fraction / 0.01).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steady_traffic_sits_at_the_idle_gap_cap() {
        // 10M requests/month is 3.81 req/s: λT ≫ 1, so idle gaps give 1/(e·T) cold starts per second, and a
        // flat week has no ramps. With T = 330 s (the middle of 240–420 s): 2,628,000 / (e × 330) = 2,929.7.
        let s = Scenario::default();
        let a = Inputs {
            keep_alive_s: 330.0,
            mean_init_ms: 200.0,
            billed_init_ms: 150.0,
            lognormal_sigma: 0.5,
            cloud_run_startup_s: 1.0,
            cloud_run_keep_alive_s: 900.0,
        };
        let got = cold_starts(&s, &a, &[1.0; 168], 1e7, 0.2, 0.0);
        assert!((got - SECONDS_PER_MONTH / (std::f64::consts::E * 330.0)).abs() < 1e-6, "{got}");
        assert_eq!(cold_starts(&s, &a, &[1.0; 168], 1e7, 0.2, 1.0), 0.0);
        assert_eq!(cold_starts(&s, &a, &[1.0; 168], 0.0, 0.2, 0.0), 0.0);
    }

    #[test]
    fn keep_alive_is_the_middle_of_the_simulated_range() {
        let d = ColdData::builtin();
        let k = d.keep_alive(SimTarget::AwsLambda);
        assert_eq!(Inputs::new(&Scenario::default(), &d).keep_alive_s, (k.min + k.max) / 2.0);
        let fixed = Scenario { keep_alive_s: Some(60.0), ..Scenario::default() };
        assert_eq!(Inputs::new(&fixed, &d).keep_alive_s, 60.0);
    }
}
