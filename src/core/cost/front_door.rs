//! HTTP entry points: API Gateway (HTTP or REST API) or an Application Load Balancer.
//!
//! Only Lambda needs one of these to serve HTTP (`front_door` = none means a Function URL or a
//! non-HTTP trigger). Azure Functions, Cloud Run and Workers include an HTTP endpoint. The
//! container options always get one ALB (see `containers`).

use super::Usage;
use super::bill::{Bill, num, rate, size_kb, tiered};
use super::limits::{Limit, LimitKind};
use crate::core::catalog::Rates;
use crate::core::scenario::{FrontDoor, HOURS_PER_MONTH, Scenario};
use crate::core::select::larger;

/// The front door's own limit the workload breaks, if any: API Gateway HTTP API integrations time
/// out after 30 s (not raisable) and REST API ones after 29 s by default
/// (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html, limits.html); both
/// carry at most 10 MB; an ALB passes at most 1 MB of request body and response JSON to Lambda
/// (docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html). They are the
/// front door's, not Lambda's: another front door (or none) lifts them.
pub(super) fn limits(s: &Scenario, r: &Rates) -> Option<Limit> {
    let timeout = |name: &str, limit_s: f64| {
        (s.duration_ms > limit_s * 1000.0).then(|| {
            Limit::hard(
                LimitKind::FrontDoorTimeout,
                format!(
                    "duration {} s exceeds the {name} integration timeout of {} s (front_door)",
                    num(s.duration_ms / 1000.0),
                    num(limit_s)
                ),
            )
        })
    };
    let payload = |name: &str, limit_kb: f64| {
        (s.payload_kb > limit_kb).then(|| {
            Limit::hard(
                LimitKind::FrontDoorPayload,
                format!(
                    "payload {} KB exceeds the {name} limit of {} KB ({}) (front_door)",
                    num(s.payload_kb),
                    num(limit_kb),
                    size_kb(limit_kb)
                ),
            )
        })
    };
    match s.front_door {
        FrontDoor::None => None,
        FrontDoor::ApiGatewayHttp => timeout("API Gateway HTTP API", r.apigw_http_max_timeout_s)
            .or_else(|| payload("API Gateway HTTP API payload", r.apigw_max_payload_kb)),
        FrontDoor::ApiGatewayRest => timeout("API Gateway REST API", r.apigw_rest_max_timeout_s)
            .or_else(|| payload("API Gateway REST API payload", r.apigw_max_payload_kb)),
        FrontDoor::Alb => payload("ALB → Lambda body", r.alb_lambda_max_body_kb),
    }
}

pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (r, n) = (u.r, u.requests);
    match u.s.front_door {
        FrontDoor::None => {}
        FrontDoor::ApiGatewayHttp => {
            // HTTP APIs meter each request in 512 KB increments: a 1.2 MB request counts 3 times.
            let per_request = (u.s.payload_kb / r.apigw_http_meter_kb - 1e-9).ceil().max(1.0);
            let metered = n * per_request;
            let tiers = [(0.0, r.apigw_http_t1), (r.apigw_http_t2_from, r.apigw_http_t2)];
            let usd = tiered(metered / 1e6, &per_million(&tiers));
            bill.add("API Gateway HTTP API", usd, || {
                let increments = if per_request > 1.0 {
                    format!(
                        " × {} ({} KB metered in {} KB increments) = {} metered",
                        num(per_request),
                        num(u.s.payload_kb),
                        num(r.apigw_http_meter_kb),
                        num(metered)
                    )
                } else {
                    String::new()
                };
                format!(
                    "{} req{increments} × {}/1M (first {} req), {}/1M beyond",
                    num(n),
                    rate(tiers[0].1),
                    num(tiers[1].0),
                    rate(tiers[1].1)
                )
            });
        }
        FrontDoor::ApiGatewayRest => {
            let tiers = [
                (0.0, r.apigw_rest_t1),
                (r.apigw_rest_t2_from, r.apigw_rest_t2),
                (r.apigw_rest_t3_from, r.apigw_rest_t3),
                (r.apigw_rest_t4_from, r.apigw_rest_t4),
            ];
            let usd = tiered(n / 1e6, &per_million(&tiers));
            let boundaries = ["apigw.rest.t2_from", "apigw.rest.t3_from", "apigw.rest.t4_from"];
            let prices = ["apigw.rest.t2", "apigw.rest.t3", "apigw.rest.t4"];
            bill.add("API Gateway REST API", usd, || {
                let flag = match (u.unverified(&boundaries), u.unverified(&prices)) {
                    (true, true) => " (boundaries and tier prices UNVERIFIED)",
                    (true, false) => " (boundaries UNVERIFIED)",
                    (false, true) => " (tier prices UNVERIFIED)",
                    (false, false) => "",
                };
                format!(
                    "{} req × {}/1M, {} from {} req, {} from {}, {} from {}{flag}",
                    num(n),
                    rate(tiers[0].1),
                    rate(tiers[1].1),
                    num(tiers[1].0),
                    rate(tiers[2].1),
                    num(tiers[2].0),
                    rate(tiers[3].1),
                    num(tiers[3].0)
                )
            });
            u.flag(bill, &[boundaries, prices].concat());
        }
        FrontDoor::Alb => alb(u, bill, r.alb_lcu_gb_per_h_lambda),
    }
}

