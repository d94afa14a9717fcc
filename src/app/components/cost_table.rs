//! Every platform's monthly cost: the cheapest feasible one highlighted, infeasible ones greyed with the
//! limit named, and each row's line items on demand.

use yew::prelude::*;

use crate::app::components::verdict_card::serde_plain;
use crate::app::format;
use crate::core::cost::PlatformCost;
use crate::core::eval;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub platforms: Vec<PlatformCost>,
}

#[function_component(CostTable)]
pub fn cost_table(props: &Props) -> Html {
    let cheapest = eval::cheapest(&props.platforms, None).map(|p| p.id);
    html! {
        <section class="card costs" aria-labelledby="costs-title">
            <h2 id="costs-title">{"Monthly cost"}</h2>
            <table class="cost-table">
                <thead><tr><th scope="col">{"Platform"}</th><th scope="col" class="num">{"USD / month"}</th></tr></thead>
                <tbody>
                { for props.platforms.iter().map(|p| {
                    let id = serde_plain(&p.id);
                    let best = Some(p.id) == cheapest;
                    html! {
                        <tr class={classes!(best.then_some("cheapest"), (!p.feasible).then_some("infeasible"))} data-platform={id.clone()}>
                            <td>
                                <details>
                                    <summary><span class={classes!("swatch", format!("p-{id}"))}></span>{&p.name}
                                        if best { <span class="badge">{"cheapest"}</span> }
                                    </summary>
                                    <ul class="breakdown">
                                        { for p.breakdown.iter().map(|li| html! {
                                            <li><span class="item">{&li.item}</span>
                                                <span class="num">{format::usd(li.usd)}</span>
                                                <small class="detail">{&li.detail}</small></li>
                                        }) }
                                    </ul>
                                </details>
                                if let Some(why) = &p.infeasible_reason { <div class="why">{"Not feasible: "}{why}</div> }
                            </td>
                            <td class="num usd" data-usd={p.monthly_usd.to_string()}>
                                { if p.feasible { format::usd(p.monthly_usd) } else { "—".to_string() } }
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </section>
    }
}
