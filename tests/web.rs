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

/// Every control sets a scenario key, and its typed field spans exactly what the model accepts for
/// that key (the key table's range): no slider stops short of a valid value or goes past one.
#[wasm_bindgen_test]
async fn every_control_sets_a_key_over_its_range() {
    use crossover::core::scenario;
    let root = mount().await;
    click(&root, "#reset").await;
    let controls = root.query_selector_all("[id^='c-']").expect("a selector");
    let mut typed = 0;
    for i in 0..controls.length() {
        let el: Element = controls.item(i).expect("an item").dyn_into().expect("an element");
        let id = el.id();
        if id.ends_with("-hint") || id.ends_with("-on") {
            continue;
        }
        let key = id.trim_start_matches("c-");
        let row = scenario::key(key).unwrap_or_else(|| panic!("control #{id} sets no scenario key"));
        let Some(field) = el.next_element_sibling().filter(|e| e.class_name().split(' ').any(|c| c == "typed")) else {
            continue;
        };
        let (lo, hi) = row.range().unwrap_or_else(|| panic!("#{id} has a typed number but {key} is not a number"));
        let attr = |name: &str| field.get_attribute(name).and_then(|v| v.parse::<f64>().ok());
        assert_eq!((attr("min"), attr("max")), (Some(lo), Some(hi)), "#{id} typed field range");
        typed += 1;
    }
    assert!(typed >= 10, "only {typed} typed number fields found");
    let duration_max = root.query_selector("#c-duration_ms + .typed").unwrap().expect("duration field");
    assert_eq!(duration_max.get_attribute("max").as_deref(), Some("86400000"));
}

/// A link with an unknown runtime shows a notice that names the key and lists the valid ids, and the
/// page runs the valid rest of the link.
#[wasm_bindgen_test]
async fn an_unknown_runtime_in_a_link_is_a_notice_with_the_valid_ids() {
    let window = gloo::utils::window();
    let history = window.history().expect("history");
    let path = window.location().pathname().expect("a path");
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}?v=2&rt=cobol&r=5e6")))
        .unwrap();
    let root = mount().await;
    eventually("a notice names the runtime", || {
        let n = text(&root, ".notices");
        let ok = n.contains("runtime: unknown value `cobol`; expected one of `nodejs20`") && n.contains("`ruby33`");
        if ok { Ok(()) } else { Err(format!("notices: {n:?}")) }
    })
    .await;
    let volume: HtmlInputElement =
        root.query_selector("#c-requests_per_month + .typed").unwrap().expect("volume field").dyn_into().unwrap();
    assert_eq!(volume.value(), "5000000", "the valid rest of the link is kept");
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    click(&root, "#reset").await;
}
