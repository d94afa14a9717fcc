//! The page: presets and controls on the left, the answers on the right; or, with `?embed=…`, one
//! widget alone. Every figure comes from the core through `model::use_model`; this file only lays out.

use yew::prelude::*;

use crate::app::components::chart_canvas::{ChartCanvas, Plot};
use crate::app::components::claims_page::ClaimsPage;
use crate::app::components::coldstart_picker::ColdStartPicker;
use crate::app::components::control::ControlView;
use crate::app::components::cost_p99_view::CostP99View;
use crate::app::components::cost_table::CostTable;
use crate::app::components::embed_view::{Widget, embed_view};
use crate::app::components::fleet_page::FleetPage;
use crate::app::components::line_sources::Sources;
use crate::app::components::notices::Notices;
use crate::app::components::prices_page::PricesPage;
use crate::app::components::sensitivity_view::SensitivityView;
use crate::app::components::share_bar::ShareBar;
use crate::app::components::verdict_card::VerdictCard;
use crate::app::controls;
use crate::app::model::use_model;
use crate::app::persist;
use crate::app::state::Action;
use crate::core::{keys, presets, query};

#[derive(Clone, Copy, PartialEq)]
enum Page {
    Explorer,
    Fleet,
    Claims,
    Prices,
}

impl Page {
    fn from_query(search: &str) -> Page {
        match query::page_param(search, "page").as_deref() {
            Some("claims") => Page::Claims,
            Some("fleet") => Page::Fleet,
            Some("prices") => Page::Prices,
            _ => Page::Explorer,
        }
    }

    fn query(self) -> &'static str {
        match self {
            Page::Explorer => "",
            Page::Fleet => "&page=fleet",
            Page::Claims => "&page=claims",
            Page::Prices => "&page=prices",
        }
    }
}

