#![cfg(not(target_arch = "wasm32"))]
//! `decide` on hand-built evidence: the decision rules alone, whatever the engines say.

use crossover::core::catalog::Catalog;
use crossover::core::cost::{Limit, LimitKind, PlatformId};
use crossover::core::scenario::{SECONDS_PER_MONTH, Scenario, TrafficShape};
use crossover::core::verdict::{Decision, Dimension, Evidence, PlatformEvidence, Signal, Verdict, decide};

#[path = "common/evidence.rs"]
mod hand;

use PlatformId::*;

fn price(id: PlatformId, usd: f64) -> PlatformEvidence {
    PlatformEvidence { id, monthly_usd: usd, limit: None, p99_ms: None }
}

fn infeasible(mut p: PlatformEvidence, kind: LimitKind, why: &str) -> PlatformEvidence {
    p.limit = Some(Limit::hard(kind, why.into()));
    p
}

/// What the simulation would have said: Lambda's p99, its peak environments and database connections.
struct Cold {
    p99: f64,
    peak_instances: f64,
    peak_db: f64,
}

fn cold(p99: f64, peak_instances: f64, peak_db: f64) -> Cold {
    Cold { p99, peak_instances, peak_db }
}

fn evidence(s: &Scenario, platforms: &[PlatformEvidence], c: &Cold) -> Evidence {
    let platforms = platforms
        .iter()
        .map(|p| PlatformEvidence { p99_ms: (p.id == AwsLambda).then_some(c.p99), ..p.clone() })
        .collect();
    let lambda = hand::Lambda { cold_fraction: 0.01, peak_environments: c.peak_instances, peak_db: c.peak_db };
    hand::evidence(s, platforms, &lambda, Vec::new())
}

/// Lambda cheap, containers dear: the usual small workload.
fn cheap_serverless() -> Vec<PlatformEvidence> {
    vec![price(AwsLambda, 3.0), price(CloudRun, 4.0), price(AwsFargate, 18.0), price(AwsEc2, 15.0)]
}

fn run(s: Scenario, platforms: &[PlatformEvidence], c: &Cold) -> Verdict {
    decide(&s, &evidence(&s, platforms, c))
}

fn reason(v: &Verdict, dimension: Dimension) -> &crossover::core::verdict::Reason {
    v.reasons
        .iter()
        .find(|r| r.dimension == dimension)
        .unwrap_or_else(|| panic!("no {dimension} reason in {:#?}", v.reasons))
}

#[test]
fn small_stateless_workload_is_go_on_the_cheapest_function() {
    let s = Scenario { requests_per_month: 1e6, ..Scenario::default() };
    let v = run(s, &cheap_serverless(), &cold(400.0, 2.0, 0.0));
    assert_eq!(v.decision, Decision::Go, "{v:#?}");
    assert_eq!(v.recommended, AwsLambda);
    assert!(v.score >= 70);
    assert!(reason(&v, Dimension::Cost).detail.contains("$3.00"));
    // 1,000,000 req ÷ 2,628,000 s (730 h) = 0.38 req/s.
    assert!(reason(&v, Dimension::TrafficShape).detail.contains("0.38 req/s"));
}

#[test]
fn every_serverless_platform_over_its_time_limit_is_a_blocker() {
    let costs = vec![
        infeasible(price(AwsLambda, 0.0), LimitKind::Duration, "duration 7,200 s exceeds the 900 s timeout"),
        infeasible(price(CloudRun, 0.0), LimitKind::Duration, "duration 7,200 s exceeds the 3,600 s request timeout"),
        price(AwsEc2, 20.0),
        price(AwsFargate, 30.0),
    ];
    let v = run(Scenario::default(), &costs, &cold(0.0, 0.0, 0.0));
    assert_eq!(v.decision, Decision::NoGo);
    assert!(v.score <= 10);
    let r = reason(&v, Dimension::ExecutionTime);
    assert_eq!(r.signal, Signal::Blocker);
    assert!(r.detail.contains("900 s") && r.detail.contains("Step Functions"), "{}", r.detail);
    // The seeds' workaround for long jobs runs on Fargate or Cloud Run, not on the cheaper EC2.
    assert_eq!(v.recommended, AwsFargate);
}

