//! A fleet of functions at once: paste or upload a CSV (a CloudWatch or Cost Explorer export), get each
//! function's cost on every platform, its verdict and recommendation, totals, and which functions to
//! move. Rows are evaluated in chunks with a yield between them, so 10,000 rows never freeze the page.
//! Bad rows are listed by line; the good ones are still evaluated.

use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::components::verdict_card::{decision_text, serde_plain};
use crate::app::shared::Shared;
use crate::app::{download, format};
use crate::core::catalog::Catalog;
use crate::core::fleet::{self, FleetReport, SortKey};
use crate::core::scenario::Scenario;

/// Rows per slice of work; one slice stays well under a frame's worth of blocking in release builds.
const CHUNK: usize = 250;
/// Rows drawn in the table; totals cover every row.
const SHOWN: usize = 200;
/// What the empty text box shows: the header and one row (a real line break, not `&#10;`: Yew sets
/// attributes as text).
const PLACEHOLDER: &str = "name,invocations,avg_duration_ms,memory_mb\ncheckout-api,45000000,120,1024";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The explorer's scenario: everything a CSV row does not set (shape, options, requirements).
    pub base: Scenario,
    /// The catalogue with your rates applied.
    pub catalog: Shared<Catalog>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running { done: usize, total: usize },
    Done { report: Rc<FleetReport>, millis: f64 },
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

async fn evaluate(bytes: Vec<u8>, base: Scenario, cat: Shared<Catalog>, status: UseStateHandle<Status>) {
    let started = now();
    let parsed = fleet::parse(&bytes);
    let total = parsed.rows.len();
    let (mut rows, mut errors) = (Vec::with_capacity(total), parsed.errors);
    for (i, chunk) in parsed.rows.chunks(CHUNK).enumerate() {
        let mut part = fleet::evaluate(chunk, &base, &cat);
        rows.append(&mut part.rows);
        errors.append(&mut part.errors);
        status.set(Status::Running { done: ((i + 1) * CHUNK).min(total), total });
        TimeoutFuture::new(0).await;
    }
    crate::core::stable_sort::sort_by_key(&mut errors, |e| e.line);
    let mut report = fleet::summarise(rows, errors, &cat);
    report.unusable = parsed.unusable || report.rows.is_empty();
    fleet::sort(&mut report.rows, SortKey::Saving, true);
    status.set(Status::Done { report: Rc::new(report), millis: now() - started });
}

#[function_component(FleetPage)]
pub fn fleet_page(props: &Props) -> Html {
    let text = use_state(String::new);
    let status = use_state(|| Status::Idle);
    let sort = use_state(|| (SortKey::Saving, true));

    let start = {
        let (status, base, cat) = (status.clone(), props.base.clone(), props.catalog.clone());
        Callback::from(move |bytes: Vec<u8>| {
            status.set(Status::Running { done: 0, total: 0 });
            wasm_bindgen_futures::spawn_local(evaluate(bytes, base.clone(), cat.clone(), status.clone()));
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_run = {
        let (text, start) = (text.clone(), start.clone());
        Callback::from(move |_: MouseEvent| start.emit(text.as_bytes().to_vec()))
    };
    let on_sample = {
        let (text, start) = (text.clone(), start.clone());
        Callback::from(move |_: MouseEvent| {
            text.set(fleet::SAMPLE_CSV.to_string());
            start.emit(fleet::SAMPLE_CSV.as_bytes().to_vec());
        })
    };
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let on_file = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let start = start.clone();
                let task = gloo::file::callbacks::read_as_bytes(&gloo::file::File::from(file), move |bytes| {
                    start.emit(bytes.unwrap_or_default());
                });
                *reader.borrow_mut() = Some(task);
            }
        })
    };

    let body = match &*status {
        Status::Idle => html! {},
        Status::Running { done, total } => html! {
            <p id="fleet-progress" aria-live="polite">{format!("Evaluating… {} of {} rows", format::group(*done as i64), format::group(*total as i64))}</p>
        },
        Status::Done { report, millis } => report_view(report, *millis, &sort),
    };
    html! {
        <section class="card fleet" aria-labelledby="fleet-title">
            <h2 id="fleet-title">{"Fleet: many functions at once"}</h2>
            <p class="muted">{"CSV columns: name, invocations (per month), avg_duration_ms, memory_mb; optional runtime, arch, p99_ms. \
                Everything else (traffic shape, front door, requirements) comes from the explorer's scenario. \
                Costs use the analytic cold-start estimate."}</p>
            <div class="fleet-input">
                <textarea id="fleet-csv" rows="6" aria-label="Fleet CSV" placeholder={PLACEHOLDER}
                    value={(*text).clone()} oninput={on_text} />
                <div class="fleet-actions">
                    <button type="button" id="fleet-run" onclick={on_run}>{"Evaluate pasted CSV"}</button>
                    <button type="button" id="fleet-sample" onclick={on_sample}>{"Load a sample fleet"}</button>
                    <label class="file">{"or upload a file "}<input type="file" id="fleet-file" accept=".csv,text/csv" onchange={on_file} /></label>
                </div>
            </div>
            {body}
        </section>
    }
}

