//! The worker's side: the heavy work of the page (every platform's simulation and the crossover curves of
//! each scenario, the sensitivity search and the line items' sources once it settles, the claims page's
//! simulations, the evaluation JSON export) runs here,
//! off the page's main thread, so input never waits for it. The worker is the app's own wasm module
//! started a second time in a module worker (`static/worker.js`; `src/main.rs` picks the role), so the
//! core ships once. Messages are JS values (`serde-wasm-bindgen`), not JSON text.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::core::catalog::Catalog;
use crate::core::claims::{self, ClaimCheck};
use crate::core::cost::{self, LineKeys, Provenance};
use crate::core::crossover::{self, Curves};
use crate::core::eval::{self, Simulations};
use crate::core::overrides::UserPrices;
use crate::core::query;
use crate::core::scenario::Scenario;
use crate::core::sensitivity;

/// A scenario travels as its link query (`core::query`, e.g. `v=2&r=5e7&a=arm64`): the compact, exact text
/// form the app already writes, decoded and validated by the same code as any link; your rates ride along
/// as the link's `px` (`UserPrices::to_link`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// The simulations and the crossover curves of a scenario.
    Simulate(String),
    /// The crossover curves only: the page simulates the first scenario itself (for its first paint)
    /// and asks for these at the same time.
    Curves(String),
    /// What the page shows once a scenario has settled: the sensitivity sentences and the catalogue
    /// entries behind each line item (`cost::provenance`, about one pricing per entry).
    Sensitivity(String),
    /// The rules of thumb of `data/claims.json` (the text, fetched when the page opens), recomputed.
    Claims(String),
    /// The full evaluation as pretty JSON (`crossover eval`), for the export button.
    Evaluate(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    Simulated {
        sims: Box<Simulations>,
        curves: Box<Curves>,
    },
    Curves(Box<Curves>),
    Sensitivity {
        sentences: Vec<String>,
        sources: Vec<Vec<WireLine>>,
    },
    Claims(Vec<ClaimCheck>),
    Evaluation(String),
    /// The request could not be answered (unreadable, or a scenario that fails validation).
    Failed(String),
}

/// A line item's catalogue keys as they travel: `LineKeys` holds the catalogue's own `&'static str` keys,
/// which the page finds again by name (`from_wire`; a key it does not know is dropped).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WireLine {
    pub item: String,
    pub keys: Vec<String>,
}

fn to_wire(p: &Provenance) -> Vec<Vec<WireLine>> {
    p.iter()
        .map(|lines| {
            lines
                .iter()
                .map(|l| WireLine { item: l.item.clone(), keys: l.keys.iter().map(|k| k.to_string()).collect() })
                .collect()
        })
        .collect()
}

pub fn from_wire(w: Vec<Vec<WireLine>>) -> Provenance {
    w.into_iter()
        .map(|lines| {
            lines
                .into_iter()
                .map(|l| LineKeys {
                    item: l.item,
                    keys: l.keys.iter().filter_map(|k| cost::catalogue_key(k)).collect(),
                })
                .collect()
        })
        .collect()
}

/// One message each way: the request or reply with the number that pairs them.
#[derive(Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    pub body: T,
}

/// Messages are plain JS objects. u64 fields (the scenario's seed) go as BigInt so every digit survives.
const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true);

pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, String> {
    value.serialize(&SERIALIZER).map_err(|e| e.to_string())
}

