//! HTTP entry points: API Gateway (HTTP or REST API) or an Application Load Balancer.
//!
//! Only Lambda needs one of these to serve HTTP (`front_door` = none means a Function URL or a
//! non-HTTP trigger). Azure Functions, Cloud Run and Workers include an HTTP endpoint. The
//! container options always get one ALB (see `containers`).

use super::Usage;
use super::bill::{Bill, num, rate, tiered};
use crate::core::scenario::{FrontDoor, SECONDS_PER_MONTH};

pub(super) fn price(u: &Usage, bill: &mut Bill) {
    let (r, n) = (u.r, u.requests);
    match u.s.front_door {
        FrontDoor::None => {}
        FrontDoor::ApiGatewayHttp => {
            let tiers = [(0.0, r.apigw_http_t1), (r.apigw_http_t2_from, r.apigw_http_t2)];
            let usd = tiered(n / 1e6, &per_million(&tiers));
            bill.add("API Gateway HTTP API", usd, || {
                format!(
                    "{} req × {}/1M (first {} req), {}/1M beyond",
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
            bill.add("API Gateway REST API", usd, || {
                let boundaries = ["apigw.rest.t2_from", "apigw.rest.t3_from", "apigw.rest.t4_from"];
                let prices = ["apigw.rest.t2", "apigw.rest.t3", "apigw.rest.t4"];
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
        }
        FrontDoor::Alb => alb(u, bill, r.alb_lcu_gb_per_h_lambda),
    }
}

/// Tier starts in requests → tier starts in millions, to match prices per 1M.
fn per_million<const N: usize>(tiers: &[(f64, f64); N]) -> [(f64, f64); N] {
    tiers.map(|(start, p)| (start / 1e6, p))
}

/// One ALB all month plus LCU-hours. Per hour of the week, LCUs are the largest of:
/// new connections ÷ 25/s (one connection per `alb.requests_per_conn` requests; 1 = clients
/// without keep-alive, conservative), active connections ÷ 3,000 (a request holds one for its
/// duration), and processed GB/h ÷ `gb_per_lcu_hour` (payload in and out, 1 GB = 10⁶ KB).
/// Rule evaluations are free for the first 10 rules, which one service stays within.
pub(super) fn alb(u: &Usage, bill: &mut Bill, gb_per_lcu_hour: f64) {
    let (s, r) = (u.s, u.r);
    let hours = SECONDS_PER_MONTH / 3600.0;
    bill.add("ALB hours", hours * r.alb_hourly, || format!("{} h × {}/h", num(hours), rate(r.alb_hourly)));
    let hours_per_weight = u.seconds_per_weight() / 3600.0;
    let mut lcu_hours = 0.0;
    for w in u.weights {
        let req_rate = u.rate * w;
        let new_conns = req_rate / r.alb_requests_per_conn / r.alb_lcu_new_conns_per_s;
        let active = req_rate * u.duration_s / r.alb_lcu_active_conns;
        let gb_per_h = req_rate * 3600.0 * s.payload_kb / 1e6 / gb_per_lcu_hour;
        lcu_hours += new_conns.max(active).max(gb_per_h) * hours_per_weight;
    }
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
