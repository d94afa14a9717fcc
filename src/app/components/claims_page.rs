//! The seed articles' rules of thumb as a reader wants them: a table of each claim in plain words, the
//! article by title, what the article says, what Crossover computes, a status chip, why they differ, and
//! a link that opens the scenario behind the figure in the explorer; filtered by status and topic.
//!
//! The table is a function of `core::claims::check`'s plain rows (`ClaimsTable`), so where they are
//! computed does not change the view: the claims file is fetched when the page opens and its
//! simulations run in the worker, off the main thread.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::fetch;
use crate::app::worker::{Reply, Request};
use crate::app::worker_client;
use crate::core::claims::{ClaimCheck, Filter, Topic};
use crate::report::claims::{computed_value, summary};

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
    match &*checks {
        Checks::Done(list) => html! { <ClaimsTable checks={Rc::clone(list)} /> },
        waiting => html! {
            <section class="card claims" aria-labelledby="claims-title" aria-busy={(*waiting == Checks::Running).to_string()}>
                <h2 id="claims-title">{"Rules of thumb, checked"}</h2>
                { match waiting {
                    Checks::Failed(e) => html! { <p class="why">{format!("The claims could not be checked: {e}")}</p> },
                    _ => html! { <p class="muted">{"Recomputing…"}</p> },
                } }
            </section>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub checks: Rc<Vec<ClaimCheck>>,
}

fn topic_id(t: Topic) -> &'static str {
    match t {
        Topic::ColdStarts => "cold_starts",
        Topic::Costs => "costs",
        Topic::BreakEven => "break_even",
        Topic::Limits => "limits",
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

#[function_component(ClaimsTable)]
pub fn claims_table(props: &Props) -> Html {
    let status = use_state(|| None::<&'static str>);
    let topic = use_state(|| None::<Topic>);
    let filter = Filter { status: *status, topic: *topic };
    let kept: Vec<&ClaimCheck> = props.checks.iter().filter(|c| filter.keeps(c)).collect();

    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            status.set(match select_value(&e).as_str() {
                "holds" => Some("holds"),
                "off" => Some("off"),
                _ => None,
            })
        })
    };
    let on_topic = {
        let topic = topic.clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            topic.set(Topic::ALL.into_iter().find(|t| topic_id(*t) == value))
        })
    };

    html! {
        <section class="card claims" aria-labelledby="claims-title" aria-busy="false">
            <h2 id="claims-title">{"Rules of thumb, checked"}</h2>
            <p class="muted">{"Every quantitative claim of the articles Crossover grew from, recomputed from the pricing \
                catalogue and the cold-start simulation. \"Open in explorer\" loads the scenario behind a figure."}</p>
            <div class="claims-filters">
                <label>{"Status "}
                    <select id="claims-status" onchange={on_status}>
                        <option value="" selected={status.is_none()}>{"all"}</option>
                        <option value="holds" selected={*status == Some("holds")}>{"holds"}</option>
                        <option value="off" selected={*status == Some("off")}>{"off"}</option>
                    </select>
                </label>
                <label>{"Topic "}
                    <select id="claims-topic" onchange={on_topic}>
                        <option value="" selected={topic.is_none()}>{"all"}</option>
                        { for Topic::ALL.into_iter().map(|t| html! {
                            <option value={topic_id(t)} selected={*topic == Some(t)}>{t.label()}</option>
                        }) }
                    </select>
                </label>
                <span id="claims-count" class="muted" aria-live="polite">{summary(&kept)}</span>
            </div>
            <div class="table-scroll">
            <table class="claims-table" id="claims-table">
                <thead><tr>
                    <th scope="col" class="c-claim">{"Rule of thumb"}</th>
                    <th scope="col" class="c-article">{"Article"}</th>
                    <th scope="col" class="c-figure num">{"The article says"}</th>
                    <th scope="col" class="c-figure num">{"Crossover computes"}</th>
                    <th scope="col" class="c-status">{"Status"}</th>
                    <th scope="col" class="c-why">{"Why they differ"}</th>
                    <th scope="col" class="c-open"><span class="visually-hidden">{"Scenario"}</span></th>
                </tr></thead>
                <tbody>
                { for kept.iter().map(|c| html! {
                    <tr data-id={c.id.clone()} data-status={c.status.clone()} data-topic={topic_id(c.topic)}>
                        <td class="claim-text">{&c.claim}<small class="topic">{c.topic.label()}</small></td>
                        <td class="article"><cite>{&c.title}</cite><small>{&c.about}</small></td>
                        <td class="num"><span class="value">{&c.claimed}</span>{" "}<span class="unit">{&c.unit}</span></td>
                        <td class="num"><span class="value">{computed_value(c)}</span>{" "}<span class="unit">{&c.unit}</span></td>
                        <td><span class={classes!("chip", c.status.clone())}>{&c.status_label}</span></td>
                        <td class="why">{&c.reason}</td>
                        <td>if !c.query.is_empty() {
                            <a class="open-explorer" href={format!("./?{}", c.query)}>{"Open in explorer"}</a>
                        }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
