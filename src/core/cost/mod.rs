//! STUB — owned by the cost-engine work: monthly cost of every platform, with a line-item breakdown.

use serde::Serialize;

use super::catalog::Catalog;
use super::scenario::Scenario;

/// Stable platform ids of the `crossover eval` contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineItem {
    pub item: String,
    pub usd: f64,
    /// The arithmetic behind the figure, e.g. "10,000,000 req × $0.20/M".
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

pub fn price_all(_s: &Scenario, _cat: &Catalog, _sim: Option<&SimUsage>) -> Vec<PlatformCost> {
    Vec::new()
}
