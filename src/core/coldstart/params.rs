//! A scenario resolved into the simulation's parameters for one platform: units in seconds, defaults
//! filled from `data/coldstart.json`, so the engines never look at the scenario's optional keys.

use super::SimTarget;
use super::capacity::{self, Activity};
use super::data::ColdData;
use super::init::{self, ColdModel};
use crate::core::catalog::Rates;
use crate::core::rng::Rng;
use crate::core::scenario::{DurationDistribution, Invocation, Scenario, TrafficShape};
use crate::core::traffic;

/// Execution time of one request (without cold start).
#[derive(Clone, Debug)]
pub struct Service {
    pub dist: DurationDistribution,
    pub mean_s: f64,
    /// Lognormal: mu and sigma of ln(seconds); mean = exp(mu + sigma²/2).
    pub mu: f64,
    pub sigma: f64,
}

impl Service {
    #[inline]
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        match self.dist {
            DurationDistribution::Fixed => self.mean_s,
            DurationDistribution::Exponential => rng.exponential(self.mean_s),
            DurationDistribution::Lognormal => rng.lognormal(self.mu, self.sigma),
        }
    }
}

#[derive(Clone, Debug)]
pub struct SimParams {
    pub target: SimTarget,
    /// Most requests one environment serves at once (the event engine's whole-request limit).
    pub slots: u32,
    /// Requests in flight per environment the autoscaler keeps on average (`capacity`), ≥ 1.
    pub capacity: f64,
    /// Billing of activity periods, on platforms that bill them.
    pub activity: Option<Activity>,
    /// Idle lifetime before reclaim, uniform in [lo, hi] s (lo = hi: fixed).
    pub keep_alive: (f64, f64),
    /// Always-warm environments (provisioned concurrency / min instances).
    pub permanent: u32,
    /// Keep-warm pings: period s (0 = off), environments pinged, ping service time s.
    pub ping_every_s: f64,
    pub ping_count: u32,
    pub ping_s: f64,
    /// Most environments busy at once; more is throttled.
    pub quota: u32,
    /// New-environment token bucket (capacity, refill per s); `None` = unlimited.
    pub scale: Option<(f64, f64)>,
    /// Sync callers get a 429 when scaling is rate-limited; async events wait for a token.
    pub sync: bool,
    pub service: Service,
    pub cold: ColdModel,
    /// Requests per second for each minute of the week.
    pub rates: Vec<f64>,
    /// Cron: invocations fired together (`None` = Poisson arrivals).
    pub cron_batch: Option<u32>,
    /// Connections cap of RDS Proxy's pool, if one fronts the database.
    pub db_cap: Option<u32>,
    pub seed: u64,
    /// Set when the runtime id was unknown and the fallback runtime was simulated.
    pub note: Option<String>,
}

/// The idle lifetime an environment draws, uniform in (lo, hi) s: the scenario's keep-alive keys, else the
/// platform's measured range.
pub fn keep_alive_range(s: &Scenario, target: SimTarget, d: &ColdData) -> (f64, f64) {
    let ka = d.keep_alive(target);
    let lo = s.keep_alive_s.unwrap_or(ka.min).max(0.001);
    let hi = match (s.keep_alive_s, s.keep_alive_max_s) {
        (Some(_), Some(hi)) => hi.max(lo),
        (Some(_), None) => lo,
        (None, Some(hi)) => hi.max(lo),
        (None, None) => ka.max.max(lo),
    };
    (lo, hi)
}

impl SimParams {
    pub fn new(s: &Scenario, r: &Rates, target: SimTarget) -> SimParams {
        let d = ColdData::builtin();
        let (lo, hi) = keep_alive_range(s, target, &d);
        let sigma = d.model.lognormal_sigma.value;
        let mean_s = (s.duration_ms / 1000.0).max(1e-6);
        let spreads = match target {
            SimTarget::AwsLambda => None,
            // Flex: the Consumption plan's measured cold starts stand in until Flex has its own.
            SimTarget::AzureConsumption | SimTarget::AzureFlex => {
                Some(d.other_platforms_cold_start_s.azure_consumption.by_family())
            }
            SimTarget::CloudRun => Some(d.other_platforms_cold_start_s.cloud_run.by_family()),
        };
        let l = &d.lambda;
        let instance = capacity::instance(s, r, target);
        SimParams {
            target,
            slots: instance.slots(),
            capacity: instance.capacity,
            activity: instance.activity,
            keep_alive: (lo, hi),
            permanent: match target {
                SimTarget::AwsLambda => s.provisioned_concurrency,
                SimTarget::CloudRun => s.cloud_run_min_instances,
                SimTarget::AzureFlex => s.azure_always_ready,
                SimTarget::AzureConsumption => 0,
            },
            ping_every_s: s.keep_warm_every_min as f64 * 60.0,
            ping_count: if s.keep_warm_every_min > 0 { s.keep_warm_count } else { 0 },
            ping_s: d.model.keep_warm_ping_ms.value / 1000.0,
            quota: s.concurrency_quota.max(1),
            scale: (target == SimTarget::AwsLambda).then(|| {
                let cap = l.scale_burst_environments.value;
                (cap, cap / l.scale_burst_window_s.value)
            }),
            sync: s.invocation == Invocation::Sync,
            service: Service { dist: s.duration_distribution, mean_s, mu: mean_s.ln() - sigma * sigma / 2.0, sigma },
            cold: init::model(s, &d, spreads.as_deref()),
            rates: traffic::minute_rates(s),
            cron_batch: (s.traffic_shape == TrafficShape::Cron).then_some(s.cron_batch),
            db_cap: if s.rds_proxy { s.db_max_connections } else { None },
            seed: s.seed,
            note: (!init::is_known_runtime(&s.runtime))
                .then(|| format!("unknown runtime '{}': simulated as {}", s.runtime, init::FALLBACK_RUNTIME)),
        }
    }

    /// Draws one idle lifetime.
    #[inline]
    pub fn keep_alive(&self, rng: &mut Rng) -> f64 {
        let (lo, hi) = self.keep_alive;
        if hi > lo { rng.range(lo, hi) } else { lo }
    }
}
