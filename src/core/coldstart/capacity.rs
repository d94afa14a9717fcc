//! How many requests one instance takes and how its busy time is billed: the capacity side that the
//! engines (instance counts) and the cost models (billed time) share, so both count the same instances.
//!
//! - Google Cloud Run: an instance with V vCPU does at most V vCPU-seconds of work per second, and the
//!   autoscaler keeps instances at 60 % CPU and at 60 % of the maximum concurrency
//!   (cloud.google.com/run/docs/about-instance-autoscaling). A request in flight uses `cpu_fraction`
//!   of a vCPU, so an instance holds min(0.6 × concurrency, 0.6 × V ÷ cpu_fraction) requests on
//!   average: at least 1, never more than the concurrency setting.
//! - Azure Functions Flex Consumption: instances are added per `azure_flex_concurrency` executions
//!   (Microsoft's HTTP default for the instance size when unset) and billed per activity period:
//!   at least 1,000 ms, then rounded up to 100 ms (learn.microsoft.com, Flex Consumption plan, Billing).
//! - Azure Functions Consumption: an instance runs up to `maxConcurrentRequests` HTTP requests, but only as
//!   many as its one vCPU serves at full speed (1 / cpu_fraction).
//! - Cloudflare Workers: an isolate serves many requests (`concurrency_per_isolate`).
//! - AWS Lambda: one request per environment. Provisioned fleets are queues (`provisioned`).

use super::SimTarget;
pub use super::ceiling::Ceiling;
use super::data::ColdData;
use super::init;
use crate::core::catalog::Rates;
use crate::core::scenario::{CloudRunBilling, Scenario};
use crate::core::select::larger;

/// One instance of a platform, as the autoscaler and the bill see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Instance {
    /// Requests one instance may hold at once (the platform's concurrency setting), ≥ 1.
    pub max_concurrency: u32,
    /// Requests in flight per instance the autoscaler keeps on average, in 1 ..= `max_concurrency`.
    pub capacity: f64,
    /// vCPUs of one instance.
    pub vcpu: f64,
    /// Memory billed per instance, GB (Flex: the instance size; Cloud Run: the configured memory).
    pub memory_gb: f64,
    /// How activity is billed, when the platform bills per activity period.
    pub activity: Option<Activity>,
}

impl Instance {
    /// Most whole requests one instance holds in an event-by-event engine: the autoscaler's average
    /// rounded up, within 1 ..= `max_concurrency` (the engine gives each instance the floor or the
    /// ceiling so that the average is `capacity`).
    pub fn slots(&self) -> u32 {
        (self.capacity.ceil() as u32).clamp(1, self.max_concurrency.max(1))
    }
}

/// Billing of one activity period (an instance busy from its first request to its last).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Activity {
    /// Shortest billed period, s.
    pub min_s: f64,
    /// Rounding step past the minimum, s.
    pub step_s: f64,
}

impl Activity {
    /// Billed seconds of a period `len_s` long: at least the minimum, then whole steps.
    pub fn billed(&self, len_s: f64) -> f64 {
        let steps = if self.step_s > 0.0 { (len_s / self.step_s - 1e-9).ceil().max(0.0) * self.step_s } else { len_s };
        steps.max(self.min_s)
    }
}

/// The instance of `target` for this scenario.
pub fn instance(s: &Scenario, r: &Rates, d: &ColdData, target: SimTarget) -> Instance {
    let whole = |x: f64| x.round().clamp(1.0, f64::from(u32::MAX)) as u32;
    let single =
        Instance { max_concurrency: 1, capacity: 1.0, vcpu: 1.0, memory_gb: s.memory_mb / 1024.0, activity: None };
    let fixed = |n: u32, vcpu: f64| Instance { max_concurrency: n, capacity: f64::from(n), vcpu, ..single };
    match target {
        SimTarget::CloudRun => cloud_run(s, r),
        SimTarget::AzureFlex => flex(s, r),
        SimTarget::AzureConsumption => {
            let a = &d.azure_consumption;
            let vcpu = a.vcpu_per_instance.value;
            fixed(cpu_bound_slots(vcpu, s.cpu_fraction).min(whole(a.http_concurrency.value)), vcpu)
        }
        SimTarget::CloudflareWorkers => fixed(whole(d.cloudflare_workers.concurrency_per_isolate.value), 1.0),
        SimTarget::AzureContainerApps => {
            // The replica the bill sizes (`cost::container_apps::replica`): the fewest 0.25-vCPU steps that
            // hold the memory at 2 GiB per vCPU; it holds the HTTP scale rule's concurrency, fewer when
            // the requests' CPU fills it first.
            let h = &r.hidden;
            let gib = s.memory_mb.max(0.0) / 1024.0;
            let vcpu = ((gib / h.aca_gib_per_vcpu / h.aca_vcpu_step).ceil() * h.aca_vcpu_step).max(h.aca_vcpu_step);
            let slots = cpu_bound_slots(vcpu * s.target_utilization, s.cpu_fraction).min(whole(h.aca_concurrency));
            Instance { memory_gb: vcpu * h.aca_gib_per_vcpu, ..fixed(slots, vcpu) }
        }
        SimTarget::AwsLambda
        | SimTarget::AwsFargate
        | SimTarget::AwsEc2
        | SimTarget::AwsEks
        | SimTarget::AwsLambdaManaged => single,
    }
}

