//! The seed articles' rules of thumb, each recomputed by the engine: holds, or off by how much and why.

use yew::prelude::*;

use crate::core::catalog::Catalog;
use crate::core::claims;

#[function_component(ClaimsPage)]
pub fn claims_page() -> Html {
    let checks = use_memo((), |_| claims::check(&Catalog::builtin()));
    html! {
        <section class="card claims" aria-labelledby="claims-title">
            <h2 id="claims-title">{"Rules of thumb, checked"}</h2>
            <p class="muted">{"Every quantitative claim of the articles Crossover grew from, recomputed from the pricing catalogue."}</p>
            <ul class="claims-list">
                { for checks.iter().map(|c| html! { <li class="claim">{claims::format_row(c)}</li> }) }
            </ul>
        </section>
    }
}
