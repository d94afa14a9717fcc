//! Every control of the explorer as data: which scenario key it sets, its label, unit, hint and kind.
//! The control component renders any row; the reducer applies any key through `core::keys`.

use crate::core::scenario::{Scenario, TrafficShape};

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    /// A slider over decades with a typed field.
    Log {
        min: f64,
        max: f64,
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
    },
}

#[derive(Clone, Copy, PartialEq)]
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

const fn c(key: &'static str, label: &'static str, unit: &'static str, hint: &'static str, kind: Kind) -> Control {
    Control { key, label, unit, hint, kind }
}

const SHAPES: &[(&str, &str)] = &[
    ("steady", "Steady"),
    ("diurnal", "Diurnal (day/night)"),
    ("business_hours", "Business hours"),
    ("spiky", "Spiky (bursts)"),
    ("cron", "Cron (scheduled)"),
    ("custom", "Custom profile"),
];
const ARCHES: &[(&str, &str)] = &[("x86_64", "x86_64"), ("arm64", "arm64 (Graviton)")];
const PACKAGES: &[(&str, &str)] = &[("zip", "Zip archive"), ("image", "Container image")];
const INVOCATIONS: &[(&str, &str)] = &[("sync", "Synchronous (API)"), ("async", "Asynchronous (queue/event)")];
const DOORS: &[(&str, &str)] = &[
    ("none", "None (event source)"),
    ("api_gateway_http", "API Gateway HTTP API"),
    ("api_gateway_rest", "API Gateway REST API"),
    ("alb", "Application Load Balancer"),
];
const DISTRIBUTIONS: &[(&str, &str)] =
    &[("lognormal", "Lognormal"), ("exponential", "Exponential"), ("fixed", "Fixed")];
const SCALING: &[(&str, &str)] = &[("autoscaled", "Autoscaled hourly"), ("fixed", "Fixed for the peak")];
const EC2_PRICING: &[(&str, &str)] = &[("on_demand", "On-demand"), ("reserved1y", "1-year reserved")];
const CLOUD_RUN_BILLING: &[(&str, &str)] =
    &[("request", "Request-based (per request)"), ("instance", "Instance-based (whole lifecycle)")];

/// The parameters of the chosen traffic shape (only those are shown).
fn shape_controls(shape: TrafficShape) -> Vec<Control> {
    use Kind::*;
    match shape {
        TrafficShape::Diurnal => vec![c(
            "diurnal_peak_to_trough",
            "Peak ÷ trough",
            "×",
            "Busiest hour's rate over the quietest's",
            Log { min: 1.0, max: 100.0 },
        )],
        TrafficShape::BusinessHours => vec![
            c(
                "business_start_hour",
                "Working day starts",
                "h UTC",
                "Weekdays only",
                Linear { min: 0.0, max: 23.0, step: 1.0 },
            ),
            c(
                "business_end_hour",
                "Working day ends",
                "h UTC",
                "After the start",
                Linear { min: 1.0, max: 24.0, step: 1.0 },
            ),
        ],
        TrafficShape::Spiky => vec![
            c(
                "spike_count_per_day",
                "Bursts per day",
                "count",
                "e.g. flash sales, batch uploads",
                Linear { min: 0.0, max: 96.0, step: 1.0 },
            ),
            c(
                "spike_height",
                "Burst height",
                "× baseline",
                "Burst rate over the baseline rate",
                Log { min: 1.0, max: 1000.0 },
            ),
            c("spike_minutes", "Burst length", "min", "Minutes each burst lasts", Log { min: 1.0, max: 240.0 }),
        ],
        TrafficShape::Cron => vec![
            c("cron_every_min", "Runs every", "min", "Minutes between scheduled runs", Log { min: 1.0, max: 10_080.0 }),
            c(
                "cron_batch",
                "Invocations per run",
                "count",
                "Fired at once each run",
                Log { min: 1.0, max: 1_000_000.0 },
            ),
        ],
        TrafficShape::Steady | TrafficShape::Custom => Vec::new(),
    }
}

