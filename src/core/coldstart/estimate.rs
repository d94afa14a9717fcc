//! Every platform's p99 in closed form, for the fleet (thousands of functions, no simulation): Lambda's
//! estimate (`analytic`) with the platform's own keep-alive, start-up delay, requests per instance and
//! always-warm count. Ramps start one instance per `capacity` requests in flight, so the ramp term is
//! Lambda's with the duration divided by the capacity; idle gaps are gaps of the whole pool, as on Lambda.
//! A provisioned fleet (Fargate, EC2, EKS) has no per-request cold start: its estimate is the work's own
//! p99 (queueing at the target utilisation is left to the simulation).

use super::SimTarget;
use super::analytic::{Inputs, cold_starts, p99_ms, provisioned_share};
use super::capacity;
use super::data::ColdData;
use super::init;
use super::params::keep_alive_for;
use crate::core::catalog::Rates;
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};

/// Estimated p99 incl. cold starts on `target`, ms, for the week's hourly `weights` (mean 1); `lambda`
/// is `Inputs::new(s, d)` (a fleet resolves it once per kind of function).
pub fn p99_on(s: &Scenario, r: &Rates, d: &ColdData, lambda: Inputs, target: SimTarget, weights: &[f64]) -> f64 {
    if target.is_provisioned() {
        return p99_ms(s, &lambda, 0.0);
    }
    let (lo, hi) = keep_alive_for(s, r, target, d);
    let a =
        Inputs { keep_alive_s: ((lo + hi) / 2.0).max(1.0), mean_init_ms: init::model(s, d, target).mean(), ..lambda };
    let per_instance = capacity::instance(s, r, d, target).capacity.max(1.0);
    let warm = match target {
        SimTarget::AwsLambda => s.provisioned_concurrency,
        SimTarget::CloudRun => s.cloud_run_min_instances,
        SimTarget::AzureFlex => s.azure_always_ready,
        _ => 0,
    };
    let requests = s.requests_per_month.max(0.0);
    let duration_s = s.duration_ms / 1000.0 / per_instance;
    let share = provisioned_share(warm, requests / SECONDS_PER_MONTH, duration_s);
    let cold = cold_starts(s, &a, weights, requests, duration_s, share);
    p99_ms(s, &a, if requests > 0.0 { cold / requests } else { 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Catalog;

    #[test]
    fn lambda_is_the_analytic_estimate_and_workers_start_fastest() {
        let s = Scenario { requests_per_month: 2e5, ..Scenario::default() };
        let cat = Catalog::builtin();
        let (r, d, w) = (cat.rates(), ColdData::shared(), vec![1.0; 168]);
        let a = Inputs::new(&s, d);
        let cold = cold_starts(&s, &a, &w, 2e5, s.duration_ms / 1000.0, 0.0);
        let lambda = p99_on(&s, r, d, a, SimTarget::AwsLambda, &w);
        assert_eq!(lambda, p99_ms(&s, &a, cold / 2e5));
        let workers = p99_on(&s, r, d, a, SimTarget::CloudflareWorkers, &w);
        let fargate = p99_on(&s, r, d, a, SimTarget::AwsFargate, &w);
        assert!(fargate <= workers && workers < lambda, "{fargate} {workers} {lambda}");
    }
}
