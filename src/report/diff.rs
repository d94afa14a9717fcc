//! `crossover diff BEFORE AFTER`: what a change to a scenario does — the keys that changed, each
//! platform's monthly cost before → after with the delta, the verdict and recommendation, and the
//! break-even volumes. As JSON for a pipeline, or Markdown for a pull-request comment.

use serde::Serialize;
use serde_json::Value;

use super::format::{cell, decision, pct_delta, usd, usd_delta};
use super::markdown;
use crate::core::catalog::Catalog;
use crate::core::cost::{self, PlatformCost, PlatformId};
use crate::core::crossover::{self, BreakEven};
use crate::core::eval::{self, Assessment};
use crate::core::scenario::Scenario;
use crate::core::verdict::format::num;
use crate::core::verdict::{Decision, Verdict};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

/// A scenario key whose value differs, with both values as the scenario JSON writes them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyChange {
    pub key: String,
    pub before: Value,
    pub after: Value,
}

/// One platform's monthly cost on both sides; `None` where it is not feasible.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformChange {
    pub id: PlatformId,
    pub name: String,
    pub before_usd: Option<f64>,
    pub after_usd: Option<f64>,
    /// After − before, when feasible on both sides.
    pub delta_usd: Option<f64>,
    /// The delta as % of before, when before is positive.
    pub delta_pct: Option<f64>,
    pub before_infeasible_reason: Option<String>,
    pub after_infeasible_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerdictSummary {
    pub decision: Decision,
    pub score: u8,
    pub recommended: PlatformId,
    pub conditions: Vec<String>,
}

/// The `crossover diff` JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub catalog_as_of: String,
    pub changed: Vec<KeyChange>,
    pub platforms: Vec<PlatformChange>,
    pub verdict: Change<VerdictSummary>,
    pub breakeven: Change<Vec<BreakEven>>,
}

fn summary(v: &Verdict) -> VerdictSummary {
    VerdictSummary {
        decision: v.decision,
        score: v.score,
        recommended: v.recommended,
        conditions: v.conditions.clone(),
    }
}

/// The keys whose values differ, by name.
pub fn changed_keys(before: &Scenario, after: &Scenario) -> Vec<KeyChange> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) = (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    // serde_json's map is ordered by key, so the list reads in a stable order.
    a.into_iter()
        .filter_map(|(key, va)| {
            let vb = b.get(&key).cloned().unwrap_or(Value::Null);
            (va != vb).then_some(KeyChange { key, before: va, after: vb })
        })
        .collect()
}

fn platform_change(id: PlatformId, before: &[PlatformCost], after: &[PlatformCost]) -> PlatformChange {
    let find = |list: &[PlatformCost]| cost::by_id(list, id).cloned();
    let (b, a) = (find(before), find(after));
    let cost = |p: &Option<PlatformCost>| p.as_ref().filter(|p| p.feasible).map(|p| p.monthly_usd);
    let why =
        |p: &Option<PlatformCost>| p.as_ref().and_then(|p| p.infeasible_reason.as_ref().map(|l| l.message.clone()));
    let (before_usd, after_usd) = (cost(&b), cost(&a));
    let delta_usd = before_usd.zip(after_usd).map(|(b, a)| a - b);
    PlatformChange {
        id,
        name: a.as_ref().or(b.as_ref()).map_or_else(|| id.name().to_string(), |p| p.name.clone()),
        before_usd,
        after_usd,
        delta_usd,
        delta_pct: before_usd.zip(delta_usd).filter(|(b, _)| *b > 0.0).map(|(b, d)| 100.0 * d / b),
        before_infeasible_reason: why(&b),
        after_infeasible_reason: why(&a),
    }
}

