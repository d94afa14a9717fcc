//! Lambda Managed Instances: Lambda functions on EC2 instances Lambda runs in your account.
//! Billed as the EC2 instance price, plus a management fee of 15 % of the instance's on-demand
//! price, plus $0.20 per million requests; no duration charge. One execution environment serves
//! several requests at once (the documented default per vCPU: Node.js 64, Python 16, Java 32,
//! .NET 32). Environments have at least 2 GB and 1 vCPU, memory and vCPUs in a fixed ratio (2 GiB
//! per vCPU by default). Lambda keeps three instances by default for availability-zone resiliency
//! and scales asynchronously on CPU use, never to zero.
//!
//! Sizing, per slot of the week at λ requests/s and duration d: L = λ·d requests are in flight;
//! environments = the larger of L ÷ (concurrency per environment) and the CPU work L × cpu_fraction
//! ÷ (vCPUs × target utilisation); instances = environments ÷ environments per instance, at least
//! the minimum. Fractional instances average the scaling within a slot, as the container model does.

use super::bill::{Bill, num, rate};
use super::hidden::{HiddenRates, Load};
use super::limits::{Limit, LimitKind};
use super::{Usage, containers, front_door, lambda};
use crate::core::catalog::Rates;
use crate::core::coldstart::Provisioned;
use crate::core::scenario::{Arch, Scenario};
use crate::core::select::larger;

/// Runtimes Lambda Managed Instances supports (Java 21+, Python 3.13+, Node.js 22+, .NET 8+), by
/// the catalogue's runtime ids, with their default concurrency per vCPU.
pub fn concurrency_per_vcpu(runtime: &str, r: &HiddenRates) -> Option<f64> {
    match runtime {
        "nodejs22" | "nodejs24" => Some(r.lmi_concurrency_nodejs),
        "python313" => Some(r.lmi_concurrency_python),
        // SnapStart does not apply on Managed Instances; the runtime is plain Java 21.
        "java21" | "java21_snapstart" => Some(r.lmi_concurrency_java),
        "dotnet8" => Some(r.lmi_concurrency_dotnet),
        _ => None,
    }
}

/// The instance types Lambda may launch for this scenario: the catalogue's EC2 types of its architecture,
/// burstable ones (t3, t4g) left out: Managed Instances scale on sustained CPU use, which a burstable
/// type's baseline does not give.
fn candidates<'r>(
    s: &Scenario,
    all: &'r [containers::Instance],
) -> impl Iterator<Item = &'r containers::Instance> + use<'r> {
    let arch = s.arch;
    all.iter().filter(move |i| launchable(arch, i))
}

/// Whether Lambda may launch the type for a function of `arch` (`candidates`).
fn launchable(arch: Arch, i: &containers::Instance) -> bool {
    i.arch == arch && i.burst.is_none()
}

/// The candidates that hold an environment, with how many each holds: what `cheapest_fit_in` needs of the
/// instance types, which does not depend on the volume (a cost curve keeps one, `Usage::managed_fits`).
pub(super) struct Fits {
    /// The distinct environments-per-instance counts, in the order the candidates first have them.
    per_instance: Vec<f64>,
    /// Each candidate that holds one (in candidate order): its index in the instance types and its count's
    /// index in `per_instance`.
    types: Vec<(usize, usize)>,
}

impl Fits {
    pub(super) fn of(s: &Scenario, all: &[containers::Instance], env: Environment) -> Fits {
        let mut fits = Fits { per_instance: Vec::new(), types: Vec::new() };
        for (k, i) in all.iter().enumerate().filter(|(_, i)| launchable(s.arch, i)) {
            let Some(n) = envs_per_instance(env, Instance { vcpu: i.vcpu, gib: i.gib, hourly: i.hourly }) else {
                continue;
            };
            let at = fits.per_instance.iter().position(|&m| m == n).unwrap_or_else(|| {
                fits.per_instance.push(n);
                fits.per_instance.len() - 1
            });
            fits.types.push((k, at));
        }
        fits
    }
}

