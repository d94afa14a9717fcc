//! `crossover claims`: the rules-of-thumb page as text — each claim under its article's title, with what
//! the article says, what Crossover computes, the status, why they differ and the scenario behind it.

use crate::core::claims::{ClaimCheck, Filter, sig};

/// "300–900 ms", "≥ 3,000 ms", "0.0150 $/GB-hour".
pub fn article_says(c: &ClaimCheck) -> String {
    format!("{} {}", c.claimed, c.unit)
}

/// The recomputed figure without its unit ("238"), or "not recomputed" when the engines gave none.
pub fn computed_value(c: &ClaimCheck) -> String {
    if c.recomputed.is_finite() { sig(c.recomputed) } else { "not recomputed".into() }
}

/// "238 ms"; "not recomputed" when the engines gave no figure.
pub fn crossover_computes(c: &ClaimCheck) -> String {
    if c.recomputed.is_finite() { format!("{} {}", computed_value(c), c.unit) } else { computed_value(c) }
}

/// One line of counts: "105 rules of thumb from 5 articles: 41 hold, 64 are off."
pub fn summary(checks: &[&ClaimCheck]) -> String {
    let holds = checks.iter().filter(|c| c.status == "holds").count();
    let mut sources: Vec<&str> = Vec::new();
    for c in checks {
        if !sources.contains(&c.source.as_str()) {
            sources.push(&c.source);
        }
    }
    let articles = match sources.len() {
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    let rules = match checks.len() {
        1 => "1 rule of thumb".to_string(),
        n => format!("{n} rules of thumb"),
    };
    format!("{rules} from {articles}: {holds} hold, {} off.", checks.len() - holds)
}

/// The checks `filter` keeps, grouped under each article's title in the order of the data.
pub fn text(checks: &[ClaimCheck], filter: Filter) -> String {
    let kept: Vec<&ClaimCheck> = checks.iter().filter(|c| filter.keeps(c)).collect();
    let mut out = format!("{}\n", summary(&kept));
    let mut current = None;
    for c in kept {
        if current != Some(&c.source) {
            current = Some(&c.source);
            out.push_str(&format!("\n{} — {}\n", c.title, c.about));
        }
        out.push_str(&format!("\n  [{}] {} · {}\n", c.status_label, c.claim, c.topic.label()));
        out.push_str(&format!("    the article: {} · Crossover: {}\n", article_says(c), crossover_computes(c)));
        if !c.reason.is_empty() {
            out.push_str(&format!("    why: {}\n", c.reason));
        }
        if !c.query.is_empty() {
            out.push_str(&format!("    scenario: crossover eval --query '{}'\n", c.query));
        }
    }
    out
}
