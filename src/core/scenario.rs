//! The workload a user describes: one plain struct, every field documented once with its unit.
//!
//! `Default` is the reset button. Each field is one row of `scenario!`: its doc comment (the meaning),
//! type, default and accepted values; the same rows make `KEYS`, the table every decoder, the UI and the
//! README read (see `key_table`). The decoders above this module (JSON, links, saved state, CSV) reject
//! unknown keys and bad values with an error naming the key; everything downstream may assume a
//! validated scenario.

use super::key_table::{Key, choices, decades, flag, one_of, range, scenario, weights};

pub use super::field_error::FieldError;

choices! {
    /// How requests spread over the week. Every shape keeps the month's total.
    pub enum TrafficShape {
        #[default]
        Steady = ("steady", "Steady"),
        /// A smooth daily cycle; see `diurnal_peak_to_trough`.
        Diurnal = ("diurnal", "Diurnal (day/night)"),
        /// Weekdays between `business_start_hour` and `business_end_hour` (UTC) only.
        BusinessHours = ("business_hours", "Business hours"),
        /// A baseline plus `spike_count_per_day` bursts of `spike_height` × the baseline.
        Spiky = ("spiky", "Spiky (bursts)"),
        /// `cron_batch` invocations every `cron_every_min` minutes.
        Cron = ("cron", "Cron (scheduled)"),
        /// `custom_profile`: 168 hourly weights (a week) or 1,440 / 10,080 per-minute weights.
        Custom = ("custom", "Custom profile"),
    }
}

choices! {
    pub enum Arch {
        #[default]
        X86_64 = ("x86_64", "x86_64"),
        Arm64 = ("arm64", "arm64 (Graviton)"),
    }
}

choices! {
    pub enum PackageType {
        #[default]
        Zip = ("zip", "Zip archive"),
        Image = ("image", "Container image"),
    }
}

choices! {
    pub enum FrontDoor {
        #[default]
        None = ("none", "None (event source)"),
        ApiGatewayHttp = ("api_gateway_http", "API Gateway HTTP API"),
        ApiGatewayRest = ("api_gateway_rest", "API Gateway REST API"),
        Alb = ("alb", "Application Load Balancer"),
    }
}

choices! {
    pub enum DurationDistribution {
        #[default]
        Lognormal = ("lognormal", "Lognormal"),
        Exponential = ("exponential", "Exponential"),
        Fixed = ("fixed", "Fixed"),
    }
}

choices! {
    pub enum Invocation {
        /// Request/response (API): the caller waits, the 6 MB sync payload limit applies.
        #[default]
        Sync = ("sync", "Synchronous (API)"),
        /// Queue or event consumer: nobody waits on the response.
        Async = ("async", "Asynchronous (queue/event)"),
    }
}

choices! {
    pub enum ContainerScaling {
        /// Capacity follows the traffic shape hour by hour.
        #[default]
        Autoscaled = ("autoscaled", "Autoscaled hourly"),
        /// Capacity is sized for the peak hour and runs all month.
        Fixed = ("fixed", "Fixed for the peak"),
    }
}

choices! {
    /// How Cloud Run bills a service (cloud.google.com/run/docs/configuring/billing-settings).
    pub enum CloudRunBilling {
        /// Billed while an instance processes requests, starts or shuts down, plus a fee per request.
        #[default]
        Request = ("request", "Request-based (per request)"),
        /// Billed for the instance's whole lifecycle at a lower rate, no request fee.
        Instance = ("instance", "Instance-based (whole lifecycle)"),
    }
}

choices! {
    pub enum Ec2Pricing {
        #[default]
        OnDemand = ("on_demand", "On-demand"),
        Reserved1y = ("reserved1y", "1-year reserved"),
    }
}

choices! {
    /// Compute Savings Plans / committed-use discounts, applied to the committed baseline only (see
    /// `cost::hidden::commitment`).
    pub enum Commitment {
        #[default]
        None = ("none", "None (on demand)"),
        /// One-year Savings Plan / committed-use discount.
        Savings1y = ("savings_1y", "1-year plan"),
        /// Three-year Savings Plan / committed-use discount.
        Savings3y = ("savings_3y", "3-year plan"),
    }
}

/// Every runtime id the scenario accepts, with its label. `coldstart` maps each to its measured init
/// durations (and tests that it maps every one).
pub const RUNTIMES: &[(&str, &str)] = &[
    ("nodejs20", "Node.js 20"),
    ("nodejs22", "Node.js 22"),
    ("nodejs24", "Node.js 24"),
    ("python311", "Python 3.11"),
    ("python312", "Python 3.12"),
    ("python313", "Python 3.13"),
    ("go", "Go (provided.al2023)"),
    ("rust", "Rust (provided.al2023)"),
    ("java17", "Java 17"),
    ("java21", "Java 21"),
    ("java21_snapstart", "Java 21 + SnapStart"),
    ("dotnet8", ".NET 8"),
    ("dotnet8_aot", ".NET 8 Native AOT"),
    ("ruby33", "Ruby 3.3"),
];

