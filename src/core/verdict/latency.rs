//! The latency dimension: the simulated p99 (cold starts included) against the target, and what
//! provisioned concurrency would buy. When the target is missed, one more simulation with the environments
//! the peak hour needs kept warm tells a cold-start problem (provisioned concurrency fixes it) from work
//! that is itself too slow (nothing on the platform fixes it).

use super::dimensions::Load;
use super::format::{ms, num, pct, usd};
use super::{Reason, Signal};
use crate::core::catalog::Catalog;
use crate::core::coldstart::{self, ColdStartReport, SimTarget};
use crate::core::cost::{self, PlatformId};
use crate::core::scenario::Scenario;

/// A hard p99 target at or below this is no-go without provisioned concurrency (go/no-go table: "p99 < 100 ms
/// hard requirement"; the line itself counts, since a 100 ms target leaves no room for one cold start).
pub const HARD_P99_MS: f64 = 100.0;

/// Monthly cost of `n` provisioned environments: the Lambda bill with them minus the bill without.
pub fn provisioned_cost(s: &Scenario, cat: &Catalog, n: u32) -> Option<f64> {
    let lambda = |pc: u32| {
        let t = Scenario { provisioned_concurrency: pc, ..s.clone() };
        cost::by_id(&cost::price_all(&t, cat, None), PlatformId::AwsLambda).map(|p| p.monthly_usd)
    };
    Some(lambda(n)? - lambda(0)?)
}

/// Environments that cover the peak hour: the simulation's peak, else Little's law.
pub fn provisioned_estimate(cold: &ColdStartReport, l: &Load) -> u32 {
    let n = if cold.peak_instances > 0.0 { cold.peak_instances } else { l.peak_concurrency };
    n.ceil().clamp(1.0, 100_000.0) as u32
}

/// Whether the latency dimension asks for provisioned concurrency, i.e. whether `warm_p99` is needed.
pub fn needs_provisioned(s: &Scenario, cold: &ColdStartReport) -> bool {
    s.latency_slo_p99_ms
        .is_some_and(|slo| cold.latency_ms.p99 > slo || (slo <= HARD_P99_MS && s.provisioned_concurrency == 0))
}

/// Simulated p99 with `n` environments kept warm.
pub fn warm_p99(s: &Scenario, n: u32) -> f64 {
    let t = Scenario { provisioned_concurrency: n.max(s.provisioned_concurrency), ..s.clone() };
    coldstart::simulate(&t, SimTarget::AwsLambda).latency_ms.p99
}

fn signed_usd(x: f64) -> String {
    format!("{}{}", if x >= 0.0 { "+" } else { "" }, usd(x))
}

/// `warm` is `warm_p99(s, provisioned_estimate(..))` when `needs_provisioned`, else unused.
pub fn latency(
    s: &Scenario,
    cat: &Catalog,
    cold: &ColdStartReport,
    l: &Load,
    warm: Option<f64>,
) -> (Reason, Option<String>) {
    let reason = |signal, detail| Reason { dimension: "latency".into(), signal, detail };
    let p99 = cold.latency_ms.p99;
    let Some(slo) = s.latency_slo_p99_ms else {
        return (
            reason(Signal::Neutral, format!("no p99 target; simulated p99 incl. cold starts is {}", ms(p99))),
            None,
        );
    };
    let pc_text = |n: u32| match provisioned_cost(s, cat, n) {
        Some(usd_month) => format!("provisioned concurrency {n}, {}/month", signed_usd(usd_month)),
        None => format!("provisioned concurrency {n}"),
    };
    let seen = format!(
        "simulated p99 {} ({} of requests cold) against a target of {}",
        ms(p99),
        pct(cold.cold_start_fraction),
        ms(slo)
    );
    if !needs_provisioned(s, cold) {
        let cond = (s.provisioned_concurrency > 0)
            .then(|| format!("{} budgeted, to keep p99 ≤ {}", pc_text(s.provisioned_concurrency), ms(slo)));
        return (reason(Signal::Go, format!("{seen}: met")), cond);
    }
    let n = provisioned_estimate(cold, l).max(s.provisioned_concurrency);
    let mut why = if p99 <= slo {
        format!(
            "{seen}: met in simulation, but a hard target of {} or less is no-go without provisioned concurrency \
             budgeted — a quiet spell makes the tail cold",
            ms(HARD_P99_MS)
        )
    } else {
        format!("{seen}: missed by {}", ms(p99 - slo))
    };
    let envs = format!("the peak hour's {} environments", num(f64::from(n), 0));
    let cond = match warm {
        Some(w) if w > slo => {
            why = format!("{why}; even with {n} environments kept warm the simulated p99 is {}", ms(w));
            format!(
                "{} ({envs}) removes the cold starts, but the work itself runs {} at p99: shorten it or relax \
                 the target above {}",
                pc_text(n),
                ms(w),
                ms(w)
            )
        }
        _ => format!("{} ({envs}), to meet p99 ≤ {}", pc_text(n), ms(slo)),
    };
    (reason(Signal::NoGo, why), Some(cond))
}
