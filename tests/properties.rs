#![cfg(not(target_arch = "wasm32"))]
//! Totality: for any valid scenario the core returns finite, ordered, deterministic figures, and every
//! decoder gives back exactly what its encoder wrote. Scenarios are generated from `scenario::KEYS`,
//! so a new key with a range is covered as soon as it is added to the generator below.

use crossover::core::catalog::Catalog;
use crossover::core::coldstart::RUNTIMES;
use crossover::core::eval;
use crossover::core::scenario::{
    self, Arch, CloudRunBilling, Commitment, ContainerScaling, DurationDistribution, Ec2Pricing, FrontDoor, Invocation,
    PackageType, Scenario, TrafficShape,
};
use crossover::core::{invariants, keys, query, scenario_json};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;

fn range(key: &str) -> (f64, f64) {
    scenario::range_of(key).unwrap_or_else(|| panic!("{key} has no range"))
}

/// Any value of a real-valued key: mostly spread over its range (log-uniform when it spans decades),
/// sometimes exactly an end.
fn real(key: &'static str) -> BoxedStrategy<f64> {
    let (lo, hi) = range(key);
    let inner = if lo > 0.0 && hi / lo > 100.0 {
        (lo.ln()..=hi.ln()).prop_map(move |x| x.exp().clamp(lo, hi)).boxed()
    } else {
        (lo..=hi).boxed()
    };
    prop_oneof![1 => Just(lo), 1 => Just(hi), 6 => inner].boxed()
}

/// Any value of a whole-number key, ends included.
fn whole(key: &'static str) -> BoxedStrategy<u32> {
    let (lo, hi) = range(key);
    let (lo, hi) = (lo as u32, hi as u32);
    prop_oneof![1 => Just(lo), 1 => Just(hi), 6 => lo..=hi].boxed()
}

fn option<T: std::fmt::Debug + Clone + 'static>(inner: BoxedStrategy<T>) -> BoxedStrategy<Option<T>> {
    prop_oneof![Just(None), inner.prop_map(Some)].boxed()
}

fn runtime() -> BoxedStrategy<String> {
    select(RUNTIMES.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>()).boxed()
}

/// Every run draws the same cases (set `PROPTEST_RNG_SEED` to explore others); a failure found is kept
/// in `tests/properties.proptest-regressions` and re-run first from then on.
fn seeded(cases: u32) -> ProptestConfig {
    let base = ProptestConfig::default();
    let rng_seed = match base.rng_seed {
        RngSeed::Random => RngSeed::Fixed(0x5eed_0012),
        chosen => chosen,
    };
    ProptestConfig { cases, rng_seed, ..base }
}

fn shape() -> BoxedStrategy<(TrafficShape, Vec<f64>)> {
    let named = select(vec![
        TrafficShape::Steady,
        TrafficShape::Diurnal,
        TrafficShape::BusinessHours,
        TrafficShape::Spiky,
        TrafficShape::Cron,
    ])
    .prop_map(|s| (s, Vec::new()));
    let custom = (select(vec![168usize, 1_440]), 0.0..100.0f64, any::<u64>()).prop_map(|(len, top, bits)| {
        // Cheap varied weights: some zero, one guaranteed positive.
        let mut w: Vec<f64> =
            (0..len).map(|i| if (bits >> (i % 64)) & 1 == 1 { top * (i % 7) as f64 } else { 0.0 }).collect();
        w[(bits % len as u64) as usize] = top.max(1e-3);
        (TrafficShape::Custom, w)
    });
    prop_oneof![5 => named, 1 => custom].boxed()
}

prop_compose! {
    fn traffic()(
        requests in real("requests_per_month"),
        (shape, custom_profile) in shape(),
        diurnal in real("diurnal_peak_to_trough"),
        start in whole("business_start_hour"),
        length in 1..=24u32,
        spikes in whole("spike_count_per_day"),
        spike_height in real("spike_height"),
        spike_minutes in real("spike_minutes"),
        cron_every in whole("cron_every_min"),
        cron_batch in whole("cron_batch"),
    ) -> Scenario {
        Scenario {
            requests_per_month: requests,
            traffic_shape: shape,
            custom_profile,
            diurnal_peak_to_trough: diurnal,
            business_start_hour: start,
            business_end_hour: (start + length).min(24),
            spike_count_per_day: spikes,
            spike_height,
            spike_minutes,
            cron_every_min: cron_every,
            cron_batch,
            ..Scenario::default()
        }
    }
}

