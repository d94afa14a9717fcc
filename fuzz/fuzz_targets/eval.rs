//! Any bytes → `from_json`; a valid scenario → `eval::assess`, which must hold the core's invariants:
//! finite non-negative costs, fractions in [0, 1], ordered percentiles, and the same answer twice.
#![no_main]

use crossover::core::catalog::Catalog;
use crossover::core::{eval, invariants, scenario_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(s) = scenario_json::from_json(text) else { return };
    let cat = Catalog::builtin();
    let a = eval::assess(&s, &cat);
    if let Err(e) = invariants::check(&s, &a) {
        panic!("{e}");
    }
    assert!(eval::assess(&s, &cat) == a, "two assessments differ");
});
