//! The seed articles' rules of thumb, each recomputed by the engine: holds, or off by how much and why.
//! The claims file is fetched when the page opens and its 49 simulations run in the worker.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::fetch;
use crate::app::worker::{Reply, Request};
use crate::app::worker_client;
use crate::core::claims::{self, ClaimCheck};

/// Where Trunk copies `data/claims.json`, relative to the page.
const CLAIMS_URL: &str = "claims.json";

#[derive(Clone, PartialEq)]
enum Checks {
    Running,
    Done(Rc<Vec<ClaimCheck>>),
    Failed(String),
}

#[function_component(ClaimsPage)]
pub fn claims_page() -> Html {
    let checks = use_state(|| Checks::Running);
    {
        let checks = checks.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match fetch::text(CLAIMS_URL).await {
                    Ok(text) => worker_client::call(Request::Claims(text), move |reply| {
                        checks.set(match reply {
                            Reply::Claims(list) => Checks::Done(Rc::new(list)),
                            Reply::Failed(e) => Checks::Failed(e),
                            _ => Checks::Failed("unexpected reply".into()),
                        })
                    }),
                    Err(e) => checks.set(Checks::Failed(e)),
                }
            });
        });
    }
    html! {
        <section class="card claims" aria-labelledby="claims-title" aria-busy={(*checks == Checks::Running).to_string()}>
            <h2 id="claims-title">{"Rules of thumb, checked"}</h2>
            <p class="muted">{"Every quantitative claim of the articles Crossover grew from, recomputed from the pricing catalogue."}</p>
            { match &*checks {
                Checks::Running => html! { <p class="muted">{"Recomputing…"}</p> },
                Checks::Failed(e) => html! { <p class="why">{format!("The claims could not be checked: {e}")}</p> },
                Checks::Done(list) => html! {
                    <ul class="claims-list">
                        { for list.iter().map(|c| html! { <li class="claim">{claims::format_row(c)}</li> }) }
                    </ul>
                },
            } }
        </section>
    }
}