prop_compose! {
    fn function(base: Scenario)(
        duration_ms in real("duration_ms"),
        dist in select(vec![DurationDistribution::Fixed, DurationDistribution::Exponential, DurationDistribution::Lognormal]),
        memory_mb in real("memory_mb"),
        cpu_fraction in real("cpu_fraction"),
        runtime in runtime(),
        arm in any::<bool>(),
        image in any::<bool>(),
        package_mb in real("package_mb"),
        vpc in any::<bool>(),
        init_ms in real("init_ms"),
        init_ms_override in option(real("init_ms_override")),
        (payload_kb, sync, ephemeral) in (real("payload_kb"), any::<bool>(), real("ephemeral_storage_mb")),
    ) -> Scenario {
        Scenario {
            duration_ms,
            duration_distribution: dist,
            memory_mb,
            cpu_fraction,
            runtime,
            arch: if arm { Arch::Arm64 } else { Arch::X86_64 },
            package_type: if image { PackageType::Image } else { PackageType::Zip },
            package_mb,
            vpc,
            init_ms,
            init_ms_override,
            payload_kb,
            invocation: if sync { Invocation::Sync } else { Invocation::Async },
            ephemeral_storage_mb: ephemeral,
            ..base.clone()
        }
    }
}

prop_compose! {
    fn platform(base: Scenario)(
        (free_tier, pc, door) in (any::<bool>(), whole("provisioned_concurrency"),
            select(vec![FrontDoor::None, FrontDoor::ApiGatewayHttp, FrontDoor::ApiGatewayRest, FrontDoor::Alb])),
        keep_alive in option(real("keep_alive_s")),
        keep_alive_extra in option((0.0..=1.0f64).boxed()),
        (keep_warm_every, keep_warm_count) in (whole("keep_warm_every_min"), whole("keep_warm_count")),
        (quota, cr_concurrency, cr_min, always_ready) in (whole("concurrency_quota"), whole("cloud_run_concurrency"),
            whole("cloud_run_min_instances"), whole("azure_always_ready")),
        (db, rds_proxy) in (option(whole("db_max_connections")), any::<bool>()),
        (vcpu, utilization, min_capacity, fixed, reserved) in (real("fargate_vcpu"), real("target_utilization"),
            whole("min_capacity"), any::<bool>(), any::<bool>()),
        slo in option(real("latency_slo_p99_ms")),
        (instance_billing, flex_concurrency, zones) in (any::<bool>(), option(whole("azure_flex_concurrency")),
            whole("availability_zones")),
        flags in any::<[bool; 5]>(),
        seed in any::<u64>(),
        (egress, logs) in (real("egress_kb_per_request"), real("log_kb_per_request")),
        (private_subnets, commitment, fargate_spot) in (any::<bool>(),
            select(vec![Commitment::None, Commitment::Savings1y, Commitment::Savings3y]), any::<bool>()),
    ) -> Scenario {
        let (_, hi) = range("keep_alive_max_s");
        Scenario {
            free_tier,
            provisioned_concurrency: pc,
            front_door: door,
            keep_alive_s: keep_alive,
            // The maximum, when set with a minimum, lies between it and the top of the range.
            keep_alive_max_s: keep_alive.zip(keep_alive_extra).map(|(lo, t)| lo + t * (hi - lo)),
            keep_warm_every_min: keep_warm_every,
            keep_warm_count,
            concurrency_quota: quota,
            cloud_run_concurrency: cr_concurrency,
            cloud_run_min_instances: cr_min,
            azure_always_ready: always_ready,
            cloud_run_billing: if instance_billing { CloudRunBilling::Instance } else { CloudRunBilling::Request },
            azure_flex_concurrency: flex_concurrency,
            availability_zones: zones,
            db_max_connections: db,
            rds_proxy,
            fargate_vcpu: vcpu,
            target_utilization: utilization,
            min_capacity,
            container_scaling: if fixed { ContainerScaling::Fixed } else { ContainerScaling::Autoscaled },
            ec2_pricing: if reserved { Ec2Pricing::Reserved1y } else { Ec2Pricing::OnDemand },
            latency_slo_p99_ms: slo,
            stateful: flags[0],
            long_lived_connections: flags[1],
            needs_gpu: flags[2],
            iac_mature: flags[3],
            portability_required: flags[4],
            seed,
            egress_kb_per_request: egress,
            log_kb_per_request: logs,
            private_subnets,
            commitment,
            fargate_spot,
            ..base.clone()
        }
    }
}

