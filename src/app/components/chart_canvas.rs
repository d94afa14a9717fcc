//! A canvas that draws one of the charts of `crate::chart` at the screen's pixel density, redrawing when
//! its data, the theme or the window size change. A missing canvas or context is skipped, not a panic.

use std::rc::Rc;

use gloo::events::EventListener;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::chart::cost_p99::CostLatency;
use crate::chart::{self, Style};
use crate::core::coldstart::ColdStartReport;
use crate::core::crossover::Curves;

#[derive(Clone, PartialEq)]
pub enum Plot {
    Crossover { curves: Rc<Curves>, current: f64 },
    Latency { report: Rc<ColdStartReport>, target_p99_ms: Option<f64> },
    Day { report: Rc<ColdStartReport> },
    CostP99 { data: Rc<CostLatency> },
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

fn draw(canvas: &HtmlCanvasElement, plot: &Plot, dark: bool, height: u32) -> Option<f64> {
    let window = web_sys::window()?;
    let started = window.performance().map(|p| p.now());
    let scale = window.device_pixel_ratio().clamp(1.0, 4.0);
    let width = f64::from(canvas.client_width().max(200));
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((f64::from(height) * scale).round() as u32);
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    let style = if dark { Style::dark(scale) } else { Style::light(scale) };
    let drawn = match plot {
        Plot::Crossover { curves, current } => {
            chart::crossover::draw(&root, curves, *current, &|id| id.name().to_string(), &style).is_ok()
        }
        Plot::Latency { report, target_p99_ms } => chart::latency::draw(&root, report, *target_p99_ms, &style).is_ok(),
        Plot::Day { report } => chart::day::draw(&root, &report.series, &style).is_ok(),
        Plot::CostP99 { data } => chart::cost_p99::draw(&root, data, &|id| id.name().to_string(), &style).is_ok(),
    };
    let elapsed = started.zip(window.performance().map(|p| p.now())).map(|(a, b)| b - a);
    drawn.then_some(elapsed.unwrap_or(0.0))
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &Props) -> Html {
    let canvas = use_node_ref();
    let resized = use_state(|| 0u32);
    {
        let resized = resized.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| EventListener::new(&w, "resize", move |_| resized.set((*resized).wrapping_add(1))));
            move || drop(listener)
        });
    }
    {
        let canvas = canvas.clone();
        let height = props.height;
        use_effect_with((props.plot.clone(), props.dark, *resized), move |(plot, dark, _)| {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>()
                && let Some(ms) = draw(&element, plot, *dark, height)
            {
                // Read by the benchmark and the e2e test.
                let _ = element.set_attribute("data-draw-ms", &format!("{ms:.2}"));
            }
        });
    }
    html! {
        <canvas id={props.id.clone()} ref={canvas} role="img" aria-label={props.label.clone()}
            class={format!("chart h{}", props.height)}></canvas>
    }
}
