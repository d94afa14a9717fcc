//! The workload a user describes: one plain struct, every field documented once with its unit.
//!
//! `Default` is the reset button. Decoding (`from_json`) rejects unknown keys and out-of-range values
//! with an error naming the key; everything downstream may assume a validated scenario.

use serde::{Deserialize, Serialize};

/// How requests spread over the week. Every shape keeps the month's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TrafficShape {
    #[default]
    Steady,
    /// A smooth daily cycle; see `diurnal_peak_to_trough`.
    Diurnal,
    /// Weekdays between `business_start_hour` and `business_end_hour` (UTC) only.
    BusinessHours,
    /// A baseline plus `spike_count_per_day` bursts of `spike_height` × the baseline.
    Spiky,
    /// `cron_batch` invocations every `cron_every_min` minutes.
    Cron,
    /// `custom_profile`: 168 hourly weights (a week) or 1,440 / 10,080 per-minute weights.
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Arch {
    #[default]
    X86_64,
    Arm64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PackageType {
    #[default]
    Zip,
    Image,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FrontDoor {
    #[default]
    None,
    ApiGatewayHttp,
    ApiGatewayRest,
    Alb,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DurationDistribution {
    Fixed,
    Exponential,
    #[default]
    Lognormal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Invocation {
    /// Request/response (API): the caller waits, the 6 MB sync payload limit applies.
    #[default]
    Sync,
    /// Queue or event consumer: nobody waits on the response.
    Async,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ContainerScaling {
    /// Capacity follows the traffic shape hour by hour.
    #[default]
    Autoscaled,
    /// Capacity is sized for the peak hour and runs all month.
    Fixed,
}

/// How Cloud Run bills a service (cloud.google.com/run/docs/configuring/billing-settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CloudRunBilling {
    /// Billed while an instance processes requests, starts or shuts down, plus a fee per request.
    #[default]
    Request,
    /// Billed for the instance's whole lifecycle at a lower rate, no request fee.
    Instance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Ec2Pricing {
    #[default]
    OnDemand,
    Reserved1y,
}

/// One workload. Field names are the keys of the `crossover eval` scenario JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    // --- traffic ---
    /// Requests (invocations) per month; a month is 730 hours (2,628,000 s).
    pub requests_per_month: f64,
    pub traffic_shape: TrafficShape,
    /// Diurnal: peak rate ÷ trough rate, ≥ 1.
    pub diurnal_peak_to_trough: f64,
    /// Business hours: first hour of the working day, 0–23 (UTC).
    pub business_start_hour: u32,
    /// Business hours: hour the working day ends, 1–24 (UTC), after the start.
    pub business_end_hour: u32,
    /// Spiky: bursts per day.
    pub spike_count_per_day: u32,
    /// Spiky: burst rate ÷ baseline rate.
    pub spike_height: f64,
    /// Spiky: length of one burst, minutes.
    pub spike_minutes: f64,
    /// Cron: minutes between runs.
    pub cron_every_min: u32,
    /// Cron: invocations fired at once per run.
    pub cron_batch: u32,
    /// Custom: relative weights, 168 (hourly, Monday 00:00 UTC first), 1,440 or 10,080 (per minute).
    pub custom_profile: Vec<f64>,

    // --- function ---
    /// Mean execution time of one request, ms.
    pub duration_ms: f64,
    pub duration_distribution: DurationDistribution,
    /// Memory configured for the function / container, MB.
    pub memory_mb: f64,
    /// Share of the duration spent on CPU (the rest waits on I/O), 0–1.
    pub cpu_fraction: f64,
    /// Runtime id, e.g. `nodejs22`, `python312`, `java21_snapstart` (see `coldstart` for the list).
    pub runtime: String,
    pub arch: Arch,
    pub package_type: PackageType,
    /// Deployment package size, MB (larger packages initialise more slowly).
    pub package_mb: f64,
    /// Attached to a VPC (adds to cold starts on some platforms).
    pub vpc: bool,
    /// The user's own initialisation code, ms, added to every cold start.
    pub init_ms: f64,
    /// Replaces the whole cold-start delay with this value, ms (for comparisons with other simulators).
    pub init_ms_override: Option<f64>,
    /// Request + response payload, KB.
    pub payload_kb: f64,
    pub invocation: Invocation,
    /// Lambda ephemeral storage, MB (512 included).
    pub ephemeral_storage_mb: f64,

    // --- platform options ---
    /// Count the monthly free tiers (they are per account, shared by every function).
    pub free_tier: bool,
    /// Lambda provisioned concurrency (always-warm environments).
    pub provisioned_concurrency: u32,
    pub front_door: FrontDoor,
    /// Idle time before an environment is reclaimed, s; `None` uses the platform's measured default.
    pub keep_alive_s: Option<f64>,
    /// Upper end of a keep-alive range, s (Lambda's reclaim is non-deterministic); `None` = fixed.
    pub keep_alive_max_s: Option<f64>,
    /// Keep-warm pings: every this many minutes (0 = off).
    pub keep_warm_every_min: u32,
    /// Keep-warm pings: environments kept warm per ping.
    pub keep_warm_count: u32,
    /// Account concurrency quota (Lambda default 1,000); excess requests are throttled (HTTP 429).
    pub concurrency_quota: u32,
    /// Requests one Cloud Run instance serves at once.
    pub cloud_run_concurrency: u32,
    /// Cloud Run minimum instances (always warm, billed while idle).
    pub cloud_run_min_instances: u32,
    pub cloud_run_billing: CloudRunBilling,
    /// Azure Flex Consumption always-ready instances.
    pub azure_always_ready: u32,
    /// Azure Flex Consumption HTTP executions per instance; `None` = Microsoft's default for the
    /// instance size (4 / 16 / 32 for 512 / 2,048 / 4,096 MB, 1 for Python).
    pub azure_flex_concurrency: Option<u32>,
    /// Database connection limit; `None` = the workload uses no connection-limited database.
    pub db_max_connections: Option<u32>,
    /// Put RDS Proxy in front of the database (connections capped at its pool).
    pub rds_proxy: bool,

    // --- containers ---
    /// vCPUs of one Fargate task.
    pub fargate_vcpu: f64,
    /// Target CPU utilisation of container capacity, 0–1.
    pub target_utilization: f64,
    /// Minimum tasks / instances kept for availability.
    pub min_capacity: u32,
    /// Availability zones the load balancer spans (one public IPv4 address each).
    pub availability_zones: u32,
    pub container_scaling: ContainerScaling,
    pub ec2_pricing: Ec2Pricing,

    // --- requirements ---
    /// p99 latency target, ms; `None` = no latency SLA.
    pub latency_slo_p99_ms: Option<f64>,
    /// Sessions or in-memory state that must survive between requests.
    pub stateful: bool,
    /// WebSockets / persistent TCP connections held open.
    pub long_lived_connections: bool,
    pub needs_gpu: bool,
    /// The team already runs infrastructure as code and distributed tracing.
    pub iac_mature: bool,
    /// Portability across clouds is contractually required.
    pub portability_required: bool,

    // --- simulation ---
    /// Seed of the deterministic simulation.
    pub seed: u64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            requests_per_month: 10_000_000.0,
            traffic_shape: TrafficShape::Steady,
            diurnal_peak_to_trough: 4.0,
            business_start_hour: 8,
            business_end_hour: 18,
            spike_count_per_day: 4,
            spike_height: 10.0,
            spike_minutes: 15.0,
            cron_every_min: 60,
            cron_batch: 1,
            custom_profile: Vec::new(),
            duration_ms: 200.0,
            duration_distribution: DurationDistribution::Lognormal,
            memory_mb: 512.0,
            cpu_fraction: 0.5,
            runtime: "nodejs22".to_string(),
            arch: Arch::X86_64,
            package_type: PackageType::Zip,
            package_mb: 5.0,
            vpc: false,
            init_ms: 0.0,
            init_ms_override: None,
            payload_kb: 10.0,
            invocation: Invocation::Sync,
            ephemeral_storage_mb: 512.0,
            free_tier: false,
            provisioned_concurrency: 0,
            front_door: FrontDoor::None,
            keep_alive_s: None,
            keep_alive_max_s: None,
            keep_warm_every_min: 0,
            keep_warm_count: 0,
            concurrency_quota: 1000,
            cloud_run_concurrency: 80,
            cloud_run_min_instances: 0,
            cloud_run_billing: CloudRunBilling::Request,
            azure_always_ready: 0,
            azure_flex_concurrency: None,
            db_max_connections: None,
            rds_proxy: false,
            fargate_vcpu: 0.5,
            target_utilization: 0.6,
            min_capacity: 2,
            availability_zones: 2,
            container_scaling: ContainerScaling::Autoscaled,
            ec2_pricing: Ec2Pricing::OnDemand,
            latency_slo_p99_ms: None,
            stateful: false,
            long_lived_connections: false,
            needs_gpu: false,
            iac_mature: true,
            portability_required: false,
            seed: 42,
        }
    }
}

/// Hours in the month every monthly figure uses: 8,760 / 12 = 730, as the AWS, Azure and Google
/// pricing calculators use.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Seconds in that month (2,628,000).
pub const SECONDS_PER_MONTH: f64 = HOURS_PER_MONTH * 3_600.0;

/// A value outside what the model accepts, named by its scenario key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// The accepted range of every numeric key: (key, min, max). One table, used by validation,
/// the UI's sliders and the URL decoder.
pub const RANGES: &[(&str, f64, f64)] = &[
    ("requests_per_month", 0.0, 1e12),
    ("diurnal_peak_to_trough", 1.0, 100.0),
    ("business_start_hour", 0.0, 23.0),
    ("business_end_hour", 1.0, 24.0),
    ("spike_count_per_day", 0.0, 96.0),
    ("spike_height", 1.0, 1000.0),
    ("spike_minutes", 1.0, 240.0),
    ("cron_every_min", 1.0, 10_080.0),
    ("cron_batch", 1.0, 1_000_000.0),
    ("duration_ms", 1.0, 86_400_000.0),
    ("memory_mb", 128.0, 30_720.0),
    ("cpu_fraction", 0.01, 1.0),
    ("package_mb", 0.0, 10_240.0),
    ("init_ms", 0.0, 600_000.0),
    ("init_ms_override", 0.0, 600_000.0),
    ("payload_kb", 0.0, 1_048_576.0),
    ("ephemeral_storage_mb", 512.0, 10_240.0),
    ("provisioned_concurrency", 0.0, 100_000.0),
    ("keep_alive_s", 1.0, 86_400.0),
    ("keep_alive_max_s", 1.0, 86_400.0),
    ("keep_warm_every_min", 0.0, 1_440.0),
    ("keep_warm_count", 0.0, 10_000.0),
    ("concurrency_quota", 1.0, 1_000_000.0),
    ("cloud_run_concurrency", 1.0, 1_000.0),
    ("cloud_run_min_instances", 0.0, 1_000.0),
    ("azure_always_ready", 0.0, 1_000.0),
    ("azure_flex_concurrency", 1.0, 1_000.0),
    ("db_max_connections", 1.0, 1_000_000.0),
    ("fargate_vcpu", 0.25, 16.0),
    ("target_utilization", 0.05, 1.0),
    ("min_capacity", 0.0, 1_000.0),
    ("availability_zones", 2.0, 6.0),
    ("latency_slo_p99_ms", 1.0, 600_000.0),
];

/// The (min, max) of a numeric key, if it has one.
pub fn range_of(key: &str) -> Option<(f64, f64)> {
    RANGES.iter().find(|(k, _, _)| *k == key).map(|&(_, lo, hi)| (lo, hi))
}

/// Longest `runtime` id accepted, and longest custom profile.
pub const MAX_RUNTIME_LEN: usize = 40;
pub const MAX_PROFILE_LEN: usize = 10_080;

fn check(errors: &mut Vec<FieldError>, key: &str, value: f64) {
    let Some((lo, hi)) = range_of(key) else {
        return;
    };
    if !value.is_finite() {
        errors.push(FieldError { field: key.into(), message: format!("must be a finite number in {lo}–{hi}") });
    } else if value < lo || value > hi {
        errors
            .push(FieldError {
                field: key.into(), message: format!("{value} is outside the allowed range {lo}–{hi}")
            });
    }
}

impl Scenario {
    /// Every out-of-range or inconsistent value, named by key. Empty means valid.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = self.field_errors();
        e.extend(self.cross_field_errors());
        e
    }

    /// Values wrong on their own (range, length, finiteness), whatever the other fields hold.
    pub fn field_errors(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        let s = self;
        for (key, v) in [
            ("requests_per_month", s.requests_per_month),
            ("diurnal_peak_to_trough", s.diurnal_peak_to_trough),
            ("business_start_hour", s.business_start_hour as f64),
            ("business_end_hour", s.business_end_hour as f64),
            ("spike_count_per_day", s.spike_count_per_day as f64),
            ("spike_height", s.spike_height),
            ("spike_minutes", s.spike_minutes),
            ("cron_every_min", s.cron_every_min as f64),
            ("cron_batch", s.cron_batch as f64),
            ("duration_ms", s.duration_ms),
            ("memory_mb", s.memory_mb),
            ("cpu_fraction", s.cpu_fraction),
            ("package_mb", s.package_mb),
            ("init_ms", s.init_ms),
            ("payload_kb", s.payload_kb),
            ("ephemeral_storage_mb", s.ephemeral_storage_mb),
            ("provisioned_concurrency", s.provisioned_concurrency as f64),
            ("keep_warm_every_min", s.keep_warm_every_min as f64),
            ("keep_warm_count", s.keep_warm_count as f64),
            ("concurrency_quota", s.concurrency_quota as f64),
            ("cloud_run_concurrency", s.cloud_run_concurrency as f64),
            ("cloud_run_min_instances", s.cloud_run_min_instances as f64),
            ("azure_always_ready", s.azure_always_ready as f64),
            ("fargate_vcpu", s.fargate_vcpu),
            ("target_utilization", s.target_utilization),
            ("min_capacity", s.min_capacity as f64),
            ("availability_zones", s.availability_zones as f64),
        ] {
            check(&mut e, key, v);
        }
        for (key, v) in [
            ("init_ms_override", s.init_ms_override),
            ("keep_alive_s", s.keep_alive_s),
            ("keep_alive_max_s", s.keep_alive_max_s),
            ("latency_slo_p99_ms", s.latency_slo_p99_ms),
            ("db_max_connections", s.db_max_connections.map(f64::from)),
            ("azure_flex_concurrency", s.azure_flex_concurrency.map(f64::from)),
        ] {
            if let Some(v) = v {
                check(&mut e, key, v);
            }
        }
        if s.runtime.is_empty() || s.runtime.chars().count() > MAX_RUNTIME_LEN {
            e.push(FieldError {
                field: "runtime".into(), message: format!("must be 1–{MAX_RUNTIME_LEN} characters")
            });
        }
        if s.custom_profile.len() > MAX_PROFILE_LEN {
            e.push(FieldError {
                field: "custom_profile".into(),
                message: format!("at most {MAX_PROFILE_LEN} weights"),
            });
        } else if s.custom_profile.iter().any(|w| !w.is_finite() || *w < 0.0) {
            e.push(FieldError { field: "custom_profile".into(), message: "weights must be finite and ≥ 0".into() });
        }
        e
    }

    /// Values that contradict another field (business hours reversed, a custom shape without a profile).
    pub fn cross_field_errors(&self) -> Vec<FieldError> {
        let mut e = Vec::new();
        let s = self;
        if s.business_end_hour <= s.business_start_hour {
            e.push(FieldError {
                field: "business_end_hour".into(),
                message: format!("must be after business_start_hour ({})", s.business_start_hour),
            });
        }
        if let (Some(lo), Some(hi)) = (s.keep_alive_s, s.keep_alive_max_s)
            && hi < lo
        {
            e.push(FieldError {
                field: "keep_alive_max_s".into(), message: format!("must be ≥ keep_alive_s ({lo})")
            });
        }
        if s.traffic_shape == TrafficShape::Custom && ![168, 1_440, 10_080].contains(&s.custom_profile.len()) {
            e.push(FieldError {
                field: "custom_profile".into(),
                message: format!("needs 168, 1440 or 10080 weights, got {}", s.custom_profile.len()),
            });
        } else if s.traffic_shape == TrafficShape::Custom
            && s.custom_profile.iter().all(|w| w.is_finite() && *w >= 0.0)
            && !s.custom_profile.iter().any(|w| *w > 0.0)
        {
            e.push(FieldError { field: "custom_profile".into(), message: "at least one weight must be > 0".into() });
        }
        e
    }
}

/// Decodes a scenario JSON object: every key optional, unknown keys and bad values rejected, each error
/// naming its key (see `scenario_json`).
pub fn from_json(text: &str) -> Result<Scenario, Vec<FieldError>> {
    super::scenario_json::decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_the_default() {
        assert_eq!(from_json("{}").unwrap(), Scenario::default());
        assert!(Scenario::default().validate().is_empty());
    }

    #[test]
    fn unknown_key_is_named() {
        let err = from_json(r#"{"requests_per_mnth": 5}"#).unwrap_err();
        assert_eq!(err[0].field, "requests_per_mnth");
    }

    #[test]
    fn out_of_range_is_named() {
        let err = from_json(r#"{"memory_mb": 64, "cpu_fraction": 2}"#).unwrap_err();
        let fields: Vec<_> = err.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["memory_mb", "cpu_fraction"]);
    }

    #[test]
    fn non_finite_is_rejected() {
        let s = Scenario { duration_ms: f64::NAN, ..Scenario::default() };
        assert_eq!(s.validate()[0].field, "duration_ms");
    }
}