#[test]
fn blockers_from_the_workload_itself() {
    let check = |s: Scenario, peak_db: f64, dimension: Dimension, want: PlatformId| {
        let v = run(s, &cheap_serverless(), &cold(300.0, 50.0, peak_db));
        assert_eq!(v.decision, Decision::NoGo, "{dimension}");
        assert_eq!(reason(&v, dimension).signal, Signal::Blocker);
        assert_eq!(v.recommended, want, "{dimension}");
    };
    let base = Scenario::default;
    check(Scenario { needs_gpu: true, ..base() }, 0.0, Dimension::Gpu, CloudRun);
    check(Scenario { long_lived_connections: true, ..base() }, 0.0, Dimension::State, CloudRun);
    let db = Scenario { db_max_connections: Some(200), ..base() };
    check(db, 800.0, Dimension::DatabaseConnections, AwsEc2);
}

#[test]
fn rds_proxy_turns_the_database_blocker_into_a_condition() {
    let s = Scenario { db_max_connections: Some(200), rds_proxy: true, ..Scenario::default() };
    let v = run(s, &cheap_serverless(), &cold(300.0, 50.0, 800.0));
    assert_eq!(v.decision, Decision::ConditionalGo);
    assert!(v.conditions.iter().any(|c| c.contains("RDS Proxy")));
}

#[test]
fn steady_load_where_containers_are_cheaper_is_no_go_on_containers() {
    let s = Scenario {
        requests_per_month: 2000.0 * SECONDS_PER_MONTH,
        traffic_shape: TrafficShape::Steady,
        duration_ms: 50.0,
        ..Scenario::default()
    };
    let costs = vec![price(AwsLambda, 9000.0), price(AwsFargate, 900.0), price(AwsEc2, 700.0)];
    let v = run(s, &costs, &cold(120.0, 120.0, 0.0));
    assert_eq!(v.decision, Decision::NoGo);
    assert_eq!(v.recommended, AwsEc2);
    assert_eq!(reason(&v, Dimension::TrafficShape).signal, Signal::NoGo);
    assert!(reason(&v, Dimension::Cost).detail.contains("$9,000.00"));
}

#[test]
fn missed_latency_target_asks_for_provisioned_concurrency() {
    let s = Scenario { runtime: "java21".into(), latency_slo_p99_ms: Some(100.0), ..Scenario::default() };
    let v = run(s, &cheap_serverless(), &cold(4000.0, 12.0, 0.0));
    assert_ne!(v.decision, Decision::Go);
    assert_eq!(reason(&v, Dimension::Latency).signal, Signal::NoGo);
    assert!(reason(&v, Dimension::Latency).detail.contains("4,000 ms"));
    assert!(v.conditions.iter().any(|c| c.contains("provisioned concurrency 12")), "{:?}", v.conditions);
}

#[test]
fn soft_no_go_signals_become_conditions() {
    let s = Scenario { stateful: true, iac_mature: false, ..Scenario::default() };
    let v = run(s, &cheap_serverless(), &cold(300.0, 2.0, 0.0));
    assert_eq!(v.decision, Decision::ConditionalGo, "{v:#?}");
    assert_eq!(v.score, 70);
    assert_eq!(v.conditions.len(), 2);
}

#[test]
fn firm_no_go_cases_of_the_seeds() {
    let portable = Scenario { portability_required: true, ..Scenario::default() };
    let hard_latency = Scenario { latency_slo_p99_ms: Some(80.0), ..Scenario::default() };
    for s in [portable, hard_latency] {
        let v = run(s, &cheap_serverless(), &cold(60.0, 2.0, 0.0));
        assert_eq!(v.decision, Decision::NoGo, "{v:#?}");
        assert_eq!(v.recommended, AwsEc2);
    }
}

#[test]
fn total_on_empty_and_zero_inputs() {
    for s in [
        Scenario::default(),
        Scenario { requests_per_month: 0.0, latency_slo_p99_ms: Some(50.0), ..Scenario::default() },
    ] {
        let v = run(s, &[], &cold(0.0, 0.0, 0.0));
        assert!(v.score <= 100);
        assert!(!v.reasons.is_empty());
        assert!(v.reasons.iter().all(|r| !r.detail.contains("NaN")));
    }
}

// --- Against the real engines: the done-when cases. ---

mod real {
    use super::*;
    use crossover::core::eval;
    use crossover::core::scenario::Invocation;

    fn assess(s: Scenario) -> Verdict {
        eval::assess(&s, &Catalog::builtin()).verdict
    }

