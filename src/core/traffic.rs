//! STUB — owned by the simulation work: the rate curve of each traffic shape.

use super::scenario::Scenario;

/// Relative request rate for each hour of a week (168 values, Monday 00:00 UTC first, mean 1).
pub fn hourly_weights(_s: &Scenario) -> Vec<f64> {
    vec![1.0; 168]
}