/// The control groups for the current scenario (shape parameters depend on the shape).
pub fn groups(s: &Scenario, runtimes: &'static [(&'static str, &'static str)]) -> Vec<Group> {
    use Kind::*;
    let mut traffic = vec![
        c(
            "requests_per_month",
            "Requests per month",
            "req/month",
            "Invocations in a 730-hour month",
            Log { min: 1e3, max: 1e10 },
        ),
        c("traffic_shape", "Traffic shape", "", "How requests spread over the week", Select(SHAPES)),
    ];
    traffic.extend(shape_controls(s.traffic_shape));
    vec![
        Group { title: "Traffic", controls: traffic },
        Group {
            title: "Function",
            controls: vec![
                c(
                    "duration_ms",
                    "Duration",
                    "ms",
                    "Mean execution time per request",
                    Log { min: 1.0, max: 10_000_000.0 },
                ),
                c(
                    "duration_distribution",
                    "Duration spread",
                    "",
                    "Shape of execution times around the mean",
                    Select(DISTRIBUTIONS),
                ),
                c(
                    "memory_mb",
                    "Memory",
                    "MB",
                    "Lambda: CPU scales with memory (1,769 MB = 1 vCPU)",
                    Linear { min: 128.0, max: 10_240.0, step: 64.0 },
                ),
                c(
                    "cpu_fraction",
                    "CPU share",
                    "0–1",
                    "Share of the duration on CPU, the rest waits on I/O",
                    Linear { min: 0.05, max: 1.0, step: 0.05 },
                ),
                c("runtime", "Runtime", "", "Sets the measured init duration", Select(runtimes)),
                c("arch", "Architecture", "", "arm64 is cheaper per GB-s", Select(ARCHES)),
                c("package_type", "Package", "", "Images initialise more slowly", Select(PACKAGES)),
                c("package_mb", "Package size", "MB", "Dependencies slow cold starts", Log { min: 0.1, max: 10_240.0 }),
                c(
                    "init_ms",
                    "Own init code",
                    "ms",
                    "Your initialisation, added to every cold start",
                    Linear { min: 0.0, max: 10_000.0, step: 10.0 },
                ),
                c("vpc", "In a VPC", "", "Adds to cold starts", Toggle),
                c("invocation", "Invocation", "", "Sync callers wait; 6 MB payload limit", Select(INVOCATIONS)),
                c("payload_kb", "Payload", "KB", "Request + response size", Log { min: 0.1, max: 1_048_576.0 }),
            ],
        },
        Group {
            title: "Platform options",
            controls: vec![
                c("free_tier", "Count free tiers", "", "Per account, shared by all functions", Toggle),
                c(
                    "provisioned_concurrency",
                    "Provisioned concurrency",
                    "envs",
                    "Lambda environments kept warm, billed all month",
                    Linear { min: 0.0, max: 500.0, step: 1.0 },
                ),
                c(
                    "keep_alive_s",
                    "Keep-alive",
                    "s",
                    "Idle time before reclaim; off = measured platform default",
                    Optional { min: 10.0, max: 86_400.0, on: 600.0 },
                ),
                c("front_door", "Front door", "", "HTTP entry added to the functions", Select(DOORS)),
                c(
                    "cloud_run_concurrency",
                    "Cloud Run concurrency",
                    "req/instance",
                    "Requests one instance serves at once",
                    Log { min: 1.0, max: 1000.0 },
                ),
                c(
                    "cloud_run_min_instances",
                    "Cloud Run min instances",
                    "count",
                    "Always warm, billed idle",
                    Linear { min: 0.0, max: 100.0, step: 1.0 },
                ),
                c(
                    "cloud_run_billing",
                    "Cloud Run billing",
                    "",
                    "Instance-based suits steady traffic",
                    Select(CLOUD_RUN_BILLING),
                ),
                c(
                    "azure_flex_concurrency",
                    "Flex concurrency",
                    "req/instance",
                    "Off = Microsoft's default for the instance size",
                    Optional { min: 1.0, max: 1000.0, on: 16.0 },
                ),
                c(
                    "azure_always_ready",
                    "Flex always-ready",
                    "count",
                    "Always-ready instances, billed a baseline",
                    Linear { min: 0.0, max: 100.0, step: 1.0 },
                ),
                c(
                    "concurrency_quota",
                    "Concurrency quota",
                    "envs",
                    "Account limit; excess is throttled (429)",
                    Log { min: 1.0, max: 100_000.0 },
                ),
                c(
                    "keep_warm_every_min",
                    "Keep-warm ping every",
                    "min",
                    "0 = off",
                    Linear { min: 0.0, max: 60.0, step: 1.0 },
                ),
                c(
                    "keep_warm_count",
                    "Kept warm per ping",
                    "envs",
                    "Environments each ping keeps warm",
                    Linear { min: 0.0, max: 100.0, step: 1.0 },
                ),
                c(
                    "db_max_connections",
                    "Database connection limit",
                    "conns",
                    "Off = no connection-limited database",
                    Optional { min: 1.0, max: 100_000.0, on: 100.0 },
                ),
                c("rds_proxy", "RDS Proxy", "", "Pools connections in front of the database", Toggle),
                c("container_scaling", "Container capacity", "", "Fargate/EC2/EKS sizing", Select(SCALING)),
                c(
                    "target_utilization",
                    "Target utilisation",
                    "0–1",
                    "CPU headroom of container capacity",
                    Linear { min: 0.05, max: 1.0, step: 0.05 },
                ),
                c(
                    "min_capacity",
                    "Minimum tasks/instances",
                    "count",
                    "Kept for availability",
                    Linear { min: 0.0, max: 20.0, step: 1.0 },
                ),
                c(
                    "availability_zones",
                    "Availability zones",
                    "AZs",
                    "The ALB holds one public IPv4 address per zone",
                    Linear { min: 2.0, max: 6.0, step: 1.0 },
                ),
                c("fargate_vcpu", "Fargate task size", "vCPU", "vCPUs per task", Log { min: 0.25, max: 16.0 }),
                c("ec2_pricing", "EC2 pricing", "", "Reserved needs a 1-year commitment", Select(EC2_PRICING)),
            ],
        },
        Group {
            title: "Requirements",
            controls: vec![
                c(
                    "latency_slo_p99_ms",
                    "p99 latency target",
                    "ms",
                    "Off = no latency SLA",
                    Optional { min: 10.0, max: 60_000.0, on: 500.0 },
                ),
                c("stateful", "Stateful sessions", "", "In-memory state between requests", Toggle),
                c("long_lived_connections", "Long-lived connections", "", "WebSockets / persistent TCP", Toggle),
                c("needs_gpu", "Needs a GPU", "", "", Toggle),
                c(
                    "iac_mature",
                    "Team runs IaC + tracing",
                    "",
                    "Infrastructure as code and distributed tracing in place",
                    Toggle,
                ),
                c(
                    "portability_required",
                    "Portability required",
                    "",
                    "Contractually bound to be cloud-portable",
                    Toggle,
                ),
            ],
        },
    ]
}
