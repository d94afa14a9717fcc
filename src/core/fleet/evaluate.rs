//! Every row priced and decided, with totals and the moves that save money.
//!
//! Fleet verdicts use ANALYTIC cold starts (`estimate`), not the simulation: each row is priced with
//! the cost engine's closed-form usage (`cost::Pricer`) and decided by `verdict::decide` itself, on
//! evidence with an estimated p99 and the base scenario's traffic curve. The figures can differ from the
//! single-workload view, which simulates; the rules cannot. Today's platform is taken to be AWS Lambda,
//! the usual source of exports.

use serde::{Serialize, Serializer, ser::SerializeMap};

use super::estimate::Estimator;
use super::{FleetError, FleetInput};
use crate::core::catalog::Catalog;
use crate::core::cost::{PLATFORMS, PlatformId, Pricer};
use crate::core::crossover;
use crate::core::scenario::{Arch, Scenario};
use crate::core::verdict::{self, Decision, Signal, Verdict};

/// The platform the functions run on today.
pub const CURRENT: PlatformId = PlatformId::AwsLambda;

/// One function: its inputs, its cost everywhere, the decision and what moving would save.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleetRow {
    pub line: usize,
    pub name: String,
    pub invocations: f64,
    pub duration_ms: f64,
    pub memory_mb: f64,
    pub runtime: String,
    pub arch: Arch,
    pub p99_target_ms: Option<f64>,
    /// Monthly USD per platform in table order; `None` where the function cannot run.
    #[serde(serialize_with = "by_platform")]
    pub costs: Vec<Option<f64>>,
    /// Monthly USD on Lambda today (`None` if Lambda's limits rule it out).
    pub current_usd: Option<f64>,
    /// Cheapest platform the function can run on.
    pub cheapest: Option<PlatformId>,
    pub decision: Decision,
    pub score: u8,
    pub recommended: PlatformId,
    pub recommended_usd: Option<f64>,
    /// current − recommended, USD/month; 0 when either is unknown.
    pub saving_usd: f64,
    /// Why not serverless, for a no-go: the blocker or no-go reason the verdict gives first.
    pub reason: Option<String>,
}

impl FleetRow {
    pub fn cost(&self, id: PlatformId) -> Option<f64> {
        self.costs.get(id.index()).copied().flatten()
    }
}

