//! The analysis as plain sentences with their numbers, for the UI.

use super::{ProvisionedNeed, Sensitivity};
use crate::core::cost::{self, PlatformCost, PlatformId};
use crate::core::scenario::Scenario;
use crate::core::verdict::Decision;
use crate::core::verdict::format::{ms, num, usd, volume};

fn name(costs: &[PlatformCost], id: PlatformId) -> String {
    cost::by_id(costs, id).map_or_else(|| format!("{id:?}"), |p| p.name.clone())
}

fn decision_text(d: Decision) -> &'static str {
    match d {
        Decision::Go => "go",
        Decision::ConditionalGo => "conditional go",
        Decision::NoGo => "no-go",
    }
}

pub(super) fn write(s: &Scenario, costs: &[PlatformCost], x: &Sensitivity) -> Vec<String> {
    let mut out = Vec::new();
    for (flip, word) in [(&x.volume_up, "Above"), (&x.volume_down, "Below")] {
        if let Some(f) = flip {
            out.push(format!(
                "{word} {} requests/month the recommendation moves from {} to {}.",
                volume(f.requests_per_month),
                name(costs, f.from),
                name(costs, f.to)
            ));
        }
    }
    if x.volume_up.is_none() && x.volume_down.is_none() {
        out.push("No volume between 1,000 and 10¹² requests/month changes the recommendation.".into());
    }
    for (flip, word) in [(&x.slo_tighter, "tighter"), (&x.slo_looser, "looser")] {
        if let Some(f) = flip {
            out.push(format!(
                "A p99 target {word} than about {} turns the decision from {} to {}.",
                ms(f.p99_ms),
                decision_text(f.from),
                decision_text(f.to)
            ));
        }
    }
    match &x.provisioned {
        Some(ProvisionedNeed { target_ms, concurrency: Some(0), p99_ms, .. }) => out.push(format!(
            "The p99 target of {} is met without provisioned concurrency (simulated p99 {}).",
            ms(*target_ms),
            ms(*p99_ms)
        )),
        Some(ProvisionedNeed { target_ms, concurrency: Some(n), p99_ms, monthly_usd }) => out.push(format!(
            "Provisioned concurrency of {n} is the smallest that meets p99 ≤ {} (simulated {}){}.",
            ms(*target_ms),
            ms(*p99_ms),
            monthly_usd.map_or(String::new(), |c| format!(", for {}{}/month", if c >= 0.0 { "+" } else { "" }, usd(c)))
        )),
        Some(ProvisionedNeed { target_ms, concurrency: None, p99_ms, .. }) => out.push(format!(
            "No provisioned concurrency tried meets p99 ≤ {}: the simulated p99 stays at {} even warm.",
            ms(*target_ms),
            ms(*p99_ms)
        )),
        None => {}
    }
    if let Some(best) = &x.power_best {
        let here = x.power_curve.iter().find(|p| p.memory_mb == s.memory_mb);
        let versus = here.map_or(String::new(), |h| {
            format!(", against {} at the configured {} MB", usd(h.monthly_usd), num(h.memory_mb, 0))
        });
        out.push(format!(
            "The cheapest Lambda memory size for this work is {} MB: {} ms per request, {}/month{versus}.",
            num(best.memory_mb, 0),
            num(best.duration_ms, 0),
            usd(best.monthly_usd)
        ));
    }
    out.push(format!("These searches ran {} model evaluations.", x.evaluations));
    out
}
