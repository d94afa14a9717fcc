//! The catalogue resolved into plain numbers: one `f64` field per catalogue key.
//!
//! `price_all` runs hundreds of times per redraw, so the engine reads these fields instead of
//! looking keys up in a map. The key list here is the catalogue's schema: `data/catalog.json`
//! must hold exactly these keys, which the catalogue checks when it is decoded.

use std::collections::BTreeMap;

use super::PriceEntry;

macro_rules! rates {
    ($($field:ident = $key:literal,)*) => {
        /// Every price and limit the cost engine reads, by field; see the catalogue for units and sources.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Rates {
            $(pub $field: f64,)*
        }

        impl Rates {
            /// Every catalogue key, in schema order.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            pub(super) fn resolve(entries: &BTreeMap<String, PriceEntry>) -> Result<Rates, String> {
                let value = |key: &str| {
                    entries
                        .get(key)
                        .map(|e| e.value)
                        .ok_or_else(|| format!("catalog is missing key `{key}`"))
                };
                Ok(Rates { $($field: value($key)?,)* })
            }

            /// Sets one value by key; false when the key is not in the schema.
            pub(super) fn set(&mut self, key: &str, value: f64) -> bool {
                match key {
                    $($key => self.$field = value,)*
                    _ => return false,
                }
                true
            }
        }
    };
}

/// Keys the engine divides by, or uses as sizes: zero would make a price meaningless.
pub const POSITIVE_KEYS: &[&str] = &[
    "alb.lcu.new_conns_per_s",
    "alb.lcu.active_conns",
    "alb.lcu.gb_per_h_lambda",
    "alb.lcu.gb_per_h_instance",
    "alb.requests_per_conn",
    "azure.consumption.memory_step_mb",
    "azure.flex.memory_small_mb",
    "azure.flex.memory_default_mb",
    "azure.flex.memory_large_mb",
    "cloud_run.gib_per_vcpu",
    "fargate.min_gb_per_vcpu",
    "fargate.max_gb_per_vcpu",
    "ec2.t3_small.vcpu",
    "ec2.t3_medium.vcpu",
    "ec2.m5_large.vcpu",
    "ec2.m6g_large.vcpu",
    "ec2.m7g_large.vcpu",
    "ec2.c6g_large.vcpu",
];

