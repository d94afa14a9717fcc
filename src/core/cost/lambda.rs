//! AWS Lambda: requests (large asynchronous events count several), tiered GB-s duration billed per
//! whole ms, provisioned concurrency, ephemeral storage, billed INIT of cold starts and keep-warm pings.

use super::bill::{Bill, num, rate, size_kb, tiered};
use super::limits::{Limit, LimitKind};
use super::{Usage, front_door};
use crate::core::catalog::Rates;
use crate::core::coldstart::analytic;
use crate::core::scenario::{Arch, HOURS_PER_MONTH, Invocation, SECONDS_PER_MONTH, Scenario};
use crate::core::select::larger;

/// The first limit the workload breaks on Lambda: GPUs, timeout, memory, payload, then the front door.
pub(super) fn limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    if s.needs_gpu {
        return Some(Limit::hard(LimitKind::Gpu, "needs_gpu: Lambda offers no GPUs".into()));
    }
    timeout_limit(s, r, "")
        .or_else(|| {
            (s.memory_mb > r.lambda_max_memory_mb).then(|| {
                Limit::hard(
                    LimitKind::Memory,
                    format!(
                        "memory {} MB exceeds Lambda's {} MB maximum",
                        num(s.memory_mb),
                        num(r.lambda_max_memory_mb)
                    ),
                )
            })
        })
        .or_else(|| sync_payload_limit(s, r))
        .or_else(|| {
            (s.invocation == Invocation::Async && s.payload_kb > r.lambda_max_async_payload_kb).then(|| {
                Limit::hard(
                    LimitKind::Payload,
                    format!(
                        "payload {} KB exceeds Lambda's asynchronous payload limit of {} KB ({})",
                        num(s.payload_kb),
                        num(r.lambda_max_async_payload_kb),
                        size_kb(r.lambda_max_async_payload_kb)
                    ),
                )
            })
        })
        .or_else(|| front_door::limits(s, r))
}

/// Lambda's maximum timeout, which Managed Instances keep (`note` ends the message).
pub(super) fn timeout_limit(s: &Scenario, r: &Rates, note: &str) -> Option<Limit> {
    (s.duration_ms > r.lambda_max_duration_s * 1000.0).then(|| {
        Limit::hard(
            LimitKind::Duration,
            format!(
                "duration {} s exceeds Lambda's {} s maximum timeout{note}",
                num(s.duration_ms / 1000.0),
                num(r.lambda_max_duration_s)
            ),
        )
    })
}

/// Lambda's synchronous payload limit, which Managed Instances keep.
pub(super) fn sync_payload_limit(s: &Scenario, r: &Rates) -> Option<Limit> {
    (s.invocation == Invocation::Sync && s.payload_kb > r.lambda_max_sync_payload_kb).then(|| {
        Limit::hard(
            LimitKind::Payload,
            format!(
                "payload {} KB exceeds Lambda's synchronous payload limit of {} KB ({})",
                num(s.payload_kb),
                num(r.lambda_max_sync_payload_kb),
                size_kb(r.lambda_max_sync_payload_kb)
            ),
        )
    })
}

/// Requests billed per invocation. An asynchronous event is one request for its first 256 KB and one
/// more per further 64 KB chunk, up to the 1 MB limit (aws.amazon.com/lambda/pricing).
fn billed_per_invocation(s: &Scenario, r: &Rates) -> f64 {
    match s.invocation {
        Invocation::Sync => 1.0,
        Invocation::Async => {
            let beyond = (s.payload_kb.min(r.lambda_max_async_payload_kb) - r.lambda_async_first_kb).max(0.0);
            1.0 + (beyond / r.lambda_async_chunk_kb - 1e-9).ceil().max(0.0)
        }
    }
}

/// (on-demand duration tiers, PC price, PC duration price) for the architecture.
fn arch_prices(u: &Usage) -> ([(f64, f64); 3], f64, f64) {
    let r = u.r;
    match u.s.arch {
        Arch::X86_64 => (
            [
                (0.0, r.lambda_duration_x86_t1),
                (r.lambda_tier_x86_t2_from, r.lambda_duration_x86_t2),
                (r.lambda_tier_x86_t3_from, r.lambda_duration_x86_t3),
            ],
            r.lambda_pc_x86,
            r.lambda_pc_duration_x86,
        ),
        Arch::Arm64 => (
            [
                (0.0, r.lambda_duration_arm_t1),
                (r.lambda_tier_arm_t2_from, r.lambda_duration_arm_t2),
                (r.lambda_tier_arm_t3_from, r.lambda_duration_arm_t3),
            ],
            r.lambda_pc_arm,
            r.lambda_pc_duration_arm,
        ),
    }
}

/// Lambda's own charges, then its HTTP entry (`front_door`).
pub(super) fn price(u: &Usage, bill: &mut Bill) {
    function_price(u, bill);
    front_door::price(u, bill);
}

