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
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

/// Waits until `check` holds (Yew renders asynchronously and debug wasm is slow), for at most 20 s.
async fn eventually(what: &str, check: impl Fn() -> Result<(), String>) {
    let mut last = String::new();
    for _ in 0..1000 {
        match check() {
            Ok(()) => return,
            Err(e) => last = e,
        }
        settle().await;
    }
    panic!("{what}: {last}");
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
        let expected = expected_costs(&preset.scenario);
        eventually(&preset.id, || {
            for (id, want) in &expected {
                let shown = shown_cost(&root, id);
                if &shown != want {
                    return Err(format!("{id} shows {shown}, the core computes {want}"));
                }
            }
            Ok(())
        })
        .await;
    }
}

#[wasm_bindgen_test]
async fn verdict_card_shows_the_core_verdict_for_every_preset() {
    let root = mount().await;
    for preset in presets::all() {
        click(&root, &format!("#preset-{}", preset.id)).await;
        let v = eval::assess(&preset.scenario, &Catalog::builtin()).verdict;
        eventually(&preset.id, || {
            let decision =
                root.query_selector("#verdict-decision").ok().flatten().and_then(|d| d.get_attribute("data-decision"));
            let shown = (decision, text(&root, "#verdict-recommended"), text(&root, "#verdict-score"));
            let want = (Some(format!("{:?}", v.decision)), v.recommended.name().to_string(), v.score.to_string());
            if shown == want { Ok(()) } else { Err(format!("shows {shown:?}, the core decides {want:?}")) }
        })
        .await;
    }
}

#[wasm_bindgen_test]
async fn moving_the_volume_slider_changes_the_cost() {
    let root = mount().await;
    click(&root, "#reset").await;
    let defaults = expected_costs(&Scenario::default());
    eventually("reset shows the defaults", || {
        let want = &defaults[0].1;
        if &shown_cost(&root, "aws_lambda") == want { Ok(()) } else { Err(format!("lambda is not {want}")) }
    })
    .await;
    let before = shown_cost(&root, "aws_lambda");
    let slider: HtmlInputElement =
        root.query_selector("#c-requests_per_month").unwrap().expect("the volume slider exists").dyn_into().unwrap();
    slider.set_value("900");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    slider.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    eventually("the cost follows the slider", || {
        if shown_cost(&root, "aws_lambda") != before { Ok(()) } else { Err(format!("still {before}")) }
    })
    .await;
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
    eventually("a notice names the key", || {
        let n = text(&root, ".notices");
        if n.contains("cpu_fraction") { Ok(()) } else { Err(format!("notices: {n:?}")) }
    })
    .await;
}
