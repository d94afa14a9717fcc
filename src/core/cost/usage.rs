//! Figures derived once per pricing and shared by every model.

use super::SimUsage;
use super::bill::Bill;
use super::hidden::{HiddenRates, Load};
use crate::core::catalog::{Catalog, Rates, Status};
use crate::core::coldstart::analytic;
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};
use crate::core::traffic;

/// The workload as the cost models see it.
pub(crate) struct Usage<'a> {
    pub s: &'a Scenario,
    pub cat: &'a Catalog,
    pub r: &'a Rates,
    /// `r.hidden`: data transfer, logs, NAT, commitments, Spot and the newer platforms.
    pub h: &'a HiddenRates,
    pub sim: Option<&'a SimUsage>,
    /// What the analytic cold-start estimate needs, when there is no simulation (`None` = resolve it).
    pub cold: Option<analytic::Inputs>,
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
    /// EC2's instance choice, made by whichever of EC2 and EKS is priced first.
    pub(super) ec2_choice: std::cell::OnceCell<super::containers::Ec2Choice>,
}

impl<'a> Usage<'a> {
    pub fn new(
        s: &'a Scenario,
        cat: &'a Catalog,
        sim: Option<&'a SimUsage>,
        weights: &'a [f64],
        distinct: &'a [(f64, f64)],
        requests: f64,
        cold: Option<analytic::Inputs>,
    ) -> Usage<'a> {
        let requests = if requests.is_finite() { requests.max(0.0) } else { 0.0 };
        Usage {
            s,
            cat,
            r: cat.rates(),
            h: &cat.rates().hidden,
            sim,
            cold,
            weights,
            distinct,
            requests,
            rate: requests / SECONDS_PER_MONTH,
            duration_s: s.duration_ms / 1000.0,
            memory_gb: s.memory_mb / 1024.0,
            ec2_choice: std::cell::OnceCell::new(),
        }
    }

    /// The closed-form cold-start inputs: as given, else resolved from the embedded data.
    pub fn analytic(&self) -> analytic::Inputs {
        self.cold.unwrap_or_else(|| analytic::Inputs::builtin(self.s))
    }

    /// Whether any of these catalogue entries is flagged UNVERIFIED (a detail text then says so).
    pub fn unverified(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.cat.entry(k).is_some_and(|e| e.status == Status::Unverified))
    }

    /// Marks the bill's last line with those of `keys` the catalogue flags UNVERIFIED.
    pub fn flag(&self, bill: &mut Bill, keys: &[&str]) {
        bill.flag(|| {
            keys.iter()
                .filter(|k| self.cat.entry(k).is_some_and(|e| e.status == Status::Unverified))
                .map(|k| k.to_string())
                .collect()
        });
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

    /// Hours in the month.
    pub fn hours(&self) -> f64 {
        SECONDS_PER_MONTH / 3600.0
    }

    /// The quietest hour's rate relative to the mean (the weights' minimum, 0–1): the committable share
    /// of charges that follow the traffic.
    pub fn trough_weight(&self) -> f64 {
        // `distinct` is sorted: its first weight is the smallest.
        self.distinct.first().map_or(0.0, |&(w, _)| if w.is_finite() { w.clamp(0.0, 1.0) } else { 0.0 })
    }

    /// The traffic as the capacity models of `hidden` and the newer platforms see it.
    pub fn load(&self) -> Load<'a> {
        Load {
            mean_rate: self.rate,
            weights: self.weights,
            distinct: self.distinct,
            slot_s: self.seconds_per_weight(),
            duration_s: self.duration_s,
            cpu_fraction: self.s.cpu_fraction,
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
