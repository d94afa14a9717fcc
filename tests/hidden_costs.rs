#![cfg(not(target_arch = "wasm32"))]
//! The costs architects forget, commitments, Fargate Spot and the two newer platforms on the bills: each
//! rule as a hand-worked figure on the platform it applies to, the line items on exactly the platforms
//! their table rows name, the curves including them, and the new keys at every boundary.
//!
//! The scenario is the default (10M req/month steady, 200 ms, 512 MB, 50 % CPU, x86, Node.js 22, no free
//! tier, 5 KB out and 1 KB of logs per request) unless a case says otherwise. The per-rule arithmetic
//! with its sources is in the unit tests of `src/core/cost/hidden/`; here the figures are whole bills.

use crossover::core::catalog::Catalog;
use crossover::core::cost::{LineItem, PLATFORMS, PlatformCost, PlatformId, Pricer, price_all};
use crossover::core::scenario::{Arch, Commitment, Scenario, TrafficShape};
use crossover::core::{keys, query, scenario_json};

#[path = "common/pricing.rs"]
mod pricing;

use PlatformId::*;
use pricing::{NO_COLD, close};

fn all(s: &Scenario) -> Vec<PlatformCost> {
    assert!(s.validate().is_empty(), "{:?}", s.validate());
    price_all(s, &Catalog::builtin(), Some(&NO_COLD))
}

fn platform(s: &Scenario, id: PlatformId) -> PlatformCost {
    all(s).into_iter().find(|p| p.id == id).unwrap()
}

fn item(p: &PlatformCost, name: &str) -> Option<LineItem> {
    p.breakdown.iter().find(|l| l.item == name || l.item.starts_with(&format!("{name} ("))).cloned()
}

fn line(s: &Scenario, id: PlatformId, name: &str) -> LineItem {
    let p = platform(s, id);
    item(&p, name).unwrap_or_else(|| panic!("{id:?} has no `{name}`: {:#?}", p.breakdown))
}

fn compute_only() -> Scenario {
    Scenario { egress_kb_per_request: 0.0, log_kb_per_request: 0.0, ..Scenario::default() }
}

/// Data transfer out, by each provider's rule (hidden/egress.rs cites the pages):
/// 10,000,000 req × 5 KB = 50,000,000 KB = 50 GB.
#[test]
fn data_transfer_out_on_every_platform_by_its_network() {
    let s = Scenario::default();
    // AWS: 50 GB × $0.09 = $4.50 (the 100 GB free only with `free_tier`).
    for id in [AwsLambda, AwsFargate, AwsEc2, AwsEks, AwsLambdaManaged] {
        close(line(&s, id, "Data transfer out").usd, 4.5, &format!("{id:?}"));
    }
    close(line(&Scenario { free_tier: true, ..s.clone() }, AwsLambda, "Data transfer out").usd, 0.0, "AWS free 100 GB");
    // Azure: 50 GB × $0.087 = $4.35.
    for id in [AzureFunctions, AzureFlex, AzureContainerApps] {
        close(line(&s, id, "Data transfer out").usd, 4.35, &format!("{id:?}"));
    }
    // Google: 50 GB ÷ 1.073741824 = 46.566 GiB × $0.12 = $5.588.
    close(line(&s, CloudRun, "Data transfer out").usd, 50.0 / 1.073_741_824 * 0.12, "Cloud Run");
    // Cloudflare Workers: no egress charge, said so.
    let workers = line(&s, CloudflareWorkers, "Data transfer out");
    assert_eq!(workers.usd, 0.0);
    assert!(workers.detail.contains("nothing"), "{}", workers.detail);
    // 100M req × 5 KB = 500 GB with the free tier: (500 − 100) × $0.09 = $36.
    let big = Scenario { requests_per_month: 1e8, free_tier: true, ..s.clone() };
    close(line(&big, AwsFargate, "Data transfer out").usd, 36.0, "AWS after 100 GB free");
    // No bytes out, no line.
    assert!(item(&platform(&compute_only(), AwsLambda), "Data transfer out").is_none());
}

