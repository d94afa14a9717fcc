//! Hand-built verdict evidence, shared by the tests that exercise `decide` without the engines.

use crossover::core::cost::PlatformId;
use crossover::core::scenario::Scenario;
use crossover::core::verdict::dimensions::load;
use crossover::core::verdict::fixes::Fix;
use crossover::core::verdict::{ColdStarts, Evidence, Method, PlatformEvidence};

/// What the simulation would have said of Lambda: its cold-start share, peak environments and the
/// database connections they open.
pub struct Lambda {
    pub cold_fraction: f64,
    pub peak_environments: f64,
    pub peak_db: f64,
}

pub fn evidence(s: &Scenario, platforms: Vec<PlatformEvidence>, lambda: &Lambda, fixes: Vec<Fix>) -> Evidence {
    Evidence {
        platforms,
        load: load(s),
        method: Method::Simulated,
        cold: ColdStarts {
            platform: PlatformId::AwsLambda,
            fraction: lambda.cold_fraction,
            peak_environments: lambda.peak_environments,
            warm_p99_ms: None,
            provisioned_usd: None,
        },
        peak_db_connections: lambda.peak_db,
        fixes,
    }
}
