#![cfg(not(target_arch = "wasm32"))]
//! The execution model of every platform: cold-start delays pinned to their sourced figures, the scaling
//! rules reproduced from the providers' documented numbers, and the orderings the models must show.

use crossover::core::catalog::Catalog;
use crossover::core::coldstart::data::ColdData;
use crossover::core::coldstart::init::{self, Z67, Z95};
use crossover::core::coldstart::provisioned::units_for;
use crossover::core::coldstart::{
    ColdStartReport, Provisioned, SimParams, SimTarget, simulate, simulate_fleet, simulate_fleet_exact,
    simulate_fleet_fluid,
};
use crossover::core::cost::{self, PlatformId};
use crossover::core::eval;
use crossover::core::rng::Rng;
use crossover::core::scenario::{Invocation, Scenario, TrafficShape};
use crossover::core::traffic;

#[path = "common/rates.rs"]
mod rates;
use rates::builtin;

/// z of the standard normal's 99th percentile.
const Z99: f64 = 2.326_347_9;

fn close(got: f64, want: f64, rel: f64, what: &str) {
    assert!((got / want - 1.0).abs() <= rel, "{what}: {got} vs {want}");
}

/// A hello-world function: no package beyond the baseline 1 MB, no init code of its own.
fn hello(runtime: &str) -> Scenario {
    Scenario { runtime: runtime.into(), package_mb: 1.0, ..Scenario::default() }
}

fn delay(s: &Scenario, target: SimTarget, z: f64) -> f64 {
    init::model(s, &ColdData::builtin(), target).at_z(z)
}

/// Lambda, Node.js 22, x86_64 zip at 512 MB — lambda-perf's Init Duration over 2026-07-23 … 08-22 (p50 140.2,
/// p90 160.0, p99 182.4 ms) plus the 100 ms of placement that end-to-end measurements add (Shilkov's 260 ms
/// median against lambda-perf's ≈ 140 ms); a 5 MB package adds (5 − 1) MB × 103.3 ms/MB = 413.2 ms.
#[test]
fn lambda_cold_starts_follow_lambda_perf() {
    let s = hello("nodejs22");
    let t = SimTarget::AwsLambda;
    for (z, ms) in [(0.0, 240.2), (1.281_551_6, 260.0), (Z99, 282.4)] {
        close(delay(&s, t, z), ms, 1e-9, &format!("Lambda Node z={z}"));
    }
    close(delay(&Scenario { package_mb: 5.0, ..s }, t, 0.0), 240.2 + 413.2, 1e-9, "Lambda 5 MB package");
}

/// Azure Consumption, Node.js on Linux — Shilkov, mikhail.io/serverless/coldstarts/azure/ (2021-01-05,
/// data/coldstart_azure_bylanguagelinux.json): median 1.5751 s, 67 % of cold starts within 0.9366–3.0941 s,
/// 95 % within 0.2678–4.3397 s. The model passes through each of them.
#[test]
fn azure_cold_starts_follow_shilkovs_measurements() {
    let s = hello("nodejs22");
    let t = SimTarget::AzureConsumption;
    for (z, ms) in [(-Z95, 267.8), (-Z67, 936.6), (0.0, 1575.1), (Z67, 3094.1), (Z95, 4339.7)] {
        close(delay(&s, t, z), ms, 1e-9, &format!("Azure Node z={z}"));
    }
    // Sampled, the same figures come back: the 50th, 83.5th and 97.5th percentiles of 100,000 draws.
    let model = init::model(&s, &ColdData::builtin(), t);
    let mut rng = Rng::new(7);
    let mut draws: Vec<f64> = (0..100_000).map(|_| model.sample(&mut rng)).collect();
    draws.sort_by(f64::total_cmp);
    for (q, ms) in [(0.5, 1575.1), (0.835, 3094.1), (0.975, 4339.7)] {
        close(draws[(q * draws.len() as f64) as usize], ms, 0.03, &format!("sampled q{q}"));
    }
    // A 5 MB package adds (5 − 1) MB × 344.3 ms/MB = 1,377.2 ms (Shilkov's Azure dependency sizes,
    // 14 MB 7.32 s and 35 MB 14.55 s: (14,551 − 7,320) / 21 = 344.3 ms per MB).
    let five = Scenario { package_mb: 5.0, ..s.clone() };
    close(delay(&five, t, 0.0), 1575.1 + 1377.2, 1e-9, "Azure 5 MB package");
}

