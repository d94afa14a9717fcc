//! Monthly cost of every platform, with a line-item breakdown whose `detail` shows the arithmetic.
//!
//! One file per platform family; each has `infeasible` (the named limit a workload breaks, if any)
//! and `price` (charges written to a `Bill`). Every price comes from the catalogue's `Rates`.

mod azure;
mod bill;
mod capacity;
mod cloud_run;
mod containers;
mod front_door;
mod lambda;
mod usage;
mod workers;

use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::coldstart::{Performance, Provisioned, SimTarget};
use super::scenario::Scenario;
use bill::Bill;
pub(crate) use usage::Usage;

/// Stable platform ids of the `crossover eval` contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformId {
    AwsLambda,
    AzureFunctions,
    AzureFlex,
    CloudRun,
    CloudflareWorkers,
    AwsFargate,
    AwsEc2,
    AwsEks,
}

impl PlatformId {
    pub const ALL: [PlatformId; 8] = [
        PlatformId::AwsLambda,
        PlatformId::AzureFunctions,
        PlatformId::AzureFlex,
        PlatformId::CloudRun,
        PlatformId::CloudflareWorkers,
        PlatformId::AwsFargate,
        PlatformId::AwsEc2,
        PlatformId::AwsEks,
    ];

    /// Pay-per-use (functions and request-billed containers) as opposed to provisioned capacity.
    pub fn is_serverless(self) -> bool {
        !matches!(self, PlatformId::AwsFargate | PlatformId::AwsEc2 | PlatformId::AwsEks)
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            PlatformId::AwsLambda => "AWS Lambda",
            PlatformId::AzureFunctions => "Azure Functions (Consumption)",
            PlatformId::AzureFlex => "Azure Functions (Flex Consumption)",
            PlatformId::CloudRun => "Google Cloud Run (request-based)",
            PlatformId::CloudflareWorkers => "Cloudflare Workers (Standard)",
            PlatformId::AwsFargate => "AWS Fargate (ECS) + ALB",
            PlatformId::AwsEc2 => "AWS EC2 + ALB",
            PlatformId::AwsEks => "AWS EKS (EC2 nodes) + ALB",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The execution model its latency is simulated with; `None` where none is modelled yet.
    pub fn sim_target(self) -> Option<SimTarget> {
        match self {
            PlatformId::AwsLambda => Some(SimTarget::AwsLambda),
            PlatformId::AzureFunctions => Some(SimTarget::AzureConsumption),
            PlatformId::AzureFlex => None,
            PlatformId::CloudRun => Some(SimTarget::CloudRun),
            PlatformId::CloudflareWorkers => Some(SimTarget::CloudflareWorkers),
            PlatformId::AwsFargate => Some(SimTarget::AwsFargate),
            PlatformId::AwsEc2 => Some(SimTarget::AwsEc2),
            PlatformId::AwsEks => Some(SimTarget::AwsEks),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineItem {
    pub item: String,
    pub usd: f64,
    /// The arithmetic behind the figure, e.g. "10,000,000 req × $0.20/1M".
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformCost {
    pub id: PlatformId,
    pub name: String,
    pub monthly_usd: f64,
    pub feasible: bool,
    /// The limit that makes the workload infeasible here, when it is.
    pub infeasible_reason: Option<String>,
    pub breakdown: Vec<LineItem>,
    /// The simulated latency, cold starts and instances (`eval` fills it in; absent where the platform is
    /// infeasible or not simulated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<Performance>,
}

/// What the cold-start simulation tells the cost engine. `None` in `price_all` = estimate analytically.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SimUsage {
    /// Lambda cold starts per month (their INIT time is billed).
    pub lambda_cold_starts: f64,
    /// Mean billed INIT duration of one Lambda cold start, ms.
    pub lambda_mean_init_ms: f64,
    /// Cloud Run billable instance-seconds per month (time with ≥ 1 request in flight).
    pub cloud_run_busy_instance_s: f64,
}

/// The named limit that rules `id` out for this workload, if any. Limits are per request, so
/// feasibility does not depend on the monthly volume.
pub fn infeasible_reason(id: PlatformId, s: &Scenario, cat: &Catalog) -> Option<String> {
    let r = cat.rates();
    match id {
        PlatformId::AwsLambda => lambda::infeasible(s, r),
        PlatformId::AzureFunctions => azure::consumption_infeasible(s, r),
        PlatformId::AzureFlex => azure::flex_infeasible(s, r),
        PlatformId::CloudRun => cloud_run::infeasible(s, r),
        PlatformId::CloudflareWorkers => workers::infeasible(s, r),
        PlatformId::AwsFargate => containers::fargate_infeasible(s),
        PlatformId::AwsEc2 | PlatformId::AwsEks => containers::ec2_infeasible(s, r),
    }
}

fn price_one(id: PlatformId, u: &Usage, bill: &mut Bill) {
    match id {
        PlatformId::AwsLambda => {
            lambda::price(u, bill);
            front_door::price(u, bill);
        }
        PlatformId::AzureFunctions => azure::consumption_price(u, bill),
        PlatformId::AzureFlex => azure::flex_price(u, bill),
        PlatformId::CloudRun => cloud_run::price(u, bill),
        PlatformId::CloudflareWorkers => workers::price(u, bill),
        PlatformId::AwsFargate => containers::fargate_price(u, bill),
        PlatformId::AwsEc2 => containers::ec2_price(u, bill, false),
        PlatformId::AwsEks => containers::ec2_price(u, bill, true),
    }
}

/// One `PlatformCost` per `PlatformId::ALL`, in that order. Infeasible platforms are still priced
/// (for reference) but carry `feasible: false` and the limit they break.
pub fn price_all(s: &Scenario, cat: &Catalog, sim: Option<&SimUsage>) -> Vec<PlatformCost> {
    let weights = usage::weights(s);
    let u = Usage::new(s, cat.rates(), sim, &weights, s.requests_per_month);
    PlatformId::ALL
        .iter()
        .map(|&id| {
            let mut bill = Bill::new(true);
            price_one(id, &u, &mut bill);
            let reason = infeasible_reason(id, s, cat);
            PlatformCost {
                id,
                name: id.name().to_string(),
                monthly_usd: bill.total,
                feasible: reason.is_none(),
                infeasible_reason: reason,
                breakdown: bill.items,
                performance: None,
            }
        })
        .collect()
}

/// The fleet a provisioned platform (Fargate, EC2, EKS) runs for this workload, as the cost model sizes it;
/// `None` for the other platforms.
pub fn provisioned(s: &Scenario, cat: &Catalog, id: PlatformId) -> Option<Provisioned> {
    provisioned_all(s, cat).into_iter().find(|(p, _)| *p == id).map(|(_, f)| f)
}

/// Every provisioned platform's fleet, the week's traffic weighed once.
pub fn provisioned_all(s: &Scenario, cat: &Catalog) -> Vec<(PlatformId, Provisioned)> {
    let weights = usage::weights(s);
    let u = Usage::new(s, cat.rates(), None, &weights, s.requests_per_month);
    let ec2 = containers::provisioned(&u, true);
    [
        (PlatformId::AwsFargate, containers::provisioned(&u, false)),
        (PlatformId::AwsEc2, ec2.clone()),
        (PlatformId::AwsEks, ec2),
    ]
    .into_iter()
    .filter_map(|(id, f)| Some((id, f?)))
    .collect()
}

/// Prices one scenario at many volumes without breakdowns (the crossover curves, searches).
/// Traffic weights and feasibility are computed once.
/// The hourly traffic weights the cost models use (finite, ≥ 0, mean 1).
pub fn shape_weights(s: &Scenario) -> Vec<f64> {
    usage::weights(s)
}

pub struct Pricer<'a> {
    s: &'a Scenario,
    cat: &'a Catalog,
    weights: Vec<f64>,
    feasible: [bool; 8],
}

impl<'a> Pricer<'a> {
    pub fn new(s: &'a Scenario, cat: &'a Catalog) -> Pricer<'a> {
        Pricer::with_weights(s, cat, usage::weights(s))
    }

    /// For many scenarios that share a traffic shape (a fleet): `weights` from `shape_weights` of any
    /// of them, so the week's curve is built once rather than per scenario.
    pub fn with_weights(s: &'a Scenario, cat: &'a Catalog, weights: Vec<f64>) -> Pricer<'a> {
        let feasible = PlatformId::ALL.map(|id| infeasible_reason(id, s, cat).is_none());
        Pricer { s, cat, weights, feasible }
    }

    pub fn feasible(&self, id: PlatformId) -> bool {
        self.feasible[id.index()]
    }

    /// Monthly USD of every platform at `requests` per month (analytic, no simulation), in
    /// `PlatformId::ALL` order; `None` where infeasible.
    pub fn totals(&self, requests: f64) -> [Option<f64>; 8] {
        let u = Usage::new(self.s, self.cat.rates(), None, &self.weights, requests);
        PlatformId::ALL.map(|id| {
            self.feasible[id.index()].then(|| {
                let mut bill = Bill::new(false);
                price_one(id, &u, &mut bill);
                bill.total
            })
        })
    }
}