/// Tier starts in requests → tier starts in millions, to match prices per 1M.
fn per_million<const N: usize>(tiers: &[(f64, f64); N]) -> [(f64, f64); N] {
    tiers.map(|(start, p)| (start / 1e6, p))
}

/// One ALB all month, its public IPv4 addresses, plus LCU-hours. An internet-facing ALB holds one
/// public IPv4 address per availability zone, billed per IP-hour since 2024-02-01 (AWS Networking
/// blog, "Identify and optimize public IPv4 address usage on AWS"). Per hour of the week, LCUs are
/// the largest of:
/// new connections ÷ 25/s (one connection per `alb.requests_per_conn` requests; 1 = clients
/// without keep-alive, conservative), active connections ÷ 3,000 (a request holds one for its
/// duration), and processed GB/h ÷ `gb_per_lcu_hour` (payload in and out, 1 GB = 10⁶ KB).
/// Rule evaluations are free for the first 10 rules, which one service stays within.
pub(super) fn alb(u: &Usage, bill: &mut Bill, gb_per_lcu_hour: f64) {
    let (s, r) = (u.s, u.r);
    let hours = HOURS_PER_MONTH;
    bill.add("ALB hours", hours * r.alb_hourly, || format!("{} h × {}/h", num(hours), rate(r.alb_hourly)));
    let ips = f64::from(s.availability_zones);
    bill.add("Public IPv4 (ALB)", ips * hours * r.vpc_public_ipv4_hourly, || {
        format!(
            "{} addresses (one per availability zone) × {} h × {}/IP-h",
            num(ips),
            num(hours),
            rate(r.vpc_public_ipv4_hourly)
        )
    });
    let lcu_hours = match u.alb_lcu_hours.get() {
        Some((gb, lcu_hours)) if gb.to_bits() == gb_per_lcu_hour.to_bits() => lcu_hours,
        _ => {
            let lcu_hours = u.monthly(|req_rate| {
                let new_conns = req_rate / r.alb_requests_per_conn / r.alb_lcu_new_conns_per_s;
                let active = req_rate * u.duration_s / r.alb_lcu_active_conns;
                let gb_per_h = req_rate * 3600.0 * s.payload_kb / 1e6 / gb_per_lcu_hour;
                larger(larger(new_conns, active), gb_per_h)
            }) / 3600.0;
            u.alb_lcu_hours.set(Some((gb_per_lcu_hour, lcu_hours)));
            lcu_hours
        }
    };
    bill.add("ALB LCU-hours", lcu_hours * r.alb_lcu_hour, || {
        format!(
            "{} LCU-h (max of {}/s new conns, active conns, {} GB/h per LCU) × {}",
            num(lcu_hours),
            num(r.alb_lcu_new_conns_per_s),
            num(gb_per_lcu_hour),
            rate(r.alb_lcu_hour)
        )
    });
}