/// Java on Azure Consumption — Shilkov (coldstart_azure_bylanguagega.json): median 7.682 s against Node's
/// 1.575 s; the simulated sparse workload shows it in its slowest requests.
#[test]
fn a_jvm_starts_slower_than_node_on_azure() {
    let (node, java) = (hello("nodejs22"), hello("java21"));
    let t = SimTarget::AzureConsumption;
    close(delay(&java, t, 0.0), 7682.0, 1e-9, "Azure Java median");
    assert!(delay(&java, t, Z95) > delay(&node, t, Z95) * 4.0);
    // One request every 20 minutes or so: about half of them find the instance reclaimed.
    let sparse = |s: &Scenario| simulate(&Scenario { requests_per_month: 2e3, ..s.clone() }, builtin(), t);
    let model_mean = |s: &Scenario| init::model(s, &ColdData::builtin(), t).mean();
    assert!(model_mean(&java) > 3.0 * model_mean(&node), "{} vs {}", model_mean(&java), model_mean(&node));
    let (n, j) = (sparse(&node), sparse(&java));
    assert!(j.mean_init_ms > 2.0 * n.mean_init_ms, "{} vs {}", j.mean_init_ms, n.mean_init_ms);
    assert!(n.cold_start_fraction > 0.1, "{}", n.cold_start_fraction);
    assert!(j.latency_ms.p99 > 2.0 * n.latency_ms.p99, "{:?} vs {:?}", j.latency_ms, n.latency_ms);
}

/// Cloud Run, Node.js — Shilkov's Google Cloud Functions figures (data/coldstart_gcp_bylanguage.json):
/// median 0.6654 s, 67 % within 0.5231–0.8639 s, 95 % within 0.4622–1.4941 s. Beyond the 97.5th percentile the
/// last segment's slope continues: ln(1494.1 / 863.9) / (1.960 − 0.974) = 0.5557 per unit of z, so the p99
/// (z = 2.326) is 1494.1 × e^(0.5557 × 0.3664) = 1,833 ms — inside the seed's "1–4 s at p99" for Cloud Run
/// (000_ef6c69a3fa2b6208.txt, provider table).
#[test]
fn cloud_run_cold_starts_follow_the_measurements_and_the_seed_range() {
    let node = hello("nodejs22");
    let t = SimTarget::CloudRun;
    for (z, ms) in [(-Z95, 462.2), (0.0, 665.4), (Z67, 863.9), (Z95, 1494.1)] {
        close(delay(&node, t, z), ms, 1e-9, &format!("Cloud Run Node z={z}"));
    }
    let p99 = delay(&node, t, Z99);
    close(p99, 1833.0, 0.01, "Cloud Run Node p99");
    assert!((1000.0..=4000.0).contains(&p99));
    // Java is not measured there: Node's figures plus what Java 21 takes longer than Node.js 22 to initialise
    // on Lambda at 512 MB (lambda-perf p50 Init Duration 238.6 vs 140.2 ms: +98.4 ms).
    close(delay(&hello("java21"), t, 0.0), 665.4 + 98.4, 1e-9, "Cloud Run Java median");
    // A 1,025 MB container image streams: (1,025 − 1) MB × 0.006 ms/MB = 6.1 ms.
    let image =
        Scenario { package_type: crossover::core::scenario::PackageType::Image, package_mb: 1025.0, ..node.clone() };
    close(delay(&image, t, 0.0), 665.4 + 6.144, 1e-9, "Cloud Run 1 GB image");
    // Every runtime's p99 cold start stays inside the seed's 1–4 s.
    for runtime in ["nodejs22", "python312", "go", "java21", "dotnet8"] {
        let p99 = delay(&hello(runtime), t, Z99);
        assert!((1000.0..=4000.0).contains(&p99), "{runtime}: {p99}");
    }
}

