//! Google Cloud Run services, under either billing setting (cloud.google.com/run/docs/configuring/
//! billing-settings): request-based (vCPU-s and GiB-s while an instance processes requests, starts or
//! shuts down, 100 ms steps, a fee per request, idle minimum instances at a lower rate) or instance-based
//! (the instance's whole lifecycle at a lower rate, no request fee). Instances are counted by
//! `coldstart::capacity`: bounded by CPU as well as by concurrency.

use super::Usage;
use super::bill::{Bill, gib, minutes, num, rate};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::coldstart::capacity;
use crate::core::scenario::{CloudRunBilling, SECONDS_PER_MONTH, Scenario};
use crate::core::select::{larger, smaller};

pub(super) fn limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    if s.needs_gpu {
        // Cloud Run has GPUs, but their price is not in the sourced catalogue.
        return Some(Limit::hard(
            LimitKind::Gpu,
            "needs_gpu: Cloud Run GPU pricing is not in the catalogue (unsourced)".into(),
        ));
    }
    if s.duration_ms > r.cloud_run_max_duration_s * 1000.0 {
        return Some(Limit::hard(
            LimitKind::Duration,
            format!(
                "duration {} s exceeds Cloud Run's {} s ({}) request timeout",
                num(s.duration_ms / 1000.0),
                num(r.cloud_run_max_duration_s),
                minutes(r.cloud_run_max_duration_s)
            ),
        ));
    }
    if s.memory_mb > r.cloud_run_max_memory_mb {
        return Some(Limit::hard(
            LimitKind::Memory,
            format!(
                "memory {} MB exceeds Cloud Run's {} MB ({}) maximum",
                num(s.memory_mb),
                num(r.cloud_run_max_memory_mb),
                gib(r.cloud_run_max_memory_mb)
            ),
        ));
    }
    None
}

/// Instance-seconds over the month: with ≥ 1 request in flight (start-up included) for request-based
/// billing, alive for instance-based billing. From the simulation, or per hour of the week:
/// - busy: `capacity::busy_instances` at load rate × billed duration, plus each instance start's
///   start-up; starts are each rise of the busy count from hour to hour plus the idle-gap starts of
///   Poisson traffic, λ·e^(−λT) per s with T the idle time instances are kept (held at its peak
///   1/(e·T) above λT = 1, as for Lambda);
/// - alive: the busy instances plus one kept idle for T after its last request,
///   max(L/k + (1 − e^(−λ(T + d)))(1 − 1/k), 1 − e^(−λ(T + d))), at least the minimum instances.
fn instance_seconds(u: &Usage, billed_s: f64, k: f64) -> (f64, &'static str) {
    let finite = |x: f64| if x.is_finite() { larger(x, 0.0) } else { 0.0 };
    if let Some(sim) = u.sim {
        let x = match u.s.cloud_run_billing {
            CloudRunBilling::Request => sim.cloud_run_busy_instance_s,
            CloudRunBilling::Instance => sim.cloud_run_instance_s,
        };
        return (finite(x), "simulated");
    }
    let a = u.analytic();
    let (keep, startup_s) = (a.cloud_run_keep_alive_s, a.cloud_run_startup_s);
    let min_instances = f64::from(u.s.cloud_run_min_instances);
    match u.s.cloud_run_billing {
        CloudRunBilling::Request => {
            let ceiling = u.ceiling(k);
            let busy = u.monthly(|rate| ceiling.mean(rate * billed_s));
            // x·e^(−x) at the clamp x = 1 is e^(−1), taken once (an exponential is software in wasm).
            let at_clamp = (-1.0f64).exp();
            let idle_starts = u.monthly(|rate| {
                let x = smaller(rate * keep, 1.0);
                if x < 1.0 { x * (-x).exp() / keep } else { at_clamp / keep }
            });
            // Each rise of the busy count from one hour to the next starts that many instances.
            let weeks = u.seconds_per_weight() / 3600.0;
            let ramps = u.rate * u.weight_rises() * billed_s / k;
            (busy + (idle_starts + ramps * weeks) * startup_s, "estimated")
        }
        CloudRunBilling::Instance => {
            let alive = u.monthly(|rate| {
                let load = rate * billed_s;
                let warm = -(-rate * (keep + billed_s)).exp_m1();
                larger(larger(load / k + warm * (1.0 - 1.0 / k), warm), min_instances)
            });
            (alive, "estimated")
        }
    }
}

pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (s, r) = (u.s, u.r);
    let gib = s.memory_mb / 1024.0;
    let cpu = capacity::cloud_run_vcpu(s, r);
    let k = capacity::cloud_run_capacity(s, r, cpu);
    let step = r.cloud_run_rounding_ms;
    let billed_s = (s.duration_ms / step).ceil() * step / 1000.0;
    let (counted, method) = instance_seconds(u, billed_s, k);
    // An instance cannot do more than its vCPUs of work per second: the CPU work is a floor.
    let work = u.requests * u.duration_s * s.cpu_fraction;
    let instance_s = larger(counted, work / cpu);
    let vcpu_s = instance_s * cpu;
    let shape = || {
        format!(
            "{method}; {} vCPU, {} requests per instance at the autoscaler's {}% CPU / {}% concurrency targets",
            num(cpu),
            num(k),
            num(r.cloud_run_cpu_target * 100.0),
            num(r.cloud_run_concurrency_target * 100.0)
        )
    };
    let floor_note = || {
        if work > counted * cpu {
            format!(
                " (raised to the CPU work: {} req × {} s × {} CPU share)",
                num(u.requests),
                num(u.duration_s),
                num(s.cpu_fraction)
            )
        } else {
            String::new()
        }
    };
    match s.cloud_run_billing {
        CloudRunBilling::Request => request_based(u, bill, instance_s, vcpu_s, gib, cpu, &shape, &floor_note),
        CloudRunBilling::Instance => {
            let free = |x: f64| if s.free_tier { x } else { 0.0 };
            let vcpu_billable = (vcpu_s - free(r.cloud_run_instance_free_vcpu_s)).max(0.0);
            let gib_s = instance_s * gib;
            let gib_billable = (gib_s - free(r.cloud_run_instance_free_gib_s)).max(0.0);
            bill.add("CPU (instance-based)", vcpu_billable * r.cloud_run_instance_vcpu_s, || {
                format!(
                    "{} instance-s alive, idle included ({}) × {} vCPU = {} vCPU-s{}{} × {}; no request fee",
                    num(instance_s),
                    shape(),
                    num(cpu),
                    num(vcpu_s),
                    floor_note(),
                    if s.free_tier {
                        format!(", {} free", num(r.cloud_run_instance_free_vcpu_s))
                    } else {
                        String::new()
                    },
                    rate(r.cloud_run_instance_vcpu_s)
                )
            });
            bill.add("Memory (instance-based)", gib_billable * r.cloud_run_instance_gib_s, || {
                format!(
                    "{} instance-s × {} GiB = {} GiB-s{} × {}",
                    num(instance_s),
                    num(gib),
                    num(gib_s),
                    if s.free_tier {
                        format!(", {} free", num(r.cloud_run_instance_free_gib_s))
                    } else {
                        String::new()
                    },
                    rate(r.cloud_run_instance_gib_s)
                )
            });
            // Compute flexible CUDs cover instance time: at least the minimum instances every hour, else
            // the quietest hour's share of the traffic.
            let eligible = vcpu_billable * r.cloud_run_instance_vcpu_s + gib_billable * r.cloud_run_instance_gib_s;
            let min_hourly = f64::from(s.cloud_run_min_instances)
                * (cpu * r.cloud_run_instance_vcpu_s + gib * r.cloud_run_instance_gib_s)
                * 3600.0;
            let trough = u.trough_weight();
            bill.commit(min_hourly.max(eligible / u.hours() * trough), eligible, || {
                format!("instance time in the quietest hour ({}% of the mean rate)", num(trough * 100.0))
            });
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn request_based(
    u: &Usage,
    bill: &mut Bill,
    busy: f64,
    vcpu_s: f64,
    gib: f64,
    cpu: f64,
    shape: &dyn Fn() -> String,
    floor_note: &dyn Fn() -> String,
) {
    let (s, r, n) = (u.s, u.r, u.requests);
    let idle = (f64::from(s.cloud_run_min_instances) * SECONDS_PER_MONTH - busy).max(0.0);
    let free = |x: f64| if s.free_tier { x } else { 0.0 };
    // Free vCPU-s / GiB-s first cover active time, what is left covers idle min-instance time.
    let charge = |amount: f64, free_amount: f64| ((amount - free_amount).max(0.0), (free_amount - amount).max(0.0));
    let (vcpu_billable, free_left) = charge(vcpu_s, free(r.cloud_run_free_vcpu_s));
    let (idle_vcpu_s, _) = charge(idle * cpu, free_left);
    let (gib_s, free_left_gib) = charge(busy * gib, free(r.cloud_run_free_gib_s));
    let (idle_gib_s, _) = charge(idle * gib, free_left_gib);
    bill.add("CPU (active)", vcpu_billable * r.cloud_run_vcpu_s, || {
        format!(
            "{} instance-s busy incl. start-up ({}) × {} vCPU = {} vCPU-s{}, {} billable × {}",
            num(busy),
            shape(),
            num(cpu),
            num(vcpu_s),
            floor_note(),
            num(vcpu_billable),
            rate(r.cloud_run_vcpu_s)
        )
    });
    bill.add("Memory (active)", gib_s * r.cloud_run_gib_s, || {
        format!(
            "{} instance-s × {} GiB = {} GiB-s billable × {}",
            num(busy),
            num(gib),
            num(gib_s),
            rate(r.cloud_run_gib_s)
        )
    });
    // Committed use discounts cover CPU and memory: the idle minimum all month, active use at the
    // quietest hour's rate.
    let active_usd = vcpu_billable * r.cloud_run_vcpu_s + gib_s * r.cloud_run_gib_s;
    let idle_usd = idle_vcpu_s * r.cloud_run_idle_vcpu_s + idle_gib_s * r.cloud_run_idle_gib_s;
    let trough = u.trough_weight();
    bill.commit((idle_usd + active_usd * trough) / u.hours(), idle_usd + active_usd, || {
        let idle = if idle_usd > 0.0 { "idle min instances + " } else { "" };
        format!("{idle}CPU and memory at the quietest hour's {}% of the mean rate", num(trough * 100.0))
    });
    let requests = (n - free(r.cloud_run_free_requests)).max(0.0);
    bill.add("Requests", requests / 1e6 * r.cloud_run_requests, || {
        format!("{} req × {}/1M", num(requests), rate(r.cloud_run_requests))
    });
    if s.cloud_run_min_instances > 0 {
        let usd = idle_vcpu_s * r.cloud_run_idle_vcpu_s + idle_gib_s * r.cloud_run_idle_gib_s;
        bill.add("Idle min instances", usd, || {
            format!(
                "{} idle instance-s: {} vCPU-s × {} + {} GiB-s × {}{}",
                num(idle),
                num(idle_vcpu_s),
                rate(r.cloud_run_idle_vcpu_s),
                num(idle_gib_s),
                rate(r.cloud_run_idle_gib_s),
                if u.unverified(&["cloud_run.idle_vcpu_s", "cloud_run.idle_gib_s"]) {
                    " (idle rates UNVERIFIED)"
                } else {
                    ""
                }
            )
        });
        u.flag(bill, &["cloud_run.idle_vcpu_s", "cloud_run.idle_gib_s"]);
    }
}
