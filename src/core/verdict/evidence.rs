//! What the verdict decides on: figures, not engines. The explorer fills the evidence from its
//! simulations (`Evidence::simulated`), the fleet from its analytic estimate; `decide` reads nothing else,
//! so both get the same rules.

use serde::{Deserialize, Serialize};

use crate::core::catalog::Catalog;
use crate::core::coldstart::ColdStartReport;
use crate::core::cost::{self, Limit, PlatformCost, PlatformId, Priced};
use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};
use crate::core::traffic;

/// How the figures were obtained; the reasons say which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Simulated,
    Estimated,
}

impl Method {
    pub fn word(self) -> &'static str {
        match self {
            Method::Simulated => "simulated",
            Method::Estimated => "estimated",
        }
    }
}

/// The load figures the traffic and latency dimensions quote.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Load {
    pub sustained_rps: f64,
    pub peak_rps: f64,
    /// Mean ÷ peak hourly rate: what a fleet sized for the peak hour runs at.
    pub utilization: f64,
    /// Requests in flight in the peak hour (Little's law: rate × duration).
    pub peak_concurrency: f64,
}

pub fn load(s: &Scenario) -> Load {
    load_with(s, &traffic::hourly_weights(s))
}

/// `load` with the week's hourly weights given (a fleet computes them once for every row).
pub fn load_with(s: &Scenario, hourly_weights: &[f64]) -> Load {
    let sustained = (s.requests_per_month / SECONDS_PER_MONTH).max(0.0);
    let w = hourly_weights;
    let mean = w.iter().sum::<f64>() / w.len().max(1) as f64;
    let peak = w.iter().copied().fold(0.0, f64::max);
    let (ratio, utilization) = if mean > 0.0 && peak > 0.0 { (peak / mean, mean / peak) } else { (1.0, 1.0) };
    let peak_rps = sustained * ratio;
    Load { sustained_rps: sustained, peak_rps, utilization, peak_concurrency: peak_rps * s.duration_ms / 1000.0 }
}

/// One platform as the verdict sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlatformEvidence {
    pub id: PlatformId,
    /// Monthly USD (infeasible platforms are never chosen, whatever their price).
    pub monthly_usd: f64,
    /// The first limit the workload breaks here: a hard one rules the platform out, an unguaranteed one
    /// keeps it priced but not relied on.
    pub limit: Option<Limit>,
    /// p99 latency incl. cold starts, ms, where simulated or estimated.
    pub p99_ms: Option<f64>,
}

impl Priced for PlatformEvidence {
    fn id(&self) -> PlatformId {
        self.id
    }

    fn monthly_usd(&self) -> f64 {
        self.monthly_usd
    }

    fn feasible(&self) -> bool {
        self.limit.as_ref().is_none_or(|l| !l.is_hard())
    }
}

/// Cold starts on the platform whose latency the verdict judges (Lambda: the one simulated in detail).
#[derive(Clone, Debug, PartialEq)]
pub struct ColdStarts {
    pub platform: PlatformId,
    /// Share of requests that meet a cold environment.
    pub fraction: f64,
    /// Most environments at once (0 = unknown: Little's law on `Evidence::load` stands in).
    pub peak_environments: f64,
    /// p99 with the environments `latency::provisioned_named` names kept warm, when the target is missed.
    pub warm_p99_ms: Option<f64>,
    /// Added monthly cost of the provisioned concurrency `latency::provisioned_named` names, when priced.
    pub provisioned_usd: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// One per platform, in table order.
    pub platforms: Vec<PlatformEvidence>,
    pub load: Load,
    pub method: Method,
    pub cold: ColdStarts,
    /// Database connections at the peak: one per concurrent environment.
    pub peak_db_connections: f64,
}

impl Evidence {
    pub fn platform(&self, id: PlatformId) -> Option<&PlatformEvidence> {
        cost::by_id(&self.platforms, id)
    }

    /// The p99 the latency dimension judges.
    pub fn judged_p99(&self) -> Option<f64> {
        self.platform(self.cold.platform).and_then(|p| p.p99_ms)
    }

    /// From the simulations, with the platforms as the cost engine priced them on them. `lambda` is
    /// `sims.lambda` or that report scaled to another volume (the sensitivity searches). The cost of
    /// provisioned concurrency is left to the caller (`cold.provisioned_usd`): the searches that decide
    /// many times do not need it.
    pub fn simulated(
        s: &Scenario,
        cat: &Catalog,
        costs: &[PlatformCost],
        sims: &Simulations,
        lambda: &ColdStartReport,
    ) -> Evidence {
        let simulated_p99 = |id: PlatformId| match id {
            PlatformId::AwsLambda => Some(lambda.latency_ms.p99),
            _ => sims.report(id).map(|r| r.latency_ms.p99),
        };
        let platforms = costs
            .iter()
            .map(|p| PlatformEvidence {
                id: p.id,
                monthly_usd: p.monthly_usd,
                limit: cost::limit(p.id, s, cat),
                p99_ms: simulated_p99(p.id),
            })
            .collect();
        Evidence {
            platforms,
            load: load(s),
            method: Method::Simulated,
            cold: ColdStarts {
                platform: PlatformId::AwsLambda,
                fraction: lambda.cold_start_fraction,
                peak_environments: lambda.peak_instances,
                warm_p99_ms: sims.warm_p99,
                provisioned_usd: None,
            },
            peak_db_connections: lambda.peak_db_connections,
        }
    }
}

/// The simulations an assessment runs: Lambda (the reported cold-start view and its billed INIT), Cloud
/// Run and Azure Flex (their billed instance time), and every other feasible platform with an execution
/// model (their latency). This is the heavy half; the browser runs it in a web worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulations {
    pub lambda: ColdStartReport,
    pub cloud_run: ColdStartReport,
    pub azure_flex: ColdStartReport,
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
            PlatformId::AzureFlex => Some(&self.azure_flex),
            _ => self.others.iter().find(|(p, _)| *p == id).map(|(_, r)| r),
        }
    }

    /// What the cost engine is told.
    pub fn usage(&self) -> cost::SimUsage {
        cost::SimUsage::from_reports(&self.lambda, &self.cloud_run, &self.azure_flex, 1.0)
    }
}
