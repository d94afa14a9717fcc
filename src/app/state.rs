//! All UI state in one reducer: the scenario being explored, the notices the page shows about it, and
//! the page's own settings. Every control dispatches `Action::Set(key, text)`; the value goes through
//! `core::keys`, so the UI can never hold a scenario the core would reject.

use std::rc::Rc;

use yew::Reducible;

use crate::app::your_prices;
use crate::core::keys;
use crate::core::overrides::UserPrices;
use crate::core::scenario::{FieldError, Scenario};

/// Most notices shown at once.
const MAX_NOTICES: usize = 8;

/// The notices about what a decoded input (a link, saved state) could not use: one per bad value up to
/// `MAX_NOTICES`, then one that counts the rest, so a link of thousands of bad keys shows a few lines.
pub fn notices_for(origin: &str, errors: Vec<FieldError>) -> Vec<String> {
    let total = errors.len();
    let shown = if total > MAX_NOTICES { MAX_NOTICES - 1 } else { total };
    let mut notices: Vec<String> =
        errors.into_iter().take(shown).map(|e| format!("{origin}: {e} — replaced by the default")).collect();
    if total > shown {
        notices.push(format!("{origin}: {} more values not used", total - shown));
    }
    notices
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Auto,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::Auto => "Theme: auto",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    pub scenario: Scenario,
    /// Visible messages: rejected values from a link, saved state or a typed field.
    pub notices: Vec<String>,
    pub theme: Theme,
    /// The preset last applied, until the scenario is changed by hand.
    pub preset: Option<String>,
    /// Your own rates (values and per-provider discounts) over the catalogue.
    pub prices: UserPrices,
}

pub enum Action {
    /// Sets one scenario key from text; an invalid value leaves the scenario as it was and says why.
    Set(&'static str, String),
    /// Replaces the scenario (a preset, a restored link), reporting what was dropped.
    Load {
        scenario: Box<Scenario>,
        errors: Vec<FieldError>,
        origin: String,
        preset: Option<String>,
    },
    Reset,
    Notice(String),
    DismissNotices,
    CycleTheme,
    /// Sets one of your rates (a catalogue key or `discount.<provider>`) from text; a bad value is refused
    /// with the key named and nothing else changes.
    SetPrice(String, String),
    /// Back to the catalogue's figure for one key, or for all (`None`).
    ResetPrice(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Set(key, text) => match keys::set(&next.scenario, key, &text) {
                Ok(s) => {
                    next.scenario = s;
                    next.preset = None;
                }
                Err(e) => next.notices.push(format!("Not applied — {e}")),
            },
            Action::Load { scenario, errors, origin, preset } => {
                next.scenario = *scenario;
                next.preset = preset;
                next.notices.extend(notices_for(&origin, errors));
            }
            Action::Reset => {
                next.scenario = Scenario::default();
                next.preset = None;
                next.notices.clear();
            }
            Action::Notice(text) => next.notices.push(text),
            Action::DismissNotices => next.notices.clear(),
            Action::CycleTheme => next.theme = next.theme.next(),
            Action::SetPrice(key, text) => {
                let set = match text.trim().parse::<f64>() {
                    Ok(v) => next.prices.set(&your_prices::base(), &key, v),
                    Err(_) => Err(FieldError::new(key.as_str(), format!("`{}` is not a number", text.trim()))),
                };
                if let Err(e) = set {
                    next.notices.push(format!("Not applied — {e}"));
                }
            }
            Action::ResetPrice(Some(key)) => next.prices.reset(&key),
            Action::ResetPrice(None) => next.prices = UserPrices::default(),
        }
        // Keep the list short: a pasted bad link must not bury the page.
        let excess = next.notices.len().saturating_sub(MAX_NOTICES);
        next.notices.drain(..excess);
        Rc::new(next)
    }
}
