//! Every control of the explorer as data: which scenario key it sets, its label, unit and hint. What a
//! control accepts — its range, scale, step or choices — comes from the key's row of the scenario's key
//! table (`core::scenario::KEYS`), so a slider spans exactly what the model accepts. The control
//! component renders any row; the reducer applies any key through `core::keys`.

use crate::core::key_table::Accepts;
use crate::core::scenario::{self, Scenario, TrafficShape};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A slider over decades with a typed field; from 0 it moves on log(1 + value). `whole`: integers only.
    Log {
        min: f64,
        max: f64,
        whole: bool,
    },
    /// A linear slider with a typed field.
    Linear {
        min: f64,
        max: f64,
        step: f64,
    },
    /// A drop-down of (value, label).
    Select(&'static [(&'static str, &'static str)]),
    Toggle,
    /// An optional number: a checkbox turns it on at `on`, then a log slider sets it.
    Optional {
        min: f64,
        max: f64,
        on: f64,
        whole: bool,
    },
}

impl Kind {
    /// The control for a key's row; `on` is the value an optional number takes when switched on (its
    /// minimum when `on` is not a number).
    fn of(accepts: Accepts, on: f64) -> Kind {
        match accepts {
            Accepts::Number { min, max, whole, optional: true, .. } => {
                Kind::Optional { min, max, on: if on.is_finite() { on } else { min }, whole }
            }
            Accepts::Number { min, max, whole, log: true, .. } => Kind::Log { min, max, whole },
            Accepts::Number { min, max, whole, log: false, .. } => {
                Kind::Linear { min, max, step: step(min, max, whole) }
            }
            Accepts::Flag => Kind::Toggle,
            Accepts::OneOf(values) => Kind::Select(values),
            // Weights are typed as a list (the custom profile), not set by one control.
            Accepts::Weights { .. } => Kind::Toggle,
        }
    }
}