#[function_component(Explorer)]
pub fn explorer() -> Html {
    let search = use_memo((), |_| persist::current_query());
    let embed = query::page_param(&search, "embed").and_then(|w| Widget::parse(&w));
    let page = use_state(|| Page::from_query(&search));
    {
        // A line item's source link (`#price-<key>`) opens the Prices page at that row.
        let page = page.clone();
        use_effect_with((), move |_| {
            let open = move || {
                let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                if hash.starts_with("#price-") {
                    page.set(Page::Prices);
                }
            };
            open();
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| open());
            move || drop(listener)
        });
    }
    let m = use_model(embed.is_none(), page.query().to_string());
    // One callback for the page's life: the Prices page then redraws only when its props change (a
    // redraw while a value is typed would reset the field).
    let dispatch = {
        let state = m.state.clone();
        use_callback((), move |a: Action, _| state.dispatch(a))
    };
    if let Some(widget) = embed {
        return embed_view(widget, &m);
    }
    // A deliberate failure, to test the error panel (see README, "Reliability").
    if query::page_param(&search, "debug").as_deref() == Some("panic") {
        panic!("debug=panic: the error panel was requested");
    }
    let state = m.state.clone();
    let scenario = state.scenario.clone();
    let assessment = m.assessment.clone();
    let curves = m.curves.clone();
    let cost_p99 = m.cost_p99.clone();
    let (exact, dark, sentences, sentences_current, catalog) =
        (m.exact, m.dark, m.sentences.clone(), m.sentences_current, m.catalog.clone());

    // Callbacks that keep their identity across renders, so a control whose value did not change is
    // not re-rendered (Yew compares props, and a new callback is a changed prop).
    let onset =
        use_callback(state.dispatcher(), |(key, text): (&'static str, String), d| d.dispatch(Action::Set(key, text)));
    let on_theme = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::CycleTheme))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Reset))
    };
    let notify = use_callback(state.dispatcher(), |a: Action, d| d.dispatch(a));
    let on_dismiss = use_callback(state.dispatcher(), |_, d| d.dispatch(Action::DismissNotices));
    // The buttons only, once per page; a preset's scenario is decoded when it is chosen.
    let presets = use_memo((), |_| presets::summaries());
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
            { for presets.iter().cloned().map(|p| {
                let state = state.clone();
                let active = state.preset.as_deref() == Some(p.id.as_str());
                let id = format!("preset-{}", p.id);
                let title = p.description.clone();
                let name = p.name.clone();
                let onclick = Callback::from(move |_| {
                    if let Some(chosen) = presets::by_id(&p.id) {
                        state.dispatch(Action::Load {
                            scenario: Box::new(chosen.scenario), errors: Vec::new(), origin: "Preset".into(), preset: Some(chosen.id),
                        })
                    }
                });
                html! { <button type="button" id={id} class={classes!("preset", active.then_some("active"))}
                    aria-pressed={active.to_string()} {title} {onclick}>{name}</button> }
            }) }
        </nav>
    };

    let control_groups = controls::groups(&scenario);
    // Every key's text from one serialisation per scenario, not one per control and render.
    let values = use_memo(scenario.clone(), keys::texts);
    let body = match *page {
        Page::Claims => html! { <ClaimsPage /> },
        Page::Fleet => html! { <FleetPage base={scenario.clone()} catalog={catalog.clone()} /> },
        Page::Prices => html! { <PricesPage catalog={catalog.clone()} prices={state.prices.clone()} {dispatch} /> },
        Page::Explorer => html! {
            <>
            {preset_bar}
            <ShareBar scenario={scenario.clone()} curves={curves.clone()} notify={notify} prices={state.prices.clone()} />
            <div class="layout">
                <aside class="controls" aria-label="Workload">
                    { for control_groups.into_iter().map(|g| html! {
                        <fieldset class="group">
                            <legend>{g.title}</legend>
                            { for g.controls.into_iter().map(|c| {
                                let value = values.iter().find(|(k, _)| k == c.key).map(|(_, v)| v.clone()).unwrap_or_default();
                                html! { <ControlView key={c.key} control={c} value={value} onset={onset.clone()} /> }
                            }) }
                        </fieldset>
                    }) }
                </aside>
                <div class={classes!("results", (!exact).then_some("updating"))} aria-busy={(!exact).to_string()} data-exact={exact.to_string()}
                    data-settled={(exact && sentences_current).to_string()}>
                    <VerdictCard verdict={assessment.verdict.clone()} />
                    <CostTable platforms={assessment.platforms.clone()} sources={Sources { provenance: m.provenance.clone(), catalog: catalog.clone() }} />
                    <section class="card" aria-labelledby="crossover-title">
                        <h2 id="crossover-title">{"Crossover: monthly cost by volume"}</h2>
                        <ChartCanvas id="crossover-chart" label="Monthly cost of each platform against requests per month, log-log, with break-even points"
                            plot={Plot::Crossover { curves: curves.clone(), current: scenario.requests_per_month }}
                            dark={dark} height={360} />
                        <ul class="breakevens" id="breakevens">
                            { for curves.breakeven.iter().map(|b| html! {
                                <li>{format!("{} req/month: {} → {}", crate::app::format::si(b.requests_per_month), b.from.name(), b.to.name())}</li>
                            }) }
                        </ul>
                    </section>
                    <CostP99View data={cost_p99.clone()} dark={dark} />
                    <ColdStartPicker sims={m.sims.clone()} platforms={assessment.platforms.clone()} target_p99_ms={scenario.latency_slo_p99_ms}
                        db_max_connections={scenario.db_max_connections} dark={dark} />
                    <SensitivityView sentences={sentences} current={sentences_current} />
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
                <nav class="tabs" aria-label="Pages">{tab(Page::Explorer, "Explorer")}{tab(Page::Fleet, "Fleet")}{tab(Page::Claims, "Rules of thumb")}{tab(Page::Prices, "Prices")}</nav>
                <div class="actions">
                    <button type="button" id="theme-toggle" onclick={on_theme}>{state.theme.label()}</button>
                    <button type="button" id="reset" onclick={on_reset}>{"Reset"}</button>
                </div>
            </header>
            <Notices notices={state.notices.clone()} ondismiss={on_dismiss} />
            {body}
            <footer class="muted">{format!("Prices: catalogue as of {} (us-east-1 / tier-1), each with its source{}. Nothing leaves your browser.", catalog.as_of,
                if state.prices.is_empty() { "" } else { "; your own rates applied (see Prices)" })}</footer>
        </div>
    }
}
