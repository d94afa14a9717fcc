//! The Prices page (`?page=prices`): the whole catalogue with each entry's source, date, age and status,
//! filterable by provider and status; your own rates (edit a value, or a discount per provider), reset
//! per entry or all; the catalogue with your rates as JSON or CSV, and your rates as the JSON that
//! `crossover … --prices FILE` reads. Every figure comes from `core::prices::list`.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::components::line_sources::anchor;
use crate::app::download;
use crate::app::shared::Shared;
use crate::app::state::Action;
use crate::app::your_prices;
use crate::core::catalog::Catalog;
use crate::core::overrides::{DISCOUNT_PREFIX, UserPrices};
use crate::core::prices::{self, OLD_AFTER_DAYS, PriceRow, Provider, STATUS_LABELS};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The catalogue with your rates applied.
    pub catalog: Shared<Catalog>,
    pub prices: UserPrices,
    pub dispatch: Callback<Action>,
}

/// An age in the largest unit that reads well: 7 days · 11 months · 2.9 years.
fn age_text(days: i64) -> String {
    match days {
        d if d < 0 => "dated after the catalogue".into(),
        d if d < 60 => format!("{d} days"),
        d if d < 730 => format!("{} months", d / 30),
        d => format!("{:.1} years", d as f64 / 365.25),
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// The key a `#price-<key>` link (a cost line's source) points at.
fn linked_key() -> Option<String> {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok())?;
    hash.strip_prefix("#price-").map(str::to_string)
}

fn row_view(r: &PriceRow, dispatch: &Callback<Action>, focused: bool) -> Html {
    let key = r.key.clone();
    let yours = r.status == "yours";
    let shown = r.value.to_string();
    let onchange = {
        let (dispatch, key, shown) = (dispatch.clone(), key.clone(), shown.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let text = input.value();
            // The field shows the rate in force until the reducer accepts the new one: a refused value
            // leaves a notice, not a figure that is not applied.
            input.set_value(&shown);
            let action = if text.trim().is_empty() {
                Action::ResetPrice(Some(key.clone()))
            } else {
                Action::SetPrice(key.clone(), text)
            };
            dispatch.emit(action);
        })
    };
    let on_reset = {
        let (dispatch, key) = (dispatch.clone(), key.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ResetPrice(Some(key.clone()))))
    };
    let age = r.age_days.map(age_text).unwrap_or_else(|| "undated".into());
    html! {
        <tr id={anchor(&r.key)} data-key={r.key.clone()} data-status={r.status}
            class={classes!(yours.then_some("yours"), r.old.then_some("old"), r.unverified.then_some("weak"), focused.then_some("focused"))}>
            <td class="provider">{r.provider}<small>{r.service}</small></td>
            <td class="key"><code>{&r.key}</code></td>
            <td class="value">
                <input type="text" inputmode="decimal" class="price-value" value={shown} aria-label={format!("Value of {}", r.key)} {onchange} />
                if yours {
                    <button type="button" class="reset-price" title={format!("Back to the catalogue's {}", r.list_value)} onclick={on_reset}>{"Reset"}</button>
                }
                <small class="unit">{&r.unit}</small>
                if yours { <small class="list">{format!("list: {}", r.list_value)}</small> }
            </td>
            <td class="source">{&r.source}</td>
            <td class="as-of">{&r.as_of}<small>{age}</small>
                if r.old { <span class="chip old" title={format!("More than {OLD_AFTER_DAYS} days before the catalogue's date")}>{"old"}</span> }
            </td>
            <td class="status"><span class={classes!("chip", r.status)}>{r.status}</span>
                if r.unverified && yours { <span class="chip unverified">{"unverified"}</span> }
            </td>
        </tr>
    }
}

