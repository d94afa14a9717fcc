//! Monthly cost against requests per month, log–log: one line per platform, the current volume as a
//! vertical marker, and each break-even point marked and labelled with its volume.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Corner, Style, Swatch, count, dollars, platform_colour, themed_legend, themed_mesh};
use crate::core::cost::PlatformId;
use crate::core::crossover::Curves;

/// Cost of `id` at `volume`, interpolated log–log between grid points.
pub fn cost_at(curves: &Curves, id: PlatformId, volume: f64) -> Option<f64> {
    let series = curves.series.iter().find(|s| s.id == id)?;
    let i = curves.volumes.iter().position(|&v| v >= volume)?;
    if i == 0 {
        return series.usd[0];
    }
    let (v0, v1) = (curves.volumes[i - 1], curves.volumes[i]);
    let (c0, c1) = (series.usd[i - 1]?, series.usd[i]?);
    if c0 <= 0.0 || c1 <= 0.0 {
        return Some(c0 + (c1 - c0) * (volume - v0) / (v1 - v0));
    }
    let t = (volume.ln() - v0.ln()) / (v1.ln() - v0.ln());
    Some((c0.ln() + t * (c1.ln() - c0.ln())).exp())
}

/// The y range that shows every positive cost, padded; `None` when there is nothing to draw.
fn cost_range(curves: &Curves) -> Option<(f64, f64)> {
    let values =
        curves.series.iter().flat_map(|s| s.usd.iter().flatten().copied()).filter(|v| *v > 0.0 && v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (hi > 0.0).then(|| (lo.max(0.01) / 1.5, hi * 1.5))
}

/// What `draw_layer` draws. A page can keep `Under` and `Over` as images and redraw only the `Marker`
/// when the current volume moves; `All` (what `draw` draws) is the three on top of each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    All,
    /// The background, axes, grid and the cost lines.
    Under,
    /// The current volume's line and label, on a transparent background.
    Marker,
    /// Break-even points and the legend, on a transparent background.
    Over,
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curves: &Curves,
    current_volume: f64,
    labels: &dyn Fn(PlatformId) -> String,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_layer(root, curves, current_volume, labels, style, Layer::All)
}

pub fn draw_layer<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    curves: &Curves,
    current_volume: f64,
    labels: &dyn Fn(PlatformId) -> String,
    style: &Style,
    layer: Layer,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let has = |l: Layer| layer == Layer::All || layer == l;
    if has(Layer::Under) {
        root.fill(&style.background)?;
    }
    let text = |size: f64| super::text(style, size);
    let (Some((ylo, yhi)), Some(&xlo), Some(&xhi)) =
        (cost_range(curves), curves.volumes.first(), curves.volumes.last())
    else {
        if has(Layer::Under) {
            root.draw(&Text::new(
                "No feasible platform to plot",
                (style.px(16.0) as i32, style.px(16.0) as i32),
                text(14.0),
            ))?;
        }
        return Ok(());
    };
    let mut chart = ChartBuilder::on(root)
        .margin(style.px(10.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(58.0))
        .build_cartesian_2d((xlo..xhi).log_scale(), (ylo..yhi).log_scale())?;

    if has(Layer::Under) {
        themed_mesh(&mut chart.configure_mesh(), style)
            .x_desc("requests / month")
            .y_desc("USD / month")
            .x_label_formatter(&|v| count(*v))
            .y_label_formatter(&|v| dollars(*v))
            .x_labels(8)
            .y_labels(8)
            .draw()?;
    }

    let stroke = style.px(2.0);
    let mut legend = Vec::new();
    for s in &curves.series {
        let colour = platform_colour(s.id, style);
        // Infeasible stretches (None) and zero costs (free tier) break the line instead of bending it.
        let mut segment: Vec<(f64, f64)> = Vec::new();
        let mut segments = Vec::new();
        for (&v, c) in curves.volumes.iter().zip(&s.usd) {
            match c {
                Some(c) if *c > 0.0 => segment.push((v, *c)),
                _ if !segment.is_empty() => segments.push(std::mem::take(&mut segment)),
                _ => {}
            }
        }
        segments.push(segment);
        if segments.iter().all(Vec::is_empty) {
            // Nothing to draw on the grid: still named, so the legend lists every platform.
            let why = if s.usd.iter().all(Option::is_none) { "not feasible" } else { "$0 at every volume" };
            legend.push((format!("{}: {why}", labels(s.id)), Swatch::Line(style.grid)));
            continue;
        }
        let mut first = true;
        for seg in segments.into_iter().filter(|s| !s.is_empty()) {
            if has(Layer::Under) {
                chart.draw_series(LineSeries::new(seg, colour.stroke_width(stroke)))?;
            }
            if std::mem::take(&mut first) {
                legend.push((labels(s.id), Swatch::Line(colour)));
            }
        }
    }

    // The current volume.
    if has(Layer::Marker) {
        let marker = style.ink.mix(0.7).stroke_width(style.px(1.0));
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(current_volume, ylo), (current_volume, yhi)],
            marker,
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("now: {}", count(current_volume)),
            (current_volume, yhi / 1.3),
            text(12.0),
        )))?;
    }

    if !has(Layer::Over) {
        return root.present();
    }
    // Break-even points where the cheapest option changes.
    for b in &curves.breakeven {
        if let Some(usd) = cost_at(curves, b.from, b.requests_per_month).filter(|c| *c > 0.0) {
            let colour = platform_colour(b.to, style);
            chart.draw_series(std::iter::once(Circle::new(
                (b.requests_per_month, usd),
                style.px(5.0),
                colour.filled(),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(
                (b.requests_per_month, usd),
                style.px(5.0),
                style.ink.stroke_width(1),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                count(b.requests_per_month),
                (b.requests_per_month * 1.15, usd / 1.35),
                text(12.0),
            )))?;
        }
    }

    themed_legend(&chart.plotting_area().strip_coord_spec(), &legend, Corner::UpperLeft, style)?;
    root.present()
}
