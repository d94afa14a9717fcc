#![cfg(not(target_arch = "wasm32"))]
//! Traffic totals, simulation invariants, analytic limits and agreement with SimFaaS and between engines.

use crossover::core::catalog::Rates;
use crossover::core::coldstart::{
    self, ColdStartReport, RUNTIMES, SimTarget, is_known_runtime, simulate, simulate_exact, simulate_fluid,
};
use crossover::core::scenario::{DurationDistribution, HOURS_PER_MONTH, SECONDS_PER_MONTH, Scenario, TrafficShape};
use crossover::core::traffic;

#[path = "common/rates.rs"]
mod rates;
use rates::builtin;

/// A 730-hour month holds 730/168 weeks.
const WEEKS_PER_MONTH: f64 = 730.0 / 168.0;

fn shaped(shape: TrafficShape) -> Scenario {
    Scenario {
        traffic_shape: shape,
        custom_profile: if shape == TrafficShape::Custom {
            (0..168).map(|h| (h % 24) as f64).collect()
        } else {
            Vec::new()
        },
        ..Scenario::default()
    }
}

const SHAPES: [TrafficShape; 6] = [
    TrafficShape::Steady,
    TrafficShape::Diurnal,
    TrafficShape::BusinessHours,
    TrafficShape::Spiky,
    TrafficShape::Cron,
    TrafficShape::Custom,
];

#[test]
fn every_shape_keeps_the_monthly_total() {
    for shape in SHAPES {
        let s = shaped(shape);
        let month: f64 = traffic::minute_rates(&s).iter().sum::<f64>() * 60.0 * WEEKS_PER_MONTH;
        assert!((month / s.requests_per_month - 1.0).abs() < 1e-9, "{shape:?}: {month}");
        let h = traffic::hourly_weights(&s);
        assert_eq!(h.len(), 168);
        assert!((h.iter().sum::<f64>() / 168.0 - 1.0).abs() < 1e-9, "{shape:?}");
    }
}

#[test]
fn simulated_requests_match_the_month_for_every_shape() {
    // 50k/month runs the exact engine over the whole month: sampled total within 1.5 % (Poisson ±0.45 %).
    for shape in SHAPES {
        let s = Scenario { requests_per_month: 50_000.0, ..shaped(shape) };
        let r = simulate(&s, builtin(), SimTarget::AwsLambda);
        assert_eq!(r.method, "exact");
        assert!((r.requests / 50_000.0 - 1.0).abs() < 0.015, "{shape:?}: {}", r.requests);
    }
}

#[test]
fn deterministic_for_a_seed() {
    for rpm in [1e5, 3e6, 1e9] {
        let s = Scenario { requests_per_month: rpm, ..Scenario::default() };
        assert_eq!(simulate(&s, builtin(), SimTarget::AwsLambda), simulate(&s, builtin(), SimTarget::AwsLambda));
        let other = Scenario { seed: 7, ..s.clone() };
        assert_ne!(
            simulate(&s, builtin(), SimTarget::AwsLambda).latency_ms,
            simulate(&other, builtin(), SimTarget::AwsLambda).latency_ms
        );
    }
}

fn sane(r: &ColdStartReport, what: &str) {
    assert!((0.0..=1.0).contains(&r.cold_start_fraction), "{what}: {r:?}");
    assert!((0.0..=1.0).contains(&r.throttled_fraction), "{what}");
    let l = &r.latency_ms;
    assert!(l.p50 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.p999, "{what}: {l:?}");
    assert!(r.avg_busy_instances <= r.avg_instances + 1e-9, "{what}");
    assert!(r.avg_instances <= r.peak_instances + 1e-9, "{what}");
    assert!(r.avg_idle_instances >= -1e-9, "{what}");
    assert_eq!(r.series.requests.len(), 1_440, "{what}");
    assert!(r.requests.is_finite() && r.cold_starts <= r.requests + 1e-6, "{what}");
}

