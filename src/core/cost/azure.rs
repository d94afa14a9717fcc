//! Azure Functions: the Consumption plan and the Flex Consumption plan (on demand and always ready).

use super::Usage;
use super::bill::{Bill, minutes, num, rate};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};

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

/// Consumption: memory metered rounded up to the next 128 MB step, duration per whole ms (the
/// facts file gives no minimum, so none is applied).
pub(super) fn consumption_price(u: &Usage, bill: &mut Bill) {
    let (s, r, n) = (u.s, u.r, u.requests);
    let step = r.azure_consumption_memory_step_mb;
    let metered_mb = (s.memory_mb / step).ceil() * step;
    let gb = metered_mb / 1024.0;
    let billed_s = s.duration_ms.ceil() / 1000.0;
    let gbs = n * billed_s * gb;
    let (free_gbs, free_exec) =
        if s.free_tier { (r.azure_consumption_free_gb_s, r.azure_consumption_free_exec) } else { (0.0, 0.0) };
    let billable_gbs = (gbs - free_gbs).max(0.0);
    bill.add("Execution time", billable_gbs * r.azure_consumption_gb_s, || {
        format!(
            "{} req × {} ms × {} GB ({} MB rounded up to {} MB) = {} GB-s{} × {}",
            num(n),
            num(billed_s * 1000.0),
            num(gb),
            num(s.memory_mb),
            num(metered_mb),
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

/// Flex: billed on the instance memory (the smallest of 512 / 2,048 / 4,096 MB that holds
/// `memory_mb`), each execution at least 1,000 ms then in 100 ms steps, counted per execution
/// (concurrent executions on one instance are not merged: an upper bound). Always-ready
/// instances are billed a baseline all month and serve, like Lambda PC, the share of executions
/// their count covers of the mean concurrency; the rest runs on demand (free grant applies there).
pub(super) fn flex_price(u: &Usage, bill: &mut Bill) {
    let (s, r, n) = (u.s, u.r, u.requests);
    let instance_mb = [r.azure_flex_memory_small_mb, r.azure_flex_memory_default_mb, r.azure_flex_memory_large_mb]
        .into_iter()
        .find(|&m| m >= s.memory_mb)
        .unwrap_or(r.azure_flex_memory_large_mb);
    let gb = instance_mb / 1024.0;
    let step = r.azure_flex_rounding_ms;
    let billed_ms = ((s.duration_ms / step).ceil() * step).max(r.azure_flex_min_billed_ms);
    let gbs_per_exec = gb * billed_ms / 1000.0;

    let ready = f64::from(s.azure_always_ready);
    let needed = u.rate * billed_ms / 1000.0;
    let served_share = if ready <= 0.0 {
        0.0
    } else if needed <= ready {
        1.0
    } else {
        ready / needed
    };
    if ready > 0.0 {
        let baseline_gbs = ready * gb * SECONDS_PER_MONTH;
        bill.add("Always-ready baseline", baseline_gbs * r.azure_flex_ar_baseline_gb_s, || {
            format!(
                "{ready} inst × {} GB × 2,592,000 s = {} GB-s × {}",
                num(gb),
                num(baseline_gbs),
                rate(r.azure_flex_ar_baseline_gb_s)
            )
        });
        let served = n * served_share;
        let usd = served * gbs_per_exec * r.azure_flex_ar_exec_gb_s + served / 1e6 * r.azure_flex_ar_exec;
        bill.add("Always-ready executions", usd, || {
            format!(
                "{} exec × {} ms × {} GB × {} + {}/1M",
                num(served),
                num(billed_ms),
                num(gb),
                rate(r.azure_flex_ar_exec_gb_s),
                rate(r.azure_flex_ar_exec)
            )
        });
    }

    let od = n * (1.0 - served_share);
    let (free_gbs, free_exec) = if s.free_tier { (r.azure_flex_free_gb_s, r.azure_flex_free_exec) } else { (0.0, 0.0) };
    let od_gbs = od * gbs_per_exec;
    let billable_gbs = (od_gbs - free_gbs).max(0.0);
    bill.add("On-demand execution time", billable_gbs * r.azure_flex_gb_s, || {
        format!(
            "{} exec × {} ms (min {} ms, {} ms steps) × {} GB instance = {} GB-s{} × {}",
            num(od),
            num(billed_ms),
            num(r.azure_flex_min_billed_ms),
            num(step),
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
