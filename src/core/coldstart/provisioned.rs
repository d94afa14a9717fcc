//! Provisioned capacity — Fargate tasks, EC2 instances, EKS nodes — minute by minute over the week.
//!
//! The sizing is the cost model's (`cost::capacity` calls `units_per_rps` and `units_for`): per request/s,
//! one unit serves `vcpu × target_utilization` of CPU work and holds `gb` of requests' memory; at least one
//! unit while requests arrive, never fewer than `min_capacity`. A fixed fleet runs its units all month. An
//! autoscaled fleet follows the need late: a rise is served `lag` minutes after it happens (the metric
//! period plus the measured time to start a task or a node), and units are kept for the scale-in cooldown
//! after the need falls. Each unit runs `vcpu / cpu_fraction` requests at once at full speed (at least one).

use super::SimTarget;
use super::data::ColdData;
use crate::core::scenario::Scenario;
use crate::core::select::larger;

/// One provisioned fleet as the cost model sizes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Provisioned {
    /// vCPUs of one unit (a task, an instance, a node).
    pub unit_vcpu: f64,
    /// Units needed per request/s of traffic (`units_per_rps`).
    pub units_per_rps: f64,
    /// Units kept whatever the traffic.
    pub min_units: f64,
    /// `Some(n)`: n units all month (a fixed fleet); `None`: autoscaled.
    pub fixed_units: Option<f64>,
}

impl Provisioned {
    /// The scenario's own unit: a task of `fargate_vcpu` vCPUs holding `memory_mb`, autoscaled or fixed as
    /// the scenario says. The evaluation sizes each platform's real unit from the catalogue instead.
    pub fn scenario_unit(s: &Scenario, weights: &[f64]) -> Provisioned {
        let k = units_per_rps(s, s.fargate_vcpu, s.memory_mb / 1024.0);
        let min = f64::from(s.min_capacity);
        let rate = s.requests_per_month.max(0.0) / crate::core::scenario::SECONDS_PER_MONTH;
        let peak = weights.iter().fold(0.0f64, |a, &w| a.max(units_for(rate * w, k, min)));
        let fixed = (s.container_scaling == crate::core::scenario::ContainerScaling::Fixed).then(|| peak.ceil());
        Provisioned { unit_vcpu: s.fargate_vcpu, units_per_rps: k, min_units: min, fixed_units: fixed }
    }
}

/// Units per request/s: the larger of the CPU bound (work of `cpu_fraction` of the duration against
/// `vcpu × target_utilization`) and the memory bound (each request in flight holds `memory_mb`).
pub fn units_per_rps(s: &Scenario, unit_vcpu: f64, unit_gb: f64) -> f64 {
    let duration_s = s.duration_ms / 1000.0;
    let by_cpu = s.cpu_fraction / (unit_vcpu * s.target_utilization);
    let by_memory = s.memory_mb / 1024.0 / unit_gb;
    duration_s * by_cpu.max(by_memory)
}

/// Units a rate needs: at least one while any request arrives, never below `min_units`.
pub fn units_for(rate: f64, units_per_rps: f64, min_units: f64) -> f64 {
    let units = rate * units_per_rps;
    let units = if units > 0.0 { larger(units, 1.0) } else { 0.0 };
    larger(units, min_units)
}

/// Whole units and request servers for each minute of the week.
#[derive(Clone, Debug)]
pub struct Capacity {
    pub units: Vec<f64>,
    pub servers: Vec<u32>,
    /// Requests one unit runs at once at full speed (≥ 1).
    pub per_unit: f64,
    /// A synchronous request queued longer than this is shed, s; `None` = requests wait (async).
    pub timeout_s: Option<f64>,
}

/// Scale-out lag and scale-in hold of a platform's autoscaler, whole minutes.
pub fn lag_minutes(d: &ColdData, target: SimTarget) -> (usize, usize) {
    let c = &d.containers;
    let start = match target {
        // Lambda's own scaler: the documented 5 minutes covers the metric and the launch.
        SimTarget::AwsLambdaManaged => d.lambda_managed.scale_lag_s.value - c.metric_delay_s.value,
        SimTarget::AwsEc2 => c.ec2_start_s.value,
        SimTarget::AwsEks => c.eks_start_s.value,
        _ => c.fargate_start_s.value,
    };
    let minutes = |s: f64| (s.max(0.0) / 60.0).ceil() as usize;
    (minutes(start + c.metric_delay_s.value), minutes(c.scale_in_cooldown_s.value))
}

/// Whether two platforms' autoscalers lag alike (then the same fleet queues alike on both).
pub fn same_lag(a: SimTarget, b: SimTarget) -> bool {
    let d = ColdData::shared();
    lag_minutes(d, a) == lag_minutes(d, b)
}

pub fn capacity(s: &Scenario, rates: &[f64], f: &Provisioned, lag: (usize, usize), timeout_s: Option<f64>) -> Capacity {
    let need: Vec<f64> = rates.iter().map(|&r| units_for(r, f.units_per_rps, f.min_units).ceil()).collect();
    let w = need.len().max(1);
    let units: Vec<f64> = match f.fixed_units {
        Some(n) => vec![n.ceil().max(0.0); w],
        None => {
            let (late, hold) = lag;
            // The need `late` minutes ago, held for `hold` minutes: the week repeats, so it wraps around.
            (0..w).map(|m| (0..=hold).map(|j| need[(m + 2 * w - (late + j) % w) % w]).fold(0.0, f64::max)).collect()
        }
    };
    let per_unit = (f.unit_vcpu / s.cpu_fraction.max(1e-6)).max(1.0);
    let servers = units.iter().map(|&u| (u * per_unit).floor().clamp(0.0, f64::from(u32::MAX)) as u32).collect();
    Capacity { units, servers, per_unit, timeout_s }
}
