//! Cost curves over monthly volume and the break-even points where the cheapest option changes.
//!
//! Curves are analytic (no simulation) so they stay fast: 241 points price in well under 2 ms.

use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::cost::{PlatformId, Pricer};
use super::scenario::Scenario;

/// The volume range of the curves, requests per month.
pub const MIN_VOLUME: f64 = 1e3;
pub const MAX_VOLUME: f64 = 1e10;
/// Relative precision of a break-even volume.
const PRECISION: f64 = 1e-3;

/// Points on the crossover grid (1e3 … 1e10 requests/month).
pub const CURVE_POINTS: usize = 241;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakEven {
    pub requests_per_month: f64,
    pub from: PlatformId,
    pub to: PlatformId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub id: PlatformId,
    /// Monthly USD at each volume; `None` where the platform is infeasible.
    pub usd: Vec<Option<f64>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Curves {
    /// Requests per month, log-spaced.
    pub volumes: Vec<f64>,
    pub series: Vec<Series>,
    pub breakeven: Vec<BreakEven>,
}

/// `points` log-spaced volumes from `MIN_VOLUME` to `MAX_VOLUME` (at least 2).
pub fn volumes(points: usize) -> Vec<f64> {
    let points = points.max(2);
    let (lo, hi) = (MIN_VOLUME.log10(), MAX_VOLUME.log10());
    (0..points).map(|i| 10f64.powf(lo + (hi - lo) * i as f64 / (points - 1) as f64)).collect()
}

/// The cheapest feasible platform among `totals`, in table order (ties go to the earlier id).
pub fn cheapest(totals: &[Option<f64>]) -> Option<PlatformId> {
    PlatformId::ALL
        .iter()
        .zip(totals)
        .filter_map(|(&id, usd)| usd.map(|usd| (id, usd)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

/// `volumes(points)`, the usual grid (`CURVE_POINTS`) computed once per process: every curve prices on it,
/// and each of its powers is software in wasm.
fn grid(points: usize) -> Vec<f64> {
    static USUAL: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    if points == CURVE_POINTS { USUAL.get_or_init(|| volumes(CURVE_POINTS)).clone() } else { volumes(points) }
}

pub fn curves(s: &Scenario, cat: &Catalog, points: usize) -> Curves {
    let pricer = Pricer::new(s, cat);
    let volumes = grid(points);
    let totals: Vec<Vec<Option<f64>>> = volumes.iter().map(|&v| pricer.totals(v)).collect();
    let series = PlatformId::ALL
        .iter()
        .enumerate()
        .map(|(k, &id)| Series { id, usd: totals.iter().map(|t| t[k]).collect() })
        .collect();
    let mut breakeven = Vec::new();
    for i in 1..volumes.len() {
        let (Some(a), Some(b)) = (cheapest(&totals[i - 1]), cheapest(&totals[i])) else {
            continue;
        };
        if a != b {
            breakeven.push(bisect(&pricer, volumes[i - 1], volumes[i], a, b));
        }
    }
    Curves { volumes, series, breakeven }
}

/// Narrows [lo, hi] (cheapest `from` at lo, something else at hi) to 0.1 % and reports the
/// volume where the change happens, with the option that takes over just above it. Where a cost
/// turns steeply (a free allowance running out), 0.1 % of volume can still be a visible gap in
/// dollars, so the search goes on until the two costs agree to 0.1 % as well (or the bracket
/// cannot shrink: a jump, e.g. a fixed fleet adding a unit). `to` is the cheapest at `hi`.
fn bisect(pricer: &Pricer, mut lo: f64, mut hi: f64, from: PlatformId, mut to: PlatformId) -> BreakEven {
    let gap = |t: &[Option<f64>], to: PlatformId| match (t[from.index()], t[to.index()]) {
        (Some(a), Some(b)) => (a - b).abs() / a.max(b).max(f64::MIN_POSITIVE),
        _ => 0.0,
    };
    // The midpoint's totals decide both whether to go on and which half to keep: priced once.
    while hi / lo > 1.0 + 1e-12 {
        let mid = (lo * hi).sqrt();
        let totals = pricer.totals(mid);
        if hi / lo <= 1.0 + PRECISION && gap(&totals, to) <= PRECISION {
            break;
        }
        match cheapest(&totals) {
            Some(id) if id == from => lo = mid,
            Some(id) => {
                hi = mid;
                to = id;
            }
            None => break,
        }
    }
    BreakEven { requests_per_month: (lo * hi).sqrt(), from, to }
}
