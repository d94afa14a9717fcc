//! The costs architects forget, as line items of a platform's bill, by its row of the platform table:
//! data transfer out on every platform by its network's rule, logs by its log service, NAT gateways
//! where the row and the scenario put the workload in private subnets, and last the commitment credit
//! on the baseline the platform's own pricing declared (`Bill::commit`).
//!
//! Assumptions, stated once: the free allowances (AWS's 100 GB out, CloudWatch's 5 GB, Cloud Logging's
//! 50 GiB, Azure Monitor's 5 GB) are per account, so they count only with `free_tier`, like every
//! other allowance; a NAT gateway processes the workload's egress (`egress_kb_per_request`), an upper
//! bound when responses leave through a load balancer instead.

use super::super::bill::{Bill, money, num, rate};
use super::super::{Nat, Platform, Usage};
use super::commitment::{self, Commitment, Committed};
use super::egress::{self, Network};
use super::logs::{self, LogService};
use super::{monthly_gb, nat};
use crate::core::scenario::{CloudRunBilling, Scenario};
use crate::core::select::smaller;

pub(in crate::core::cost) fn add(row: &Platform, u: &Usage, bill: &mut Bill) {
    let gb = monthly_gb(u.requests, u.s.egress_kb_per_request);
    if u.s.egress_kb_per_request > 0.0 {
        data_transfer(row.network, gb, u, bill);
    }
    if let Some(service) = row.logs
        && u.s.log_kb_per_request > 0.0
    {
        log_storage(service, u, bill);
    }
    if behind_nat(row.nat, u.s) {
        nat_gateways(gb, u, bill);
    }
    if let Some(what) = row.commitment {
        commitment_credit(what, u, bill);
    }
}

/// Whether the workload reaches the internet through NAT gateways of its own here.
pub fn behind_nat(rule: Nat, s: &Scenario) -> bool {
    match rule {
        Nat::Never => false,
        Nat::PrivateSubnets => s.private_subnets,
        Nat::InVpc => s.vpc && s.private_subnets,
    }
}

