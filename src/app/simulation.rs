//! The page's side of the simulation worker. `use_simulation` returns the latest simulations, crossover
//! curves and sensitivity sentences together with the scenario they were computed for; the page shows them at
//! once (re-priced for the current scenario) and the exact figures replace them when the worker answers.
//!
//! Requests are coalesced: one in flight at a time, and only the newest waiting scenario is sent next,
//! so a fast drag never builds a queue. Sensitivity is only asked for when no newer scenario waits.
//! Without a worker (it failed to load, or the page is under test) the same `worker::answer` runs on
//! the main thread after the current frame.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

use crate::app::worker::{self, Reply, Request};
use crate::core::crossover::Curves;
use crate::core::eval::Simulations;
use crate::core::scenario::Scenario;

/// What one request computes: a scenario at your rates (their link form, empty at list prices).
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub scenario: Scenario,
    pub prices: String,
}

impl Job {
    fn simulate(&self) -> Request {
        Request::Simulate { id: 0, scenario: Box::new(self.scenario.clone()), prices: self.prices.clone() }
    }

    fn sensitivity(&self) -> Request {
        Request::Sensitivity { id: 0, scenario: Box::new(self.scenario.clone()), prices: self.prices.clone() }
    }
}

/// Where Trunk puts the worker's loader, relative to the page (so any sub-path works).
const WORKER_URL: &str = "./crossover-worker_loader.js";

#[derive(Clone, Debug, PartialEq)]
pub struct Simulated {
    pub scenario: Job,
    pub sims: Rc<Simulations>,
    pub curves: Rc<Curves>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    pub scenario: Job,
    pub sentences: Vec<String>,
}

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    /// The worker has said it is ready; until then requests wait in `in_flight`.
    ready: bool,
    /// The worker failed: answer on the main thread.
    broken: bool,
    next_id: u64,
    in_flight: Option<(u64, Request, Job)>,
    waiting: Option<Job>,
    /// The newest scenario asked for; replies for older ones still show, but never trigger sensitivity.
    newest: Option<Job>,
    _handlers: Vec<Closure<dyn Fn(web_sys::Event)>>,
    pending_timeout: Option<Timeout>,
}

type Setters = (UseStateHandle<Option<Simulated>>, UseStateHandle<Option<Sensitivity>>);

fn send(client: &Rc<RefCell<Client>>, request: Request, scenario: Job, setters: &Setters) {
    let mut c = client.borrow_mut();
    c.next_id += 1;
    let id = c.next_id;
    let request = match request {
        Request::Simulate { scenario, prices, .. } => Request::Simulate { id, scenario, prices },
        Request::Sensitivity { scenario, prices, .. } => Request::Sensitivity { id, scenario, prices },
    };
    c.in_flight = Some((id, request.clone(), scenario));
    if c.worker.is_some() && !c.broken && !c.ready {
        // Posted when the worker says it is ready.
        return;
    }
    if !post(&c, &request) {
        // Answer after this frame so the input that caused it paints first.
        let client2 = client.clone();
        let setters = setters.clone();
        c.pending_timeout = Some(Timeout::new(0, move || {
            let reply = worker::answer(request, &crate::app::your_prices::base());
            receive(&client2, reply, &setters);
        }));
    }
}

fn post(c: &Client, request: &Request) -> bool {
    match (&c.worker, c.broken) {
        (Some(w), false) => {
            serde_json::to_string(request).ok().is_some_and(|text| w.post_message(&text.into()).is_ok())
        }
        _ => false,
    }
}

fn receive(client: &Rc<RefCell<Client>>, reply: Reply, setters: &Setters) {
    let (sim_set, sens_set) = setters;
    if matches!(reply, Reply::Ready) {
        let mut c = client.borrow_mut();
        c.ready = true;
        let waiting = c.in_flight.as_ref().map(|(_, request, _)| request.clone());
        if let Some(request) = waiting
            && !post(&c, &request)
        {
            drop(c);
            client.borrow_mut().broken = true;
            let in_flight = client.borrow_mut().in_flight.take();
            if let Some((_, request, scenario)) = in_flight {
                send(client, request, scenario, setters);
            }
        }
        return;
    }
    let Some((id, request, scenario)) = client.borrow_mut().in_flight.take() else { return };
    let reply_id = match &reply {
        Reply::Simulated { id, .. } | Reply::Sensitivity { id, .. } | Reply::Failed { id, .. } => *id,
        Reply::Ready => 0,
    };
    if reply_id != id && reply_id != 0 {
        client.borrow_mut().in_flight = Some((id, request, scenario));
        return;
    }
    let mut follow_up = None;
    match reply {
        Reply::Simulated { sims, curves, .. } => {
            sim_set.set(Some(Simulated { scenario: scenario.clone(), sims: Rc::new(*sims), curves: Rc::new(*curves) }));
            if client.borrow().waiting.is_none() && client.borrow().newest.as_ref() == Some(&scenario) {
                follow_up = Some((scenario.sensitivity(), scenario));
            }
        }
        Reply::Sensitivity { sentences, .. } => sens_set.set(Some(Sensitivity { scenario, sentences })),
        Reply::Ready => {}
        Reply::Failed { .. } => {
            // The worker could not read it: answer here instead.
            client.borrow_mut().broken = true;
            follow_up = Some((request, scenario));
        }
    }
    let next = client.borrow_mut().waiting.take();
    if let Some(s) = next {
        send(client, s.simulate(), s, setters);
    } else if let Some((request, s)) = follow_up {
        send(client, request, s, setters);
    }
}

fn start_worker(client: &Rc<RefCell<Client>>, setters: &Setters) {
    let Ok(w) = Worker::new(WORKER_URL) else {
        client.borrow_mut().broken = true;
        return;
    };
    let on_message = {
        let (client, setters) = (client.clone(), setters.clone());
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(text) = e.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string()) else { return };
            if let Ok(reply) = serde_json::from_str::<Reply>(&text) {
                receive(&client, reply, &setters);
            }
        })
    };
    let on_error = {
        let (client, setters) = (client.clone(), setters.clone());
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            client.borrow_mut().broken = true;
            // Whatever was in flight is answered here.
            let in_flight = client.borrow_mut().in_flight.take();
            if let Some((_, request, scenario)) = in_flight {
                send(&client, request, scenario, &setters);
            }
        })
    };
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let mut c = client.borrow_mut();
    c.worker = Some(w);
    c._handlers = vec![on_message, on_error];
}

/// The latest simulation and sensitivity results, and whether newer ones are on their way.
#[hook]
pub fn use_simulation(scenario: &Job) -> (Option<Simulated>, Option<Sensitivity>) {
    let sims = use_state(|| None::<Simulated>);
    let sens = use_state(|| None::<Sensitivity>);
    let client = use_mut_ref(Client::default);
    {
        let setters = (sims.clone(), sens.clone());
        let client = client.clone();
        use_effect_with((), move |_| {
            start_worker(&client, &setters);
            move || {
                if let Some(w) = client.borrow_mut().worker.take() {
                    w.terminate();
                }
            }
        });
    }
    {
        let setters = (sims.clone(), sens.clone());
        let client = client.clone();
        use_effect_with(scenario.clone(), move |s| {
            client.borrow_mut().newest = Some(s.clone());
            if client.borrow().in_flight.is_some() {
                client.borrow_mut().waiting = Some(s.clone());
            } else {
                send(&client, s.simulate(), s.clone(), &setters);
            }
        });
    }
    ((*sims).clone(), (*sens).clone())
}
