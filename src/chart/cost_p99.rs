//! Monthly cost against p99 latency, one point per platform: the trade-off in one picture. A platform
//! without a latency figure (today only Lambda's p99 is simulated) or that cannot run the workload is
//! named in a note under the plot instead of being drawn, so the chart never invents a figure.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ticks::{log_ticks, text_width};
use super::{Corner, Style, Swatch, dollars, platform_colour, themed_legend, themed_mesh};
use crate::core::cost::PlatformId;

/// One platform's figures. Add a field here (p50, cold-start share, …) when the core computes it for
/// every platform; the chart draws what is `Some`.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub id: PlatformId,
    /// Monthly USD; `None` when the platform cannot run the workload.
    pub monthly_usd: Option<f64>,
    /// p99 latency including cold starts, ms; `None` when the core has no figure for this platform.
    pub p99_ms: Option<f64>,
}

/// What the chart shows: every platform's point and the user's p99 target, if any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostLatency {
    pub points: Vec<Point>,
    pub target_p99_ms: Option<f64>,
}

fn ms(v: f64) -> String {
    if v >= 1000.0 { format!("{:.1} s", v / 1000.0) } else { format!("{v:.0} ms") }
}

/// The lines of the note under the plot: each platform that is not drawn, and why.
pub fn notes(data: &CostLatency, labels: &dyn Fn(PlatformId) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    for p in &data.points {
        match (p.monthly_usd, p.p99_ms) {
            (None, _) => lines.push(format!("{}: not feasible for this workload", labels(p.id))),
            (Some(usd), None) => lines.push(format!("{}: {}/month, no p99 figure yet", labels(p.id), dollars(usd))),
            _ => {}
        }
    }
    lines
}

/// A log axis range around the values: padded, and at least `MIN_SPAN`× wide so it carries ticks.
fn span(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    const MIN_SPAN: f64 = 20.0;
    let (lo, hi) = values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi <= 0.0 {
        return None;
    }
    let (lo, hi) = (lo / 2.0, hi * 2.0);
    let widen = (MIN_SPAN / (hi / lo)).max(1.0).sqrt();
    Some((lo / widen, hi * widen))
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CostLatency,
    labels: &dyn Fn(PlatformId) -> String,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    let text = |size: f64| super::text(style, size);
    let notes = notes(data, labels);
    let line = style.px(16.0);
    let (_, height) = root.dim_in_pixel();
    let note_height = (notes.len() as u32 * line + style.px(12.0)).min(height / 2);
    let (plot, note_area) = root.split_vertically(height - note_height);
    for (i, note) in notes.iter().enumerate() {
        note_area.draw(&Text::new(
            note.clone(),
            (style.px(16.0) as i32, (style.px(4.0) + i as u32 * line) as i32),
            text(12.0),
        ))?;
    }
    let drawn: Vec<(&Point, f64, f64)> = data
        .points
        .iter()
        .filter_map(|p| Some((p, p.monthly_usd?, p.p99_ms?)))
        .filter(|(_, c, l)| *c > 0.0 && *l > 0.0)
        .collect();
    let x = span(drawn.iter().map(|d| d.1));
    let y = span(drawn.iter().map(|d| d.2).chain(data.target_p99_ms));
    let (Some((xlo, xhi)), Some((ylo, yhi))) = (x, y) else {
        plot.draw(&Text::new(
            "No platform has both a cost and a p99 figure",
            (style.px(16.0) as i32, style.px(16.0) as i32),
            text(14.0),
        ))?;
        return root.present();
    };
    // Both log axes keep the ticks whose labels fit (`ticks::log_ticks`), the latency chart's rule.
    let (margin, x_area, y_area) = (style.px(10.0), style.px(36.0), style.px(58.0));
    let (plot_w, plot_h) = plot.dim_in_pixel();
    let font = style.font(12.0);
    let x_px = f64::from(plot_w) - f64::from(2 * margin + y_area);
    let y_px = f64::from(plot_h) - f64::from(2 * margin + x_area);
    let x_ticks = log_ticks(xlo, xhi, x_px, (f64::from(y_area), f64::from(margin)), &|v| {
        text_width(dollars(v).chars().count(), font)
    });
    let y_ticks = log_ticks(ylo, yhi, y_px, (f64::from(margin), f64::from(x_area)), &|_| font * 1.2);
    let mut chart =
        ChartBuilder::on(&plot).margin(margin).x_label_area_size(x_area).y_label_area_size(y_area).build_cartesian_2d(
            (xlo..xhi).log_scale().with_key_points(x_ticks),
            (ylo..yhi).log_scale().with_key_points(y_ticks),
        )?;
    themed_mesh(&mut chart.configure_mesh(), style)
        .x_desc("USD / month")
        .y_desc("p99 latency incl. cold starts")
        .x_label_formatter(&|v| dollars(*v))
        .y_label_formatter(&|v| ms(*v))
        .draw()?;
    if let Some(t) = data.target_p99_ms {
        let red = RGBColor(213, 94, 0);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(xlo, t), (xhi, t)],
            red.stroke_width(style.px(2.0)),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("p99 target {}", ms(t)),
            // Text hangs below its anchor: a quarter above the line, the label sits just over it.
            (xlo * 1.1, t * 1.25),
            text(12.0),
        )))?;
    }
    let radius = style.px(6.0);
    let mut legend = Vec::new();
    for (p, usd, p99) in drawn {
        let colour = platform_colour(p.id, style);
        chart.draw_series([
            Circle::new((usd, p99), radius, colour.filled()),
            Circle::new((usd, p99), radius, style.ink.stroke_width(1)),
        ])?;
        legend.push((format!("{}: {}/month, p99 {}", labels(p.id), dollars(usd), ms(p99)), Swatch::Dot(colour)));
        chart.draw_series(std::iter::once(Text::new(labels(p.id), (usd * 1.06, p99 * 0.97), text(12.0))))?;
    }
    themed_legend(&chart.plotting_area().strip_coord_spec(), &legend, Corner::UpperRight, style)?;
    root.present()
}
