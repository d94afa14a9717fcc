//! Monthly cost against p99 latency, one point per platform, with the p99 target as a line and the
//! cheapest platform that meets it ringed; under it the same figures as a table (for screen readers, the
//! e2e test and anyone who wants the numbers).

use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::chart_canvas::{ChartCanvas, Plot};
use crate::app::components::verdict_card::serde_plain;
use crate::app::format;
use crate::chart::cost_p99::CostLatency;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: Rc<CostLatency>,
    pub dark: bool,
}

#[function_component(CostP99View)]
pub fn cost_p99_view(props: &Props) -> Html {
    let data = &props.data;
    let best = data.best();
    let target = data.target_p99_ms.map(|t| t.to_string());
    html! {
        <section class="card cost-p99" aria-labelledby="cost-p99-title">
            <h2 id="cost-p99-title">{"Cost against p99 latency"}</h2>
            <ChartCanvas id="cost-p99-chart" label="Monthly cost of each platform against its simulated p99 latency, log-log, with the p99 target"
                plot={Plot::CostP99 { data: props.data.clone() }} dark={props.dark} height={420} />
            <details class="chart-data">
                <summary>{"The chart's figures"}</summary>
                <table id="cost-p99-data" class="cost-table" data-target-p99-ms={target}>
                    <thead><tr><th scope="col">{"Platform"}</th><th scope="col" class="num">{"USD / month"}</th><th scope="col" class="num">{"p99"}</th></tr></thead>
                    <tbody>
                    { for data.points.iter().filter_map(|p| Some((p, p.monthly_usd?, p.p99_ms?))).map(|(p, usd, p99)| {
                        let marked = Some(p.id) == best;
                        html! {
                            <tr data-platform={serde_plain(&p.id)} data-usd={usd.to_string()} data-p99-ms={p99.to_string()}
                                data-best={marked.to_string()} class={classes!(marked.then_some("cheapest"))}>
                                <td>{p.id.name()} if marked { <span class="badge">{"cheapest meeting the target"}</span> }</td>
                                <td class="num">{format::usd(usd)}</td>
                                <td class="num">{format::ms(p99)}</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
