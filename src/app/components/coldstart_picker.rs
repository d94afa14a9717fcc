//! The cold-start card with a choice of platform (any platform the core simulated for this workload) and
//! of day: the busiest simulated day per minute, or a day of the simulated week per 10 minutes.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::components::coldstart_view::ColdStartView;
use crate::app::components::verdict_card::serde_plain;
use crate::app::shared::Shared;
use crate::core::coldstart::ColdStartReport;
use crate::core::cost::{PlatformCost, PlatformId};
use crate::core::eval::Simulations;

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub sims: Shared<Simulations>,
    /// The priced platforms: those feasible with a simulation are offered, in table order.
    pub platforms: Vec<PlatformCost>,
    pub target_p99_ms: Option<f64>,
    pub db_max_connections: Option<u32>,
    pub dark: bool,
}

#[function_component(ColdStartPicker)]
pub fn coldstart_picker(props: &Props) -> Html {
    let chosen = use_state(|| PlatformId::AwsLambda);
    // `None`: the busiest day; `Some(d)`: day d of the simulated week (0 = Monday).
    let day = use_state(|| None::<usize>);
    let offered: Vec<PlatformId> =
        props.platforms.iter().filter(|p| p.feasible && props.sims.report(p.id).is_some()).map(|p| p.id).collect();
    let id = if offered.contains(&*chosen) { *chosen } else { PlatformId::AwsLambda };
    let base = props.sims.report(id).unwrap_or(&props.sims.lambda);
    let (report, caption) = match *day {
        Some(d) if base.week.requests.len() >= 7 => (
            Rc::new(ColdStartReport { series: base.week.day_of_week(d), ..base.clone() }),
            format!("Environments and cold starts on the simulated {} (per 10 minutes)", DAYS[d.min(6)]),
        ),
        _ => (Rc::new(base.clone()), "Environments and cold starts over the busiest simulated day".to_string()),
    };
    let on_platform = {
        let (chosen, offered) = (chosen.clone(), offered.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(id) = offered.iter().find(|id| serde_plain(*id) == select.value()) {
                chosen.set(*id);
            }
        })
    };
    let on_day = {
        let day = day.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            day.set(select.value().parse::<usize>().ok().filter(|d| *d < 7));
        })
    };
    html! {
        <ColdStartView report={report} target_p99_ms={props.target_p99_ms} db_max_connections={props.db_max_connections}
            dark={props.dark} platform={AttrValue::from(id.name())} day_caption={AttrValue::from(caption)}>
            <div class="pickers">
                <label>{"Platform "}
                    <select id="coldstart-platform" onchange={on_platform}>
                        { for offered.iter().map(|p| {
                            let value = serde_plain(p);
                            html! { <option value={value} selected={*p == id}>{p.name()}</option> }
                        }) }
                    </select>
                </label>
                <label>{"Day "}
                    <select id="coldstart-day" onchange={on_day}>
                        <option value="busiest" selected={day.is_none()}>{"Busiest day"}</option>
                        { for DAYS.iter().enumerate().map(|(i, name)| html! {
                            <option value={i.to_string()} selected={*day == Some(i)}>{*name}</option>
                        }) }
                    </select>
                </label>
            </div>
        </ColdStartView>
    }
}
