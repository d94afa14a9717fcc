//! Everything the views show, computed from the one reducer's scenario: the assessment (re-priced at
//! once, exact when the worker's simulations for this scenario arrive), the crossover curves and the
//! sensitivity sentences. The full page and the embedded widgets share it.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::persist;
use crate::app::shared::Shared;
use crate::app::simulation::{Job, Simulated, use_simulation};
use crate::app::state::{Action, State, Theme, notices_for};
use crate::app::your_prices;
use crate::chart::cost_p99::CostLatency;
use crate::core::catalog::Catalog;
use crate::core::cost::Provenance;
use crate::core::crossover::Curves;
use crate::core::eval::{self, Assessment, Simulations};
use crate::core::query;

#[derive(Clone)]
pub struct Model {
    pub state: UseReducerHandle<State>,
    pub catalog: Shared<Catalog>,
    pub assessment: Rc<Assessment>,
    pub curves: Rc<Curves>,
    /// The cost-p99 chart's figures, from the last exact assessment (the first one until then).
    pub cost_p99: Rc<CostLatency>,
    /// Every platform's simulation (the cold-start card picks one).
    pub sims: Shared<Simulations>,
    /// The catalogue keys behind each line item of `assessment.platforms` (by platform, then line).
    pub provenance: Shared<Provenance>,
    /// The figures are those of this exact scenario (the worker has answered).
    pub exact: bool,
    /// What flips the verdict: the worker's latest answer, `None` before its first. During a change it is the
    /// previous scenario's, shown as such (`sentences_current` false) until the new answer arrives, so the
    /// card keeps its size instead of collapsing and regrowing on every input.
    pub sentences: Option<Rc<Vec<String>>>,
    pub sentences_current: bool,
    pub dark: bool,
}

/// The scenario from the link, else from storage, else the defaults; what was dropped becomes a notice.
/// `?reset=1` (the error panel's link) starts from the defaults and clears the saved scenario.
fn initial_state(use_storage: bool) -> State {
    let mut state = State::default();
    let search = persist::current_query();
    if query::page_param(&search, "reset").is_some() {
        persist::clear();
        return state;
    }
    let from_link = query::decode(&search).map(|r| (r, "Link"));
    let (prices, errors) = your_prices::initial(&search, from_link.is_some(), use_storage);
    state.prices = prices;
    state.notices = notices_for("Your prices", errors);
    let restored = if use_storage { persist::load().map(|r| (r, "Saved scenario")) } else { None };
    if let Some(((scenario, errors), origin)) = from_link.or(restored) {
        state.scenario = scenario;
        state.notices.extend(notices_for(origin, errors));
    }
    state
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// `persist`: keep the URL and localStorage in step (the full page); embedded widgets only read.
///
/// What it costs per input, on the main thread: the reducer, one re-pricing with the latest simulations
/// (`eval::assess_with`) and the views whose props changed. The simulations and the curves of the new
/// scenario come from the worker.
#[hook]
pub fn use_model(persist_changes: bool, extra_query: String) -> Model {
    let state = use_reducer(move || initial_state(persist_changes));
    // At list prices the shared builtin catalogue itself (no copy of it on the first render).
    let catalog: Shared<Catalog> = (*use_memo(state.prices.clone(), |p| {
        if p.is_empty() { your_prices::base() } else { Shared::new(p.catalog(&your_prices::base())) }
    }))
    .clone();
    // One shared copy per distinct scenario: the views and the worker pipeline compare it cheaply.
    let scenario = use_memo(state.scenario.clone(), |s| s.clone());
    let prices_link = state.prices.to_link();
    let job = use_memo((state.scenario.clone(), prices_link.clone()), |(scenario, prices)| Job {
        scenario: scenario.clone(),
        prices: prices.clone(),
    });

    // The first scenario's simulations are computed here, so the first paint has the verdict and the
    // costs; its cost curves (the chart) come from the worker, like every later figure.
    let (latest, sensitivity) = {
        let (s, catalog, j) = (scenario.clone(), catalog.clone(), job.clone());
        use_simulation(&job, move || Simulated {
            sims: Shared::new(eval::simulate(&s, &catalog)),
            curves: None,
            scenario: j,
        })
    };
    let exact = latest.scenario == job && latest.curves.is_some();
    let sims = latest.sims.clone();
    let curves = latest.curves.clone().unwrap_or_default();
    let assessment = {
        let catalog = catalog.clone();
        use_memo((scenario.clone(), sims.clone(), catalog), |(s, sims, catalog)| eval::assess_with(s, catalog, sims))
    };
    // The sources of each line come with the sensitivity, from the worker, once the scenario has settled
    // (about one pricing per catalogue entry); the last ones are kept meanwhile (looked up by line name).
    let provenance = {
        let last = use_mut_ref(|| Shared::new(Provenance::new()));
        if let Some(r) = sensitivity.as_ref().filter(|r| r.scenario == job && r.provenance != *last.borrow()) {
            *last.borrow_mut() = r.provenance.clone();
        }
        last.borrow().clone()
    };
    // The cost-p99 chart pairs each platform's cost with its simulated p99, so it follows the worker's
    // answers: until this scenario's simulations are in it keeps the last exact figures (as the crossover
    // chart keeps its curves), rather than plot the last scenario's latencies against this one's costs and
    // redraw on every input of a drag (1–4 ms of canvas text per input).
    let cost_p99 = {
        let shown = use_mut_ref(|| None::<(Rc<Assessment>, Rc<CostLatency>)>);
        let mut shown = shown.borrow_mut();
        match &*shown {
            Some((a, figures)) if !exact || Rc::ptr_eq(a, &assessment) => figures.clone(),
            _ => {
                let figures = Rc::new(crate::report::svg::cost_latency(&scenario, &assessment));
                *shown = Some((assessment.clone(), figures.clone()));
                figures
            }
        }
    };
    let sentences_current = sensitivity.as_ref().is_some_and(|r| r.scenario == job);
    let sentences = sensitivity.map(|r| r.sentences.clone());

    // The URL and storage follow the scenario once it has settled (see `persist::Writer`); a failure is
    // reported once, not on every change.
    let writer = {
        let state = state.clone();
        use_memo((), move |_| {
            persist::Writer::new(move |e| {
                state.dispatch(Action::Notice(format!("Your scenario is not saved in this browser: {e}")))
            })
        })
    };
    use_effect_with((scenario, extra_query, state.prices.clone()), move |(s, extra, prices)| {
        if persist_changes {
            writer.write(s.clone(), format!("{extra}{}", your_prices::url_part(prices)));
        }
    });
    {
        // Your rates change only by hand: saved at once.
        let state = state.clone();
        use_effect_with(state.prices.clone(), move |prices| {
            if persist_changes && let Err(e) = your_prices::save(prices) {
                state.dispatch(Action::Notice(format!("Your prices are not saved in this browser: {e}")));
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

    Model { state, catalog, assessment, curves, cost_p99, sims, provenance, exact, sentences, sentences_current, dark }
}