    #[test]
    fn two_hour_batch_job_is_no_go_on_fargate() {
        let v = assess(Scenario {
            requests_per_month: 30.0,
            traffic_shape: TrafficShape::Cron,
            cron_every_min: 1440,
            duration_ms: 2.0 * 3_600_000.0,
            invocation: Invocation::Async,
            ..Scenario::default()
        });
        assert_eq!(v.decision, Decision::NoGo, "{v:#?}");
        let r = reason(&v, Dimension::ExecutionTime);
        assert!(r.detail.contains("Lambda") && r.detail.contains("900 s"), "{}", r.detail);
        assert!([AwsFargate, CloudRun].contains(&v.recommended), "{v:#?}");
    }

    #[test]
    fn five_minute_daily_cron_is_go() {
        let v = assess(Scenario {
            requests_per_month: 30.0,
            traffic_shape: TrafficShape::Cron,
            cron_every_min: 1440,
            duration_ms: 5.0 * 60_000.0,
            invocation: Invocation::Async,
            ..Scenario::default()
        });
        assert_eq!(v.decision, Decision::Go, "{v:#?}");
        assert!(v.recommended.is_serverless());
    }

    #[test]
    fn steady_2000_rps_goes_to_containers() {
        let v = assess(Scenario {
            requests_per_month: 2000.0 * SECONDS_PER_MONTH,
            traffic_shape: TrafficShape::Steady,
            duration_ms: 50.0,
            ..Scenario::default()
        });
        assert_eq!(v.decision, Decision::NoGo, "{v:#?}");
        assert!(!v.recommended.is_serverless(), "{v:#?}");
        assert!(reason(&v, Dimension::TrafficShape).detail.contains("2,000 req/s"));
    }

    #[test]
    fn java_api_with_100ms_p99_needs_provisioned_concurrency() {
        let v = assess(Scenario {
            runtime: "java21".into(),
            requests_per_month: 5e6,
            traffic_shape: TrafficShape::Diurnal,
            duration_ms: 30.0,
            latency_slo_p99_ms: Some(100.0),
            ..Scenario::default()
        });
        assert!(matches!(v.decision, Decision::ConditionalGo | Decision::NoGo), "{v:#?}");
        let pc = v.conditions.iter().find(|c| c.contains("provisioned concurrency"));
        let pc = pc.unwrap_or_else(|| panic!("no provisioned concurrency condition: {v:#?}"));
        assert!(pc.contains("/month") && pc.contains('$'), "{pc}");
    }

    #[test]
    fn a_target_below_the_work_itself_is_not_sold_as_a_provisioning_fix() {
        // 200 ms of lognormal work has a warm p99 far above 250 ms: keeping environments warm cannot help.
        let v = assess(Scenario { requests_per_month: 2e4, latency_slo_p99_ms: Some(250.0), ..Scenario::default() });
        let r = reason(&v, Dimension::Latency);
        assert_eq!(r.signal, Signal::NoGo);
        assert!(r.detail.contains("kept warm"), "{}", r.detail);
        assert!(v.conditions.iter().any(|c| c.contains("the work itself")), "{:?}", v.conditions);
    }
}

// --- What flips it. ---

mod sensitivity {
    use super::*;
    use crossover::core::sensitivity::{self, PARTING_EVALS, PC_SIMS, SLO_EVALS, VOLUME_EVALS, power};

    fn analyze(s: &Scenario) -> sensitivity::Sensitivity {
        let cat = Catalog::builtin();
        sensitivity::analyze(s, &cat, &crossover::core::eval::simulate(s, &cat))
    }

    #[test]
    fn growing_volume_moves_a_small_api_off_functions() {
        let x = analyze(&Scenario { requests_per_month: 1e6, ..Scenario::default() });
        let up = x.volume_up.as_ref().expect("some volume moves the recommendation");
        assert!(up.requests_per_month > 1e6 && up.requests_per_month < 1e10, "{up:?}");
        assert_ne!(up.from, up.to);
        assert!(
            x.sentences.iter().any(|t| t.starts_with("Above ") && t.contains("requests/month")),
            "{:?}",
            x.sentences
        );
    }

