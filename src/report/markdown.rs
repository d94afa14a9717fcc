//! `crossover eval --format markdown`: an evaluation as Markdown to paste into a decision record — the
//! verdict with its reasons, the cost table with each platform's line items folded in `<details>`, the
//! break-even volumes, what would change the answer, and the catalogue date. GitHub-flavoured: tables,
//! and `<details>` blocks with a blank line after the summary so the table inside renders.

use super::format::{cell, decision, signal, usd};
use crate::core::cost;
use crate::core::crossover::BreakEven;
use crate::core::eval::Evaluation;
use crate::core::query;
use crate::core::scenario::Scenario;
use crate::core::verdict::Verdict;
use crate::core::verdict::format::volume;

/// The heading line of a verdict: "GO — AWS Lambda recommended (score 90/100)".
pub fn verdict_line(v: &Verdict) -> String {
    format!("{} — {} recommended (score {}/100)", decision(v.decision), v.recommended.name(), v.score)
}

/// The verdict's conditions and reasons.
pub fn verdict(v: &Verdict) -> String {
    let mut out = String::new();
    if !v.conditions.is_empty() {
        out.push_str("**Conditions**\n\n");
        for c in &v.conditions {
            out.push_str(&format!("- {}\n", cell(c)));
        }
        out.push('\n');
    }
    out.push_str("| signal | dimension | why |\n|---|---|---|\n");
    for r in &v.reasons {
        out.push_str(&format!("| {} | {} | {} |\n", signal(r.signal), r.dimension.as_str(), cell(&r.detail)));
    }
    out
}

/// Every platform's monthly cost (cheapest in bold, infeasible ones with the limit), then each
/// platform's line items in a folded block.
pub fn costs(platforms: &[crate::core::cost::PlatformCost]) -> String {
    let cheapest = cost::cheapest(platforms, None).map(|p| p.id);
    let mut out = String::from("| platform | USD / month | |\n|---|---:|---|\n");
    for p in platforms {
        let row = if !p.feasible {
            let why = p.infeasible_reason.as_ref().map_or("a platform limit", |l| l.message.as_str());
            format!("| {} | — | not feasible: {} |\n", cell(&p.name), cell(why))
        } else if Some(p.id) == cheapest {
            format!("| **{}** | **{}** | cheapest |\n", cell(&p.name), usd(p.monthly_usd))
        } else {
            format!("| {} | {} | |\n", cell(&p.name), usd(p.monthly_usd))
        };
        out.push_str(&row);
    }
    for p in platforms.iter().filter(|p| p.feasible && !p.breakdown.is_empty()) {
        out.push_str(&format!(
            "\n<details><summary>{}: {} line items, {}</summary>\n\n| item | USD / month | arithmetic |\n|---|---:|---|\n",
            cell(&p.name),
            p.breakdown.len(),
            usd(p.monthly_usd)
        ));
        for li in &p.breakdown {
            out.push_str(&format!("| {} | {} | {} |\n", cell(&li.item), usd(li.usd), cell(&li.detail)));
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// "- 13.9 M requests/month: Azure Functions (Consumption) → AWS EC2 + ALB", one per break-even.
pub fn breakevens(points: &[BreakEven]) -> String {
    if points.is_empty() {
        return "- none: the same platform is cheapest from 1,000 to 10 billion requests/month\n".into();
    }
    points.iter().map(|b| format!("- {}\n", breakeven(b))).collect()
}

pub fn breakeven(b: &BreakEven) -> String {
    format!("{} requests/month: {} → {}", volume(b.requests_per_month), b.from.name(), b.to.name())
}

/// The whole report.
pub fn evaluation(s: &Scenario, ev: &Evaluation) -> String {
    let q = query::encode(s);
    let mut out = format!("### Crossover verdict: {}\n\n", verdict_line(&ev.verdict));
    out.push_str(&format!(
        "Scenario `{q}` (append `?{q}` to the Crossover explorer's address, or run `crossover eval --query '{q}'`).\n\n"
    ));
    out.push_str(&verdict(&ev.verdict));
    out.push_str(&format!(
        "\n#### Monthly cost\n\nPrices of the catalogue as of {} (us-east-1 / tier-1); a month is 30 days.\n\n",
        ev.catalog_as_of
    ));
    out.push_str(&costs(&ev.platforms));
    out.push_str(
        "\n#### Break-even volumes\n\nWhere the cheapest feasible platform changes as the monthly volume grows:\n\n",
    );
    out.push_str(&breakevens(&ev.breakeven));
    if !ev.sensitivity.sentences.is_empty() {
        out.push_str("\n#### What would change the answer\n\n");
        for sentence in &ev.sensitivity.sentences {
            out.push_str(&format!("- {}\n", cell(sentence)));
        }
    }
    out.push_str(&format!("\n_Computed by Crossover with the pricing catalogue of {}._\n", ev.catalog_as_of));
    out
}