/// Logs: 10M req × 1 KB = 10 GB ingested and kept a month (hidden/logs.rs cites the pages).
#[test]
fn logs_by_each_platforms_log_service() {
    let s = Scenario::default();
    // CloudWatch Logs: 10 × $0.50 + 10 × $0.03 = $5.30 (Lambda's tiers start at 10 TB).
    for id in [AwsLambda, AwsFargate, AwsEc2, AwsEks, AwsLambdaManaged] {
        close(line(&s, id, "Logs").usd, 5.3, &format!("{id:?}"));
    }
    // Cloud Logging: 10 GB = 9.3132 GiB × $0.50 = $4.6566, plus 10 h past the 30 days (720 h) of storage
    // included: 9.3132 × $0.01 ÷ 73 = $0.0013 → $4.6579.
    close(line(&s, CloudRun, "Logs").usd, 10.0 / 1.073_741_824 * (0.5 + 0.01 / 73.0), "Cloud Logging");
    // Azure Monitor: 10 GB × $2.30 = $23.00, 31 days included; the rate rests on one source.
    for id in [AzureFunctions, AzureFlex, AzureContainerApps] {
        let l = line(&s, id, "Logs");
        close(l.usd, 23.0, &format!("{id:?}"));
        assert!(l.unverified.contains(&"logs.azure.ingest".to_string()), "{id:?}: {:?}", l.unverified);
    }
    // Workers Logs come with the paid plan: no line.
    assert!(item(&platform(&s, CloudflareWorkers), "Logs").is_none());
}

/// NAT gateways (aws.amazon.com/vpc/pricing: $0.045 per gateway-hour and per GB processed), one per
/// availability zone: 2 × 730 h × $0.045 = $65.70, plus the 50 GB of egress × $0.045 = $2.25 → $67.95.
#[test]
fn nat_gateways_where_the_workload_sits_in_private_subnets() {
    let private = Scenario { private_subnets: true, ..Scenario::default() };
    for id in [AwsFargate, AwsEc2, AwsEks, AwsLambdaManaged] {
        close(line(&private, id, "NAT gateways").usd, 67.95, &format!("{id:?}"));
    }
    // Three zones: 3 × 730 × 0.045 + 2.25 = $100.80.
    let three = Scenario { availability_zones: 3, ..private.clone() };
    close(line(&three, AwsFargate, "NAT gateways").usd, 100.8, "three zones");
    // Lambda only when it is in a VPC; managed networks never.
    assert!(item(&platform(&private, AwsLambda), "NAT gateways").is_none());
    close(line(&Scenario { vpc: true, ..private.clone() }, AwsLambda, "NAT gateways").usd, 67.95, "in-VPC Lambda");
    for id in [AzureFunctions, AzureFlex, CloudRun, CloudflareWorkers, AzureContainerApps] {
        assert!(item(&platform(&private, id), "NAT gateways").is_none(), "{id:?}");
    }
    for p in all(&Scenario::default()) {
        assert!(item(&p, "NAT gateways").is_none(), "{:?} pays NAT in public subnets", p.id);
    }
}

