//! The second file of the catalogue, `data/hidden_costs.json`: the costs architects forget (data transfer
//! out, logs, NAT gateways), commitments, Fargate Spot and the two newer platforms (Lambda Managed
//! Instances, Azure Container Apps). Same entry schema as `data/catalog.json` (value, unit, source, as_of,
//! status); `Catalog` loads both into one set of entries, so overrides and UNVERIFIED flags work alike.
//!
//! A file of its own because these figures were collected together, from other sources, and are
//! maintained apart from the core price list; the engine reads them as `Rates::hidden`.

use std::collections::BTreeMap;

use super::PriceEntry;

macro_rules! hidden_rates {
    ($($field:ident = $key:literal,)*) => {
        /// Every figure of `data/hidden_costs.json`, by field; see the file for units and sources.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct HiddenRates {
            $(pub $field: f64,)*
        }

        impl HiddenRates {
            /// Every key of `data/hidden_costs.json`, in schema order.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            pub(super) fn resolve(entries: &BTreeMap<String, PriceEntry>) -> Result<HiddenRates, String> {
                // A loop over the keys, not one lookup per field (smaller wasm).
                let mut rates = HiddenRates::default();
                for key in Self::KEYS {
                    let entry = entries.get(*key).ok_or_else(|| format!("catalog is missing key `{key}`"))?;
                    rates.set(key, entry.value);
                }
                Ok(rates)
            }

            /// Sets one value by key; false when the key is not in this file's schema.
            pub(super) fn set(&mut self, key: &str, value: f64) -> bool {
                // A key's position picks its field: a string `match` per key costs the wasm ~5 KB more.
                match Self::KEYS.iter().position(|k| *k == key) {
                    Some(i) => {
                        let fields: [&mut f64; HiddenRates::KEYS.len()] = [$(&mut self.$field,)*];
                        *fields[i] = value;
                        true
                    }
                    None => false,
                }
            }
        }
    };
}

