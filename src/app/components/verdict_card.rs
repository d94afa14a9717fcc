//! The answer: GO / CONDITIONAL GO / NO-GO, the score, the recommended platform, the conditions, and
//! every reason with the figures behind it. `aria-live` so a screen reader hears it change.

use yew::prelude::*;

use crate::core::verdict::{Decision, Signal, Verdict};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub verdict: Verdict,
}

/// The decision's words (shared with the CLI's reports) and its CSS class.
pub fn decision_text(d: Decision) -> (&'static str, &'static str) {
    let class = match d {
        Decision::Go => "go",
        Decision::ConditionalGo => "cond",
        Decision::NoGo => "nogo",
    };
    (crate::report::format::decision(d), class)
}

fn signal_text(s: Signal) -> (&'static str, &'static str) {
    let class = match s {
        Signal::Go => "go",
        Signal::NoGo => "nogo",
        Signal::Neutral => "neutral",
        Signal::Blocker => "blocker",
    };
    (crate::report::format::signal(s), class)
}

#[function_component(VerdictCard)]
pub fn verdict_card(props: &Props) -> Html {
    let v = &props.verdict;
    let (label, class) = decision_text(v.decision);
    html! {
        <section class={classes!("card", "verdict", class)} aria-labelledby="verdict-title">
            <h2 id="verdict-title">{"Verdict"}</h2>
            <div class="verdict-head" aria-live="polite" aria-atomic="true">
                <span id="verdict-decision" class="decision" data-decision={format!("{:?}", v.decision)}>{label}</span>
                <span class="score" title="0 = stay on containers, 100 = ideal serverless fit">
                    {"score "}<strong id="verdict-score">{v.score}</strong>{"/100"}</span>
                <span class="recommended">{"recommended: "}
                    <strong id="verdict-recommended" data-platform={serde_plain(&v.recommended)}>{v.recommended.name()}</strong></span>
            </div>
            if !v.conditions.is_empty() {
                <ul class="conditions" aria-label="Conditions">
                    { for v.conditions.iter().map(|c| html! { <li>{c}</li> }) }
                </ul>
            }
            <ul class="reasons" aria-label="Reasons">
                { for v.reasons.iter().map(|r| {
                    let (text, class) = signal_text(r.signal);
                    html! {
                        <li class={classes!("reason", class)}>
                            <span class="signal">{text}</span>
                            <span class="dimension">{r.dimension.as_str()}</span>
                            <span class="detail">{&r.detail}</span>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// The JSON name of a unit enum variant (`aws_lambda`), as the CLI prints it.
pub fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|j| j.as_str().map(str::to_string)).unwrap_or_default()
}
