//! One evaluation of a scenario: simulate, price, decide. The JSON of `crossover eval` is `Evaluation`.

use serde::Serialize;

use super::catalog::Catalog;
use super::coldstart::{self, ColdStartReport, SimTarget};
use super::cost::{self, PlatformCost, Pricer};
use super::crossover::{self, BreakEven};
use super::scenario::Scenario;
use super::sensitivity::{self, Sensitivity};
pub use super::verdict::Simulations;
use super::verdict::{self, Evidence, Verdict, dimensions, latency};

/// Points on the crossover grid (1e3 … 1e10 requests/month).
pub const CURVE_POINTS: usize = 241;

/// What one workload costs and feels like, and the decision: everything but the searches.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub platforms: Vec<PlatformCost>,
    pub coldstart: ColdStartReport,
    pub verdict: Verdict,
}

/// The full `crossover eval` output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub catalog_as_of: String,
    pub platforms: Vec<PlatformCost>,
    pub breakeven: Vec<BreakEven>,
    pub coldstart: ColdStartReport,
    pub verdict: Verdict,
    pub sensitivity: Sensitivity,
}

/// The three simulations, and the warm p99 when the latency target is missed (one more simulation).
pub fn simulate(s: &Scenario, cat: &Catalog) -> Simulations {
    let r = cat.rates();
    let lambda = coldstart::simulate_with(s, r, SimTarget::AwsLambda);
    let p99 = lambda.latency_ms.p99;
    let warm_p99 = latency::needs_provisioned(s, p99)
        .then(|| latency::provisioned_named(s, p99, lambda.peak_instances, &dimensions::load(s)))
        .flatten()
        .map(|n| coldstart::warm_p99(s, n));
    Simulations {
        cloud_run: coldstart::simulate_with(s, r, SimTarget::CloudRun),
        azure_flex: coldstart::simulate_with(s, r, SimTarget::AzureFlex),
        lambda,
        warm_p99,
    }
}

/// Prices every platform with the simulated figures and decides: the cheap half, run on every input.
pub fn assess_with(s: &Scenario, cat: &Catalog, sims: &Simulations) -> Assessment {
    let platforms = cost::price_all(s, cat, Some(&sims.usage()));
    let mut evidence = Evidence::simulated(s, cat, &platforms, sims, &sims.lambda);
    evidence.cold.provisioned_usd =
        latency::provisioned_for(s, &evidence).map(|n| Pricer::new(s, cat).provisioned_usd(n));
    let verdict = verdict::decide(s, &evidence);
    Assessment { platforms, coldstart: sims.lambda.clone(), verdict }
}

pub fn assess(s: &Scenario, cat: &Catalog) -> Assessment {
    assess_with(s, cat, &simulate(s, cat))
}

/// The assessment, the break-even volumes and the sensitivity searches, which start from the
/// assessment's own simulations.
pub fn evaluate(s: &Scenario, cat: &Catalog) -> Evaluation {
    let sims = simulate(s, cat);
    let Assessment { platforms, coldstart, verdict } = assess_with(s, cat, &sims);
    let breakeven = crossover::curves(s, cat, CURVE_POINTS).breakeven;
    let sensitivity = sensitivity::analyze(s, cat, &sims);
    Evaluation { catalog_as_of: cat.as_of.clone(), platforms, breakeven, coldstart, verdict, sensitivity }
}
