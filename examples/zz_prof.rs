use crossover::core::catalog::Catalog;
use crossover::core::cost::Pricer;
use crossover::core::scenario::Scenario;
fn main() {
    let cat = Catalog::builtin();
    let s = Scenario { requests_per_month: 1e7, ..Scenario::default() };
    let p = Pricer::new(&s, &cat);
    let mut acc = 0.0;
    for i in 0..100000 {
        acc += p.totals(1e7 + i as f64).iter().flatten().sum::<f64>();
    }
    println!("{acc}");
}