/// Commitments cover the always-on baseline only: the quietest hour's eligible spend, every hour.
#[test]
fn commitments_credit_the_baseline_only() {
    let steady = Scenario { commitment: Commitment::Savings3y, ..compute_only() };
    // Lambda, steady traffic: every hour is the quietest, so all duration is baseline. 10M × 0.2 s ×
    // 0.5 GB = 1,000,000 GB-s × $0.0000166667 = $16.6667; 3-yr Compute Savings Plan 17 % → −$2.8333.
    let credit = line(&steady, AwsLambda, "Compute Savings Plan");
    close(credit.usd, -16.6667 * 0.17, "Lambda 3-yr");
    close(platform(&steady, AwsLambda).monthly_usd, 2.0 + 16.6667 * 0.83, "Lambda total");
    // A week half at 1×, half at 3× (weights 0.5 and 1.5 of the mean): only half the mean rate runs every
    // hour → $16.6667 × 0.5 × 17 % = $1.4167.
    let profile: Vec<f64> = (0..168).map(|h| if h % 2 == 0 { 1.0 } else { 3.0 }).collect();
    let uneven = Scenario { traffic_shape: TrafficShape::Custom, custom_profile: profile, ..steady.clone() };
    close(line(&uneven, AwsLambda, "Compute Savings Plan").usd, -16.6667 * 0.5 * 0.17, "Lambda trough");
    // Fargate: 2 tasks of 0.5 vCPU / 1 GB run every hour (the minimum; the CPU needs 1.27):
    // 2 × ($0.02024 + $0.004445) × 730 h = $36.0401; 52 % → −$18.7409.
    close(line(&steady, AwsFargate, "Compute Savings Plan").usd, -36.0401 * 0.52, "Fargate 3-yr");
    // EC2, 1-yr: 2 × t3.small × 730 h × $0.0208 = $30.368; 36 % → −$10.9325.
    let one = Scenario { commitment: Commitment::Savings1y, ..steady.clone() };
    close(line(&one, AwsEc2, "Compute Savings Plan").usd, -30.368 * 0.36, "EC2 1-yr");
    // Traffic only in business hours with no minimum: nothing runs every hour, nothing to commit.
    let office = Scenario { traffic_shape: TrafficShape::BusinessHours, min_capacity: 0, ..steady.clone() };
    for id in [AwsLambda, AwsFargate, AwsEc2] {
        assert!(item(&platform(&office, id), "Compute Savings Plan").is_none(), "{id:?}");
    }
    // No commitment offered: Azure Functions (either plan) and Workers never get a credit.
    for id in [AzureFunctions, AzureFlex, CloudflareWorkers] {
        assert!(platform(&steady, id).breakdown.iter().all(|l| l.usd >= 0.0), "{id:?}");
    }
    // Cloud Run's committed use discount (17 % for both terms) on its analytic busy time; the credit is its
    // only negative line.
    let analytic = price_all(&steady, &Catalog::builtin(), None);
    let cr = analytic.iter().find(|p| p.id == CloudRun).unwrap();
    assert!(cr.breakdown.iter().filter(|l| l.usd < 0.0).all(|l| l.item.starts_with("Committed use discount")));
    let credit = item(cr, "Committed use discount").unwrap();
    let eligible: f64 = cr.breakdown.iter().filter(|l| l.item.contains("(active)")).map(|l| l.usd).sum();
    close(credit.usd, -eligible * 0.17, "Cloud Run, steady: all CPU and memory is baseline");
    // Without a commitment there is no credit anywhere.
    assert!(all(&compute_only()).iter().all(|p| p.breakdown.iter().all(|l| l.usd >= 0.0)));
}

/// Fargate Spot takes the tasks above the minimum at the (UNVERIFIED) 70 % discount; x86 only.
#[test]
fn fargate_spot_above_the_minimum() {
    // 100M req/month: 38.05 req/s × 0.2 s = 7.610 in flight × 0.5 CPU ÷ (0.5 vCPU × 0.6) = 12.684 tasks,
    // 2 on demand, 10.684 on Spot all 730 h = 7,799.2 task-h × $0.024685 × 0.3 = $57.757.
    let s = Scenario { requests_per_month: 1e8, fargate_spot: true, ..compute_only() };
    let tasks = 1e8 / 2_628_000.0 * 0.2 * 0.5 / 0.3;
    let spot = line(&s, AwsFargate, "Fargate Spot");
    close(spot.usd, (tasks - 2.0) * 730.0 * 0.024685 * 0.3, "Spot tasks");
    assert_eq!(spot.unverified, ["spot.fargate_discount"]);
    assert!(spot.detail.contains("two minutes"), "{}", spot.detail);
    close(line(&s, AwsFargate, "Fargate vCPU").usd, 2.0 * 730.0 * 0.5 * 0.04048, "minimum on demand");
    // arm64 tasks cannot use Spot: every task on demand, said so.
    let arm = Scenario { arch: Arch::Arm64, ..s.clone() };
    assert!(item(&platform(&arm, AwsFargate), "Fargate Spot").is_none());
    assert!(line(&arm, AwsFargate, "Fargate vCPU").detail.contains("x86 tasks only"));
}

