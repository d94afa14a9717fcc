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
use super::coldstart::ColdStartReport;
use super::scenario::{SECONDS_PER_MONTH, Scenario};
use bill::Bill;
pub(crate) use usage::{Lifecycle, Usage};

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
            PlatformId::AzureFunctions => "Azure Functions (Consumption, legacy)",
            PlatformId::AzureFlex => "Azure Functions (Flex Consumption)",
            PlatformId::CloudRun => "Google Cloud Run",
            PlatformId::CloudflareWorkers => "Cloudflare Workers (Standard)",
            PlatformId::AwsFargate => "AWS Fargate (ECS) + ALB",
            PlatformId::AwsEc2 => "AWS EC2 + ALB",
            PlatformId::AwsEks => "AWS EKS (EC2 nodes) + ALB",
        }
    }

    fn index(self) -> usize {
        self as usize
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
}

/// What the simulations tell the cost engine. `None` in `price_all` = estimate analytically.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SimUsage {
    /// Lambda cold starts per month (their INIT time is billed).
    pub lambda_cold_starts: f64,
    /// Mean billed INIT of one Lambda cold start, ms: the Init Duration (runtime + own init code).
    pub lambda_mean_init_ms: f64,
    /// Cloud Run instance-seconds per month with ≥ 1 request in flight, start-up included
    /// (request-based billing).
    pub cloud_run_busy_instance_s: f64,
    /// Cloud Run instance-seconds per month alive, idle ones included (instance-based billing).
    pub cloud_run_instance_s: f64,
    /// Flex billed activity per month, instance-seconds, of on-demand and always-ready instances.
    pub flex_on_demand_active_s: f64,
    pub flex_always_ready_active_s: f64,
    /// Share of executions the Flex always-ready instances served.
    pub flex_always_ready_share: f64,
}

impl SimUsage {
    /// The month's figures of the Lambda, Cloud Run and Flex simulations, with volumes scaled by
    /// `factor` (1 = as simulated; the sensitivity search scales them to nearby volumes).
    pub fn from_reports(
        lambda: &ColdStartReport,
        cloud_run: &ColdStartReport,
        flex: &ColdStartReport,
        factor: f64,
    ) -> SimUsage {
        let month = SECONDS_PER_MONTH * factor;
        SimUsage {
            lambda_cold_starts: lambda.cold_starts * factor,
            lambda_mean_init_ms: lambda.mean_billed_init_ms,
            cloud_run_busy_instance_s: cloud_run.avg_busy_instances * month,
            cloud_run_instance_s: cloud_run.avg_instances * month,
            flex_on_demand_active_s: flex.avg_billed_activity * month,
            flex_always_ready_active_s: flex.avg_billed_activity_permanent * month,
            flex_always_ready_share: flex.permanent_share,
        }
    }
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
    let distinct = usage::distinct(&weights);
    let life = Lifecycle::new(s);
    let u = Usage::new(s, cat.rates(), sim, &life, &weights, &distinct, s.requests_per_month);
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
            }
        })
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
    distinct: Vec<(f64, f64)>,
    life: Lifecycle,
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
        Pricer { s, cat, distinct: usage::distinct(&weights), weights, life: Lifecycle::new(s), feasible }
    }

    pub fn feasible(&self, id: PlatformId) -> bool {
        self.feasible[id.index()]
    }

    /// Monthly USD of every platform at `requests` per month (analytic, no simulation), in
    /// `PlatformId::ALL` order; `None` where infeasible.
    pub fn totals(&self, requests: f64) -> [Option<f64>; 8] {
        let u = Usage::new(self.s, self.cat.rates(), None, &self.life, &self.weights, &self.distinct, requests);
        PlatformId::ALL.map(|id| {
            self.feasible[id.index()].then(|| {
                let mut bill = Bill::new(false);
                price_one(id, &u, &mut bill);
                bill.total
            })
        })
    }
}
