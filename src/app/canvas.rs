//! The plotters backend of the page's charts: plotters-canvas's `CanvasBackend`, with text measured by the
//! canvas itself. Plotters' own measurement (0.3.7, `src/style/font/web.rs`) appends a styled `<span>` to
//! the page and reads its size, which forces a style and layout of the whole page for every label of
//! every chart; `measureText` needs neither, and each (font, text) is measured once per page.

use std::cell::RefCell;
use std::collections::HashMap;

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Entries before the cache starts over (tick labels repeat; a few hundred distinct ones is typical).
const CACHE_MAX: usize = 4096;

thread_local! {
    static SIZES: RefCell<HashMap<(String, String), (u32, u32)>> = RefCell::new(HashMap::new());
}

/// plotters-canvas's error type (not exported by name).
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(MeasuredCanvas { inner: CanvasBackend::with_canvas_object(canvas.clone())?, context })
    }
}

/// The CSS font the canvas backend draws a text style with (the same format as `CanvasBackend::draw_text`).
fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str())
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: plotters_backend::BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }

    /// Width of the text as drawn, height of the font's line box (what the `<span>` measured).
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let key = (css_font(style), text.to_string());
        if let Some(size) = SIZES.with(|c| c.borrow().get(&key).copied()) {
            return Ok(size);
        }
        self.context.set_font(&key.0);
        let size = match self.context.measure_text(text) {
            Ok(m) => {
                (m.width().ceil() as u32, (m.font_bounding_box_ascent() + m.font_bounding_box_descent()).ceil() as u32)
            }
            // No metrics (never seen in practice): a sans-serif estimate rather than a failed chart.
            Err(_) => ((0.55 * style.size() * text.chars().count() as f64).ceil() as u32, (1.2 * style.size()) as u32),
        };
        SIZES.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= CACHE_MAX {
                c.clear();
            }
            c.insert(key, size);
        });
        Ok(size)
    }
}