/// (tier start in the provider's unit, the catalogue keys behind that tier), per network.
fn egress_tiers(network: Network, u: &Usage) -> Vec<(f64, [&'static str; 2])> {
    let h = u.h;
    match network {
        Network::Aws => vec![
            (0.0, ["egress.aws.free_gb", "egress.aws.t1"]),
            (h.egress_aws_t2_from, ["egress.aws.t2_from", "egress.aws.t2"]),
            (h.egress_aws_t3_from, ["egress.aws.t3_from", "egress.aws.t3"]),
            (h.egress_aws_t4_from, ["egress.aws.t4_from", "egress.aws.t4"]),
        ],
        Network::Azure => vec![
            (0.0, ["egress.azure.free_gb", "egress.azure.t1"]),
            (h.egress_azure_t2_from, ["egress.azure.t2_from", "egress.azure.t2"]),
            (h.egress_azure_t3_from, ["egress.azure.t3_from", "egress.azure.t3"]),
            (h.egress_azure_t4_from, ["egress.azure.t4_from", "egress.azure.t4"]),
        ],
        Network::Google => vec![
            (0.0, ["egress.gcp.free_gib", "egress.gcp.t1"]),
            (h.egress_gcp_t2_from, ["egress.gcp.t2_from", "egress.gcp.t2"]),
            (h.egress_gcp_t3_from, ["egress.gcp.t3_from", "egress.gcp.t3"]),
        ],
        Network::Cloudflare => vec![(0.0, ["egress.cloudflare.gb", "egress.cloudflare.gb"])],
    }
}

fn data_transfer(network: Network, gb: f64, u: &Usage, bill: &mut Bill) {
    let (s, h) = (u.s, u.h);
    let c = egress::charge(network, gb, h, s.free_tier);
    bill.add("Data transfer out", c.usd, || {
        let volume = format!("{} req × {} KB = {} GB", num(u.requests), num(s.egress_kb_per_request), num(gb));
        let free = |unit: &str| {
            if c.free > 0.0 { format!(" − {} {unit} free", num(c.free)) } else { String::new() }
        };
        match network {
            Network::Aws => format!(
                "{volume}{} × {}/GB (AWS, lower above {} GB)",
                free("GB"),
                rate(h.egress_aws_t1),
                num(h.egress_aws_t2_from)
            ),
            Network::Azure => format!(
                "{volume}{} × {}/GB (Azure, lower above {} GB)",
                free("GB"),
                rate(h.egress_azure_t1),
                num(h.egress_azure_t2_from)
            ),
            Network::Google => format!(
                "{volume} = {} GiB{} × {}/GiB (Google Premium Tier, lower above {} GiB)",
                num(c.volume),
                free("GiB"),
                rate(h.egress_gcp_t1),
                num(h.egress_gcp_t2_from)
            ),
            Network::Cloudflare => format!("{volume}: Workers charge nothing for data transfer out"),
        }
    });
    if bill.detailed() {
        u.flag(bill, &reached(&egress_tiers(network, u), c.volume));
    }
}

/// The keys of every tier `volume` reaches.
fn reached(tiers: &[(f64, [&'static str; 2])], volume: f64) -> Vec<&'static str> {
    tiers.iter().filter(|(start, _)| *start == 0.0 || volume > *start).flat_map(|(_, keys)| *keys).collect()
}

fn log_storage(service: LogService, u: &Usage, bill: &mut Bill) {
    let (s, h) = (u.s, u.h);
    let gb = monthly_gb(u.requests, s.log_kb_per_request);
    let c = logs::charge(service, gb, h, s.free_tier);
    let (item, unit) = match service {
        LogService::CloudWatchLambda | LogService::CloudWatch => ("Logs (CloudWatch Logs)", "GB"),
        LogService::CloudLogging => ("Logs (Cloud Logging)", "GiB"),
        LogService::AzureMonitor => ("Logs (Azure Monitor Logs)", "GB"),
    };
    bill.add(item, c.usd(), || {
        let (ingest, storage) = match service {
            LogService::CloudWatchLambda | LogService::CloudWatch => {
                (h.logs_cloudwatch_ingest, format!("{}/GB-month", rate(h.logs_cloudwatch_storage)))
            }
            LogService::CloudLogging => (h.logs_gcp_ingest, format!("{} days included", num(h.logs_gcp_included_days))),
            LogService::AzureMonitor => {
                (h.logs_azure_ingest, format!("{} days included", num(h.logs_azure_included_days)))
            }
        };
        let free = if c.free > 0.0 { format!(" − {} {unit} free", num(c.free)) } else { String::new() };
        let tiers = if service == LogService::CloudWatchLambda {
            format!(", Lambda logs lower above {} GB", num(h.logs_cloudwatch_lambda_t2_from))
        } else {
            String::new()
        };
        format!(
            "{} req × {} KB = {} {unit}{free} × {}/{unit} ingested{tiers} = {}; a month kept ({storage}) = {}",
            num(u.requests),
            num(s.log_kb_per_request),
            num(c.volume),
            rate(ingest),
            money(c.ingest_usd),
            money(c.storage_usd)
        )
    });
    if !bill.detailed() {
        return;
    }
    let mut keys = match service {
        LogService::CloudWatchLambda | LogService::CloudWatch => {
            vec!["logs.cloudwatch.ingest", "logs.cloudwatch.storage"]
        }
        LogService::CloudLogging => vec!["logs.gcp.ingest", "logs.gcp.included_days", "logs.gcp.storage"],
        LogService::AzureMonitor => vec!["logs.azure.ingest", "logs.azure.included_days", "logs.azure.storage"],
    };
    if s.free_tier {
        keys.push(match service {
            LogService::CloudWatchLambda | LogService::CloudWatch => "logs.cloudwatch.free_gb",
            LogService::CloudLogging => "logs.gcp.free_gib",
            LogService::AzureMonitor => "logs.azure.free_gb",
        });
    }
    if service == LogService::CloudWatchLambda && gb > h.logs_cloudwatch_lambda_t2_from {
        keys.extend(["logs.cloudwatch.lambda_t2", "logs.cloudwatch.lambda_t3", "logs.cloudwatch.lambda_t4"]);
    }
    u.flag(bill, &keys);
}

fn nat_gateways(gb: f64, u: &Usage, bill: &mut Bill) {
    let (s, h) = (u.s, u.h);
    let c = nat::charge(s.availability_zones, u.hours(), gb, h);
    bill.add("NAT gateways", c.hours_usd + c.processing_usd, || {
        format!(
            "{} gateways (one per availability zone) × {} h × {}/h + {} GB of egress processed × {}/GB",
            num(c.gateways),
            num(u.hours()),
            rate(h.nat_hourly),
            num(gb),
            rate(h.nat_gb)
        )
    });
    u.flag(bill, &["nat.hourly", "nat.gb"]);
}

/// The catalogue key of the discount `what` earns under `commitment`.
fn discount_key(what: Committed, commitment: Commitment) -> &'static str {
    let three = commitment == Commitment::Savings3y;
    match what {
        Committed::Lambda if three => "commit.lambda.savings_3y",
        Committed::Lambda => "commit.lambda.savings_1y",
        Committed::Fargate if three => "commit.fargate.savings_3y",
        Committed::Fargate => "commit.fargate.savings_1y",
        Committed::Ec2 if three => "commit.ec2.savings_3y",
        Committed::Ec2 => "commit.ec2.savings_1y",
        Committed::CloudRunRequestBased => "commit.cloud_run.request_based",
        Committed::CloudRunInstanceBased if three => "commit.cloud_run.instance_3y",
        Committed::CloudRunInstanceBased => "commit.cloud_run.instance_1y",
        Committed::ContainerApps if three => "commit.container_apps.savings_3y",
        Committed::ContainerApps => "commit.container_apps.savings_1y",
    }
}

/// Savings on the committed baseline only: the quietest hour's eligible spend, every hour of the month;
/// what the traffic adds above it stays on demand.
fn commitment_credit(what: Committed, u: &Usage, bill: &mut Bill) {
    // Cloud Run's row names request-based billing; the billing setting picks which discount applies.
    let what = match what {
        Committed::CloudRunRequestBased if u.s.cloud_run_billing == CloudRunBilling::Instance => {
            Committed::CloudRunInstanceBased
        }
        other => other,
    };
    let commitment = u.s.commitment;
    let d = commitment::discount(commitment, what, u.h);
    if d <= 0.0 {
        return;
    }
    let base = bill.committable.usd_per_hour;
    let hours = u.hours();
    let saved = smaller(commitment::savings(base, hours, d), bill.committable.eligible_usd * d);
    if saved <= 0.0 {
        return;
    }
    let three = commitment == Commitment::Savings3y;
    let item = match what {
        Committed::Lambda | Committed::Fargate | Committed::Ec2 if three => "Compute Savings Plan (3 yr)",
        Committed::Lambda | Committed::Fargate | Committed::Ec2 => "Compute Savings Plan (1 yr)",
        Committed::CloudRunRequestBased | Committed::CloudRunInstanceBased if three => "Committed use discount (3 yr)",
        Committed::CloudRunRequestBased | Committed::CloudRunInstanceBased => "Committed use discount (1 yr)",
        Committed::ContainerApps if three => "Azure savings plan for compute (3 yr)",
        Committed::ContainerApps => "Azure savings plan for compute (1 yr)",
    };
    let parts = std::mem::take(&mut bill.committable.parts);
    bill.credit(item, saved, || {
        format!(
            "{}% off the committed baseline of {}/h ({}) × {} h; usage above it stays on demand",
            num(d * 100.0),
            rate((base * 1e4).round() / 1e4),
            parts.join(" + "),
            num(hours)
        )
    });
    u.flag(bill, &[discount_key(what, commitment)]);
}
