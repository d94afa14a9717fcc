//! The fleet table as CSV: one header line, a fixed column order, names quoted as RFC 4180 data.

use super::csv::escape;
use super::evaluate::{FleetReport, FleetRow};
use crate::core::cost::PlatformId;

/// Column names before and after the per-platform costs (`<platform id>_usd`).
const LEADING: [&str; 9] =
    ["line", "name", "invocations", "avg_duration_ms", "memory_mb", "runtime", "arch", "p99_ms", "current_usd"];
const TRAILING: [&str; 7] = ["cheapest", "decision", "score", "recommended", "recommended_usd", "saving_usd", "reason"];

fn snake<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn money(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| format!("{x:.2}"))
}

/// Plain decimal, no exponent and no trailing zeros (`1500000`, `12.5`).
fn plain(x: f64) -> String {
    let t = format!("{x:.6}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl FleetReport {
    /// The rows as CSV (no totals line, so the output reads back as data). Costs are USD/month, 2 decimals;
    /// an empty cell is an infeasible platform or an unknown figure.
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(self.rows.len() * 200 + 400);
        let platforms = PlatformId::ALL.iter().map(|id| format!("{}_usd", snake(id)));
        let header: Vec<String> = LEADING
            .iter()
            .map(|s| s.to_string())
            .chain(platforms)
            .chain(TRAILING.iter().map(|s| s.to_string()))
            .collect();
        out.push_str(&header.join(","));
        out.push('\n');
        for r in &self.rows {
            write_row(r, &mut out);
        }
        out
    }
}

fn write_row(r: &FleetRow, out: &mut String) {
    let mut cells: Vec<String> = vec![
        r.line.to_string(),
        r.name.clone(),
        plain(r.invocations),
        plain(r.duration_ms),
        plain(r.memory_mb),
        r.runtime.clone(),
        snake(&r.arch),
        r.p99_target_ms.map_or(String::new(), plain),
        money(r.current_usd),
    ];
    cells.extend(r.costs.iter().map(|c| money(*c)));
    cells.extend([
        r.cheapest.map_or(String::new(), |id| snake(&id)),
        snake(&r.decision),
        r.score.to_string(),
        snake(&r.recommended),
        money(r.recommended_usd),
        format!("{:.2}", r.saving_usd),
        r.reason.clone().unwrap_or_default(),
    ]);
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        escape(cell, out);
    }
    out.push('\n');
}
