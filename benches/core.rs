//! Criterion benchmarks of the core; `./dev bench` runs them.
//! Prints the exact engine's throughput (requests/s) and the time of one simulated month at 1e6, 1e8
//! and 1e10 requests through `simulate` (which picks the engine).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use crossover::core::coldstart::{SimTarget, simulate, simulate_exact};
use crossover::core::scenario::{DurationDistribution, Scenario};

fn exact_throughput(c: &mut Criterion) {
    // One week at 1e7 requests/month ≈ 2.3M requests, default lognormal service times.
    for dist in [DurationDistribution::Lognormal, DurationDistribution::Fixed] {
        let s = Scenario { requests_per_month: 1e7, duration_distribution: dist, ..Scenario::default() };
        let week = 7.0 * 86_400.0;
        let started = Instant::now();
        let r = simulate_exact(&s, SimTarget::AwsLambda, week);
        let secs = started.elapsed().as_secs_f64();
        let n = r.requests * week / (30.0 * 86_400.0);
        println!(
            "exact engine ({dist:?}): {n:.0} requests in {:.1} ms = {:.1}M requests/s",
            secs * 1e3,
            n / secs / 1e6
        );
        c.bench_function(&format!("exact week 1e7/month {dist:?}"), |b| {
            b.iter(|| simulate_exact(black_box(&s), SimTarget::AwsLambda, week))
        });
    }
}

fn month_by_volume(c: &mut Criterion) {
    for rpm in [1e6, 1e8, 1e10] {
        let s = Scenario { requests_per_month: rpm, ..Scenario::default() };
        let started = Instant::now();
        let r = simulate(&s, SimTarget::AwsLambda);
        println!("month at {rpm:e} requests: {:.2} ms ({})", started.elapsed().as_secs_f64() * 1e3, r.method);
        c.bench_function(&format!("month {rpm:e}"), |b| b.iter(|| simulate(black_box(&s), SimTarget::AwsLambda)));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = exact_throughput, month_by_volume
}
criterion_main!(benches);
