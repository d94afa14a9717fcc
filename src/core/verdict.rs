//! STUB — owned by the verdict work: go / conditional go / no-go with reasons tied to figures.

use serde::Serialize;

use super::catalog::Catalog;
use super::coldstart::ColdStartReport;
use super::cost::{PlatformCost, PlatformId};
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

pub fn decide(_s: &Scenario, _cat: &Catalog, _costs: &[PlatformCost], _cold: &ColdStartReport) -> Verdict {
    Verdict {
        decision: Decision::ConditionalGo,
        score: 50,
        recommended: PlatformId::AwsLambda,
        conditions: Vec::new(),
        reasons: Vec::new(),
    }
}
