//! The reports the CLI prints for places without the app — Markdown for a decision record or a pull
//! request, SVG for a README — carry the core's figures, every platform, and nothing invented.
#![cfg(not(target_arch = "wasm32"))]

use crossover::core::cost::PlatformId;
use crossover::core::{catalog::Catalog, cost, crossover as curves, eval, presets, scenario, scenario_json};
use crossover::report::svg::{self, ChartKind};
use crossover::report::{diff, format::usd, markdown};

fn scenario(json: &str) -> scenario::Scenario {
    scenario_json::from_json(json).expect("a valid scenario")
}

#[test]
fn the_markdown_report_has_the_verdict_costs_line_items_break_evens_and_date() {
    let cat = Catalog::builtin();
    let s = scenario(r#"{"memory_mb": 1024, "latency_slo_p99_ms": 300}"#);
    let ev = eval::evaluate(&s, &cat);
    let md = markdown::evaluation(&s, &ev);
    assert!(md.starts_with(&format!("### Crossover verdict: {}", markdown::verdict_line(&ev.verdict))), "{md}");
    for r in &ev.verdict.reasons {
        assert!(md.contains(r.dimension.as_str()), "reason {} missing", r.dimension.as_str());
    }
    for c in &ev.verdict.conditions {
        assert!(md.contains(c.as_str()), "condition missing: {c}");
    }
    for p in &ev.platforms {
        assert!(md.contains(&p.name), "{} missing", p.name);
        if p.feasible {
            let cost = usd(p.monthly_usd);
            assert!(
                md.contains(&format!("| {cost} |")) || md.contains(&format!("| **{cost}** |")),
                "{}: {cost} missing",
                p.name
            );
            // The line items are folded, one block per platform.
            assert!(md.contains(&format!("<details><summary>{}: {} line items", p.name, p.breakdown.len())));
            for li in &p.breakdown {
                assert!(md.contains(&format!("| {} | {} |", li.item, usd(li.usd))), "{}: {}", p.name, li.item);
            }
        } else {
            assert!(md.contains("not feasible: "), "{} infeasible without its limit", p.name);
        }
    }
    assert!(!ev.breakeven.is_empty());
    for b in &ev.breakeven {
        assert!(md.contains(&markdown::breakeven(b)), "break-even {b:?} missing");
    }
    assert!(md.contains(&ev.catalog_as_of));
    // As many <details> as </details>, each followed by a blank line so the table inside renders.
    assert_eq!(md.matches("<details>").count(), md.matches("</details>").count());
    assert_eq!(md.matches("</summary>\n\n|").count(), md.matches("<details>").count());
}

#[test]
fn a_diff_gives_each_platform_before_after_and_delta() {
    let cat = Catalog::builtin();
    let before = scenario(r#"{"memory_mb": 512}"#);
    let after = scenario(r#"{"memory_mb": 1024, "requests_per_month": 2e7}"#);
    let d = diff::diff(&before, &after, &cat);
    let (a0, a1) = (eval::assess(&before, &cat), eval::assess(&after, &cat));
    let keys: Vec<&str> = d.changed.iter().map(|k| k.key.as_str()).collect();
    assert_eq!(keys, ["memory_mb", "requests_per_month"]);
    assert_eq!(d.platforms.len(), PlatformId::ALL.len());
    for p in &d.platforms {
        let cost = |a: &eval::Assessment| cost::by_id(&a.platforms, p.id).filter(|c| c.feasible).map(|c| c.monthly_usd);
        assert_eq!((p.before_usd, p.after_usd), (cost(&a0), cost(&a1)), "{}", p.name);
        if let (Some(b), Some(a)) = (p.before_usd, p.after_usd) {
            assert_eq!(p.delta_usd, Some(a - b));
        }
    }
    assert_eq!(d.verdict.before.decision, a0.verdict.decision);
    assert_eq!(d.verdict.after.recommended, a1.verdict.recommended);
    assert_eq!(d.breakeven.after, curves::curves(&after, &cat, eval::CURVE_POINTS).breakeven);
    let md = diff::markdown(&d);
    assert!(
        md.contains("`memory_mb` 512 → 1,024") && md.contains("`requests_per_month` 10,000,000 → 20,000,000"),
        "{md}"
    );
    let lambda = &d.platforms[0];
    let delta = lambda.delta_usd.expect("Lambda runs both");
    assert!(
        md.contains(&format!(
            "| AWS Lambda | {} | {} | +{}",
            usd(lambda.before_usd.unwrap()),
            usd(lambda.after_usd.unwrap()),
            usd(delta)
        )),
        "{md}"
    );
    assert!(md.contains("Before:") && md.contains("After:"), "the break-evens moved: {md}");
    // The same scenario twice: nothing changed, and the comment says so.
    let same = diff::markdown(&diff::diff(&before, &before, &cat));
    assert!(
        same.contains("The two scenarios are the same.")
            && same.contains(", unchanged.")
            && same.contains("Unchanged:")
    );
    let lambda_usd = usd(diff::diff(&before, &before, &cat).platforms[0].before_usd.expect("Lambda runs it"));
    assert!(same.contains(&format!("| AWS Lambda | {lambda_usd} | {lambda_usd} | unchanged |")), "{same}");
}

#[test]
fn a_platform_that_becomes_infeasible_says_so() {
    let cat = Catalog::builtin();
    let d = diff::diff(&scenario(r#"{"memory_mb": 128}"#), &scenario(r#"{"memory_mb": 1024}"#), &cat);
    let workers = d.platforms.iter().find(|p| p.id == PlatformId::CloudflareWorkers).expect("listed");
    assert!(workers.before_usd.is_some() && workers.after_usd.is_none() && workers.delta_usd.is_none());
    assert!(
        diff::markdown(&d).contains("not feasible | becomes infeasible: memory 1,024 MB"),
        "{}",
        diff::markdown(&d)
    );
}

#[test]
fn every_rendered_chart_is_an_opaque_svg_and_the_platform_charts_name_every_platform() {
    let cat = Catalog::builtin();
    for p in presets::all() {
        for kind in [ChartKind::Crossover, ChartKind::CostP99] {
            let out = svg::render(kind, &p.scenario, &cat, svg::SIZE).expect("draws");
            for id in PlatformId::ALL {
                assert!(out.contains(id.name()), "{} {kind:?}: {} not named", p.id, id.name());
            }
        }
    }
    let s = presets::by_id("java_tight_sla").expect("preset").scenario;
    for kind in [ChartKind::Crossover, ChartKind::Latency, ChartKind::Day, ChartKind::CostP99] {
        let out = svg::render(kind, &s, &cat, (800, 400)).expect("draws");
        assert!(out.starts_with("<svg width=\"800\" height=\"400\""), "{kind:?}");
        // The first shape is a full-size opaque rectangle: readable on a light or a dark page.
        assert!(out.contains(r##"<rect x="0" y="0" width="800" height="400" opacity="1" fill="#FFFFFF""##), "{kind:?}");
        assert!(out.contains("Crossover · "), "{kind:?}: titled");
    }
}

#[test]
fn the_cost_p99_points_are_the_assessment_s_figures() {
    let cat = Catalog::builtin();
    let s = scenario(r#"{"memory_mb": 1024, "latency_slo_p99_ms": 300}"#);
    let a = eval::assess(&s, &cat);
    let data = svg::cost_latency(&s, &a);
    assert_eq!(data.points.len(), a.platforms.len());
    assert_eq!(data.target_p99_ms, Some(300.0));
    for (point, p) in data.points.iter().zip(&a.platforms) {
        assert_eq!(point.monthly_usd, p.feasible.then_some(p.monthly_usd));
        // Each platform's own simulated p99; Lambda's is the reported cold-start view's.
        let expected = p.performance.as_ref().map(|f| f.latency_ms.p99);
        assert_eq!(point.p99_ms, expected, "{}", p.name);
        if p.id == PlatformId::AwsLambda {
            assert_eq!(point.p99_ms, Some(a.coldstart.latency_ms.p99));
        }
    }
    assert!(data.points.iter().filter(|p| p.p99_ms.is_some()).count() > 2, "{:?}", data.points);
}