pub fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// The scenario of a request's link; any key the link codec rejects fails the request.
fn scenario(link: &str) -> Result<Scenario, String> {
    match query::decode(link) {
        None => Ok(Scenario::default()),
        Some((s, errors)) if errors.is_empty() => Ok(s),
        Some((_, errors)) => Err(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
    }
}

thread_local! {
    /// The last scenario simulated, by its link: the page asks for its sensitivity next, which starts
    /// from the same simulations.
    static LAST: RefCell<Option<(String, Simulations)>> = const { RefCell::new(None) };
}

/// `eval::simulate`, remembered for the last link (your rates included: they are its `px`).
fn simulations(link: &str, s: &Scenario, cat: &Catalog) -> Simulations {
    let hit = LAST.with_borrow(|last| last.as_ref().filter(|(k, _)| k == link).map(|(_, sims)| sims.clone()));
    hit.unwrap_or_else(|| {
        let sims = eval::simulate(s, cat);
        LAST.set(Some((link.to_string(), sims.clone())));
        sims
    })
}

/// The rates a request's link carries in its `px` (your rates, `UserPrices::to_link`), decoded and
/// checked again here (the worker trusts no message) and applied to `base`; `None` at list prices.
fn catalog_for(base: &Catalog, link: &str) -> Option<Catalog> {
    let px = query::page_param(link, "px").filter(|px| !px.is_empty())?;
    Some(UserPrices::from_link(base, &px).0.catalog(base))
}

/// Answers one request. A function of the request and the catalogue (the last simulations are
/// remembered), so the page can run the same function when no worker is available.
pub fn answer(request: Request, base: &Catalog) -> Reply {
    let yours = match &request {
        Request::Simulate(link) | Request::Curves(link) | Request::Sensitivity(link) | Request::Evaluate(link) => {
            catalog_for(base, link)
        }
        Request::Claims(_) => None,
    };
    let cat = yours.as_ref().unwrap_or(base);
    let result = match request {
        Request::Simulate(link) => scenario(&link).map(|s| {
            let mut sims = simulations(&link, &s, cat);
            // The page charts Lambda's per-minute series and latency histogram only; the other platforms'
            // are priced and compared from their totals, and their series would be most of the message
            // (and of the page's time decoding it) for nothing.
            let others = sims.others.iter_mut().map(|(_, r)| r);
            for r in [&mut sims.cloud_run, &mut sims.azure_flex].into_iter().chain(others) {
                r.series = Default::default();
                r.latency_histogram = Vec::new();
            }
            Reply::Simulated { curves: Box::new(crossover::curves(&s, cat, eval::CURVE_POINTS)), sims: Box::new(sims) }
        }),
        Request::Curves(link) => {
            scenario(&link).map(|s| Reply::Curves(Box::new(crossover::curves(&s, cat, eval::CURVE_POINTS))))
        }
        Request::Sensitivity(link) => scenario(&link).map(|s| {
            let sims = simulations(&link, &s, cat);
            let sources = to_wire(&cost::provenance(&s, cat, Some(&sims.usage())));
            Reply::Sensitivity { sentences: sensitivity::analyze(&s, cat, &sims).sentences, sources }
        }),
        Request::Evaluate(link) => scenario(&link).and_then(|s| {
            serde_json::to_string_pretty(&eval::evaluate(&s, cat)).map(Reply::Evaluation).map_err(|e| e.to_string())
        }),
        Request::Claims(text) => claims::parse(&text)
            .map(|list| Reply::Claims(claims::check_all(&list, cat)))
            .map_err(|e| format!("data/claims.json: {e}")),
    };
    result.unwrap_or_else(Reply::Failed)
}

/// Whether this instance of the module runs in a worker (no window) rather than on the page.
pub fn in_worker() -> bool {
    web_sys::window().is_none()
}

/// The worker's entry point: answer each message until the page goes away. The first message out is
/// the id 0 "ready"; requests the page posted before it are kept by `static/worker.js` and handed over
/// once this handler is set.
pub fn run() {
    super::boot_data::install();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let cat = Catalog::builtin();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let (id, reply) = match from_js::<Envelope<Request>>(e.data()) {
            Ok(Envelope { id, body }) => (id, answer(body, &cat)),
            Err(e) => (0, Reply::Failed(format!("unreadable request: {e}"))),
        };
        let message = to_js(&Envelope { id, body: reply })
            .or_else(|e| to_js(&Envelope { id, body: Reply::Failed(e) }))
            .unwrap_or(JsValue::NULL);
        let _ = reply_to.post_message(&message);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_f64(0.0));
}
