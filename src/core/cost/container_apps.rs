//! Azure Container Apps, Consumption plan: each running replica is billed per second for the vCPU
//! and memory allocated to it — at the active rate, or at the reduced idle rate while a revision
//! with a minimum replica count above zero sits at that minimum doing nothing — plus a fee per HTTP
//! request. Each subscription gets 180,000 vCPU-s, 360,000 GiB-s and 2M requests free a month.
//! A revision scaled to zero costs nothing.
//!
//! Sizing, per slot of the week at λ requests/s and duration d, L = λ·d in flight: replicas needed
//! = the larger of L ÷ the HTTP scale rule's concurrency and the CPU work L × cpu_fraction ÷
//! (replica vCPU × target utilisation). With no minimum, a replica also stays up for the cool-down
//! after each request: it runs a share 1 − e^(−λ·cool-down) of the time when traffic is sparse.
//! At the minimum, a replica is idle unless it serves a request: each of m replicas is busy a share
//! 1 − e^(−L/m) of the time. Replicas come in 0.25 vCPU steps with 2 GiB per vCPU, up to 4 vCPU.

use super::Usage;
use super::bill::{Bill, num, rate};
use super::hidden::{HiddenRates, Load};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::scenario::{Invocation, Scenario};
use crate::core::select::larger;

/// The size of one replica.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Replica {
    pub vcpu: f64,
    pub gib: f64,
}

/// The smallest valid replica holding `memory_mb`.
pub fn replica(memory_mb: f64, r: &HiddenRates) -> Replica {
    let gib = memory_mb.max(0.0) / 1024.0;
    let vcpu = ((gib / r.aca_gib_per_vcpu / r.aca_vcpu_step).ceil() * r.aca_vcpu_step).max(r.aca_vcpu_step);
    Replica { vcpu, gib: vcpu * r.aca_gib_per_vcpu }
}

/// The first limit the workload breaks on Container Apps (Consumption): no GPU prices, the largest
/// replica, the ingress timeout of synchronous requests and the scale-in of long asynchronous runs.
pub(super) fn limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    let h = &r.hidden;
    if s.needs_gpu {
        return Some(Limit::hard(
            LimitKind::Gpu,
            "needs_gpu: Container Apps serverless GPU pricing is not in the catalogue".into(),
        ));
    }
    let rep = replica(s.memory_mb, h);
    if rep.vcpu > h.aca_max_vcpu {
        return Some(Limit::hard(
            LimitKind::Memory,
            format!(
                "memory {} MB exceeds the largest Container Apps Consumption replica ({} vCPU, {} GiB)",
                num(s.memory_mb),
                num(h.aca_max_vcpu),
                num(h.aca_max_vcpu * h.aca_gib_per_vcpu)
            ),
        ));
    }
    let seconds = s.duration_ms / 1000.0;
    match s.invocation {
        Invocation::Sync => (seconds > h.aca_max_request_s).then(|| {
            Limit::hard(
                LimitKind::Duration,
                format!(
                    "duration {} s exceeds the Container Apps ingress timeout of {} s",
                    num(seconds),
                    num(h.aca_max_request_s)
                ),
            )
        }),
        // A queue consumer's scale rule sees an empty queue once the message is taken: after the
        // cool-down the app scales in, stopping a replica still at work. Long runs belong in a
        // Container Apps job, which the catalogue does not price.
        Invocation::Async => (seconds > h.aca_cooldown_s).then(|| {
            Limit::hard(
                LimitKind::Duration,
                format!(
                    "duration {} s is past the {} s cool-down after which Container Apps scales an idle-looking \
                     queue consumer in, stopping the run (a Container Apps job is not priced here)",
                    num(seconds),
                    num(h.aca_cooldown_s)
                ),
            )
        }),
    }
}

