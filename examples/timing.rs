use ::crossover::core::{catalog::Catalog, crossover, eval, presets, sensitivity};
use std::time::Instant;
fn main() {
    let cat = Catalog::builtin();
    for p in presets::all() {
        let t = Instant::now();
        let a = eval::assess(&p.scenario, &cat);
        let ta = t.elapsed();
        let t = Instant::now();
        let _c = crossover::curves(&p.scenario, &cat, 241);
        let tc = t.elapsed();
        let t = Instant::now();
        let s = sensitivity::analyze(&p.scenario, &cat);
        let ts = t.elapsed();
        println!(
            "{:16} assess {:>8.2?} curves {:>8.2?} sens {:>8.2?} {:?} {:?} p99={:.0} {}",
            p.id, ta, tc, ts, a.verdict.decision, a.verdict.recommended, a.coldstart.latency_ms.p99, a.coldstart.method
        );
        let _ = s;
    }
}
