//! STUB — owned by the simulation work: event-driven cold-start simulation.

use serde::Serialize;

use super::scenario::Scenario;

/// Which platform's execution model to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SimTarget {
    AwsLambda,
    AzureConsumption,
    CloudRun,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Percentiles {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub p999: f64,
}

/// Per-minute series over a representative day (1,440 points each).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DaySeries {
    pub requests: Vec<f64>,
    pub cold_starts: Vec<f64>,
    pub environments: Vec<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ColdStartReport {
    pub target: Option<SimTarget>,
    /// "exact" (event by event) or the scalable method's name.
    pub method: String,
    pub requests: f64,
    pub cold_starts: f64,
    pub cold_start_fraction: f64,
    /// Mean cold-start delay, ms (INIT billed on Lambda).
    pub mean_init_ms: f64,
    /// End-to-end latency including cold starts, ms.
    pub latency_ms: Percentiles,
    /// A histogram of latency for the charts: (upper bound ms, share of requests).
    pub latency_histogram: Vec<(f64, f64)>,
    pub avg_instances: f64,
    pub avg_busy_instances: f64,
    pub avg_idle_instances: f64,
    pub peak_instances: f64,
    pub throttled_fraction: f64,
    pub peak_db_connections: f64,
    pub series: DaySeries,
}

pub fn simulate(_s: &Scenario, _target: SimTarget) -> ColdStartReport {
    ColdStartReport::default()
}
