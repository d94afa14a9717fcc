//! Times `fleet::run` on 10,000 generated rows: `cargo run --profile bench --example fleet_timing`.
use crossover::core::{catalog::Catalog, fleet, scenario::Scenario};
use std::time::Instant;

fn main() {
    let runtimes = ["nodejs22.x", "python3.12", "java21", "go", "rust", "dotnet8", "ruby3.3"];
    let mut text = String::from("name,invocations,avg_duration_ms,memory_mb,runtime,arch,p99_ms\n");
    for i in 0..10_000u64 {
        let invocations = 10f64.powf(2.0 + (i % 97) as f64 / 12.0).round();
        let duration = 5 + (i * 37) % 3000;
        let memory = [128, 256, 512, 1024, 1769, 3008, 10240][(i % 7) as usize];
        let arch = if i % 3 == 0 { "arm64" } else { "x86_64" };
        let p99 = if i % 5 == 0 { "200" } else { "" };
        text.push_str(&format!(
            "fn-{i},{invocations},{duration},{memory},{},{arch},{p99}\n",
            runtimes[(i % 7) as usize]
        ));
    }
    let cat = Catalog::builtin();
    let base = Scenario::default();
    for _ in 0..3 {
        let t = Instant::now();
        let parsed = fleet::parse(text.as_bytes());
        let tp = t.elapsed();
        let t = Instant::now();
        let report = fleet::evaluate(&parsed.rows, &base, &cat);
        let te = t.elapsed();
        let t = Instant::now();
        let csv = report.to_csv();
        let tc = t.elapsed();
        println!(
            "10,000 rows: parse {tp:.2?}, evaluate {te:.2?}, to_csv {tc:.2?} ({} bytes); moves {} saving ${:.0}",
            csv.len(),
            report.moves.count,
            report.moves.saving_usd
        );
    }
}