/// Lambda Managed Instances (aws.amazon.com/lambda/pricing; docs lambda-managed-instances*.html):
/// Node.js 22 at 512 MB → a 1 vCPU / 2 GiB environment serving 64 at once. 0.761 requests in flight need
/// max(0.761 ÷ 64, 0.761 × 0.5 ÷ 0.6) = 0.634 environments; the cheapest non-burstable x86 type that holds
/// one is a c6i.large ($0.085/h, 2 vCPU / 4 GiB: 2 environments) → 0.32 instances, raised to the 3 Lambda
/// keeps: 3 × 730 h × $0.085 = $186.15, the 15 % fee $27.9225, 10M requests × $0.20/1M = $2.00 → $216.0725.
#[test]
fn lambda_managed_instances() {
    let s = compute_only();
    let p = platform(&s, AwsLambdaManaged);
    close(line(&s, AwsLambdaManaged, "EC2 instances (managed)").usd, 186.15, "instances");
    close(line(&s, AwsLambdaManaged, "Management fee").usd, 27.9225, "fee");
    close(line(&s, AwsLambdaManaged, "Requests").usd, 2.0, "requests");
    close(p.monthly_usd, 216.0725, "total");
    assert!(p.feasible);
    // A Savings Plan covers the instances (3 run every hour), not the fee: 3-yr 56 % of $186.15.
    let committed = Scenario { commitment: Commitment::Savings3y, ..s.clone() };
    close(line(&committed, AwsLambdaManaged, "Compute Savings Plan").usd, -186.15 * 0.56, "instances committed");
    // Runtimes it does not run are ruled out, named.
    let go = platform(&Scenario { runtime: "go".into(), ..s }, AwsLambdaManaged);
    assert!(!go.feasible && go.infeasible_reason.unwrap().message.contains("`go`"));
}

/// Azure Container Apps, Consumption (learn.microsoft.com/azure/container-apps/billing, East US meters):
/// 512 MB → a 0.25 vCPU / 0.5 GiB replica. 0.761 in flight × 0.5 CPU ÷ (0.25 × 0.6) = 2.537 replicas all
/// month (2,628,000 s) = 6,666,667 replica-s: 1,666,667 vCPU-s × $0.000024 = $40.00, 3,333,333 GiB-s × $0.000003 =
/// $10.00, 10M requests × $0.40/1M = $4.00 → $54.00.
#[test]
fn azure_container_apps() {
    let s = compute_only();
    close(line(&s, AzureContainerApps, "vCPU (active)").usd, 40.0, "vCPU");
    close(line(&s, AzureContainerApps, "Memory (active)").usd, 10.0, "memory");
    close(line(&s, AzureContainerApps, "Requests").usd, 4.0, "requests");
    close(platform(&s, AzureContainerApps).monthly_usd, 54.0, "total");
    // The free grant: (1,666,667 − 180,000) × 0.000024 + (3,333,333 − 360,000) × 0.000003 + 8M × 0.4/1M
    // = 35.68 + 8.92 + 3.20 = $47.80.
    close(platform(&Scenario { free_tier: true, ..s.clone() }, AzureContainerApps).monthly_usd, 47.8, "granted");
    // Minimum replicas are the min-instances key: with no traffic, one idle replica all month at the idle
    // rates: 2,628,000 s × (0.25 × $0.000003 + 0.5 × $0.000003) = $5.913.
    let idle = Scenario { requests_per_month: 0.0, cloud_run_min_instances: 1, ..s.clone() };
    close(line(&idle, AzureContainerApps, "Idle min replicas").usd, 5.913, "idle minimum");
    // A synchronous request past the 240 s ingress timeout is ruled out.
    let slow = platform(&Scenario { duration_ms: 300_000.0, ..s }, AzureContainerApps);
    assert!(!slow.feasible && slow.infeasible_reason.unwrap().message.contains("240 s"));
}

/// The crossover curves price what the table prices: every line item, hidden costs and credits included.
#[test]
fn curves_include_every_line_item() {
    let cat = Catalog::builtin();
    for s in [
        Scenario::default(),
        Scenario { private_subnets: true, vpc: true, commitment: Commitment::Savings1y, ..Scenario::default() },
        Scenario {
            fargate_spot: true,
            requests_per_month: 3e8,
            traffic_shape: TrafficShape::Diurnal,
            ..Scenario::default()
        },
    ] {
        let pricer = Pricer::new(&s, &cat);
        let analytic = price_all(&s, &cat, None);
        for (p, total) in analytic.iter().zip(pricer.totals(s.requests_per_month)) {
            if let Some(total) = total {
                close(total, p.monthly_usd, &format!("{:?} curve vs table", p.id));
            }
            let sum: f64 = p.breakdown.iter().map(|l| l.usd).sum();
            close(sum, p.monthly_usd, &format!("{:?} lines add up", p.id));
        }
    }
}

