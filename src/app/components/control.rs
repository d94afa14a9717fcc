//! One control of the table in `app::controls`, rendered by kind. It reports (key, text) and never
//! interprets the value: the reducer validates it through `core::keys`.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::components::log_slider::LogSlider;
use crate::app::controls::{Control, Kind};
use crate::app::format::field_text;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub control: Control,
    /// The key's current text value (`none` for an unset optional).
    pub value: AttrValue,
    pub onset: Callback<(&'static str, String)>,
}

/// A slider's value as the key's text: whole-number keys get whole numbers.
fn text(v: f64, whole: bool) -> String {
    field_text(if whole { v.round() } else { v })
}

#[function_component(ControlView)]
pub fn control_view(props: &Props) -> Html {
    let Control { key, label, unit, hint, kind } = props.control;
    let id = format!("c-{key}");
    let hint_id = format!("{id}-hint");
    let emit = {
        let onset = props.onset.clone();
        move |text: String| onset.emit((key, text))
    };
    let number = props.value.parse::<f64>().ok();
    let unit_label = if unit.is_empty() { String::new() } else { format!(" ({unit})") };

    let field = match kind {
        Kind::Log { min, max, whole } => {
            let emit = emit.clone();
            return html! {
                <LogSlider id={id} label={label} unit={unit} hint={hint} min={min} max={max}
                    value={number.unwrap_or(min)} onchange={Callback::from(move |v: f64| emit(text(v, whole)))} />
            };
        }
        Kind::Optional { min, max, on, whole } => {
            let enabled = number.is_some();
            let toggle = {
                let emit = emit.clone();
                Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    emit(if input.checked() { field_text(on) } else { "none".into() });
                })
            };
            let slide = Callback::from(move |v: f64| emit(text(v, whole)));
            return html! {
                <div class={classes!("control", "optional", (!enabled).then_some("off"))}>
                    <label class="check"><input type="checkbox" id={format!("{id}-on")} checked={enabled} onchange={toggle} />
                        {label}<span class="unit">{unit_label}</span></label>
                    if enabled {
                        <LogSlider id={id} label={label} unit={unit} hint={hint} min={min} max={max}
                            value={number.unwrap_or(on)} onchange={slide} />
                    } else {
                        <small id={hint_id}>{hint}</small>
                    }
                </div>
            };
        }
        Kind::Linear { min, max, step } => {
            let on_slide = {
                let emit = emit.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    emit(input.value());
                })
            };
            let on_typed = {
                let emit = emit.clone();
                Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    emit(input.value());
                })
            };
            let v = number.unwrap_or(min);
            html! {
                <div class="control-row">
                    <input type="range" id={id.clone()} min={min.to_string()} max={max.to_string()} step={step.to_string()}
                        value={v.to_string()} aria-describedby={hint_id.clone()} oninput={on_slide} />
                    <input type="number" class="typed" aria-label={format!("{label}, typed")}
                        min={min.to_string()} max={max.to_string()} step={step.to_string()}
                        value={field_text(v)} onchange={on_typed} />
                </div>
            }
        }
        Kind::Select(options) => {
            let onchange = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                emit(select.value());
            });
            html! {
                <select id={id.clone()} aria-describedby={hint_id.clone()} {onchange}>
                    { for options.iter().map(|(value, text)| html! {
                        <option value={*value} selected={props.value.as_str() == *value}>{*text}</option>
                    }) }
                </select>
            }
        }
        Kind::Toggle => {
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                emit(input.checked().to_string());
            });
            return html! {
                <div class="control toggle">
                    <label class="check"><input type="checkbox" id={id} checked={props.value.as_str() == "true"}
                        aria-describedby={hint_id.clone()} {onchange} />{label}</label>
                    <small id={hint_id}>{hint}</small>
                </div>
            };
        }
    };
    html! {
        <div class="control">
            <label for={id}>{label}<span class="unit">{unit_label}</span></label>
            {field}
            <small id={hint_id}>{hint}</small>
        </div>
    }
}
