//! Everything the views show, computed from the one reducer's scenario: the assessment (re-priced at
//! once, exact when the worker's simulations for this scenario arrive), the crossover curves and the
//! sensitivity sentences. The full page and the embedded widgets share it.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::persist;
use crate::app::simulation::{Job, use_simulation};
use crate::app::state::{Action, State, Theme, notices_for};
use crate::app::your_prices;
use crate::core::catalog::Catalog;
use crate::core::coldstart::ColdStartReport;
use crate::core::cost::{self, Provenance};
use crate::core::crossover::{self, Curves};
use crate::core::eval::{self, Assessment};
use crate::core::query;

#[derive(Clone)]
pub struct Model {
    pub state: UseReducerHandle<State>,
    pub catalog: Rc<Catalog>,
    pub assessment: Rc<Assessment>,
    pub curves: Rc<Curves>,
    pub coldstart: Rc<ColdStartReport>,
    /// The catalogue keys behind each line item of `assessment.platforms` (by platform, then line).
    pub provenance: Rc<Provenance>,
    /// The figures are those of this exact scenario (the worker has answered).
    pub exact: bool,
    pub sentences: Option<Vec<String>>,
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
#[hook]
pub fn use_model(persist_changes: bool, extra_query: String) -> Model {
    let state = use_reducer(move || initial_state(persist_changes));
    let catalog = use_memo(state.prices.clone(), |p| p.catalog(&your_prices::base()));
    let scenario = state.scenario.clone();
    let job = Job { scenario: scenario.clone(), prices: state.prices.to_link() };

    let (latest, sensitivity) = use_simulation(&job);
    // Until the worker's first answer, the page computes the first scenario itself.
    let first = {
        let (s, catalog) = (scenario.clone(), catalog.clone());
        use_memo((), move |_| {
            (Rc::new(eval::simulate(&s, &catalog)), Rc::new(crossover::curves(&s, &catalog, eval::CURVE_POINTS)))
        })
    };
    let (sims, curves, exact) = match &latest {
        Some(l) => (l.sims.clone(), l.curves.clone(), l.scenario == job),
        None => (first.0.clone(), first.1.clone(), false),
    };
    let assessment = {
        let catalog = catalog.clone();
        use_memo((scenario.clone(), sims.clone(), catalog.clone()), move |(s, sims, catalog)| {
            eval::assess_with(s, catalog, sims)
        })
    };
    let provenance = use_memo((scenario.clone(), sims, catalog.clone()), |(s, sims, catalog)| {
        cost::provenance(s, catalog, Some(&sims.usage()))
    });
    let coldstart = use_memo(assessment.clone(), |a| a.coldstart.clone());
    let sentences = sensitivity.filter(|r| r.scenario == job).map(|r| r.sentences);

    // The URL and storage follow the scenario; a failure is reported once, not on every change.
    let storage_reported = use_mut_ref(|| false);
    {
        let state = state.clone();
        use_effect_with((scenario.clone(), extra_query, state.prices.clone()), move |(s, extra, prices)| {
            if persist_changes {
                let _ = persist::write_url(s, &format!("{extra}{}", your_prices::url_part(prices)));
                if let Err(e) = your_prices::save(prices)
                    && !std::mem::replace(&mut *storage_reported.borrow_mut(), true)
                {
                    state.dispatch(Action::Notice(format!("Your prices are not saved in this browser: {e}")));
                }
                if let Err(e) = persist::save(s)
                    && !std::mem::replace(&mut *storage_reported.borrow_mut(), true)
                {
                    state.dispatch(Action::Notice(format!("Your scenario is not saved in this browser: {e}")));
                }
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

    Model { state, catalog, assessment, curves, coldstart, provenance, exact, sentences, dark }
}
