//! Google Cloud Run, request-based billing: vCPU-s and GiB-s while an instance has a request in
//! flight (100 ms steps), a fee per request, and idle minimum instances.

use super::Usage;
use super::bill::{Bill, gib, minutes, num, rate};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};

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

/// vCPUs of one instance: the fewest Cloud Run allows for the memory, one per
/// `cloud_run.gib_per_vcpu` GiB, at least 1, and an even count above 2 (1, 2, 4, 6, 8).
fn vcpus(gib: f64, gib_per_vcpu: f64) -> f64 {
    let v = (gib / gib_per_vcpu).ceil().max(1.0);
    if v > 2.0 && v % 2.0 != 0.0 { v + 1.0 } else { v }
}

/// Billable instance-seconds from the simulation, or a closed form: per hour of the week with
/// L = rate × billed duration requests in flight on average, busy instances ≈ L/c + (1 − e^(−L))·(1 − 1/c).
/// Sparse traffic (L ≪ 1) bills every request alone (≈ L); dense traffic packs c requests per
/// instance (≈ L/c) plus one partly filled instance.
fn busy_instance_s(u: &Usage, billed_s: f64) -> f64 {
    if let Some(sim) = u.sim {
        return if sim.cloud_run_busy_instance_s.is_finite() { sim.cloud_run_busy_instance_s.max(0.0) } else { 0.0 };
    }
    let c = f64::from(u.s.cloud_run_concurrency.max(1));
    let secs = u.seconds_per_weight();
    u.weights
        .iter()
        .map(|w| {
            let load = u.rate * w * billed_s;
            (load / c + (1.0 - (-load).exp()) * (1.0 - 1.0 / c)) * secs
        })
        .sum()
}

pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (s, r, n) = (u.s, u.r, u.requests);
    let gib = s.memory_mb / 1024.0;
    let cpu = vcpus(gib, r.cloud_run_gib_per_vcpu);
    let step = r.cloud_run_rounding_ms;
    let billed_s = (s.duration_ms / step).ceil() * step / 1000.0;
    let busy = busy_instance_s(u, billed_s);
    let idle = (f64::from(s.cloud_run_min_instances) * SECONDS_PER_MONTH - busy).max(0.0);
    let free = |x: f64| if s.free_tier { x } else { 0.0 };

    // Free vCPU-s / GiB-s first cover active time, what is left covers idle min-instance time.
    let charge = |amount: f64, free_amount: f64| ((amount - free_amount).max(0.0), (free_amount - amount).max(0.0));
    let (vcpu_s, free_left) = charge(busy * cpu, free(r.cloud_run_free_vcpu_s));
    let (idle_vcpu_s, _) = charge(idle * cpu, free_left);
    let (gib_s, free_left_gib) = charge(busy * gib, free(r.cloud_run_free_gib_s));
    let (idle_gib_s, _) = charge(idle * gib, free_left_gib);
    let method = if u.sim.is_some() { "simulated" } else { "estimated" };
    bill.add("CPU (active)", vcpu_s * r.cloud_run_vcpu_s, || {
        format!(
            "{} busy instance-s ({method}, concurrency {}) × {} vCPU = {} vCPU-s billable × {}",
            num(busy),
            s.cloud_run_concurrency,
            num(cpu),
            num(vcpu_s),
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
    }
}
