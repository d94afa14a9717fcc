//! The page's side of its one worker: `call` posts a request and runs the callback with the reply.
//! The worker is the app's own module in a module worker (`./worker.js`), started by `boot.js` before the
//! app and given the `WebAssembly.Module` the page runs, so the core is neither downloaded nor compiled
//! twice, and the worker loads while the page renders its first figures. Requests are posted at once
//! (`worker.js` holds those that come before the worker is ready). Without a worker (it failed to load,
//! or the page runs under test without `boot.js`) the same `worker::answer` runs on the main thread after the current task, so the input
//! that caused it paints first.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use web_sys::{MessageEvent, Worker};

use crate::app::worker::{self, Envelope, Reply, Request};
use crate::app::your_prices;

/// A reply as it arrived: still a JS value from the worker (read only if the caller wants it), or
/// computed on this thread.
pub enum Answer {
    Posted(JsValue),
    Here(Reply),
}

impl Answer {
    pub fn reply(self) -> Reply {
        match self {
            Answer::Posted(body) => worker::from_js(body).unwrap_or_else(Reply::Failed),
            Answer::Here(reply) => reply,
        }
    }
}

/// The worker's envelope with the body left as a JS value.
#[derive(serde::Deserialize)]
struct Incoming {
    id: u64,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    body: JsValue,
}

type OnReply = Box<dyn FnOnce(Answer)>;

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    ready: bool,
    next_id: u64,
    /// Requests posted and not yet answered, by id.
    pending: BTreeMap<u64, (Request, OnReply)>,
    _handlers: Vec<Closure<dyn Fn(web_sys::Event)>>,
}

thread_local! {
    static CLIENT: Rc<RefCell<Client>> = start();
}

/// Starts the worker now (it is otherwise started by the first `call`), so that it loads while the page
/// renders its first figures.
pub fn start_early() {
    CLIENT.with(|_| ());
}

/// Posts `request` to the worker (or answers it on the main thread) and calls `on_reply` with the reply.
pub fn call(request: Request, on_reply: impl FnOnce(Reply) + 'static) {
    call_lazy(request, move |answer| on_reply(answer.reply()));
}

/// Like `call`, with the reply left unread until the callback asks for it (a reply the caller no longer
/// needs then costs nothing to decode).
pub fn call_lazy(request: Request, on_reply: impl FnOnce(Answer) + 'static) {
    CLIENT.with(|client| {
        let mut c = client.borrow_mut();
        c.next_id += 1;
        let id = c.next_id;
        // Posted at once, ready or not: `worker.js` keeps what comes before the worker's handler, so the
        // first requests reach it while this thread is still busy with the first render.
        match &c.worker {
            Some(w) if post(w, id, &request) => {
                c.pending.insert(id, (request, Box::new(on_reply)));
            }
            _ => {
                drop(c);
                answer_here(request, Box::new(on_reply));
            }
        }
    });
}

fn post(w: &Worker, id: u64, request: &Request) -> bool {
    worker::to_js(&Envelope { id, body: request }).is_ok_and(|m| w.post_message(&m).is_ok())
}

fn answer_here(request: Request, on_reply: OnReply) {
    Timeout::new(0, move || on_reply(Answer::Here(worker::answer(request, &your_prices::base())))).forget();
}

/// The worker is gone or unusable: everything it owed is answered here, and so is everything after.
fn fail_over(client: &Rc<RefCell<Client>>) {
    let pending = {
        let mut c = client.borrow_mut();
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        std::mem::take(&mut c.pending)
    };
    for (_, (request, on_reply)) in pending {
        answer_here(request, on_reply);
    }
}

fn receive(client: &Rc<RefCell<Client>>, data: wasm_bindgen::JsValue) {
    // The worker's first message, a bare 0: ready (what was posted before it is answered in order).
    if data.as_f64() == Some(0.0) {
        client.borrow_mut().ready = true;
        return;
    }
    match worker::from_js::<Incoming>(data) {
        Ok(Incoming { id, body }) if id != 0 => {
            let entry = client.borrow_mut().pending.remove(&id);
            if let Some((_, on_reply)) = entry {
                on_reply(Answer::Posted(body));
            }
        }
        // A reply that cannot be read, or the worker could not read a request (id 0): the worker and the
        // page disagree, so stop using it.
        _ => fail_over(client),
    }
}

/// How long the worker may take to load before the page answers on its own thread.
const READY_WITHIN_MS: u32 = 15_000;

/// The worker `boot.js` started (`window.crossoverWorker`) and already gave the compiled module, with
/// whether it has said it is ready. `None` when the page was not started by `boot.js` (the browser
/// tests) or the worker failed before the app took it over: the page then answers on its own thread.
fn adopt() -> Option<(Worker, bool)> {
    let w: Worker = js_sys::Reflect::get(&gloo::utils::window(), &"crossoverWorker".into()).ok()?.dyn_into().ok()?;
    let flag = |name: &str| js_sys::Reflect::get(&w, &name.into()).is_ok_and(|v| v.is_truthy());
    if flag("__crossoverFailed") {
        w.terminate();
        return None;
    }
    let ready = flag("__crossoverReady");
    // boot.js's own listeners have told what they saw; from here on every message is the app's.
    if let Ok(f) = js_sys::Reflect::get(&w, &"__crossoverAdopted".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call0(&w);
    }
    Some((w, ready))
}

fn start() -> Rc<RefCell<Client>> {
    let client = Rc::new(RefCell::new(Client::default()));
    let Some((w, ready)) = adopt() else {
        return client;
    };
    client.borrow_mut().ready = ready;
    let on_message = {
        let client = client.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let Some(m) = e.dyn_ref::<MessageEvent>() {
                receive(&client, m.data());
            }
        })
    };
    let on_error = {
        let client = client.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            fail_over(&client);
        })
    };
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    {
        let mut c = client.borrow_mut();
        c.worker = Some(w);
        c._handlers = vec![on_message, on_error];
    }
    // A worker that never says it is ready (its module failed in a way that raised no error) is given up.
    let watched = client.clone();
    Timeout::new(READY_WITHIN_MS, move || {
        if !watched.borrow().ready {
            fail_over(&watched);
        }
    })
    .forget();
    client
}
