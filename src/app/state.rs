//! All UI state in one reducer: the scenario being explored plus what the page says about it.

use std::rc::Rc;

use yew::Reducible;

use crate::core::scenario::Scenario;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    pub scenario: Scenario,
}

pub enum Action {
    /// Sets a numeric scenario key (the slider's `key`); values outside the key's range are clamped.
    SetNumber(&'static str, f64),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetNumber(key, value) => set_number(&mut next.scenario, key, value),
        }
        Rc::new(next)
    }
}

fn set_number(s: &mut Scenario, key: &str, value: f64) {
    if !value.is_finite() {
        return;
    }
    let value = match crate::core::scenario::range_of(key) {
        Some((lo, hi)) => value.clamp(lo, hi),
        None => value,
    };
    if key == "requests_per_month" {
        s.requests_per_month = value;
    }
}