/// Most weights a custom profile holds (one per minute of a week).
pub const MAX_PROFILE_LEN: usize = 10_080;

scenario! {
    /// One workload. Field names are the keys of the `crossover eval` scenario JSON.
    pub struct Scenario {
        // A row: `/// meaning`, then `key: Type = default, accepted values, "alias"` — the alias is the
        // key's short name in links (`query`); once published it is never reused for another key.

        // --- traffic ---
        /// Requests (invocations) per month; a month is 730 hours (2,628,000 s).
        requests_per_month: f64 = 10_000_000.0, decades(0.0, 1e12), "r";
        /// How requests spread over the week; every shape keeps the month's total.
        traffic_shape: TrafficShape = TrafficShape::Steady, one_of(TrafficShape::VALUES), "ts";
        /// Diurnal: peak rate ÷ trough rate, ≥ 1.
        diurnal_peak_to_trough: f64 = 4.0, decades(1.0, 100.0), "dp";
        /// Business hours: first hour of the working day, 0–23 (UTC).
        business_start_hour: u32 = 8, range(0.0, 23.0), "bs";
        /// Business hours: hour the working day ends, 1–24 (UTC), after the start.
        business_end_hour: u32 = 18, range(1.0, 24.0), "be";
        /// Spiky: bursts per day.
        spike_count_per_day: u32 = 4, range(0.0, 96.0), "sc";
        /// Spiky: burst rate ÷ baseline rate.
        spike_height: f64 = 10.0, decades(1.0, 1000.0), "sh";
        /// Spiky: length of one burst, minutes.
        spike_minutes: f64 = 15.0, decades(1.0, 240.0), "sm";
        /// Cron: minutes between runs.
        cron_every_min: u32 = 60, decades(1.0, 10_080.0), "ce";
        /// Cron: invocations fired at once per run.
        cron_batch: u32 = 1, decades(1.0, 1_000_000.0), "cb";
        /// Custom: relative weights, 168 (hourly, Monday 00:00 UTC first), 1,440 or 10,080 (per minute).
        custom_profile: Vec<f64> = Vec::new(), weights(MAX_PROFILE_LEN), "cp";

        // --- function ---
        /// Mean execution time of one request, ms.
        duration_ms: f64 = 200.0, decades(1.0, 86_400_000.0), "d";
        /// Shape of service times around `duration_ms` (lognormal σ = 0.5).
        duration_distribution: DurationDistribution = DurationDistribution::Lognormal,
            one_of(DurationDistribution::VALUES), "dd";
        /// Memory configured for the function / container, MB.
        memory_mb: f64 = 512.0, decades(128.0, 30_720.0), "m";
        /// Share of the duration spent on CPU (the rest waits on I/O), 0–1.
        cpu_fraction: f64 = 0.5, range(0.01, 1.0), "cf";
        /// Runtime id; sets the measured init durations of cold starts.
        runtime: String = "nodejs22".to_string(), one_of(RUNTIMES), "rt";
        /// Instruction set; arm64 uses Graviton prices and measured arm64 init times.
        arch: Arch = Arch::X86_64, one_of(Arch::VALUES), "a";
        /// Deployment package: zip archive or container image (images initialise more slowly).
        package_type: PackageType = PackageType::Zip, one_of(PackageType::VALUES), "pt";
        /// Deployment package size, MB (larger packages initialise more slowly).
        package_mb: f64 = 5.0, decades(0.0, 10_240.0), "pm";
        /// Attached to a VPC (adds to cold starts on some platforms).
        vpc: bool = false, flag(), "vpc";
        /// The user's own initialisation code, ms, added to every cold start.
        init_ms: f64 = 0.0, decades(0.0, 600_000.0), "im";
        /// Replaces the whole cold-start delay with this value, ms (for comparisons with other simulators).
        init_ms_override: Option<f64> = None, decades(0.0, 600_000.0), "io";
        /// Request + response payload, KB.
        payload_kb: f64 = 10.0, decades(0.0, 1_048_576.0), "pk";
        /// sync = a caller waits (6 MB payload limit applies); async = queue/event consumer.
        invocation: Invocation = Invocation::Sync, one_of(Invocation::VALUES), "iv";
        /// Lambda ephemeral storage, MB (512 included).
        ephemeral_storage_mb: f64 = 512.0, range(512.0, 10_240.0), "es";

        // --- platform options ---
        /// Count the monthly free tiers (they are per account, shared by every function).
        free_tier: bool = false, flag(), "ft";
        /// Lambda provisioned concurrency (always-warm environments).
        provisioned_concurrency: u32 = 0, decades(0.0, 100_000.0), "pc";
        /// HTTP entry added to Lambda: none, API Gateway HTTP API, REST API, or an ALB.
        front_door: FrontDoor = FrontDoor::None, one_of(FrontDoor::VALUES), "fd";
        /// Idle time before an environment is reclaimed, s; unset uses the platform's measured default.
        keep_alive_s: Option<f64> = None, decades(1.0, 86_400.0), "ka";
        /// Upper end of a keep-alive range, s (Lambda's reclaim is non-deterministic); unset = fixed.
        keep_alive_max_s: Option<f64> = None, decades(1.0, 86_400.0), "kx";
        /// Keep-warm pings: every this many minutes (0 = off).
        keep_warm_every_min: u32 = 0, decades(0.0, 1_440.0), "kw";
        /// Keep-warm pings: environments kept warm per ping.
        keep_warm_count: u32 = 0, decades(0.0, 10_000.0), "kc";
        /// Account concurrency quota (Lambda default 1,000); excess requests are throttled (HTTP 429).
        concurrency_quota: u32 = 1000, decades(1.0, 1_000_000.0), "cq";
        /// Requests one Cloud Run instance serves at once.
        cloud_run_concurrency: u32 = 80, decades(1.0, 1_000.0), "rc";
        /// Cloud Run minimum instances, and Azure Container Apps minimum replicas (always warm, billed while idle).
        cloud_run_min_instances: u32 = 0, decades(0.0, 1_000.0), "rm";
        /// Cloud Run billing setting: per request (CPU only while requests run, plus a fee per request) or
        /// per instance (the whole lifecycle at a lower rate, no request fee).
        cloud_run_billing: CloudRunBilling = CloudRunBilling::Request, one_of(CloudRunBilling::VALUES), "rb";
        /// Azure Flex Consumption always-ready instances.
        azure_always_ready: u32 = 0, decades(0.0, 1_000.0), "ar";
        /// Azure Flex Consumption HTTP executions per instance; unset = Microsoft's default for the
        /// instance size (4 / 16 / 32 for 512 / 2,048 / 4,096 MB, 1 for Python).
        azure_flex_concurrency: Option<u32> = None, decades(1.0, 1_000.0), "fc";
        /// Database connection limit; unset = the workload uses no connection-limited database.
        db_max_connections: Option<u32> = None, decades(1.0, 1_000_000.0), "db";
        /// Put RDS Proxy in front of the database (connections capped at its pool).
        rds_proxy: bool = false, flag(), "rp";

        // --- containers ---
        /// vCPUs of one Fargate task.
        fargate_vcpu: f64 = 0.5, decades(0.25, 16.0), "fv";
        /// Target CPU utilisation of container capacity, 0–1.
        target_utilization: f64 = 0.6, range(0.05, 1.0), "tu";
        /// Minimum tasks / instances kept for availability.
        min_capacity: u32 = 2, decades(0.0, 1_000.0), "mc";
        /// Availability zones the load balancer spans (one public IPv4 address each).
        availability_zones: u32 = 2, range(2.0, 6.0), "az";
        /// Fargate/EC2/EKS capacity: follows the traffic hour by hour, or sized for the peak all month.
        container_scaling: ContainerScaling = ContainerScaling::Autoscaled, one_of(ContainerScaling::VALUES), "cs";
        /// EC2 and EKS nodes on demand or on a 1-year reservation.
        ec2_pricing: Ec2Pricing = Ec2Pricing::OnDemand, one_of(Ec2Pricing::VALUES), "ep";

        // --- network & operations ---
        /// KB each request sends to the internet (its response and any calls out), billed as data transfer out.
        egress_kb_per_request: f64 = 5.0, decades(0.0, 1_048_576.0), "eg";
        /// KB of logs each request writes: ingestion and a month of storage.
        log_kb_per_request: f64 = 1.0, decades(0.0, 1_048_576.0), "lg";
        /// The workload reaches the internet from private subnets, through one NAT gateway per availability
        /// zone: containers, Lambda Managed Instances, and Lambda when it is in a VPC (`vpc`).
        private_subnets: bool = false, flag(), "ps";

        // --- commitments ---
        /// Savings Plan / committed-use discount on the always-on baseline (never on autoscaled peaks).
        commitment: Commitment = Commitment::None, one_of(Commitment::VALUES), "cm";
        /// Fargate tasks above `min_capacity` run on Fargate Spot (x86 only; interruptible at two minutes' notice).
        fargate_spot: bool = false, flag(), "fs";

        // --- requirements ---
        /// p99 latency target, ms; unset = no latency SLA.
        latency_slo_p99_ms: Option<f64> = None, decades(1.0, 600_000.0), "p99";
        /// Sessions or in-memory state that must survive between requests.
        stateful: bool = false, flag(), "st";
        /// WebSockets / persistent TCP connections held open.
        long_lived_connections: bool = false, flag(), "ll";
        /// The workload needs a GPU; platforms without GPU prices in the catalogue are then infeasible.
        needs_gpu: bool = false, flag(), "gpu";
        /// The team already runs infrastructure as code and distributed tracing.
        iac_mature: bool = true, flag(), "iac";
        /// Portability across clouds is contractually required.
        portability_required: bool = false, flag(), "pr";

        // --- simulation ---
        /// Seed of the deterministic simulation.
        seed: u64 = 42, range(0.0, u64::MAX as f64), "sd";
    }
}