/// The candidate whose month costs least (the first of equals), with its charge: `charge` of each in turn,
/// among `fits`. The month's fleet depends on the instance type only through how many environments it
/// holds, which few distinct counts cover, so each count's fleet is sized once and priced at each type's
/// rate.
fn cheapest_fit_in<'a>(
    fits: &Fits,
    s: &Scenario,
    r: &Rates,
    all: &'a [containers::Instance],
    load: &Load,
    requests: f64,
    env: Environment,
) -> Option<(ManagedCharge, &'a containers::Instance)> {
    let h = &r.hidden;
    let envs = environments(load, env, s.target_utilization);
    let fleets: Vec<ManagedFleet> = fits.per_instance.iter().map(|&n| fleet(load, &envs, env, n, h)).collect();
    fits.types
        .iter()
        // The instances' charge decides (`priced`); the whole charge is made for the winner only.
        .map(|&(k, at)| (fleets[at].instance_hours * all[k].hourly, at, &all[k]))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, at, i)| (priced(fleets[at], requests, Instance { vcpu: i.vcpu, gib: i.gib, hourly: i.hourly }, h), i))
}

/// Whether one execution environment fits on the instance type.
fn fits(env: Environment, i: &containers::Instance) -> bool {
    i.vcpu >= env.vcpu && i.gib >= env.gib
}

/// The first limit the workload breaks on Lambda Managed Instances: the Lambda limits that still apply
/// (timeout, synchronous payload), the supported runtimes, the largest environment, and an instance
/// type in the catalogue that holds one environment.
pub(super) fn limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    let h = &r.hidden;
    if s.needs_gpu {
        return Some(Limit::hard(LimitKind::Gpu, "needs_gpu: the catalogue holds no GPU instance types".into()));
    }
    if concurrency_per_vcpu(&s.runtime, h).is_none() {
        return Some(Limit::hard(
            LimitKind::Runtime,
            format!(
                "runtime `{}` is not supported by Lambda Managed Instances (Java 21+, Python 3.13+, Node.js 22+, .NET 8+)",
                s.runtime
            ),
        ));
    }
    if let Some(timeout) = lambda::timeout_limit(s, r, ", Managed Instances included") {
        return Some(timeout);
    }
    if s.memory_mb > h.lmi_max_memory_mb {
        return Some(Limit::hard(
            LimitKind::Memory,
            format!(
                "memory {} MB exceeds the Lambda Managed Instances maximum of {} MB",
                num(s.memory_mb),
                num(h.lmi_max_memory_mb)
            ),
        ));
    }
    if let Some(payload) = lambda::sync_payload_limit(s, r) {
        return Some(payload);
    }
    let env = environment(s.memory_mb, 1.0, h);
    (!candidates(s, &containers::instances(r)).any(|i| fits(env, i))).then(|| {
        Limit::hard(
            LimitKind::Memory,
            format!(
                "a {} vCPU / {} GiB execution environment fits no {:?} instance type in the catalogue",
                num(env.vcpu),
                num(env.gib),
                s.arch
            ),
        )
    })
}

/// The instances (the cheapest catalogue type for the month), the management fee and the requests.
/// An unsupported runtime is still priced, for reference, at the lowest documented concurrency.
pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (s, r, h) = (u.s, u.r, u.h);
    let conc = concurrency_per_vcpu(&s.runtime, h).unwrap_or(h.lmi_concurrency_python);
    let env = environment(s.memory_mb, conc, h);
    let load = u.load();
    let all = u.instances();
    let fits = u.managed_fits(|| Fits::of(s, all, env));
    let best = cheapest_fit_in(fits, s, r, all, &load, u.requests, env);
    if let Some((c, i)) = &best {
        let f = c.fleet;
        bill.add("EC2 instances (managed)", c.instances_usd, || {
            format!(
                "{} × {} (cheapest fit; mean {}, peak {}, at least {}) = {} instance-h × {}/h; {} environments \
                 of {} vCPU / {} GiB per instance, {} requests each",
                i.name,
                num(f.instance_hours / u.hours()),
                num(f.instance_hours / u.hours()),
                num(f.peak_instances),
                num(h.lmi_min_instances),
                num(f.instance_hours),
                rate(i.hourly),
                num(f.envs_per_instance),
                num(env.vcpu),
                num(env.gib),
                num(env.concurrency)
            )
        });
        bill.add("Management fee", c.management_fee_usd, || {
            format!("{}% of the instances' on-demand price", num(h.lmi_management_fee * 100.0))
        });
        u.flag(bill, &["lmi.management_fee"]);
        // Savings Plans cover the instances, not the fee.
        bill.commit(f.trough_instances * i.hourly, c.instances_usd, || {
            format!("{} × {} in the quietest hour", num(f.trough_instances), i.name)
        });
    }
    let requests_usd = best.as_ref().map_or(u.requests / 1e6 * h.lmi_requests, |(c, _)| c.requests_usd);
    bill.add("Requests", requests_usd, || format!("{} req × {}/1M", num(u.requests), rate(h.lmi_requests)));
    front_door::price(u, bill);
}

