//! What a claim asks the engines for: one figure of one scenario, computed with the cost engine or the
//! cold-start simulation. The searches (break-even volume, largest feasible value) bisect the model itself.

use serde_json::{Map, Value};

use crate::core::catalog::Catalog;
use crate::core::coldstart::{self, SimTarget};
use crate::core::cost::{self, PlatformCost, PlatformId};
use crate::core::scenario::{self, SECONDS_PER_MONTH, Scenario};
use crate::core::scenario_json;

/// Bisection steps of a search: 2⁻⁴⁰ of a log-decade is far below any figure's rounding.
const SEARCH_STEPS: usize = 40;

/// Read from a claim's `compute` object, whose `figure` key names the variant in snake case (`monthly_usd`)
/// and whose other keys are its fields (`Figure::from_json`).
#[derive(Clone, Debug)]
pub enum Figure {
    /// A platform's monthly bill.
    MonthlyUsd { platform: String },
    /// The sum of a platform's line items whose name contains `item` (case-insensitive).
    LineItem { platform: String, item: String },
    /// `platform`'s bill ÷ `versus`'s bill.
    CostRatio { platform: String, versus: String },
    /// Requests per month where the two bills are equal.
    BreakevenVolume { platform: String, versus: String },
    /// Busy share (%) of one function environment at which it costs what `versus` costs for the same work;
    /// with `versus_item`, only those line items of `versus` count (e.g. the instances without the ALB).
    BreakevenUtilization { platform: String, versus: String, versus_item: Option<String> },
    /// A latency statistic of the simulation: p50 / p95 / p99 / p999 or `mean_init` (mean cold-start delay).
    Latency {
        target: String,
        stat: String,
        /// Subtract the scenario's `duration_ms`, leaving the cold-start part.
        minus_duration: bool,
    },
    /// The largest value of a numeric scenario key the platform still accepts.
    MaxFeasible { platform: String, field: String },
    /// The value of a scenario key in `Scenario::default()`.
    Default { field: String },
}

impl Figure {
    /// The figure a claim's `compute` object names. By hand rather than serde's internally tagged derive,
    /// which buffers every field through its generic `Content` and cost ~18 KB of wasm.
    pub fn from_json(m: &Map<String, Value>) -> Result<Figure, String> {
        let text = |k: &str| match m.get(k) {
            Some(Value::String(t)) => Ok(t.clone()),
            Some(_) => Err(format!("`{k}` is not a string")),
            None => Err(format!("missing field `{k}`")),
        };
        let optional = |k: &str| if m.get(k).is_none_or(Value::is_null) { Ok(None) } else { text(k).map(Some) };
        let figure = text("figure")?;
        Ok(match figure.as_str() {
            "monthly_usd" => Figure::MonthlyUsd { platform: text("platform")? },
            "line_item" => Figure::LineItem { platform: text("platform")?, item: text("item")? },
            "cost_ratio" => Figure::CostRatio { platform: text("platform")?, versus: text("versus")? },
            "breakeven_volume" => Figure::BreakevenVolume { platform: text("platform")?, versus: text("versus")? },
            "breakeven_utilization" => Figure::BreakevenUtilization {
                platform: text("platform")?,
                versus: text("versus")?,
                versus_item: optional("versus_item")?,
            },
            "latency" => Figure::Latency {
                target: text("target")?,
                stat: text("stat")?,
                minus_duration: match m.get("minus_duration") {
                    None | Some(Value::Null) => false,
                    Some(Value::Bool(b)) => *b,
                    Some(_) => return Err("`minus_duration` is not true or false".into()),
                },
            },
            "max_feasible" => Figure::MaxFeasible { platform: text("platform")?, field: text("field")? },
            "default" => Figure::Default { field: text("field")? },
            other => return Err(format!("unknown figure `{other}`")),
        })
    }
}

/// Merges JSON objects left to right into a validated scenario. The seeds' figures price compute, requests
/// and front doors, not data transfer or logs: those keys start at 0 unless a claim sets them.
pub fn scenario_of(patches: &[&Value]) -> Result<Scenario, String> {
    let mut merged = Map::new();
    for key in ["egress_kb_per_request", "log_kb_per_request"] {
        merged.insert(key.to_string(), Value::from(0));
    }
    for p in patches {
        if let Value::Object(m) = p {
            merged.extend(m.clone());
        }
    }
    scenario_json::from_json(&Value::Object(merged).to_string()).map_err(|errors| {
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        text.join("; ")
    })
}

fn platform_id(name: &str) -> Result<PlatformId, String> {
    PlatformId::ALL
        .iter()
        .copied()
        .find(|id| serde_json::to_value(id).ok().as_ref().and_then(Value::as_str) == Some(name))
        .ok_or_else(|| format!("unknown platform {name}"))
}

fn sim_target(name: &str) -> Result<SimTarget, String> {
    SimTarget::ALL
        .into_iter()
        .find(|t| serde_json::to_value(t).ok().as_ref().and_then(Value::as_str) == Some(name))
        .ok_or_else(|| format!("unknown simulation target {name}"))
}

fn priced(s: &Scenario, cat: &Catalog, id: PlatformId) -> Result<PlatformCost, String> {
    cost::by_id(&cost::price_all(s, cat, None), id)
        .cloned()
        .ok_or_else(|| format!("the cost engine does not price {id:?}"))
}

fn monthly(s: &Scenario, cat: &Catalog, id: PlatformId) -> Result<f64, String> {
    priced(s, cat, id).map(|p| p.monthly_usd)
}