/// Hours in the month every monthly figure uses: 8,760 / 12 = 730, as the AWS, Azure and Google
/// pricing calculators use.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Seconds in that month (2,628,000).
pub const SECONDS_PER_MONTH: f64 = HOURS_PER_MONTH * 3_600.0;

/// The row of `KEYS` named `name`.
pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// The (min, max) of a numeric key, if it has one.
pub fn range_of(name: &str) -> Option<(f64, f64)> {
    key(name).and_then(Key::range)
}

impl Scenario {
    /// Every out-of-range or inconsistent value, named by key. Empty means valid.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = self.field_errors();
        e.extend(self.cross_field_errors());
        e
    }

    /// Values wrong on their own (range, id, length, finiteness), whatever the other fields hold.
    pub fn field_errors(&self) -> Vec<FieldError> {
        self.fields().filter_map(|(key, value)| key.problem(value).map(|m| FieldError::new(key.name, m))).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_defaults_are_valid() {
        assert_eq!(Scenario::default().validate(), []);
    }

    #[test]
    fn the_table_lists_every_field_in_order() {
        let Ok(Value::Object(map)) = serde_json::to_value(Scenario::default()) else { panic!("an object") };
        // `scenario!` writes both from the same rows; compared as sets (serde_json's map is sorted).
        let mut fields: Vec<&str> = map.keys().map(String::as_str).collect();
        let mut keys: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(fields, keys);
        assert!(KEYS.iter().all(|k| !k.meaning().is_empty()), "every key has a meaning");
    }

    #[test]
    fn every_enum_id_is_its_serde_name() {
        fn check<T: serde::de::DeserializeOwned + serde::Serialize + Copy + std::fmt::Debug>(
            values: &[(&str, &str)],
            id: fn(T) -> &'static str,
        ) {
            for (name, _) in values {
                let v: T = serde_json::from_value(Value::String(name.to_string())).unwrap();
                assert_eq!(id(v), *name);
                assert_eq!(serde_json::to_value(v).unwrap(), Value::String(name.to_string()));
            }
        }
        check(TrafficShape::VALUES, TrafficShape::id);
        check(Arch::VALUES, Arch::id);
        check(PackageType::VALUES, PackageType::id);
        check(FrontDoor::VALUES, FrontDoor::id);
        check(DurationDistribution::VALUES, DurationDistribution::id);
        check(Invocation::VALUES, Invocation::id);
        check(ContainerScaling::VALUES, ContainerScaling::id);
        check(Ec2Pricing::VALUES, Ec2Pricing::id);
    }

    #[test]
    fn field_errors_follow_the_table() {
        let s = Scenario {
            duration_ms: f64::NAN,
            memory_mb: 64.0,
            runtime: "cobol".into(),
            keep_alive_s: Some(0.5),
            custom_profile: vec![1.0; MAX_PROFILE_LEN + 1],
            ..Scenario::default()
        };
        let errors: Vec<String> = s.field_errors().iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "custom_profile: at most 10080 weights, got 10081",
                "duration_ms: must be a finite number in 1–86400000",
                "memory_mb: 64 is outside the allowed range 128–30720",
                "runtime: unknown value `cobol`; expected one of `nodejs20`, `nodejs22`, `nodejs24`, `python311`, \
                 `python312`, `python313`, `go`, `rust`, `java17`, `java21`, `java21_snapstart`, `dotnet8`, \
                 `dotnet8_aot`, `ruby33`",
                "keep_alive_s: 0.5 is outside the allowed range 1–86400",
            ]
        );
    }
}
