//! Figures derived once per pricing and shared by every model.

use super::SimUsage;
use super::bill::Bill;
use super::hidden::{HiddenRates, Load};
use crate::core::catalog::{Catalog, Rates, Status};
use crate::core::coldstart::{analytic, capacity};
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};
use crate::core::select::larger;
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
    /// The ALB's LCU-hours at this volume with the GB per LCU-hour they were figured at (Fargate, EC2 and
    /// EKS share one ALB model).
    pub(super) alb_lcu_hours: std::cell::Cell<Option<(f64, f64)>>,
    /// What does not depend on the volume, kept for one pricing or shared by a `Pricer`'s volumes.
    memo: Memo<'a>,
}

/// The parts of a pricing that depend on the scenario and the catalogue but not on the volume, each made
/// when first needed: a `Pricer` keeps one for all its volumes (hundreds per cost curve).
#[derive(Default)]
pub(crate) struct Fixed {
    /// The catalogue's EC2 instance types (`containers::instances`).
    instances: std::cell::OnceCell<Vec<super::containers::Instance>>,
    /// `Ceiling`s by capacity (Flex's and Cloud Run's): the closed form's constants resolved once, shared
    /// rather than copied to each volume (a `Ceiling` holds its constants' table, some 800 bytes).
    ceilings: std::cell::RefCell<Vec<std::rc::Rc<capacity::Ceiling>>>,
    /// Lambda Managed Instances' candidate types (`lambda_managed::Fits`).
    managed_fits: std::cell::OnceCell<super::lambda_managed::Fits>,
    /// EC2's candidate types (`ec2_candidates`).
    ec2_candidates: std::cell::OnceCell<Vec<usize>>,
    /// `weight_rises`.
    rises: std::cell::OnceCell<f64>,
    /// `hour_slots`.
    hour_slots: std::cell::OnceCell<Option<Vec<usize>>>,
    /// `same_days`.
    same_days: std::cell::OnceCell<Vec<usize>>,
}

enum Memo<'a> {
    Own(Fixed),
    Shared(&'a Fixed),
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
        let requests = if requests.is_finite() { larger(requests, 0.0) } else { 0.0 };
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
            alb_lcu_hours: std::cell::Cell::new(None),
            memo: Memo::Own(Fixed::default()),
        }
    }

    /// The same usage with the volume-independent parts taken from (and kept in) `fixed`, which must have
    /// been used with this scenario and catalogue only.
    pub fn sharing(self, fixed: &'a Fixed) -> Usage<'a> {
        Usage { memo: Memo::Shared(fixed), ..self }
    }

    fn fixed(&self) -> &Fixed {
        match &self.memo {
            Memo::Own(f) => f,
            Memo::Shared(f) => f,
        }
    }

    /// The catalogue's EC2 instance types.
    pub(super) fn instances(&self) -> &[super::containers::Instance] {
        self.fixed().instances.get_or_init(|| super::containers::instances(self.r))
    }

    /// Lambda Managed Instances' candidate types, made by `make` once.
    pub(super) fn managed_fits(
        &self,
        make: impl FnOnce() -> super::lambda_managed::Fits,
    ) -> &super::lambda_managed::Fits {
        self.fixed().managed_fits.get_or_init(make)
    }

    /// The indices in `instances` of the types EC2 and EKS may buy, made by `make` once.
    pub(super) fn ec2_candidates(&self, make: impl FnOnce() -> Vec<usize>) -> &[usize] {
        self.fixed().ec2_candidates.get_or_init(make)
    }

    /// Σ over the hours of the week of the weight's rise from the hour before (the week wraps round): a
    /// need proportional to the weight starts this many times the mean need in a week.
    pub(super) fn weight_rises(&self) -> f64 {
        *self.fixed().rises.get_or_init(|| analytic::rises(self.weights))
    }

    /// For each hour of the week, the index in `distinct` of its weight (the same bits); `None` if one has
    /// none. A figure of the weight alone is then computed once per distinct weight and read per hour.
    pub(super) fn hour_slots(&self) -> Option<&[usize]> {
        self.fixed()
            .hour_slots
            .get_or_init(|| {
                self.weights
                    .iter()
                    .map(|w| {
                        let k = self.distinct.partition_point(|d| d.0.total_cmp(w).is_lt());
                        self.distinct.get(k).filter(|d| d.0.to_bits() == w.to_bits()).map(|_| k)
                    })
                    .collect()
            })
            .as_deref()
    }

    /// Hours per day of `weights`: 24, or the whole of a week that is not made of days.
    pub(super) fn day_hours(&self) -> usize {
        let hours = self.weights.len();
        if hours.is_multiple_of(24) { 24 } else { hours.max(1) }
    }

    /// For each day of the week (`day_hours` of `hour_slots`), the first day whose hours have the same
    /// weights: a figure summed over a day's hours is then the same sum, taken once (all days of a steady or
    /// diurnal week are one day; weekdays and weekends are two). `None` with `hour_slots`.
    pub(super) fn same_days(&self) -> Option<&[usize]> {
        let slots = self.hour_slots()?;
        let same = self.fixed().same_days.get_or_init(|| {
            let days: Vec<&[usize]> = slots.chunks(self.day_hours()).collect();
            days.iter().map(|d| days.iter().position(|e| e == d).unwrap_or(0)).collect()
        });
        Some(same)
    }

    /// `Ceiling::new(k)`, made once per capacity.
    pub(super) fn ceiling(&self, k: f64) -> std::rc::Rc<capacity::Ceiling> {
        let mut all = self.fixed().ceilings.borrow_mut();
        if let Some(c) = all.iter().find(|c| c.capacity().to_bits() == capacity::Ceiling::clamped(k).to_bits()) {
            return std::rc::Rc::clone(c);
        }
        let c = std::rc::Rc::new(capacity::Ceiling::new(k));
        all.push(std::rc::Rc::clone(&c));
        c
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
