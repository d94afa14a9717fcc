//! Fargate Spot: the tasks above the minimum capacity run on the FARGATE_SPOT capacity provider at a
//! discount; the minimum stays on demand (the capacity provider's `base`), so an interruption (two
//! minutes' notice) never takes the service below it. Spot exists for x86 Linux tasks only.

use super::HiddenRates;
use crate::core::scenario::Arch;
use crate::core::select::{larger, smaller};

/// Task-hours on demand and on Spot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpotSplit {
    pub on_demand_task_hours: f64,
    pub spot_task_hours: f64,
    /// The price of a Spot task-hour as a fraction of on demand.
    pub spot_price_factor: f64,
}

/// Whether Fargate Spot can run tasks of this architecture.
pub fn available(arch: Arch) -> bool {
    arch == Arch::X86_64
}

/// Splits `task_hours` in a month of `hours` with `min_tasks` always on demand.
pub fn split(task_hours: f64, min_tasks: f64, hours: f64, r: &HiddenRates) -> SpotSplit {
    let clean = |x: f64| if x.is_finite() { larger(x, 0.0) } else { 0.0 };
    let task_hours = clean(task_hours);
    let on_demand = smaller(clean(min_tasks) * clean(hours), task_hours);
    SpotSplit {
        on_demand_task_hours: on_demand,
        spot_task_hours: task_hours - on_demand,
        spot_price_factor: 1.0 - r.spot_fargate_discount.clamp(0.0, 1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{builtin, close};
    use super::*;
    use crate::core::scenario::HOURS_PER_MONTH;

    /// A 1 vCPU / 2 GB x86 task costs $0.04048 + 2 × $0.004445 = $0.04937 per hour (Fargate
    /// us-east-1). 5,000 task-hours in a 730-hour month with a minimum of 2 tasks: 2 × 730 = 1,460
    /// on demand ($72.0802) and 3,540 on Spot at "up to 70 %" off (wring.co, UNVERIFIED):
    /// 3,540 × 0.04937 × 0.3 = $52.43094.
    #[test]
    fn tasks_above_the_minimum_run_on_spot() {
        let r = builtin();
        let s = split(5000.0, 2.0, HOURS_PER_MONTH, &r);
        close(s.on_demand_task_hours, 1460.0);
        close(s.spot_task_hours, 3540.0);
        close(s.on_demand_task_hours * 0.04937, 72.0802);
        close(s.spot_task_hours * 0.04937 * s.spot_price_factor, 52.43094);
        // A fleet at its minimum has nothing to put on Spot.
        assert_eq!(split(1000.0, 2.0, HOURS_PER_MONTH, &r).spot_task_hours, 0.0);
    }

    /// AWS ECS docs (Fargate capacity providers): Spot is not supported for ARM64 or Windows tasks.
    #[test]
    fn x86_only() {
        assert!(available(Arch::X86_64));
        assert!(!available(Arch::Arm64));
    }
}