fn by_platform<S: Serializer>(costs: &[Option<f64>], ser: S) -> Result<S::Ok, S::Error> {
    let mut map = ser.serialize_map(Some(costs.len()))?;
    for (id, usd) in PlatformId::ALL.iter().zip(costs) {
        map.serialize_entry(id, usd)?;
    }
    map.end()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformTotal {
    pub id: PlatformId,
    /// Sum over the rows that can run there.
    pub usd: f64,
    /// Rows whose limits rule this platform out (not in `usd`).
    pub infeasible_rows: usize,
}

/// "Move these `count` functions to save `saving_usd`/month": recommended elsewhere than Lambda, and cheaper.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Moves {
    pub count: usize,
    pub saving_usd: f64,
    pub functions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleetReport {
    pub catalog_as_of: String,
    pub rows: Vec<FleetRow>,
    pub errors: Vec<FleetError>,
    pub totals: Vec<PlatformTotal>,
    /// Sum of `current_usd`.
    pub current_total: f64,
    /// Sum of `recommended_usd`.
    pub recommended_total: f64,
    pub moves: Moves,
    /// Nothing could be evaluated (the file is unusable or has no good row).
    pub unusable: bool,
}

/// Prices and decides every row: `base` with the row's keys set. Rows whose combined scenario is
/// invalid are reported in `errors` (parse already validated each value, so this is a safeguard).
pub fn evaluate(rows: &[FleetInput], base: &Scenario, cat: &Catalog) -> FleetReport {
    let mut estimator = Estimator::new(base);
    let mut s = base.clone();
    let mut out = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for input in rows {
        s.requests_per_month = input.invocations;
        s.duration_ms = input.duration_ms;
        s.memory_mb = input.memory_mb;
        s.runtime.clone_from(input.runtime.as_ref().unwrap_or(&base.runtime));
        s.arch = input.arch.unwrap_or(base.arch);
        s.latency_slo_p99_ms = input.p99_target_ms.or(base.latency_slo_p99_ms);
        if let Some(e) = s.validate().into_iter().next() {
            let message = format!("{} ({})", e.message, e.field);
            errors.push(FleetError { line: input.line, column: None, message });
            continue;
        }
        out.push(row(input, &s, cat, &mut estimator));
    }
    summarise(out, errors, cat)
}

fn row(input: &FleetInput, s: &Scenario, cat: &Catalog, estimator: &mut Estimator) -> FleetRow {
    let pricer = Pricer::with_weights(s, cat, estimator.cost_weights.clone(), estimator.inputs(s));
    let costs = pricer.totals(s.requests_per_month);
    let v = verdict::decide(s, &estimator.evidence(s, cat, &pricer, &costs));
    let at = |id: PlatformId| costs[id.index()];
    let cheapest = crossover::cheapest(&costs);
    let (current_usd, recommended_usd) = (at(CURRENT), at(v.recommended));
    FleetRow {
        line: input.line,
        name: input.name.clone(),
        invocations: s.requests_per_month,
        duration_ms: s.duration_ms,
        memory_mb: s.memory_mb,
        runtime: s.runtime.clone(),
        arch: s.arch,
        p99_target_ms: s.latency_slo_p99_ms,
        current_usd,
        cheapest,
        decision: v.decision,
        score: v.score,
        recommended: v.recommended,
        recommended_usd,
        saving_usd: match (current_usd, recommended_usd) {
            (Some(c), Some(r)) => c - r,
            _ => 0.0,
        },
        reason: no_go_reason(&v),
        costs,
    }
}

/// For a no-go: the blocker, else the first no-go reason, as `dimension: detail`.
fn no_go_reason(v: &Verdict) -> Option<String> {
    (v.decision == Decision::NoGo).then(|| {
        let first = |sig: Signal| v.reasons.iter().find(|r| r.signal == sig);
        let r = first(Signal::Blocker).or_else(|| first(Signal::NoGo));
        r.map_or_else(|| "score below the go line".into(), |r| format!("{}: {}", r.dimension, r.detail))
    })
}

/// Totals and moves over evaluated rows: lets a caller evaluate in chunks (the browser does, to keep
/// input responsive) and summarise once.
pub fn summarise(rows: Vec<FleetRow>, errors: Vec<FleetError>, cat: &Catalog) -> FleetReport {
    let totals = PLATFORMS
        .iter()
        .enumerate()
        .map(|(i, row)| PlatformTotal {
            id: row.id,
            usd: rows.iter().filter_map(|r| r.costs[i]).sum(),
            infeasible_rows: rows.iter().filter(|r| r.costs[i].is_none()).count(),
        })
        .collect();
    let moved: Vec<&FleetRow> = rows.iter().filter(|r| r.recommended != CURRENT && r.saving_usd > 0.0).collect();
    let moves = Moves {
        count: moved.len(),
        saving_usd: moved.iter().map(|r| r.saving_usd).sum(),
        functions: moved.iter().map(|r| r.name.clone()).collect(),
    };
    FleetReport {
        catalog_as_of: cat.as_of.clone(),
        current_total: rows.iter().filter_map(|r| r.current_usd).sum(),
        recommended_total: rows.iter().filter_map(|r| r.recommended_usd).sum(),
        unusable: rows.is_empty(),
        rows,
        errors,
        totals,
        moves,
    }
}

/// Columns the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Line,
    Name,
    Invocations,
    /// Today's (Lambda) cost.
    Cost,
    Saving,
    Platform(PlatformId),
}

/// Sorts rows in place; rows without a value (an infeasible platform) go last either way. Stable.
pub fn sort(rows: &mut [FleetRow], key: SortKey, descending: bool) {
    let value = |r: &FleetRow| -> Option<f64> {
        match key {
            SortKey::Line => Some(r.line as f64),
            SortKey::Invocations => Some(r.invocations),
            SortKey::Cost => r.current_usd,
            SortKey::Saving => Some(r.saving_usd),
            SortKey::Platform(id) => r.cost(id),
            SortKey::Name => None,
        }
    };
    crate::core::stable_sort::sort_by(rows, |a, b| {
        let order = if key == SortKey::Name {
            // ASCII case folding: function names are ASCII (Lambda allows [A-Za-z0-9_-]), and full
            // Unicode lowercasing would ship Unicode's case tables (~12 KB) in the wasm for nothing.
            a.name.to_ascii_lowercase().cmp(&b.name.to_ascii_lowercase()).then_with(|| a.name.cmp(&b.name))
        } else {
            match (value(a), value(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        };
        if descending { order.reverse() } else { order }
    });
}
