//! The cost curves of the default scenario and every preset, for profiling them and for checking that a
//! change to the pricing leaves them equal.
//!
//! usage:
//! - `curves_profile run [PRESET] [REPEATS]`: computes the curves (of PRESET, or of all) REPEATS times
//!   (default 1); run it under `valgrind --tool=callgrind` for instruction counts that ignore the load.
//! - `curves_profile dump FILE`: writes every case's curves (volumes, series, break-evens) as JSON.
//! - `curves_profile compare OLD NEW`: the largest relative difference per case between two dumps, of the
//!   series and of the break-even volumes (and whether the break-evens name the same platforms).

use crossover::core::catalog::Catalog;
use crossover::core::crossover::{self as xo, Curves};
use crossover::core::scenario::Scenario;
use crossover::core::{eval, presets};

fn cases() -> Vec<(String, Scenario)> {
    let mut cases = vec![("default".to_string(), Scenario::default())];
    cases.extend(presets::all().into_iter().map(|p| (p.id, p.scenario)));
    cases
}

fn rel(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { (a - b).abs() / a.abs().max(b.abs()) }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cat = Catalog::builtin();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["run", ref rest @ ..] => {
            let only = rest.first().filter(|p| **p != "all");
            let repeats = rest.get(1).and_then(|r| r.parse().ok()).unwrap_or(1);
            for (id, s) in cases().iter().filter(|(id, _)| only.is_none_or(|o| o == id)) {
                for _ in 0..repeats {
                    std::hint::black_box(xo::curves(s, &cat, eval::CURVE_POINTS));
                }
                eprintln!("{id}");
            }
        }
        ["dump", file] => {
            let all: Vec<(String, Curves)> =
                cases().into_iter().map(|(id, s)| (id, xo::curves(&s, &cat, eval::CURVE_POINTS))).collect();
            std::fs::write(file, serde_json::to_string(&all).expect("curves serialise")).expect("write dump");
        }
        ["compare", old, new] => {
            let read = |f: &str| -> Vec<(String, Curves)> {
                serde_json::from_str(&std::fs::read_to_string(f).expect("read dump")).expect("a dump")
            };
            let (old, new) = (read(old), read(new));
            let (mut worst_usd, mut worst_be) = (0.0f64, 0.0f64);
            for ((id, a), (id_b, b)) in old.iter().zip(&new) {
                assert_eq!(id, id_b);
                assert_eq!(a.volumes, b.volumes, "{id}: volumes");
                let mut usd = 0.0f64;
                let mut feasible_same = true;
                for (sa, sb) in a.series.iter().zip(&b.series) {
                    for (x, y) in sa.usd.iter().zip(&sb.usd) {
                        match (x, y) {
                            (Some(x), Some(y)) => usd = usd.max(rel(*x, *y)),
                            (None, None) => {}
                            _ => feasible_same = false,
                        }
                    }
                }
                let same_be = a.breakeven.len() == b.breakeven.len()
                    && a.breakeven.iter().zip(&b.breakeven).all(|(x, y)| x.from == y.from && x.to == y.to);
                let be = a
                    .breakeven
                    .iter()
                    .zip(&b.breakeven)
                    .map(|(x, y)| rel(x.requests_per_month, y.requests_per_month))
                    .fold(0.0, f64::max);
                println!(
                    "{id:16} series max rel {usd:.3e}  break-evens {} (same platforms: {same_be}) max rel {be:.3e}  feasibility same: {feasible_same}",
                    a.breakeven.len()
                );
                worst_usd = worst_usd.max(usd);
                worst_be = worst_be.max(be);
            }
            println!("all: series max rel {worst_usd:.3e}, break-even max rel {worst_be:.3e}");
        }
        _ => {
            eprintln!("usage: curves_profile run [PRESET|all] [REPEATS] | dump FILE | compare OLD NEW");
            std::process::exit(2);
        }
    }
}
