//! The exact engine alone, for profiling it and for checking that a change to it leaves its reports
//! statistically the same.
//!
//! usage:
//! - `exact_profile run lognormal|fixed [REPEATS]`: the bench's case (one week at 1e7 requests/month on
//!   Lambda) REPEATS times (default 1); run it under `valgrind --tool=callgrind` for instruction counts that
//!   ignore the load, and divide by the requests it prints.
//! - `exact_profile dump FILE`: the reports of the default scenario and every preset, on every platform the
//!   exact engine simulates, for seeds 1–3, as JSON.
//! - `exact_profile compare OLD NEW`: per case and figure, the difference of the seed means against their
//!   standard error (from the spread over the seeds); a change that only reorders random draws stays within
//!   a few standard errors.

use crossover::core::catalog::Catalog;
use crossover::core::coldstart::{ColdStartReport, SimTarget, simulate_exact};
use crossover::core::presets;
use crossover::core::scenario::{DurationDistribution, SECONDS_PER_MONTH, Scenario};

const WEEK_S: f64 = 7.0 * 86_400.0;
/// About this many requests per run at most: a week of the busiest preset would be a billion.
const MAX_REQUESTS: f64 = 2e6;
const SEEDS: [u64; 3] = [1, 2, 3];

fn bench_case(dist: DurationDistribution) -> Scenario {
    Scenario { requests_per_month: 1e7, duration_distribution: dist, ..Scenario::default() }
}

fn cases() -> Vec<(String, Scenario)> {
    let mut cases = vec![("default".to_string(), Scenario::default())];
    cases.extend(presets::all().into_iter().map(|p| (p.id, p.scenario)));
    cases
}

/// The event-per-request platforms (provisioned fleets are queues, simulated elsewhere).
fn targets() -> impl Iterator<Item = SimTarget> {
    SimTarget::ALL.into_iter().filter(|t| !t.is_provisioned())
}

/// The figures compared: name and value.
fn figures(r: &ColdStartReport) -> [(&'static str, f64); 8] {
    [
        ("cold_fraction", r.cold_start_fraction),
        ("throttled", r.throttled_fraction),
        ("avg_instances", r.avg_instances),
        ("avg_busy", r.avg_busy_instances),
        ("peak_instances", r.peak_instances),
        ("p50_ms", r.latency_ms.p50),
        ("p99_ms", r.latency_ms.p99),
        ("billed_activity", r.avg_billed_activity),
    ]
}

type Dump = Vec<(String, Vec<ColdStartReport>)>;

fn mean_se(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, (var / n).sqrt())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cat = Catalog::builtin();
    let rates = cat.rates();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["run", dist, ref rest @ ..] => {
            let dist = if dist == "fixed" { DurationDistribution::Fixed } else { DurationDistribution::Lognormal };
            let repeats: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(1);
            let s = bench_case(dist);
            let mut n = 0.0;
            for _ in 0..repeats {
                let r = simulate_exact(std::hint::black_box(&s), rates, SimTarget::AwsLambda, WEEK_S);
                n += r.requests * WEEK_S / SECONDS_PER_MONTH;
            }
            println!("requests {n:.0}");
        }
        ["dump", file] => {
            let mut all: Dump = Vec::new();
            for (id, s) in cases() {
                let horizon = WEEK_S.min(MAX_REQUESTS / s.requests_per_month.max(1.0) * SECONDS_PER_MONTH);
                for t in targets() {
                    let reports = SEEDS
                        .iter()
                        .map(|&seed| simulate_exact(&Scenario { seed, ..s.clone() }, rates, t, horizon))
                        .collect();
                    all.push((format!("{id}/{t:?}"), reports));
                }
            }
            std::fs::write(file, serde_json::to_string(&all).expect("reports serialise")).expect("write dump");
        }
        ["compare", old, new] => {
            let read =
                |f: &str| -> Dump { serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("a dump") };
            let (old, new) = (read(old), read(new));
            let mut worst = (0.0f64, String::new());
            for ((id, a), (id_b, b)) in old.iter().zip(&new) {
                assert_eq!(id, id_b);
                let mut line = format!("{id:34}");
                for k in 0..figures(&a[0]).len() {
                    let xs: Vec<f64> = a.iter().map(|r| figures(r)[k].1).collect();
                    let ys: Vec<f64> = b.iter().map(|r| figures(r)[k].1).collect();
                    let ((ma, sa), (mb, sb)) = (mean_se(&xs), mean_se(&ys));
                    let se = (sa * sa + sb * sb).sqrt();
                    // Figures equal in every run (e.g. zero throttling) have no spread: only equality passes.
                    let z = if ma == mb {
                        0.0
                    } else if se > 0.0 {
                        (ma - mb).abs() / se
                    } else {
                        f64::INFINITY
                    };
                    line += &format!(" {}={z:.1}", figures(&a[0])[k].0);
                    if z > worst.0 {
                        worst = (z, format!("{id} {}: {ma} vs {mb} (se {se:.3e})", figures(&a[0])[k].0));
                    }
                }
                println!("{line}");
            }
            println!("largest |difference| / standard error: {:.2} ({})", worst.0, worst.1);
        }
        _ => {
            eprintln!("usage: exact_profile run lognormal|fixed [REPEATS] | dump FILE | compare OLD NEW");
            std::process::exit(2);
        }
    }
}
