//! Colours: one per platform from the platform table (the Okabe–Ito palette, distinguishable with the
//! common colour-vision deficiencies), plus the theme's ink, grid and background.

use plotters::style::RGBColor;

use crate::core::cost::PlatformId;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub background: RGBColor,
    pub ink: RGBColor,
    pub grid: RGBColor,
    /// Device pixels per CSS pixel (2 on a HiDPI screen): fonts and strokes scale with it.
    pub scale: f64,
    pub dark: bool,
}

impl Style {
    pub fn light(scale: f64) -> Style {
        Style {
            background: RGBColor(255, 255, 255),
            ink: RGBColor(27, 31, 36),
            grid: RGBColor(222, 226, 231),
            scale,
            dark: false,
        }
    }

    pub fn dark(scale: f64) -> Style {
        Style {
            background: RGBColor(23, 27, 33),
            ink: RGBColor(230, 233, 238),
            grid: RGBColor(52, 60, 70),
            scale,
            dark: true,
        }
    }

    /// A length in device pixels.
    pub fn px(&self, css_px: f64) -> u32 {
        (css_px * self.scale).round().max(1.0) as u32
    }

    pub fn font(&self, css_px: f64) -> f64 {
        css_px * self.scale
    }
}

/// One fixed colour per platform (its row of the platform table), so a platform keeps its colour across
/// charts and tables.
pub fn platform_colour(id: PlatformId, style: &Style) -> RGBColor {
    let colour = id.row().colour;
    let (r, g, b) = if style.dark { colour.dark } else { colour.light };
    RGBColor(r, g, b)
}

/// The same colour as CSS, for legends and tables drawn in HTML.
pub fn css(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}