/// The fleet the latency simulation queues on: the instance type the bill picks (the cheapest fit for the
/// month), as units of its vCPUs, sized per request/s as the bill sizes it, never below the minimum.
pub fn provisioned(u: &Usage) -> Option<Provisioned> {
    let (s, r, h) = (u.s, u.r, u.h);
    if limits(s, r).is_some() {
        return None;
    }
    let conc = concurrency_per_vcpu(&s.runtime, h)?;
    let env = environment(s.memory_mb, conc, h);
    let load = u.load();
    let all = u.instances();
    let (c, i) = cheapest_fit_in(&Fits::of(s, all, env), s, r, all, &load, u.requests, env)?;
    // Environments per request/s: the larger of the concurrency and the CPU bound (as `charge`).
    let per_rps =
        load.duration_s * (1.0 / env.concurrency).max(load.cpu_fraction / (env.vcpu * s.target_utilization.max(0.01)));
    Some(Provisioned {
        unit_vcpu: i.vcpu,
        units_per_rps: per_rps / c.fleet.envs_per_instance,
        min_units: h.lmi_min_instances,
        fixed_units: None,
    })
}

/// An EC2 instance type the capacity provider may launch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Instance {
    pub vcpu: f64,
    pub gib: f64,
    /// On-demand $ per hour.
    pub hourly: f64,
}

/// One execution environment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Environment {
    pub vcpu: f64,
    pub gib: f64,
    /// Requests it serves at once.
    pub concurrency: f64,
}

/// The environment for a function of `memory_mb`: at least the minimum size, rounded up to whole
/// vCPUs at the memory-per-vCPU ratio.
pub fn environment(memory_mb: f64, concurrency_per_vcpu: f64, r: &HiddenRates) -> Environment {
    let gib = memory_mb.max(r.lmi_min_memory_mb) / 1024.0;
    let vcpu = (gib / r.lmi_gib_per_vcpu).ceil().max(1.0);
    Environment { vcpu, gib: vcpu * r.lmi_gib_per_vcpu, concurrency: concurrency_per_vcpu * vcpu }
}

/// What runs over the month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ManagedFleet {
    pub env: Environment,
    pub envs_per_instance: f64,
    pub instance_hours: f64,
    /// Instances in the busiest and the quietest slot (the quietest is the committable baseline).
    pub peak_instances: f64,
    pub trough_instances: f64,
}

/// The month's charges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ManagedCharge {
    pub fleet: ManagedFleet,
    pub instances_usd: f64,
    pub management_fee_usd: f64,
    pub requests_usd: f64,
}

/// Sizes and prices the month; `None` when one environment does not fit on `instance`. (`cheapest_fit_in`
/// does the same for many instance types at once.)
#[cfg(test)]
pub fn charge(
    load: &Load,
    requests: f64,
    env: Environment,
    target_utilization: f64,
    instance: Instance,
    r: &HiddenRates,
) -> Option<ManagedCharge> {
    let per_instance = envs_per_instance(env, instance)?;
    let envs = environments(load, env, target_utilization);
    Some(priced(fleet(load, &envs, env, per_instance, r), requests, instance, r))
}

/// Environments one instance holds; `None` when not even one fits.
fn envs_per_instance(env: Environment, instance: Instance) -> Option<f64> {
    let per_instance = (instance.vcpu / env.vcpu).min(instance.gib / env.gib).floor();
    // NaN (bad sizes) fails the comparison too.
    (per_instance >= 1.0).then_some(per_instance)
}

/// Environments needed at each distinct weight of the week, with how many slots have it: the larger of
/// the concurrency and the CPU bound.
fn environments(load: &Load, env: Environment, target_utilization: f64) -> Vec<(f64, f64)> {
    let cpu_per_env = env.vcpu * target_utilization.max(0.01);
    load.distinct_rates()
        .map(|(rate, slots)| {
            let in_flight = rate * load.duration_s;
            (larger(in_flight / env.concurrency, in_flight * load.cpu_fraction / cpu_per_env), slots)
        })
        .collect()
}

