//! Go / conditional go / no-go, with reasons tied to figures.
//!
//! Scoring (0–100): six dimensions of the seeds' go/no-go table are weighted — traffic shape 25, cost 25,
//! latency 20, state 10, team 10, vendor lock-in 10 — and each scores 1 for a go signal, ½ for neutral and
//! 0 for no-go. A hard blocker caps the score at `BLOCKED_SCORE_CAP`.
//!
//! Decision: any hard blocker → no_go; a steady baseline that containers also run cheaper (traffic and cost
//! both no-go) → no_go; the seeds' firm no-go cases (portability contractually required; a hard p99 target
//! of 100 ms or less with no provisioned concurrency budgeted) → no_go; score < 40 → no_go; score ≥ 70 with
//! no no-go signal and no condition → go; everything else → conditional_go, with the conditions that make
//! it work.
//!
//! Recommendation: for go / conditional go the cheapest feasible serverless option — Lambda when a p99
//! target is set, since the simulated latency (and any provisioned-concurrency condition) is Lambda's; for
//! no_go the cheapest
//! feasible platform the blockers' workaround runs on, else the cheapest feasible container option.

mod blockers;
pub mod dimensions;
pub mod format;
pub mod latency;

use serde::Serialize;

use super::catalog::Catalog;
use super::coldstart::ColdStartReport;
use super::cost::{self, PlatformCost, PlatformId};
use super::scenario::Scenario;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Go,
    #[default]
    ConditionalGo,
    NoGo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    Go,
    NoGo,
    Neutral,
    Blocker,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub dimension: String,
    pub signal: Signal,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub decision: Decision,
    pub score: u8,
    pub recommended: PlatformId,
    pub conditions: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// Weights of the scored dimensions (sum 100), by the `dimension` name their reasons carry.
pub const WEIGHTS: [(&str, f64); 6] = [
    ("traffic shape", 25.0),
    ("cost", 25.0),
    ("latency", 20.0),
    ("state", 10.0),
    ("team", 10.0),
    ("vendor lock-in", 10.0),
];
pub const BLOCKED_SCORE_CAP: u8 = 10;
pub const GO_SCORE: u8 = 70;
pub const NO_GO_SCORE: u8 = 40;

fn score(reasons: &[Reason]) -> u8 {
    let (mut got, mut total) = (0.0, 0.0);
    for (dimension, weight) in WEIGHTS {
        let Some(r) = reasons.iter().find(|r| r.dimension == dimension) else {
            continue;
        };
        total += weight;
        got += weight
            * match r.signal {
                Signal::Go => 1.0,
                Signal::Neutral => 0.5,
                Signal::NoGo | Signal::Blocker => 0.0,
            };
    }
    if total > 0.0 { (100.0 * got / total).round().clamp(0.0, 100.0) as u8 } else { 50 }
}

/// The decision and score from the reasons: one rule for `decide` and for the fleet's light verdict.
/// `blocked`: a hard blocker was found; `has_conditions`: going serverless needs something first.
pub fn classify(s: &Scenario, reasons: &[Reason], blocked: bool, has_conditions: bool) -> (Decision, u8) {
    let score = score(reasons);
    let no_go_signal = reasons.iter().any(|r| r.signal == Signal::NoGo);
    let steady_and_dearer =
        signal_of(reasons, "traffic shape") == Some(Signal::NoGo) && signal_of(reasons, "cost") == Some(Signal::NoGo);
    let firm_no_go = s.portability_required
        || (s.provisioned_concurrency == 0 && s.latency_slo_p99_ms.is_some_and(|slo| slo <= latency::HARD_P99_MS));
    if blocked {
        (Decision::NoGo, score.min(BLOCKED_SCORE_CAP))
    } else if steady_and_dearer || firm_no_go || score < NO_GO_SCORE {
        (Decision::NoGo, score)
    } else if score >= GO_SCORE && !no_go_signal && !has_conditions {
        (Decision::Go, score)
    } else {
        (Decision::ConditionalGo, score)
    }
}

fn signal_of(reasons: &[Reason], dimension: &str) -> Option<Signal> {
    reasons.iter().find(|r| r.dimension == dimension).map(|r| r.signal)
}

pub fn decide(s: &Scenario, cat: &Catalog, costs: &[PlatformCost], cold: &ColdStartReport) -> Verdict {
    let warm = latency::needs_provisioned(s, cold)
        .then(|| latency::warm_p99(s, latency::provisioned_estimate(cold, &dimensions::load(s))));
    decide_with(s, cat, costs, cold, warm)
}

/// `decide` with the warm p99 given (see `latency::latency`), so searches that call it many times run that
/// extra simulation once.
pub fn decide_with(
    s: &Scenario,
    cat: &Catalog,
    costs: &[PlatformCost],
    cold: &ColdStartReport,
    warm_p99: Option<f64>,
) -> Verdict {
    let load = dimensions::load(s);
    let blockers = blockers::find(s, costs, cold);
    let mut reasons: Vec<Reason> = blockers.iter().map(|b| b.reason.clone()).collect();
    let mut conditions: Vec<String> = blockers.iter().filter_map(|b| b.condition.clone()).collect();

    reasons.push(dimensions::traffic_shape(s, &load));
    reasons.push(dimensions::cost(costs));
    let (state, team) = (dimensions::state(s), dimensions::team(s));
    let latency = latency::latency(s, cat, cold, &load, warm_p99);
    for (r, c) in [latency, state, team] {
        reasons.push(r);
        conditions.extend(c);
    }
    reasons.push(dimensions::lock_in(s));
    reasons.extend(blockers::partial_limits(s, costs));
    if s.rds_proxy
        && let Some(limit) = s.db_max_connections
    {
        conditions
            .push(format!("RDS Proxy pools the database connections (limit {})", format::num(f64::from(limit), 0)));
    }

    let (decision, score) = classify(s, &reasons, !blockers.is_empty(), !conditions.is_empty());
    Verdict { decision, score, recommended: recommend(s, decision, costs, &blockers), conditions, reasons }
}

fn recommend(s: &Scenario, decision: Decision, costs: &[PlatformCost], blockers: &[blockers::Blocker]) -> PlatformId {
    let lambda = cost::by_id(costs, PlatformId::AwsLambda).filter(|p| p.feasible);
    if decision != Decision::NoGo {
        return lambda
            .filter(|_| s.latency_slo_p99_ms.is_some())
            .or_else(|| cost::cheapest(costs, Some(true)))
            .or_else(|| cost::cheapest(costs, None))
            .map_or(PlatformId::AwsLambda, |p| p.id);
    }
    // Every blocker's workaround must hold on the platform: keep the first blocker's preference order,
    // filtered to the platforms every other blocker allows too.
    let allowed: Vec<PlatformId> = blockers.first().map_or(Vec::new(), |first| {
        first.runs_on.iter().copied().filter(|id| blockers.iter().all(|b| b.runs_on.contains(id))).collect()
    });
    let cheapest_allowed = costs
        .iter()
        .filter(|p| p.feasible && allowed.contains(&p.id))
        .min_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
        .map(|p| p.id);
    cheapest_allowed
        .or_else(|| cost::cheapest(costs, Some(false)).map(|p| p.id))
        .or_else(|| allowed.first().copied())
        .unwrap_or(PlatformId::AwsFargate)
}
