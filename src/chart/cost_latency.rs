//! Monthly cost against simulated p99 latency, log–log: one point per feasible platform, the p99 target as a
//! vertical line with the side that meets it shaded, and the cheapest platform that meets it ringed.
//!
//! Which platform is the cheapest meeting the target is the verdict's decision, passed in as `marked`; the
//! chart only places what the core computed, and names it above the plot. Labels sit beside their
//! points where they fit (tried right, left, above, below) and are left out where they would cover another;
//! ticks are labelled only where their labels fit (`ticks`).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::latency::ms;
use super::ticks::{log_ticks, text_width};
use super::{Style, dollars, platform_colour, themed_mesh};
use crate::core::cost::{PlatformCost, PlatformId};

/// One platform on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub id: PlatformId,
    pub usd: f64,
    pub p99_ms: f64,
}

/// Every feasible platform with a simulated p99, as the evaluation reports it.
pub fn points(platforms: &[PlatformCost]) -> Vec<Point> {
    platforms
        .iter()
        .filter(|p| p.feasible)
        .filter_map(|p| {
            let p99 = p.performance.as_ref()?.latency_ms.p99;
            (p99.is_finite() && p99 > 0.0 && p.monthly_usd.is_finite()).then(|| Point {
                id: p.id,
                usd: p.monthly_usd.max(0.0),
                p99_ms: p99,
            })
        })
        .collect()
}

/// A label's box in pixels: (left, top, right, bottom).
type Boxed = (f64, f64, f64, f64);

fn overlaps(a: Boxed, b: Boxed) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[Point],
    target_p99_ms: Option<f64>,
    marked: Option<PlatformId>,
    labels: &dyn Fn(PlatformId) -> String,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    let text = |size: f64| super::text(style, size);
    if points.is_empty() {
        root.draw(&Text::new(
            "No simulated platform to plot",
            (style.px(16.0) as i32, style.px(16.0) as i32),
            text(14.0),
        ))?;
        return root.present();
    }
    // Free platforms (a free tier) sit on the floor of the log axis, a third below the cheapest paid one.
    let cheapest_paid = points.iter().map(|p| p.usd).filter(|u| *u > 0.0).fold(f64::INFINITY, f64::min);
    let floor = if cheapest_paid.is_finite() { cheapest_paid / 3.0 } else { 0.01 };
    let lowest = if points.iter().any(|p| p.usd <= 0.0) { floor } else { cheapest_paid };
    let (ylo, yhi) = (lowest / 1.6, points.iter().map(|p| p.usd).fold(floor, f64::max) * 1.6);
    let lat = points.iter().map(|p| p.p99_ms).chain(target_p99_ms);
    let (xlo, xhi) = lat.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (xlo, xhi) = (xlo / 1.6, xhi * 1.6);

    let (margin, x_area, y_area) = (style.px(12.0), style.px(36.0), style.px(58.0));
    let (w, h) = root.dim_in_pixel();
    let font = style.font(12.0);
    let x_ticks = log_ticks(
        xlo,
        xhi,
        f64::from(w) - f64::from(2 * margin + y_area),
        (f64::from(y_area), f64::from(margin)),
        &|v| text_width(ms(v).chars().count(), font),
    );
    let caption_px = if marked.is_some() { style.font(13.0) * 1.5 } else { 0.0 };
    let y_ticks = log_ticks(
        ylo,
        yhi,
        f64::from(h) - f64::from(2 * margin + x_area) - caption_px,
        (f64::from(x_area), f64::from(margin)),
        &|_| font * 1.6,
    );
    // The marked platform is named above the plot, where nothing can cover it; its point carries a ring.
    let mut builder = ChartBuilder::on(root);
    if let Some(m) = marked.filter(|m| points.iter().any(|p| p.id == *m)) {
        builder.caption(format!("cheapest meeting the target (ringed): {}", labels(m)), text(13.0));
    }
    let mut chart = builder.margin(margin).x_label_area_size(x_area).y_label_area_size(y_area).build_cartesian_2d(
        (xlo..xhi).log_scale().with_key_points(x_ticks),
        (ylo..yhi).log_scale().with_key_points(y_ticks),
    )?;
    themed_mesh(&mut chart.configure_mesh(), style)
        .x_desc("simulated p99 latency")
        .y_desc("USD / month")
        .x_label_formatter(&|v| ms(*v))
        .y_label_formatter(&|v| dollars(*v))
        .draw()?;

    if let Some(t) = target_p99_ms {
        let meets = RGBColor(0, 158, 115);
        chart.draw_series(std::iter::once(Rectangle::new([(xlo, ylo), (t, yhi)], meets.mix(0.08).filled())))?;
        let red = RGBColor(213, 94, 0);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(t, ylo), (t, yhi)],
            red.stroke_width(style.px(2.0)),
        )))?;
        let anchor = Pos::new(HPos::Right, VPos::Top);
        chart.draw_series(std::iter::once(Text::new(
            format!("p99 target {}", ms(t)),
            (t / 1.04, yhi / 1.1),
            text(12.0).pos(anchor),
        )))?;
    }

    let at = |p: &Point| (p.p99_ms, p.usd.max(floor));
    let radius = style.px(6.0);
    for p in points {
        let colour = platform_colour(p.id, style);
        chart.draw_series(std::iter::once(Circle::new(at(p), radius, colour.filled())))?;
        chart.draw_series(std::iter::once(Circle::new(at(p), radius, style.ink.stroke_width(style.px(1.0)))))?;
        if Some(p.id) == marked {
            let ring = style.ink.stroke_width(style.px(2.0));
            chart.draw_series(std::iter::once(Circle::new(at(p), style.px(11.0), ring)))?;
        }
    }

    let area = chart.plotting_area().get_pixel_range();
    let base = root.get_base_pixel();
    let mut placed: Vec<Boxed> = Vec::new();

    // Labels beside their points where they fit.
    let bounds = (f64::from(area.0.start), f64::from(area.1.start), f64::from(area.0.end), f64::from(area.1.end));
    placed.extend(points.iter().map(|p| {
        let (x, y) = chart.backend_coord(&at(p));
        let r = f64::from(style.px(7.0));
        (f64::from(x) - r, f64::from(y) - r, f64::from(x) + r, f64::from(y) + r)
    }));
    // Clear of the ring around the marked point too.
    let (gap, height) = (f64::from(style.px(14.0)), font * 1.2);
    for p in points {
        let label = labels(p.id);
        let (x, y) = chart.backend_coord(&at(p));
        let (x, y, width) = (f64::from(x), f64::from(y), text_width(label.chars().count(), font));
        let candidates = [
            (x + gap, y - height / 2.0),
            (x - gap - width, y - height / 2.0),
            (x - width / 2.0, y - gap - height),
            (x - width / 2.0, y + gap),
        ];
        let spot = candidates.into_iter().map(|(l, t)| (l, t, l + width, t + height)).find(|b| {
            let inside = b.0 >= bounds.0 && b.1 >= bounds.1 && b.2 <= bounds.2 && b.3 <= bounds.3;
            let own = |o: &Boxed| o.0 <= x && x <= o.2 && o.1 <= y && y <= o.3;
            inside && placed.iter().all(|o| own(o) || !overlaps(*b, *o))
        });
        if let Some(b) = spot {
            // Backend pixels are absolute; the root area may sit anywhere on the backend.
            root.draw(&Text::new(label, (b.0 as i32 - base.0, b.1 as i32 - base.1), text(12.0)))?;
            placed.push(b);
        }
    }
    root.present()
}
