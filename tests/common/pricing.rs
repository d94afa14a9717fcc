//! What the whole-bill tests share: a simulation with no cold starts, so Lambda's figures are the pure
//! request + duration arithmetic, and the tolerance of a hand-worked dollar figure.

use crossover::core::cost::SimUsage;

pub const NO_COLD: SimUsage = SimUsage {
    lambda_cold_starts: 0.0,
    lambda_mean_init_ms: 0.0,
    cloud_run_busy_instance_s: 0.0,
    cloud_run_instance_s: 0.0,
    flex_on_demand_active_s: 0.0,
    flex_always_ready_active_s: 0.0,
    flex_always_ready_share: 0.0,
};

/// Within half a cent plus a part per million.
pub fn close(got: f64, expected: f64, what: &str) {
    let tolerance = 0.005 + expected.abs() * 1e-6;
    assert!((got - expected).abs() <= tolerance, "{what}: got {got}, expected {expected}");
}
