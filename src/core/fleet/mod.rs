//! Fleet: many functions at once, from a CSV export (CloudWatch, Cost Explorer or hand-written).
//!
//! `parse` reads the CSV (`csv`) and maps its columns to scenario keys (`columns`); every value goes
//! through the scenario's own validation, so the accepted ranges live in one place (`scenario::KEYS`).
//! A bad row is reported by line and column and dropped; the good rows are kept. `evaluate` prices each
//! row analytically and decides with `verdict::decide` on evidence from an analytic cold-start estimate
//! (`estimate`) — not the simulation — to stay fast at 10,000 rows; `output` writes the table as CSV.

mod columns;
pub mod csv;
mod estimate;
mod evaluate;
mod output;

use serde::Serialize;

use super::catalog::Catalog;
use super::scenario::{Arch, Scenario};
pub use columns::{ALIASES, parse};
pub use evaluate::{FleetReport, FleetRow, Moves, PlatformTotal, SortKey, evaluate, sort, summarise};

/// Most data rows one file may hold; a longer file is rejected as a whole.
pub const MAX_ROWS: usize = 100_000;
/// Longest function name accepted, characters.
pub const MAX_NAME_LEN: usize = 200;
/// A sample fleet for the Fleet page's "Load a sample fleet": a dozen functions with the columns a
/// CloudWatch export names, from a chatty API to a nightly batch.
pub const SAMPLE_CSV: &str = include_str!("../../../data/fleet_sample.csv");

/// A problem with the file or one of its rows. `line` is 1-based and the header is line 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleetError {
    pub line: usize,
    /// The column as the file names it, when the problem is one value.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for FleetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}: {c}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// One function as read from the file, every value already validated. `None` keeps the base scenario's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleetInput {
    pub line: usize,
    pub name: String,
    pub invocations: f64,
    pub duration_ms: f64,
    pub memory_mb: f64,
    pub runtime: Option<String>,
    pub arch: Option<Arch>,
    pub p99_target_ms: Option<f64>,
}

/// What `parse` found: the good rows and one error per bad row (or one for an unusable file).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Parsed {
    pub rows: Vec<FleetInput>,
    pub errors: Vec<FleetError>,
    /// The file as a whole cannot be used (no header, missing columns, too many rows).
    pub unusable: bool,
}

/// Parses and evaluates a CSV file: the report carries the parse errors next to the evaluated rows.
pub fn run(bytes: &[u8], base: &Scenario, cat: &Catalog) -> FleetReport {
    let parsed = parse(bytes);
    let mut report = evaluate(&parsed.rows, base, cat);
    let mut errors = parsed.errors;
    errors.append(&mut report.errors);
    crate::core::stable_sort::sort_by_key(&mut errors, |e| e.line);
    report.errors = errors;
    report.unusable = parsed.unusable || report.rows.is_empty();
    report
}
