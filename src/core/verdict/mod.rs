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
//! Recommendation: for go / conditional go the cheapest feasible serverless option — the judged platform
//! (Lambda) when a p99 target is set, since the latency evidence (and any provisioned-concurrency condition)
//! is its; for no_go the cheapest feasible platform whose table row works around every blocker found, else
//! the cheapest feasible container option.
//!
//! `decide` is a pure function of the scenario and the `Evidence`: the explorer fills the evidence from
//! its simulations, the fleet from its analytic estimate, and both decide with these rules.

mod blockers;
pub mod dimensions;
mod evidence;
pub mod format;
pub mod latency;

use serde::{Serialize, Serializer};

use super::cost::{self, PLATFORMS, PlatformId, Priced};
use super::scenario::Scenario;
pub use evidence::{ColdStarts, Evidence, Method, PlatformEvidence, Simulations};

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

/// What a reason is about: the six scored dimensions of the seeds' table, then the blockers' and the
/// limits' own. Serialised as its words (`"traffic shape"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    TrafficShape,
    Cost,
    Latency,
    State,
    Team,
    VendorLockIn,
    PlatformLimits,
    Gpu,
    DatabaseConnections,
    ExecutionTime,
    Memory,
    Payload,
}

impl Dimension {
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::TrafficShape => "traffic shape",
            Dimension::Cost => "cost",
            Dimension::Latency => "latency",
            Dimension::State => "state",
            Dimension::Team => "team",
            Dimension::VendorLockIn => "vendor lock-in",
            Dimension::PlatformLimits => "platform limits",
            Dimension::Gpu => "gpu",
            Dimension::DatabaseConnections => "database connections",
            Dimension::ExecutionTime => "execution time",
            Dimension::Memory => "memory",
            Dimension::Payload => "payload",
        }
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub dimension: Dimension,
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

/// Weights of the scored dimensions (sum 100).
pub const WEIGHTS: [(Dimension, f64); 6] = [
    (Dimension::TrafficShape, 25.0),
    (Dimension::Cost, 25.0),
    (Dimension::Latency, 20.0),
    (Dimension::State, 10.0),
    (Dimension::Team, 10.0),
    (Dimension::VendorLockIn, 10.0),
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

/// The decision and score from the reasons. `blocked`: a hard blocker was found; `has_conditions`: going
/// serverless needs something first.
fn classify(s: &Scenario, reasons: &[Reason], blocked: bool, has_conditions: bool) -> (Decision, u8) {
    let score = score(reasons);
    let no_go_signal = reasons.iter().any(|r| r.signal == Signal::NoGo);
    let steady_and_dearer = signal_of(reasons, Dimension::TrafficShape) == Some(Signal::NoGo)
        && signal_of(reasons, Dimension::Cost) == Some(Signal::NoGo);
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

fn signal_of(reasons: &[Reason], dimension: Dimension) -> Option<Signal> {
    reasons.iter().find(|r| r.dimension == dimension).map(|r| r.signal)
}

/// The verdict on this evidence: the one rule set for the explorer and the fleet.
pub fn decide(s: &Scenario, e: &Evidence) -> Verdict {
    let found = blockers::find(s, e);
    let mut reasons: Vec<Reason> = found.iter().map(|b| b.reason.clone()).collect();
    let mut conditions: Vec<String> = found.iter().filter_map(|b| b.condition.clone()).collect();

    reasons.push(dimensions::traffic_shape(s, &e.load));
    reasons.push(dimensions::cost(&e.platforms));
    let (state, team) = (dimensions::state(s), dimensions::team(s));
    for (r, c) in [latency::latency(s, e), state, team] {
        reasons.push(r);
        conditions.extend(c);
    }
    reasons.push(dimensions::lock_in(s));
    reasons.extend(blockers::partial_limits(e));
    if s.rds_proxy
        && let Some(limit) = s.db_max_connections
    {
        conditions
            .push(format!("RDS Proxy pools the database connections (limit {})", format::num(f64::from(limit), 0)));
    }

    let (decision, score) = classify(s, &reasons, !found.is_empty(), !conditions.is_empty());
    Verdict { decision, score, recommended: recommend(s, decision, e, &found), conditions, reasons }
}

fn recommend(s: &Scenario, decision: Decision, e: &Evidence, found: &[blockers::Found]) -> PlatformId {
    if decision != Decision::NoGo {
        let judged = e.platform(e.cold.platform).filter(|p| p.feasible());
        return judged
            .filter(|_| s.latency_slo_p99_ms.is_some())
            .or_else(|| cost::cheapest(&e.platforms, Some(true)))
            .or_else(|| cost::cheapest(&e.platforms, None))
            .map_or(e.cold.platform, |p| p.id);
    }
    // The platforms every blocker's workaround runs on, in table order.
    let allowed: Vec<PlatformId> = if found.is_empty() {
        Vec::new()
    } else {
        let works = |row: &&cost::Platform| found.iter().all(|f| row.works_around.contains(&f.blocker));
        PLATFORMS.iter().filter(works).map(|row| row.id).collect()
    };
    let cheapest_allowed = e
        .platforms
        .iter()
        .filter(|p| p.feasible() && allowed.contains(&p.id))
        .min_by(|a, b| a.monthly_usd.total_cmp(&b.monthly_usd))
        .map(|p| p.id);
    let first_container = || PLATFORMS.iter().find(|row| !row.serverless).map(|row| row.id);
    cheapest_allowed
        .or_else(|| cost::cheapest(&e.platforms, Some(false)).map(|p| p.id))
        .or_else(|| allowed.first().copied())
        .or_else(first_container)
        .unwrap_or(e.cold.platform)
}
