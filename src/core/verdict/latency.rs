//! The latency dimension: every platform's p99 (cold starts included) against the target — which meet it,
//! which miss it and by how much — and, when no serverless platform meets it, what warm instances would
//! buy on each platform that has them (`Evidence::fixes`, found by the same model). Without searched fixes
//! (hand-built evidence) the judged platform's (Lambda's) warm p99 tells a cold-start problem
//! (provisioned concurrency fixes it) from work that is itself too slow (nothing fixes it).

use super::evidence::{Evidence, Load, PlatformEvidence};
use super::fixes::{Fix, knob};
use super::format::{ms, num, pct, usd};
use super::{Dimension, Reason, Signal};
use crate::core::cost::Priced;
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

/// The cheapest feasible platform (serverless or not) whose p99 is known and meets the target.
pub fn cheapest_meeting<'a>(s: &Scenario, e: &'a Evidence, serverless: bool) -> Option<&'a PlatformEvidence> {
    let slo = s.latency_slo_p99_ms?;
    e.platforms
        .iter()
        .filter(|p| p.feasible() && p.id.is_serverless() == serverless && p.p99_ms.is_some_and(|x| x <= slo))
        .min_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
}

/// The fix whose platform costs least with it (its bill plus the warm instances), among fixes that meet
/// the target on a feasible platform.
pub fn cheapest_fix(e: &Evidence) -> Option<&Fix> {
    let total = |f: &Fix| Some(e.platform(f.platform).filter(|p| p.feasible())?.monthly_usd + f.added_usd?);
    e.fixes
        .iter()
        .filter(|f| f.count.is_some() && total(f).is_some())
        .min_by(|a, b| total(a).unwrap_or(f64::INFINITY).total_cmp(&total(b).unwrap_or(f64::INFINITY)))
}

/// "met on Cloud Run (p99 812 ms); missed on AWS Lambda (p99 4,000 ms, 3,900 ms over)": every feasible
/// platform with a known p99, in table order.
fn per_platform(e: &Evidence, slo: f64) -> String {
    let known: Vec<(&PlatformEvidence, f64)> =
        e.platforms.iter().filter(|p| p.feasible()).filter_map(|p| Some((p, p.p99_ms?))).collect();
    let met: Vec<String> =
        known.iter().filter(|(_, x)| *x <= slo).map(|(p, x)| format!("{} (p99 {})", p.id.name(), ms(*x))).collect();
    let missed: Vec<String> = known
        .iter()
        .filter(|(_, x)| *x > slo)
        .map(|(p, x)| format!("{} (p99 {}, {} over)", p.id.name(), ms(*x), ms(x - slo)))
        .collect();
    let mut parts = Vec::new();
    if !met.is_empty() {
        parts.push(format!("met on {}", met.join(", ")));
    }
    if !missed.is_empty() {
        parts.push(format!("missed on {}", missed.join(", ")));
    }
    parts.join("; ")
}

/// One fix in words: "provisioned concurrency 12 on AWS Lambda (p99 85 ms, +$40.00/month)".
fn fix_text(f: &Fix, method: &str) -> String {
    match f.count {
        Some(n) => format!(
            "{} {n} on {} ({method} p99 {}{})",
            knob(f.platform),
            f.platform.name(),
            ms(f.p99_ms),
            f.added_usd.map_or(String::new(), |c| format!(", {}/month", signed_usd(c)))
        ),
        None => format!(
            "not {} on {}: even {} kept warm leave p99 at {}",
            knob(f.platform),
            f.platform.name(),
            num(f64::from(f.tried), 0),
            ms(f.p99_ms)
        ),
    }
}

/// The target missed on every serverless platform, with the searched fixes.
fn missed_everywhere(e: &Evidence, slo: f64) -> (Reason, Option<String>) {
    let method = e.method.word();
    let mut detail = format!(
        "{method} p99 against a target of {}: no serverless platform meets it; {}",
        ms(slo),
        per_platform(e, slo)
    );
    let fixing: Vec<&Fix> = e.fixes.iter().filter(|f| f.count.is_some()).collect();
    let cond = if fixing.is_empty() {
        let best = e.fixes.iter().map(|f| f.p99_ms).fold(f64::INFINITY, f64::min);
        detail = format!("{detail}; even with the peak's instances kept warm the {method} p99 is {} at best", ms(best));
        format!("the work itself runs {} at p99: shorten it or relax the target above {}", ms(best), ms(best))
    } else {
        let mut ways: Vec<&Fix> = fixing;
        let total =
            |f: &Fix| e.platform(f.platform).map_or(f64::INFINITY, |p| p.monthly_usd) + f.added_usd.unwrap_or(0.0);
        crate::core::stable_sort::sort_by(&mut ways, |a, b| total(a).total_cmp(&total(b)));
        let mut text: Vec<String> = ways.iter().map(|f| fix_text(f, method)).collect();
        text.extend(e.fixes.iter().filter(|f| f.count.is_none()).map(|f| fix_text(f, method)));
        format!("to meet p99 ≤ {}, one of: {}", ms(slo), text.join("; or "))
    };
    (Reason { dimension: Dimension::Latency, signal: Signal::NoGo, detail }, Some(cond))
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
    let hard = slo <= HARD_P99_MS && s.provisioned_concurrency == 0;
    if !hard {
        if let Some(m) = cheapest_meeting(s, e, true) {
            let detail = format!(
                "{method} p99 against a target of {}: {}; the cheapest serverless platform that meets it is {}",
                ms(slo),
                per_platform(e, slo),
                m.id.name()
            );
            let budgeted = s.provisioned_concurrency > 0 && m.id == e.cold.platform;
            let cond = budgeted.then(|| {
                let n = s.provisioned_concurrency;
                let cost = e.cold.provisioned_usd.map_or(String::new(), |c| format!(", {}/month", signed_usd(c)));
                format!("provisioned concurrency {n}{cost} budgeted, to keep p99 ≤ {}", ms(slo))
            });
            return (reason(Signal::Go, detail), cond);
        }
        if !e.fixes.is_empty() {
            return missed_everywhere(e, slo);
        }
    }
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