/// The month's instances for `envs` (per slot) at `per_instance` environments each, never below the minimum.
fn fleet(load: &Load, envs: &[(f64, f64)], env: Environment, per_instance: f64, r: &HiddenRates) -> ManagedFleet {
    let mut instance_s = 0.0;
    let mut peak: f64 = 0.0;
    let mut trough = f64::INFINITY;
    for &(e, slots) in envs {
        let instances = larger(e / per_instance, r.lmi_min_instances);
        instance_s += instances * slots * load.slot_s;
        peak = larger(peak, instances);
        if instances < trough {
            trough = instances;
        }
    }
    ManagedFleet {
        env,
        envs_per_instance: per_instance,
        instance_hours: instance_s / 3600.0,
        peak_instances: peak,
        trough_instances: if trough.is_finite() { trough } else { 0.0 },
    }
}

/// The month's charges for `fleet` of `instance`.
fn priced(fleet: ManagedFleet, requests: f64, instance: Instance, r: &HiddenRates) -> ManagedCharge {
    let instances_usd = fleet.instance_hours * instance.hourly;
    let requests = if requests.is_finite() { requests.max(0.0) } else { 0.0 };
    ManagedCharge {
        fleet,
        instances_usd,
        management_fee_usd: instances_usd * r.lmi_management_fee,
        requests_usd: requests / 1e6 * r.lmi_requests,
    }
}

#[cfg(test)]
mod tests {
    use super::super::hidden::{builtin, close, steady_load as load};
    use super::*;
    use crate::core::scenario::SECONDS_PER_MONTH;

    /// m7g.large: 2 vCPU, 8 GiB, $0.0816/h (the catalogue's EC2 figure).
    const M7G_LARGE: Instance = Instance { vcpu: 2.0, gib: 8.0, hourly: 0.0816 };

    /// docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html ("the
    /// default is 64 concurrent requests per vCPU"), -best-practices.html ("minimum supported function
    /// size is 2GB and 1 vCPU"; "three instances by default"), aws.amazon.com/lambda/pricing ("15%
    /// premium on the EC2 on-demand instance price", "$0.20 per million requests").
    ///
    /// Node.js, 512 MB → a 2 GiB / 1 vCPU environment serving 64 at once. 100 req/s × 200 ms = 20 in
    /// flight: 20 ÷ 64 = 0.31 environments by concurrency, 20 × 0.5 CPU ÷ (1 vCPU × 0.6) = 16.67 by
    /// CPU. An m7g.large holds min(2 ÷ 1, 8 ÷ 2) = 2 → 8.33 instances × 730 h = 6,083.33 instance-h:
    /// × $0.0816 = $496.40, fee × 15 % = $74.46; 262.8M requests × $0.20/1M = $52.56.
    #[test]
    fn busy_function_pays_instances_fee_and_requests() {
        let r = builtin();
        let conc = concurrency_per_vcpu("nodejs22", &r).unwrap();
        let env = environment(512.0, conc, &r);
        assert_eq!(env, Environment { vcpu: 1.0, gib: 2.0, concurrency: 64.0 });
        let c = charge(&load(100.0), 100.0 * SECONDS_PER_MONTH, env, 0.6, M7G_LARGE, &r).unwrap();
        close(c.fleet.instance_hours, 25.0 / 3.0 * 730.0);
        close(c.instances_usd, 496.4);
        close(c.management_fee_usd, 74.46);
        close(c.requests_usd, 52.56);
    }

    /// A quiet function still pays for the three instances: 1 req/s needs 0.17 environments, so
    /// 3 × 730 h = 2,190 instance-h × $0.0816 = $178.704, fee $26.8056, 2.628M requests = $0.5256.
    #[test]
    fn never_below_three_instances() {
        let r = builtin();
        let env = environment(2048.0, 64.0, &r);
        let c = charge(&load(1.0), SECONDS_PER_MONTH, env, 0.6, M7G_LARGE, &r).unwrap();
        close(c.fleet.instance_hours, 2190.0);
        close(c.instances_usd, 178.704);
        close(c.management_fee_usd, 26.8056);
        close(c.requests_usd, 0.5256);
        close(c.fleet.trough_instances, 3.0);
    }

