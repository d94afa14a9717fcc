//! Share and export: copy the scenario's link, download the evaluation (the `crossover eval` JSON), the
//! cost curves (CSV) and each chart (PNG), or print a one-page report.

use yew::prelude::*;

use crate::app::download;
use crate::app::state::Action;
use crate::app::worker::{Reply, Request};
use crate::app::worker_client;
use crate::app::your_prices;
use crate::core::cost::PlatformId;
use crate::core::crossover::Curves;
use crate::core::overrides::UserPrices;
use crate::core::query;
use crate::core::scenario::Scenario;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub scenario: Scenario,
    pub curves: std::rc::Rc<Curves>,
    pub notify: Callback<Action>,
    /// Your rates: in the link, and in the evaluation exported.
    #[prop_or_default]
    pub prices: UserPrices,
}

/// The curves as CSV: one row per volume, one column per platform (empty where infeasible).
pub fn curves_csv(curves: &Curves) -> String {
    let ids: Vec<String> = curves.series.iter().map(|s| id_text(s.id)).collect();
    let mut out = format!("requests_per_month,{}\n", ids.join(","));
    for (i, v) in curves.volumes.iter().enumerate() {
        out.push_str(&format!("{v}"));
        for s in &curves.series {
            out.push(',');
            if let Some(Some(usd)) = s.usd.get(i) {
                out.push_str(&format!("{usd:.4}"));
            }
        }
        out.push('\n');
    }
    out
}

fn id_text(id: PlatformId) -> String {
    serde_json::to_value(id).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The full link of the scenario, for the clipboard.
pub fn share_url(s: &Scenario) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location.and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
    format!("{base}?{}", query::encode(s))
}

#[function_component(ShareBar)]
pub fn share_bar(props: &Props) -> Html {
    let shown_link = use_state(|| None::<String>);
    let report = {
        let notify = props.notify.clone();
        move |what: &str, r: Result<(), String>| {
            if let Err(e) = r {
                notify.emit(Action::Notice(format!("{what} failed: {e}")));
            }
        }
    };
    let on_copy = {
        let (s, notify, shown_link) = (props.scenario.clone(), props.notify.clone(), shown_link.clone());
        let prices = props.prices.clone();
        Callback::from(move |_: MouseEvent| {
            let url = format!("{}{}", share_url(&s), your_prices::url_part(&prices));
            shown_link.set(Some(url.clone()));
            // The clipboard may be refused (permissions, insecure context): the link stays shown to copy.
            if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
                let promise = clipboard.write_text(&url);
                let notify = notify.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    if !copied {
                        notify.emit(Action::Notice("The clipboard is not available here: copy the link shown.".into()));
                    }
                });
            }
        })
    };
    // The full evaluation (sensitivity search included) is computed and serialised in the worker.
    let on_json = {
        let (s, report, prices) = (props.scenario.clone(), report.clone(), props.prices.clone());
        Callback::from(move |_: MouseEvent| {
            let report = report.clone();
            let request = Request::Evaluate(format!("{}{}", query::encode(&s), your_prices::url_part(&prices)));
            worker_client::call(request, move |reply| {
                let r = match reply {
                    Reply::Evaluation(json) => download::text("crossover-evaluation.json", "application/json", &json),
                    Reply::Failed(e) => Err(e),
                    _ => Err("unexpected reply".into()),
                };
                report("JSON export", r);
            });
        })
    };
    let on_csv = {
        let (curves, report) = (props.curves.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            report("CSV export", download::text("crossover-curves.csv", "text/csv", &curves_csv(&curves)))
        })
    };
    let png = |id: &'static str, file: &'static str| {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| report("PNG export", download::canvas_png(id, file)))
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <nav class="share" aria-label="Share and export">
            <button type="button" id="copy-link" onclick={on_copy}>{"Copy link"}</button>
            <button type="button" id="export-json" onclick={on_json}>{"Evaluation JSON"}</button>
            <button type="button" id="export-csv" onclick={on_csv}>{"Cost curves CSV"}</button>
            <button type="button" id="export-png-crossover" onclick={png("crossover-chart", "crossover-chart.png")}>{"Crossover PNG"}</button>
            <button type="button" id="export-png-latency" onclick={png("latency-chart", "crossover-latency.png")}>{"Latency PNG"}</button>
            <button type="button" id="export-png-day" onclick={png("day-chart", "crossover-day.png")}>{"Day PNG"}</button>
            <button type="button" id="export-png-cost-p99" onclick={png("cost-p99-chart", "crossover-cost-p99.png")}>{"Cost-p99 PNG"}</button>
            <button type="button" id="print-report" onclick={on_print}>{"Print report"}</button>
            if let Some(link) = &*shown_link {
                <input type="text" id="share-link" readonly=true value={link.clone()} aria-label="Link to this scenario" />
            }
        </nav>
    }
}
