//! An analytic stand-in for the cold-start simulation, so a fleet of 10,000 functions is decided in
//! milliseconds rather than simulated one by one.
//!
//! The figures are deliberately rough: cold starts follow the same closed form as the cost engine's
//! estimate (idle gaps of Poisson arrivals against the keep-alive, plus hour-to-hour ramps of
//! concurrency); p99 is the service time's 99th percentile plus the mean cold-start delay, weighted by
//! how much of the slowest 1 % cold requests make up; the peak environment count is Little's law at the
//! peak hour. The single-workload view (`eval::assess`) simulates instead and may differ.

use std::collections::HashMap;

use crate::core::catalog::Catalog;
use crate::core::coldstart::data::ColdData;
use crate::core::coldstart::{SimTarget, init};
use crate::core::cost::{self, PLATFORMS, PlatformId, Pricer};
use crate::core::scenario::{Arch, DurationDistribution, SECONDS_PER_MONTH, Scenario};
use crate::core::traffic;
use crate::core::verdict::dimensions::Load;
use crate::core::verdict::latency::needs_provisioned;
use crate::core::verdict::{ColdStarts, Evidence, Method, PlatformEvidence};

/// z of the standard normal's 99th percentile.
const Z99: f64 = 2.326_347_9;

/// What every row of one fleet shares: the base scenario's traffic shape and the cold-start data.
pub struct Estimator {
    data: ColdData,
    /// Hourly weights of the base scenario's week (mean 1); rows do not change the shape.
    weights: Vec<f64>,
    /// The same week as the cost models clean it, shared by every row's pricer.
    pub cost_weights: Vec<f64>,
    peak_weight: f64,
    /// Mean cold-start delay by (runtime, arch, memory MB bits): few distinct values in a real fleet.
    init_ms: HashMap<(String, bool, u64), f64>,
}

impl Estimator {
    pub fn new(base: &Scenario) -> Estimator {
        let weights = traffic::hourly_weights(base);
        let peak_weight = weights.iter().copied().fold(0.0, f64::max).max(1.0);
        let cost_weights = crate::core::cost::shape_weights(base);
        Estimator { data: ColdData::builtin(), weights, cost_weights, peak_weight, init_ms: HashMap::new() }
    }

    fn mean_init_ms(&mut self, s: &Scenario) -> f64 {
        let key = (s.runtime.clone(), s.arch == Arch::Arm64, s.memory_mb.to_bits());
        let data = &self.data;
        *self.init_ms.entry(key).or_insert_with(|| init::model(s, data, None).mean())
    }

    /// Load figures of `verdict::dimensions`, from the base scenario's curve (computed once).
    pub fn load(&self, s: &Scenario) -> Load {
        let sustained_rps = (s.requests_per_month / SECONDS_PER_MONTH).max(0.0);
        let peak_rps = sustained_rps * self.peak_weight;
        Load {
            sustained_rps,
            peak_rps,
            utilization: 1.0 / self.peak_weight,
            peak_concurrency: peak_rps * s.duration_ms / 1000.0,
        }
    }

    /// The verdict's evidence from analytic figures: the prices of `costs` (table order, as `pricer`
    /// totals them), Lambda's estimated cold starts and p99, Little's law for the peak environments.
    pub fn evidence(&mut self, s: &Scenario, cat: &Catalog, pricer: &Pricer, costs: &[Option<f64>]) -> Evidence {
        let load = self.load(s);
        let (fraction, p99) = self.p99_ms(s);
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
        if let Some(n) = e.provisioned_named(s) {
            if needs_provisioned(s, p99) {
                let warm = Scenario { provisioned_concurrency: n, ..s.clone() };
                e.cold.warm_p99_ms = Some(self.p99_ms(&warm).1);
            }
            e.cold.provisioned_usd = Some(pricer.provisioned_usd(n));
        }
        e
    }

    /// Estimated (cold-start fraction, p99 latency including cold starts in ms).
    fn p99_ms(&mut self, s: &Scenario) -> (f64, f64) {
        let ka = self.data.keep_alive(SimTarget::AwsLambda);
        let keep_alive = s.keep_alive_s.unwrap_or((ka.min + ka.max) / 2.0).max(1.0);
        let pinged =
            s.keep_warm_every_min > 0 && s.keep_warm_count > 0 && f64::from(s.keep_warm_every_min) * 60.0 < keep_alive;
        let requests = s.requests_per_month.max(0.0);
        let rate = requests / SECONDS_PER_MONTH;
        let duration_s = s.duration_ms / 1000.0;
        let hours = self.weights.len().max(1) as f64;
        let (mut cold, mut prev) = (0.0, self.weights.last().map_or(0.0, |w| rate * w * duration_s));
        for w in &self.weights {
            if !pinged {
                let x = (rate * w * keep_alive).min(1.0);
                cold += x * (-x).exp() / keep_alive * SECONDS_PER_MONTH / hours;
            }
            let concurrency = rate * w * duration_s;
            cold += (concurrency - prev).max(0.0) * SECONDS_PER_MONTH / (hours * 3600.0);
            prev = concurrency;
        }
        let peak = (rate * self.peak_weight * duration_s).ceil();
        let warm_share = if s.provisioned_concurrency > 0 && peak > 0.0 {
            (f64::from(s.provisioned_concurrency) / peak).min(1.0)
        } else {
            0.0
        };
        let cold = (cold * (1.0 - warm_share)).min(requests);
        let fraction = if requests > 0.0 { cold / requests } else { 0.0 };
        let sigma = self.data.model.lognormal_sigma.value;
        let service = match s.duration_distribution {
            DurationDistribution::Fixed => s.duration_ms,
            DurationDistribution::Exponential => s.duration_ms * 100f64.ln(),
            DurationDistribution::Lognormal => (s.duration_ms.ln() - sigma * sigma / 2.0 + sigma * Z99).exp(),
        };
        (fraction, service + self.mean_init_ms(s) * (fraction / 0.01).min(1.0))
    }
}