/// The sum of the line items whose name contains `item` (case-insensitive).
fn line_items(s: &Scenario, cat: &Catalog, id: PlatformId, item: &str) -> Result<f64, String> {
    let p = priced(s, cat, id)?;
    let want = item.to_ascii_lowercase();
    let hits: Vec<f64> =
        p.breakdown.iter().filter(|li| li.item.to_ascii_lowercase().contains(&want)).map(|li| li.usd).collect();
    if hits.is_empty() {
        return Err(format!("no '{item}' line item for {}", p.name));
    }
    Ok(hits.iter().sum())
}

/// Geometric bisection for the volume where `a` and `b` cost the same.
fn breakeven(s: &Scenario, cat: &Catalog, a: PlatformId, b: PlatformId) -> Result<f64, String> {
    let gap = |v: f64| -> Result<f64, String> {
        let t = Scenario { requests_per_month: v, ..s.clone() };
        Ok(monthly(&t, cat, a)? - monthly(&t, cat, b)?)
    };
    let (mut lo, mut hi) = (1e3_f64, 1e12_f64);
    let (g_lo, g_hi) = (gap(lo)?, gap(hi)?);
    if g_lo.signum() == g_hi.signum() {
        return Err(format!("{a:?} and {b:?} do not cross between 1,000 and 10¹² requests/month"));
    }
    for _ in 0..SEARCH_STEPS {
        let mid = (lo * hi).sqrt();
        if gap(mid)?.signum() == g_lo.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok((lo * hi).sqrt())
}

fn with_field(s: &Scenario, field: &str, value: f64) -> Result<Scenario, String> {
    let mut v = serde_json::to_value(s).map_err(|e| e.to_string())?;
    let num = if value.fract() == 0.0 { Value::from(value as u64) } else { Value::from(value) };
    v[field] = num;
    scenario_of(&[&v])
}

/// Bisects the key's accepted range for the last value the platform still runs.
fn max_feasible(s: &Scenario, cat: &Catalog, id: PlatformId, field: &str) -> Result<f64, String> {
    let (mut lo, mut hi) = scenario::range_of(field).ok_or_else(|| format!("{field} has no range"))?;
    let feasible =
        |x: f64| -> Result<bool, String> { Ok(priced(&with_field(s, field, x.round())?, cat, id)?.feasible) };
    if feasible(hi)? {
        return Ok(hi);
    }
    if !feasible(lo)? {
        return Err(format!("{id:?} rejects even {field} = {lo}"));
    }
    for _ in 0..SEARCH_STEPS {
        let mid = ((lo + hi) / 2.0).round();
        if mid <= lo || mid >= hi {
            break;
        }
        if feasible(mid)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

impl Figure {
    pub fn compute(&self, s: &Scenario, cat: &Catalog) -> Result<f64, String> {
        match self {
            Figure::MonthlyUsd { platform } => monthly(s, cat, platform_id(platform)?),
            Figure::LineItem { platform, item } => line_items(s, cat, platform_id(platform)?, item),
            Figure::CostRatio { platform, versus } => {
                Ok(monthly(s, cat, platform_id(platform)?)? / monthly(s, cat, platform_id(versus)?)?)
            }
            Figure::BreakevenVolume { platform, versus } => {
                breakeven(s, cat, platform_id(platform)?, platform_id(versus)?)
            }
            Figure::BreakevenUtilization { platform, versus, versus_item } => {
                // One environment busy all month; the function's bill grows linearly with its busy share
                // while the container's stays, so they meet at the ratio of the two bills.
                let busy = Scenario { requests_per_month: SECONDS_PER_MONTH * 1000.0 / s.duration_ms, ..s.clone() };
                let f = monthly(&busy, cat, platform_id(platform)?)?;
                let c = match versus_item {
                    Some(item) => line_items(&busy, cat, platform_id(versus)?, item)?,
                    None => monthly(&busy, cat, platform_id(versus)?)?,
                };
                Ok(100.0 * c / f)
            }
            Figure::Latency { target, stat, minus_duration } => {
                let r = coldstart::simulate(s, cat.rates(), sim_target(target)?);
                let x = match stat.as_str() {
                    "p50" => r.latency_ms.p50,
                    "p95" => r.latency_ms.p95,
                    "p99" => r.latency_ms.p99,
                    "p999" => r.latency_ms.p999,
                    "mean_init" => return Ok(r.mean_init_ms),
                    other => return Err(format!("unknown statistic {other}")),
                };
                Ok(if *minus_duration { x - s.duration_ms } else { x })
            }
            Figure::MaxFeasible { platform, field } => max_feasible(s, cat, platform_id(platform)?, field),
            Figure::Default { field } => serde_json::to_value(Scenario::default())
                .ok()
                .and_then(|v| v.get(field).and_then(Value::as_f64))
                .ok_or_else(|| format!("{field} is not a numeric scenario key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Compute;
    use serde_json::json;

    #[test]
    fn a_compute_object_names_what_is_wrong() {
        let read = |v: serde_json::Value| Compute::try_from(v).map(|c| format!("{:?}", c.figure));
        let ok = read(json!({ "figure": "latency", "target": "aws_lambda", "stat": "p99", "scale": 0.001 })).unwrap();
        assert_eq!(ok, r#"Latency { target: "aws_lambda", stat: "p99", minus_duration: false }"#);
        assert_eq!(read(json!({ "figure": "median" })).unwrap_err(), "unknown figure `median`");
        assert_eq!(read(json!({ "figure": "cost_ratio", "platform": "x" })).unwrap_err(), "missing field `versus`");
        assert_eq!(read(json!({ "figure": "default", "field": 3 })).unwrap_err(), "`field` is not a string");
        assert_eq!(
            read(json!({ "figure": "default", "field": "x", "scael": 2 })).unwrap_err(),
            "unknown field `scael` in `compute`"
        );
        assert_eq!(read(json!([])).unwrap_err(), "`compute` is not an object");
    }
}
