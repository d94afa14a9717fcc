//! The scored dimensions of the seeds' go/no-go table. Each returns one reason quoting its figures and,
//! where the seeds name a remedy that keeps the workload serverless, the condition it imposes.

use super::evidence::PlatformEvidence;
pub use super::evidence::{Load, load, load_with};
use super::format::{pct, rps, times, usd, volume};
use super::{Dimension, Reason, Signal};
use crate::core::cost::{self, Priced};
use crate::core::scenario::Scenario;

/// Sustained rate above which the seeds call a baseline "steady" (go/no-go table).
pub const STEADY_RPS: f64 = 50.0;
/// 1 M requests a day, the seeds' upper end of a clearly spiky/small workload.
pub const SMALL_RPS: f64 = 1e6 / 86_400.0;
/// Utilisation where containers start to win on unit cost (seeds: 60–70 %).
pub const BREAK_EVEN_UTILIZATION: f64 = 0.6;
/// Cost ratios inside this band around 1 are a tie.
pub const COST_TIE: f64 = 0.1;

fn reason(dimension: Dimension, signal: Signal, detail: String) -> Reason {
    Reason { dimension, signal, detail }
}

pub fn traffic_shape(s: &Scenario, l: &Load) -> Reason {
    let base = format!(
        "{} requests/month is {} sustained, {} in the peak hour; a fleet sized for that peak would run at {} utilization",
        volume(s.requests_per_month),
        rps(l.sustained_rps),
        rps(l.peak_rps),
        pct(l.utilization)
    );
    if l.sustained_rps >= STEADY_RPS && l.utilization >= BREAK_EVEN_UTILIZATION {
        let detail = format!(
            "{base}: a steady baseline above {} and past the 60–70 % break-even, where containers win",
            rps(STEADY_RPS)
        );
        reason(Dimension::TrafficShape, Signal::NoGo, detail)
    } else if l.sustained_rps < SMALL_RPS || l.utilization < BREAK_EVEN_UTILIZATION {
        let detail = format!("{base}: small or peaky enough that paying per request beats idle capacity");
        reason(Dimension::TrafficShape, Signal::Go, detail)
    } else {
        let detail = format!("{base}: steady but under the {} line", rps(STEADY_RPS));
        reason(Dimension::TrafficShape, Signal::Neutral, detail)
    }
}

pub fn state(s: &Scenario) -> (Reason, Option<String>) {
    if s.stateful {
        let r = reason(
            Dimension::State,
            Signal::NoGo,
            "sessions or in-memory state must survive between requests; functions lose it on every new environment"
                .into(),
        );
        (r, Some("move session state to DynamoDB, S3 or Redis".into()))
    } else {
        let r = reason(Dimension::State, Signal::Go, "stateless requests".into());
        (r, None)
    }
}

pub fn team(s: &Scenario) -> (Reason, Option<String>) {
    if s.iac_mature {
        (
            reason(Dimension::Team, Signal::Go, "the team runs infrastructure as code and distributed tracing".into()),
            None,
        )
    } else {
        let r = reason(
            Dimension::Team,
            Signal::NoGo,
            "no infrastructure-as-code discipline: per-function pipelines and traces across async hops would be new"
                .into(),
        );
        (r, Some("adopt SAM / Serverless Framework pipelines and trace propagation first".into()))
    }
}

pub fn lock_in(s: &Scenario) -> Reason {
    if s.portability_required {
        reason(
            Dimension::VendorLockIn,
            Signal::NoGo,
            "portability is contractually required, and triggers, IAM roles and event sources are provider-specific; a container image on Cloud Run or Kubernetes stays portable".into(),
        )
    } else {
        reason(Dimension::VendorLockIn, Signal::Go, "provider-specific services are acceptable".into())
    }
}

pub fn cost(costs: &[PlatformEvidence]) -> Reason {
    let fmt = |p: &PlatformEvidence| format!("{} {}/month", p.id().name(), usd(p.monthly_usd));
    match (cost::cheapest(costs, Some(true)), cost::cheapest(costs, Some(false))) {
        (Some(sl), Some(ct)) => {
            let ratio = if ct.monthly_usd > 0.0 {
                sl.monthly_usd / ct.monthly_usd
            } else if sl.monthly_usd > 0.0 {
                f64::INFINITY
            } else {
                1.0
            };
            let detail =
                format!("cheapest serverless {} vs cheapest container {} ({})", fmt(sl), fmt(ct), times(ratio));
            let signal = if ratio <= 1.0 - COST_TIE {
                Signal::Go
            } else if ratio >= 1.0 + COST_TIE {
                Signal::NoGo
            } else {
                Signal::Neutral
            };
            reason(Dimension::Cost, signal, detail)
        }
        (Some(sl), None) => reason(Dimension::Cost, Signal::Go, format!("only serverless is feasible: {}", fmt(sl))),
        (None, Some(ct)) => reason(Dimension::Cost, Signal::NoGo, format!("only containers are feasible: {}", fmt(ct))),
        (None, None) => reason(Dimension::Cost, Signal::Neutral, "no platform priced".into()),
    }
}