/// Every line a table row's fields promise is on that platform's bill, and on no other.
#[test]
fn line_items_follow_the_table_rows() {
    let s = Scenario { private_subnets: true, vpc: true, ..Scenario::default() };
    let costs = all(&s);
    for (row, p) in PLATFORMS.iter().zip(&costs) {
        assert!(item(p, "Data transfer out").is_some(), "{}", row.key);
        assert_eq!(item(p, "Logs").is_some(), row.logs.is_some(), "{}", row.key);
        let nat = !matches!(row.nat, crossover::core::cost::Nat::Never);
        assert_eq!(item(p, "NAT gateways").is_some(), nat, "{}", row.key);
    }
}

/// The new keys at every boundary: JSON, the link (short keys, older links), the key setter.
#[test]
fn the_new_keys_are_validated_at_every_boundary() {
    let s = scenario_json::from_json(
        r#"{"egress_kb_per_request": 12.5, "log_kb_per_request": 0, "private_subnets": true,
            "commitment": "savings_3y", "fargate_spot": true, "availability_zones": 3}"#,
    )
    .unwrap();
    assert_eq!(
        (
            s.egress_kb_per_request,
            s.log_kb_per_request,
            s.private_subnets,
            s.commitment,
            s.fargate_spot,
            s.availability_zones
        ),
        (12.5, 0.0, true, Commitment::Savings3y, true, 3)
    );
    for (text, key) in [
        (r#"{"egress_kb_per_request": -1}"#, "egress_kb_per_request"),
        (r#"{"log_kb_per_request": "lots"}"#, "log_kb_per_request"),
        (r#"{"private_subnets": "yes"}"#, "private_subnets"),
        (r#"{"commitment": "savings_5y"}"#, "commitment"),
        (r#"{"fargate_spot": 1}"#, "fargate_spot"),
        (r#"{"availability_zones": 1}"#, "availability_zones"),
    ] {
        let errors = scenario_json::from_json(text).unwrap_err();
        assert!(errors.iter().any(|e| e.field == key), "{text}: {errors:?}");
    }
    // The link: short keys under v=2, round trip.
    let q = query::encode(&s);
    for part in ["eg=12.5", "lg=0", "ps=true", "cm=savings_3y", "fs=true", "az=3"] {
        assert!(q.contains(part), "{q} lacks {part}");
    }
    let (back, errors) = query::decode(&q).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back, s);
    // Older links: v=1 full names, and v=2 links from before these keys (which take their defaults).
    let (old, errors) = query::decode("?v=1&commitment=savings_1y&egress_kb_per_request=2").unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((old.commitment, old.egress_kb_per_request), (Commitment::Savings1y, 2.0));
    let (before, errors) = query::decode("?v=2&r=5e7&a=arm64").unwrap();
    assert!(errors.is_empty());
    assert_eq!((before.egress_kb_per_request, before.commitment), (5.0, Commitment::None));
    // A bad link value is named and dropped, the rest kept.
    let (kept, errors) = query::decode("?v=2&cm=forever&eg=3").unwrap();
    assert_eq!((kept.commitment, kept.egress_kb_per_request), (Commitment::None, 3.0));
    assert_eq!(errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["commitment"]);
    // The setter every control and the storage take.
    let d = Scenario::default();
    assert_eq!(keys::set(&d, "commitment", "savings_1y").unwrap().commitment, Commitment::Savings1y);
    assert!(keys::set(&d, "fargate_spot", "on").unwrap().fargate_spot);
    for (key, text) in [("egress_kb_per_request", "NaN"), ("log_kb_per_request", "2e6"), ("private_subnets", "maybe")] {
        assert_eq!(keys::set(&d, key, text).unwrap_err().field, key);
    }
}