/// Workers — Cloudflare, "Eliminating cold starts with Cloudflare Workers" (2020-07-30): an isolate warms up in
/// under 5 ms; the model takes the bound, plus the function's own init code.
#[test]
fn workers_start_an_isolate_in_five_milliseconds() {
    let t = SimTarget::CloudflareWorkers;
    for z in [-3.0, 0.0, Z99] {
        assert_eq!(delay(&hello("nodejs22"), t, z), 5.0);
    }
    assert_eq!(delay(&Scenario { init_ms: 20.0, ..hello("rust") }, t, 0.0), 25.0);
}

/// Workers runs JavaScript, Python and WebAssembly only: a JVM, .NET or Ruby runtime is infeasible there, with
/// the limit named; the other platforms still take it.
#[test]
fn a_jvm_or_dotnet_runtime_rules_out_workers() {
    let cat = Catalog::builtin();
    for runtime in ["java21", "java21_snapstart", "dotnet8", "dotnet8_aot", "ruby33"] {
        let s = Scenario { memory_mb: 128.0, ..hello(runtime) };
        let why = cost::infeasible_reason(PlatformId::CloudflareWorkers, &s, &cat);
        assert!(
            why.as_ref().is_some_and(|w| w.message.contains(runtime) && w.message.contains("JavaScript")),
            "{runtime}: {why:?}"
        );
        assert!(cost::infeasible_reason(PlatformId::AwsLambda, &s, &cat).is_none());
        assert!(eval::simulate_platform(&s, &cat, PlatformId::CloudflareWorkers).is_none());
    }
    for runtime in ["nodejs22", "python312", "rust", "go"] {
        let s = Scenario { memory_mb: 128.0, ..hello(runtime) };
        assert!(cost::infeasible_reason(PlatformId::CloudflareWorkers, &s, &cat).is_none(), "{runtime}");
    }
}

/// Azure's documented scaling, as the engine sees it (Microsoft Learn, "Event-driven scaling in Azure
/// Functions" and the HTTP trigger's host.json): one vCPU per instance, at most 100 concurrent HTTP requests per
/// instance, one new instance a second for HTTP (every 30 s for other triggers), at most 200 instances.
#[test]
fn azure_scales_as_documented() {
    let cat = Catalog::builtin();
    let p = |s: &Scenario| SimParams::new(s, cat.rates(), SimTarget::AzureConsumption);
    // Half the duration on CPU: one vCPU runs 1 / 0.5 = 2 requests at full speed.
    assert_eq!(p(&Scenario::default()).slots, 2);
    // Nearly all I/O: 1 / 0.005 = 200 would fit, the host caps it at 100.
    assert_eq!(p(&Scenario { cpu_fraction: 0.005, ..Scenario::default() }).slots, 100);
    let http = p(&Scenario::default());
    assert_eq!((http.scale, http.quota, http.wait_for_scale), (Some((1.0, 1.0)), 200, true));
    let queue = p(&Scenario { invocation: Invocation::Async, ..Scenario::default() });
    assert_eq!(queue.scale, Some((1.0, 1.0 / 30.0)));
}

fn spiky(rpm: f64) -> Scenario {
    Scenario { requests_per_month: rpm, traffic_shape: TrafficShape::Spiky, memory_mb: 128.0, ..Scenario::default() }
}

/// Sparse traffic is mostly cold everywhere; an isolate's 5 ms start keeps Workers' tail far under Lambda's.
#[test]
fn workers_tail_is_under_lambdas_on_sparse_traffic() {
    let s = Scenario { requests_per_month: 1e4, memory_mb: 128.0, ..Scenario::default() };
    let (w, l) = (simulate(&s, builtin(), SimTarget::CloudflareWorkers), simulate(&s, builtin(), SimTarget::AwsLambda));
    assert!(l.cold_start_fraction > 0.1, "{}", l.cold_start_fraction);
    assert!(w.latency_ms.p99 + 100.0 < l.latency_ms.p99, "{:?} vs {:?}", w.latency_ms, l.latency_ms);
}