/// Active and idle replica time, requests, after the subscription's free grant when `free_tier`.
/// Minimum replicas are `cloud_run_min_instances`, the scenario's one minimum-instances key for the
/// request-billed containers.
pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (s, h) = (u.s, u.h);
    let rep = replica(s.memory_mb, h);
    let time = replica_time(&u.load(), rep, s.cloud_run_min_instances, s.target_utilization, h);
    let c = charge(time, rep, u.requests, s.free_tier, h);
    let grant = |what: &str, amount: f64| {
        if s.free_tier { format!(" − {} {what} free", num(amount)) } else { String::new() }
    };
    bill.add("vCPU (active)", c.vcpu_active_usd, || {
        format!(
            "{} active replica-s (peak {} replicas, up to {} requests each) × {} vCPU{} × {}/vCPU-s",
            num(time.active_s),
            num(time.peak_replicas),
            num(h.aca_concurrency),
            num(rep.vcpu),
            grant("vCPU-s", h.aca_free_vcpu_s),
            rate(h.aca_vcpu_s_active)
        )
    });
    u.flag(bill, &["aca.vcpu_s_active", "aca.concurrency", "aca.cooldown_s"]);
    bill.add("Memory (active)", c.memory_active_usd, || {
        format!(
            "{} replica-s × {} GiB{} × {}/GiB-s",
            num(time.active_s),
            num(rep.gib),
            grant("GiB-s", h.aca_free_gib_s),
            rate(h.aca_gib_s_active)
        )
    });
    u.flag(bill, &["aca.gib_s_active"]);
    if s.cloud_run_min_instances > 0 {
        bill.add("Idle min replicas", c.idle_usd, || {
            format!(
                "{} idle replica-s × ({} vCPU × {} + {} GiB × {})",
                num(time.idle_s),
                num(rep.vcpu),
                rate(h.aca_vcpu_s_idle),
                num(rep.gib),
                rate(h.aca_gib_s_idle)
            )
        });
        u.flag(bill, &["aca.vcpu_s_idle", "aca.gib_s_idle"]);
    }
    bill.add("Requests", c.requests_usd, || {
        format!("{} req{} × {}/1M", num(u.requests), grant("req", h.aca_free_requests), rate(h.aca_requests))
    });
    u.flag(bill, &["aca.requests"]);
    // The savings plan covers replica time: what runs in the quietest slot, every hour.
    let per_s = |active: f64, idle: f64| {
        active * (rep.vcpu * h.aca_vcpu_s_active + rep.gib * h.aca_gib_s_active)
            + idle * (rep.vcpu * h.aca_vcpu_s_idle + rep.gib * h.aca_gib_s_idle)
    };
    let baseline = per_s(time.trough_active, time.trough_idle) * 3600.0;
    bill.commit(baseline, c.vcpu_active_usd + c.memory_active_usd + c.idle_usd, || {
        format!("{} replicas in the quietest hour", num(time.trough_replicas))
    });
}

/// Replica time over the month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicaTime {
    pub active_s: f64,
    pub idle_s: f64,
    pub peak_replicas: f64,
    /// Replicas in the quietest slot: the committable baseline; active and idle.
    pub trough_replicas: f64,
    pub trough_active: f64,
    pub trough_idle: f64,
}

pub fn replica_time(
    load: &Load,
    rep: Replica,
    min_replicas: u32,
    target_utilization: f64,
    r: &HiddenRates,
) -> ReplicaTime {
    let min = f64::from(min_replicas);
    let cpu_per_replica = rep.vcpu * target_utilization.max(0.01);
    let (mut active_s, mut idle_s, mut peak, mut trough) = (0.0, 0.0, 0.0_f64, (f64::INFINITY, 0.0, 0.0));
    for (rate, slots) in load.distinct_rates() {
        let in_flight = rate * load.duration_s;
        let need = larger(in_flight / r.aca_concurrency, in_flight * load.cpu_fraction / cpu_per_replica);
        // (A replica already busy all slot needs no cool-down term: skip the exponential.)
        let (active, idle) = if min == 0.0 {
            // Beyond 40 cool-downs between requests 1 − e^(−x) is 1 to the last bit: no exponential.
            let cooling = rate * r.aca_cooldown_s;
            (if need >= 1.0 || cooling >= 40.0 { larger(need, 1.0) } else { larger(need, 1.0 - (-cooling).exp()) }, 0.0)
        } else if need > min {
            (need, 0.0)
        } else {
            let busy = min * (1.0 - (-in_flight / min).exp());
            (busy, min - busy)
        };
        active_s += active * slots * load.slot_s;
        idle_s += idle * slots * load.slot_s;
        peak = larger(peak, active + idle);
        if active + idle < trough.0 {
            trough = (active + idle, active, idle);
        }
    }
    let (trough_replicas, trough_active, trough_idle) = if trough.0.is_finite() { trough } else { (0.0, 0.0, 0.0) };
    ReplicaTime { active_s, idle_s, peak_replicas: peak, trough_replicas, trough_active, trough_idle }
}

/// The month's charges, after the free grant when `free` (it covers active use first).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AppsCharge {
    pub time: ReplicaTime,
    pub vcpu_active_usd: f64,
    pub memory_active_usd: f64,
    pub idle_usd: f64,
    pub requests_usd: f64,
}

pub fn charge(time: ReplicaTime, rep: Replica, requests: f64, free: bool, r: &HiddenRates) -> AppsCharge {
    let grant = |x: f64| if free { x } else { 0.0 };
    // (billable, grant left over) once the grant has covered `amount`.
    let cover = |amount: f64, g: f64| ((amount - g).max(0.0), (g - amount).max(0.0));
    let (vcpu_active, vcpu_left) = cover(time.active_s * rep.vcpu, grant(r.aca_free_vcpu_s));
    let (vcpu_idle, _) = cover(time.idle_s * rep.vcpu, vcpu_left);
    let (gib_active, gib_left) = cover(time.active_s * rep.gib, grant(r.aca_free_gib_s));
    let (gib_idle, _) = cover(time.idle_s * rep.gib, gib_left);
    let requests = if requests.is_finite() { requests.max(0.0) } else { 0.0 };
    AppsCharge {
        time,
        vcpu_active_usd: vcpu_active * r.aca_vcpu_s_active,
        memory_active_usd: gib_active * r.aca_gib_s_active,
        idle_usd: vcpu_idle * r.aca_vcpu_s_idle + gib_idle * r.aca_gib_s_idle,
        requests_usd: (requests - grant(r.aca_free_requests)).max(0.0) / 1e6 * r.aca_requests,
    }
}

