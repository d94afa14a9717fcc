//! The verdict's evidence for one fleet row from analytic figures, so a fleet of 10,000 functions is
//! decided in milliseconds rather than simulated one by one.
//!
//! Cold starts and p99 are `coldstart::analytic`, the closed form the cost curves use too; the peak
//! environment count is Little's law at the peak hour. The single-workload view (`eval::assess`)
//! simulates instead, so its figures may differ; its rules are the same (`verdict::decide`).

use std::collections::HashMap;

use crate::core::catalog::Catalog;
use crate::core::coldstart::data::ColdData;
use crate::core::coldstart::{analytic, capacity, estimate};
use crate::core::cost::{self, PLATFORMS, PlatformId, Pricer};
use crate::core::scenario::{Arch, SECONDS_PER_MONTH, Scenario};
use crate::core::traffic;
use crate::core::verdict::dimensions::{self, Load};
use crate::core::verdict::fixes::{self, Fix};
use crate::core::verdict::latency::{needs_provisioned, provisioned_for};
use crate::core::verdict::{ColdStarts, Evidence, Method, PlatformEvidence};

/// What every row of one fleet shares: the base scenario's traffic shape and the cold-start data.
pub struct Estimator {
    /// Parsed once per process: the page evaluates a fleet in slices, an `Estimator` each.
    data: &'static ColdData,
    /// Hourly weights of the base scenario's week; rows do not change the shape.
    weights: Vec<f64>,
    /// The same week as the cost models clean it, shared by every row's pricer and cold-start estimate.
    pub cost_weights: Vec<f64>,
    /// The analytic inputs by (runtime, arch, memory MB bits): few distinct values in a real fleet.
    inputs: HashMap<(String, bool, u64), analytic::Inputs>,
}

impl Estimator {
    pub fn new(base: &Scenario) -> Estimator {
        let cost_weights = cost::shape_weights(base);
        Estimator {
            data: ColdData::shared(),
            weights: traffic::hourly_weights(base),
            cost_weights,
            inputs: HashMap::new(),
        }
    }

    /// The analytic cold-start inputs of a row (only its runtime, arch and memory differ from the base).
    pub fn inputs(&mut self, s: &Scenario) -> analytic::Inputs {
        let key = (s.runtime.clone(), s.arch == Arch::Arm64, s.memory_mb.to_bits());
        let data = self.data;
        *self.inputs.entry(key).or_insert_with(|| analytic::Inputs::new(s, data))
    }

    /// Load figures of `verdict::dimensions`, from the base scenario's curve (computed once).
    pub fn load(&self, s: &Scenario) -> Load {
        dimensions::load_with(s, &self.weights)
    }

    /// (cold-start fraction, estimated p99 incl. cold starts in ms) on Lambda.
    fn latency(&self, s: &Scenario, a: &analytic::Inputs) -> (f64, f64) {
        let requests = s.requests_per_month.max(0.0);
        let duration_s = s.duration_ms / 1000.0;
        let share = analytic::provisioned_share(s.provisioned_concurrency, requests / SECONDS_PER_MONTH, duration_s);
        let cold = analytic::cold_starts(s, a, &self.cost_weights, requests, duration_s, share);
        let fraction = if requests > 0.0 { cold / requests } else { 0.0 };
        (fraction, analytic::p99_ms(s, a, fraction))
    }

    /// The verdict's evidence: the prices of `costs` (table order, as `pricer` totals them), Lambda's
    /// estimated cold starts and p99, Little's law for the peak environments.
    pub fn evidence(&mut self, s: &Scenario, cat: &Catalog, pricer: &Pricer, costs: &[Option<f64>]) -> Evidence {
        let a = self.inputs(s);
        let load = self.load(s);
        let (fraction, p99) = self.latency(s, &a);
        let peak = load.peak_concurrency.ceil();
        // Other platforms' p99 matter only against a target (the recommendation), so only then estimated.
        let targeted = s.latency_slo_p99_ms.is_some();
        let p99_on = |s: &Scenario, id: PlatformId| match id {
            PlatformId::AwsLambda => Some(p99),
            _ if !targeted => None,
            _ => Some(estimate::p99_on(s, cat.rates(), self.data, a, id.sim_target()?, &self.cost_weights)),
        };
        let platforms = PLATFORMS
            .iter()
            .zip(costs)
            .map(|(row, usd)| PlatformEvidence {
                id: row.id,
                monthly_usd: usd.unwrap_or(0.0),
                limit: cost::limit(row.id, s, cat),
                p99_ms: p99_on(s, row.id),
            })
            .collect();
        let cold = ColdStarts {
            platform: PlatformId::AwsLambda,
            fraction,
            peak_environments: peak,
            warm_p99_ms: None,
            provisioned_usd: None,
        };
        let mut e =
            Evidence { platforms, load, method: Method::Estimated, cold, peak_db_connections: peak, fixes: Vec::new() };
        if let Some(n) = provisioned_for(s, &e) {
            if needs_provisioned(s, p99) {
                let warm = Scenario { provisioned_concurrency: n, ..s.clone() };
                e.cold.warm_p99_ms = Some(self.latency(&warm, &a).1);
            }
            e.cold.provisioned_usd = Some(pricer.provisioned_usd(n));
        }
        if fixes::wanted(s, cat, |id| e.platform(id).and_then(|p| p.p99_ms)) {
            e.fixes = self.fixes(s, cat, pricer, costs, a);
        }
        e
    }

    /// `fixes::simulated` in closed form: each count searched on the estimate, priced by the pricer.
    fn fixes(
        &self,
        s: &Scenario,
        cat: &Catalog,
        pricer: &Pricer,
        costs: &[Option<f64>],
        a: analytic::Inputs,
    ) -> Vec<Fix> {
        let Some(slo) = s.latency_slo_p99_ms else { return Vec::new() };
        let peak = self.load(s).peak_concurrency;
        let mut out = Vec::new();
        for id in fixes::FIXABLE {
            let (Some(target), Some(now)) = (id.sim_target(), costs[id.index()]) else { continue };
            let per_instance = capacity::instance(s, cat.rates(), self.data, target).capacity.max(1.0);
            let range = fixes::range(s, id, peak / per_instance);
            let p99_at = |n: u32| {
                estimate::p99_on(&fixes::with_count(s, id, n), cat.rates(), self.data, a, target, &self.cost_weights)
            };
            let (count, p99_ms) = fixes::search(slo, range, p99_at);
            let added_usd = count.and_then(|n| match id {
                PlatformId::AwsLambda => Some(pricer.provisioned_usd(n)),
                _ => {
                    let t = fixes::with_count(s, id, n);
                    let with = Pricer::with_weights(&t, cat, self.cost_weights.clone(), a).totals(t.requests_per_month);
                    Some(with[id.index()]? - now)
                }
            });
            out.push(Fix { platform: id, count, tried: range.1, p99_ms, added_usd });
        }
        out
    }
}
