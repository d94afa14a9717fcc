//! Cloudflare Workers, Standard usage model: a monthly base with requests and CPU-ms included.
//! Only CPU time is billed: the share of the duration spent waiting on I/O is free.

use super::Usage;
use super::bill::{Bill, minutes, num, rate};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::coldstart::data::ColdData;
use crate::core::coldstart::init;
use crate::core::scenario::Scenario;

pub(super) fn limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    if s.needs_gpu {
        return Some(Limit::hard(LimitKind::Gpu, "needs_gpu: Workers offers no GPUs".into()));
    }
    if !ColdData::shared().workers_runs(init::family(&s.runtime)) {
        return Some(Limit::hard(
            LimitKind::Runtime,
            format!(
                "runtime {}: Workers runs JavaScript, Python and WebAssembly in V8 isolates, not a JVM, .NET or \
                 Ruby runtime",
                s.runtime
            ),
        ));
    }
    if s.memory_mb > r.workers_max_memory_mb {
        return Some(Limit::hard(
            LimitKind::Memory,
            format!(
                "memory {} MB exceeds the Workers isolate limit of {} MB",
                num(s.memory_mb),
                num(r.workers_max_memory_mb)
            ),
        ));
    }
    let cpu_ms = s.duration_ms * s.cpu_fraction;
    if cpu_ms > r.workers_max_cpu_ms {
        return Some(Limit::hard(
            LimitKind::CpuTime,
            format!(
                "{} CPU-ms per request exceeds the Workers limit of {} CPU-ms ({})",
                num(cpu_ms),
                num(r.workers_max_cpu_ms),
                minutes(r.workers_max_cpu_ms / 1000.0)
            ),
        ));
    }
    None
}

/// The allowances belong to the paid plan, so they apply whatever `free_tier` says.
pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (s, r, n) = (u.s, u.r, u.requests);
    bill.add("Workers Paid base", r.workers_base, || {
        format!(
            "{} per month, includes {} req and {} CPU-ms",
            rate(r.workers_base),
            num(r.workers_included_requests),
            num(r.workers_included_cpu_ms)
        )
    });
    let extra_req = (n - r.workers_included_requests).max(0.0);
    bill.add("Requests", extra_req / 1e6 * r.workers_requests, || {
        format!("{} req above included × {}/1M", num(extra_req), rate(r.workers_requests))
    });
    let cpu_ms_per_req = s.duration_ms * s.cpu_fraction;
    let cpu_ms = n * cpu_ms_per_req;
    let extra_cpu = (cpu_ms - r.workers_included_cpu_ms).max(0.0);
    bill.add("CPU time", extra_cpu / 1e6 * r.workers_cpu_ms, || {
        format!(
            "{} req × {} ms × {} CPU share = {} CPU-ms; {} above included × {}/1M CPU-ms",
            num(n),
            num(s.duration_ms),
            num(s.cpu_fraction),
            num(cpu_ms),
            num(extra_cpu),
            rate(r.workers_cpu_ms)
        )
    });
}
