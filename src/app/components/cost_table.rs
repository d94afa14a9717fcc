//! Every platform's monthly cost beside its simulated p99 and cold-start share (the core's
//! `performance`; "—" where the platform has no execution model or cannot run the workload): the cheapest
//! feasible one highlighted, infeasible ones greyed with the limit named, and each row's line items on demand — credits (a commitment's savings) as negative lines,
//! figures resting on an UNVERIFIED catalogue entry marked, Fargate Spot's interruption caveat shown.

use yew::prelude::*;

use crate::app::components::line_sources::{LineSources, Sources};
use crate::app::components::verdict_card::serde_plain;
use crate::app::format;
use crate::chart::{Style, css, platform_colour};
use crate::core::cost::{self, PlatformCost, PlatformId};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub platforms: Vec<PlatformCost>,
    /// The catalogue entries behind each line (the explorer's; embedded widgets leave them out).
    #[prop_or_default]
    pub sources: Option<Sources>,
}

/// The platform's colour from the platform table (as the charts draw it), one shape per theme; the style
/// sheet shows the one of the current theme. A `fill` attribute is not inline CSS, so the CSP allows it.
fn swatch(id: PlatformId) -> Html {
    let fill = |style: &Style| css(platform_colour(id, style));
    html! {
        <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
            <rect class="on-light" width="10" height="10" rx="2" fill={fill(&Style::light(1.0))} />
            <rect class="on-dark" width="10" height="10" rx="2" fill={fill(&Style::dark(1.0))} />
        </svg>
    }
}

/// The p99 and cold-start share in one cell (two lines, so the table fits a 360 px phone), with the
/// figures as data attributes for tests and scripts.
fn perf_cell(p: &PlatformCost) -> Html {
    match &p.performance {
        Some(f) => html! {
            <td class="num perf" title={format!("{} simulation", f.method)}>
                <span class="p99" data-p99-ms={f.latency_ms.p99.to_string()}>{format::ms(f.latency_ms.p99)}</span>
                <small class="cold" data-cold-fraction={f.cold_start_fraction.to_string()}>{format::share(f.cold_start_fraction)}</small>
            </td>
        },
        None => html! { <td class="num perf">{"—"}</td> },
    }
}

#[function_component(CostTable)]
pub fn cost_table(props: &Props) -> Html {
    let cheapest = cost::cheapest(&props.platforms, None).map(|p| p.id);
    // The line items of a closed row are not in the page: rendered only while a row is open, they no
    // longer cost ~90 DOM writes on every input.
    let open = use_state(Vec::<PlatformId>::new);
    let toggle = |id: PlatformId| {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now = e.target_dyn_into::<web_sys::Element>().is_some_and(|d| d.has_attribute("open"));
            let mut ids = (*open).clone();
            ids.retain(|x| *x != id);
            if now {
                ids.push(id);
            }
            open.set(ids);
        })
    };
    html! {
        <section class="card costs" aria-labelledby="costs-title">
            <h2 id="costs-title">{"Monthly cost"}</h2>
            <table class="cost-table">
                <thead><tr><th scope="col">{"Platform"}</th><th scope="col" class="num">{"USD / month"}</th>
                    <th scope="col" class="num perf" title="p99 latency incl. cold starts, and the share of requests that start cold">{"p99 / cold"}</th></tr></thead>
                <tbody>
                { for props.platforms.iter().map(|p| {
                    let id = serde_plain(&p.id);
                    let best = Some(p.id) == cheapest;
                    let is_open = open.contains(&p.id);
                    html! {
                        <tr class={classes!(best.then_some("cheapest"), (!p.feasible).then_some("infeasible"))} data-platform={id.clone()}>
                            <td>
                                <details open={is_open} ontoggle={toggle(p.id)}>
                                    <summary>{swatch(p.id)}{&p.name}
                                        if best { <span class="badge">{"cheapest"}</span> }
                                    </summary>
                                    if is_open {
                                        <ul class="breakdown">
                                            { for p.breakdown.iter().map(|li| html! {
                                                <li class={classes!((li.usd < 0.0).then_some("credit"))}>
                                                    <span class="item">{&li.item}
                                                        if !li.unverified.is_empty() {
                                                            <span class="unverified" title={format!("One weak source only, check before relying on it: {}", li.unverified.join(", "))}>{"UNVERIFIED"}</span>
                                                        }
                                                    </span>
                                                    <span class="num">{format::usd(li.usd)}</span>
                                                    <small class="detail">{&li.detail}</small>
                                                    if let Some(sources) = &props.sources {
                                                        <LineSources sources={sources.clone()} platform={p.id.index()} item={li.item.clone()} />
                                                    }</li>
                                            }) }
                                        </ul>
                                    }
                                </details>
                                if let Some(why) = &p.infeasible_reason { <div class="why">{"Not feasible: "}{&why.message}</div> }
                                if p.breakdown.iter().any(|li| li.item == "Fargate Spot") {
                                    <div class="caveat">{"Fargate Spot: AWS can stop a Spot task with two minutes' notice; the minimum stays on demand."}</div>
                                }
                            </td>
                            <td class="num usd" data-usd={p.monthly_usd.to_string()}>
                                { if p.feasible { format::usd(p.monthly_usd) } else { "—".to_string() } }
                            </td>
                            { perf_cell(p) }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </section>
    }
}