#[test]
fn extremes_do_not_panic() {
    let base = Scenario::default();
    let cases = [
        ("zero", Scenario { requests_per_month: 0.0, ..base.clone() }),
        ("1e12", Scenario { requests_per_month: 1e12, ..base.clone() }),
        ("1ms", Scenario { duration_ms: 1.0, ..base.clone() }),
        ("900s", Scenario { duration_ms: 900_000.0, requests_per_month: 1e6, ..base.clone() }),
        ("900s big", Scenario { duration_ms: 900_000.0, requests_per_month: 1e10, ..base.clone() }),
        ("10GB", Scenario { memory_mb: 10_240.0, package_mb: 10_240.0, ..base.clone() }),
        ("unknown runtime", Scenario { runtime: "cobol".into(), ..base.clone() }),
        ("cron huge batch", Scenario { requests_per_month: 4e5, cron_batch: 1_000_000, ..shaped(TrafficShape::Cron) }),
        ("keep-warm", Scenario { keep_warm_every_min: 5, keep_warm_count: 3, ..base.clone() }),
        ("provisioned", Scenario { provisioned_concurrency: 5, requests_per_month: 1e5, ..base.clone() }),
    ];
    for (what, s) in cases {
        for target in SimTarget::ALL {
            sane(&simulate(&s, builtin(), target), what);
        }
    }
    let r = simulate(&Scenario { runtime: "cobol".into(), ..base }, builtin(), SimTarget::AwsLambda);
    assert!(!r.notes.is_empty());
}

#[test]
fn served_plus_throttled_is_arrivals() {
    // Spikes of ≈ 2.2 requests in flight against a quota of 2 concurrent executions.
    let s = Scenario {
        requests_per_month: 400_000.0,
        concurrency_quota: 2,
        duration_ms: 2_000.0,
        ..shaped(TrafficShape::Spiky)
    };
    let r = simulate(&s, builtin(), SimTarget::AwsLambda);
    assert!(r.throttled_fraction > 0.0);
    let served = r.requests * (1.0 - r.throttled_fraction);
    let cold_share = r.cold_starts / served;
    assert!((cold_share - r.cold_start_fraction).abs() < 1e-9);
}

#[test]
fn runtimes_are_listed_and_known() {
    assert_eq!(RUNTIMES.len(), 14);
    assert!(RUNTIMES.iter().all(|(id, _)| is_known_runtime(id)));
    assert!(!is_known_runtime("cobol"));
    for (id, _) in RUNTIMES {
        let s = Scenario { runtime: id.to_string(), requests_per_month: 1e4, ..Scenario::default() };
        let r = simulate(&s, builtin(), SimTarget::AwsLambda);
        assert!(r.mean_init_ms > 100.0 && r.notes.is_empty(), "{id}: {}", r.mean_init_ms);
    }
}

/// SimFaaS's README workload at λ = 0.9/s (as `examples/simfaas.rs` and `./dev bench` run it): exponential
/// service 1.991 s warm, cold = 253 ms init + warm (SimFaaS's 2.244 s mean), instances kept 600 s, no quota.
fn simfaas_readme() -> Scenario {
    Scenario {
        requests_per_month: 0.9 * SECONDS_PER_MONTH,
        duration_ms: 1_991.0,
        duration_distribution: DurationDistribution::Exponential,
        init_ms_override: Some(253.0),
        keep_alive_s: Some(600.0),
        keep_alive_max_s: Some(600.0),
        concurrency_quota: 1_000_000,
        ..Scenario::default()
    }
}

/// SimFaaS README: λ = 0.9/s, warm service 1.991 s, cold 2.244 s (exponential), threshold 600 s, 10⁶ s:
/// P(cold) ≈ 0.0013 (README figure, its own noise ≈ ±10 %), average server count ≈ 7.7.
/// Here cold service = init_ms_override 253 ms + an exponential warm service: the same mean 2.244 s.
#[test]
fn agrees_with_simfaas() {
    let s = Scenario { keep_alive_max_s: None, ..simfaas_readme() };
    let r = simulate_exact(&s, builtin(), SimTarget::AwsLambda, 1e6);
    eprintln!("SimFaaS check: cold {:.5} instances {:.3}", r.cold_start_fraction, r.avg_instances);
    assert!((r.cold_start_fraction / 0.0013 - 1.0).abs() < 0.10, "{}", r.cold_start_fraction);
    assert!((r.avg_instances / 7.7 - 1.0).abs() < 0.05, "{}", r.avg_instances);
}

