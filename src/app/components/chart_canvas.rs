//! A canvas that draws one of the charts of `crate::chart` at the screen's pixel density, redrawing when
//! its data, the theme or the window size change — in the next animation frame, so several changes
//! within one frame draw once. A missing canvas or context is skipped, not a panic.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{HtmlCanvasElement, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

use crate::app::canvas::MeasuredCanvas;
use crate::app::crossover_layers::{self, Layers};
use crate::chart::{self, Style};
use crate::core::coldstart::ColdStartReport;
use crate::core::crossover::Curves;

#[derive(Clone, PartialEq)]
pub enum Plot {
    Crossover { curves: Rc<Curves>, current: f64 },
    Latency { report: Rc<ColdStartReport>, target_p99_ms: Option<f64> },
    Day { report: Rc<ColdStartReport> },
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    /// What the chart shows, for screen readers.
    pub label: AttrValue,
    pub plot: Plot,
    pub dark: bool,
    /// Height in CSS pixels; the width follows the container.
    pub height: u32,
}

/// Draws `plot` at `css_width` (the canvas's width as the last layout gave it; read from the element only
/// before the first observation, since reading it forces a layout).
fn draw(
    canvas: &HtmlCanvasElement,
    css_width: Option<f64>,
    layers: &RefCell<Layers>,
    plot: &Plot,
    dark: bool,
    height: u32,
) -> Option<f64> {
    if matches!(plot, Plot::Crossover { curves, .. } if curves.volumes.is_empty()) {
        // The first paint's curves are still on their way from the worker.
        return None;
    }
    let window = web_sys::window()?;
    let started = window.performance().map(|p| p.now());
    let scale = window.device_pixel_ratio().clamp(1.0, 4.0);
    let width = css_width.unwrap_or_else(|| f64::from(canvas.client_width())).max(200.0);
    let (w, h) = ((width * scale).round() as u32, (f64::from(height) * scale).round() as u32);
    // Resizing the bitmap would invalidate the page's layout; the chart paints its background anyway.
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let style = if dark { Style::dark(scale) } else { Style::light(scale) };
    let root = MeasuredCanvas::new(canvas)?.into_drawing_area();
    let drawn = match plot {
        Plot::Crossover { curves, current } => {
            crossover_layers::draw(layers, canvas, curves, *current, &style).is_some()
        }
        Plot::Latency { report, target_p99_ms } => chart::latency::draw(&root, report, *target_p99_ms, &style).is_ok(),
        Plot::Day { report } => chart::day::draw(&root, &report.series, &style).is_ok(),
    };
    let elapsed = started.zip(window.performance().map(|p| p.now())).map(|(a, b)| b - a);
    drawn.then_some(elapsed.unwrap_or(0.0))
}

/// The newest figure waiting to be drawn, and the browser callbacks that will draw it: the next animation
/// frame, or a timeout where frames do not come (a hidden or throttled frame), whichever is first.
#[derive(Default)]
struct Pending {
    figure: Option<(Plot, bool)>,
    frame: Option<i32>,
    timeout: Option<i32>,
}

/// Frames never come for a hidden page or frame; the figure is drawn after this long instead.
const FALLBACK_MS: i32 = 200;

impl Pending {
    fn cancel(&mut self) {
        if let Some(w) = web_sys::window() {
            if let Some(id) = self.frame.take() {
                let _ = w.cancel_animation_frame(id);
            }
            if let Some(id) = self.timeout.take() {
                w.clear_timeout_with_handle(id);
            }
        }
    }
}

/// Counts size changes; a new count redraws the chart.
#[derive(PartialEq)]
struct Resizes(u32);

impl Reducible for Resizes {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Resizes(self.0.wrapping_add(1)))
    }
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &Props) -> Html {
    let canvas = use_node_ref();
    let resized = use_reducer(|| Resizes(0));
    // The canvas's CSS width from a ResizeObserver, which reports it after each layout that changed it.
    let css_width = use_mut_ref(|| None::<f64>);
    {
        let (resized, canvas, css_width) = (resized.dispatcher(), canvas.clone(), css_width.clone());
        use_effect_with((), move |_| {
            let on_window = resized.clone();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| on_window.dispatch(())));
            let observed = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() else { return };
                let width = entry.content_rect().width();
                if css_width.replace(Some(width)).is_some_and(|old| old != width) {
                    resized.dispatch(());
                }
            });
            let observer = ResizeObserver::new(observed.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(element)) = (&observer, canvas.cast::<web_sys::Element>()) {
                o.observe(&element);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop((listener, observed));
            }
        });
    }
    let pending = use_mut_ref(Pending::default);
    let layers = use_mut_ref(Layers::default);
    // One callback for the component's life; it draws whatever is newest when it runs.
    let flush = {
        let (pending, canvas, height, css_width) = (pending.clone(), canvas.clone(), props.height, css_width.clone());
        use_memo((), move |_| {
            Closure::<dyn Fn()>::new(move || {
                let figure = {
                    let mut p = pending.borrow_mut();
                    p.cancel();
                    p.figure.take()
                };
                if let Some((plot, dark)) = figure
                    && let Some(element) = canvas.cast::<HtmlCanvasElement>()
                    && let Some(ms) = draw(&element, *css_width.borrow(), &layers, &plot, dark, height)
                {
                    // Read by the benchmark and the e2e test.
                    let _ = element.set_attribute("data-draw-ms", &format!("{ms:.2}"));
                }
            })
        })
    };
    {
        let pending = pending.clone();
        use_effect_with((), move |_| move || pending.borrow_mut().cancel());
    }
    // A chart is redrawn only when what it shows changed, and at most once per frame.
    use_effect_with((props.plot.clone(), props.dark, resized.0), move |(plot, dark, _)| {
        let mut p = pending.borrow_mut();
        p.figure = Some((plot.clone(), *dark));
        if p.frame.is_none()
            && let Some(w) = web_sys::window()
        {
            let f: &js_sys::Function = AsRef::<wasm_bindgen::JsValue>::as_ref(&*flush).unchecked_ref();
            p.frame = w.request_animation_frame(f).ok();
            p.timeout = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, FALLBACK_MS).ok();
        }
    });
    html! {
        <canvas id={props.id.clone()} ref={canvas} role="img" aria-label={props.label.clone()}
            class={format!("chart h{}", props.height)}></canvas>
    }
}
