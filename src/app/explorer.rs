//! The page: controls on the left, the answers on the right.

use yew::prelude::*;

use crate::app::components::log_slider::LogSlider;
use crate::app::format;
use crate::app::state::{Action, State};
use crate::core::catalog::Catalog;
use crate::core::cost::PlatformId;
use crate::core::eval;

#[function_component(Explorer)]
pub fn explorer() -> Html {
    let state = use_reducer(State::default);
    let catalog = use_memo((), |_| Catalog::builtin());
    let scenario = state.scenario.clone();
    let assessment = use_memo(scenario, |s| eval::assess(s, &catalog));

    let on_requests = {
        let state = state.clone();
        Callback::from(move |v| state.dispatch(Action::SetNumber("requests_per_month", v)))
    };
    let lambda = eval::platform(&assessment.platforms, PlatformId::AwsLambda);
    html! {
        <main class="explorer">
            <header><h1>{"Crossover"}</h1><p class="tagline">{"Serverless or containers? Cost, cold starts and a verdict for your workload."}</p></header>
            <section class="controls" aria-label="Workload">
                <LogSlider id="requests" label="Requests per month" unit="req/month"
                    hint="Invocations in a 30-day month" min={1e3} max={1e10}
                    value={state.scenario.requests_per_month} onchange={on_requests} />
            </section>
            <section class="results" aria-live="polite">
                <p>{"AWS Lambda: "}
                    <output id="lambda-cost">{lambda.map(|p| format::usd(p.monthly_usd)).unwrap_or_else(|| "—".into())}</output>
                    {" per month"}</p>
            </section>
        </main>
    }
}
