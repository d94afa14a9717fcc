//! The libraries' floor: a Yew app with one slider, a list and one plotters chart, parsing JSON with serde_json
//! and formatting floats, built as the site is. See README.md in this directory.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::Deserialize;
use yew::prelude::*;

#[derive(Deserialize, Clone, PartialEq)]
struct Price {
    name: String,
    usd: f64,
}

#[function_component]
fn App() -> Html {
    let volume = use_state(|| 1e6_f64);
    let prices: Vec<Price> = serde_json::from_str(r#"[{"name":"a","usd":0.2}]"#).unwrap_or_default();
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let v = *volume;
        use_effect_with(v, move |v| {
            if let Some(c) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                if let Some(b) = CanvasBackend::with_canvas_object(c) {
                    let root = b.into_drawing_area();
                    let _ = root.fill(&WHITE);
                    if let Ok(mut ch) = ChartBuilder::on(&root)
                        .margin(10)
                        .x_label_area_size(30)
                        .y_label_area_size(40)
                        .build_cartesian_2d(0f64..1e7, 0f64..100.0)
                    {
                        let _ = ch.configure_mesh().draw();
                        let _ = ch.draw_series(LineSeries::new(
                            (0..100).map(|i| (i as f64 * 1e5, i as f64 * v / 1e7)),
                            &BLUE,
                        ));
                    }
                }
            }
        });
    }
    let oninput = {
        let volume = volume.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            volume.set(el.value().parse().unwrap_or(0.0));
        })
    };
    html! {
        <main>
            <input type="range" min="0" max="10000000" value={volume.to_string()} {oninput} />
            <ul>{ for prices.iter().map(|p| html!{ <li>{format!("{}: ${:.2}", p.name, p.usd * *volume / 1e6)}</li> }) }</ul>
            <canvas ref={canvas} width="600" height="300" />
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