#[test]
fn hourly_requests_with_ten_minute_keep_alive_are_all_cold() {
    let s = Scenario {
        // One request an hour of the 730-hour month.
        requests_per_month: HOURS_PER_MONTH,
        cron_every_min: 60,
        keep_alive_s: Some(600.0),
        ..shaped(TrafficShape::Cron)
    };
    let r = simulate(&s, builtin(), SimTarget::AwsLambda);
    assert_eq!(r.cold_start_fraction, 1.0);
    assert!((r.requests - HOURS_PER_MONTH).abs() < 30.0);
}

#[test]
fn steady_heavy_traffic_is_almost_never_cold() {
    for (rpm, max_cold) in [(1e6, 3e-3), (1e8, 1e-4), (1e10, 1e-5)] {
        let s = Scenario { requests_per_month: rpm, keep_alive_s: Some(600.0), ..Scenario::default() };
        let r = simulate(&s, builtin(), SimTarget::AwsLambda);
        assert!(r.cold_start_fraction < max_cold, "{rpm}: {}", r.cold_start_fraction);
    }
}

/// `crossover eval` of SimFaaS's README workload (the input of `./dev bench` step 4, λ = 0.9/s over the
/// app's 730-hour month) runs the scalable engine for a week and must equal SimFaaS 0.2.2:
/// `target/simfaas-venv/bin/python scripts/simfaas_run.py 0.9 1000000 SEED` for SEED = 1…5 gave
/// P(cold) 0.0013890, 0.0013672, 0.0013074, 0.0013731, 0.0013266 (mean 0.0013527, sd 0.0000342) and
/// average instances 7.7034, 7.7040, 7.7006, 7.6988, 7.6723 (mean 7.6958, sd 0.0133). Equal = inside
/// mean ± 3 sd. (The stationary M/M/∞ running-maximum model gives 7.692 and 0.00133 by matrix exponential.)
#[test]
fn fluid_eval_equals_simfaas() {
    let s = simfaas_readme();
    let r = simulate(&s, builtin(), SimTarget::AwsLambda);
    assert_eq!(r.method, "fluid_week");
    let within = |x: f64, mean: f64, sd: f64| (x - mean).abs() <= 3.0 * sd;
    assert!(within(r.cold_start_fraction, 0.001_352_7, 0.000_034_2), "P(cold) {}", r.cold_start_fraction);
    assert!(within(r.avg_instances, 7.695_8, 0.013_3), "instances {}", r.avg_instances);
}

