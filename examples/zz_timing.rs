use crossover::core::catalog::Catalog;
use crossover::core::cost::{Pricer, price_all};
use crossover::core::crossover::curves;
use crossover::core::scenario::Scenario;
fn main() {
    let cat = Catalog::builtin();
    for rpm in [1e7, 1e10] {
        let s = Scenario { requests_per_month: rpm, ..Scenario::default() };
        let t = std::time::Instant::now();
        for _ in 0..20 {
            std::hint::black_box(curves(&s, &cat, 241));
        }
        println!("curves {rpm:e}: {:?}", t.elapsed() / 20);
        let t = std::time::Instant::now();
        for _ in 0..200 {
            std::hint::black_box(price_all(&s, &cat, None));
        }
        println!("price_all {rpm:e}: {:?}", t.elapsed() / 200);
        let p = Pricer::new(&s, &cat);
        let t = std::time::Instant::now();
        for _ in 0..2000 {
            std::hint::black_box(p.totals(rpm));
        }
        println!("totals {rpm:e}: {:?}", t.elapsed() / 2000);
        let t = std::time::Instant::now();
        for _ in 0..200 {
            std::hint::black_box(Pricer::new(&s, &cat));
        }
        println!("pricer new: {:?}", t.elapsed() / 200);
        let t = std::time::Instant::now();
        for _ in 0..200 {
            std::hint::black_box(crossover::core::cost::shape_weights(&s));
        }
        println!("weights: {:?}", t.elapsed() / 200);
        let d = crossover::core::coldstart::data::ColdData::builtin();
        let t = std::time::Instant::now();
        for _ in 0..200 {
            let sp = d.other_platforms_cold_start_s.cloud_run.by_family();
            std::hint::black_box(crossover::core::coldstart::init::model(&s, &d, Some(&sp)).mean());
        }
        println!("cold mean: {:?}", t.elapsed() / 200);
    }
}