rates! {
    lambda_requests = "lambda.requests",
    lambda_duration_x86_t1 = "lambda.duration.x86.t1",
    lambda_duration_x86_t2 = "lambda.duration.x86.t2",
    lambda_duration_x86_t3 = "lambda.duration.x86.t3",
    lambda_duration_arm_t1 = "lambda.duration.arm.t1",
    lambda_duration_arm_t2 = "lambda.duration.arm.t2",
    lambda_duration_arm_t3 = "lambda.duration.arm.t3",
    lambda_tier_x86_t2_from = "lambda.tier.x86.t2_from",
    lambda_tier_x86_t3_from = "lambda.tier.x86.t3_from",
    lambda_tier_arm_t2_from = "lambda.tier.arm.t2_from",
    lambda_tier_arm_t3_from = "lambda.tier.arm.t3_from",
    lambda_free_requests = "lambda.free.requests",
    lambda_free_gb_s = "lambda.free.gb_s",
    lambda_pc_x86 = "lambda.pc.x86",
    lambda_pc_duration_x86 = "lambda.pc_duration.x86",
    lambda_pc_arm = "lambda.pc.arm",
    lambda_pc_duration_arm = "lambda.pc_duration.arm",
    lambda_ephemeral = "lambda.ephemeral",
    lambda_ephemeral_free_mb = "lambda.ephemeral_free_mb",
    lambda_max_duration_s = "lambda.max_duration_s",
    lambda_max_memory_mb = "lambda.max_memory_mb",
    lambda_max_sync_payload_kb = "lambda.max_sync_payload_kb",
    apigw_http_t1 = "apigw.http.t1",
    apigw_http_t2_from = "apigw.http.t2_from",
    apigw_http_t2 = "apigw.http.t2",
    apigw_rest_t1 = "apigw.rest.t1",
    apigw_rest_t2_from = "apigw.rest.t2_from",
    apigw_rest_t2 = "apigw.rest.t2",
    apigw_rest_t3_from = "apigw.rest.t3_from",
    apigw_rest_t3 = "apigw.rest.t3",
    apigw_rest_t4_from = "apigw.rest.t4_from",
    apigw_rest_t4 = "apigw.rest.t4",
    alb_hourly = "alb.hourly",
    alb_lcu_hour = "alb.lcu_hour",
    alb_lcu_new_conns_per_s = "alb.lcu.new_conns_per_s",
    alb_lcu_active_conns = "alb.lcu.active_conns",
    alb_lcu_gb_per_h_lambda = "alb.lcu.gb_per_h_lambda",
    alb_lcu_gb_per_h_instance = "alb.lcu.gb_per_h_instance",
    alb_requests_per_conn = "alb.requests_per_conn",
    azure_consumption_gb_s = "azure.consumption.gb_s",
    azure_consumption_exec = "azure.consumption.exec",
    azure_consumption_free_gb_s = "azure.consumption.free_gb_s",
    azure_consumption_free_exec = "azure.consumption.free_exec",
    azure_consumption_memory_step_mb = "azure.consumption.memory_step_mb",
    azure_consumption_max_memory_mb = "azure.consumption.max_memory_mb",
    azure_consumption_max_duration_s = "azure.consumption.max_duration_s",
    azure_flex_gb_s = "azure.flex.gb_s",
    azure_flex_exec = "azure.flex.exec",
    azure_flex_free_gb_s = "azure.flex.free_gb_s",
    azure_flex_free_exec = "azure.flex.free_exec",
    azure_flex_ar_baseline_gb_s = "azure.flex.ar_baseline_gb_s",
    azure_flex_ar_exec_gb_s = "azure.flex.ar_exec_gb_s",
    azure_flex_ar_exec = "azure.flex.ar_exec",
    azure_flex_min_billed_ms = "azure.flex.min_billed_ms",
    azure_flex_rounding_ms = "azure.flex.rounding_ms",
    azure_flex_memory_small_mb = "azure.flex.memory_small_mb",
    azure_flex_memory_default_mb = "azure.flex.memory_default_mb",
    azure_flex_memory_large_mb = "azure.flex.memory_large_mb",
    azure_flex_guaranteed_duration_s = "azure.flex.guaranteed_duration_s",
    cloud_run_vcpu_s = "cloud_run.vcpu_s",
    cloud_run_gib_s = "cloud_run.gib_s",
    cloud_run_requests = "cloud_run.requests",
    cloud_run_free_vcpu_s = "cloud_run.free_vcpu_s",
    cloud_run_free_gib_s = "cloud_run.free_gib_s",
    cloud_run_free_requests = "cloud_run.free_requests",
    cloud_run_rounding_ms = "cloud_run.rounding_ms",
    cloud_run_idle_vcpu_s = "cloud_run.idle_vcpu_s",
    cloud_run_idle_gib_s = "cloud_run.idle_gib_s",
    cloud_run_max_duration_s = "cloud_run.max_duration_s",
    cloud_run_max_memory_mb = "cloud_run.max_memory_mb",
    cloud_run_gib_per_vcpu = "cloud_run.gib_per_vcpu",
    workers_base = "workers.base",
    workers_included_requests = "workers.included_requests",
    workers_requests = "workers.requests",
    workers_included_cpu_ms = "workers.included_cpu_ms",
    workers_cpu_ms = "workers.cpu_ms",
    workers_max_memory_mb = "workers.max_memory_mb",
    workers_max_cpu_ms = "workers.max_cpu_ms",
    fargate_vcpu_h_x86 = "fargate.vcpu_h.x86",
    fargate_gb_h_x86 = "fargate.gb_h.x86",
    fargate_vcpu_h_arm = "fargate.vcpu_h.arm",
    fargate_gb_h_arm = "fargate.gb_h.arm",
    fargate_min_gb_per_vcpu = "fargate.min_gb_per_vcpu",
    fargate_max_gb_per_vcpu = "fargate.max_gb_per_vcpu",
    ec2_t3_small_hourly = "ec2.t3_small.hourly",
    ec2_t3_small_vcpu = "ec2.t3_small.vcpu",
    ec2_t3_small_gib = "ec2.t3_small.gib",
    ec2_t3_medium_hourly = "ec2.t3_medium.hourly",
    ec2_t3_medium_vcpu = "ec2.t3_medium.vcpu",
    ec2_t3_medium_gib = "ec2.t3_medium.gib",
    ec2_m5_large_hourly = "ec2.m5_large.hourly",
    ec2_m5_large_vcpu = "ec2.m5_large.vcpu",
    ec2_m5_large_gib = "ec2.m5_large.gib",
    ec2_m6g_large_hourly = "ec2.m6g_large.hourly",
    ec2_m6g_large_vcpu = "ec2.m6g_large.vcpu",
    ec2_m6g_large_gib = "ec2.m6g_large.gib",
    ec2_m7g_large_hourly = "ec2.m7g_large.hourly",
    ec2_m7g_large_vcpu = "ec2.m7g_large.vcpu",
    ec2_m7g_large_gib = "ec2.m7g_large.gib",
    ec2_c6g_large_hourly = "ec2.c6g_large.hourly",
    ec2_c6g_large_vcpu = "ec2.c6g_large.vcpu",
    ec2_c6g_large_gib = "ec2.c6g_large.gib",
    ec2_reserved_1y_discount = "ec2.reserved_1y_discount",
    eks_control_plane_hourly = "eks.control_plane_hourly",
}
