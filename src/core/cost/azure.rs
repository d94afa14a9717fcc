//! Azure Functions: the Consumption plan (legacy on Linux) and the Flex Consumption plan (on demand and
//! always ready).

use super::Usage;
use super::bill::{Bill, minutes, num, rate};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::coldstart::capacity::{self, Activity};
use crate::core::scenario::{HOURS_PER_MONTH, SECONDS_PER_MONTH, Scenario};

fn gpu(s: &Scenario) -> Option<Limit> {
    s.needs_gpu
        .then(|| Limit::hard(LimitKind::Gpu, "needs_gpu: Azure Functions (serverless plans) offers no GPUs".into()))
}

pub(super) fn consumption_limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    gpu(s).or_else(|| {
        if s.memory_mb > r.azure_consumption_max_memory_mb {
            Some(Limit::hard(
                LimitKind::Memory,
                format!(
                    "memory {} MB exceeds Azure Consumption's {} MB maximum",
                    num(s.memory_mb),
                    num(r.azure_consumption_max_memory_mb)
                ),
            ))
        } else if s.duration_ms > r.azure_consumption_max_duration_s * 1000.0 {
            Some(Limit::hard(
                LimitKind::Duration,
                format!(
                    "duration {} s exceeds Azure Consumption's {} s ({}) maximum timeout",
                    num(s.duration_ms / 1000.0),
                    num(r.azure_consumption_max_duration_s),
                    minutes(r.azure_consumption_max_duration_s)
                ),
            ))
        } else {
            None
        }
    })
}

/// Consumption: each execution's memory rounded up to the next 128 MB and its time to the next ms,
/// at least 100 ms and 128 MB (the pricing page's meter note: "The minimum execution time and memory
/// for a single function execution is 100 ms and 128 mb respectively"). The Linux Consumption plan
/// is legacy: it retires on 30 September 2028 (learn.microsoft.com, Consumption plan hosting).
pub(super) fn consumption_price(u: &Usage, bill: &mut Bill) {
    let (s, r, n) = (u.s, u.r, u.requests);
    let step = r.azure_consumption_memory_step_mb;
    let metered_mb = ((s.memory_mb / step).ceil() * step).max(r.azure_consumption_min_memory_mb);
    let gb = metered_mb / 1024.0;
    let billed_ms = s.duration_ms.ceil().max(r.azure_consumption_min_billed_ms);
    let gbs = n * billed_ms / 1000.0 * gb;
    let (free_gbs, free_exec) =
        if s.free_tier { (r.azure_consumption_free_gb_s, r.azure_consumption_free_exec) } else { (0.0, 0.0) };
    let billable_gbs = (gbs - free_gbs).max(0.0);
    bill.add("Execution time", billable_gbs * r.azure_consumption_gb_s, || {
        format!(
            "{} exec × {} ms (min {} ms) × {} GB ({} MB rounded up to {} MB steps, min {} MB) = {} GB-s{} × {}; Linux plan legacy, retiring 2028-09-30",
            num(n),
            num(billed_ms),
            num(r.azure_consumption_min_billed_ms),
            num(gb),
            num(s.memory_mb),
            num(step),
            num(r.azure_consumption_min_memory_mb),
            num(gbs),
            if s.free_tier { format!(" − {} free", num(free_gbs)) } else { String::new() },
            rate(r.azure_consumption_gb_s)
        )
    });
    let exec = (n - free_exec).max(0.0);
    bill.add("Executions", exec / 1e6 * r.azure_consumption_exec, || {
        format!("{} executions × {}/1M", num(exec), rate(r.azure_consumption_exec))
    });
}

/// Flex enforces no timeout, but guarantees an execution only for its scale-in grace period: a longer run
/// is priced and feasible, yet not one to rely on.
pub(super) fn flex_limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    gpu(s).or_else(|| {
        if s.memory_mb > r.azure_flex_memory_large_mb {
            Some(Limit::hard(
                LimitKind::Memory,
                format!(
                    "memory {} MB exceeds the largest Flex Consumption instance ({} MB)",
                    num(s.memory_mb),
                    num(r.azure_flex_memory_large_mb)
                ),
            ))
        } else if s.duration_ms > r.azure_flex_guaranteed_duration_s * 1000.0 {
            Some(Limit::unguaranteed(
                LimitKind::Duration,
                format!(
                    "duration {} s is past the {} s Flex Consumption guarantees an execution",
                    num(s.duration_ms / 1000.0),
                    num(r.azure_flex_guaranteed_duration_s)
                ),
            ))
        } else {
            None
        }
    })
}

/// What the Flex instances were billed for, instance-seconds over the month.
struct FlexActivity {
    on_demand_s: f64,
    always_ready_s: f64,
    /// Share of executions the always-ready instances served.
    always_ready_share: f64,
    method: &'static str,
}