/// In a burst Lambda starts an environment per concurrent request; Cloud Run packs an I/O-bound workload
/// (1 % CPU) at its autoscaler's targets: min(60 % × 80, 60 % × 1 vCPU ÷ 0.01) = 48 requests per instance.
#[test]
fn cloud_run_starts_fewer_instances_than_lambda_in_a_burst() {
    for rpm in [1e6, 1e8] {
        let s = Scenario { cpu_fraction: 0.01, ..spiky(rpm) };
        let (c, l) = (simulate(&s, builtin(), SimTarget::CloudRun), simulate(&s, builtin(), SimTarget::AwsLambda));
        assert!(c.peak_instances * 5.0 < l.peak_instances, "{rpm}: {} vs {}", c.peak_instances, l.peak_instances);
        assert!(c.cold_starts < l.cold_starts, "{rpm}");
    }
}

fn fleet(s: &Scenario, id: PlatformId) -> ColdStartReport {
    eval::simulate_platform(s, &Catalog::builtin(), id).expect("containers are feasible")
}

/// At a steady load the provisioned fleets never cold-start a request and, run at the target utilisation, queue
/// little: their p99 stays within 20 % of the work's own p99 (lognormal σ 0.5 around 200 ms: 200 ×
/// e^(−0.125 + 0.5 × 2.326) = 565 ms).
#[test]
fn containers_have_no_cold_start_at_steady_load() {
    for rpm in [1e5, 1e7, 1e9] {
        let s = Scenario { requests_per_month: rpm, ..Scenario::default() };
        for id in [PlatformId::AwsFargate, PlatformId::AwsEc2, PlatformId::AwsEks] {
            let r = fleet(&s, id);
            assert_eq!((r.cold_start_fraction, r.cold_starts, r.throttled_fraction), (0.0, 0.0, 0.0), "{id:?} {rpm}");
            assert!(r.latency_ms.p99 < 565.0 * 1.2, "{id:?} {rpm}: {:?}", r.latency_ms);
            assert!(r.avg_instances >= f64::from(s.min_capacity), "{id:?} {rpm}");
        }
    }
}

/// A 10× burst outruns an autoscaled fleet until new capacity starts: requests queue, and synchronous ones
/// are shed after the load balancer's 60 s. EC2 nodes (150 s to start) lag more than Fargate tasks (30 s).
#[test]
fn a_burst_queues_on_containers_until_capacity_arrives() {
    let s = spiky(1e8);
    let f = cost::provisioned(&s, &Catalog::builtin(), PlatformId::AwsFargate).expect("Fargate is provisioned");
    let (fargate, ec2) = (
        simulate_fleet(&s, builtin(), SimTarget::AwsFargate, &f),
        simulate_fleet(&s, builtin(), SimTarget::AwsEc2, &f),
    );
    let steady = simulate_fleet(
        &Scenario { traffic_shape: TrafficShape::Steady, ..s.clone() },
        builtin(),
        SimTarget::AwsFargate,
        &f,
    );
    assert!(fargate.latency_ms.p99 > 2.0 * steady.latency_ms.p99, "{:?}", fargate.latency_ms);
    assert!(ec2.latency_ms.p99 >= fargate.latency_ms.p99 && ec2.throttled_fraction > fargate.throttled_fraction);
    // A synchronous request waits at most the 60 s timeout (then its own work, and the histogram's 6.25 %).
    assert!(fargate.latency_ms.p999 <= 66_000.0, "{:?}", fargate.latency_ms);
    // A fleet sized for the busiest minute all month has nothing to wait for.
    let busiest = traffic::minute_rates(&s).into_iter().fold(0.0, f64::max);
    let fixed = Provisioned { fixed_units: Some(units_for(busiest, f.units_per_rps, f.min_units).ceil()), ..f };
    let r = simulate_fleet(&s, builtin(), SimTarget::AwsFargate, &fixed);
    assert!(r.throttled_fraction == 0.0 && r.latency_ms.p99 < 600.0, "{:?}", r.latency_ms);
}

