//! Browser tests: the real app mounted into a fresh element, read through the DOM, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use crossover::app::Explorer;
use crossover::core::{catalog::Catalog, cost::PlatformId, eval, scenario::Scenario};
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
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().map(|e| e.text_content().unwrap_or_default()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn default_scenario_shows_the_core_lambda_cost() {
    let root = mount().await;
    let expected = eval::assess(&Scenario::default(), &Catalog::builtin());
    let lambda = eval::platform(&expected.platforms, PlatformId::AwsLambda).expect("lambda is priced");
    let shown = text(&root, "#lambda-cost");
    assert_eq!(shown, crossover::app::format::usd(lambda.monthly_usd));
}

#[wasm_bindgen_test]
async fn moving_the_slider_changes_the_cost() {
    let root = mount().await;
    let before = text(&root, "#lambda-cost");
    let slider: HtmlInputElement =
        root.query_selector("#requests").unwrap().expect("the requests slider exists").dyn_into().unwrap();
    slider.set_value("900");
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    slider.dispatch_event(&event).unwrap();
    settle().await;
    let after = text(&root, "#lambda-cost");
    assert_ne!(before, after, "the cost follows the slider");
}
