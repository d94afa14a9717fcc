//! One evaluation of a scenario: simulate, price, decide. The JSON of `crossover eval` is `Evaluation`.

use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::coldstart::{self, ColdStartReport, SimTarget};
use super::cost::{self, PlatformCost, PlatformId, SimUsage};
use super::crossover::{self, BreakEven};
use super::scenario::Scenario;
use super::sensitivity::{self, Sensitivity};
use super::verdict::{self, Verdict, dimensions, latency};

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

/// The simulations an assessment needs: Lambda (the reported cold-start view and its billed INIT),
/// Cloud Run and Azure Flex (their billed instance time). This is the heavy half; the browser runs it
/// in a web worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulations {
    pub lambda: ColdStartReport,
    pub cloud_run: ColdStartReport,
    pub azure_flex: ColdStartReport,
    /// Lambda's p99 with the provisioned concurrency the latency target needs, when it is missed.
    pub warm_p99: Option<f64>,
}

pub fn simulate(s: &Scenario, cat: &Catalog) -> Simulations {
    let r = cat.rates();
    let lambda = coldstart::simulate_with(s, r, SimTarget::AwsLambda);
    let warm_p99 = latency::needs_provisioned(s, &lambda)
        .then(|| latency::warm_p99(s, latency::provisioned_estimate(&lambda, &dimensions::load(s))));
    Simulations {
        cloud_run: coldstart::simulate_with(s, r, SimTarget::CloudRun),
        azure_flex: coldstart::simulate_with(s, r, SimTarget::AzureFlex),
        lambda,
        warm_p99,
    }
}

/// Prices every platform with the simulated figures and decides: the cheap half, run on every input.
pub fn assess_with(s: &Scenario, cat: &Catalog, sims: &Simulations) -> Assessment {
    let usage = SimUsage::from_reports(&sims.lambda, &sims.cloud_run, &sims.azure_flex, 1.0);
    let platforms = cost::price_all(s, cat, Some(&usage));
    let verdict = verdict::decide_with(s, cat, &platforms, &sims.lambda, sims.warm_p99);
    Assessment { platforms, coldstart: sims.lambda.clone(), verdict }
}

pub fn assess(s: &Scenario, cat: &Catalog) -> Assessment {
    assess_with(s, cat, &simulate(s, cat))
}

pub fn evaluate(s: &Scenario, cat: &Catalog) -> Evaluation {
    let Assessment { platforms, coldstart, verdict } = assess(s, cat);
    let breakeven = crossover::curves(s, cat, CURVE_POINTS).breakeven;
    let sensitivity = sensitivity::analyze(s, cat);
    Evaluation { catalog_as_of: cat.as_of.clone(), platforms, breakeven, coldstart, verdict, sensitivity }
}

/// The cheapest feasible platform, optionally only among serverless or container options.
pub fn cheapest(platforms: &[PlatformCost], serverless: Option<bool>) -> Option<&PlatformCost> {
    platforms
        .iter()
        .filter(|p| p.feasible && serverless.is_none_or(|want| p.id.is_serverless() == want))
        .min_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
}

/// Lookup by id.
pub fn platform(platforms: &[PlatformCost], id: PlatformId) -> Option<&PlatformCost> {
    platforms.iter().find(|p| p.id == id)
}
