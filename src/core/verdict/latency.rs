//! The latency dimension: the judged platform's p99 (cold starts included) against the target, and what
//! provisioned concurrency would buy. When the target is missed, the evidence carries the p99 with the
//! environments the peak hour needs kept warm, which tells a cold-start problem (provisioned concurrency
//! fixes it) from work that is itself too slow (nothing on the platform fixes it).

use super::evidence::{Evidence, Load};
use super::format::{ms, num, pct, usd};
use super::{Dimension, Reason, Signal};
use crate::core::scenario::Scenario;

/// A hard p99 target at or below this is no-go without provisioned concurrency (go/no-go table: "p99 < 100 ms
/// hard requirement"; the line itself counts, since a 100 ms target leaves no room for one cold start).
pub const HARD_P99_MS: f64 = 100.0;

/// Environments that cover the peak hour: the simulation's peak, else Little's law.
pub fn provisioned_estimate(peak_environments: f64, l: &Load) -> u32 {
    let n = if peak_environments > 0.0 { peak_environments } else { l.peak_concurrency };
    n.ceil().clamp(1.0, 100_000.0) as u32
}

/// Whether the latency dimension asks for provisioned concurrency, i.e. whether a warm p99 is needed.
pub fn needs_provisioned(s: &Scenario, p99_ms: f64) -> bool {
    s.latency_slo_p99_ms.is_some_and(|slo| p99_ms > slo || (slo <= HARD_P99_MS && s.provisioned_concurrency == 0))
}

/// The provisioned concurrency the latency dimension names: the environments the peak hour needs (at
/// least the count budgeted) when the target is missed, else the count budgeted, if any. The evidence's
/// warm p99 and provisioned cost are for this count.
pub fn provisioned_named(s: &Scenario, p99_ms: f64, peak_environments: f64, l: &Load) -> Option<u32> {
    s.latency_slo_p99_ms?;
    if needs_provisioned(s, p99_ms) {
        Some(provisioned_estimate(peak_environments, l).max(s.provisioned_concurrency))
    } else {
        (s.provisioned_concurrency > 0).then_some(s.provisioned_concurrency)
    }
}

/// `provisioned_named` for this evidence: the count whose warm p99 and cost the evidence should carry.
pub fn provisioned_for(s: &Scenario, e: &Evidence) -> Option<u32> {
    provisioned_named(s, e.judged_p99()?, e.cold.peak_environments, &e.load)
}

fn signed_usd(x: f64) -> String {
    format!("{}{}", if x >= 0.0 { "+" } else { "" }, usd(x))
}

pub fn latency(s: &Scenario, e: &Evidence) -> (Reason, Option<String>) {
    let reason = |signal, detail| Reason { dimension: Dimension::Latency, signal, detail };
    let method = e.method.word();
    let Some(p99) = e.judged_p99() else {
        let detail = format!("no p99 known for {}", e.cold.platform.name());
        return (reason(Signal::Neutral, detail), None);
    };
    let Some(slo) = s.latency_slo_p99_ms else {
        return (
            reason(Signal::Neutral, format!("no p99 target; {method} p99 incl. cold starts is {}", ms(p99))),
            None,
        );
    };
    let pc_text = |n: u32| match e.cold.provisioned_usd {
        Some(usd_month) => format!("provisioned concurrency {n}, {}/month", signed_usd(usd_month)),
        None => format!("provisioned concurrency {n}"),
    };
    let seen =
        format!("{method} p99 {} ({} of requests cold) against a target of {}", ms(p99), pct(e.cold.fraction), ms(slo));
    let named = provisioned_named(s, p99, e.cold.peak_environments, &e.load);
    if !needs_provisioned(s, p99) {
        let cond = named.map(|n| format!("{} budgeted, to keep p99 ≤ {}", pc_text(n), ms(slo)));
        return (reason(Signal::Go, format!("{seen}: met")), cond);
    }
    let n = named.unwrap_or(s.provisioned_concurrency);
    let mut why = if p99 <= slo {
        format!(
            "{seen}: met in {} but a hard target of {} or less is no-go without provisioned concurrency \
             budgeted — a quiet spell makes the tail cold",
            if e.method == super::Method::Simulated { "simulation," } else { "the estimate," },
            ms(HARD_P99_MS)
        )
    } else {
        format!("{seen}: missed by {}", ms(p99 - slo))
    };
    let envs = format!("the peak hour's {} environments", num(f64::from(n), 0));
    let cond = match e.cold.warm_p99_ms {
        Some(w) if w > slo => {
            why = format!("{why}; even with {n} environments kept warm the {method} p99 is {}", ms(w));
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
