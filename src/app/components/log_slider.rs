//! A slider over a log scale with a typed number field beside it, for values spanning decades.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::format;

/// Slider positions per full range; fine enough that one arrow key moves by under 2 % even over the
/// widest range (requests, 12 decades: 10^(12/2000) = 1.014).
const STEPS: f64 = 2000.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub label: AttrValue,
    pub unit: AttrValue,
    pub hint: AttrValue,
    pub min: f64,
    pub max: f64,
    pub value: f64,
    pub onchange: Callback<f64>,
}

/// What the scale takes the log of: the value itself, or 1 + value when the range starts at 0 (a
/// count or a size that may be none at all).
fn shift(min: f64) -> f64 {
    if min > 0.0 { 0.0 } else { 1.0 - min }
}

fn to_position(v: f64, min: f64, max: f64) -> f64 {
    let (s, v) = (shift(min), v.clamp(min, max));
    (((v + s).log10() - (min + s).log10()) / ((max + s).log10() - (min + s).log10()) * STEPS).round()
}

fn from_position(p: f64, min: f64, max: f64) -> f64 {
    let s = shift(min);
    (10f64.powf((min + s).log10() + p / STEPS * ((max + s).log10() - (min + s).log10())) - s).clamp(min, max)
}

#[function_component(LogSlider)]
pub fn log_slider(props: &Props) -> Html {
    let Props { id, label, unit, hint, min, max, value, onchange } = props;
    let (min, max) = (*min, *max);

    let oninput = {
        let onchange = onchange.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(p) = input.value().parse::<f64>() {
                onchange.emit(from_position(p, min, max));
            }
        })
    };
    let onnumber = {
        let onchange = onchange.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // A typed value outside the range or not a number is ignored; the field snaps back on render.
            if let Ok(v) = input.value().trim().replace(',', "").parse::<f64>()
                && v.is_finite()
            {
                onchange.emit(v.clamp(min, max));
            }
        })
    };
    let hint_id = format!("{id}-hint");
    html! {
        <div class="control">
            <label for={id.clone()}>{label}<span class="unit">{format!(" ({unit})")}</span></label>
            <div class="control-row">
                <input type="range" id={id.clone()} min="0" max={STEPS.to_string()} step="1"
                    value={to_position(*value, min, max).to_string()}
                    aria-describedby={hint_id.clone()}
                    aria-valuetext={format!("{} {unit}", format::si(*value))}
                    {oninput} />
                <input type="number" class="typed" aria-label={format!("{label}, typed")}
                    min={min.to_string()} max={max.to_string()}
                    value={format::field_text(*value)} onchange={onnumber} />
            </div>
            <small id={hint_id}>{hint}</small>
        </div>
    }
}
