//! Charts drawn once against any plotters backend: `CanvasBackend` in the browser, SVG in native tests.
//! Each chart takes plain data from the core plus a `Style` (theme colours and the pixel scale of a
//! HiDPI screen) and never computes a figure itself.

pub mod cost_p99;
pub mod crossover;
pub mod day;
pub mod latency;
pub mod ticks;

mod palette;

pub use palette::{Style, css, platform_colour};

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::prelude::{
    Circle, Color, DrawingArea, DrawingAreaErrorKind, DrawingBackend, IntoFont, PathElement, RGBColor, Rectangle, Text,
};
use plotters::style::TextStyle;

/// Text in the theme's ink at `css_px` (scaled for the screen).
pub fn text(style: &Style, css_px: f64) -> TextStyle<'static> {
    ("sans-serif", style.font(css_px)).into_font().color(&style.ink)
}

/// The theme's grid, axes and tick labels, shared by every chart; each adds its own descriptions.
pub fn themed_mesh<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    style: &Style,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.light_line_style(style.grid.mix(0.4))
        .bold_line_style(style.grid)
        .axis_style(style.ink.mix(0.6))
        .label_style(text(style, 12.0))
}

/// What a legend row shows before its label: the series' line, a filled block (bars) or a dot (points).
#[derive(Clone, Copy)]
pub enum Swatch {
    Line(RGBColor),
    Block(RGBColor),
    Dot(RGBColor),
}

/// Where the legend sits in the plotting area.
#[derive(Clone, Copy)]
pub enum Corner {
    UpperLeft,
    UpperRight,
}

/// The legend box in the theme's colours, in a corner of `area` (a chart's plotting area), one row per
/// (label, swatch). Drawn here rather than by plotters' `configure_series_labels`, which measures each
/// label through its font — in the browser a `<span>` added to the page, forcing a layout per label —
/// where this measures through the backend (`DrawingArea::estimate_text_size`; the page's canvas answers
/// with `measureText`). Metrics as plotters' own: 10 px padding, 30 px for the swatch, 1.25 line height.
pub fn themed_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[(String, Swatch)],
    corner: Corner,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if rows.is_empty() {
        return Ok(());
    }
    let font = text(style, 11.0);
    let (pad, swatch, inset) = (style.px(10.0) as i32, style.px(30.0) as i32, style.px(5.0) as i32);
    let line = (style.font(11.0) * 1.25).round() as i32;
    let mut width = 0;
    for (label, _) in rows {
        width = width.max(area.estimate_text_size(label, &font)?.0 as i32);
    }
    let (w, h) = (width + swatch + 2 * pad, line * rows.len() as i32 + 2 * pad);
    let x = match corner {
        Corner::UpperLeft => inset,
        Corner::UpperRight => area.dim_in_pixel().0 as i32 - w - inset,
    };
    let y = inset;
    area.draw(&Rectangle::new([(x, y), (x + w, y + h)], style.background.mix(0.85).filled()))?;
    area.draw(&Rectangle::new([(x, y), (x + w, y + h)], style.grid))?;
    for (i, (label, mark)) in rows.iter().enumerate() {
        let top = y + pad + line * i as i32;
        let mid = top + line / 2;
        let x0 = x + pad;
        match *mark {
            Swatch::Line(c) => area.draw(&PathElement::new(
                vec![(x0, mid), (x0 + style.px(18.0) as i32, mid)],
                c.stroke_width(style.px(2.0)),
            ))?,
            Swatch::Block(c) => {
                let half = style.px(4.0) as i32;
                area.draw(&Rectangle::new([(x0, mid - half), (x0 + style.px(12.0) as i32, mid + half)], c.filled()))?
            }
            Swatch::Dot(c) => area.draw(&Circle::new((x0 + style.px(6.0) as i32, mid), style.px(5.0), c.filled()))?,
        }
        area.draw(&Text::new(label.as_str(), (x0 + swatch, top), font.clone()))?;
    }
    Ok(())
}

/// Axis label for dollars: `$0.42`, `$18`, `$1.2k`, `$3.4M`.
pub fn dollars(v: f64) -> String {
    match v.abs() {
        a if a >= 1e6 => format!("${:.1}M", v / 1e6),
        a if a >= 1e3 => format!("${:.1}k", v / 1e3),
        a if a >= 10.0 => format!("${v:.0}"),
        a if a >= 0.1 => format!("${v:.2}"),
        _ => format!("${v:.3}"),
    }
}

/// Axis label for counts on a log axis: `1k`, `10M`, `1B`.
pub fn count(v: f64) -> String {
    let (scaled, suffix) = match v.abs() {
        a if a >= 1e9 => (v / 1e9, "B"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    if (scaled - scaled.round()).abs() < 0.05 {
        format!("{:.0}{suffix}", scaled)
    } else {
        format!("{scaled:.1}{suffix}")
    }
}
