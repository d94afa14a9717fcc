//! The explorer's use of the worker. `use_simulation` returns the latest simulations, crossover curves and
//! sensitivity sentences together with the scenario they were computed for; the page shows them at once
//! (re-priced for the current scenario) and the exact figures replace them when the worker answers.
//!
//! Requests are coalesced: one in flight at a time, and only the newest waiting scenario is sent next,
//! so a fast drag never builds a queue. Sensitivity is only asked for when no newer scenario waits.
//! The first scenario is simulated on the page (its first paint); the worker is asked for its curves only,
//! before the page starts simulating, so the two run side by side.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::shared::Shared;
use crate::app::worker::{self, Reply, Request};
use crate::app::worker_client;
use crate::core::cost::Provenance;
use crate::core::crossover::Curves;
use crate::core::eval::Simulations;
use crate::core::query;
use crate::core::scenario::Scenario;

/// What one request computes: a scenario at your rates (`UserPrices::to_link`, empty at list prices).
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub scenario: Scenario,
    pub prices: String,
}

impl Job {
    /// The worker's link for it: the scenario's query, with your rates as `px`.
    fn link(&self) -> String {
        let px = if self.prices.is_empty() { String::new() } else { format!("&px={}", self.prices) };
        format!("{}{px}", query::encode(&self.scenario))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Simulated {
    pub scenario: Rc<Job>,
    /// Shared: compared on every input (the assessment's memo, the cold-start card's props), by identity.
    pub sims: Shared<Simulations>,
    /// `None` for the first scenario's simulations computed on the page: its curves come from the worker.
    pub curves: Option<Rc<Curves>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    pub scenario: Rc<Job>,
    pub sentences: Rc<Vec<String>>,
    /// The catalogue entries behind each line item, computed in the worker with the sentences.
    pub provenance: Shared<Provenance>,
}

#[derive(Default)]
struct Pipeline {
    /// The handles of the latest render, for replies that come back before the first effect ran.
    setters: Option<Setters>,
    /// The first scenario's curves, asked for while the page simulates it, if they came before the
    /// first effect registered `setters` (`None` inside: the worker could not answer).
    first_curves: Option<Option<Rc<Curves>>>,
    in_flight: bool,
    waiting: Option<Rc<Job>>,
    /// The newest scenario asked for; replies for older ones show at most every `STALE_EVERY_MS`, and
    /// never trigger sensitivity.
    newest: Option<Rc<Job>>,
    /// When a reply for an older scenario was last shown (`performance.now()`, ms).
    stale_shown_at: f64,
}

/// During a drag most replies are already stale (the input has moved on) and showing each one would
/// re-render the results and redraw three charts every frame; one every this many ms keeps the charts
/// moving, and the reply for the scenario the drag stops at is always shown.
const STALE_EVERY_MS: f64 = 250.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

type Setters = (UseStateHandle<Simulated>, UseStateHandle<Option<Sensitivity>>);

fn simulate(pipe: Rc<RefCell<Pipeline>>, scenario: Rc<Job>, setters: Setters) {
    pipe.borrow_mut().in_flight = true;
    let request = Request::Simulate(scenario.link());
    worker_client::call_lazy(request, move |answer| {
        let show = {
            let mut p = pipe.borrow_mut();
            let current = p.newest.as_ref() == Some(&scenario);
            let due = now() - p.stale_shown_at >= STALE_EVERY_MS;
            if !current && due {
                p.stale_shown_at = now();
            }
            current || due
        };
        if show && let Reply::Simulated { sims, curves } = answer.reply() {
            setters.0.set(Simulated {
                scenario: scenario.clone(),
                sims: Shared::new(*sims),
                curves: Some(Rc::new(*curves)),
            });
        }
        next(pipe, scenario, setters);
    });
}

/// The first scenario's curves, asked for before the page simulates it so that the worker draws them
/// meanwhile (its simulations would be the page's own, computed twice).
fn ask_first_curves(pipe: Rc<RefCell<Pipeline>>, scenario: Rc<Job>) {
    pipe.borrow_mut().in_flight = true;
    worker_client::call(Request::Curves(scenario.link()), move |reply| {
        let curves = match reply {
            Reply::Curves(c) => Some(Rc::new(*c)),
            _ => None,
        };
        let setters = pipe.borrow().setters.clone();
        match setters {
            Some(setters) => first_curves(pipe, scenario, curves, setters),
            None => pipe.borrow_mut().first_curves = Some(curves),
        }
    });
}

fn first_curves(pipe: Rc<RefCell<Pipeline>>, scenario: Rc<Job>, curves: Option<Rc<Curves>>, setters: Setters) {
    match curves {
        Some(curves) => {
            let sims = setters.0.sims.clone();
            setters.0.set(Simulated { scenario: scenario.clone(), sims, curves: Some(curves) });
            next(pipe, scenario, setters);
        }
        // Unanswered: the whole simulation, like any later scenario.
        None => simulate(pipe, scenario, setters),
    }
}

/// After a reply: the newest waiting scenario, else the sensitivity of the one just simulated if it is
/// still the newest.
fn next(pipe: Rc<RefCell<Pipeline>>, done: Rc<Job>, setters: Setters) {
    let (waiting, newest) = {
        let mut p = pipe.borrow_mut();
        p.in_flight = false;
        (p.waiting.take(), p.newest.clone())
    };
    if let Some(s) = waiting {
        simulate(pipe, s, setters);
    } else if newest.as_ref() == Some(&done) {
        pipe.borrow_mut().in_flight = true;
        let request = Request::Sensitivity(done.link());
        worker_client::call(request, move |reply| {
            if let Reply::Sensitivity { sentences, sources } = reply {
                setters.1.set(Some(Sensitivity {
                    scenario: done.clone(),
                    sentences: Rc::new(sentences),
                    provenance: Shared::new(worker::from_wire(sources)),
                }));
            }
            let waiting = {
                let mut p = pipe.borrow_mut();
                p.in_flight = false;
                p.waiting.take()
            };
            if let Some(s) = waiting {
                simulate(pipe, s, setters);
            }
        });
    }
}

/// The latest simulation and sensitivity results (each with the scenario it is for). `initial` is the
/// first scenario's simulation, computed by the caller; the worker is asked for the rest.
#[hook]
pub fn use_simulation(scenario: &Rc<Job>, initial: impl FnOnce() -> Simulated) -> (Simulated, Option<Sensitivity>) {
    let pipe = use_mut_ref(Pipeline::default);
    let sims = {
        let (pipe, first) = (pipe.clone(), scenario.clone());
        use_state(move || {
            ask_first_curves(pipe, first);
            initial()
        })
    };
    let sens = use_state(|| None::<Sensitivity>);
    {
        let setters = (sims.clone(), sens.clone());
        use_effect_with(scenario.clone(), move |s| {
            // The first scenario, its curves asked for while the page simulated it.
            let first = setters.0.scenario == *s && setters.0.curves.is_none();
            let (busy, arrived) = {
                let mut p = pipe.borrow_mut();
                p.setters = Some(setters.clone());
                p.newest = Some(s.clone());
                if p.in_flight {
                    // Back at the first scenario while its curves are on the way: nothing else to ask.
                    p.waiting = (!first).then(|| s.clone());
                }
                (p.in_flight, if first { p.first_curves.take() } else { None })
            };
            if let Some(curves) = arrived {
                first_curves(pipe, s.clone(), curves, setters);
                return;
            }
            if busy {
                return;
            }
            if setters.0.scenario == *s && setters.0.curves.is_some() {
                next(pipe, s.clone(), setters);
            } else {
                simulate(pipe, s.clone(), setters);
            }
        });
    }
    ((*sims).clone(), (*sens).clone())
}
