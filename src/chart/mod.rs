//! Charts drawn once against any plotters backend: `CanvasBackend` in the browser, SVG in native tests.
//! Each chart takes plain data from the core plus a `Style` (theme colours and the pixel scale of a
//! HiDPI screen) and never computes a figure itself.

pub mod crossover;

mod palette;

pub use palette::{Style, css, platform_colour};

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