/// The scalable engine against the exact one on volumes both can run (one week each).
/// Tolerance: cold fraction within a factor 1.5 (±50 %), average environments within 25 %,
/// busy environments within 5 % (Little's law is exact in expectation).
#[test]
fn scalable_agrees_with_exact() {
    let week = 7.0 * 86_400.0;
    let base = Scenario { requests_per_month: 2e6, ..Scenario::default() };
    let cases = [
        ("steady", base.clone(), SimTarget::AwsLambda),
        ("diurnal", Scenario { requests_per_month: 3e6, ..shaped(TrafficShape::Diurnal) }, SimTarget::AwsLambda),
        ("slow", Scenario { duration_ms: 3_000.0, ..base.clone() }, SimTarget::AwsLambda),
        ("business", Scenario { requests_per_month: 1e6, ..shaped(TrafficShape::BusinessHours) }, SimTarget::AwsLambda),
        // I/O-bound: 12 requests per instance (60 % CPU of 1 vCPU ÷ 0.05 CPU share).
        ("cloud run", Scenario { duration_ms: 1_000.0, cpu_fraction: 0.05, ..base.clone() }, SimTarget::CloudRun),
        // One request per instance and a 15-minute idle life: 30 s steps in the scalable engine.
        (
            "cloud run c=1",
            Scenario { cloud_run_concurrency: 1, requests_per_month: 3e6, ..shaped(TrafficShape::Diurnal) },
            SimTarget::CloudRun,
        ),
        // Azure: several requests per instance (cpu_fraction 0.25 → 4) and a short idle life, so that the
        // week has enough cold starts to compare.
        (
            "azure",
            Scenario { cpu_fraction: 0.25, keep_alive_s: Some(60.0), ..base.clone() },
            SimTarget::AzureConsumption,
        ),
        (
            "workers",
            Scenario { memory_mb: 128.0, keep_alive_s: Some(60.0), ..base.clone() },
            SimTarget::CloudflareWorkers,
        ),
        // Flex: a short idle life too, for the same reason.
        (
            "azure flex",
            Scenario { duration_ms: 1_000.0, keep_alive_s: Some(60.0), ..base.clone() },
            SimTarget::AzureFlex,
        ),
    ];
    for (what, s, target) in cases {
        let e = simulate_exact(&s, builtin(), target, week);
        let f = simulate_fluid(&s, builtin(), target, week);
        let (mut ce, mut cf) = (e.cold_start_fraction, f.cold_start_fraction);
        // A week with only a few cold starts (Azure's: ~10) is a Poisson count whose own spread (±30 %)
        // would fill the ±50 % band: pool seeds until each engine counts ~100, a ±10 % spread. (One cold
        // start is the week's first request, which both engines count alike.)
        let weekly = ce * e.requests * week / SECONDS_PER_MONTH;
        if (1.5..50.0).contains(&weekly) {
            let seeds = (100.0 / weekly.max(1.0)).ceil().min(10.0) as u64;
            let pooled = |run: fn(&Scenario, &Rates, SimTarget, f64) -> ColdStartReport| {
                (0..seeds)
                    .map(|k| {
                        run(&Scenario { seed: s.seed + k, ..s.clone() }, builtin(), target, week).cold_start_fraction
                    })
                    .sum::<f64>()
                    / seeds as f64
            };
            (ce, cf) = (pooled(simulate_exact), pooled(simulate_fluid));
        }
        eprintln!(
            "{what}: cold {ce:.5} vs {cf:.5}, envs {:.2} vs {:.2}, busy {:.3} vs {:.3}, peak {} vs {}",
            e.avg_instances,
            f.avg_instances,
            e.avg_busy_instances,
            f.avg_busy_instances,
            e.peak_instances,
            f.peak_instances
        );
        assert!(cf <= ce * 1.5 && cf >= ce / 1.5, "{what}: cold {ce} vs {cf}");
        assert!((f.avg_instances / e.avg_instances - 1.0).abs() < 0.25, "{what}: envs");
        assert!((f.avg_busy_instances / e.avg_busy_instances - 1.0).abs() < 0.05, "{what}: busy");
        let (be, bf) = (e.avg_billed_activity, f.avg_billed_activity);
        assert!((bf - be).abs() <= 0.1 * be.max(1e-9), "{what}: billed activity {be} vs {bf}");
    }
    // CPU-bound Cloud Run: 1.2 requests per instance on average. The exact engine gives each instance
    // one or two whole slots (one in five takes two); the scalable one uses E[⌈X ÷ 1.2⌉]. The two
    // readings of "1.2 per instance" differ by a few per cent at this load.
    let s = Scenario { duration_ms: 1_000.0, ..base };
    let (e, f) = (
        simulate_exact(&s, builtin(), SimTarget::CloudRun, week),
        simulate_fluid(&s, builtin(), SimTarget::CloudRun, week),
    );
    assert!((f.avg_busy_instances / e.avg_busy_instances - 1.0).abs() < 0.08, "{e:?} vs {f:?}");
}

#[test]
fn method_switches_with_volume() {
    let method = |rpm: f64| {
        simulate(&Scenario { requests_per_month: rpm, ..Scenario::default() }, builtin(), SimTarget::AwsLambda).method
    };
    assert_eq!(method(5e4), "exact");
    assert_eq!(method(1e5), "exact_week");
    assert_eq!(method(2e5), "exact_week");
    assert_eq!(method(3e5), "fluid_week");
    assert_eq!(method(1e6), "fluid_week");
    assert_eq!(method(1e8), "fluid_week");
    let _ = coldstart::EXACT_MONTH_MAX;
}
