//! The fleet's light verdict: `verdict::decide`'s rules on analytic figures, without its costly parts.
//!
//! `verdict::decide` recomputes the traffic curve for every call and prices Lambda twice more to cost
//! provisioned concurrency; at 10,000 rows that dominates. Here the traffic curve is the base scenario's,
//! computed once (`Estimator`), and latency is judged on the analytic p99 estimate. The scored dimensions
//! that are cheap (traffic shape, cost, state, team, lock-in) are `verdict::dimensions` itself; the
//! decision thresholds and weights are `verdict`'s constants. Keep this in step with `verdict::decide`.

use crate::core::cost::{PlatformCost, PlatformId};
use crate::core::eval;
use crate::core::scenario::Scenario;
use crate::core::verdict::dimensions::{self, Load};
use crate::core::verdict::format::ms;
use crate::core::verdict::latency::HARD_P99_MS;
use crate::core::verdict::{self, Decision, Reason, Signal};

use PlatformId::{AwsEc2, AwsEks, AwsFargate, CloudRun};

/// Flex Consumption guarantees an execution for 60 minutes (mirrors `verdict`'s blocker rule).
const FLEX_GUARANTEED_MS: f64 = 3_600_000.0;

pub struct Light {
    pub decision: Decision,
    pub score: u8,
    pub recommended: PlatformId,
    /// For a no-go: the blocker, else the first no-go reason.
    pub reason: Option<String>,
}

fn reason(dimension: &str, signal: Signal, detail: String) -> Reason {
    Reason { dimension: dimension.into(), signal, detail }
}

/// Hard blockers as `(reason, platforms the workaround runs on, keeps serverless with a condition)`.
fn blockers(s: &Scenario, costs: &[PlatformCost], peak: f64) -> Vec<(Reason, &'static [PlatformId], bool)> {
    let mut found = Vec::new();
    let unusable =
        |p: &&PlatformCost| !p.feasible || (p.id == PlatformId::AzureFlex && s.duration_ms > FLEX_GUARANTEED_MS);
    let serverless: Vec<&PlatformCost> = costs.iter().filter(|p| p.id.is_serverless()).collect();
    if !s.needs_gpu && !serverless.is_empty() && serverless.iter().all(unusable) {
        let why: Vec<String> =
            serverless.iter().map(|p| p.infeasible_reason.clone().unwrap_or_else(|| "execution time".into())).collect();
        let why = why.join("; ");
        let w = why.to_ascii_lowercase();
        let runs_on: &'static [PlatformId] =
            if ["timeout", "duration", "execution", "minute", "900 s"].iter().any(|k| w.contains(k)) {
                &[AwsFargate, CloudRun]
            } else if w.contains("memory") {
                &[AwsFargate, AwsEc2, AwsEks, CloudRun]
            } else {
                &[CloudRun, AwsFargate, AwsEc2, AwsEks]
            };
        found.push((
            reason("platform limits", Signal::Blocker, format!("no serverless platform can run it ({why})")),
            runs_on,
            false,
        ));
    }
    if s.needs_gpu {
        found.push((reason("gpu", Signal::Blocker, "needs a GPU".into()), &[CloudRun, AwsEc2, AwsEks][..], false));
    }
    if s.long_lived_connections {
        let r = reason("state", Signal::Blocker, "holds WebSockets / persistent connections open".into());
        found.push((r, &[AwsFargate, CloudRun, AwsEc2, AwsEks][..], false));
    }
    if let Some(limit) = s.db_max_connections
        && !s.rds_proxy
        && peak > f64::from(limit)
    {
        let r = reason("database connections", Signal::Blocker, format!("peak {peak:.0} connections exceed {limit}"));
        found.push((r, &[AwsFargate, AwsEc2, AwsEks][..], true));
    }
    found
}

/// Go / conditional go / no-go and the recommendation, as `verdict::decide` would on these figures.
pub fn decide(s: &Scenario, costs: &[PlatformCost], load: &Load, p99_ms: f64) -> Light {
    let blockers = blockers(s, costs, load.peak_concurrency.ceil());
    let mut reasons: Vec<Reason> = blockers.iter().map(|b| b.0.clone()).collect();
    let mut conditions = blockers.iter().filter(|b| b.2).count();
    reasons.push(dimensions::traffic_shape(s, load));
    reasons.push(dimensions::cost(costs));
    let (state, team) = (dimensions::state(s), dimensions::team(s));
    conditions += usize::from(state.1.is_some()) + usize::from(team.1.is_some());
    let latency = match s.latency_slo_p99_ms {
        None => reason("latency", Signal::Neutral, "no p99 target".into()),
        Some(slo) if p99_ms <= slo && (slo > HARD_P99_MS || s.provisioned_concurrency > 0) => {
            conditions += usize::from(s.provisioned_concurrency > 0);
            reason("latency", Signal::Go, format!("estimated p99 {} against a target of {}: met", ms(p99_ms), ms(slo)))
        }
        Some(slo) => {
            conditions += 1;
            let detail = format!(
                "estimated p99 {} (analytic cold starts) against a target of {}: needs provisioned concurrency",
                ms(p99_ms),
                ms(slo)
            );
            reason("latency", Signal::NoGo, detail)
        }
    };
    reasons.extend([latency, state.0, team.0, dimensions::lock_in(s)]);
    conditions += usize::from(s.rds_proxy && s.db_max_connections.is_some());

    let (decision, score) = verdict::classify(s, &reasons, !blockers.is_empty(), conditions > 0);
    let recommended = recommend(decision, costs, &blockers.iter().map(|b| b.1).collect::<Vec<_>>());
    let why = (decision == Decision::NoGo).then(|| {
        let first = |sig: Signal| reasons.iter().find(|r| r.signal == sig);
        let r = first(Signal::Blocker).or_else(|| first(Signal::NoGo));
        r.map_or_else(|| "score below the go line".into(), |r| format!("{}: {}", r.dimension, r.detail))
    });
    Light { decision, score, recommended, reason: why }
}

fn recommend(decision: Decision, costs: &[PlatformCost], runs_on: &[&[PlatformId]]) -> PlatformId {
    if decision != Decision::NoGo {
        return eval::cheapest(costs, Some(true))
            .or_else(|| eval::cheapest(costs, None))
            .map_or(PlatformId::AwsLambda, |p| p.id);
    }
    let allowed: Vec<PlatformId> = runs_on.first().map_or(Vec::new(), |first| {
        first.iter().copied().filter(|id| runs_on.iter().all(|b| b.contains(id))).collect()
    });
    costs
        .iter()
        .filter(|p| p.feasible && allowed.contains(&p.id))
        .min_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
        .map(|p| p.id)
        .or_else(|| eval::cheapest(costs, Some(false)).map(|p| p.id))
        .or_else(|| allowed.first().copied())
        .unwrap_or(AwsFargate)
}
