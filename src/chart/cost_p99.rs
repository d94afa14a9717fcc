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

/// `prefix` and `items` joined by "; ", broken between items where it can (a platform's name stays on one
/// line), within an item only when the item alone is longer than a line.
fn wrap_items(prefix: &str, items: &[String], chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = prefix.trim_end().to_string();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() { format!("{item};") } else { item.clone() };
        if line.chars().count() + 1 + piece.chars().count() > chars && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if piece.chars().count() > chars {
            let mut parts = wrap(&piece, chars);
            line = parts.pop().unwrap_or_default();
            lines.extend(parts);
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A label and its top-left corner, backend pixels.
type Placed = (String, (i32, i32));

/// A label's box in backend pixels: (left, top, right, bottom).
type Box4 = (i32, i32, i32, i32);

fn overlaps(a: Box4, b: Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Where the labels go, in backend pixels, for a plotting area `area` (left, top, right, bottom) over the
/// log ranges `x` and `y`: greedily, the target's label, then the marked point's, then by cost, each only
/// where it clears every point and every label already placed. Returns the placed labels (text, top-left)
/// and the platforms left unnamed.
#[allow(clippy::too_many_arguments)]
fn place_labels(
    drawn: &[(&Point, f64, f64)],
    target: Option<f64>,
    best: Option<PlatformId>,
    labels: &dyn Fn(PlatformId) -> String,
    area: Box4,
    (x, y): ((f64, f64), (f64, f64)),
    font: f64,
    style: &Style,
) -> (Vec<Placed>, Vec<PlatformId>) {
    let (left, top, right, bottom) = area;
    let at = |usd: f64, p99: f64| -> (i32, i32) {
        let fx = (usd / x.0).ln() / (x.1 / x.0).ln();
        let fy = (p99 / y.0).ln() / (y.1 / y.0).ln();
        (left + (fx * f64::from(right - left)) as i32, bottom - (fy * f64::from(bottom - top)) as i32)
    };
    let text_h = (font * 1.2) as i32;
    let gap = style.px(8.0) as i32;
    let r = style.px(6.0) as i32;
    let mut placed: Vec<Box4> = drawn
        .iter()
        .map(|(_, usd, p99)| {
            let (cx, cy) = at(*usd, *p99);
            (cx - r, cy - r, cx + r, cy + r)
        })
        .collect();
    let mut place = |label: &str, spots: &[(i32, i32)]| -> Option<(i32, i32)> {
        let w = text_width(label.chars().count(), font) as i32;
        for &(x0, cy) in spots {
            let x0 = if x0 == i32::MIN { right - gap - w } else { x0 };
            let b = (x0, cy - text_h / 2, x0 + w, cy + text_h / 2);
            if b.0 >= left && b.2 <= right && b.1 >= top && b.3 <= bottom && placed.iter().all(|p| !overlaps(*p, b)) {
                placed.push(b);
                return Some((b.0, b.1));
            }
        }
        None
    };
    let mut out = Vec::new();
    if let Some(t) = target {
        let label = format!("p99 target {}", ms(t));
        let (_, ty) = at(x.0, t);
        // Just over the line at its left end, else at its right end (`i32::MIN`).
        let cy = ty - text_h / 2 - 2;
        if let Some(spot) = place(&label, &[(left + 2, cy), (i32::MIN, cy)]) {
            out.push((label, spot));
        }
    }
    let mut order: Vec<&(&Point, f64, f64)> = drawn.iter().collect();
    crate::core::stable_sort::sort_by(&mut order, |a, b| {
        (Some(b.0.id) == best).cmp(&(Some(a.0.id) == best)).then(a.1.total_cmp(&b.1))
    });
    let mut unnamed = Vec::new();
    for (p, usd, p99) in order {
        let (cx, cy) = at(*usd, *p99);
        let mut names = vec![labels(p.id)];
        // The marked point says why it is marked, when that fits; else it is named like the others.
        if Some(p.id) == best {
            names.insert(0, format!("{} (cheapest meeting the target)", labels(p.id)));
        }
        let spot = names.into_iter().find_map(|n| {
            let w = text_width(n.chars().count(), font) as i32;
            let spots = [(cx + gap, cy), (cx - gap - w, cy), (cx + gap / 2, cy - text_h), (cx + gap / 2, cy + text_h)];
            Some((n.clone(), place(&n, &spots)?))
        });
        match spot {
            Some(s) => out.push(s),
            None => unnamed.push(p.id),
        }
    }
    (out, unnamed)
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
    let base_notes = notes(data, labels);
    let line = style.px(16.0);
    let drawn: Vec<(&Point, f64, f64)> = data
        .points
        .iter()
        .filter_map(|p| Some((p, p.monthly_usd?, p.p99_ms?)))
        .filter(|(_, c, l)| *c > 0.0 && *l > 0.0)
        .collect();
    let x = span(drawn.iter().map(|d| d.1));
    let y = span(drawn.iter().map(|d| d.2).chain(data.target_p99_ms));
    let (margin, x_area, y_area) = (style.px(10.0), style.px(36.0), style.px(66.0));
    let best = data.best();
    // Points whose names do not fit beside them are named in the notes ("also plotted"), which takes
    // height from the plot: lay out, and again with that line, until the set stops changing.
    let mut unnamed: Vec<PlatformId> = Vec::new();
    let mut layout = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let mut notes: Vec<String> = base_notes.iter().flat_map(|n| wrap(n, per_line)).collect();
        if !unnamed.is_empty() {
            let also: Vec<String> = drawn
                .iter()
                .filter(|d| unnamed.contains(&d.0.id))
                // On a narrow chart the names alone (the figures are in the table under it).
                .map(|(p, usd, p99)| {
                    if per_line < 70 {
                        labels(p.id)
                    } else {
                        format!("{} ({}/month, p99 {})", labels(p.id), dollars(*usd), ms(*p99))
                    }
                })
                .collect();
            notes.extend(wrap_items("Also plotted: ", &also, per_line));
        }
        let note_height = (notes.len() as u32 * line + style.px(12.0)).min(height / 2);
        let plot_h = (height - note_height) as i32;
        let area =
            ((margin + y_area) as i32, margin as i32, width as i32 - margin as i32, plot_h - (margin + x_area) as i32);
        let (placed, missing) = match (x, y) {
            (Some(x), Some(y)) => place_labels(&drawn, data.target_p99_ms, best, labels, area, (x, y), font, style),
            _ => (Vec::new(), Vec::new()),
        };
        let settled = missing.iter().all(|id| unnamed.contains(id));
        layout = (notes, placed, missing.clone());
        if settled {
            break;
        }
        for id in missing {
            if !unnamed.contains(&id) {
                unnamed.push(id);
            }
        }
    }
    let (notes, placed, _) = layout;
    let note_height = (notes.len() as u32 * line + style.px(12.0)).min(height / 2);
    let (plot, note_area) = root.split_vertically(height - note_height);
    for (i, note) in notes.iter().enumerate() {
        note_area.draw(&Text::new(
            note.clone(),
            (style.px(12.0) as i32, (style.px(4.0) + i as u32 * line) as i32),
            text(12.0),
        ))?;
    }
    let (Some((xlo, xhi)), Some((ylo, yhi))) = (x, y) else {
        plot.draw(&Text::new(
            "No platform has both a cost and a p99 figure",
            (style.px(16.0) as i32, style.px(16.0) as i32),
            text(14.0),
        ))?;
        return root.present();
    };
    // Both log axes keep the ticks whose labels fit (`ticks::log_ticks`), the latency chart's rule.
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
    if let Some(t) = data.target_p99_ms {
        let red = RGBColor(213, 94, 0);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(xlo, t), (xhi, t)],
            red.stroke_width(style.px(2.0)),
        )))?;
    }
    let radius = style.px(6.0);
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
    for (label, (x0, y0)) in placed {
        plot.draw(&Text::new(label, (x0 - base.0, y0 - base.1), text(12.0)))?;
    }
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_break_between_names_and_lines_stay_within_the_width() {
        let items: Vec<String> =
            ["AWS EC2 + ALB", "Google Cloud Run", "AWS EKS (EC2 nodes) + ALB"].map(String::from).into();
        let lines = wrap_items("Also plotted: ", &items, 32);
        assert_eq!(lines, ["Also plotted: AWS EC2 + ALB;", "Google Cloud Run;", "AWS EKS (EC2 nodes) + ALB"]);
        // A name longer than a line is broken inside, at spaces.
        let long = wrap_items("Also plotted: ", &items[2..], 12);
        assert_eq!(long, ["Also plotted:", "AWS EKS (EC2", "nodes) + ALB"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 32), "{lines:?}");
        assert_eq!(wrap_items("Also plotted: ", &items[..1], 80), ["Also plotted: AWS EC2 + ALB"]);
    }
}