hidden_rates! {
    egress_aws_free_gb = "egress.aws.free_gb",
    egress_aws_t1 = "egress.aws.t1",
    egress_aws_t2_from = "egress.aws.t2_from",
    egress_aws_t2 = "egress.aws.t2",
    egress_aws_t3_from = "egress.aws.t3_from",
    egress_aws_t3 = "egress.aws.t3",
    egress_aws_t4_from = "egress.aws.t4_from",
    egress_aws_t4 = "egress.aws.t4",
    egress_gcp_free_gib = "egress.gcp.free_gib",
    egress_gcp_t1 = "egress.gcp.t1",
    egress_gcp_t2_from = "egress.gcp.t2_from",
    egress_gcp_t2 = "egress.gcp.t2",
    egress_gcp_t3_from = "egress.gcp.t3_from",
    egress_gcp_t3 = "egress.gcp.t3",
    egress_azure_free_gb = "egress.azure.free_gb",
    egress_azure_t1 = "egress.azure.t1",
    egress_azure_t2_from = "egress.azure.t2_from",
    egress_azure_t2 = "egress.azure.t2",
    egress_azure_t3_from = "egress.azure.t3_from",
    egress_azure_t3 = "egress.azure.t3",
    egress_azure_t4_from = "egress.azure.t4_from",
    egress_azure_t4 = "egress.azure.t4",
    egress_cloudflare_gb = "egress.cloudflare.gb",
    logs_cloudwatch_ingest = "logs.cloudwatch.ingest",
    logs_cloudwatch_lambda_t2_from = "logs.cloudwatch.lambda_t2_from",
    logs_cloudwatch_lambda_t2 = "logs.cloudwatch.lambda_t2",
    logs_cloudwatch_lambda_t3_from = "logs.cloudwatch.lambda_t3_from",
    logs_cloudwatch_lambda_t3 = "logs.cloudwatch.lambda_t3",
    logs_cloudwatch_lambda_t4_from = "logs.cloudwatch.lambda_t4_from",
    logs_cloudwatch_lambda_t4 = "logs.cloudwatch.lambda_t4",
    logs_cloudwatch_storage = "logs.cloudwatch.storage",
    logs_cloudwatch_free_gb = "logs.cloudwatch.free_gb",
    logs_gcp_ingest = "logs.gcp.ingest",
    logs_gcp_free_gib = "logs.gcp.free_gib",
    logs_gcp_included_days = "logs.gcp.included_days",
    logs_gcp_storage = "logs.gcp.storage",
    logs_azure_ingest = "logs.azure.ingest",
    logs_azure_free_gb = "logs.azure.free_gb",
    logs_azure_included_days = "logs.azure.included_days",
    logs_azure_storage = "logs.azure.storage",
    nat_hourly = "nat.hourly",
    nat_gb = "nat.gb",
    commit_lambda_savings_1y = "commit.lambda.savings_1y",
    commit_lambda_savings_3y = "commit.lambda.savings_3y",
    commit_fargate_savings_1y = "commit.fargate.savings_1y",
    commit_fargate_savings_3y = "commit.fargate.savings_3y",
    commit_ec2_savings_1y = "commit.ec2.savings_1y",
    commit_ec2_savings_3y = "commit.ec2.savings_3y",
    commit_cloud_run_request_based = "commit.cloud_run.request_based",
    commit_cloud_run_instance_1y = "commit.cloud_run.instance_1y",
    commit_cloud_run_instance_3y = "commit.cloud_run.instance_3y",
    commit_container_apps_savings_1y = "commit.container_apps.savings_1y",
    commit_container_apps_savings_3y = "commit.container_apps.savings_3y",
    spot_fargate_discount = "spot.fargate_discount",
    lmi_management_fee = "lmi.management_fee",
    lmi_requests = "lmi.requests",
    lmi_min_instances = "lmi.min_instances",
    lmi_min_memory_mb = "lmi.min_memory_mb",
    lmi_max_memory_mb = "lmi.max_memory_mb",
    lmi_gib_per_vcpu = "lmi.gib_per_vcpu",
    lmi_concurrency_nodejs = "lmi.concurrency.nodejs",
    lmi_concurrency_python = "lmi.concurrency.python",
    lmi_concurrency_java = "lmi.concurrency.java",
    lmi_concurrency_dotnet = "lmi.concurrency.dotnet",
    aca_vcpu_s_active = "aca.vcpu_s_active",
    aca_vcpu_s_idle = "aca.vcpu_s_idle",
    aca_gib_s_active = "aca.gib_s_active",
    aca_gib_s_idle = "aca.gib_s_idle",
    aca_requests = "aca.requests",
    aca_free_vcpu_s = "aca.free_vcpu_s",
    aca_free_gib_s = "aca.free_gib_s",
    aca_free_requests = "aca.free_requests",
    aca_vcpu_step = "aca.vcpu_step",
    aca_gib_per_vcpu = "aca.gib_per_vcpu",
    aca_max_vcpu = "aca.max_vcpu",
    aca_concurrency = "aca.concurrency",
    aca_cooldown_s = "aca.cooldown_s",
    aca_max_request_s = "aca.max_request_s",
}

/// Keys that are sizes or divisors: zero would make the model meaningless.
pub const POSITIVE_KEYS: &[&str] = &[
    "lmi.min_memory_mb",
    "lmi.max_memory_mb",
    "lmi.gib_per_vcpu",
    "lmi.concurrency.nodejs",
    "lmi.concurrency.python",
    "lmi.concurrency.java",
    "lmi.concurrency.dotnet",
    "aca.vcpu_step",
    "aca.gib_per_vcpu",
    "aca.max_vcpu",
    "aca.concurrency",
    "aca.cooldown_s",
    "aca.max_request_s",
];

/// Keys that are fractions off a price: 1 or more would make the resource free or paid to run.
pub const FRACTION_KEYS: &[&str] = &[
    "commit.lambda.savings_1y",
    "commit.lambda.savings_3y",
    "commit.fargate.savings_1y",
    "commit.fargate.savings_3y",
    "commit.ec2.savings_1y",
    "commit.ec2.savings_3y",
    "commit.cloud_run.request_based",
    "commit.cloud_run.instance_1y",
    "commit.cloud_run.instance_3y",
    "commit.container_apps.savings_1y",
    "commit.container_apps.savings_3y",
    "spot.fargate_discount",
];

/// The rule a value of this file must follow beyond the catalogue's (finite, ≥ 0): sizes > 0, fractions < 1.
pub(super) fn check_value(key: &str, value: f64) -> Result<(), String> {
    if value == 0.0 && POSITIVE_KEYS.contains(&key) {
        return Err(format!("`{key}` must be > 0"));
    }
    if value >= 1.0 && FRACTION_KEYS.contains(&key) {
        return Err(format!("`{key}` is a fraction off a price and must be < 1, got {value}"));
    }
    Ok(())
}
