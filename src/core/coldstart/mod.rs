//! Cold starts, latency and instance counts of a workload on one platform, simulated.
//!
//! `simulate` resolves the scenario into the platform's execution model (`params`, `init`), runs the exact
//! event engine (`exact`) when the month has few enough requests to stay under ~50 ms in the browser,
//! otherwise the per-time-step engine (`fluid`), and scales the tally to the 730-hour month (`report`).
//! Provisioned fleets (Fargate, EC2, EKS) have no per-request cold start: their capacity (`provisioned`) is a
//! queue, simulated exactly or as a fluid by the same rule (`queue`). Every engine is deterministic for `seed`.

pub mod analytic;
mod arrivals;
pub mod capacity;
mod ceiling;
pub mod data;
mod data_read;
pub mod estimate;
pub mod exact;
pub mod fluid;
mod heap;
pub mod init;
pub mod params;
mod peak;
pub mod provisioned;
pub mod queue;
mod report;
pub mod stats;
pub mod workload;

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use super::catalog::Rates;
use super::scenario::{SECONDS_PER_MONTH, Scenario};
pub use init::{FALLBACK_RUNTIME, RUNTIMES, is_known_runtime};
pub use params::SimParams;
pub use provisioned::Provisioned;

/// Which platform's execution model to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimTarget {
    AwsLambda,
    AzureConsumption,
    /// Azure Functions Flex Consumption: several executions per instance, billed per activity period.
    AzureFlex,
    CloudRun,
    CloudflareWorkers,
    AwsFargate,
    AwsEc2,
    AwsEks,
    /// Lambda Managed Instances: a fleet of instances Lambda scales on CPU, no cold start per request.
    AwsLambdaManaged,
    /// Azure Container Apps (Consumption): replicas with several requests each, scale to zero.
    AzureContainerApps,
}

impl SimTarget {
    pub const ALL: [SimTarget; 10] = [
        SimTarget::AwsLambda,
        SimTarget::AzureConsumption,
        SimTarget::AzureFlex,
        SimTarget::CloudRun,
        SimTarget::CloudflareWorkers,
        SimTarget::AwsFargate,
        SimTarget::AwsEc2,
        SimTarget::AwsEks,
        SimTarget::AwsLambdaManaged,
        SimTarget::AzureContainerApps,
    ];

    /// Provisioned capacity (a queue of servers) rather than environments created per request.
    pub fn is_provisioned(self) -> bool {
        matches!(self, SimTarget::AwsFargate | SimTarget::AwsEc2 | SimTarget::AwsEks | SimTarget::AwsLambdaManaged)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub p999: f64,
}

/// Per-minute series over a representative day (1,440 points each).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DaySeries {
    pub requests: Vec<f64>,
    pub cold_starts: Vec<f64>,
    pub environments: Vec<f64>,
}

impl DaySeries {
    /// Day `d` (0 = Monday) of a `week` series: its points spread over 24 hours.
    pub fn day_of_week(&self, d: usize) -> DaySeries {
        let per_day = self.requests.len() / 7;
        let slice = |v: &[f64]| v.iter().skip(d * per_day).take(per_day).copied().collect();
        DaySeries {
            requests: slice(&self.requests),
            cold_starts: slice(&self.cold_starts),
            environments: slice(&self.environments),
        }
    }
}

/// A platform's simulated figures as `crossover eval` reports them beside its cost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    pub cold_start_fraction: f64,
    /// End-to-end latency, ms: queueing, cold starts and the work itself.
    pub latency_ms: Percentiles,
    pub avg_instances: f64,
    pub peak_instances: f64,
    /// Requests refused: throttled (429) or, on a provisioned fleet, shed after the load balancer's timeout.
    pub throttled_fraction: f64,
    pub method: String,
}

