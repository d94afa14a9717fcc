//! Why a platform cannot run a workload, as a type: the verdict reads the kind, people read the message.

use serde::{Serialize, Serializer};

/// What a limit bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    /// Wall-clock time of one execution (a timeout, or how long the provider guarantees a run).
    Duration,
    /// CPU time of one execution (Workers bill and cap CPU, not wall-clock time).
    CpuTime,
    Memory,
    /// Request or response size.
    Payload,
    /// Wall-clock time of one request through the HTTP entry in front of the function (API Gateway's
    /// integration timeout): another front door, or none, lifts it.
    FrontDoorTimeout,
    /// Request or response size the HTTP entry passes to the function (ALB → Lambda, API Gateway).
    FrontDoorPayload,
    /// The platform offers no GPU, or none the catalogue prices.
    Gpu,
    /// The platform does not run the workload's runtime.
    Runtime,
}

/// How firmly the limit holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The provider rejects or stops the work: the platform is infeasible.
    Hard,
    /// The work may run, but the provider does not promise to let it finish: priced and feasible, but no
    /// platform to rely on (e.g. a Flex Consumption run past its scale-in grace period).
    Unguaranteed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    pub kind: LimitKind,
    pub bound: Bound,
    /// The limit named with the workload's figure, e.g. "memory 12,000 MB exceeds Lambda's 10,240 MB maximum".
    pub message: String,
}

impl Limit {
    pub fn hard(kind: LimitKind, message: String) -> Limit {
        Limit { kind, bound: Bound::Hard, message }
    }

    pub fn unguaranteed(kind: LimitKind, message: String) -> Limit {
        Limit { kind, bound: Bound::Unguaranteed, message }
    }

    pub fn is_hard(&self) -> bool {
        self.bound == Bound::Hard
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// As its message: `infeasible_reason` in `crossover eval` stays a string.
impl Serialize for Limit {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&self.message)
    }
}
