//! Under a line item of the cost table: the catalogue entries it was priced from (the core's
//! `cost::provenance`), each a link to its row of the Prices page, marked when unverified or yours.

use yew::prelude::*;

use crate::app::shared::Shared;
use crate::app::your_prices;
use crate::core::catalog::{Catalog, Status};
use crate::core::cost::{Provenance, keys_of};

/// What the cost table needs to name each line's sources: the keys by platform and line, and the
/// catalogue they were read from (your rates applied). Compared once per line item, by identity.
#[derive(Clone, PartialEq)]
pub struct Sources {
    pub provenance: Shared<Provenance>,
    pub catalog: Shared<Catalog>,
}

/// The anchor of a key's row on the Prices page.
pub fn anchor(key: &str) -> String {
    format!("price-{key}")
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub sources: Sources,
    /// Table index of the platform, and the line's name.
    pub platform: usize,
    pub item: AttrValue,
}

#[function_component(LineSources)]
pub fn line_sources(props: &Props) -> Html {
    let keys = keys_of(&props.sources.provenance, props.platform, &props.item);
    let Some(keys) = keys.filter(|k| !k.is_empty()) else { return html! {} };
    let base = your_prices::base();
    html! {
        <small class="sources">{"From: "}
            { for keys.iter().enumerate().map(|(i, &key)| {
                let yours = props.sources.catalog.entry(key).is_some_and(|e| e.status == Status::Override);
                let unverified = base.entry(key).is_some_and(|e| e.status == Status::Unverified);
                html! { <>
                    if i > 0 { {", "} }
                    <a href={format!("#{}", anchor(key))} class={classes!("source-key", yours.then_some("yours"), unverified.then_some("weak"))}
                        data-key={key}>{key}</a>
                    if yours { <span class="chip yours">{"yours"}</span> }
                    if unverified { <span class="chip weak">{"unverified"}</span> }
                </> }
            }) }
        </small>
    }
}
