//! The builtin catalogue's rates, decoded once per test binary: what the simulation tests run with.

use std::sync::OnceLock;

use crossover::core::catalog::{Catalog, Rates};

pub fn builtin() -> &'static Rates {
    static RATES: OnceLock<Rates> = OnceLock::new();
    RATES.get_or_init(|| Catalog::builtin().rates().clone())
}
