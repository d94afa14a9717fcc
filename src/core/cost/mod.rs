//! Monthly cost of every platform, with a line-item breakdown whose `detail` shows the arithmetic.
//!
//! `PLATFORMS` below is the platform table: one row per platform with its id, name, family, colour, the
//! blockers it works around, its limits and its pricing. One file per platform family holds the last two;
//! each prices into a `Bill` from the catalogue's `Rates` and names the limit a workload breaks as a typed
//! `Limit`.

mod azure;
mod bill;
mod capacity;
mod cloud_run;
mod container_apps;
mod containers;
mod front_door;
pub mod hidden;
mod lambda;
mod lambda_managed;
mod limits;
mod platform;
mod pricer;
mod provenance;
mod usage;
mod workers;

use serde::Serialize;

use super::catalog::Catalog;
use super::coldstart::{ColdStartReport, Performance, Provisioned, SimTarget, analytic};
use super::scenario::{SECONDS_PER_MONTH, Scenario};
use super::traffic;
use bill::Bill;
pub use limits::{Bound, Limit, LimitKind};
use platform::platform_table;
pub use platform::{Blocker, Colour, Family, Nat, Platform, Priced, by_id, cheapest};
pub use pricer::Pricer;
pub use provenance::{LineKeys, Provenance, catalogue_key, keys_of, provenance};
pub(crate) use usage::Usage;

use Blocker::{DatabaseConnections, ExecutionTime, Gpu, HeldConnections, Memory, OtherLimit, Payload};
use hidden::commitment::Committed;
use hidden::egress::Network;
use hidden::logs::LogService;

