//! Your own rates outside the page: the link's `px` parameter and localStorage hold the same compact text
//! (`core::overrides::UserPrices::to_link`), decoded against the builtin catalogue so a bad entry is
//! named and the rest kept. The builtin catalogue is parsed once per thread.

use crate::app::shared::Shared;
use crate::core::catalog::Catalog;
use crate::core::field_error::FieldError;
use crate::core::overrides::UserPrices;
use crate::core::query;

const STORAGE_KEY: &str = "crossover.prices";
/// The link's parameter (a page key, so scenario decoders skip it).
pub const PARAM: &str = "px";

thread_local! {
    static BASE: Shared<Catalog> = Shared::new(Catalog::builtin());
}

/// The catalogue without your rates.
pub fn base() -> Shared<Catalog> {
    BASE.with(Shared::clone)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Your rates from the link when it carries a scenario or `px` (a shared link stands alone: without
/// `px` it is at list prices), else from storage.
pub fn initial(search: &str, link_has_scenario: bool, use_storage: bool) -> (UserPrices, Vec<FieldError>) {
    let text = match query::page_param(search, PARAM) {
        Some(text) => Some(text),
        None if link_has_scenario || !use_storage => None,
        None => storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()),
    };
    match text.filter(|t| !t.is_empty()) {
        Some(text) => UserPrices::from_link(&base(), &text),
        None => (UserPrices::default(), Vec::new()),
    }
}

/// `&px=…` for the URL, or nothing at list prices.
pub fn url_part(prices: &UserPrices) -> String {
    let link = prices.to_link();
    if link.is_empty() { link } else { format!("&{PARAM}={link}") }
}

/// Saves (or forgets, when empty) your rates; a refusal is reported, never fatal.
pub fn save(prices: &UserPrices) -> Result<(), String> {
    let storage = storage().ok_or("browser storage is unavailable")?;
    let link = prices.to_link();
    let done = if link.is_empty() { storage.remove_item(STORAGE_KEY) } else { storage.set_item(STORAGE_KEY, &link) };
    done.map_err(|_| "browser storage refused the write (full or disabled)".to_string())
}
