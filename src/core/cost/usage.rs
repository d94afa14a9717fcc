//! Figures derived once per pricing and shared by every model.

use super::SimUsage;
use crate::core::catalog::Rates;
use crate::core::coldstart::data::ColdData;
use crate::core::coldstart::{SimTarget, init};
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};
use crate::core::traffic;

/// The workload as the cost models see it.
pub(crate) struct Usage<'a> {
    pub s: &'a Scenario,
    pub r: &'a Rates,
    pub sim: Option<&'a SimUsage>,
    /// Lifecycle figures of the scenario for the analytic estimates.
    pub life: &'a Lifecycle,
    /// Relative rate of each hour of a week, mean 1 (see `weights`).
    pub weights: &'a [f64],
    /// The distinct weights with how many hours have each (`distinct`): sums that do not depend on the
    /// order of the hours run over these (a steady week is one term, a diurnal one 24).
    pub distinct: &'a [(f64, f64)],
    /// Requests per month (≥ 0).
    pub requests: f64,
    /// Mean request rate, per second.
    pub rate: f64,
    /// Mean duration, seconds.
    pub duration_s: f64,
    /// Configured memory, GB (1 GB = 1,024 MB, as Lambda and Azure meter it).
    pub memory_gb: f64,
}

impl<'a> Usage<'a> {
    pub fn new(
        s: &'a Scenario,
        r: &'a Rates,
        sim: Option<&'a SimUsage>,
        life: &'a Lifecycle,
        weights: &'a [f64],
        distinct: &'a [(f64, f64)],
        requests: f64,
    ) -> Usage<'a> {
        let requests = if requests.is_finite() { requests.max(0.0) } else { 0.0 };
        Usage {
            s,
            r,
            sim,
            life,
            weights,
            distinct,
            requests,
            rate: requests / SECONDS_PER_MONTH,
            duration_s: s.duration_ms / 1000.0,
            memory_gb: s.memory_mb / 1024.0,
        }
    }

    /// Seconds of the month that one weight (one hour of the week) stands for.
    pub fn seconds_per_weight(&self) -> f64 {
        SECONDS_PER_MONTH / self.weights.len() as f64
    }

    /// Σ over the hours of the week of `per_s(request rate of the hour)` × the seconds each hour
    /// stands for: a per-second figure summed over the month.
    pub fn monthly(&self, per_s: impl Fn(f64) -> f64) -> f64 {
        let secs = self.seconds_per_weight();
        self.distinct.iter().map(|&(w, hours)| per_s(self.rate * w) * hours * secs).sum()
    }
}

/// The distinct values of `weights` with their counts.
pub(crate) fn distinct(weights: &[f64]) -> Vec<(f64, f64)> {
    let mut sorted: Vec<f64> = weights.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, f64)> = Vec::new();
    for w in sorted {
        match out.last_mut() {
            Some(last) if last.0 == w => last.1 += 1.0,
            _ => out.push((w, 1.0)),
        }
    }
    out
}

/// What the analytic estimates need from the cold-start data, worked out once per scenario (not per
/// volume): the same start-up and idle times the simulation uses.
pub(crate) struct Lifecycle {
    /// Mean start-up of a Cloud Run instance, s (billed under request-based billing).
    pub cloud_run_startup_s: f64,
    /// Mean time an idle Cloud Run instance is kept, s.
    pub cloud_run_keep_alive_s: f64,
}

impl Lifecycle {
    pub fn new(s: &Scenario) -> Lifecycle {
        let d = ColdData::shared();
        let spreads = d.other_platforms_cold_start_s.cloud_run.by_family();
        let keep = d.keep_alive(SimTarget::CloudRun);
        Lifecycle {
            cloud_run_startup_s: init::spread_mean_ms(s, d, &spreads) / 1000.0,
            cloud_run_keep_alive_s: (keep.min + keep.max) / 2.0,
        }
    }
}

/// The traffic shape's hourly weights, cleaned so the cost models can rely on them: finite,
/// ≥ 0, mean 1 (the month's total is kept). Anything unusable falls back to a steady week.
pub(crate) fn weights(s: &Scenario) -> Vec<f64> {
    let mut w = traffic::hourly_weights(s);
    for x in &mut w {
        if !x.is_finite() || *x < 0.0 {
            *x = 0.0;
        }
    }
    let mean = w.iter().sum::<f64>() / w.len().max(1) as f64;
    if w.is_empty() || mean <= 0.0 || !mean.is_finite() {
        return vec![1.0; 168];
    }
    for x in &mut w {
        *x /= mean;
    }
    w
}