/// A round step giving some 50–500 positions over the range (1 for whole numbers).
fn step(min: f64, max: f64, whole: bool) -> f64 {
    if whole { 1.0 } else { 10f64.powf(((max - min) / 50.0).log10().floor()) }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Control {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub hint: &'static str,
    pub kind: Kind,
}

pub struct Group {
    pub title: &'static str,
    pub controls: Vec<Control>,
}

/// The control of `key`, accepting what its row of the key table accepts.
fn c(key: &'static str, label: &'static str, unit: &'static str, hint: &'static str) -> Control {
    optional(key, label, unit, hint, f64::NAN)
}

/// The control of an optional number, switched on at `on`.
fn optional(key: &'static str, label: &'static str, unit: &'static str, hint: &'static str, on: f64) -> Control {
    // Every key named below is a row of the table (`every_control_sets_a_key_over_its_range`, tests/web.rs).
    let accepts = scenario::key(key).map_or(Accepts::Flag, |k| k.accepts);
    Control { key, label, unit, hint, kind: Kind::of(accepts, on) }
}

/// The parameters of the chosen traffic shape (only those are shown).
fn shape_controls(shape: TrafficShape) -> Vec<Control> {
    match shape {
        TrafficShape::Diurnal => {
            vec![c("diurnal_peak_to_trough", "Peak ÷ trough", "×", "Busiest hour's rate over the quietest's")]
        }
        TrafficShape::BusinessHours => vec![
            c("business_start_hour", "Working day starts", "h UTC", "Weekdays only"),
            c("business_end_hour", "Working day ends", "h UTC", "After the start"),
        ],
        TrafficShape::Spiky => vec![
            c("spike_count_per_day", "Bursts per day", "count", "e.g. flash sales, batch uploads"),
            c("spike_height", "Burst height", "× baseline", "Burst rate over the baseline rate"),
            c("spike_minutes", "Burst length", "min", "Minutes each burst lasts"),
        ],
        TrafficShape::Cron => vec![
            c("cron_every_min", "Runs every", "min", "Minutes between scheduled runs"),
            c("cron_batch", "Invocations per run", "count", "Fired at once each run"),
        ],
        TrafficShape::Steady | TrafficShape::Custom => Vec::new(),
    }
}

/// The control groups for the current scenario (shape parameters depend on the shape).
pub fn groups(s: &Scenario) -> Vec<Group> {
    let mut traffic = vec![
        c("requests_per_month", "Requests per month", "req/month", "Invocations in a 730-hour month"),
        c("traffic_shape", "Traffic shape", "", "How requests spread over the week"),
    ];
    traffic.extend(shape_controls(s.traffic_shape));
    vec![
        Group { title: "Traffic", controls: traffic },
        Group {
            title: "Function",
            controls: vec![
                c("duration_ms", "Duration", "ms", "Mean execution time per request"),
                c("duration_distribution", "Duration spread", "", "Shape of execution times around the mean"),
                c("memory_mb", "Memory", "MB", "Lambda: CPU scales with memory (1,769 MB = 1 vCPU)"),
                c("cpu_fraction", "CPU share", "0–1", "Share of the duration on CPU, the rest waits on I/O"),
                c("runtime", "Runtime", "", "Sets the measured init duration"),
                c("arch", "Architecture", "", "arm64 is cheaper per GB-s"),
                c("package_type", "Package", "", "Images initialise more slowly"),
                c("package_mb", "Package size", "MB", "Dependencies slow cold starts"),
                c("init_ms", "Own init code", "ms", "Your initialisation, added to every cold start"),
                c("vpc", "In a VPC", "", "Adds to cold starts"),
                c("invocation", "Invocation", "", "Sync callers wait; 6 MB payload limit"),
                c("payload_kb", "Payload", "KB", "Request + response size"),
            ],
        },
        Group {
            title: "Platform options",
            controls: vec![
                c("free_tier", "Count free tiers", "", "Per account, shared by all functions"),
                c(
                    "provisioned_concurrency",
                    "Provisioned concurrency",
                    "envs",
                    "Lambda environments kept warm, billed all month",
                ),
                optional(
                    "keep_alive_s",
                    "Keep-alive",
                    "s",
                    "Idle time before reclaim; off = measured platform default",
                    600.0,
                ),
                c("front_door", "Front door", "", "HTTP entry added to the functions"),
                c(
                    "cloud_run_concurrency",
                    "Cloud Run concurrency",
                    "req/instance",
                    "Requests one instance serves at once",
                ),
                c(
                    "cloud_run_min_instances",
                    "Min instances (Cloud Run, Container Apps)",
                    "count",
                    "Always warm, billed idle",
                ),
                c("cloud_run_billing", "Cloud Run billing", "", "Instance-based suits steady traffic"),
                optional(
                    "azure_flex_concurrency",
                    "Flex concurrency",
                    "req/instance",
                    "Off = Microsoft's default for the instance size",
                    16.0,
                ),
                c("azure_always_ready", "Flex always-ready", "count", "Always-ready instances, billed a baseline"),
                c("concurrency_quota", "Concurrency quota", "envs", "Account limit; excess is throttled (429)"),
                c("keep_warm_every_min", "Keep-warm ping every", "min", "0 = off"),
                c("keep_warm_count", "Kept warm per ping", "envs", "Environments each ping keeps warm"),
                optional(
                    "db_max_connections",
                    "Database connection limit",
                    "conns",
                    "Off = no connection-limited database",
                    100.0,
                ),
                c("rds_proxy", "RDS Proxy", "", "Pools connections in front of the database"),
                c("container_scaling", "Container capacity", "", "Fargate/EC2/EKS sizing"),
                c("target_utilization", "Target utilisation", "0–1", "CPU headroom of container capacity"),
                c("min_capacity", "Minimum tasks/instances", "count", "Kept for availability"),
                c("fargate_vcpu", "Fargate task size", "vCPU", "vCPUs per task"),
            ],
        },
        Group {
            title: "Network & operations",
            controls: vec![
                c(
                    "egress_kb_per_request",
                    "Sent to the internet",
                    "KB/req",
                    "Response and calls out: data transfer out (Workers: free)",
                ),
                c(
                    "log_kb_per_request",
                    "Logs written",
                    "KB/req",
                    "Ingested and kept a month (CloudWatch, Cloud Logging, Azure Monitor)",
                ),
                c(
                    "private_subnets",
                    "Private subnets (NAT)",
                    "",
                    "Containers and in-VPC Lambda reach the internet through a NAT gateway per zone",
                ),
                c(
                    "availability_zones",
                    "Availability zones",
                    "AZs",
                    "One public IPv4 address of the ALB, and one NAT gateway, per zone",
                ),
            ],
        },
        Group {
            title: "Commitments",
            controls: vec![
                c(
                    "commitment",
                    "Savings Plan / committed use",
                    "",
                    "Discounts the always-on baseline only, never the peaks",
                ),
                c("ec2_pricing", "EC2 pricing", "", "Reserved needs a 1-year commitment"),
                c(
                    "fargate_spot",
                    "Fargate Spot",
                    "",
                    "Tasks above the minimum, x86 only; AWS may stop a Spot task at two minutes' notice",
                ),
            ],
        },
        Group {
            title: "Requirements",
            controls: vec![
                optional("latency_slo_p99_ms", "p99 latency target", "ms", "Off = no latency SLA", 500.0),
                c("stateful", "Stateful sessions", "", "In-memory state between requests"),
                c("long_lived_connections", "Long-lived connections", "", "WebSockets / persistent TCP"),
                c("needs_gpu", "Needs a GPU", "", "Platforms without GPU prices become infeasible"),
                c(
                    "iac_mature",
                    "Team runs IaC + tracing",
                    "",
                    "Infrastructure as code and distributed tracing in place",
                ),
                c("portability_required", "Portability required", "", "Contractually bound to be cloud-portable"),
            ],
        },
    ]
}
