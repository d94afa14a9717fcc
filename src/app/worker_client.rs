//! The page's side of its one worker: `call` posts a request and runs the callback with the reply.
//! The worker is the app's own module started in a module worker (`./worker.js`, given the page's
//! compiled `WebAssembly.Module`), so the core is neither downloaded nor compiled twice. Until the
//! worker says it is ready, requests wait here. Without a worker (it failed to load, or the page runs under test without
//! `boot.js`) the same `worker::answer` runs on the main thread after the current task, so the input
//! that caused it paints first.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

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
    /// Requests posted (or waiting for the worker to be ready), by id.
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
        match (&c.worker, c.ready) {
            (Some(w), true) => {
                if post(w, id, &request) {
                    c.pending.insert(id, (request, Box::new(on_reply)));
                } else {
                    drop(c);
                    answer_here(request, Box::new(on_reply));
                }
            }
            (Some(_), false) => {
                c.pending.insert(id, (request, Box::new(on_reply)));
            }
            (None, _) => {
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
    // The worker's first message, a bare 0: ready. Post what waited.
    if data.as_f64() == Some(0.0) {
        let mut c = client.borrow_mut();
        c.ready = true;
        let Some(w) = c.worker.clone() else { return };
        let all_posted = c.pending.iter().all(|(id, (request, _))| post(&w, *id, request));
        drop(c);
        if !all_posted {
            fail_over(client);
        }
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

/// Where Trunk puts the worker's loader, relative to the page (so any sub-path works).
const WORKER_URL: &str = "./worker.js";

/// The worker's first message: `{ js, module, data }`, the app's content-hashed JS file name (as `boot.js`
/// got it from its own `<script src="./boot.js?js=…&wasm=…">`), this very `WebAssembly.Module`, so the
/// worker neither downloads nor compiles the wasm again, and the data files boot.js fetched (`boot_data`).
/// `None` when the page was not started by `boot.js` (the browser tests), which then answers on the main thread.
fn boot_message() -> Option<wasm_bindgen::JsValue> {
    let boot = gloo::utils::document().query_selector("script[src*='boot.js?']").ok()??;
    let src = boot.get_attribute("src")?;
    let js = web_sys::UrlSearchParams::new_with_str(src.split_once('?')?.1).ok()?.get("js")?;
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"js".into(), &js.into()).ok()?;
    js_sys::Reflect::set(&message, &"module".into(), &wasm_bindgen::module()).ok()?;
    js_sys::Reflect::set(&message, &"data".into(), &super::boot_data::object()).ok()?;
    Some(message.into())
}

fn start() -> Rc<RefCell<Client>> {
    let client = Rc::new(RefCell::new(Client::default()));
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let Some((boot, w)) = boot_message().and_then(|m| Some((m, Worker::new_with_options(WORKER_URL, &options).ok()?)))
    else {
        return client;
    };
    if w.post_message(&boot).is_err() {
        w.terminate();
        return client;
    }
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
