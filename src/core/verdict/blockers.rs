//! Hard blockers: requirements no function platform can meet. Each names the seeds' workaround and the
//! platforms that workaround runs on, so the verdict can recommend one of them.
//!
//! Limits are not re-typed here: the cost engine marks a platform infeasible and says why, and a blocker
//! exists when it says so for every serverless platform. Only requirements that are yes/no facts of the
//! workload (GPU, held-open connections, a database connection ceiling) are read from the scenario.

use super::format::num;
use super::{Reason, Signal};
use crate::core::coldstart::ColdStartReport;
use crate::core::cost::{PlatformCost, PlatformId};
use crate::core::scenario::Scenario;

use PlatformId::{AwsEc2, AwsEks, AwsFargate, CloudRun};

pub(super) struct Blocker {
    pub reason: Reason,
    /// Where the workaround runs; the recommendation is the cheapest feasible one of these.
    pub runs_on: &'static [PlatformId],
    /// A remedy that keeps the workload serverless, when one exists (e.g. RDS Proxy).
    pub condition: Option<String>,
}

fn blocker(dimension: &str, detail: String, runs_on: &'static [PlatformId]) -> Blocker {
    Blocker {
        reason: Reason { dimension: dimension.into(), signal: Signal::Blocker, detail },
        runs_on,
        condition: None,
    }
}

/// The seeds' workaround for a limit, chosen from the words of the engine's infeasibility reasons.
fn workaround(reasons: &str) -> (&'static str, &'static str, &'static [PlatformId]) {
    let r = reasons.to_ascii_lowercase();
    if ["timeout", "duration", "execution", "minute", "900 s"].iter().any(|k| r.contains(k)) {
        (
            "execution time",
            "split the job into Step Functions steps or an SQS fan-out of chunks under 15 minutes, \
             or run it whole on Fargate (no time limit) or Cloud Run (60 minutes)",
            &[AwsFargate, CloudRun],
        )
    } else if r.contains("memory") {
        (
            "memory",
            "run it on Fargate or EC2, where task memory goes past the function ceiling",
            &[AwsFargate, AwsEc2, AwsEks, CloudRun],
        )
    } else if r.contains("payload") {
        (
            "payload",
            "pass large bodies through S3 (pre-signed URLs) or serve them from Cloud Run or Fargate",
            &[CloudRun, AwsFargate, AwsEc2, AwsEks],
        )
    } else {
        ("platform limits", "run it on Cloud Run or Fargate", &[CloudRun, AwsFargate, AwsEc2, AwsEks])
    }
}

/// Azure Flex Consumption has no maximum timeout, but Microsoft guarantees an execution only for
/// 60 minutes (an instance being scaled in may stop it after that). The catalogue carries no Flex limit,
/// so longer runs are ruled out here rather than treated as a safe serverless option.
pub const FLEX_GUARANTEED_S: f64 = 3600.0;

fn unusable(s: &Scenario, p: &PlatformCost) -> bool {
    !p.feasible || (p.id == PlatformId::AzureFlex && s.duration_ms > FLEX_GUARANTEED_S * 1000.0)
}

fn why_unusable(s: &Scenario, p: &PlatformCost) -> String {
    match &p.infeasible_reason {
        Some(r) => r.clone(),
        None if unusable(s, p) => format!(
            "duration {} s is past the {} s Flex Consumption guarantees an execution",
            num(s.duration_ms / 1000.0, 0),
            num(FLEX_GUARANTEED_S, 0)
        ),
        None => "feasible".into(),
    }
}

pub(super) fn find(s: &Scenario, costs: &[PlatformCost], cold: &ColdStartReport) -> Vec<Blocker> {
    let mut found = Vec::new();
    let serverless: Vec<&PlatformCost> = costs.iter().filter(|p| p.id.is_serverless()).collect();
    // A GPU rules every function out by itself; its own blocker below says so once.
    if !s.needs_gpu && !serverless.is_empty() && serverless.iter().all(|p| unusable(s, p)) {
        let why: Vec<String> = serverless.iter().map(|p| format!("{}: {}", p.name, why_unusable(s, p))).collect();
        let why = why.join("; ");
        let (dimension, fix, runs_on) = workaround(&why);
        found.push(blocker(
            dimension,
            format!("no serverless platform can run it ({why}). Workaround: {fix}."),
            runs_on,
        ));
    }
    if s.needs_gpu {
        found.push(blocker(
            "gpu",
            "needs a GPU, which Lambda, Azure Functions and Workers do not offer. Workaround: Cloud Run \
             with a GPU, or GPU instances on EC2/EKS."
                .into(),
            &[CloudRun, AwsEc2, AwsEks],
        ));
    }
    if s.long_lived_connections {
        found.push(blocker(
            "state",
            "holds WebSockets / persistent TCP connections open, which a function invocation cannot \
             keep between requests. Workaround: Fargate, EC2 or Cloud Run."
                .into(),
            &[AwsFargate, CloudRun, AwsEc2, AwsEks],
        ));
    }
    if let Some(limit) = s.db_max_connections {
        let peak = cold.peak_db_connections;
        if !s.rds_proxy && peak > f64::from(limit) {
            let mut b = blocker(
                "database connections",
                format!(
                    "peak {} database connections (one per concurrent environment) exceed the limit \
                     of {}. Workaround: RDS Proxy pools them, or containers with a fixed pool.",
                    num(peak, 0),
                    num(f64::from(limit), 0)
                ),
                &[AwsFargate, AwsEc2, AwsEks],
            );
            b.condition = Some(format!(
                "RDS Proxy in front of the database (peak {} connections vs a limit of {})",
                num(peak, 0),
                num(f64::from(limit), 0)
            ));
            found.push(b);
        }
    }
    found
}

/// What the engine says about limits when some, not all, serverless platforms are ruled out.
pub(super) fn partial_limits(s: &Scenario, costs: &[PlatformCost]) -> Option<Reason> {
    let (out, ok): (Vec<&PlatformCost>, Vec<&PlatformCost>) =
        costs.iter().filter(|p| p.id.is_serverless()).partition(|p| unusable(s, p));
    if ok.is_empty() || out.is_empty() {
        return None;
    }
    let out: Vec<String> = out.iter().map(|p| format!("{} is ruled out ({})", p.name, why_unusable(s, p))).collect();
    let ok: Vec<&str> = ok.iter().map(|p| p.name.as_str()).collect();
    Some(Reason {
        dimension: "platform limits".into(),
        signal: Signal::Neutral,
        detail: format!("{}; still feasible: {}.", out.join("; "), ok.join(", ")),
    })
}
