//! A tally over the simulated horizon → the month's report: counts scaled by month ÷ horizon,
//! time-averages left as they are, the busiest simulated day as the per-minute series.

use super::params::SimParams;
use super::{ColdStartReport, DaySeries, SECONDS_PER_WEEK, Tally};
use crate::core::scenario::SECONDS_PER_MONTH;
use crate::core::traffic::{MINUTES_PER_DAY, MINUTES_PER_WEEK};

pub fn build(p: &SimParams, method: &str, t: Tally) -> ColdStartReport {
    let h = t.horizon_s.max(1e-9);
    // Scale by expected requests, not time: a month's horizon holds whole weekdays, not 730/168 × 5.
    let expected = |secs: f64| -> f64 {
        let full = (secs / 60.0) as usize;
        let whole: f64 = (0..full).map(|m| p.rates[m % MINUTES_PER_WEEK] * 60.0).sum();
        whole + p.rates[full % MINUTES_PER_WEEK] * (secs - full as f64 * 60.0)
    };
    let in_horizon = expected(h);
    let month: f64 = p.rates.iter().sum::<f64>() * 60.0 * SECONDS_PER_MONTH / SECONDS_PER_WEEK;
    let scale = if in_horizon > 0.0 { month / in_horizon } else { SECONDS_PER_MONTH / h };
    let avg_instances = t.env_seconds / h;
    let mean_init = if t.cold_starts > 0.0 { t.init_ms_sum / t.cold_starts } else { p.cold.mean() };
    let avg_busy = (t.busy_seconds / h).min(avg_instances);
    // One database connection per environment; RDS Proxy multiplexes them onto its pool.
    let peak_db = match p.db_cap {
        Some(cap) => t.peak_envs.min(cap as f64),
        None => t.peak_envs,
    };
    ColdStartReport {
        target: Some(p.target),
        method: method.to_string(),
        requests: t.requests * scale,
        cold_starts: t.cold_starts * scale,
        cold_start_fraction: ratio(t.cold_starts, t.served),
        mean_init_ms: mean_init,
        mean_billed_init_ms: (mean_init - p.cold.unbilled_ms).max(0.0),
        latency_ms: t.hist.percentiles(),
        latency_histogram: t.hist.chart(),
        avg_instances,
        avg_busy_instances: avg_busy,
        avg_idle_instances: avg_instances - avg_busy,
        peak_instances: t.peak_envs,
        capacity_per_instance: p.capacity,
        avg_billed_activity: t.billed_activity_s / h,
        avg_billed_activity_permanent: t.billed_activity_permanent_s / h,
        permanent_share: ratio(t.served_permanent, t.served),
        throttled_fraction: ratio(t.throttled, t.requests),
        peak_db_connections: peak_db,
        series: busiest_day(&t),
        keep_warm_cold_starts: t.ping_cold_starts * scale,
        simulated_s: t.horizon_s,
        notes: p.note.iter().cloned().collect(),
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { (a / b).clamp(0.0, 1.0) } else { 0.0 }
}

/// The simulated day (from midnight) with the most requests; 1,440 points each.
fn busiest_day(t: &Tally) -> DaySeries {
    let days = (t.minute_requests.len() / MINUTES_PER_DAY).max(1);
    let total = |d: usize| -> f64 { day_slice(&t.minute_requests, d).iter().sum() };
    let best = (0..days).max_by(|&a, &b| total(a).total_cmp(&total(b))).unwrap_or(0);
    DaySeries {
        requests: day_slice(&t.minute_requests, best),
        cold_starts: day_slice(&t.minute_cold, best),
        environments: day_slice(&t.minute_envs, best),
    }
}

fn day_slice(v: &[f64], day: usize) -> Vec<f64> {
    let mut out: Vec<f64> = v.iter().skip(day * MINUTES_PER_DAY).take(MINUTES_PER_DAY).copied().collect();
    out.resize(MINUTES_PER_DAY, 0.0);
    out
}