fn function_price(u: &Usage, bill: &mut Bill) {
    let (s, r) = (u.s, u.r);
    let n = u.requests;
    // Billed per whole millisecond since Dec 2020: round each request up.
    let billed_s = s.duration_ms.ceil() / 1000.0;
    let gb = u.memory_gb;
    let (tiers, pc_price, pc_duration_price) = arch_prices(u);

    let per_invocation = billed_per_invocation(s, r);
    let free_req = if s.free_tier { r.lambda_free_requests } else { 0.0 };
    let billable_req = larger(n * per_invocation - free_req, 0.0);
    bill.add("Requests", billable_req / 1e6 * r.lambda_requests, || {
        let chunks = if per_invocation > 1.0 {
            format!(
                " ({} async events × {}: first {} KB + {} KB chunks of a {} KB event)",
                num(n),
                num(per_invocation),
                num(r.lambda_async_first_kb),
                num(r.lambda_async_chunk_kb),
                num(s.payload_kb)
            )
        } else {
            String::new()
        };
        let free = if s.free_tier { format!(" after {} free", num(free_req)) } else { String::new() };
        format!("{} req{chunks}{free} × {}/1M", num(billable_req), rate(r.lambda_requests))
    });

    // PC serves the share of requests its capacity covers: capacity ÷ mean concurrency needed.
    let pc = f64::from(s.provisioned_concurrency);
    let pc_share = analytic::provisioned_share(s.provisioned_concurrency, u.rate, billed_s);
    let total_gbs = n * billed_s * gb;
    // Savings Plans cover duration and provisioned concurrency (`hidden::commitment`): PC all month,
    // duration at the quietest hour's rate.
    let (mut pc_fee, mut duration_usd) = (0.0, 0.0);
    if pc > 0.0 {
        let pc_gbs = pc * gb * SECONDS_PER_MONTH;
        pc_fee = pc_gbs * pc_price;
        bill.add("Provisioned concurrency", pc_gbs * pc_price, || {
            format!(
                "{pc} env × {} GB × {} s ({} h) = {} GB-s × {}",
                num(gb),
                num(SECONDS_PER_MONTH),
                num(HOURS_PER_MONTH),
                num(pc_gbs),
                rate(pc_price)
            )
        });
        let served = total_gbs * pc_share;
        duration_usd += served * pc_duration_price;
        bill.add("Duration on provisioned concurrency", served * pc_duration_price, || {
            format!("{}% of requests: {} GB-s × {}", num(pc_share * 100.0), num(served), rate(pc_duration_price))
        });
    }

    let od_gbs = total_gbs * (1.0 - pc_share);
    let (cold, init_ms) = cold_starts(u, pc_share);
    let init_gbs = cold * init_ms / 1000.0 * gb;
    // The free tier and the volume tiers apply to all on-demand GB-s, INIT included; the cost is
    // split between the two lines in proportion to their GB-s.
    let free_gbs = if s.free_tier { r.lambda_free_gb_s } else { 0.0 };
    let all_gbs = od_gbs + init_gbs;
    let cost = tiered(larger(all_gbs - free_gbs, 0.0), &tiers);
    let share = |part: f64| {
        if all_gbs > 0.0 { cost * part / all_gbs } else { 0.0 }
    };
    let tier_note = || {
        let free = if s.free_tier { format!(", {} GB-s free shared with INIT", num(free_gbs)) } else { String::new() };
        format!("{} (tiered above {} GB-s{free})", rate(tiers[0].1), num(tiers[1].0))
    };
    bill.add("Duration (on demand)", share(od_gbs), || {
        format!(
            "{} req × {} ms × {} GB = {} GB-s × {}",
            num(n * (1.0 - pc_share)),
            num(billed_s * 1000.0),
            num(gb),
            num(od_gbs),
            tier_note()
        )
    });
    duration_usd += share(od_gbs) + share(init_gbs);
    let method = if u.sim.is_some() { "simulated" } else { "estimated" };
    bill.add("INIT of cold starts", share(init_gbs), || {
        format!(
            "{} cold starts ({method}) × {} ms billed Init Duration (runtime + own init code; placement and VPC not billed) × {} GB = {} GB-s × {}",
            num(cold),
            num(init_ms),
            num(gb),
            num(init_gbs),
            tier_note()
        )
    });

    let trough = u.trough_weight();
    bill.commit(pc_fee / u.hours() + duration_usd / u.hours() * trough, pc_fee + duration_usd, || {
        let pc = if pc_fee > 0.0 { "provisioned concurrency + " } else { "" };
        format!("{pc}duration at the quietest hour's {}% of the mean rate", num(trough * 100.0))
    });

    let extra_gb = (s.ephemeral_storage_mb - r.lambda_ephemeral_free_mb).max(0.0) / 1024.0;
    if extra_gb > 0.0 {
        let gbs = extra_gb * n * billed_s;
        bill.add("Ephemeral storage", gbs * r.lambda_ephemeral, || {
            format!(
                "{} GB above {} MB × {} s = {} GB-s × {}",
                num(extra_gb),
                num(r.lambda_ephemeral_free_mb),
                num(n * billed_s),
                num(gbs),
                rate(r.lambda_ephemeral)
            )
        });
    }

    if s.keep_warm_every_min > 0 && s.keep_warm_count > 0 {
        // Each ping is a request billed for 1 ms (the handler returns at once), at list price.
        let pings = f64::from(s.keep_warm_count) * SECONDS_PER_MONTH / 60.0 / f64::from(s.keep_warm_every_min);
        let usd = pings / 1e6 * r.lambda_requests + pings * 0.001 * gb * tiers[0].1;
        bill.add("Keep-warm pings", usd, || {
            format!(
                "{} pings × ({}/1M + 1 ms × {} GB × {})",
                num(pings),
                rate(r.lambda_requests),
                num(gb),
                rate(tiers[0].1)
            )
        });
    }
}

/// (cold starts per month, mean billed INIT ms): the simulation's when given, else the analytic estimate.
fn cold_starts(u: &Usage, pc_share: f64) -> (f64, f64) {
    if let Some(sim) = u.sim {
        let finite = |x: f64| if x.is_finite() { larger(x, 0.0) } else { 0.0 };
        return (finite(sim.lambda_cold_starts), finite(sim.lambda_mean_init_ms));
    }
    let a = u.analytic();
    (
        analytic::cold_starts_with(
            u.s,
            &a,
            u.distinct,
            (u.weight_rises(), u.weights.len()),
            u.requests,
            u.duration_s,
            pc_share,
        ),
        a.billed_init_ms,
    )
}
