//! The seed articles' rules of thumb, recomputed. Every quantitative claim lives in `data/claims.json`
//! with the scenario it implies and the figure to compute; `check` recomputes each with the engines and,
//! when a figure is off, tries variants (free tier on/off, a 720-hour month, the claim's own patches)
//! to name the likely cause.
//!
//! `check` gives plain rows (`ClaimCheck`) that carry everything a reader needs — the article's title, the
//! topic, the status label, the scenario behind the figure as an app query — so the rules-of-thumb page
//! and `crossover claims` are functions of that data alone.

mod articles;
mod figures;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::catalog::Catalog;
use super::query;
use super::scenario::HOURS_PER_MONTH;
use super::verdict::format::num;
pub use articles::{Article, articles};
pub use figures::{Figure, scenario_of};

/// The claims data, embedded so the CLI needs no file access. The web app fetches the same file when
/// its rules-of-thumb page opens (it is copied next to the page) and never calls `claims`/`check`, so
/// these bytes are not in its wasm.
pub const CLAIMS_JSON: &str = include_str!("../../../data/claims.json");
/// Relative slack around a claimed value or range before it counts as off ("about $35").
pub const DEFAULT_TOLERANCE: f64 = 0.15;
/// Absolute slack when the claimed figure is zero (e.g. "the free tier covers it").
const ZERO_SLACK: f64 = 0.01;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub source: String,
    pub claim: String,
    /// Partial scenario JSON; unset keys take `Scenario::default()`.
    pub scenario: Value,
    pub compute: Compute,
    pub claimed: Range,
    pub unit: String,
    #[serde(default)]
    pub tolerance: Option<f64>,
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// The arithmetic behind an "off" figure, worked out by hand.
    #[serde(default)]
    pub note: Option<String>,
}

/// A claim's `compute` object: the figure's keys (`Figure::from_json`) next to these.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "Value")]
pub struct Compute {
    pub figure: Figure,
    /// Multiplies the result (unit conversions: ms → s, per month → per hour).
    pub scale: Option<f64>,
    /// A second scenario patch; the figure is then `relation(figure(scenario), figure(scenario + baseline))`.
    pub baseline: Option<Value>,
    /// `difference` | `ratio` | `reduction_pct` | `increase_pct`.
    pub relation: Option<String>,
}

/// Every key a `compute` object may have.
const COMPUTE_KEYS: [&str; 12] = [
    "figure",
    "platform",
    "item",
    "versus",
    "versus_item",
    "target",
    "stat",
    "minus_duration",
    "field",
    "scale",
    "baseline",
    "relation",
];

impl TryFrom<Value> for Compute {
    type Error = String;

    fn try_from(value: Value) -> Result<Compute, String> {
        let Value::Object(m) = value else { return Err("`compute` is not an object".into()) };
        if let Some(k) = m.keys().find(|k| !COMPUTE_KEYS.contains(&k.as_str())) {
            return Err(format!("unknown field `{k}` in `compute`"));
        }
        let present = |k: &str| m.get(k).filter(|v| !v.is_null());
        let scale = match present("scale") {
            None => None,
            Some(v) => Some(v.as_f64().ok_or("`scale` is not a number")?),
        };
        let relation = match present("relation") {
            None => None,
            Some(v) => Some(v.as_str().ok_or("`relation` is not a string")?.to_string()),
        };
        Ok(Compute { figure: Figure::from_json(&m)?, scale, baseline: present("baseline").cloned(), relation })
    }
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
pub struct Range {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Variant {
    pub label: String,
    #[serde(default)]
    pub patch: Value,
    #[serde(default)]
    pub factor: Option<f64>,
}

/// What a claim is about, from the figure it asks for: a reader filters the rules by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    ColdStarts,
    Costs,
    BreakEven,
    Limits,
}

impl Topic {
    pub const ALL: [Topic; 4] = [Topic::ColdStarts, Topic::Costs, Topic::BreakEven, Topic::Limits];

