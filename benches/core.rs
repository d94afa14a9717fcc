//! Criterion benchmarks of the core; `scripts/bench.sh` (`./dev bench`) runs them and reads Criterion's
//! samples from `target/criterion/<group>/<id>/new/sample.json`.
//!
//! - `exact/*`: the exact engine over one week at 1e7 requests/month (≈ 2.3 M requests). Each prints a
//!   `META <criterion id> requests <n>` line so the script can turn its time into requests per second.
//! - `month/*`: one simulated month at 1e6, 1e8 and 1e10 requests through `simulate` (which picks the engine).
//! - `curves/*`: the cost curves of every platform at `eval::CURVE_POINTS` (241) points with break-evens.
//! - `assess/*`: `eval::assess` (two simulations, pricing, verdict) of each built-in preset.
//! - `decode/*`: each decoder of outside input (scenario JSON, link/storage query, fleet CSV, price
//!   overrides) on about 1 MB of text, valid and invalid; a decoder must stay linear in its input.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use crossover::core::catalog::Catalog;
use crossover::core::coldstart::{SimTarget, simulate, simulate_exact};
use crossover::core::scenario::{DurationDistribution, SECONDS_PER_MONTH, Scenario};
use crossover::core::{crossover as xo, eval, fleet, overrides, presets, query, scenario_json};

fn exact_throughput(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let mut g = c.benchmark_group("exact");
    g.sample_size(10);
    // One week at 1e7 requests/month ≈ 2.3M requests, default lognormal service times.
    for dist in [DurationDistribution::Lognormal, DurationDistribution::Fixed] {
        let s = Scenario { requests_per_month: 1e7, duration_distribution: dist, ..Scenario::default() };
        let week = 7.0 * 86_400.0;
        let started = Instant::now();
        let r = simulate_exact(&s, cat.rates(), SimTarget::AwsLambda, week);
        let secs = started.elapsed().as_secs_f64();
        // The report is scaled to the month; the engine served this many requests in its week.
        let n = r.requests * week / SECONDS_PER_MONTH;
        let id = format!("week_1e7_{dist:?}").to_lowercase();
        println!("META exact/{id} requests {n:.0}");
        println!(
            "exact engine ({dist:?}): {n:.0} requests in {:.1} ms = {:.1}M requests/s",
            secs * 1e3,
            n / secs / 1e6
        );
        g.bench_function(&id, |b| b.iter(|| simulate_exact(black_box(&s), cat.rates(), SimTarget::AwsLambda, week)));
    }
    g.finish();
}

fn month_by_volume(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let mut g = c.benchmark_group("month");
    g.sample_size(10);
    for rpm in [1e6, 1e8, 1e10] {
        let s = Scenario { requests_per_month: rpm, ..Scenario::default() };
        let started = Instant::now();
        let r = simulate(&s, cat.rates(), SimTarget::AwsLambda);
        println!("month at {rpm:e} requests: {:.2} ms ({})", started.elapsed().as_secs_f64() * 1e3, r.method);
        g.bench_function(format!("{rpm:e}"), |b| b.iter(|| simulate(black_box(&s), cat.rates(), SimTarget::AwsLambda)));
    }
    g.finish();
}

fn cost_curves(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let mut g = c.benchmark_group("curves");
    g.sample_size(30);
    let mut cases = vec![("default".to_string(), Scenario::default())];
    cases.extend(presets::all().into_iter().map(|p| (p.id, p.scenario)));
    for (id, s) in cases {
        g.bench_function(&id, |b| b.iter(|| xo::curves(black_box(&s), &cat, eval::CURVE_POINTS)));
    }
    g.finish();
}

fn assess_presets(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let mut g = c.benchmark_group("assess");
    g.sample_size(10);
    for p in presets::all() {
        g.bench_function(&p.id, |b| b.iter(|| eval::assess(black_box(&p.scenario), &cat)));
    }
    g.finish();
}

/// About 1 MB of `unit` repeated, between `head` and `tail`.
fn megabyte(head: &str, unit: &str, tail: &str) -> String {
    let mut s = String::with_capacity(1 << 20);
    s.push_str(head);
    while s.len() + unit.len() + tail.len() <= 1 << 20 {
        s.push_str(unit);
    }
    s.push_str(tail);
    s
}

fn decoders(c: &mut Criterion) {
    let cat = Catalog::builtin();
    let mut g = c.benchmark_group("decode");
    g.sample_size(10);
    let inputs: Vec<(&str, String)> = vec![
        ("json_padded", megabyte("{\"requests_per_month\": 5e7", " ", "}")),
        ("json_unknown_keys", megabyte("{\"requests_per_month\": 5e7", ", \"no_such_key\": 1", "}")),
        ("json_profile", megabyte("{\"traffic_shape\": \"custom\", \"custom_profile\": [1", ", 2.5", "]}")),
        ("query_unknown_keys", megabyte("v=2&r=5e7", "&zz=1", "")),
        ("query_repeated_key", megabyte("v=2", "&r=5e7", "")),
        ("query_profile", megabyte("v=2&ts=custom&cp=1", "%2C2.5", "")),
        ("csv_rows", megabyte("name,invocations,avg_duration_ms,memory_mb\n", "checkout-api,45000000,120,1024\n", "")),
        ("csv_bad_rows", megabyte("name,invocations,avg_duration_ms,memory_mb\n", "x,-1,abc,\"\n", "")),
        ("overrides_keys", megabyte("{\"lambda.requests\": 0.25", ", \"no.such.key\": 1", "}")),
    ];
    for (id, text) in &inputs {
        let bytes = text.len();
        println!("META decode/{id} bytes {bytes}");
        g.bench_function(*id, |b| {
            b.iter(|| match id.split('_').next() {
                Some("json") => scenario_json::from_json(black_box(text)).map_or_else(|e| e.len(), |_| 0),
                Some("query") => query::decode(black_box(text)).map_or(0, |(_, e)| e.len()),
                Some("csv") => fleet::parse(black_box(text.as_bytes())).rows.len(),
                _ => overrides::apply(&cat, black_box(text)).map_or_else(|e| e.len(), |_| 0),
            })
        });
    }
    g.finish();
}

criterion_group!(benches, exact_throughput, month_by_volume, cost_curves, assess_presets, decoders);
criterion_main!(benches);