/// Requests that fit on `vcpu` at full speed when each keeps a core busy `cpu_fraction` of its time.
fn cpu_bound_slots(vcpu: f64, cpu_fraction: f64) -> u32 {
    (vcpu / cpu_fraction.max(1e-6)).floor().clamp(1.0, f64::from(u32::MAX)) as u32
}

/// vCPUs of one Cloud Run instance: the fewest the memory allows (one per `cloud_run.gib_per_vcpu` GiB,
/// at least 1, an even count above 2). Below 1 vCPU only at concurrency 1 with request-based billing
/// (docs.cloud.google.com/run/docs/configuring/jobs/cpu): then the request's own CPU demand
/// (`cpu_fraction` of a vCPU, so the request is not slowed), at least 0.08 vCPU, at least 0.5 vCPU
/// above 512 MiB, and 1 vCPU above 1 GiB, in 0.001 steps.
pub fn cloud_run_vcpu(s: &Scenario, r: &Rates) -> f64 {
    let gib = s.memory_mb / 1024.0;
    let whole = (gib / r.cloud_run_gib_per_vcpu).ceil().max(1.0);
    let whole = if whole > 2.0 && whole % 2.0 != 0.0 { whole + 1.0 } else { whole };
    let fractional_allowed = s.cloud_run_concurrency == 1
        && s.cloud_run_billing == CloudRunBilling::Request
        && s.memory_mb <= r.cloud_run_fractional_max_memory_mb;
    if !fractional_allowed {
        return whole;
    }
    let floor =
        if s.memory_mb > r.cloud_run_half_vcpu_memory_mb { r.cloud_run_half_vcpu } else { r.cloud_run_min_vcpu };
    let step = r.cloud_run_vcpu_step;
    let v = (s.cpu_fraction.max(floor) / step - 1e-9).ceil() * step;
    v.clamp(r.cloud_run_min_vcpu, 1.0)
}

/// Requests in flight one Cloud Run instance holds at the autoscaler's CPU and concurrency targets.
pub fn cloud_run_capacity(s: &Scenario, r: &Rates, vcpu: f64) -> f64 {
    let max = f64::from(s.cloud_run_concurrency.max(1));
    let by_concurrency = r.cloud_run_concurrency_target * max;
    let by_cpu = r.cloud_run_cpu_target * vcpu / s.cpu_fraction.max(1e-6);
    by_concurrency.min(by_cpu).clamp(1.0, max)
}

fn cloud_run(s: &Scenario, r: &Rates) -> Instance {
    let vcpu = cloud_run_vcpu(s, r);
    Instance {
        max_concurrency: s.cloud_run_concurrency.max(1),
        capacity: cloud_run_capacity(s, r, vcpu),
        vcpu,
        memory_gb: s.memory_mb / 1024.0,
        activity: None,
    }
}

/// The Flex instance size, MB: the smallest of 512 / 2,048 / 4,096 MB that holds `memory_mb`.
pub fn flex_instance_mb(s: &Scenario, r: &Rates) -> f64 {
    [r.azure_flex_memory_small_mb, r.azure_flex_memory_default_mb, r.azure_flex_memory_large_mb]
        .into_iter()
        .find(|&m| m >= s.memory_mb)
        .unwrap_or(r.azure_flex_memory_large_mb)
}

/// CPU cores of the Flex instance (0.25 / 1 / 2 for 512 / 2,048 / 4,096 MB).
pub fn flex_cores(s: &Scenario, r: &Rates) -> f64 {
    let mb = flex_instance_mb(s, r);
    if mb <= r.azure_flex_memory_small_mb {
        r.azure_flex_cores_small
    } else if mb <= r.azure_flex_memory_default_mb {
        r.azure_flex_cores_default
    } else {
        r.azure_flex_cores_large
    }
}

