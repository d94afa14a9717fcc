//! `crossover render`: a chart as an SVG document, drawn by the same `crate::chart` code the app draws
//! on its canvas. The background is opaque (the light theme's), so the image reads the same on a light
//! or a dark README; a title says what it shows, since the picture travels without the page around it.

use plotters::prelude::*;

use crate::chart::cost_p99::{CostLatency, Point};
use crate::chart::{self, Style};
use crate::core::catalog::Catalog;
use crate::core::cost::PlatformId;
use crate::core::eval::{self, Assessment};
use crate::core::scenario::Scenario;
use crate::core::{crossover, verdict::format::volume};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Monthly cost of each platform against requests per month, with the break-even points.
    Crossover,
    /// The simulated latency distribution (CDF) with p50, p99 and the target.
    Latency,
    /// A representative simulated day: live environments and cold starts per minute.
    Day,
    /// Monthly cost against p99 latency, one point per platform that has both figures.
    CostP99,
}

/// Pixels of a rendered chart: wide enough for the crossover legend, low enough for a README.
pub const SIZE: (u32, u32) = (960, 480);
const TITLE_PX: u32 = 34;

/// The figures the cost-p99 chart plots: every platform's cost, and the p99 the core has for it.
pub fn cost_latency(s: &Scenario, a: &Assessment) -> CostLatency {
    CostLatency {
        points: a
            .platforms
            .iter()
            .map(|p| Point {
                id: p.id,
                monthly_usd: p.feasible.then_some(p.monthly_usd),
                // Each platform's own simulated p99 (`performance`), where it has an execution model.
                p99_ms: p.performance.as_ref().map(|f| f.latency_ms.p99).filter(|v| v.is_finite()),
            })
            .collect(),
        target_p99_ms: s.latency_slo_p99_ms,
    }
}

fn title(kind: ChartKind, s: &Scenario) -> String {
    let what = match kind {
        ChartKind::Crossover => "Monthly cost by volume",
        ChartKind::Latency => "Latency distribution on AWS Lambda, cold starts included",
        ChartKind::Day => "A simulated day on AWS Lambda",
        ChartKind::CostP99 => "Monthly cost against p99 latency",
    };
    format!("Crossover · {what} · {} requests/month", volume(s.requests_per_month))
}

/// The chart as an SVG document.
pub fn render(kind: ChartKind, s: &Scenario, cat: &Catalog, (width, height): (u32, u32)) -> Result<String, String> {
    let style = Style::light(1.0);
    let names = |id: PlatformId| id.name().to_string();
    // Only the charts that need the simulation run it.
    let assessment = || eval::assess(s, cat);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let fail = |e: DrawingAreaErrorKind<_>| format!("the chart could not be drawn: {e}");
        root.fill(&style.background).map_err(fail)?;
        let (head, body) = root.split_vertically(TITLE_PX);
        head.draw(&Text::new(title(kind, s), (12, 10), chart::text(&style, 15.0))).map_err(fail)?;
        match kind {
            ChartKind::Crossover => {
                let curves = crossover::curves(s, cat, eval::CURVE_POINTS);
                chart::crossover::draw(&body, &curves, s.requests_per_month, &names, &style)
            }
            ChartKind::Latency => chart::latency::draw(&body, &assessment().coldstart, s.latency_slo_p99_ms, &style),
            ChartKind::Day => chart::day::draw(&body, &assessment().coldstart.series, &style),
            ChartKind::CostP99 => chart::cost_p99::draw(&body, &cost_latency(s, &assessment()), &names, &style),
        }
        .map_err(fail)?;
        root.present().map_err(fail)?;
    }
    Ok(svg)
}
