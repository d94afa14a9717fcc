//! The scenario outside the page: the URL query (shareable, reload-safe) and localStorage (survives a
//! closed tab), written once the scenario has settled (`Writer`). Both hold the same text — the non-default keys of `core::keys::to_pairs` — under a
//! schema version, and both decode through `core::keys::from_pairs`, so a bad value is reported by key
//! and replaced by its default while the rest of the scenario is kept.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;

use crate::core::field_error::FieldError;
use crate::core::query::{decode, encode};
use crate::core::scenario::Scenario;

const STORAGE_KEY: &str = "crossover.scenario";
/// Where an undecodable stored value is kept aside (for export) instead of being dropped.
pub const CORRUPT_KEY: &str = "crossover.scenario.corrupt";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The current page's query string.
pub fn current_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Replaces the URL's query with the scenario (no new history entry per slider step).
pub fn write_url(s: &Scenario, extra: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let history = window.history().map_err(|_| "no history")?;
    let url = format!("?{}{extra}", encode(s));
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .map_err(|_| "the URL could not be updated".to_string())
}

/// Forgets the saved scenario (the error panel's "reset scenario").
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

/// Saves the scenario; a failure (quota, private mode) is reported, never fatal.
pub fn save(s: &Scenario) -> Result<(), String> {
    let storage = storage().ok_or("browser storage is unavailable")?;
    storage
        .set_item(STORAGE_KEY, &encode(s))
        .map_err(|_| "browser storage refused the write (full or disabled)".to_string())
}

/// The saved scenario, if any. A value that names no key at all is kept aside under `CORRUPT_KEY`.
pub fn load() -> Option<(Scenario, Vec<FieldError>)> {
    let storage = storage()?;
    let text = storage.get_item(STORAGE_KEY).ok().flatten()?;
    match decode(&text) {
        Some((s, errors)) => {
            if !errors.is_empty() {
                let _ = storage.set_item(CORRUPT_KEY, &text);
            }
            Some((s, errors))
        }
        None if text.trim_start_matches('?').starts_with("v=") => None,
        None => {
            let _ = storage.set_item(CORRUPT_KEY, &text);
            Some((
                Scenario::default(),
                vec![FieldError {
                    field: "saved scenario".into(),
                    message: "was unreadable; defaults restored and the old value kept aside".into(),
                }],
            ))
        }
    }
}

/// Quiet time after the last change before the URL and storage are written. `history.replaceState` costs
/// the main thread milliseconds (and Chromium ignores more than ~200 calls in 10 s), too much for every
/// step of a slider drag; a drag is written once, when it stops, and then in the browser's next idle
/// period (`requestIdleCallback`, where there is one) rather than in the middle of other work.
const SETTLE_MS: u32 = 120;
/// Longest wait for an idle period before writing anyway.
const IDLE_WITHIN_MS: u32 = 500;

struct Inner {
    next: RefCell<Option<(Rc<Scenario>, String)>>,
    timer: RefCell<Option<Timeout>>,
    reported: Cell<bool>,
    report: Box<dyn Fn(String)>,
}

impl Inner {
    fn flush(&self) {
        let Some((s, extra)) = self.next.borrow_mut().take() else { return };
        let _ = write_url(&s, &extra);
        if let Err(e) = save(&s)
            && !self.reported.replace(true)
        {
            (self.report)(e);
        }
    }
}

/// Writes the newest scenario to the URL and storage `SETTLE_MS` after the last change, and at once when
/// the page is being left (`pagehide`), so nothing is lost. A storage failure is reported once.
pub struct Writer {
    inner: Rc<Inner>,
    _leaving: Option<EventListener>,
}

impl Writer {
    pub fn new(report: impl Fn(String) + 'static) -> Writer {
        let inner = Rc::new(Inner {
            next: RefCell::new(None),
            timer: RefCell::new(None),
            reported: Cell::new(false),
            report: Box::new(report),
        });
        let leaving = {
            let inner = Rc::downgrade(&inner);
            web_sys::window().map(|w| {
                EventListener::new(&w, "pagehide", move |_| {
                    if let Some(inner) = inner.upgrade() {
                        inner.flush();
                        drop(inner.timer.borrow_mut().take());
                    }
                })
            })
        };
        Writer { inner, _leaving: leaving }
    }

    /// Schedules `s` (with the page's own query keys `extra`) to be written; a newer call replaces it.
    pub fn write(&self, s: Rc<Scenario>, extra: String) {
        *self.inner.next.borrow_mut() = Some((s, extra));
        let inner: Weak<Inner> = Rc::downgrade(&self.inner);
        // Replacing the handle cancels the previous timer (never from inside its own callback).
        *self.inner.timer.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
            when_idle(move || {
                if let Some(inner) = inner.upgrade() {
                    inner.flush();
                }
            })
        }));
    }
}

/// Runs `f` in the browser's next idle period, or at once where there is no `requestIdleCallback`.
fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let Some(window) = web_sys::window() else { return f() };
    let available = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if !available {
        return f();
    }
    let callback = Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_WITHIN_MS);
    let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
}