/// Executions per Flex instance: the scenario's setting, else Microsoft's HTTP default for the instance
/// size (1 for Python apps at every size).
pub fn flex_concurrency(s: &Scenario, r: &Rates) -> u32 {
    if let Some(c) = s.azure_flex_concurrency {
        return c.max(1);
    }
    let mb = flex_instance_mb(s, r);
    let default = if init::family(&s.runtime) == "python" {
        r.azure_flex_http_concurrency_python
    } else if mb <= r.azure_flex_memory_small_mb {
        r.azure_flex_http_concurrency_small
    } else if mb <= r.azure_flex_memory_default_mb {
        r.azure_flex_http_concurrency_default
    } else {
        r.azure_flex_http_concurrency_large
    };
    (default.round() as u32).max(1)
}

fn flex(s: &Scenario, r: &Rates) -> Instance {
    let c = flex_concurrency(s, r);
    Instance {
        max_concurrency: c,
        capacity: f64::from(c),
        vcpu: flex_cores(s, r),
        memory_gb: flex_instance_mb(s, r) / 1024.0,
        activity: Some(Activity {
            min_s: r.azure_flex_min_billed_ms / 1000.0,
            step_s: r.azure_flex_rounding_ms / 1000.0,
        }),
    }
}

/// Instances with ≥ 1 request in flight, on average, when X ~ Poisson(`load`) requests are in flight
/// and instances are filled to `capacity` before another is used: E[⌈X ÷ capacity⌉] (`ceiling`). Light
/// load bills every request alone (≈ load); heavy load packs `capacity` per instance plus a partly filled
/// one: above a load of 2,000, load ÷ capacity + (1 − 1/capacity), an upper bound that keeps the figure
/// rising with the load. For many loads at one capacity, `Ceiling::new(capacity).mean(load)` is the same.
pub fn busy_instances(load: f64, capacity: f64) -> f64 {
    Ceiling::once(capacity).mean(load)
}

/// Billed activity, instance-seconds per second, of instances filled to `capacity` under Poisson
/// arrivals at `rate` per s with mean service `mean_s`: the busy instances, plus what the minimum
/// period adds to the first instance. Its activity periods start at rate·e^(−L) per s (arrivals that
/// find it idle; L = rate × mean_s) and last the M/G/∞ busy period (e^L − 1) ÷ rate on average;
/// a period is billed at least `min_s` and a request arriving inside a billed period continues it,
/// so the instance is billed a share P ÷ (P + 1/rate) of the time, P = max(min, busy period + step/2).
pub fn billed_activity(rate: f64, mean_s: f64, capacity: f64, a: Activity) -> f64 {
    billed_activity_in(&Ceiling::once(capacity), rate, mean_s, a)
}

