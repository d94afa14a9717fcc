//! The verdict's evidence for one fleet row from analytic figures, so a fleet of 10,000 functions is
//! decided in milliseconds rather than simulated one by one.
//!
//! Cold starts and p99 are `coldstart::analytic`, the closed form the cost curves use too; the peak
//! environment count is Little's law at the peak hour. The single-workload view (`eval::assess`)
//! simulates instead, so its figures may differ; its rules are the same (`verdict::decide`).

use std::collections::HashMap;

use crate::core::catalog::Catalog;
use crate::core::coldstart::analytic;
use crate::core::coldstart::data::ColdData;
use crate::core::cost::{self, PLATFORMS, PlatformId, Pricer};
use crate::core::scenario::{Arch, SECONDS_PER_MONTH, Scenario};
use crate::core::traffic;
use crate::core::verdict::dimensions::{self, Load};
use crate::core::verdict::latency::{needs_provisioned, provisioned_for};
use crate::core::verdict::{ColdStarts, Evidence, Method, PlatformEvidence};

/// What every row of one fleet shares: the base scenario's traffic shape and the cold-start data.
pub struct Estimator {
    data: ColdData,
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
            data: ColdData::builtin(),
            weights: traffic::hourly_weights(base),
            cost_weights,
            inputs: HashMap::new(),
        }
    }

    /// The analytic cold-start inputs of a row (only its runtime, arch and memory differ from the base).
    pub fn inputs(&mut self, s: &Scenario) -> analytic::Inputs {
        let key = (s.runtime.clone(), s.arch == Arch::Arm64, s.memory_mb.to_bits());
        let data = &self.data;
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
        let platforms = PLATFORMS
            .iter()
            .zip(costs)
            .map(|(row, usd)| PlatformEvidence {
                id: row.id,
                monthly_usd: usd.unwrap_or(0.0),
                limit: cost::limit(row.id, s, cat),
                p99_ms: (row.id == PlatformId::AwsLambda).then_some(p99),
            })
            .collect();
        let cold = ColdStarts {
            platform: PlatformId::AwsLambda,
            fraction,
            peak_environments: peak,
            warm_p99_ms: None,
            provisioned_usd: None,
        };
        let mut e = Evidence { platforms, load, method: Method::Estimated, cold, peak_db_connections: peak };
        if let Some(n) = provisioned_for(s, &e) {
            if needs_provisioned(s, p99) {
                let warm = Scenario { provisioned_concurrency: n, ..s.clone() };
                e.cold.warm_p99_ms = Some(self.latency(&warm, &a).1);
            }
            e.cold.provisioned_usd = Some(pricer.provisioned_usd(n));
        }
        e
    }
}