/// From the simulation when given, otherwise per hour of the week (`capacity::billed_activity`):
/// always-ready instances take executions first, up to their concurrency; on-demand instances the rest.
fn flex_activity(u: &Usage, concurrency: f64, a: Activity) -> FlexActivity {
    let finite = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
    if let Some(sim) = u.sim {
        return FlexActivity {
            on_demand_s: finite(sim.flex_on_demand_active_s),
            always_ready_s: finite(sim.flex_always_ready_active_s),
            always_ready_share: finite(sim.flex_always_ready_share).min(1.0),
            method: "simulated",
        };
    }
    let ready = f64::from(u.s.azure_always_ready);
    let share = |rate: f64| {
        let load = rate * u.duration_s;
        if load > 0.0 { (ready * concurrency / load).min(1.0) } else { 0.0 }
    };
    let busy = u.ceiling(concurrency);
    if ready == 0.0 {
        // No always-ready instance: every execution is on demand (the sums below with a share of 0).
        let on_demand_s = u.monthly(|rate| capacity::billed_activity_in(&busy, rate, u.duration_s, a));
        return FlexActivity { on_demand_s, always_ready_s: 0.0, always_ready_share: 0.0, method: "estimated" };
    }
    let always_ready_s =
        u.monthly(|rate| capacity::billed_activity_in(&busy, rate * share(rate), u.duration_s, a).min(ready));
    let on_demand_s =
        u.monthly(|rate| capacity::billed_activity_in(&busy, rate * (1.0 - share(rate)), u.duration_s, a));
    let ready_requests = if ready > 0.0 { u.monthly(|rate| rate * share(rate)) } else { 0.0 };
    let always_ready_share = if u.requests > 0.0 { (ready_requests / u.requests).min(1.0) } else { 0.0 };
    FlexActivity { on_demand_s, always_ready_s, always_ready_share, method: "estimated" }
}

/// Flex Consumption is billed per instance, not per execution (learn.microsoft.com, Flex Consumption
/// plan, Billing; "Estimating consumption-based costs"): the instance's memory (the smallest of
/// 512 / 2,048 / 4,096 MB that holds `memory_mb`) for the time each instance is actively executing,
/// concurrent executions sharing it, each activity period billed at least 1,000 ms and then in 100 ms
/// steps; plus a fee per execution. Always-ready instances are billed a baseline all month, and a lower
/// rate while they execute; the free grant applies to on-demand use only.
pub(super) fn flex_price(u: &Usage, bill: &mut Bill) {
    let (s, r, n) = (u.s, u.r, u.requests);
    let instance_mb = capacity::flex_instance_mb(s, r);
    let gb = instance_mb / 1024.0;
    let concurrency = capacity::flex_concurrency(s, r);
    let cores = capacity::flex_cores(s, r);
    let a = Activity { min_s: r.azure_flex_min_billed_ms / 1000.0, step_s: r.azure_flex_rounding_ms / 1000.0 };
    let mut act = flex_activity(u, f64::from(concurrency), a);
    // An instance does at most its cores of CPU work per second: concurrent executions that need more
    // CPU than that keep it active longer.
    let work_s = n * u.duration_s * s.cpu_fraction / cores;
    let floor_od = work_s * (1.0 - act.always_ready_share);
    let raised = act.on_demand_s < floor_od;
    act.on_demand_s = act.on_demand_s.max(floor_od);
    act.always_ready_s = act.always_ready_s.max(work_s * act.always_ready_share);
    let rule = || {
        format!(
            "{} GB instance with {} cores, {concurrency} executions per instance; each activity period ≥ {} ms, then {} ms steps{}",
            num(gb),
            num(cores),
            num(r.azure_flex_min_billed_ms),
            num(r.azure_flex_rounding_ms),
            if raised { "; raised to the CPU work ÷ cores" } else { "" }
        )
    };

    let ready = f64::from(s.azure_always_ready);
    if ready > 0.0 {
        let baseline_gbs = ready * gb * SECONDS_PER_MONTH;
        bill.add("Always-ready baseline", baseline_gbs * r.azure_flex_ar_baseline_gb_s, || {
            format!(
                "{ready} instances × {} GB × {} s ({} h) = {} GB-s × {}",
                num(gb),
                num(SECONDS_PER_MONTH),
                num(HOURS_PER_MONTH),
                num(baseline_gbs),
                rate(r.azure_flex_ar_baseline_gb_s)
            )
        });
        let served = n * act.always_ready_share;
        let active_gbs = act.always_ready_s * gb;
        let usd = active_gbs * r.azure_flex_ar_exec_gb_s + served / 1e6 * r.azure_flex_ar_exec;
        bill.add("Always-ready executions", usd, || {
            format!(
                "{} instance-s active ({}; {}) = {} GB-s × {} + {} executions × {}/1M",
                num(act.always_ready_s),
                act.method,
                rule(),
                num(active_gbs),
                rate(r.azure_flex_ar_exec_gb_s),
                num(served),
                rate(r.azure_flex_ar_exec)
            )
        });
    }

    let od = n * (1.0 - act.always_ready_share);
    let (free_gbs, free_exec) = if s.free_tier { (r.azure_flex_free_gb_s, r.azure_flex_free_exec) } else { (0.0, 0.0) };
    let od_gbs = act.on_demand_s * gb;
    let billable_gbs = (od_gbs - free_gbs).max(0.0);
    bill.add("On-demand execution time", billable_gbs * r.azure_flex_gb_s, || {
        format!(
            "{} instance-s active ({}; {}) × {} GB = {} GB-s{} × {}",
            num(act.on_demand_s),
            act.method,
            rule(),
            num(gb),
            num(od_gbs),
            if s.free_tier { format!(" − {} free", num(free_gbs)) } else { String::new() },
            rate(r.azure_flex_gb_s)
        )
    });
    let exec = (od - free_exec).max(0.0);
    bill.add("On-demand executions", exec / 1e6 * r.azure_flex_exec, || {
        format!("{} executions × {}/1M", num(exec), rate(r.azure_flex_exec))
    });
}
