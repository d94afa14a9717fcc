//! One evaluation of a scenario: simulate, price, decide. The JSON of `crossover eval` is `Evaluation`.

use serde::Serialize;

use super::catalog::Catalog;
use super::coldstart::{self, ColdStartReport, Performance, SimTarget};
use super::cost::{self, PlatformCost, PlatformId, Pricer};
use super::crossover::{self, BreakEven};
use super::scenario::Scenario;
use super::sensitivity::{self, Sensitivity};
pub use super::verdict::Simulations;
use super::verdict::{self, Evidence, Verdict, dimensions, fixes, latency};

pub use super::crossover::CURVE_POINTS;

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

/// One platform's simulation: a provisioned fleet sized as the cost model sizes it, any other platform by
/// its execution model. `None` where the platform has no model or the workload is infeasible there.
pub fn simulate_platform(s: &Scenario, cat: &Catalog, id: PlatformId) -> Option<ColdStartReport> {
    simulate_in(&coldstart::Batch::new(s, cat.rates()), s, cat, id, cost::provisioned(s, cat, id).as_ref())
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

/// Lambda, Cloud Run and Flex (their billed figures), every other feasible platform with an execution
/// model, and the warm p99 when the latency target is missed (one more simulation).
pub fn simulate(s: &Scenario, cat: &Catalog) -> Simulations {
    let batch = coldstart::Batch::new(s, cat.rates());
    let lambda = batch.simulate(SimTarget::AwsLambda);
    let p99 = lambda.latency_ms.p99;
    let warm_p99 = latency::needs_provisioned(s, p99)
        .then(|| latency::provisioned_named(s, p99, lambda.peak_instances, &dimensions::load(s)))
        .flatten()
        .map(|n| coldstart::warm_p99(s, cat.rates(), n));
    let fleets = cost::provisioned_all(s, cat);
    let fleet = |id: PlatformId| fleets.iter().find(|(p, _)| *p == id).map(|(_, f)| f);
    let mut others: Vec<(PlatformId, ColdStartReport)> = Vec::new();
    let own = [PlatformId::AwsLambda, PlatformId::CloudRun, PlatformId::AzureFlex];
    for id in PlatformId::ALL.iter().copied().filter(|id| !own.contains(id)) {
        // EKS nodes are the instances EC2 would run, started as slowly: the same queue, simulated once.
        let twin = match (id, others.last()) {
            (PlatformId::AwsEks, Some((PlatformId::AwsEc2, ec2)))
                if fleet(PlatformId::AwsEc2) == fleet(id)
                    && coldstart::provisioned::same_lag(SimTarget::AwsEc2, SimTarget::AwsEks) =>
            {
                Some(ColdStartReport { target: Some(SimTarget::AwsEks), ..ec2.clone() })
            }
            _ => None,
        };
        if let Some(r) = twin.or_else(|| simulate_in(&batch, s, cat, id, fleet(id))) {
            others.push((id, r));
        }
    }
    let mut sims = Simulations {
        cloud_run: batch.simulate(SimTarget::CloudRun),
        azure_flex: batch.simulate(SimTarget::AzureFlex),
        lambda,
        warm_p99,
        others,
        fixes: Vec::new(),
    };
    if fixes::wanted(s, cat, |id| sims.report(id).map(|r| r.latency_ms.p99)) {
        sims.fixes = fixes::simulated(s, cat, &sims);
    }
    sims
}

/// Prices every platform with the simulated figures and decides: the cheap half, run on every input.
pub fn assess_with(s: &Scenario, cat: &Catalog, sims: &Simulations) -> Assessment {
    let mut platforms = cost::price_all(s, cat, Some(&sims.usage()));
    for p in platforms.iter_mut().filter(|p| p.feasible) {
        p.performance = sims.report(p.id).map(Performance::from);
    }
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