/// Any valid scenario: every key within its range, every enum variant reachable.
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    traffic().prop_flat_map(function).prop_flat_map(platform).prop_map(|s| {
        assert!(s.validate().is_empty(), "generator made an invalid scenario: {:?}", s.validate());
        s
    })
}

fn assess_checked(s: &Scenario, cat: &Catalog) -> Result<(), String> {
    let a = eval::assess(s, cat);
    invariants::check(s, &a)?;
    if eval::assess(s, cat) != a {
        return Err(format!("two assessments differ for {s:?}"));
    }
    Ok(())
}

/// The keys whose values differ, as `key: before → after`.
fn diff(a: &Scenario, b: &Scenario) -> Vec<String> {
    keys::all()
        .into_iter()
        .filter_map(|k| {
            let (x, y) = (keys::get(a, &k), keys::get(b, &k));
            (x != y).then(|| format!("{k}: {} → {}", x.unwrap_or_default(), y.unwrap_or_default()))
        })
        .collect()
}

fn query_round_trip(s: &Scenario) -> Result<(), String> {
    let q = query::encode(s);
    match query::decode(&q) {
        None if *s == Scenario::default() => Ok(()),
        Some((back, errors)) if errors.is_empty() && back == *s => Ok(()),
        Some((back, errors)) => Err(format!("{q} decodes with errors {errors:?} and changes {:?}", diff(s, &back))),
        None => Err(format!("{q} decodes to nothing")),
    }
}

fn json_round_trip(s: &Scenario) -> Result<(), String> {
    let text = serde_json::to_string(s).map_err(|e| e.to_string())?;
    match scenario_json::from_json(&text) {
        Ok(back) if back == *s => Ok(()),
        Ok(back) => Err(format!("from_json changes {:?}", diff(s, &back))),
        Err(errors) => Err(format!("{text} is rejected: {errors:?}")),
    }
}

proptest! {
    // One assessment runs two simulations (~50 ms in debug), twice for determinism.
    #![proptest_config(seeded(48))]

    #[test]
    fn assess_is_total_finite_ordered_and_deterministic(s in valid_scenario()) {
        let cat = Catalog::builtin();
        assess_checked(&s, &cat).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(seeded(512))]

    #[test]
    fn query_decode_inverts_encode(s in valid_scenario()) {
        query_round_trip(&s).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn from_json_inverts_serialisation(s in valid_scenario()) {
        json_round_trip(&s).map_err(TestCaseError::fail)?;
    }
}

/// The edge cases the generator may reach only rarely, each assessed and round-tripped.
#[test]
fn edge_cases_hold_every_invariant() {
    let cat = Catalog::builtin();
    let base = Scenario::default();
    let mut cases = vec![
        Scenario { requests_per_month: 0.0, ..base.clone() },
        Scenario { requests_per_month: 1e12, ..base.clone() },
        Scenario { requests_per_month: 1e12, duration_ms: 900_000.0, memory_mb: 10_240.0, ..base.clone() },
        Scenario { duration_ms: 1.0, ..base.clone() },
        Scenario { duration_ms: 900_000.0, ..base.clone() },
        Scenario { duration_ms: 86_400_000.0, requests_per_month: 1e6, ..base.clone() },
        Scenario { memory_mb: 10_240.0, ephemeral_storage_mb: 10_240.0, ..base.clone() },
        Scenario { requests_per_month: 1.0, traffic_shape: TrafficShape::Cron, cron_every_min: 10_080, ..base.clone() },
        Scenario { provisioned_concurrency: 100_000, concurrency_quota: 1, ..base.clone() },
        Scenario {
            runtime: "dotnet8_aot".into(),
            keep_alive_s: Some(1.0),
            keep_alive_max_s: Some(86_400.0),
            ..base.clone()
        },
    ];
    for shape in [
        TrafficShape::Steady,
        TrafficShape::Diurnal,
        TrafficShape::BusinessHours,
        TrafficShape::Spiky,
        TrafficShape::Cron,
    ] {
        for requests in [0.0, 1e12] {
            cases.push(Scenario { traffic_shape: shape, requests_per_month: requests, ..base.clone() });
        }
    }
    for len in [168, 1_440, 10_080] {
        let custom_profile: Vec<f64> = (0..len).map(|i| (i % 24) as f64).collect();
        cases.push(Scenario { traffic_shape: TrafficShape::Custom, custom_profile, ..base.clone() });
    }
    for s in &cases {
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        assess_checked(s, &cat).unwrap();
        query_round_trip(s).unwrap();
        json_round_trip(s).unwrap();
    }
}
