//! The capacity model that sizes provisioned containers and instances.
//!
//! Per hour of the week, at rate λ = mean rate × the hour's weight (the formula lives in
//! `coldstart::provisioned`, which follows the same need minute by minute for the latency model):
//! - CPU: λ × duration × cpu_fraction vCPU-seconds of work arrive per second; one unit serves
//!   `vcpu × target_utilization` of it (headroom for bursts and latency).
//! - memory: λ × duration requests are in flight on average, each assumed to hold `memory_mb`
//!   (as it would on Lambda: conservative for event-loop runtimes); units give all their memory.
//!
//! Units needed = the larger of the two; at least one while any request arrives and never below
//! `min_capacity`. Autoscaled fleets follow the need hour by hour and average fractional units
//! (scaling happens within the hour); fixed fleets run ceil(peak need) units all month.
//!
//! Burstable units (t3, t4g in unlimited mode) sustain `baseline` of each vCPU; CPU work above it is
//! billed as surplus credits. Credits earned below the baseline are spent later the same day (they
//! accrue for up to 24 hours: EC2 User Guide, burstable performance instances), so the surplus is
//! the work above the baseline netted over each day.

use super::Usage;
use crate::core::coldstart::Provisioned;
use crate::core::coldstart::provisioned::{units_for, units_per_rps};
use crate::core::scenario::{ContainerScaling, SECONDS_PER_MONTH};
use crate::core::select::larger;

/// One unit of capacity: a Fargate task or an EC2 instance.
pub(super) struct Unit {
    pub vcpu: f64,
    pub gb: f64,
    pub burst: Option<Burst>,
}

/// A burstable instance's CPU baseline and the price of CPU above it.
#[derive(Clone, Copy)]
pub(super) struct Burst {
    /// Share of each vCPU sustained without surplus credits (0.2 = 20 %).
    pub baseline: f64,
    /// $ per vCPU-hour above the baseline.
    pub surplus_vcpu_h: f64,
}

/// What runs over the month.
#[derive(Clone, Copy)]
pub(super) struct Fleet {
    pub unit_hours: f64,
    /// Units in the busiest hour.
    pub peak_units: f64,
    /// Units in the quietest hour: what runs every hour (the committable baseline).
    pub trough_units: f64,
    /// vCPU-hours of work above the burstable baseline, netted per day (0 for fixed-performance units).
    pub surplus_vcpu_hours: f64,
}

impl Fleet {
    /// Mean units running.
    pub fn mean_units(&self) -> f64 {
        self.unit_hours / (SECONDS_PER_MONTH / 3600.0)
    }
}

pub(super) fn fleet(u: &Usage, unit: &Unit) -> Fleet {
    let s = u.s;
    let min_units = f64::from(s.min_capacity);
    let per_rps = units_per_rps(s, unit.vcpu, unit.gb);
    let need = |w: f64| units_for(u.rate * w, per_rps, min_units);
    let hours_per_weight = u.seconds_per_weight() / 3600.0;
    let mut unit_hours = 0.0;
    let mut peak: f64 = 0.0;
    let mut trough = f64::INFINITY;
    for &(w, hours) in u.distinct {
        let units = need(w);
        unit_hours += units * hours * hours_per_weight;
        peak = larger(peak, units);
        if units < trough {
            trough = units;
        }
    }
    let trough = if trough.is_finite() { trough } else { 0.0 };
    let (unit_hours, peak_units, trough_units) = match s.container_scaling {
        ContainerScaling::Autoscaled => (unit_hours, peak, trough),
        ContainerScaling::Fixed => (peak.ceil() * SECONDS_PER_MONTH / 3600.0, peak.ceil(), peak.ceil()),
    };
    let surplus_vcpu_hours = unit.burst.map_or(0.0, |b| {
        // Per hour of the week: work (vCPU) minus what the running units sustain at baseline.
        let fixed = (s.container_scaling == ContainerScaling::Fixed).then_some(peak_units);
        let over = |w: f64| {
            u.rate * w * u.duration_s * s.cpu_fraction - fixed.unwrap_or_else(|| need(w)) * unit.vcpu * b.baseline
        };
        let overs: Vec<f64> = u.distinct.iter().map(|&(w, _)| over(w)).collect();
        if overs.iter().all(|&o| o <= 0.0) {
            return 0.0;
        }
        let day = u.day_hours();
        let per_day: f64 = match u.hour_slots().zip(u.same_days()) {
            Some((slots, same_days)) => daily_net(overs.as_slice(), slots, same_days, day),
            None => u.weights.chunks(day).map(|d| larger(d.iter().map(|&w| over(w)).sum::<f64>(), 0.0)).sum(),
        };
        per_day * hours_per_weight
    });
    Fleet { unit_hours, peak_units, trough_units, surplus_vcpu_hours }
}

/// Σ over the days (`day` hours each) of the day's net work, at least 0: each hour's is `overs` of its slot.
/// Its hours are read from the distinct weights' figures (no week-long copy per type tried), and a day like
/// the one before it (`same_days`) has its sum, to the bit.
fn daily_net(overs: &[f64], slots: &[usize], same_days: &[usize], day: usize) -> f64 {
    let mut last: Option<(usize, f64)> = None;
    let mut net = |d: &[usize], like: usize| match last {
        Some((first, net)) if first == like => net,
        _ => {
            let net = larger(d.iter().map(|&k| overs[k]).sum::<f64>(), 0.0);
            last = Some((like, net));
            net
        }
    };
    slots.chunks(day).zip(same_days).map(|(d, &like)| net(d, like)).sum()
}

/// The fleet as the latency model needs it: the unit's vCPUs, the sizing, and whether it is fixed.
pub(super) fn provisioned(u: &Usage, unit: &Unit) -> Provisioned {
    let s = u.s;
    let fixed = (s.container_scaling == ContainerScaling::Fixed).then(|| fleet(u, unit).peak_units);
    Provisioned {
        unit_vcpu: unit.vcpu,
        units_per_rps: units_per_rps(s, unit.vcpu, unit.gb),
        min_units: f64::from(s.min_capacity),
        fixed_units: fixed,
    }
}
