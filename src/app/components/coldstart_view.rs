//! What the workload feels like: cold-start share, latency percentiles, environments, throttling and
//! database connections from the simulation, with the latency CDF and a representative day.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::chart_canvas::{ChartCanvas, Plot};
use crate::app::format;
use crate::core::coldstart::ColdStartReport;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<ColdStartReport>,
    pub target_p99_ms: Option<f64>,
    pub db_max_connections: Option<u32>,
    pub dark: bool,
    /// Whose simulation this is (the title names it).
    #[prop_or(AttrValue::Static("AWS Lambda"))]
    pub platform: AttrValue,
    /// What the day chart shows, under it.
    #[prop_or(AttrValue::Static("Environments and cold starts over a representative day"))]
    pub day_caption: AttrValue,
    /// Controls shown under the title (the platform and day pickers).
    #[prop_or_default]
    pub children: Html,
}

fn ms(v: f64) -> String {
    if v >= 10_000.0 { format!("{:.1} s", v / 1000.0) } else { format!("{v:.0} ms") }
}

fn pct(v: f64) -> String {
    if v > 0.0 && v < 0.0001 { "<0.01%".into() } else { format!("{:.2}%", v * 100.0) }
}

#[function_component(ColdStartView)]
pub fn coldstart_view(props: &Props) -> Html {
    let r = &props.report;
    let over_slo = props.target_p99_ms.is_some_and(|t| r.latency_ms.p99 > t);
    let db_over = props.db_max_connections.is_some_and(|max| r.peak_db_connections > f64::from(max));
    let metric = |id: &'static str, label: &'static str, value: String, bad: bool| {
        html! {
            <div class={classes!("metric", bad.then_some("bad"))}>
                <span class="label">{label}</span><output id={id}>{value}</output>
            </div>
        }
    };
    html! {
        <section class="card coldstart" aria-labelledby="coldstart-title">
            <h2 id="coldstart-title">{format!("Cold starts ({}, simulated)", props.platform)}</h2>
            { props.children.clone() }
            <div class="metrics">
                { metric("cs-fraction", "cold starts", pct(r.cold_start_fraction), false) }
                { metric("cs-p50", "p50 latency", ms(r.latency_ms.p50), false) }
                { metric("cs-p99", "p99 latency", ms(r.latency_ms.p99), over_slo) }
                { metric("cs-peak", "peak environments", format::group(r.peak_instances.round() as i64), false) }
                { metric("cs-throttled", "throttled", pct(r.throttled_fraction), r.throttled_fraction > 0.0) }
                { metric("cs-db", "peak DB connections",
                    match props.db_max_connections {
                        Some(max) => format!("{} / {}", format::group(r.peak_db_connections.round() as i64), format::group(i64::from(max))),
                        None => format::group(r.peak_db_connections.round() as i64),
                    }, db_over) }
            </div>
            <p class="method">{format!("{} simulation · {} cold starts of {} requests a month · mean INIT {}",
                r.method, format::si(r.cold_starts), format::si(r.requests), ms(r.mean_init_ms))}</p>
            <div class="chart-pair">
                <figure>
                    <ChartCanvas id="latency-chart" label="Cumulative latency distribution with the p99 target"
                        plot={Plot::Latency { report: props.report.clone(), target_p99_ms: props.target_p99_ms }}
                        dark={props.dark} height={240} />
                    <figcaption>{"Latency including cold starts (CDF)"}</figcaption>
                </figure>
                <figure>
                    <ChartCanvas id="day-chart" label="Live environments and cold starts per minute over the busiest simulated day"
                        plot={Plot::Day { report: props.report.clone() }} dark={props.dark} height={240} />
                    <figcaption>{props.day_caption.clone()}</figcaption>
                </figure>
            </div>
        </section>
    }
}
