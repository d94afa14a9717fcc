//! The page: presets and controls on the left, the answers on the right. Every figure comes from the
//! core; this file only wires state to views.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::chart_canvas::{ChartCanvas, Plot};
use crate::app::components::claims_page::ClaimsPage;
use crate::app::components::coldstart_view::ColdStartView;
use crate::app::components::control::ControlView;
use crate::app::components::cost_table::CostTable;
use crate::app::components::notices::Notices;
use crate::app::components::sensitivity_view::SensitivityView;
use crate::app::components::verdict_card::VerdictCard;
use crate::app::controls;
use crate::app::persist;
use crate::app::simulation::use_simulation;
use crate::app::state::{Action, State, Theme};
use crate::chart::Style;
use crate::core::catalog::Catalog;
use crate::core::scenario::Scenario;
use crate::core::{crossover, eval, keys, presets, query};

#[derive(Clone, Copy, PartialEq)]
enum Page {
    Explorer,
    Claims,
}

/// The scenario from the link, else from storage, else the defaults; what was dropped becomes a notice.
fn initial_state() -> State {
    let mut state = State::default();
    let from_link = query::decode(&persist::current_query()).map(|r| (r, "Link"));
    if let Some(((scenario, errors), origin)) = from_link.or_else(|| persist::load().map(|r| (r, "Saved scenario"))) {
        state.scenario = scenario;
        state.notices = errors.into_iter().map(|e| format!("{origin}: {e} — replaced by the default")).collect();
    }
    state
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The curves depend on everything but the current volume, so dragging that slider never recomputes them.
fn curve_key(s: &Scenario) -> Scenario {
    Scenario { requests_per_month: 0.0, ..s.clone() }
}

#[function_component(Explorer)]
pub fn explorer() -> Html {
    let state = use_reducer(initial_state);
    let page = use_state(|| {
        if query::page_param(&persist::current_query(), "page").as_deref() == Some("claims") {
            Page::Claims
        } else {
            Page::Explorer
        }
    });
    let catalog = use_memo((), |_| Catalog::builtin());
    let scenario = state.scenario.clone();
    // The simulations come from the worker; until the ones for this exact scenario arrive, the latest
    // ones are re-priced for it, so every input answers at once and then settles on the exact figures.
    let (latest, sensitivity) = use_simulation(&scenario);
    let first = {
        let s = scenario.clone();
        use_memo((), move |_| Rc::new(eval::simulate(&s)))
    };
    let (sims, exact) = match &latest {
        Some(l) => (l.sims.clone(), l.scenario == scenario),
        None => ((*first).clone(), false),
    };
    let assessment = {
        let catalog = catalog.clone();
        use_memo((scenario.clone(), sims), move |(s, sims)| eval::assess_with(s, &catalog, sims))
    };
    let curves = {
        let catalog = catalog.clone();
        use_memo(curve_key(&scenario), move |s| Rc::new(crossover::curves(s, &catalog, eval::CURVE_POINTS)))
    };
    let coldstart = use_memo(assessment.clone(), |a| Rc::new(a.coldstart.clone()));

    let sentences = sensitivity.filter(|r| r.scenario == scenario).map(|r| r.sentences);

    // The URL and storage follow the scenario; a failure is reported once, not on every change.
    let storage_reported = use_mut_ref(|| false);
    {
        let state = state.clone();
        use_effect_with((scenario.clone(), *page), move |(s, page)| {
            let extra = if *page == Page::Claims { "&page=claims" } else { "" };
            let _ = persist::write_url(s, extra);
            if let Err(e) = persist::save(s)
                && !std::mem::replace(&mut *storage_reported.borrow_mut(), true)
            {
                state.dispatch(Action::Notice(format!("Your scenario is not saved in this browser: {e}")));
            }
        });
    }

    let dark = match state.theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => prefers_dark(),
    };
    use_effect_with(state.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = match theme {
                Theme::Auto => root.remove_attribute("data-theme"),
                Theme::Light => root.set_attribute("data-theme", "light"),
                Theme::Dark => root.set_attribute("data-theme", "dark"),
            };
        }
    });
    let style = if dark { Style::dark(1.0) } else { Style::light(1.0) };

    let onset = {
        let state = state.clone();
        Callback::from(move |(key, text): (&'static str, String)| state.dispatch(Action::Set(key, text)))
    };
    let on_theme = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::CycleTheme))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reset))
    };
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::DismissNotices))
    };
    let tab = |target: Page, label: &'static str| {
        let page = page.clone();
        let current = *page == target;
        html! {
            <button type="button" class={classes!("tab", current.then_some("active"))} aria-pressed={current.to_string()}
                onclick={Callback::from(move |_| page.set(target))}>{label}</button>
        }
    };

    let preset_bar = html! {
        <nav class="presets" aria-label="Presets">
            <span class="muted">{"Presets:"}</span>
            { for presets::all().into_iter().map(|p| {
                let state = state.clone();
                let active = state.preset.as_deref() == Some(p.id.as_str());
                let id = format!("preset-{}", p.id);
                let title = p.description.clone();
                let name = p.name.clone();
                let onclick = Callback::from(move |_| state.dispatch(Action::Load {
                    scenario: Box::new(p.scenario.clone()), errors: Vec::new(), origin: "Preset".into(), preset: Some(p.id.clone()),
                }));
                html! { <button type="button" id={id} class={classes!("preset", active.then_some("active"))}
                    aria-pressed={active.to_string()} {title} {onclick}>{name}</button> }
            }) }
        </nav>
    };

    let control_groups = controls::groups(&scenario, crate::core::coldstart::RUNTIMES);
    let body = match *page {
        Page::Claims => html! { <ClaimsPage /> },
        Page::Explorer => html! {
            <>
            {preset_bar}
            <div class="layout">
                <aside class="controls" aria-label="Workload">
                    { for control_groups.into_iter().map(|g| html! {
                        <fieldset class="group">
                            <legend>{g.title}</legend>
                            { for g.controls.into_iter().map(|c| {
                                let value = keys::get(&scenario, c.key).unwrap_or_default();
                                html! { <ControlView key={c.key} control={c} value={value} onset={onset.clone()} /> }
                            }) }
                        </fieldset>
                    }) }
                </aside>
                <div class={classes!("results", (!exact).then_some("updating"))} aria-busy={(!exact).to_string()} data-exact={exact.to_string()}>
                    <VerdictCard verdict={assessment.verdict.clone()} />
                    <CostTable platforms={assessment.platforms.clone()} style={style} />
                    <section class="card" aria-labelledby="crossover-title">
                        <h2 id="crossover-title">{"Crossover: monthly cost by volume"}</h2>
                        <ChartCanvas id="crossover-chart" label="Monthly cost of each platform against requests per month, log-log, with break-even points"
                            plot={Plot::Crossover { curves: (*curves).clone(), current: scenario.requests_per_month }}
                            dark={dark} height={360} />
                        <ul class="breakevens" id="breakevens">
                            { for curves.breakeven.iter().map(|b| html! {
                                <li>{format!("{} req/month: {} → {}", crate::app::format::si(b.requests_per_month), b.from.name(), b.to.name())}</li>
                            }) }
                        </ul>
                    </section>
                    <ColdStartView report={(*coldstart).clone()} target_p99_ms={scenario.latency_slo_p99_ms}
                        db_max_connections={scenario.db_max_connections} dark={dark} />
                    <SensitivityView sentences={sentences} />
                </div>
            </div>
            </>
        },
    };

    html! {
        <div class="app">
            <header class="topbar">
                <div class="brand"><h1>{"Crossover"}</h1>
                    <p class="tagline">{"Serverless or containers? Cost, cold starts and a verdict, computed in your browser."}</p></div>
                <nav class="tabs" aria-label="Pages">{tab(Page::Explorer, "Explorer")}{tab(Page::Claims, "Rules of thumb")}</nav>
                <div class="actions">
                    <button type="button" id="theme-toggle" onclick={on_theme}>{state.theme.label()}</button>
                    <button type="button" id="reset" onclick={on_reset}>{"Reset"}</button>
                </div>
            </header>
            <Notices notices={state.notices.clone()} ondismiss={on_dismiss} />
            {body}
            <footer class="muted">{format!("Prices: catalogue as of {} (us-east-1 / tier-1), each with its source. Nothing leaves your browser.", catalog.as_of)}</footer>
        </div>
    }
}
