//! Hard blockers: requirements no function platform can meet. Each names the seeds' workaround; the
//! platform table says which platforms each workaround runs on, so the verdict can recommend one of them.
//!
//! Limits are not re-typed here: the cost engine names the limit each platform puts on the workload as a
//! typed `Limit`, and a blocker exists when every serverless platform has one; its kind picks the
//! workaround. Only requirements that are yes/no facts of the workload (GPU, held-open connections, a
//! database connection ceiling) are read from the scenario.

use super::evidence::{Evidence, PlatformEvidence};
use super::format::num;
use super::{Dimension, Reason, Signal};
use crate::core::cost::{Blocker, LimitKind};
use crate::core::scenario::Scenario;

pub(super) struct Found {
    pub blocker: Blocker,
    pub reason: Reason,
    /// A remedy that keeps the workload serverless, when one exists (e.g. RDS Proxy).
    pub condition: Option<String>,
}

fn found(blocker: Blocker, detail: String) -> Found {
    Found {
        blocker,
        reason: Reason { dimension: dimension(blocker), signal: Signal::Blocker, detail },
        condition: None,
    }
}

fn dimension(b: Blocker) -> Dimension {
    match b {
        Blocker::ExecutionTime => Dimension::ExecutionTime,
        Blocker::Memory => Dimension::Memory,
        Blocker::Payload => Dimension::Payload,
        Blocker::OtherLimit => Dimension::PlatformLimits,
        Blocker::Gpu => Dimension::Gpu,
        Blocker::HeldConnections => Dimension::State,
        Blocker::DatabaseConnections => Dimension::DatabaseConnections,
    }
}

/// The blocker a set of limits amounts to: time first (the seeds' commonest case), then memory, then payload.
/// A front door's timeout or payload limit counts as a time or payload limit.
fn limits_blocker(kinds: &[LimitKind]) -> Blocker {
    let any = |wanted: &[LimitKind]| kinds.iter().any(|k| wanted.contains(k));
    if any(&[LimitKind::Duration, LimitKind::CpuTime, LimitKind::FrontDoorTimeout]) {
        Blocker::ExecutionTime
    } else if any(&[LimitKind::Memory]) {
        Blocker::Memory
    } else if any(&[LimitKind::Payload, LimitKind::FrontDoorPayload]) {
        Blocker::Payload
    } else {
        Blocker::OtherLimit
    }
}

/// The seeds' workaround for a limit blocker; when a front door's own limit is among the causes, changing
/// the front door is one more way out.
fn workaround(b: Blocker, kinds: &[LimitKind]) -> String {
    let base = match b {
        Blocker::ExecutionTime => {
            "split the job into Step Functions steps or an SQS fan-out of chunks under 15 minutes, \
             or run it whole on Fargate (no time limit) or Cloud Run (60 minutes)"
        }
        Blocker::Memory => "run it on Fargate or EC2, where task memory goes past the function ceiling",
        Blocker::Payload => "pass large bodies through S3 (pre-signed URLs) or serve them from Cloud Run or Fargate",
        _ => "run it on Cloud Run or Fargate",
    };
    let front_door = kinds.iter().any(|k| matches!(k, LimitKind::FrontDoorTimeout | LimitKind::FrontDoorPayload));
    if front_door {
        format!("{base}; or call Lambda without that front door (a function URL keeps Lambda's own limits)")
    } else {
        base.to_string()
    }
}

fn serverless(e: &Evidence) -> impl Iterator<Item = &PlatformEvidence> {
    e.platforms.iter().filter(|p| p.id.is_serverless())
}

fn why(p: &PlatformEvidence) -> &str {
    p.limit.as_ref().map_or("feasible", |l| l.message.as_str())
}

pub(super) fn find(s: &Scenario, e: &Evidence) -> Vec<Found> {
    let mut out = Vec::new();
    let ruled_out: Vec<&PlatformEvidence> = serverless(e).collect();
    // A GPU rules every function out by itself; its own blocker below says so once.
    if !s.needs_gpu && !ruled_out.is_empty() && ruled_out.iter().all(|p| p.limit.is_some()) {
        let text: Vec<String> = ruled_out.iter().map(|p| format!("{}: {}", p.id.name(), why(p))).collect();
        let kinds: Vec<LimitKind> = ruled_out.iter().filter_map(|p| p.limit.as_ref().map(|l| l.kind)).collect();
        let blocker = limits_blocker(&kinds);
        let detail = format!(
            "no serverless platform can run it ({}). Workaround: {}.",
            text.join("; "),
            workaround(blocker, &kinds)
        );
        out.push(found(blocker, detail));
    }
    if s.needs_gpu {
        out.push(found(
            Blocker::Gpu,
            "needs a GPU, which Lambda, Azure Functions and Workers do not offer. Workaround: Cloud Run \
             with a GPU, or GPU instances on EC2/EKS."
                .into(),
        ));
    }
    if s.long_lived_connections {
        out.push(found(
            Blocker::HeldConnections,
            "holds WebSockets / persistent TCP connections open, which a function invocation cannot \
             keep between requests. Workaround: Fargate, EC2 or Cloud Run."
                .into(),
        ));
    }
    if let Some(limit) = s.db_max_connections {
        let peak = e.peak_db_connections;
        if !s.rds_proxy && peak > f64::from(limit) {
            let mut b = found(
                Blocker::DatabaseConnections,
                format!(
                    "peak {} database connections (one per concurrent environment) exceed the limit \
                     of {}. Workaround: RDS Proxy pools them, or containers with a fixed pool.",
                    num(peak, 0),
                    num(f64::from(limit), 0)
                ),
            );
            b.condition = Some(format!(
                "RDS Proxy in front of the database (peak {} connections vs a limit of {})",
                num(peak, 0),
                num(f64::from(limit), 0)
            ));
            out.push(b);
        }
    }
    out
}

/// What the limits say when some, not all, serverless platforms are ruled out.
pub(super) fn partial_limits(e: &Evidence) -> Option<Reason> {
    let (out, ok): (Vec<&PlatformEvidence>, Vec<&PlatformEvidence>) = serverless(e).partition(|p| p.limit.is_some());
    if ok.is_empty() || out.is_empty() {
        return None;
    }
    let out: Vec<String> = out.iter().map(|p| format!("{} is ruled out ({})", p.id.name(), why(p))).collect();
    let ok: Vec<&str> = ok.iter().map(|p| p.id.name()).collect();
    Some(Reason {
        dimension: Dimension::PlatformLimits,
        signal: Signal::Neutral,
        detail: format!("{}; still feasible: {}.", out.join("; "), ok.join(", ")),
    })
}
