//! The invariants every assessment of a valid scenario holds, in one place: the property tests and the
//! `eval` fuzz target both check them.

use super::eval::Assessment;
use super::keys;
use super::scenario::Scenario;

/// The invariants every assessment of a valid scenario holds.
pub fn check(s: &Scenario, a: &Assessment) -> Result<(), String> {
    let fail = |what: String| Err(format!("{what} for {:?}", keys::to_pairs(s)));
    for p in &a.platforms {
        if !(p.monthly_usd.is_finite() && p.monthly_usd >= 0.0) {
            return fail(format!("{:?} costs {}", p.id, p.monthly_usd));
        }
        if let Some(item) = p.breakdown.iter().find(|i| !i.usd.is_finite()) {
            return fail(format!("{:?} line item {} is {}", p.id, item.item, item.usd));
        }
    }
    let c = &a.coldstart;
    for (name, v) in [
        ("requests", c.requests),
        ("cold_starts", c.cold_starts),
        ("mean_init_ms", c.mean_init_ms),
        ("avg_instances", c.avg_instances),
        ("avg_busy_instances", c.avg_busy_instances),
        ("avg_idle_instances", c.avg_idle_instances),
        ("peak_instances", c.peak_instances),
        ("peak_db_connections", c.peak_db_connections),
        ("keep_warm_cold_starts", c.keep_warm_cold_starts),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return fail(format!("coldstart.{name} = {v}"));
        }
    }
    if !(0.0..=1.0).contains(&c.cold_start_fraction) {
        return fail(format!("cold_start_fraction = {}", c.cold_start_fraction));
    }
    if !(0.0..=1.0).contains(&c.throttled_fraction) {
        return fail(format!("throttled_fraction = {}", c.throttled_fraction));
    }
    let l = &c.latency_ms;
    let ordered = [l.p50, l.p95, l.p99, l.p999];
    if ordered.iter().any(|v| !v.is_finite() || *v < 0.0) || ordered.windows(2).any(|w| w[0] > w[1]) {
        return fail(format!("latency percentiles {ordered:?}"));
    }
    let series = c.series.requests.iter().chain(&c.series.cold_starts).chain(&c.series.environments);
    if series.chain(c.latency_histogram.iter().flat_map(|(a, b)| [a, b])).any(|v| !v.is_finite()) {
        return fail("a non-finite point in the series or histogram".into());
    }
    Ok(())
}
