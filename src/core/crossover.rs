//! STUB — owned by the cost-engine work: cost curves over volume and the break-even points.

use serde::Serialize;

use super::catalog::Catalog;
use super::cost::PlatformId;
use super::scenario::Scenario;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    pub requests_per_month: f64,
    pub from: PlatformId,
    pub to: PlatformId,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub id: PlatformId,
    /// Monthly USD at each volume; `None` where the platform is infeasible.
    pub usd: Vec<Option<f64>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Curves {
    /// Requests per month, log-spaced.
    pub volumes: Vec<f64>,
    pub series: Vec<Series>,
    pub breakeven: Vec<BreakEven>,
}

pub fn curves(_s: &Scenario, _cat: &Catalog, _points: usize) -> Curves {
    Curves::default()
}