fn report_view(report: &Rc<FleetReport>, millis: f64, sort: &UseStateHandle<(SortKey, bool)>) -> Html {
    let mut rows = report.rows.clone();
    fleet::sort(&mut rows, sort.0, sort.1);
    let header = |key: SortKey, label: &'static str| {
        let (current, descending) = **sort;
        let active = current == key;
        let arrow = if !active {
            ""
        } else if descending {
            " ▼"
        } else {
            " ▲"
        };
        let sort = sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| sort.set((key, if sort.0 == key { !sort.1 } else { true })));
        let aria = if !active {
            "none"
        } else if descending {
            "descending"
        } else {
            "ascending"
        };
        html! { <th scope="col" aria-sort={aria}>
        <button type="button" class="sort" {onclick}>{label}{arrow}</button></th> }
    };
    let money = |v: Option<f64>| v.map_or_else(|| "—".to_string(), format::usd);
    // The whole table (every row, not only those drawn), in the order shown: the `crossover fleet` CSV.
    let on_download = {
        let (report, sort) = (Rc::clone(report), **sort);
        Callback::from(move |_: MouseEvent| {
            let mut sorted = (*report).clone();
            fleet::sort(&mut sorted.rows, sort.0, sort.1);
            let _ = download::text("crossover-fleet.csv", "text/csv", &sorted.to_csv());
        })
    };
    html! {
        <>
        <p id="fleet-summary" aria-live="polite">
            {format!("{} functions evaluated in {:.0} ms · today on AWS Lambda {} /month · recommended {} /month",
                format::group(report.rows.len() as i64), millis, format::usd(report.current_total), format::usd(report.recommended_total))}
        </p>
        <p class="fleet-actions">
            <button type="button" id="fleet-download" onclick={on_download}>{"Download the table as CSV"}</button>
        </p>
        if report.moves.count > 0 {
            <p id="fleet-moves" class="moves">{format!("Move these {} functions to save {}/month.",
                format::group(report.moves.count as i64), format::usd(report.moves.saving_usd))}</p>
        }
        if !report.errors.is_empty() {
            <details class="fleet-errors" open=true>
                <summary>{match report.errors.len() { 1 => "1 row could not be used".to_string(), n => format!("{n} rows could not be used") }}</summary>
                <ul id="fleet-errors">{ for report.errors.iter().take(100).map(|e| html! { <li>{e.to_string()}</li> }) }</ul>
            </details>
        }
        <div class="table-scroll">
        <table class="fleet-table" id="fleet-table">
            <thead><tr>
                {header(SortKey::Name, "Function")}
                {header(SortKey::Invocations, "Invocations")}
                {header(SortKey::Cost, "Lambda $/mo")}
                <th scope="col">{"Recommended"}</th>
                <th scope="col">{"Decision"}</th>
                {header(SortKey::Saving, "Saving $/mo")}
            </tr></thead>
            <tbody>
            { for rows.iter().take(SHOWN).map(|r| html! {
                <tr data-line={r.line.to_string()}>
                    <td class="name">{&r.name}</td>
                    <td class="num">{format::si(r.invocations)}</td>
                    <td class="num">{money(r.current_usd)}</td>
                    <td data-platform={serde_plain(&r.recommended)}>{r.recommended.name()}{" · "}{money(r.recommended_usd)}</td>
                    <td class={classes!("decision", decision_text(r.decision).1)}>{decision_text(r.decision).0}</td>
                    <td class="num">{format::usd(r.saving_usd)}</td>
                </tr>
            }) }
            </tbody>
            <tfoot><tr><th scope="row">{"Total"}</th><td></td><td class="num">{format::usd(report.current_total)}</td>
                <td class="num">{format::usd(report.recommended_total)}</td><td></td>
                <td class="num">{format::usd(report.current_total - report.recommended_total)}</td></tr></tfoot>
        </table>
        </div>
        if rows.len() > SHOWN { <p class="muted">{format!("Showing {} of {} rows; sort to see others.", SHOWN, rows.len())}</p> }
        </>
    }
}
