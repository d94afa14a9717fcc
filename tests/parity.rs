#![cfg(not(target_arch = "wasm32"))]
//! One verdict for the explorer and the fleet: a table of functions, each evaluated both ways — the
//! explorer simulates (`eval::assess`), the fleet estimates analytically (`fleet::evaluate`) — must come
//! to the same decision and recommendation. The cases sit clear of the thresholds, so the two methods'
//! figures agree on every signal; what is tested is that the rules are the same.

use crossover::core::catalog::Catalog;
use crossover::core::cost::PlatformId;
use crossover::core::eval;
use crossover::core::fleet::{self, FleetInput};
use crossover::core::scenario::{Arch, Invocation, Scenario, TrafficShape};
use crossover::core::verdict::Decision;

use Decision::*;
use PlatformId::*;

/// A fleet row: (invocations/month, mean duration ms, memory MB, runtime, arch, p99 target ms).
type Row = (f64, f64, f64, &'static str, Arch, Option<f64>);

/// `Err` names the case and how the two ways (or the expectation) differ.
fn check(
    case: &str,
    base: Scenario,
    (invocations, duration_ms, memory_mb, runtime, arch, p99): Row,
    want: (Decision, PlatformId),
) -> Result<(), String> {
    let cat = Catalog::builtin();
    let input = FleetInput {
        line: 2,
        name: case.into(),
        invocations,
        duration_ms,
        memory_mb,
        runtime: Some(runtime.into()),
        arch: Some(arch),
        p99_target_ms: p99,
    };
    let report = fleet::evaluate(std::slice::from_ref(&input), &base, &cat);
    assert!(report.errors.is_empty(), "{case}: {:?}", report.errors);
    let row = &report.rows[0];
    let s = Scenario {
        requests_per_month: invocations,
        duration_ms,
        memory_mb,
        runtime: runtime.into(),
        arch,
        latency_slo_p99_ms: p99.or(base.latency_slo_p99_ms),
        ..base
    };
    let explorer = eval::assess(&s, &cat).verdict;
    let (simulated, estimated) = ((explorer.decision, explorer.recommended), (row.decision, row.recommended));
    if simulated != estimated {
        return Err(format!("{case}: explorer {simulated:?}, fleet {estimated:?} ({:?})\n{explorer:#?}", row.reason));
    }
    if simulated != want {
        return Err(format!("{case}: both {simulated:?}, expected {want:?}"));
    }
    Ok(())
}

fn base() -> Scenario {
    Scenario::default()
}

#[test]
fn explorer_and_fleet_decide_alike() {
    use Arch::{Arm64, X86_64};
    let cron = || Scenario {
        traffic_shape: TrafficShape::Cron,
        cron_every_min: 1440,
        invocation: Invocation::Async,
        min_capacity: 0,
        ..base()
    };
    let steady = || Scenario { traffic_shape: TrafficShape::Steady, ..base() };
    let diurnal = || Scenario { traffic_shape: TrafficShape::Diurnal, ..base() };
    let compute_only = || Scenario { egress_kb_per_request: 0.0, log_kb_per_request: 0.0, ..base() };
    let cases: Vec<(&str, Scenario, Row, (Decision, PlatformId))> = vec![
        // Azure Monitor's $2.30/GB of logs outweighs Lambda's dearer compute here.
        ("small api", base(), (1e6, 120.0, 512.0, "nodejs22", X86_64, None), (Go, AwsLambda)),
        ("small arm api", base(), (2e6, 80.0, 256.0, "python312", Arm64, None), (Go, AwsLambda)),
        ("steady 2,000 req/s", steady(), (5.184e9, 50.0, 1024.0, "go", X86_64, None), (NoGo, AwsEc2)),
        ("45-minute batch", cron(), (30.0, 2_700_000.0, 3008.0, "python312", X86_64, None), (Go, CloudRun)),
        ("20-minute job", cron(), (30.0, 1_200_000.0, 2048.0, "python312", X86_64, None), (Go, CloudRun)),
        ("2-hour job", cron(), (30.0, 7_200_000.0, 2048.0, "python312", X86_64, None), (NoGo, AwsFargate)),
        ("16 GB function", base(), (1e6, 500.0, 16_384.0, "java21", X86_64, None), (Go, CloudRun)),
        (
            "gpu",
            Scenario { needs_gpu: true, ..base() },
            (1e6, 500.0, 4096.0, "python312", X86_64, None),
            (NoGo, CloudRun),
        ),
        (
            "websockets",
            Scenario { long_lived_connections: true, ..base() },
            (1e7, 200.0, 512.0, "nodejs22", X86_64, None),
            (NoGo, CloudRun),
        ),
        (
            "database ceiling",
            Scenario { db_max_connections: Some(50), ..steady() },
            (1e9, 200.0, 512.0, "nodejs22", X86_64, None),
            (NoGo, AwsEc2),
        ),
        (
            "database behind RDS Proxy",
            Scenario { db_max_connections: Some(50), rds_proxy: true, ..diurnal() },
            (5e7, 200.0, 512.0, "nodejs22", X86_64, None),
            (ConditionalGo, AwsLambda),
        ),
        // With a p99 target the recommendation is the platform whose latency was judged (the fleet used to
        // pick the cheapest serverless one, Azure Functions here).
        // (Compute only: with Azure Monitor's log rate Azure would not be the cheaper one.)
        (
            "p99 met, Azure cheaper",
            compute_only(),
            (1e6, 120.0, 512.0, "nodejs22", X86_64, Some(5000.0)),
            (Go, AwsLambda),
        ),
        ("p99 met", diurnal(), (1e7, 100.0, 1024.0, "nodejs22", Arm64, Some(5000.0)), (Go, AwsLambda)),
        (
            "p99 missed by the work",
            diurnal(),
            (1e7, 120.0, 1024.0, "nodejs22", X86_64, Some(150.0)),
            (ConditionalGo, AwsLambda),
        ),
        ("hard p99 target", diurnal(), (3e7, 80.0, 2048.0, "java21", X86_64, Some(100.0)), (NoGo, AwsEc2)),
        (
            "stateful",
            Scenario { stateful: true, ..base() },
            (5e6, 150.0, 512.0, "nodejs22", X86_64, None),
            (ConditionalGo, AwsLambda),
        ),
        (
            "no IaC",
            Scenario { iac_mature: false, ..base() },
            (5e6, 150.0, 512.0, "nodejs22", X86_64, None),
            (ConditionalGo, AwsLambda),
        ),
        (
            "portable",
            Scenario { portability_required: true, ..base() },
            (5e6, 150.0, 512.0, "nodejs22", X86_64, None),
            (NoGo, AwsEc2),
        ),
    ];
    let failed: Vec<String> =
        cases.into_iter().filter_map(|(case, base, row, want)| check(case, base, row, want).err()).collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
