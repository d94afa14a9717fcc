//! The simulated latency distribution as a CDF on a log time axis, with the p50 and p99 marked and the
//! user's p99 target as a vertical line.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ticks::{log_ticks, text_width};
use super::{Style, themed_mesh};
use crate::core::coldstart::ColdStartReport;

/// (latency ms, cumulative share) from the report's histogram of (upper bound ms, share).
pub fn cdf(report: &ColdStartReport) -> Vec<(f64, f64)> {
    let mut total = 0.0;
    let mut out = Vec::with_capacity(report.latency_histogram.len());
    for &(upper, share) in &report.latency_histogram {
        if upper.is_finite() && upper > 0.0 && share.is_finite() && share >= 0.0 {
            total += share;
            out.push((upper, total));
        }
    }
    if total > 0.0 {
        for p in &mut out {
            p.1 /= total;
        }
    }
    out
}

/// `850 ms`, `1 s`, `1.5 s`, `20 s`.
pub fn ms(v: f64) -> String {
    if v >= 1000.0 {
        let s = v / 1000.0;
        if (s - s.round()).abs() < 0.05 { format!("{s:.0} s") } else { format!("{s:.1} s") }
    } else if v >= 1.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.1} ms")
    }
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &ColdStartReport,
    target_p99_ms: Option<f64>,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    let text = |size: f64| super::text(style, size);
    let points = cdf(report);
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        root.draw(&Text::new("No requests to simulate", (style.px(16.0) as i32, style.px(16.0) as i32), text(14.0)))?;
        return root.present();
    };
    let mut lo = first.0 / 1.5;
    let mut hi = last.0 * 1.5;
    if let Some(t) = target_p99_ms {
        lo = lo.min(t / 1.5);
        hi = hi.max(t * 1.5);
    }
    let (margin, y_area) = (style.px(10.0), style.px(46.0));
    // Only the time ticks whose labels fit are labelled (100, 200 … 900 ms once overlapped on a phone).
    let axis_px = f64::from(root.dim_in_pixel().0) - f64::from(2 * margin + y_area);
    let extent = |v: f64| text_width(ms(v).chars().count(), style.font(12.0));
    let ticks = log_ticks(lo, hi, axis_px, (f64::from(y_area), f64::from(margin)), &extent);
    let mut chart = ChartBuilder::on(root)
        .margin(margin)
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(y_area)
        .build_cartesian_2d((lo..hi).log_scale().with_key_points(ticks), 0.0..1.0)?;
    themed_mesh(&mut chart.configure_mesh(), style)
        .x_desc("latency incl. cold starts")
        .y_desc("share of requests ≤ x")
        .x_label_formatter(&|v| ms(*v))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()?;
    let line = RGBColor(0, 114, 178);
    chart.draw_series(LineSeries::new(points.iter().copied(), line.stroke_width(style.px(2.0))))?;
    for (name, v, y) in [("p50", report.latency_ms.p50, 0.5), ("p99", report.latency_ms.p99, 0.99)] {
        if v.is_finite() && v > 0.0 {
            chart.draw_series(std::iter::once(Circle::new((v, y), style.px(4.0), line.filled())))?;
            chart.draw_series(std::iter::once(Text::new(
                format!("{name} {}", ms(v)),
                (v * 1.1, y - 0.08),
                text(12.0),
            )))?;
        }
    }
    if let Some(t) = target_p99_ms {
        let red = RGBColor(213, 94, 0);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(t, 0.0), (t, 1.0)],
            red.stroke_width(style.px(2.0)),
        )))?;
        // The label sits low and left of the line: the CDF has risen past that corner by then, and the
        // p50/p99 labels sit higher up.
        chart.draw_series(std::iter::once(Text::new(format!("p99 target {}", ms(t)), (t / 2.6, 0.1), text(12.0))))?;
    }
    root.present()
}