#[cfg(test)]
mod tests {
    use super::super::hidden::{builtin, close, steady_load as load};
    use super::*;
    use crate::core::scenario::SECONDS_PER_MONTH;

    /// learn.microsoft.com/azure/container-apps/billing (active and idle rates, free grant of
    /// 180,000 vCPU-s, 360,000 GiB-s and 2M requests) with the East US meters ($0.000024 per vCPU-s
    /// active, $0.000003 per GiB-s, $0.40 per 1M requests).
    ///
    /// 1,024 MB → a 0.5 vCPU / 1 GiB replica. 10 req/s × 200 ms = 2 in flight: 2 ÷ 10 = 0.2 replicas
    /// by concurrency, 2 × 0.5 ÷ (0.5 × 0.6) = 3.33 by CPU → 3.33 replicas × 2,628,000 s (730 h) =
    /// 8,760,000 replica-s: 4,380,000 vCPU-s × $0.000024 = $105.12, 8,760,000 GiB-s × $0.000003 =
    /// $26.28, 26.28M requests × $0.40/1M = $10.512. With the grant: (4,380,000 − 180,000) ×
    /// 0.000024 = $100.80, (8,760,000 − 360,000) × 0.000003 = $25.20, 24.28M × 0.4 = $9.712.
    #[test]
    fn active_replicas_pay_the_active_rates() {
        let r = builtin();
        let rep = replica(1024.0, &r);
        assert_eq!(rep, Replica { vcpu: 0.5, gib: 1.0 });
        let t = replica_time(&load(10.0), rep, 0, 0.6, &r);
        close(t.active_s, 8_760_000.0);
        assert_eq!(t.idle_s, 0.0);
        let c = charge(t, rep, 10.0 * SECONDS_PER_MONTH, false, &r);
        close(c.vcpu_active_usd, 105.12);
        close(c.memory_active_usd, 26.28);
        close(c.requests_usd, 10.512);
        let f = charge(t, rep, 10.0 * SECONDS_PER_MONTH, true, &r);
        close(f.vcpu_active_usd, 100.8);
        close(f.memory_active_usd, 25.2);
        close(f.requests_usd, 9.712);
    }

    /// One minimum replica with no traffic is idle all month (billing doc: idle when at the minimum,
    /// serving no request): 0.5 vCPU × 2,628,000 s × $0.000003 = $3.942 plus 1 GiB × 2,628,000 s ×
    /// $0.000003 = $7.884 → $11.826. The grant takes 180,000 vCPU-s and 360,000 GiB-s off:
    /// (1,314,000 − 180,000) × 0.000003 + (2,628,000 − 360,000) × 0.000003 = $10.206.
    #[test]
    fn an_idle_minimum_replica_pays_the_idle_rates() {
        let r = builtin();
        let rep = replica(1024.0, &r);
        let t = replica_time(&load(0.0), rep, 1, 0.6, &r);
        close(t.idle_s, SECONDS_PER_MONTH);
        close(charge(t, rep, 0.0, false, &r).idle_usd, 11.826);
        close(charge(t, rep, 0.0, true, &r).idle_usd, 10.206);
    }

    /// Scale to zero: one request every 1,000 s keeps a replica up for the 300 s cool-down after it,
    /// a share 1 − e^(−0.001 × 300) = 0.259182 of the month = 681,130 replica-s; nothing when idle.
    #[test]
    fn sparse_traffic_pays_the_cool_down() {
        let r = builtin();
        let rep = replica(512.0, &r);
        assert_eq!(rep, Replica { vcpu: 0.25, gib: 0.5 });
        let t = replica_time(&load(0.001), rep, 0, 0.6, &r);
        close(t.active_s, (1.0 - (-0.3_f64).exp()) * SECONDS_PER_MONTH);
        assert_eq!(replica_time(&load(0.0), rep, 0, 0.6, &r).active_s, 0.0);
    }

    #[test]
    fn limits_are_named() {
        let r = crate::core::catalog::Catalog::builtin().rates().clone();
        let with = |memory_mb: f64, duration_ms: f64, invocation: Invocation| {
            limits(&Scenario { memory_mb, duration_ms, invocation, ..Scenario::default() }, &r)
        };
        assert!(with(8192.0, 200.0, Invocation::Sync).is_none());
        let big = with(9000.0, 200.0, Invocation::Sync).unwrap();
        assert!(big.kind == LimitKind::Memory && big.message.contains("9,000"), "{big}");
        let slow = with(512.0, 300_000.0, Invocation::Sync).unwrap();
        assert!(slow.kind == LimitKind::Duration && slow.message.contains("240"), "{slow}");
        assert!(with(512.0, 200_000.0, Invocation::Async).is_none());
        let job = with(512.0, 2_700_000.0, Invocation::Async).unwrap();
        assert!(job.kind == LimitKind::Duration && job.message.contains("300 s cool-down"), "{job}");
    }
}
