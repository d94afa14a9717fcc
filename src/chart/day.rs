//! A representative simulated day: live environments (line) and cold starts (bars) per minute.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Corner, Style, Swatch, themed_legend, themed_mesh};
use crate::core::coldstart::DaySeries;

/// Minute of the day → hour on the x axis.
fn hour(minute: usize) -> f64 {
    minute as f64 / 60.0
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    day: &DaySeries,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    let finite_max = |v: &[f64]| v.iter().copied().filter(|x| x.is_finite()).fold(0.0f64, f64::max);
    let top = finite_max(&day.environments).max(finite_max(&day.cold_starts)).max(1.0) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .margin(style.px(10.0))
        .x_label_area_size(style.px(30.0))
        .y_label_area_size(style.px(46.0))
        .build_cartesian_2d(0.0..24.0, 0.0..top)?;
    themed_mesh(&mut chart.configure_mesh(), style)
        // The x axis is in hours, so ticks fall on whole hours (3-hourly) and read as clock times.
        .x_labels(9)
        .x_label_formatter(&|h: &f64| format!("{:02}:{:02}", h.trunc() as u32, (h.fract() * 60.0).round() as u32))
        .y_desc("per minute")
        .draw()?;
    let cold = RGBColor(213, 94, 0);
    let envs = RGBColor(0, 114, 178);
    chart.draw_series(
        day.cold_starts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0.0 && c.is_finite())
            .map(|(m, c)| Rectangle::new([(hour(m), 0.0), (hour(m + 1), *c)], cold.mix(0.8).filled())),
    )?;
    chart.draw_series(LineSeries::new(
        day.environments.iter().enumerate().map(|(m, e)| (hour(m), if e.is_finite() { *e } else { 0.0 })),
        envs.stroke_width(style.px(2.0)),
    ))?;
    let legend =
        [("cold starts".to_string(), Swatch::Block(cold)), ("live environments".to_string(), Swatch::Line(envs))];
    themed_legend(&chart.plotting_area().strip_coord_spec(), &legend, Corner::UpperRight, style)?;
    root.present()
}
