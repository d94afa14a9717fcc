//! Crossover's exact engine on a SimFaaS scenario, for the side-by-side table of `scripts/bench.sh`.
//!
//! usage: `cargo run --profile bench --example simfaas -- ARRIVAL_RATE HORIZON_S [REPEATS]`
//!
//! The SimFaaS README model: Poisson arrivals, exponential warm service 1.991 s, cold service 2.244 s
//! (here: init 253 ms + the warm service, the same mean), a fixed 600 s expiration, no concurrency limit.
//! Mirrors `agrees_with_simfaas` in `tests/simulation.rs`. Prints one JSON line: the best wall time of
//! `REPEATS` runs (default 3), the requests served in the horizon, P(cold) and the average instance count.

use std::time::Instant;

use crossover::core::catalog::Catalog;
use crossover::core::coldstart::{SimTarget, simulate_exact};
use crossover::core::scenario::{DurationDistribution, SECONDS_PER_MONTH, Scenario};

fn main() {
    let args: Vec<f64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (rate, horizon_s) = match args[..] {
        [rate, horizon, ..] => (rate, horizon),
        _ => {
            eprintln!("usage: simfaas ARRIVAL_RATE HORIZON_S [REPEATS]");
            std::process::exit(2);
        }
    };
    let repeats = args.get(2).map_or(3, |&r| r.max(1.0) as usize);
    let s = Scenario {
        requests_per_month: rate * SECONDS_PER_MONTH,
        duration_ms: 1_991.0,
        duration_distribution: DurationDistribution::Exponential,
        init_ms_override: Some(253.0),
        keep_alive_s: Some(600.0),
        keep_alive_max_s: Some(600.0),
        concurrency_quota: 1_000_000,
        ..Scenario::default()
    };
    let cat = Catalog::builtin();
    let mut best = f64::INFINITY;
    let mut report = None;
    for _ in 0..repeats {
        let started = Instant::now();
        let r = simulate_exact(&s, cat.rates(), SimTarget::AwsLambda, horizon_s);
        best = best.min(started.elapsed().as_secs_f64());
        report = Some(r);
    }
    let Some(r) = report else { return };
    let requests = r.requests * horizon_s / SECONDS_PER_MONTH;
    println!(
        "{{\"rate\":{rate},\"max_time_s\":{horizon_s},\"wall_s\":{best:.6},\"requests\":{requests:.0},\
         \"prob_cold\":{:.6},\"avg_instances\":{:.4}}}",
        r.cold_start_fraction, r.avg_instances
    );
}