/// Compares two evaluated scenarios (the assessment and the break-evens of each).
pub fn compare(
    cat: &Catalog,
    (s0, a0, be0): (&Scenario, &Assessment, &[BreakEven]),
    (s1, a1, be1): (&Scenario, &Assessment, &[BreakEven]),
) -> Diff {
    Diff {
        catalog_as_of: cat.as_of.clone(),
        changed: changed_keys(s0, s1),
        platforms: PlatformId::ALL.iter().map(|&id| platform_change(id, &a0.platforms, &a1.platforms)).collect(),
        verdict: Change { before: summary(&a0.verdict), after: summary(&a1.verdict) },
        breakeven: Change { before: be0.to_vec(), after: be1.to_vec() },
    }
}

/// Evaluates both scenarios (no sensitivity search: a diff does not need it) and compares them.
pub fn diff(before: &Scenario, after: &Scenario, cat: &Catalog) -> Diff {
    let side = |s: &Scenario| (eval::assess(s, cat), crossover::curves(s, cat, eval::CURVE_POINTS).breakeven);
    let (a0, be0) = side(before);
    let (a1, be1) = side(after);
    compare(cat, (before, &a0, &be0), (after, &a1, &be1))
}

fn verdict_text(v: &VerdictSummary) -> String {
    format!("{} (score {}), {} recommended", decision(v.decision), v.score, v.recommended.name())
}

fn cost_cell(usd_value: Option<f64>) -> String {
    usd_value.map_or_else(|| "not feasible".to_string(), usd)
}

fn delta_cell(p: &PlatformChange) -> String {
    match (p.delta_usd, p.delta_pct) {
        (Some(d), _) if usd_delta(d) == "$0.00" => "unchanged".into(),
        (Some(d), Some(pct)) => format!("{} ({})", usd_delta(d), pct_delta(pct)),
        (Some(d), None) => usd_delta(d),
        (None, _) => match (&p.before_infeasible_reason, &p.after_infeasible_reason) {
            (None, Some(why)) => format!("becomes infeasible: {}", cell(why)),
            (Some(_), None) => "becomes feasible".into(),
            _ => "—".into(),
        },
    }
}

/// A key's value as a reader writes it: `none`, `arm64`, `20,000,000`, `0.3`.
fn json_value(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => num(x, 0),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// The pull-request comment.
pub fn markdown(d: &Diff) -> String {
    let mut out = String::from("### Crossover: what this change does\n\n");
    if d.changed.is_empty() {
        out.push_str("The two scenarios are the same.\n\n");
    } else {
        let keys: Vec<String> = d
            .changed
            .iter()
            .map(|k| format!("`{}` {} → {}", k.key, cell(&json_value(&k.before)), cell(&json_value(&k.after))))
            .collect();
        out.push_str(&format!("Changed: {}.\n\n", keys.join(", ")));
    }
    let (vb, va) = (&d.verdict.before, &d.verdict.after);
    if vb == va {
        out.push_str(&format!("**Verdict:** {}, unchanged.\n", verdict_text(va)));
    } else {
        out.push_str(&format!("**Verdict:** {} → **{}**.\n", verdict_text(vb), verdict_text(va)));
    }
    if !va.conditions.is_empty() {
        out.push_str("\nConditions after the change:\n\n");
        for c in &va.conditions {
            out.push_str(&format!("- {}\n", cell(c)));
        }
    }
    out.push_str("\n| platform | before | after | change |\n|---|---:|---:|---:|\n");
    for p in &d.platforms {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cell(&p.name),
            cost_cell(p.before_usd),
            cost_cell(p.after_usd),
            delta_cell(p)
        ));
    }
    out.push_str("\n**Break-even volumes** (where the cheapest platform changes)\n\n");
    // Compared as read: volumes that move by less than the rounding are the same to a reader.
    let (before, after) = (markdown::breakevens(&d.breakeven.before), markdown::breakevens(&d.breakeven.after));
    if before == after {
        out.push_str(&format!("Unchanged:\n\n{after}"));
    } else {
        out.push_str(&format!("Before:\n\n{before}\nAfter:\n\n{after}"));
    }
    out.push_str(&format!("\n_Monthly USD, pricing catalogue of {} (us-east-1 / tier-1)._\n", d.catalog_as_of));
    out
}
