//! A scenario resolved into the simulation's parameters for one platform: units in seconds, defaults
//! filled from `data/coldstart.json`, so the engines never look at the scenario's optional keys.
//!
//! The execution model of each function platform, as the engines see it:
//! - AWS Lambda: one request per environment; provisioned concurrency kept warm; the account quota; new
//!   environments limited to 1,000 per 10 s, beyond which synchronous callers get a 429.
//! - Azure Functions Consumption: an instance runs up to `maxConcurrentRequests` (100) HTTP requests, but only
//!   as many as its one vCPU serves at full speed (1 / cpu_fraction); the scale controller adds at most one
//!   instance a second (HTTP) or every 30 s (other triggers) — requests wait for it rather than fail — up to
//!   200 instances; idle instances live 20–30 min.
//! - Cloud Run: `cloud_run_concurrency` requests per instance, minimum instances kept warm, idle instances kept
//!   15 min.
//! - Cloudflare Workers: isolates serve many requests each and start within 5 ms; no quota, no scaling limit.
//!
//! Fargate, EC2 and EKS are provisioned fleets, simulated as queues by `queue`.

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
    /// Sync callers get a 429 when scaling is rate-limited (unless `wait_for_scale`); async events wait.
    pub sync: bool,
    /// Requests wait for the rate-limited scaler instead of failing (Azure's scale controller).
    pub wait_for_scale: bool,
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

/// What differs between the function platforms beyond one instance's capacity (`capacity`).
struct Execution {
    permanent: u32,
    quota: u32,
    scale: Option<(f64, f64)>,
    wait_for_scale: bool,
}

fn execution(s: &Scenario, d: &ColdData, target: SimTarget) -> Execution {
    let whole = |x: f64| x.round().clamp(1.0, f64::from(u32::MAX)) as u32;
    let unlimited = Execution { permanent: 0, quota: u32::MAX, scale: None, wait_for_scale: false };
    match target {
        SimTarget::AwsLambda => {
            let l = &d.lambda;
            let cap = l.scale_burst_environments.value;
            Execution {
                permanent: s.provisioned_concurrency,
                quota: s.concurrency_quota.max(1),
                scale: Some((cap, cap / l.scale_burst_window_s.value)),
                wait_for_scale: false,
            }
        }
        SimTarget::AzureConsumption => {
            let a = &d.azure_consumption;
            let interval = if s.invocation == Invocation::Sync {
                a.scale_interval_http_s.value
            } else {
                a.scale_interval_other_s.value
            };
            Execution {
                permanent: 0,
                quota: whole(a.max_instances.value),
                scale: Some((1.0, 1.0 / interval.max(1e-3))),
                wait_for_scale: true,
            }
        }
        SimTarget::AzureFlex => {
            Execution { permanent: s.azure_always_ready, quota: s.concurrency_quota.max(1), ..unlimited }
        }
        // Container Apps' minimum replicas are the scenario's one minimum-instances key (as its bill reads it).
        SimTarget::CloudRun | SimTarget::AzureContainerApps => {
            Execution { permanent: s.cloud_run_min_instances, quota: s.concurrency_quota.max(1), ..unlimited }
        }
        SimTarget::CloudflareWorkers => unlimited,
        // Provisioned fleets are queues (`queue`); these fields are unused there.
        SimTarget::AwsFargate | SimTarget::AwsEc2 | SimTarget::AwsEks | SimTarget::AwsLambdaManaged => unlimited,
    }
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

/// `keep_alive_range`, except on Container Apps, whose idle replica goes after the catalogue's cool-down
/// (`aca.cooldown_s`, the figure its bill uses) plus up to one KEDA polling interval.
pub fn keep_alive_for(s: &Scenario, r: &Rates, target: SimTarget, d: &ColdData) -> (f64, f64) {
    if target != SimTarget::AzureContainerApps || s.keep_alive_s.is_some() || s.keep_alive_max_s.is_some() {
        return keep_alive_range(s, target, d);
    }
    let lo = r.hidden.aca_cooldown_s.max(0.001);
    (lo, lo + d.azure_container_apps.polling_interval_s.value.max(0.0))
}

impl SimParams {
    pub fn new(s: &Scenario, r: &Rates, target: SimTarget) -> SimParams {
        SimParams::with_rates(s, r, target, traffic::minute_rates(s))
    }

    /// With the week's per-minute rates already computed (`traffic::minute_rates(s)`), shared by platforms.
    pub fn with_rates(s: &Scenario, r: &Rates, target: SimTarget, rates: Vec<f64>) -> SimParams {
        let d = ColdData::shared();
        let (lo, hi) = keep_alive_for(s, r, target, d);
        let sigma = d.model.lognormal_sigma.value;
        let mean_s = (s.duration_ms / 1000.0).max(1e-6);
        let e = execution(s, d, target);
        let instance = capacity::instance(s, r, d, target);
        SimParams {
            target,
            slots: instance.slots(),
            capacity: instance.capacity,
            activity: instance.activity,
            keep_alive: (lo, hi),
            permanent: e.permanent,
            ping_every_s: s.keep_warm_every_min as f64 * 60.0,
            ping_count: if s.keep_warm_every_min > 0 { s.keep_warm_count } else { 0 },
            ping_s: d.model.keep_warm_ping_ms.value / 1000.0,
            quota: e.quota,
            scale: e.scale,
            sync: s.invocation == Invocation::Sync,
            wait_for_scale: e.wait_for_scale,
            service: Service { dist: s.duration_distribution, mean_s, mu: mean_s.ln() - sigma * sigma / 2.0, sigma },
            cold: init::model(s, d, target),
            rates,
            cron_batch: (s.traffic_shape == TrafficShape::Cron).then_some(s.cron_batch),
            db_cap: if s.rds_proxy { s.db_max_connections } else { None },
            seed: s.seed,
            note: (!init::is_known_runtime(&s.runtime))
                .then(|| format!("unknown runtime '{}': simulated as {}", s.runtime, init::FALLBACK_RUNTIME)),
        }
    }
}