    #[test]
    fn what_flips_it_states_the_break_evens_and_why_the_recommendation_moves_later() {
        // The default API: the cost curves' break-evens put EC2 cheapest from about 64 M requests/month,
        // but the verdict stays on Lambda (go / conditional go recommends serverless) until it turns no-go
        // near 210 M. Both are said, and why they differ.
        let s = Scenario::default();
        let cat = Catalog::builtin();
        let x = analyze(&s);
        let curves = crossover::core::crossover::curves(&s, &cat, crossover::core::eval::CURVE_POINTS);
        assert_eq!(x.breakeven, curves.breakeven);
        let first_up =
            x.breakeven.iter().find(|b| b.requests_per_month > s.requests_per_month).expect("a break-even above");
        let up = x.volume_up.as_ref().expect("a recommendation flip above");
        assert!(up.requests_per_month > first_up.requests_per_month, "{up:?} vs {first_up:?}");
        let at = crossover::core::verdict::format::volume(first_up.requests_per_month);
        let said = |t: &String| t.starts_with("The cheapest platform changes at") && t.contains(&at);
        assert!(x.sentences.iter().any(said), "{at}: {:?}", x.sentences);
        let parting = x.parting.iter().find(|p| p.requests_per_month > s.requests_per_month).expect("why they differ");
        assert_eq!(parting.cheapest, first_up.to);
        assert_ne!(parting.decision, Decision::NoGo);
        assert!(parting.why.contains("only once the verdict turns no-go"), "{}", parting.why);
        assert!(x.sentences.iter().any(|t| t.contains("yet the recommendation there is")), "{:?}", x.sentences);
    }

    #[test]
    fn searches_stay_within_their_budget() {
        let cap = 4 + 2 * VOLUME_EVALS + 2 * SLO_EVALS + PC_SIMS + power::SIZES_MB.len() as u32 + PARTING_EVALS;
        for s in [
            Scenario::default(),
            Scenario { requests_per_month: 0.0, ..Scenario::default() },
            Scenario { latency_slo_p99_ms: Some(150.0), runtime: "java21".into(), ..Scenario::default() },
        ] {
            let x = analyze(&s);
            assert!(x.evaluations <= cap, "{} > {cap}", x.evaluations);
            assert!(!x.sentences.is_empty());
            assert!(x.sentences.iter().all(|t| !t.contains("NaN") && !t.contains("inf")), "{:?}", x.sentences);
        }
    }

    #[test]
    fn power_curve_has_the_configured_size_and_a_cheapest_point() {
        let s = Scenario { cpu_fraction: 0.9, memory_mb: 512.0, ..Scenario::default() };
        let x = analyze(&s);
        assert_eq!(x.power_curve.len(), power::SIZES_MB.len());
        let best = x.power_best.expect("a cheapest size");
        assert!(x.power_curve.iter().all(|p| p.monthly_usd >= best.monthly_usd));
        // CPU-bound work gets faster with memory up to one vCPU and no faster after it.
        let d = |m: f64| x.power_curve.iter().find(|p| p.memory_mb == m).map(|p| p.duration_ms).unwrap();
        assert!(d(1024.0) < d(512.0) && d(1769.0) == d(10240.0));
    }
}

#[test]
fn a_latency_target_keeps_the_recommendation_on_the_simulated_platform() {
    let s = Scenario { latency_slo_p99_ms: Some(300.0), ..Scenario::default() };
    let costs = vec![price(AwsLambda, 5.0), price(AzureFunctions, 4.0), price(AwsEc2, 15.0)];
    let v = run(s, &costs, &cold(900.0, 3.0, 0.0));
    assert_eq!(v.decision, Decision::ConditionalGo);
    assert_eq!(v.recommended, AwsLambda);
}

#[test]
fn blockers_read_the_limit_kind_not_its_words() {
    // Messages that mention time on memory limits: the kind decides (it used to be the words).
    let costs = |kind: LimitKind| {
        let mut all: Vec<PlatformEvidence> = [AwsLambda, AzureFunctions, AzureFlex, CloudRun, CloudflareWorkers]
            .into_iter()
            .map(|id| infeasible(price(id, 1.0), kind, "exceeds the 900 s timeout after a minute of execution"))
            .collect();
        all.extend([price(AwsFargate, 30.0), price(AwsEc2, 20.0), price(AwsEks, 95.0)]);
        all
    };
    for (kind, dimension, recommended) in [
        (LimitKind::Memory, Dimension::Memory, AwsEc2),
        (LimitKind::Payload, Dimension::Payload, AwsEc2),
        // Execution time: the seeds' workaround runs on Fargate or Cloud Run, not on the cheaper EC2.
        (LimitKind::Duration, Dimension::ExecutionTime, AwsFargate),
        (LimitKind::CpuTime, Dimension::ExecutionTime, AwsFargate),
        // A front door's own limits count as time and payload limits.
        (LimitKind::FrontDoorTimeout, Dimension::ExecutionTime, AwsFargate),
        (LimitKind::FrontDoorPayload, Dimension::Payload, AwsEc2),
    ] {
        let v = run(Scenario::default(), &costs(kind), &cold(300.0, 2.0, 0.0));
        assert_eq!(v.decision, Decision::NoGo, "{kind:?}");
        assert_eq!(reason(&v, dimension).signal, Signal::Blocker, "{kind:?}");
        assert_eq!(v.recommended, recommended, "{kind:?}");
    }
}

