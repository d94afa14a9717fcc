//! The simulation worker: the heavy half of an evaluation (two simulations, then the sensitivity search)
//! runs here, off the page's main thread, so input never waits for it. Messages are JSON strings.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::core::catalog::Catalog;
use crate::core::crossover::{self, Curves};
use crate::core::eval::{self, Simulations};
use crate::core::overrides::UserPrices;
use crate::core::scenario::Scenario;
use crate::core::sensitivity;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// `prices`: your rates in the link's compact form (`UserPrices::to_link`), empty at list prices.
    Simulate {
        id: u64,
        scenario: Box<Scenario>,
        prices: String,
    },
    Sensitivity {
        id: u64,
        scenario: Box<Scenario>,
        prices: String,
    },
}

/// `base` with your rates in their link form applied (decoded and checked again here: the worker trusts
/// no message).
pub fn catalog_for(base: &Catalog, prices: &str) -> Catalog {
    if prices.is_empty() { base.clone() } else { UserPrices::from_link(base, prices).0.catalog(base) }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The worker's wasm has loaded; messages sent before this would have been lost.
    Ready,
    /// The simulations and the crossover curves: the heavy, per-scenario work.
    Simulated {
        id: u64,
        sims: Box<Simulations>,
        curves: Box<Curves>,
    },
    Sensitivity {
        id: u64,
        sentences: Vec<String>,
    },
    /// The request could not be read; the page computes it itself.
    Failed {
        id: u64,
        message: String,
    },
}

/// Answers one request. Pure, so the page can run the same function when no worker is available.
pub fn answer(request: Request, base: &Catalog) -> Reply {
    let prices = match &request {
        Request::Simulate { prices, .. } | Request::Sensitivity { prices, .. } => prices.as_str(),
    };
    let cat = &catalog_for(base, prices);
    match request {
        Request::Simulate { id, scenario, .. } if scenario.validate().is_empty() => {
            let curves = Box::new(crossover::curves(&scenario, cat, eval::CURVE_POINTS));
            Reply::Simulated { id, sims: Box::new(eval::simulate(&scenario, cat)), curves }
        }
        Request::Sensitivity { id, scenario, .. } if scenario.validate().is_empty() => Reply::Sensitivity {
            id,
            sentences: sensitivity::analyze(&scenario, cat, &eval::simulate(&scenario, cat)).sentences,
        },
        Request::Simulate { id, .. } | Request::Sensitivity { id, .. } => {
            Reply::Failed { id, message: "the scenario failed validation".into() }
        }
    }
}

/// The worker's entry point: answer each message until the page goes away.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let cat = Catalog::builtin();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let reply = match e.data().as_string().map(|t| serde_json::from_str::<Request>(&t)) {
            Some(Ok(request)) => answer(request, &cat),
            _ => Reply::Failed { id: 0, message: "unreadable request".into() },
        };
        if let Ok(text) = serde_json::to_string(&reply) {
            let _ = reply_to.post_message(&text.into());
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Ok(text) = serde_json::to_string(&Reply::Ready) {
        let _ = scope.post_message(&text.into());
    }
}
