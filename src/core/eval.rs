//! One evaluation of a scenario: simulate, price, decide. The JSON of `crossover eval` is `Evaluation`.

use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::coldstart::{self, ColdStartReport, Performance, SimTarget};
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

/// The simulations an assessment needs: Lambda (the reported cold-start view), Cloud Run (also its billable
/// instance time) and every other feasible platform with an execution model. This is the heavy half; the
/// browser runs it in a web worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulations {
    pub lambda: ColdStartReport,
    pub cloud_run: ColdStartReport,
    /// Lambda's p99 with the provisioned concurrency the latency target needs, when it is missed.
    pub warm_p99: Option<f64>,
    /// The other simulated platforms (Azure Consumption, Workers, Fargate, EC2, EKS), where feasible.
    #[serde(default)]
    pub others: Vec<(PlatformId, ColdStartReport)>,
}

impl Simulations {
    /// The simulation of a platform, if it ran.
    pub fn report(&self, id: PlatformId) -> Option<&ColdStartReport> {
        match id {
            PlatformId::AwsLambda => Some(&self.lambda),
            PlatformId::CloudRun => Some(&self.cloud_run),
            _ => self.others.iter().find(|(p, _)| *p == id).map(|(_, r)| r),
        }
    }
}

/// One platform's simulation: a provisioned fleet sized as the cost model sizes it, any other platform by
/// its execution model. `None` where the platform has no model or the workload is infeasible there.
pub fn simulate_platform(s: &Scenario, cat: &Catalog, id: PlatformId) -> Option<ColdStartReport> {
    simulate_in(&coldstart::Batch::new(s), s, cat, id, cost::provisioned(s, cat, id).as_ref())
}

fn simulate_in(
    batch: &coldstart::Batch,
    s: &Scenario,
    cat: &Catalog,
    id: PlatformId,
    fleet: Option<&coldstart::Provisioned>,
) -> Option<ColdStartReport> {
    let target = id.sim_target()?;
    if cost::infeasible_reason(id, s, cat).is_some() {
        return None;
    }
    match fleet {
        Some(fleet) => Some(batch.simulate_fleet(target, fleet)),
        None => Some(batch.simulate(target)),
    }
}

pub fn simulate(s: &Scenario, cat: &Catalog) -> Simulations {
    let batch = coldstart::Batch::new(s);
    let lambda = batch.simulate(SimTarget::AwsLambda);
    let warm_p99 = latency::needs_provisioned(s, &lambda)
        .then(|| latency::warm_p99(s, latency::provisioned_estimate(&lambda, &dimensions::load(s))));
    let fleets = cost::provisioned_all(s, cat);
    let fleet = |id: PlatformId| fleets.iter().find(|(p, _)| *p == id).map(|(_, f)| f);
    let mut others: Vec<(PlatformId, ColdStartReport)> = Vec::new();
    for id in PlatformId::ALL.into_iter().filter(|&id| !matches!(id, PlatformId::AwsLambda | PlatformId::CloudRun)) {
        // EKS nodes are the instances EC2 would run, started as slowly: the same queue, simulated once.
        let twin = match (id, others.last()) {
            (PlatformId::AwsEks, Some((PlatformId::AwsEc2, ec2)))
                if fleet(PlatformId::AwsEc2) == fleet(id)
                    && coldstart::capacity::same_lag(SimTarget::AwsEc2, SimTarget::AwsEks) =>
            {
                Some(ColdStartReport { target: Some(SimTarget::AwsEks), ..ec2.clone() })
            }
            _ => None,
        };
        if let Some(r) = twin.or_else(|| simulate_in(&batch, s, cat, id, fleet(id))) {
            others.push((id, r));
        }
    }
    Simulations { cloud_run: batch.simulate(SimTarget::CloudRun), lambda, warm_p99, others }
}

/// Prices every platform with the simulated figures and decides: the cheap half, run on every input.
pub fn assess_with(s: &Scenario, cat: &Catalog, sims: &Simulations) -> Assessment {
    let usage = SimUsage {
        lambda_cold_starts: sims.lambda.cold_starts,
        lambda_mean_init_ms: sims.lambda.mean_init_ms,
        cloud_run_busy_instance_s: sims.cloud_run.avg_busy_instances * super::scenario::SECONDS_PER_MONTH,
    };
    let mut platforms = cost::price_all(s, cat, Some(&usage));
    for p in platforms.iter_mut().filter(|p| p.feasible) {
        p.performance = sims.report(p.id).map(Performance::from);
    }
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
