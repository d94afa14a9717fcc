//! Timings of the core compiled to wasm32 and run in headless Chromium, for `scripts/bench.sh`.
//! Not a correctness test: it prints `BENCH <name> <median_ms> <p95_ms> <runs>` lines (console output
//! needs `--nocapture`) and the script compares them with the budgets. Run with the release profile:
//! `cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --nocapture`.
#![cfg(target_arch = "wasm32")]

use crossover::core::catalog::Catalog;
use crossover::core::coldstart::{SimTarget, simulate};
use crossover::core::cost::{self, SimUsage};
use crossover::core::scenario::{Scenario, TrafficShape};
use crossover::core::{crossover as xo, eval, presets};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// How long `f` is called before it is timed, as Criterion warms up natively (3 s there). V8 runs a wasm
/// function in its baseline compiler (Liftoff) until it has been called often enough to be recompiled by
/// its optimising one (TurboFan), in the background; timed from the second call, a bench measured that
/// switch-over (the default curves' first 14 calls took 4–16 ms, the next 0.8–0.9 ms). The app's worker goes
/// through it on load, before any input: the first scenario's curves and simulations, then the sensitivity
/// search's model evaluations. The warm-up calls are printed too (`warmup/<name>`), so the cold cost stays
/// in the report.
const WARM_UP_MS: f64 = 300.0;

fn line(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    console_log!("BENCH {name} {:.4} {:.4} {}", percentile(&ms, 0.5), percentile(&ms, 0.95), ms.len());
}

/// Calls `f` for `WARM_UP_MS` (at least once), then times `runs` calls; prints a `BENCH` line for each.
fn bench<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    let mut timed = || {
        let started = now();
        std::hint::black_box(f());
        now() - started
    };
    let mut warm_up = vec![timed()];
    while warm_up.iter().sum::<f64>() < WARM_UP_MS {
        warm_up.push(timed());
    }
    let ms = (0..runs).map(|_| timed()).collect();
    line(&format!("warmup/{name}"), warm_up);
    line(name, ms);
}

/// Lets the page breathe between benches: the test runner's driver gives up on a renderer that stays busy for
/// 30 s, which one long synchronous run did on a loaded machine.
async fn pause() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn core_timings_in_wasm() {
    let cat = Catalog::builtin();
    let mut cases = vec![("default".to_string(), Scenario::default())];
    cases.extend(presets::all().into_iter().map(|p| (p.id, p.scenario)));

    // Cost curves of every platform, 241 points, with break-evens.
    for (id, s) in &cases {
        bench(&format!("curves/{id}"), 100, || xo::curves(s, &cat, eval::CURVE_POINTS));
        pause().await;
    }

    // One simulated month at each volume, through `simulate` (the engine the app uses).
    for rpm in [1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10] {
        let s = Scenario { requests_per_month: rpm, ..Scenario::default() };
        bench(&format!("month/{rpm:e}"), 10, || simulate(&s, cat.rates(), SimTarget::AwsLambda));
        pause().await;
    }

    // Every platform's simulation for one input (`eval::simulate`, the worker's heavy half) at each volume,
    // 128 MB so that Workers is feasible too; 5e4 and 2.14e5 are the largest months the exact engine runs
    // whole and as one week.
    for rpm in [1e4, 5e4, 1e5, 2.14e5, 1e6, 1e7, 1e8, 1e9, 1e10] {
        let s = Scenario { requests_per_month: rpm, memory_mb: 128.0, ..Scenario::default() };
        bench(&format!("sims/{rpm:e}"), 20, || eval::simulate(&s, &cat));
        pause().await;
    }

    // The worst case of the same with a p99 target no serverless platform meets: sparse Java whose cold
    // starts miss 800 ms everywhere, so the warm-instance fixes are searched by simulation (Lambda, Flex,
    // Cloud Run; each the top of its range, then a bisection).
    let shape = |spiky: bool| if spiky { TrafficShape::Spiky } else { Scenario::default().traffic_shape };
    for (rpm, spiky) in [(3e3, false), (1e4, true)] {
        let s = Scenario {
            requests_per_month: rpm,
            traffic_shape: shape(spiky),
            runtime: "java21".into(),
            duration_ms: 50.0,
            duration_distribution: crossover::core::scenario::DurationDistribution::Fixed,
            latency_slo_p99_ms: Some(800.0),
            ..Scenario::default()
        };
        bench(&format!("sims-fixes/{rpm:e}"), 10, || eval::simulate(&s, &cat));
        pause().await;
    }

    // A fleet of 10,000 functions: parse and evaluate (the page does the same in slices).
    let mut csv = String::from("name,invocations,avg_duration_ms,memory_mb,runtime\n");
    for i in 0..10_000u32 {
        csv.push_str(&format!("fn-{i},{},{},{},nodejs22\n", (i % 97 + 1) * 100_000, 20 + i % 400, 128 * (1 + i % 8)));
    }
    let base = Scenario::default();
    bench("fleet/10000", 3, || crossover::core::fleet::run(csv.as_bytes(), &base, &cat));
    pause().await;

    // The app's per-change work (`eval::assess`) on each preset, and its parts: the two simulations and
    // the pricing, to see what dominates.
    for (id, s) in &cases {
        bench(&format!("assess/{id}"), 10, || eval::assess(s, &cat));
        pause().await;
        bench(&format!("part/sim_lambda/{id}"), 10, || simulate(s, cat.rates(), SimTarget::AwsLambda));
        pause().await;
        bench(&format!("part/sim_cloud_run/{id}"), 10, || simulate(s, cat.rates(), SimTarget::CloudRun));
        bench(&format!("part/sim_azure_flex/{id}"), 10, || simulate(s, cat.rates(), SimTarget::AzureFlex));
        pause().await;
        let lambda = simulate(s, cat.rates(), SimTarget::AwsLambda);
        let cloud_run = simulate(s, cat.rates(), SimTarget::CloudRun);
        let flex = simulate(s, cat.rates(), SimTarget::AzureFlex);
        let usage = SimUsage::from_reports(&lambda, &cloud_run, &flex, 1.0);
        bench(&format!("part/price_all/{id}"), 10, || cost::price_all(s, &cat, Some(&usage)));
        pause().await;
    }
}
