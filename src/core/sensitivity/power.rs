//! The power-tuning curve: the same work at each Lambda memory size. CPU share grows linearly with memory
//! up to 1,769 MB = 1 vCPU (pricing_facts §1) and no further for one thread, so the CPU part of the
//! duration shrinks above the configured size and grows below it; the I/O wait part stays.

use serde::Serialize;

use crate::core::catalog::Catalog;
use crate::core::cost::{self, PlatformId};
use crate::core::scenario::Scenario;

/// Memory at which a function gets one full vCPU.
pub const ONE_VCPU_MB: f64 = 1769.0;
/// Sizes tried: the usual power-tuning grid plus the 1-vCPU point.
pub const SIZES_MB: [f64; 12] =
    [128.0, 256.0, 512.0, 1024.0, 1536.0, 1769.0, 2048.0, 3008.0, 4096.0, 6144.0, 8192.0, 10240.0];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PowerPoint {
    pub memory_mb: f64,
    pub duration_ms: f64,
    pub monthly_usd: f64,
}

/// Duration of the scenario's work at `memory_mb`.
pub fn duration_at(s: &Scenario, memory_mb: f64) -> f64 {
    let cpu = |m: f64| m.min(ONE_VCPU_MB) / ONE_VCPU_MB;
    let f = s.cpu_fraction.clamp(0.0, 1.0);
    s.duration_ms * ((1.0 - f) + f * cpu(s.memory_mb) / cpu(memory_mb))
}

/// The Lambda bill at every size where Lambda can run the work (one cost evaluation per size).
pub fn curve(s: &Scenario, cat: &Catalog) -> Vec<PowerPoint> {
    SIZES_MB
        .iter()
        .filter_map(|&m| {
            let t = Scenario { memory_mb: m, duration_ms: duration_at(s, m), ..s.clone() };
            let p = cost::by_id(&cost::price_all(&t, cat, None), PlatformId::AwsLambda)?.clone();
            p.feasible.then_some(PowerPoint { memory_mb: m, duration_ms: t.duration_ms, monthly_usd: p.monthly_usd })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_part_scales_with_memory_up_to_one_vcpu() {
        let s = Scenario { memory_mb: 512.0, duration_ms: 200.0, cpu_fraction: 0.5, ..Scenario::default() };
        for (m, want) in [
            (512.0, 200.0),
            (1024.0, 150.0),
            (256.0, 300.0),
            (ONE_VCPU_MB, 100.0 + 100.0 * 512.0 / ONE_VCPU_MB),
            (10240.0, 100.0 + 100.0 * 512.0 / ONE_VCPU_MB),
        ] {
            assert!((duration_at(&s, m) - want).abs() < 1e-9, "{m}: {}", duration_at(&s, m));
        }
    }
}