    /// Python's 16 per vCPU binds before CPU for I/O-bound work: 100 req/s × 1 s = 100 in flight at
    /// 5 % CPU → 100 ÷ 16 = 6.25 environments by concurrency, 100 × 0.05 ÷ 0.6 = 8.33 by CPU; a 3 GB
    /// function gets 2 vCPU / 4 GiB environments serving 32 → 3.125 by concurrency, 4.17 by CPU.
    #[test]
    fn environment_sizes_follow_memory() {
        let r = builtin();
        let env = environment(3072.0, concurrency_per_vcpu("python313", &r).unwrap(), &r);
        assert_eq!(env, Environment { vcpu: 2.0, gib: 4.0, concurrency: 32.0 });
        let l = Load { duration_s: 1.0, cpu_fraction: 0.05, ..load(100.0) };
        let c = charge(&l, 0.0, env, 0.6, M7G_LARGE, &r).unwrap();
        // m7g.large holds one 2-vCPU environment: 4.1667 instances all month.
        close(c.fleet.peak_instances, 100.0 * 0.05 / (2.0 * 0.6));
        // An environment larger than the instance does not fit.
        let big = environment(16_384.0, 32.0, &r);
        assert!(charge(&l, 0.0, big, 0.6, M7G_LARGE, &r).is_none());
    }

    /// `cheapest_fit_in` (one fleet per environments-per-instance count) picks the same type with the same
    /// charge, to the bit, as `charge` on every candidate in turn, across presets, sizes, arches and volumes.
    #[test]
    fn cheapest_fit_is_the_minimum_of_every_charge() {
        use crate::core::scenario::Arch;
        let cat = crate::core::catalog::Catalog::builtin();
        let r = cat.rates();
        let mut scenarios: Vec<Scenario> = crate::core::presets::all().into_iter().map(|p| p.scenario).collect();
        for (memory_mb, arch) in [(2048.0, Arch::Arm64), (3072.0, Arch::X86_64), (10_240.0, Arch::Arm64)] {
            scenarios.push(Scenario { memory_mb, arch, runtime: "python313".into(), ..Scenario::default() });
        }
        let mut compared = 0;
        for s in &scenarios {
            let weights = super::super::usage::weights(s);
            let distinct = crate::core::traffic::distinct(&weights);
            let conc = concurrency_per_vcpu(&s.runtime, &r.hidden).unwrap_or(r.hidden.lmi_concurrency_python);
            let env = environment(s.memory_mb, conc, &r.hidden);
            for requests in [0.0, 1e3, 3.7e6, 1e8, 2.5e9, 1e11] {
                let load = Load {
                    mean_rate: requests / SECONDS_PER_MONTH,
                    weights: &weights,
                    distinct: &distinct,
                    slot_s: SECONDS_PER_MONTH / weights.len() as f64,
                    duration_s: s.duration_ms / 1000.0,
                    cpu_fraction: s.cpu_fraction,
                };
                let all = containers::instances(r);
                let direct = candidates(s, &all)
                    .filter_map(|i| {
                        let it = Instance { vcpu: i.vcpu, gib: i.gib, hourly: i.hourly };
                        charge(&load, requests, env, s.target_utilization, it, &r.hidden).map(|c| (c, i.name))
                    })
                    .min_by(|a, b| (a.0.instances_usd).total_cmp(&b.0.instances_usd));
                let fast = cheapest_fit_in(&Fits::of(s, &all, env), s, r, &all, &load, requests, env)
                    .map(|(c, i)| (c, i.name));
                assert_eq!(fast, direct, "{} at {requests}", s.runtime);
                compared += usize::from(direct.is_some());
            }
        }
        assert!(compared > 20, "{compared}");
    }

    #[test]
    fn unsupported_runtimes_and_sizes_are_named() {
        let r = crate::core::catalog::Catalog::builtin().rates().clone();
        let with =
            |runtime: &str, memory_mb: f64| Scenario { runtime: runtime.into(), memory_mb, ..Scenario::default() };
        let kind = |s: &Scenario| limits(s, &r).map(|l| (l.kind, l.message));
        let (k, m) = kind(&with("nodejs20", 512.0)).unwrap();
        assert!(k == LimitKind::Runtime && m.contains("nodejs20"), "{m}");
        assert_eq!(kind(&with("go", 512.0)).unwrap().0, LimitKind::Runtime);
        // 30 GB: a 15 vCPU / 30 GiB environment on an m6i.4xlarge (16 vCPU, 64 GiB).
        assert!(kind(&with("java21", 30_720.0)).is_none());
        assert!(kind(&with("python313", 4096.0)).is_none());
        // At 0.5 GiB per vCPU the same function needs 60 vCPUs: no catalogue type holds it.
        let mut cat = crate::core::catalog::Catalog::builtin();
        cat.set_price("lmi.gib_per_vcpu", 0.5).unwrap();
        let (k, m) = limits(&with("java21", 30_720.0), cat.rates()).map(|l| (l.kind, l.message)).unwrap();
        assert!(k == LimitKind::Memory && m.contains("fits no"), "{m}");
    }
}
