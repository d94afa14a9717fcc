//! Log ingestion and a month of storage, by the service that keeps a platform's logs:
//! - CloudWatch Logs (Lambda, Lambda Managed Instances, Fargate, EC2/EKS): $ per GB ingested plus
//!   $ per GB-month stored. Logs a Lambda function writes are volume-tiered since 2025-05-01; other
//!   logs pay the flat Standard rate.
//! - Cloud Logging (Cloud Run): $ per GiB ingested, 30 days of storage included, 50 GiB free per
//!   project.
//! - Azure Monitor Log Analytics (Azure Functions, Container Apps): $ per GB ingested, 31 days of
//!   retention included, 5 GB free.
//!
//! "A month of storage" = the month's logs kept for one 730-hour month (30.42 days): charged only for
//! the days beyond what the ingestion price includes. CloudWatch bills stored logs compressed; the model
//! charges the ingested size, an upper bound. The free allowances are shared by the account or
//! project, so the caller decides whether to count them (`free`).

use super::super::bill::tiered;
use super::{GB_PER_GIB, HiddenRates};
use crate::core::scenario::HOURS_PER_MONTH;
use crate::core::select::{larger, smaller};

/// Where a platform's logs go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogService {
    /// CloudWatch Logs, logs written by Lambda functions (tiered).
    CloudWatchLambda,
    /// CloudWatch Logs, any other source (containers, instances): the flat Standard rate.
    CloudWatch,
    CloudLogging,
    AzureMonitor,
}

/// What one month of logs costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogCharge {
    pub ingest_usd: f64,
    pub storage_usd: f64,
    /// The volume in the service's own unit (GB, or GiB for Cloud Logging).
    pub volume: f64,
    /// The free part of `volume` that was counted.
    pub free: f64,
}

impl LogCharge {
    pub fn usd(&self) -> f64 {
        self.ingest_usd + self.storage_usd
    }
}

/// The days of the 730-hour month (30.42).
const MONTH_DAYS: f64 = HOURS_PER_MONTH / 24.0;

/// Logs of `gb` (10⁹ bytes) written in a month, kept for a month.
pub fn charge(service: LogService, gb: f64, r: &HiddenRates, free: bool) -> LogCharge {
    let gb = if gb.is_finite() { larger(gb, 0.0) } else { 0.0 };
    let allowance = |x: f64| if free { x } else { 0.0 };
    // (volume, free allowance, ingestion tiers, storage $ per unit-month, days included)
    let (volume, allowance, ingest, storage, included_days) = match service {
        LogService::CloudWatchLambda | LogService::CloudWatch => {
            let f = allowance(r.logs_cloudwatch_free_gb);
            let tiers = if service == LogService::CloudWatchLambda {
                [
                    (0.0, r.logs_cloudwatch_ingest),
                    (r.logs_cloudwatch_lambda_t2_from, r.logs_cloudwatch_lambda_t2),
                    (r.logs_cloudwatch_lambda_t3_from, r.logs_cloudwatch_lambda_t3),
                    (r.logs_cloudwatch_lambda_t4_from, r.logs_cloudwatch_lambda_t4),
                ]
            } else {
                [(0.0, r.logs_cloudwatch_ingest); 4]
            };
            // The free GB come off the cheapest-to-reach end: the first tier.
            let ingest = larger(tiered(gb, &tiers) - smaller(f, gb) * r.logs_cloudwatch_ingest, 0.0);
            (gb, f, ingest, r.logs_cloudwatch_storage, 0.0)
        }
        LogService::CloudLogging => {
            let gib = gb / GB_PER_GIB;
            let f = allowance(r.logs_gcp_free_gib);
            (gib, f, larger(gib - f, 0.0) * r.logs_gcp_ingest, r.logs_gcp_storage, r.logs_gcp_included_days)
        }
        LogService::AzureMonitor => {
            let f = allowance(r.logs_azure_free_gb);
            (gb, f, larger(gb - f, 0.0) * r.logs_azure_ingest, r.logs_azure_storage, r.logs_azure_included_days)
        }
    };
    let extra_months = (MONTH_DAYS - included_days).max(0.0) / MONTH_DAYS;
    LogCharge {
        ingest_usd: ingest,
        storage_usd: volume * storage * extra_months,
        volume,
        free: smaller(allowance, volume),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{builtin, close, monthly_gb};
    use super::*;

    fn of(service: LogService, gb: f64, free: bool) -> LogCharge {
        charge(service, gb, &builtin(), free)
    }

    /// CloudWatch Logs Standard class, us-east-1 (aws.amazon.com/cloudwatch/pricing as quoted by
    /// hykell.com and c3x.dev, 2026: $0.50 per GB ingested, $0.03 per GB-month stored).
    /// 10M requests × 1 KB = 10 GB: 10 × $0.50 = $5.00 ingestion + 10 × $0.03 = $0.30 storage.
    #[test]
    fn cloudwatch_ingestion_and_a_month_of_storage() {
        let c = of(LogService::CloudWatch, monthly_gb(1e7, 1.0), false);
        close(c.ingest_usd, 5.0);
        close(c.storage_usd, 0.3);
        // With the free tier's 5 GB: (10 − 5) × $0.50 = $2.50; storage is still charged in full.
        close(of(LogService::CloudWatch, 10.0, true).ingest_usd, 2.5);
    }

    /// Lambda logs tiered from 2025-05-01 (AWS what's-new, worked by duckbillgroup.com): "60TB of
    /// Lambda logs monthly … your costs would drop from $30,000 to $12,500":
    /// 10,000 × 0.50 + 20,000 × 0.25 + 20,000 × 0.10 + 10,000 × 0.05 = 5,000 + 5,000 + 2,000 + 500.
    #[test]
    fn lambda_logs_are_tiered() {
        close(of(LogService::CloudWatchLambda, 60_000.0, false).ingest_usd, 12_500.0);
        // Container logs stay flat: 60,000 × $0.50 = $30,000.
        close(of(LogService::CloudWatch, 60_000.0, false).ingest_usd, 30_000.0);
    }

    /// Cloud Logging (cloud.google.com/stackdriver/pricing: $0.50 per GiB ingested, includes 30 days
    /// of storage, $0.01 per GiB-month retained beyond; first 50 GiB per project per month free).
    /// 100 GB = 93.132 GiB: (93.132 − 50) × $0.50 = $21.566; a 730-hour month keeps them 10 h past
    /// the 720 h included, 10 ÷ 730 = 1/73 of a month: 93.132 × $0.01 ÷ 73 = $0.012758.
    #[test]
    fn cloud_logging_per_gib_with_storage_included() {
        let c = of(LogService::CloudLogging, 100.0, true);
        close(c.volume, 93.132_257_461_547_85);
        close(c.ingest_usd, (93.132_257_461_547_85 - 50.0) * 0.5);
        close(c.storage_usd, 93.132_257_461_547_85 * 0.01 / 73.0);
    }

    /// Azure Monitor Analytics Logs (~$2.30 per GB, first 5 GB free, 31 days of retention included;
    /// monitoringcost.com, UNVERIFIED). 10 GB: (10 − 5) × $2.30 = $11.50, storage $0.
    #[test]
    fn azure_monitor_after_its_free_5_gb() {
        let c = of(LogService::AzureMonitor, 10.0, true);
        close(c.ingest_usd, 11.5);
        close(c.storage_usd, 0.0);
        close(of(LogService::AzureMonitor, 10.0, false).usd(), 23.0);
    }
}
