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

use plotters::chart::{MeshStyle, SeriesLabelPosition, SeriesLabelStyle};
use plotters::coord::CoordTranslate;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::prelude::{Color, DrawingBackend, IntoFont};
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

/// The legend box in the theme's colours, at `position`.
pub fn themed_legend<'m, 'a, 'b, DB, CT>(
    legend: &'m mut SeriesLabelStyle<'a, 'b, DB, CT>,
    style: &Style,
    position: SeriesLabelPosition,
) -> &'m mut SeriesLabelStyle<'a, 'b, DB, CT>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    legend
        .position(position)
        .background_style(style.background.mix(0.85))
        .border_style(style.grid)
        .label_font(text(style, 11.0))
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
