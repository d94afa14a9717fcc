//! Monthly cost against p99 latency, one point per platform: the trade-off in one picture, with the p99
//! target as a line and the cheapest platform that meets it ringed. A platform without a latency figure
//! (no execution model yet) or that cannot run the workload is named in a note under the plot instead of
//! being drawn, so the chart never invents a figure.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ticks::{log_ticks, text_width};
use super::{Style, dollars, platform_colour, themed_mesh};
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

impl CostLatency {
    /// The cheapest platform drawn whose p99 meets the target (`None` without a target).
    pub fn best(&self) -> Option<PlatformId> {
        let t = self.target_p99_ms?;
        self.points
            .iter()
            .filter_map(|p| Some((p.id, p.monthly_usd?, p.p99_ms?)))
            .filter(|(_, _, p99)| *p99 <= t)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _, _)| id)
    }
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

/// Splits `text` into lines of at most `chars` characters at spaces (a longer word keeps its line).
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A label's box in backend pixels: (left, top, right, bottom).
type Box4 = (i32, i32, i32, i32);

fn overlaps(a: Box4, b: Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CostLatency,
    labels: &dyn Fn(PlatformId) -> String,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&style.background)?;
    let text = |size: f64| super::text(style, size);
    let font = style.font(12.0);
    let (width, height) = root.dim_in_pixel();
    // The notes wrap to the chart's width, so a phone shows them whole.
    let per_line = ((f64::from(width) - f64::from(style.px(24.0))) / text_width(1, font)).max(16.0) as usize;
    let notes: Vec<String> = notes(data, labels).iter().flat_map(|n| wrap(n, per_line)).collect();
    let line = style.px(16.0);
    let note_height = (notes.len() as u32 * line + style.px(12.0)).min(height / 2);
    let (plot, note_area) = root.split_vertically(height - note_height);
    for (i, note) in notes.iter().enumerate() {
        note_area.draw(&Text::new(
            note.clone(),
            (style.px(12.0) as i32, (style.px(4.0) + i as u32 * line) as i32),
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
    let (margin, x_area, y_area) = (style.px(10.0), style.px(36.0), style.px(66.0));
    let (plot_w, plot_h) = plot.dim_in_pixel();
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
    // Labels are placed greedily and drawn only where they clear every label already placed and stay
    // inside the plot: on a phone some points go unnamed (the table under the chart names them all).
    let (left, right) = (chart.backend_coord(&(xlo, ylo)).0, chart.backend_coord(&(xhi, ylo)).0);
    let text_h = (font * 1.2) as i32;
    let mut placed: Vec<Box4> = Vec::new();
    let place = |label: &str, at: (i32, i32), placed: &mut Vec<Box4>| -> Option<(i32, i32)> {
        let w = text_width(label.chars().count(), font) as i32;
        let gap = style.px(8.0) as i32;
        // Right of the point, left of it, then above or below to the right.
        let spots = [(at.0 + gap, 0), (at.0 - gap - w, 0), (at.0 + gap / 2, -text_h), (at.0 + gap / 2, text_h)];
        for (x0, dy) in spots {
            let b = (x0, at.1 + dy - text_h / 2, x0 + w, at.1 + dy + text_h / 2);
            if b.0 >= left && b.2 <= right && placed.iter().all(|p| !overlaps(*p, b)) {
                placed.push(b);
                return Some((b.0, b.1));
            }
        }
        None
    };
    let radius = style.px(6.0);
    // Every point's own box first, so no label covers a point.
    for (_, usd, p99) in &drawn {
        let (cx, cy) = chart.backend_coord(&(*usd, *p99));
        let r = radius as i32;
        placed.push((cx - r, cy - r, cx + r, cy + r));
    }
    let red = RGBColor(213, 94, 0);
    if let Some(t) = data.target_p99_ms {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(xlo, t), (xhi, t)],
            red.stroke_width(style.px(2.0)),
        )))?;
        let label = format!("p99 target {}", ms(t));
        let (x0, y0) = chart.backend_coord(&(xlo, t));
        // Just over the line at its left end, else at its right end.
        let w = text_width(label.chars().count(), font) as i32;
        let gap = style.px(8.0) as i32;
        let y = y0 - text_h / 2 - 2;
        let spot = place(&label, (x0 - gap + 2, y), &mut placed)
            .or_else(|| place(&label, (right - gap - w - 2, y), &mut placed));
        if let Some(at) = spot {
            plot.draw(&Text::new(label, (at.0 - plot.get_base_pixel().0, at.1 - plot.get_base_pixel().1), text(12.0)))?;
        }
    }
    let best = data.best();
    let mut order: Vec<&(&Point, f64, f64)> = drawn.iter().collect();
    // The marked point is named first, then the cheapest.
    order.sort_by(|a, b| (Some(b.0.id) == best).cmp(&(Some(a.0.id) == best)).then(a.1.total_cmp(&b.1)));
    for (p, usd, p99) in drawn.iter().copied() {
        let colour = platform_colour(p.id, style);
        chart.draw_series([
            Circle::new((usd, p99), radius, colour.filled()),
            Circle::new((usd, p99), radius, style.ink.stroke_width(1)),
        ])?;
        if Some(p.id) == best {
            chart.draw_series([Circle::new((usd, p99), radius * 2, style.ink.stroke_width(style.px(2.0)))])?;
        }
    }
    let base = plot.get_base_pixel();
    for (p, usd, p99) in order {
        // The marked point says why it is marked, when that fits; else it is named like the others.
        let mut names = vec![labels(p.id)];
        if Some(p.id) == best {
            names.insert(0, format!("{} (cheapest meeting the target)", labels(p.id)));
        }
        let at = chart.backend_coord(&(*usd, *p99));
        if let Some((name, (x0, y0))) = names.into_iter().find_map(|n| Some((n.clone(), place(&n, at, &mut placed)?))) {
            plot.draw(&Text::new(name, (x0 - base.0, y0 - base.1), text(12.0)))?;
        }
    }
    root.present()
}