// The platform table. Adding a platform: its pricing file (`mod` above), its catalogue entries, one row.
// `network`, `logs`, `nat` and `commitment` say which of the costs architects forget apply to it, and by
// whose rule (`hidden::items`).
platform_table! {
    AwsLambda = "aws_lambda" {
        name: "AWS Lambda", family: Family::Function, serverless: true, colour: Colour::both(230, 159, 0),
        works_around: &[],
        network: Network::Aws, logs: Some(LogService::CloudWatchLambda), nat: Nat::InVpc,
        commitment: Some(Committed::Lambda),
        limits: lambda::limits, price: lambda::price,
    },
    AzureFunctions = "azure_functions" {
        name: "Azure Functions (Consumption, legacy)", family: Family::Function, serverless: true,
        colour: Colour::both(86, 180, 233),
        works_around: &[],
        network: Network::Azure, logs: Some(LogService::AzureMonitor), nat: Nat::Never, commitment: None,
        limits: azure::consumption_limits, price: azure::consumption_price,
    },
    AzureFlex = "azure_flex" {
        name: "Azure Functions (Flex Consumption)", family: Family::Function, serverless: true,
        colour: Colour::both(0, 114, 178),
        works_around: &[],
        network: Network::Azure, logs: Some(LogService::AzureMonitor), nat: Nat::Never, commitment: None,
        limits: azure::flex_limits, price: azure::flex_price,
    },
    CloudRun = "cloud_run" {
        name: "Google Cloud Run", family: Family::Container, serverless: true,
        colour: Colour::both(0, 158, 115),
        works_around: &[ExecutionTime, Memory, Payload, OtherLimit, Gpu, HeldConnections],
        network: Network::Google, logs: Some(LogService::CloudLogging), nat: Nat::Never,
        commitment: Some(Committed::CloudRunRequestBased),
        limits: cloud_run::limits, price: cloud_run::price,
    },
    CloudflareWorkers = "cloudflare_workers" {
        name: "Cloudflare Workers (Standard)", family: Family::Function, serverless: true,
        colour: Colour::both(204, 121, 167),
        works_around: &[],
        network: Network::Cloudflare, logs: None, nat: Nat::Never, commitment: None,
        limits: workers::limits, price: workers::price,
    },
    AwsFargate = "aws_fargate" {
        name: "AWS Fargate (ECS) + ALB", family: Family::Container, serverless: false,
        colour: Colour::both(213, 94, 0),
        works_around: &[ExecutionTime, Memory, Payload, OtherLimit, HeldConnections, DatabaseConnections],
        network: Network::Aws, logs: Some(LogService::CloudWatch), nat: Nat::PrivateSubnets,
        commitment: Some(Committed::Fargate),
        limits: containers::fargate_limits, price: containers::fargate_price,
    },
    AwsEc2 = "aws_ec2" {
        name: "AWS EC2 + ALB", family: Family::Container, serverless: false,
        colour: Colour { light: (160, 150, 20), dark: (240, 228, 66) },
        works_around: &[Memory, Payload, OtherLimit, Gpu, HeldConnections, DatabaseConnections],
        network: Network::Aws, logs: Some(LogService::CloudWatch), nat: Nat::PrivateSubnets,
        commitment: Some(Committed::Ec2),
        limits: containers::ec2_limits, price: containers::ec2_price,
    },
    AwsEks = "aws_eks" {
        name: "AWS EKS (EC2 nodes) + ALB", family: Family::Container, serverless: false,
        colour: Colour { light: (60, 60, 60), dark: (200, 200, 200) },
        works_around: &[Memory, Payload, OtherLimit, Gpu, HeldConnections, DatabaseConnections],
        network: Network::Aws, logs: Some(LogService::CloudWatch), nat: Nat::PrivateSubnets,
        commitment: Some(Committed::Ec2),
        limits: containers::ec2_limits, price: containers::eks_price,
    },
    // Provisioned like EC2 (instances billed all month, three at least), so not pay-per-use; its
    // environments go to 32 GB, past Lambda's memory ceiling.
    AwsLambdaManaged = "aws_lambda_managed" {
        name: "AWS Lambda Managed Instances", family: Family::Function, serverless: false,
        colour: Colour { light: (150, 95, 0), dark: (250, 190, 90) },
        works_around: &[Memory],
        network: Network::Aws, logs: Some(LogService::CloudWatchLambda), nat: Nat::PrivateSubnets,
        commitment: Some(Committed::Ec2),
        limits: lambda_managed::limits, price: lambda_managed::price,
    },
    AzureContainerApps = "azure_container_apps" {
        name: "Azure Container Apps (Consumption)", family: Family::Container, serverless: true,
        colour: Colour { light: (110, 90, 180), dark: (175, 160, 240) },
        works_around: &[OtherLimit],
        network: Network::Azure, logs: Some(LogService::AzureMonitor), nat: Nat::Never,
        commitment: Some(Committed::ContainerApps),
        limits: container_apps::limits, price: container_apps::price,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineItem {
    pub item: String,
    /// Negative for a credit (a commitment's savings).
    pub usd: f64,
    /// The arithmetic behind the figure, e.g. "10,000,000 req × $0.20/1M".
    pub detail: String,
    /// The catalogue keys behind the figure whose status is UNVERIFIED (one weak source): check them
    /// before relying on it.
    pub unverified: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformCost {
    pub id: PlatformId,
    pub name: String,
    pub monthly_usd: f64,
    pub feasible: bool,
    /// The hard limit that makes the workload infeasible here, when it is (serialised as its message).
    pub infeasible_reason: Option<Limit>,
    pub breakdown: Vec<LineItem>,
    /// The simulated latency, cold starts and instances (`eval` fills it in; absent where the platform is
    /// infeasible or not simulated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<Performance>,
}

impl Priced for PlatformCost {
    fn id(&self) -> PlatformId {
        self.id
    }

    fn monthly_usd(&self) -> f64 {
        self.monthly_usd
    }

    fn feasible(&self) -> bool {
        self.feasible
    }
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

/// The first limit `id` puts on this workload, hard or unguaranteed. Limits are per request, so they do
/// not depend on the monthly volume.
pub fn limit(id: PlatformId, s: &Scenario, cat: &Catalog) -> Option<Limit> {
    (id.row().limits)(s, cat.rates())
}

/// The hard limit that rules `id` out for this workload, if any.
pub fn infeasible_reason(id: PlatformId, s: &Scenario, cat: &Catalog) -> Option<Limit> {
    limit(id, s, cat).filter(Limit::is_hard)
}

/// One `PlatformCost` per row of `PLATFORMS`, in that order. Infeasible platforms are still priced
/// (for reference) but carry `feasible: false` and the limit they break.
pub fn price_all(s: &Scenario, cat: &Catalog, sim: Option<&SimUsage>) -> Vec<PlatformCost> {
    let weights = usage::weights(s);
    let distinct = traffic::distinct(&weights);
    let cold = sim.is_none().then(|| analytic::Inputs::builtin(s));
    let u = Usage::new(s, cat, sim, &weights, &distinct, s.requests_per_month, cold);
    PLATFORMS
        .iter()
        .map(|row| {
            let mut bill = Bill::new(true);
            price_row(row, &u, &mut bill);
            let reason = infeasible_reason(row.id, s, cat);
            PlatformCost {
                id: row.id,
                name: row.name.to_string(),
                monthly_usd: bill.total,
                feasible: reason.is_none(),
                infeasible_reason: reason,
                breakdown: bill.items,
                performance: None,
            }
        })
        .collect()
}

impl PlatformId {
    /// The execution model the latency simulation runs for this platform (every platform has one).
    pub fn sim_target(self) -> Option<SimTarget> {
        match self {
            PlatformId::AwsLambda => Some(SimTarget::AwsLambda),
            PlatformId::AzureFunctions => Some(SimTarget::AzureConsumption),
            PlatformId::AzureFlex => Some(SimTarget::AzureFlex),
            PlatformId::CloudRun => Some(SimTarget::CloudRun),
            PlatformId::CloudflareWorkers => Some(SimTarget::CloudflareWorkers),
            PlatformId::AwsFargate => Some(SimTarget::AwsFargate),
            PlatformId::AwsEc2 => Some(SimTarget::AwsEc2),
            PlatformId::AwsEks => Some(SimTarget::AwsEks),
            PlatformId::AwsLambdaManaged => Some(SimTarget::AwsLambdaManaged),
            PlatformId::AzureContainerApps => Some(SimTarget::AzureContainerApps),
        }
    }
}

/// One platform's whole bill: its own charges, then the costs architects forget that its row says apply
/// (data transfer out, logs, NAT gateways) and the commitment credit on its baseline.
fn price_row(row: &Platform, u: &Usage, bill: &mut Bill) {
    (row.price)(u, bill);
    hidden::items::add(row, u, bill);
}

/// The fleet a provisioned platform (Fargate, EC2, EKS) runs for this workload, as the cost model sizes it;
/// `None` for the other platforms.
pub fn provisioned(s: &Scenario, cat: &Catalog, id: PlatformId) -> Option<Provisioned> {
    provisioned_all(s, cat).into_iter().find(|(p, _)| *p == id).map(|(_, f)| f)
}

/// Every provisioned platform's fleet, the week's traffic weighed once.
pub fn provisioned_all(s: &Scenario, cat: &Catalog) -> Vec<(PlatformId, Provisioned)> {
    let weights = usage::weights(s);
    let distinct = traffic::distinct(&weights);
    let u = Usage::new(s, cat, None, &weights, &distinct, s.requests_per_month, Some(analytic::Inputs::builtin(s)));
    let ec2 = containers::provisioned(&u, true);
    [
        (PlatformId::AwsFargate, containers::provisioned(&u, false)),
        (PlatformId::AwsEc2, ec2.clone()),
        (PlatformId::AwsEks, ec2),
        (PlatformId::AwsLambdaManaged, lambda_managed::provisioned(&u)),
    ]
    .into_iter()
    .filter_map(|(id, f)| Some((id, f?)))
    .collect()
}

/// The hourly traffic weights the cost models use (finite, ≥ 0, mean 1).
pub fn shape_weights(s: &Scenario) -> Vec<f64> {
    usage::weights(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_id_order_with_unique_keys() {
        for (i, row) in PLATFORMS.iter().enumerate() {
            assert_eq!(row.id.index(), i);
            assert_eq!(PlatformId::ALL[i], row.id);
            assert_eq!(serde_json::to_value(row.id).unwrap(), row.key);
            assert!(PLATFORMS[..i].iter().all(|r| r.key != row.key && r.name != row.name));
        }
    }
}