#[function_component(PricesPage)]
pub fn prices_page(props: &Props) -> Html {
    let provider = use_state(String::new);
    let status = use_state(String::new);
    let base = your_prices::base();
    let list = use_memo(props.catalog.clone(), move |cat| prices::list(cat, &base));
    // The row a source link points at is marked and scrolled to (the link's hash is read when the page
    // opens, before the page's own URL update replaces it, and on every later link).
    let focused = use_state(linked_key);
    {
        let focused = focused.clone();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                if let Some(key) = linked_key() {
                    focused.set(Some(key));
                }
            });
            move || drop(listener)
        });
    }
    use_effect_with((*focused).clone(), |key| {
        if let Some(row) = key.as_ref().and_then(|k| gloo::utils::document().get_element_by_id(&anchor(k))) {
            row.scroll_into_view();
        }
    });

    let report = {
        let dispatch = props.dispatch.clone();
        move |r: Result<(), String>| {
            if let Err(e) = r {
                dispatch.emit(Action::Notice(format!("Export failed: {e}")));
            }
        }
    };
    let on_json = {
        let (list, report) = (list.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            let r = serde_json::to_string_pretty(&*list)
                .map_err(|e| e.to_string())
                .and_then(|json| download::text("crossover-prices.json", "application/json", &json));
            report(r);
        })
    };
    let on_csv = {
        let (list, report) = (list.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            report(download::text("crossover-prices.csv", "text/csv", &prices::csv(&list)))
        })
    };
    let on_rates = {
        let (prices, report) = (props.prices.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            report(download::text("crossover-my-rates.json", "application/json", &prices.to_json()))
        })
    };
    let on_reset_all = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ResetPrice(None)))
    };
    let on_provider = {
        let provider = provider.clone();
        Callback::from(move |e: Event| provider.set(select_value(&e)))
    };
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| status.set(select_value(&e)))
    };

    let count = |f: &dyn Fn(&PriceRow) -> bool| list.entries.iter().filter(|r| f(r)).count();
    let (yours, weak, old) = (count(&|r| r.status == "yours"), count(&|r| r.unverified), count(&|r| r.old));
    let shown: Vec<&PriceRow> = list
        .entries
        .iter()
        .filter(|r| provider.is_empty() || r.provider == provider.as_str())
        .filter(|r| status.is_empty() || r.status == status.as_str())
        .collect();

    let discount = |p: Provider| {
        let key = format!("{DISCOUNT_PREFIX}{}", p.id());
        let current = props.prices.discounts.get(&p).map(|v| v.to_string()).unwrap_or_default();
        let onchange = {
            let (dispatch, key, current) = (props.dispatch.clone(), key.clone(), current.clone());
            Callback::from(move |e: Event| {
                let input = e.target_unchecked_into::<HtmlInputElement>();
                let text = input.value();
                input.set_value(&current);
                let action = if text.trim().is_empty() {
                    Action::ResetPrice(Some(key.clone()))
                } else {
                    Action::SetPrice(key.clone(), text)
                };
                dispatch.emit(action);
            })
        };
        html! {
            <label class="discount">{format!("{} −", p.name())}
                <input type="text" inputmode="decimal" id={format!("discount-{}", p.id())} value={current} placeholder="0" {onchange} />{"%"}</label>
        }
    };

    html! {
        <section class="card prices-page" aria-labelledby="prices-title">
            <h2 id="prices-title">{"Prices"}</h2>
            <p class="muted" id="prices-summary">
                {format!("Catalogue as of {} · {} · {} · {} entries · {} yours · {} unverified · {} older than a year (ages count to the catalogue's date).",
                    list.as_of, list.region, list.currency, list.entries.len(), yours, weak, old)}
            </p>
            <fieldset class="group your-rates">
                <legend>{"Your rates"}</legend>
                <p class="muted">{"Edit any value below, or take a negotiated discount off every price of a provider. \
                    Your rates apply at once to every figure, are kept in this browser and travel in the shared link."}</p>
                <div class="discounts">{ for Provider::ALL.into_iter().map(discount) }</div>
                <div class="buttons">
                    <button type="button" id="reset-prices" onclick={on_reset_all} disabled={props.prices.is_empty()}>{"Reset all to the catalogue"}</button>
                    <button type="button" id="export-prices-json" onclick={on_json}>{"Catalogue JSON"}</button>
                    <button type="button" id="export-prices-csv" onclick={on_csv}>{"Catalogue CSV"}</button>
                    <button type="button" id="export-rates" onclick={on_rates} disabled={props.prices.is_empty()}
                        title="The JSON that crossover eval --prices FILE reads">{"Your rates JSON"}</button>
                </div>
            </fieldset>
            <div class="filters">
                <label>{"Provider "}
                    <select id="prices-provider" onchange={on_provider}>
                        <option value="" selected={provider.is_empty()}>{"All"}</option>
                        { for Provider::ALL.into_iter().map(|p| html! { <option value={p.name()} selected={*provider == p.name()}>{p.name()}</option> }) }
                    </select></label>
                <label>{"Status "}
                    <select id="prices-status" onchange={on_status}>
                        <option value="" selected={status.is_empty()}>{"All"}</option>
                        { for STATUS_LABELS.into_iter().map(|s| html! { <option value={s} selected={*status == s}>{s}</option> }) }
                    </select></label>
                <span class="muted" id="prices-shown">{format!("{} of {} shown", shown.len(), list.entries.len())}</span>
            </div>
            <div class="table-scroll">
                <table class="prices-table">
                    <thead><tr>
                        <th scope="col" class="c-provider">{"Provider"}</th><th scope="col" class="c-item">{"Item"}</th>
                        <th scope="col" class="c-value">{"Value"}</th><th scope="col" class="c-source">{"Source"}</th>
                        <th scope="col" class="c-as-of">{"As of"}</th><th scope="col" class="c-status">{"Status"}</th>
                    </tr></thead>
                    <tbody>{ for shown.into_iter().map(|r| row_view(r, &props.dispatch, focused.as_deref() == Some(r.key.as_str()))) }</tbody>
                </table>
            </div>
        </section>
    }
}