/// The two queue engines agree where both can run (one week each).
#[test]
fn queue_engines_agree() {
    let week = 7.0 * 86_400.0;
    for (what, s) in [
        ("steady", Scenario { requests_per_month: 2e6, ..Scenario::default() }),
        ("diurnal", Scenario { requests_per_month: 3e6, traffic_shape: TrafficShape::Diurnal, ..Scenario::default() }),
        ("spiky", Scenario { requests_per_month: 2e6, ..spiky(2e6) }),
    ] {
        let f = cost::provisioned(&s, &Catalog::builtin(), PlatformId::AwsFargate).expect("Fargate");
        let e = simulate_fleet_exact(&s, builtin(), SimTarget::AwsFargate, &f, week);
        let l = simulate_fleet_fluid(&s, builtin(), SimTarget::AwsFargate, &f, week);
        close(l.latency_ms.p50, e.latency_ms.p50, 0.05, &format!("{what} p50"));
        close(l.latency_ms.p99, e.latency_ms.p99, 0.15, &format!("{what} p99"));
        close(l.avg_instances, e.avg_instances, 1e-9, &format!("{what} instances"));
    }
}

/// Every platform's simulation is deterministic and sane at the extremes of volume.
#[test]
fn every_platform_is_deterministic() {
    let cat = Catalog::builtin();
    for rpm in [0.0, 1e3, 1e6, 1e10] {
        let s = Scenario { requests_per_month: rpm, memory_mb: 128.0, ..Scenario::default() };
        for &id in PlatformId::ALL {
            let a = eval::simulate_platform(&s, &cat, id);
            assert_eq!(a, eval::simulate_platform(&s, &cat, id), "{id:?} {rpm}");
            if let Some(r) = a {
                let l = &r.latency_ms;
                assert!(l.p50 <= l.p99 && l.p99 <= l.p999 && l.p999.is_finite(), "{id:?} {rpm}: {l:?}");
                assert!((0.0..=1.0).contains(&r.throttled_fraction), "{id:?} {rpm}");
            }
        }
    }
}

/// The evaluation runs every platform on one draw of the requests and simulates EKS, whose nodes are EC2's
/// instance type started as slowly, once with EC2: each figure equals the platform simulated on its own.
#[test]
fn the_evaluation_equals_each_platform_simulated_alone() {
    let cat = Catalog::builtin();
    for s in [
        Scenario { requests_per_month: 5e4, memory_mb: 128.0, ..Scenario::default() },
        Scenario { requests_per_month: 4e5, ..spiky(4e5) },
        Scenario { requests_per_month: 1e9, ..Scenario::default() },
    ] {
        let sims = eval::simulate(&s, &cat);
        for &id in PlatformId::ALL {
            assert_eq!(sims.report(id), eval::simulate_platform(&s, &cat, id).as_ref(), "{id:?}");
        }
    }
}

/// The simulation reads the catalogue it is given, not the builtin one: your Container Apps cool-down
/// (`aca.cooldown_s`, 300 s listed) is how long an idle replica lives, so at one request every ~15 min
/// an hour's cool-down keeps most replicas warm where five minutes lets most go.
#[test]
fn the_simulation_follows_your_rates() {
    let s = Scenario { requests_per_month: 3e3, cpu_fraction: 0.01, ..hello("nodejs22") };
    let mut yours = Catalog::builtin();
    yours.set_price("aca.cooldown_s", 3_600.0).expect("a catalogue key");
    let listed = simulate(&s, builtin(), SimTarget::AzureContainerApps).cold_start_fraction;
    let longer = simulate(&s, yours.rates(), SimTarget::AzureContainerApps).cold_start_fraction;
    assert!(longer < 0.5 * listed, "cold {listed} at 300 s, {longer} at 3,600 s");
}

