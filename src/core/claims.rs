//! STUB — owned by the verdict work: the seed articles' rules of thumb, recomputed.

use serde::Serialize;

use super::catalog::Catalog;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimCheck {
    pub claim: String,
    pub source: String,
}

pub fn check(_cat: &Catalog) -> Vec<ClaimCheck> {
    Vec::new()
}

/// One line of the `crossover claims` table.
pub fn format_row(c: &ClaimCheck) -> String {
    format!("{} — {}", c.claim, c.source)
}