impl From<&ColdStartReport> for Performance {
    fn from(r: &ColdStartReport) -> Performance {
        Performance {
            cold_start_fraction: r.cold_start_fraction,
            latency_ms: r.latency_ms.clone(),
            avg_instances: r.avg_instances,
            peak_instances: r.peak_instances,
            throttled_fraction: r.throttled_fraction,
            method: r.method.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColdStartReport {
    pub target: Option<SimTarget>,
    /// "exact" (event by event) or the scalable method's name.
    pub method: String,
    pub requests: f64,
    pub cold_starts: f64,
    pub cold_start_fraction: f64,
    /// Mean cold-start delay, ms.
    pub mean_init_ms: f64,
    /// The billed part of it, ms: Lambda bills the Init Duration, not placement or VPC delays.
    pub mean_billed_init_ms: f64,
    /// End-to-end latency including cold starts, ms.
    pub latency_ms: Percentiles,
    /// A histogram of latency for the charts: (upper bound ms, share of requests).
    pub latency_histogram: Vec<(f64, f64)>,
    pub avg_instances: f64,
    /// Instances with ≥ 1 request in flight, time-averaged; a cold instance is busy from its start.
    pub avg_busy_instances: f64,
    pub avg_idle_instances: f64,
    pub peak_instances: f64,
    /// Requests in flight one instance holds at the autoscaler's targets (1 = one per environment).
    pub capacity_per_instance: f64,
    /// Billed activity of on-demand instances, time-averaged instances (platforms billed per
    /// activity period: each period at least the minimum, then rounded; 0 elsewhere).
    pub avg_billed_activity: f64,
    /// The same for always-warm instances (Flex always ready).
    pub avg_billed_activity_permanent: f64,
    /// Share of served requests that always-warm instances served.
    pub permanent_share: f64,
    pub throttled_fraction: f64,
    pub peak_db_connections: f64,
    pub series: DaySeries,
    /// The first simulated week, Monday 00:00 UTC first, per 10 minutes (`report::WEEK_STEP_MIN`): the
    /// days a reader may pick instead of the busiest one.
    #[serde(default)]
    pub week: DaySeries,
    /// Cold starts caused by keep-warm pings per month (not in `cold_starts`, but billed).
    pub keep_warm_cold_starts: f64,
    /// Seconds actually simulated (scaled to the month for every monthly figure).
    pub simulated_s: f64,
    /// Caveats of this run, e.g. an unknown runtime id that was simulated as the fallback.
    pub notes: Vec<String>,
}

/// What either engine counted over its horizon, before scaling to the month.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub horizon_s: f64,
    pub requests: f64,
    pub served: f64,
    pub cold_starts: f64,
    pub ping_cold_starts: f64,
    pub throttled: f64,
    pub init_ms_sum: f64,
    pub env_seconds: f64,
    pub busy_seconds: f64,
    /// Billed activity seconds of on-demand / always-warm instances (activity-billed platforms).
    pub billed_activity_s: f64,
    pub billed_activity_permanent_s: f64,
    /// Requests served by always-warm environments.
    pub served_permanent: f64,
    pub peak_envs: f64,
    pub hist: stats::Histogram,
    pub minute_requests: Vec<f64>,
    pub minute_cold: Vec<f64>,
    pub minute_envs: Vec<f64>,
}

/// Requests per month up to which the exact engine simulates the whole month. Every platform runs on one
/// draw of the requests, and all of them together must stay within the worker's 50 ms: 50,000 requests keep
/// the seven exact runs there (the scalable engine agrees with the exact one from here on: tests/simulation.rs).
pub const EXACT_MONTH_MAX: f64 = 50_000.0;
/// Requests per WEEK up to which the exact engine simulates one week (scaled by 730/168); above, `fluid`.
pub const EXACT_WEEK_MAX: f64 = 50_000.0;
pub const SECONDS_PER_WEEK: f64 = 7.0 * 86_400.0;

/// Which engine runs a month of `requests_per_month` and over what horizon.
fn engine_for(s: &Scenario) -> (&'static str, f64) {
    let per_month = s.requests_per_month.max(0.0);
    if per_month <= EXACT_MONTH_MAX {
        ("exact", SECONDS_PER_MONTH)
    } else if per_month * SECONDS_PER_WEEK / SECONDS_PER_MONTH <= EXACT_WEEK_MAX {
        ("exact_week", SECONDS_PER_WEEK)
    } else {
        ("fluid_week", SECONDS_PER_WEEK)
    }
}

/// Several platforms' simulations of one scenario: the exact engines share one draw of the requests.
/// The scalable engines share the rate curve and the service times of their latency samples.
pub struct Batch<'a> {
    s: &'a Scenario,
    r: Rates,
    method: &'static str,
    horizon_s: f64,
    rates: Vec<f64>,
    workload: OnceCell<workload::Workload>,
    services: OnceCell<Vec<f64>>,
}

impl<'a> Batch<'a> {
    /// With the catalogue's capacity and billing parameters (`capacity`) and Container Apps' cool-down.
    pub fn new(s: &'a Scenario, r: &Rates) -> Batch<'a> {
        let (method, horizon_s) = engine_for(s);
        let rates = super::traffic::minute_rates(s);
        Batch { s, r: r.clone(), method, horizon_s, rates, workload: OnceCell::new(), services: OnceCell::new() }
    }

    fn fluid(&self) -> bool {
        self.method == "fluid_week"
    }

    fn params(&self, target: SimTarget) -> SimParams {
        SimParams::with_rates(self.s, &self.r, target, self.rates.clone())
    }

    fn workload(&self, p: &SimParams) -> &workload::Workload {
        self.workload.get_or_init(|| workload::Workload::draw(p, self.horizon_s))
    }

    fn services(&self, p: &SimParams) -> &[f64] {
        self.services.get_or_init(|| workload::latency_services(p))
    }

    /// A function platform; a provisioned fleet is sized here from the scenario's own unit
    /// (`Provisioned::scenario_unit`) — the evaluation sizes it from the catalogue with `simulate_fleet`.
    pub fn simulate(&self, target: SimTarget) -> ColdStartReport {
        let s = self.s;
        if target.is_provisioned() {
            let unit = Provisioned::scenario_unit(s, &super::traffic::hourly_weights(s));
            return self.simulate_fleet(target, &unit);
        }
        let p = self.params(target);
        let tally = if self.fluid() {
            fluid::run_with(&p, self.horizon_s, self.services(&p))
        } else {
            exact::run_with(&p, self.workload(&p))
        };
        report::build(&p, self.method, tally)
    }

    /// A provisioned fleet (Fargate, EC2, EKS) of the given sizing, as a queue.
    pub fn simulate_fleet(&self, target: SimTarget, fleet: &Provisioned) -> ColdStartReport {
        let p = self.params(target);
        let c = fleet_capacity(self.s, &p, target, fleet);
        let tally = if self.fluid() {
            queue::run_fluid(&p, &c, self.horizon_s, self.services(&p))
        } else {
            queue::run_exact(&c, self.workload(&p))
        };
        report::build(&p, self.method, tally)
    }
}

/// Simulates one platform (see `Batch::simulate`) with the catalogue's parameters.
pub fn simulate(s: &Scenario, r: &Rates, target: SimTarget) -> ColdStartReport {
    Batch::new(s, r).simulate(target)
}

/// Simulates a provisioned fleet (Fargate, EC2, EKS) of the given sizing as a queue.
pub fn simulate_fleet(s: &Scenario, r: &Rates, target: SimTarget, fleet: &Provisioned) -> ColdStartReport {
    Batch::new(s, r).simulate_fleet(target, fleet)
}

fn fleet_capacity(s: &Scenario, p: &SimParams, target: SimTarget, fleet: &Provisioned) -> provisioned::Capacity {
    let d = data::ColdData::shared();
    let timeout = (s.invocation == super::scenario::Invocation::Sync).then_some(d.containers.sync_timeout_s.value);
    provisioned::capacity(s, &p.rates, fleet, provisioned::lag_minutes(d, target), timeout)
}

/// A provisioned fleet through the exact queue over an explicit horizon, reported as a month.
pub fn simulate_fleet_exact(
    s: &Scenario,
    r: &Rates,
    target: SimTarget,
    fleet: &Provisioned,
    horizon_s: f64,
) -> ColdStartReport {
    let p = SimParams::new(s, r, target);
    let c = fleet_capacity(s, &p, target, fleet);
    report::build(&p, "exact", queue::run_exact(&c, &workload::Workload::draw(&p, horizon_s)))
}

/// A provisioned fleet through the fluid queue over an explicit horizon, reported as a month.
pub fn simulate_fleet_fluid(
    s: &Scenario,
    r: &Rates,
    target: SimTarget,
    fleet: &Provisioned,
    horizon_s: f64,
) -> ColdStartReport {
    let p = SimParams::new(s, r, target);
    let c = fleet_capacity(s, &p, target, fleet);
    report::build(&p, "fluid", queue::run_fluid(&p, &c, horizon_s, &workload::latency_services(&p)))
}

/// Lambda's simulated p99 with `n` environments kept warm (provisioned concurrency, at least the count
/// the scenario budgets), with the catalogue's parameters.
pub fn warm_p99(s: &Scenario, r: &Rates, n: u32) -> f64 {
    let t = Scenario { provisioned_concurrency: n.max(s.provisioned_concurrency), ..s.clone() };
    simulate(&t, r, SimTarget::AwsLambda).latency_ms.p99
}

/// The exact engine over an explicit horizon (e.g. SimFaaS's 10⁶ s), reported as a month.
pub fn simulate_exact(s: &Scenario, r: &Rates, target: SimTarget, horizon_s: f64) -> ColdStartReport {
    let p = SimParams::new(s, r, target);
    report::build(&p, "exact", exact::run(&p, horizon_s))
}

/// The scalable engine over an explicit horizon, reported as a month.
pub fn simulate_fluid(s: &Scenario, r: &Rates, target: SimTarget, horizon_s: f64) -> ColdStartReport {
    let p = SimParams::new(s, r, target);
    report::build(&p, "fluid", fluid::run(&p, horizon_s))
}