/// Azure Container Apps has no published replica start-up measurements: Cloud Run's measured container
/// starts stand in (data/coldstart.json, status "proxy"), Node.js median 665.4 ms as on Cloud Run.
/// Idle replicas go after the cool-down — learn.microsoft.com "Set scaling rules in Azure Container Apps"
/// and the Scale class (azure-mgmt-appcontainers): cooldownPeriod defaults to 300 s, pollingInterval to
/// 30 s, so an idle replica lives 300 … 330 s. A replica holds the HTTP scale rule's concurrentRequests
/// (default 10) unless the CPU fills first: 512 MB → a 0.25 vCPU replica (0.5 GiB per 0.25 vCPU step);
/// at cpu_fraction 0.01 and 60 % utilisation 0.25 × 0.6 ÷ 0.01 = 15 → capped at 10.
#[test]
fn container_apps_replicas_start_like_cloud_run_and_hold_ten_requests() {
    let cat = Catalog::builtin();
    let node = hello("nodejs22");
    close(delay(&node, SimTarget::AzureContainerApps, 0.0), 665.4, 1e-9, "Container Apps Node median");
    let s = Scenario { cpu_fraction: 0.01, ..node.clone() };
    let p = SimParams::new(&s, cat.rates(), SimTarget::AzureContainerApps);
    assert_eq!(p.keep_alive, (300.0, 330.0));
    assert_eq!(p.slots, 10);
    // Scaled to zero it cold-starts on sparse traffic; with the peak's replicas kept (`rm`) it does not.
    let sparse = Scenario { requests_per_month: 3e3, ..s.clone() };
    let cold = eval::simulate_platform(&sparse, &cat, PlatformId::AzureContainerApps).expect("feasible");
    assert!(cold.cold_start_fraction > 0.1, "{:?}", cold.cold_start_fraction);
    let warm = Scenario { cloud_run_min_instances: 1, ..sparse };
    let warm = eval::simulate_platform(&warm, &cat, PlatformId::AzureContainerApps).expect("feasible");
    assert_eq!(warm.cold_start_fraction, 0.0);
    // Ten requests a replica: a burst starts far fewer replicas than Lambda starts environments.
    let burst = Scenario { cpu_fraction: 0.01, ..spiky(1e8) };
    let (a, l) =
        (simulate(&burst, builtin(), SimTarget::AzureContainerApps), simulate(&burst, builtin(), SimTarget::AwsLambda));
    assert!(a.peak_instances * 5.0 < l.peak_instances, "{} vs {}", a.peak_instances, l.peak_instances);
}

/// Lambda Managed Instances — docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-scaling.html:
/// it "does not scale when invocations arrive and does not support cold starts"; it scales asynchronously on
/// CPU use, keeps three instances by default, and "if your traffic more than doubles within 5 minutes, you
/// may see throttles". Modelled as the bill's instance fleet queued like a container fleet that follows the
/// need 5 minutes late: no cold start at any load, at least the three instances, and a 10× burst queues.
#[test]
fn lambda_managed_instances_never_cold_start_and_lag_a_burst() {
    let cat = Catalog::builtin();
    for rpm in [1e4, 1e7, 1e9] {
        let s = Scenario { requests_per_month: rpm, ..hello("nodejs22") };
        let r = eval::simulate_platform(&s, &cat, PlatformId::AwsLambdaManaged).expect("Node.js 22 runs there");
        assert_eq!((r.cold_start_fraction, r.cold_starts), (0.0, 0.0), "{rpm}");
        assert!(r.avg_instances >= 3.0, "{rpm}: {}", r.avg_instances);
        assert!(r.latency_ms.p99 < 565.0 * 1.2, "{rpm}: {:?}", r.latency_ms);
    }
    let burst = Scenario { ..spiky(1e8) };
    let steady = Scenario { traffic_shape: TrafficShape::Steady, ..burst.clone() };
    let (b, s) = (fleet(&burst, PlatformId::AwsLambdaManaged), fleet(&steady, PlatformId::AwsLambdaManaged));
    assert!(b.latency_ms.p99 > s.latency_ms.p99, "{:?} vs {:?}", b.latency_ms, s.latency_ms);
    // A runtime it does not support leaves it infeasible, with no figures.
    assert!(eval::simulate_platform(&hello("ruby33"), &cat, PlatformId::AwsLambdaManaged).is_none());
}