/// `billed_activity` with the capacity's `Ceiling` at hand (for many rates at one capacity).
pub fn billed_activity_in(busy: &Ceiling, rate: f64, mean_s: f64, a: Activity) -> f64 {
    if rate <= 0.0 || !rate.is_finite() {
        return 0.0;
    }
    let load = rate * larger(mean_s, 0.0);
    if load >= 40.0 {
        // e^L − 1 > 2^57: the first instance is busy, and billed, all the time (both shares below are 1 to
        // the last bit), so the exponential is not taken (in wasm it is software).
        return busy.mean(load);
    }
    // e^L − 1 once: 1 − e^(−L) = (e^L − 1) ÷ e^L (within a few ulps of −expm1(−L)), and e^(−L) = 1 ÷ e^L
    // for the busy instances' light-load sum. In wasm each exponential is software.
    let grown = load.exp_m1();
    let busy = busy.mean_given_idle(load, 1.0 / (grown + 1.0));
    let first_busy = grown / (grown + 1.0);
    let period = larger(grown / rate + a.step_s / 2.0, a.min_s);
    let first_billed = period / (period + 1.0 / rate);
    busy + larger(first_billed - first_busy, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Catalog;

    fn rates() -> Rates {
        Catalog::builtin().rates().clone()
    }

    #[test]
    fn activity_periods_round_as_microsoft_bills_them() {
        // learn.microsoft.com, Flex Consumption plan, Billing: at least 1,000 ms, then 100 ms steps.
        let a = Activity { min_s: 1.0, step_s: 0.1 };
        assert_eq!(a.billed(0.2), 1.0);
        assert!((a.billed(1.25) - 1.3).abs() < 1e-12);
        assert!((a.billed(0.3 + 1.0) - 1.3).abs() < 1e-12, "float noise does not add a step");
    }

    #[test]
    fn cloud_run_capacity_is_bounded_by_cpu() {
        // 1 vCPU at a 60 % CPU target holds 0.6 ÷ 0.5 = 1.2 requests that each use half a vCPU,
        // far below 60 % of 80 = 48.
        let r = rates();
        let s = Scenario::default();
        assert_eq!(cloud_run_vcpu(&s, &r), 1.0);
        assert!((cloud_run_capacity(&s, &r, 1.0) - 1.2).abs() < 1e-12);
        let io = Scenario { cpu_fraction: 0.01, ..s.clone() };
        assert_eq!(cloud_run_capacity(&io, &r, 1.0), 48.0);
        let one = Scenario { cloud_run_concurrency: 1, ..s };
        assert_eq!(cloud_run_capacity(&one, &r, 0.5), 1.0);
    }

    #[test]
    fn cloud_run_goes_below_one_vcpu_only_at_concurrency_one() {
        let r = rates();
        let one = Scenario { cloud_run_concurrency: 1, ..Scenario::default() };
        assert_eq!(cloud_run_vcpu(&one, &r), 0.5);
        assert_eq!(cloud_run_vcpu(&Scenario { cpu_fraction: 0.01, memory_mb: 256.0, ..one.clone() }, &r), 0.08);
        // 768 MiB needs 0.5 vCPU; 2 GiB needs a whole vCPU; instance-based billing never goes below 1.
        assert_eq!(cloud_run_vcpu(&Scenario { cpu_fraction: 0.1, memory_mb: 768.0, ..one.clone() }, &r), 0.5);
        assert_eq!(cloud_run_vcpu(&Scenario { memory_mb: 2048.0, ..one.clone() }, &r), 1.0);
        let instance = Scenario { cloud_run_billing: CloudRunBilling::Instance, ..one };
        assert_eq!(cloud_run_vcpu(&instance, &r), 1.0);
        assert_eq!(cloud_run_vcpu(&Scenario { memory_mb: 8192.0, ..Scenario::default() }, &r), 2.0);
        assert_eq!(cloud_run_vcpu(&Scenario { memory_mb: 10_000.0, ..Scenario::default() }, &r), 4.0);
    }

    #[test]
    fn flex_concurrency_defaults_follow_the_instance_size() {
        // learn.microsoft.com, Concurrency in Azure Functions, HTTP trigger concurrency.
        let r = rates();
        let at = |mb: f64, runtime: &str| {
            flex_concurrency(&Scenario { memory_mb: mb, runtime: runtime.into(), ..Scenario::default() }, &r)
        };
        assert_eq!(at(512.0, "nodejs22"), 4);
        assert_eq!(at(1024.0, "nodejs22"), 16);
        assert_eq!(at(4096.0, "java21"), 32);
        assert_eq!(at(2048.0, "python312"), 1);
        assert_eq!(flex_concurrency(&Scenario { azure_flex_concurrency: Some(7), ..Scenario::default() }, &r), 7);
    }

    #[test]
    fn busy_instances_is_the_expected_ceiling() {
        // E[⌈X/k⌉] for X ~ Poisson(m): one slot bills every request; light load ≈ P(X ≥ 1).
        assert_eq!(busy_instances(0.761, 1.0), 0.761);
        let light = busy_instances(0.05, 80.0);
        assert!((light - (1.0 - (-0.05f64).exp())).abs() < 1e-9, "{light}");
        // k = 2, m = 1: Σ P(x)·⌈x/2⌉ = (0.3679 + 0.1839) + 2·(0.0613 + 0.0153) + 3·(0.0031 + 0.0005)
        // + … = 0.7162.
        assert!((busy_instances(1.0, 2.0) - 0.7162).abs() < 1e-4, "{}", busy_instances(1.0, 2.0));
        // Heavy load: load ÷ k plus less than one partly filled instance, rising with the load.
        let mut last = 0.0;
        for m in [10.0, 100.0, 1_999.0, 2_001.0, 1e6] {
            let b = busy_instances(m, 48.0);
            assert!(b >= last && b >= m / 48.0 && b <= m / 48.0 + 1.0, "{m}: {b}");
            last = b;
        }
    }

    #[test]
    fn sparse_flex_traffic_bills_the_minimum_per_request() {
        // One request every 100 s, 200 ms each: each is its own period, billed 1 s.
        let a = Activity { min_s: 1.0, step_s: 0.1 };
        let per_s = billed_activity(0.01, 0.2, 16.0, a);
        assert!((per_s / 0.01 - 1.0).abs() < 0.01, "{per_s}");
        // Dense traffic keeps the instance active: billed ≈ busy instances.
        let dense = billed_activity(100.0, 0.2, 16.0, a);
        assert!((dense - busy_instances(20.0, 16.0)).abs() < 1e-6, "{dense}");
    }
}
