//! Browser tests: the real app mounted into a fresh element, read through the DOM, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use crossover::app::{Explorer, format};
use crossover::core::{catalog::Catalog, eval, presets, scenario::Scenario};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the explorer into a new element and waits for Yew's first render.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div can be created");
    document.body().expect("the test page has a body").append_child(&root).expect("append");
    yew::Renderer::<Explorer>::with_root(root.clone()).render();
    settle().await;
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(50)).await;
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

fn shown_cost(root: &Element, platform: &str) -> String {
    text(root, &format!("tr[data-platform={platform}] td.usd")).trim().to_string()
}

fn expected_costs(s: &Scenario) -> Vec<(String, String)> {
    eval::assess(s, &Catalog::builtin())
        .platforms
        .iter()
        .map(|p| {
            let id = serde_json::to_value(p.id).unwrap().as_str().unwrap().to_string();
            (id, if p.feasible { format::usd(p.monthly_usd) } else { "—".into() })
        })
        .collect()
}

async fn click(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = root.query_selector(selector).unwrap().expect(selector).dyn_into().unwrap();
    el.click();
    settle().await;
}

#[wasm_bindgen_test]
async fn cost_table_shows_the_core_costs_for_every_preset() {
    let root = mount().await;
    for preset in presets::all() {
        click(&root, &format!("#preset-{}", preset.id)).await;
        for (id, expected) in expected_costs(&preset.scenario) {
            assert_eq!(shown_cost(&root, &id), expected, "{id} in preset {}", preset.id);
        }
    }
}

#[wasm_bindgen_test]
async fn verdict_card_shows_the_core_verdict_for_every_preset() {
    let root = mount().await;
    for preset in presets::all() {
        click(&root, &format!("#preset-{}", preset.id)).await;
        let v = eval::assess(&preset.scenario, &Catalog::builtin()).verdict;
        let decision = root.query_selector("#verdict-decision").unwrap().unwrap();
        assert_eq!(decision.get_attribute("data-decision").unwrap(), format!("{:?}", v.decision), "{}", preset.id);
        assert_eq!(text(&root, "#verdict-recommended"), v.recommended.name(), "{}", preset.id);
        assert_eq!(text(&root, "#verdict-score"), v.score.to_string(), "{}", preset.id);
    }
}

#[wasm_bindgen_test]
async fn moving_the_volume_slider_changes_the_cost() {
    let root = mount().await;
    click(&root, "#reset").await;
    let before = shown_cost(&root, "aws_lambda");
    let slider: HtmlInputElement =
        root.query_selector("#c-requests_per_month").unwrap().expect("the volume slider exists").dyn_into().unwrap();
    slider.set_value("900");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    slider.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    settle().await;
    assert_ne!(before, shown_cost(&root, "aws_lambda"), "the cost follows the slider");
}

#[wasm_bindgen_test]
async fn an_out_of_range_typed_value_is_reported_not_applied() {
    let root = mount().await;
    click(&root, "#reset").await;
    let field: HtmlInputElement =
        root.query_selector("#c-cpu_fraction + .typed").unwrap().expect("typed cpu field").dyn_into().unwrap();
    field.set_value("7");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    field.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    settle().await;
    assert!(text(&root, ".notices").contains("cpu_fraction"), "notice names the key: {}", text(&root, ".notices"));
}