#[test]
fn a_front_door_limit_adds_the_front_door_workaround() {
    // Lambda is out only by API Gateway's 30 s integration timeout, the others by their own timeouts:
    // changing Lambda's front door is one more way out, named with the seeds' workaround.
    let mut platforms = vec![infeasible(
        price(AwsLambda, 1.0),
        LimitKind::FrontDoorTimeout,
        "duration 40 s exceeds the API Gateway HTTP API integration timeout of 30 s (front_door)",
    )];
    platforms.extend(
        [AzureFunctions, AzureFlex, CloudRun, CloudflareWorkers]
            .map(|id| infeasible(price(id, 1.0), LimitKind::Duration, "duration 40 s exceeds the timeout")),
    );
    platforms.extend([price(AwsFargate, 30.0), price(AwsEc2, 20.0)]);
    let v = run(Scenario::default(), &platforms, &cold(300.0, 2.0, 0.0));
    let r = reason(&v, Dimension::ExecutionTime);
    assert_eq!(r.signal, Signal::Blocker);
    assert!(r.detail.contains("Step Functions") && r.detail.contains("without that front door"), "{}", r.detail);
    // Without a front-door limit among the causes the workaround does not mention one.
    platforms[0] = infeasible(price(AwsLambda, 1.0), LimitKind::Duration, "duration 40 s exceeds the timeout");
    let v = run(Scenario::default(), &platforms, &cold(300.0, 2.0, 0.0));
    assert!(!reason(&v, Dimension::ExecutionTime).detail.contains("front door"));
}

#[test]
fn an_unguaranteed_limit_rules_a_platform_out_of_the_verdict_not_out_of_the_prices() {
    let flex = PlatformEvidence {
        limit: Some(Limit::unguaranteed(LimitKind::Duration, "duration 7,200 s is past the 3,600 s guaranteed".into())),
        ..price(AzureFlex, 2.0)
    };
    let others = [AwsLambda, AzureFunctions, CloudRun, CloudflareWorkers]
        .map(|id| infeasible(price(id, 1.0), LimitKind::Duration, "duration 7,200 s exceeds the timeout"));
    let mut platforms = others.to_vec();
    platforms.extend([flex, price(AwsFargate, 30.0), price(AwsEc2, 20.0)]);
    let v = run(Scenario::default(), &platforms, &cold(300.0, 2.0, 0.0));
    assert_eq!(reason(&v, Dimension::ExecutionTime).signal, Signal::Blocker);
    assert!(reason(&v, Dimension::ExecutionTime).detail.contains("3,600 s guaranteed"));
    // Still priced as feasible: the cost dimension counts it as the cheapest serverless option.
    let cost = &reason(&v, Dimension::Cost).detail;
    assert!(cost.contains("cheapest serverless Azure Functions (Flex Consumption) $2.00/month"), "{cost}");
    assert_eq!(v.recommended, AwsFargate);
}

#[test]
fn some_platforms_ruled_out_is_a_neutral_limits_reason() {
    let mut platforms = cheap_serverless();
    platforms.push(infeasible(price(CloudflareWorkers, 1.0), LimitKind::Memory, "memory 512 MB exceeds 128 MB"));
    let v = run(Scenario::default(), &platforms, &cold(300.0, 2.0, 0.0));
    let r = reason(&v, Dimension::PlatformLimits);
    assert_eq!(r.signal, Signal::Neutral);
    assert_eq!(
        r.detail,
        "Cloudflare Workers (Standard) is ruled out (memory 512 MB exceeds 128 MB); still feasible: AWS Lambda, Google Cloud Run."
    );
}

#[test]
fn dimensions_serialise_as_their_words() {
    use Dimension::*;
    let all = [
        (TrafficShape, "traffic shape"),
        (Cost, "cost"),
        (Latency, "latency"),
        (State, "state"),
        (Team, "team"),
        (VendorLockIn, "vendor lock-in"),
        (PlatformLimits, "platform limits"),
        (Gpu, "gpu"),
        (DatabaseConnections, "database connections"),
        (ExecutionTime, "execution time"),
        (Memory, "memory"),
        (Payload, "payload"),
    ];
    for (d, words) in all {
        assert_eq!(serde_json::to_value(d).unwrap(), words);
        assert_eq!(d.to_string(), words);
    }
}
