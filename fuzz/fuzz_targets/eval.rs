//! Any bytes → `from_json`; a valid scenario → `eval::assess`, which must hold the core's invariants:
//! finite non-negative costs, fractions in [0, 1], ordered percentiles, and the same answer twice.
#![no_main]

use crossover::core::catalog::Catalog;
use crossover::core::{eval, scenario};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(s) = scenario::from_json(text) else { return };
    let cat = Catalog::builtin();
    let a = eval::assess(&s, &cat);
    for p in &a.platforms {
        assert!(p.monthly_usd.is_finite() && p.monthly_usd >= 0.0, "{:?} costs {}", p.id, p.monthly_usd);
        assert!(p.breakdown.iter().all(|i| i.usd.is_finite()), "{:?}: {:?}", p.id, p.breakdown);
    }
    let c = &a.coldstart;
    for (name, v) in [
        ("requests", c.requests),
        ("cold_starts", c.cold_starts),
        ("mean_init_ms", c.mean_init_ms),
        ("avg_instances", c.avg_instances),
        ("peak_instances", c.peak_instances),
        ("keep_warm_cold_starts", c.keep_warm_cold_starts),
    ] {
        assert!(v.is_finite() && v >= 0.0, "coldstart.{name} = {v}");
    }
    assert!((0.0..=1.0).contains(&c.cold_start_fraction), "cold fraction {}", c.cold_start_fraction);
    assert!((0.0..=1.0).contains(&c.throttled_fraction), "throttled fraction {}", c.throttled_fraction);
    let l = &c.latency_ms;
    let p = [l.p50, l.p95, l.p99, l.p999];
    assert!(p.iter().all(|v| v.is_finite() && *v >= 0.0) && p.windows(2).all(|w| w[0] <= w[1]), "percentiles {p:?}");
    assert!(eval::assess(&s, &cat) == a, "two assessments differ");
});
