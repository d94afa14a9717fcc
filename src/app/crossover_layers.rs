//! The crossover chart kept as two images — everything under the current-volume marker, and the
//! break-even points and legend over it — so that moving the volume (the requests slider) redraws only
//! the marker between them instead of 241 points × 8 platforms, axes and labels.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::app::canvas::MeasuredCanvas;
use crate::chart::Style;
use crate::chart::crossover::{Layer, draw_layer};
use crate::core::crossover::Curves;

/// What the cached images show: these curves, in this theme, at this bitmap size.
struct Key {
    curves: Rc<Curves>,
    dark: bool,
    size: (u32, u32),
}

impl Key {
    fn matches(&self, curves: &Rc<Curves>, dark: bool, size: (u32, u32)) -> bool {
        self.dark == dark && self.size == size && (Rc::ptr_eq(&self.curves, curves) || *self.curves == **curves)
    }
}

/// The last chart drawn, and two offscreen canvases with its layers once the volume has moved.
#[derive(Default)]
pub struct Layers {
    key: Option<Key>,
    under: Option<HtmlCanvasElement>,
    over: Option<HtmlCanvasElement>,
    /// `under` and `over` show the chart of `key`.
    pictured: bool,
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// A canvas that is never attached to the page, `size` device pixels, cleared (reusing `reuse`'s bitmap
/// when it already has that size: resizing reallocates it).
fn offscreen(reuse: Option<HtmlCanvasElement>, (w, h): (u32, u32)) -> Option<HtmlCanvasElement> {
    let canvas = match reuse {
        Some(c) => c,
        None => gloo::utils::document().create_element("canvas").ok()?.dyn_into().ok()?,
    };
    if (canvas.width(), canvas.height()) == (w, h) {
        context(&canvas)?.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    } else {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    Some(canvas)
}

fn draw_on(canvas: &HtmlCanvasElement, curves: &Curves, current: f64, style: &Style, layer: Layer) -> Option<()> {
    let root = MeasuredCanvas::new(canvas)?.into_drawing_area();
    draw_layer(&root, curves, current, &|id| id.name().to_string(), style, layer).ok()
}

/// Draws the chart on `canvas` (already sized). New curves are drawn whole (the next change usually
/// brings new curves again); when only the volume moved, the layers are pictured once and then composed
/// around a freshly drawn marker.
pub fn draw(
    cache: &RefCell<Layers>,
    canvas: &HtmlCanvasElement,
    curves: &Rc<Curves>,
    current: f64,
    style: &Style,
) -> Option<()> {
    let size = (canvas.width(), canvas.height());
    let mut layers = cache.borrow_mut();
    if !layers.key.as_ref().is_some_and(|k| k.matches(curves, style.dark, size)) {
        layers.key = Some(Key { curves: curves.clone(), dark: style.dark, size });
        layers.pictured = false;
        return draw_on(canvas, curves, current, style, Layer::All);
    }
    if !layers.pictured {
        let under = offscreen(layers.under.take(), size)?;
        let over = offscreen(layers.over.take(), size)?;
        draw_on(&under, curves, current, style, Layer::Under)?;
        draw_on(&over, curves, current, style, Layer::Over)?;
        (layers.under, layers.over, layers.pictured) = (Some(under), Some(over), true);
    }
    let (under, over) = (layers.under.as_ref()?, layers.over.as_ref()?);
    let ctx = context(canvas)?;
    // The under layer is opaque (the theme's background), so it also clears the previous frame.
    ctx.draw_image_with_html_canvas_element(under, 0.0, 0.0).ok()?;
    draw_on(canvas, curves, current, style, Layer::Marker)?;
    ctx.draw_image_with_html_canvas_element(over, 0.0, 0.0).ok()
}