    pub fn of(figure: &Figure) -> Topic {
        match figure {
            Figure::Latency { .. } => Topic::ColdStarts,
            Figure::MonthlyUsd { .. } | Figure::LineItem { .. } | Figure::CostRatio { .. } => Topic::Costs,
            Figure::BreakevenVolume { .. } | Figure::BreakevenUtilization { .. } => Topic::BreakEven,
            Figure::MaxFeasible { .. } | Figure::Default { .. } => Topic::Limits,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Topic::ColdStarts => "cold starts",
            Topic::Costs => "costs",
            Topic::BreakEven => "break-even",
            Topic::Limits => "limits",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimCheck {
    pub id: String,
    pub claim: String,
    /// The seed file the claim comes from (`000_….txt`); readers see `title`.
    pub source: String,
    /// The article's title (its first line) and what it covers, from `data/articles.json`.
    pub title: String,
    pub about: String,
    pub topic: Topic,
    /// The claimed value or range as text, e.g. "300–900" or "≥ 3,000".
    pub claimed: String,
    pub claimed_range: Range,
    /// The engines' figure; NaN (JSON null) only when an engine cannot produce it.
    pub recomputed: f64,
    pub unit: String,
    /// "holds" or "off".
    pub status: String,
    /// Distance to the nearest claimed bound, % of that bound; `None` when it holds or the bound is 0.
    pub off_by_pct: Option<f64>,
    /// "holds", "off by -21 %" or "off": the status chip.
    pub status_label: String,
    pub reason: String,
    /// The scenario behind the figure as an app query (`v=2&r=1000&…`): "Open in explorer" loads it,
    /// `crossover eval --query` evaluates it. Empty if the claim's scenario does not decode.
    pub query: String,
}

/// Every claim of the data file. The file is embedded, so a parse error is a build-time bug.
pub fn claims() -> Vec<Claim> {
    parse(CLAIMS_JSON).expect("data/claims.json matches the Claim schema (tests/claims.rs)")
}

/// Claims from the text of a claims file (`data/claims.json`).
pub fn parse(text: &str) -> Result<Vec<Claim>, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

impl Compute {
    pub fn value(&self, patches: &[&Value], cat: &Catalog) -> Result<f64, String> {
        let s = figures::scenario_of(patches)?;
        let a = self.figure.compute(&s, cat)?;
        let x = match (&self.baseline, self.relation.as_deref()) {
            (Some(b), rel) => {
                let mut with_base: Vec<&Value> = patches.to_vec();
                with_base.push(b);
                let b = self.figure.compute(&figures::scenario_of(&with_base)?, cat)?;
                match rel.unwrap_or("difference") {
                    "difference" => a - b,
                    "ratio" => a / b,
                    "reduction_pct" => 100.0 * (1.0 - a / b),
                    "increase_pct" => 100.0 * (a / b - 1.0),
                    other => return Err(format!("unknown relation {other}")),
                }
            }
            (None, _) => a,
        };
        let x = x * self.scale.unwrap_or(1.0);
        if x.is_finite() { Ok(x) } else { Err("the figure is not finite".into()) }
    }
}

/// `None` when `x` is within the claimed range widened by `tol`; else the signed % distance.
fn distance(x: f64, r: Range, tol: f64) -> Option<Option<f64>> {
    let lo = r.low.unwrap_or(f64::NEG_INFINITY);
    let hi = r.high.unwrap_or(f64::INFINITY);
    let slack = |b: f64| if b == 0.0 { ZERO_SLACK } else { b.abs() * tol };
    if x >= lo - slack(lo) && x <= hi + slack(hi) {
        return None;
    }
    let bound = if x < lo { lo } else { hi };
    Some((bound != 0.0).then(|| 100.0 * (x - bound) / bound.abs()))
}

fn check_one(c: &Claim, cat: &Catalog, articles: &[Article]) -> ClaimCheck {
    let tol = c.tolerance.unwrap_or(DEFAULT_TOLERANCE);
    let (recomputed, status, off_by_pct, reason) = match c.compute.value(&[&c.scenario], cat) {
        Err(e) => (f64::NAN, "off", None, format!("not recomputed: {e}")),
        Ok(x) => match distance(x, c.claimed, tol) {
            None => (x, "holds", None, c.note.clone().unwrap_or_default()),
            Some(off) => (x, "off", off, explain(c, cat, tol)),
        },
    };
    let article = articles.iter().find(|a| a.file == c.source);
    ClaimCheck {
        id: c.id.clone(),
        claim: c.claim.clone(),
        source: c.source.clone(),
        title: article.map_or_else(|| c.source.clone(), |a| a.title.clone()),
        about: article.map(|a| a.about.clone()).unwrap_or_default(),
        topic: Topic::of(&c.compute.figure),
        claimed: claimed_text(c.claimed),
        claimed_range: c.claimed,
        recomputed,
        unit: c.unit.clone(),
        status: status.into(),
        off_by_pct,
        status_label: status_label(status, off_by_pct),
        reason,
        query: figures::scenario_of(&[&c.scenario]).map(|s| link_query(&s)).unwrap_or_default(),
    }
}

/// The app query of a claim's scenario. The defaults encode as a bare `v=2`, which the app reads as "no
/// scenario in the link" (and restores the saved one); naming one key at its default value says "these".
fn link_query(s: &super::scenario::Scenario) -> String {
    let mut q = query::encode(s);
    // `encode` writes `v=2` and then `&key=value` for each key that differs from the defaults.
    if !q.contains('&') {
        q.push_str("&requests_per_month=");
        q.push_str(&super::keys::get(s, "requests_per_month").unwrap_or_default());
    }
    q
}

/// The status chip: "holds", "off by +267 %", or "off" when the claimed bound is zero.
fn status_label(status: &str, off_by_pct: Option<f64>) -> String {
    match off_by_pct {
        _ if status == "holds" => "holds".to_string(),
        Some(p) => format!("off by {}{} %", if p > 0.0 { "+" } else { "" }, num(p, 0)),
        None => "off".to_string(),
    }
}

/// Tries the standard variants and the claim's own; the first that lands in range names the cause.
fn explain(c: &Claim, cat: &Catalog, tol: f64) -> String {
    // The free tier and the month's length only move dollar figures.
    let mut variants = Vec::new();
    if c.unit.starts_with('$') {
        let free = c.scenario.get("free_tier").and_then(Value::as_bool).unwrap_or(false);
        variants.push(Variant {
            label: if free { "without the free tier" } else { "with the free tier counted" }.into(),
            patch: serde_json::json!({ "free_tier": !free }),
            factor: None,
        });
        variants.push(Variant {
            label: "a 720-hour month instead of 730".into(),
            patch: Value::Null,
            factor: Some(720.0 / HOURS_PER_MONTH),
        });
    }
    variants.extend(c.variants.iter().cloned());
    for v in &variants {
        let Ok(x) = c.compute.value(&[&c.scenario, &v.patch], cat) else {
            continue;
        };
        let x = x * v.factor.unwrap_or(1.0);
        if distance(x, c.claimed, tol).is_none() {
            let why = format!("reproduced with {} ({} {})", v.label, sig(x), c.unit);
            return match &c.note {
                Some(note) => format!("{why}; {note}"),
                None => why,
            };
        }
    }
    let tried: Vec<&str> = variants.iter().map(|v| v.label.as_str()).collect();
    c.note.clone().unwrap_or_else(|| match tried.is_empty() {
        true => "the model and the article disagree".into(),
        false => format!("the model and the article disagree; no variant tried ({}) reproduces it", tried.join(", ")),
    })
}

fn claimed_text(r: Range) -> String {
    match (r.low, r.high) {
        (Some(a), Some(b)) if a == b => sig(a),
        (Some(a), Some(b)) => format!("{}–{}", sig(a), sig(b)),
        (Some(a), None) => format!("≥ {}", sig(a)),
        (None, Some(b)) => format!("≤ {}", sig(b)),
        (None, None) => "any".into(),
    }
}

/// A figure with enough digits to compare: 3 significant digits for small values, grouped for large.
pub fn sig(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 || a >= 100.0 {
        num(x, 0)
    } else if a >= 1.0 {
        num(x, 2)
    } else {
        let decimals = (2.0 - a.log10().floor()).clamp(0.0, 12.0) as usize;
        num(x, decimals)
    }
}

pub fn check(cat: &Catalog) -> Vec<ClaimCheck> {
    check_all(&claims(), cat)
}

/// Recomputes each claim.
pub fn check_all(claims: &[Claim], cat: &Catalog) -> Vec<ClaimCheck> {
    let articles = articles();
    claims.iter().map(|c| check_one(c, cat, &articles)).collect()
}

/// Which checks a reader asked for: by status ("holds" / "off") and by topic; `None` keeps all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter<'a> {
    pub status: Option<&'a str>,
    pub topic: Option<Topic>,
}

impl Filter<'_> {
    pub fn keeps(&self, c: &ClaimCheck) -> bool {
        self.status.is_none_or(|s| c.status == s) && self.topic.is_none_or(|t| c.topic == t)
    }
}
