//! What flips the verdict, in plain sentences with numbers found by searching the model.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// `None` while the search runs after a change.
    pub sentences: Option<Vec<String>>,
}

#[function_component(SensitivityView)]
pub fn sensitivity_view(props: &Props) -> Html {
    html! {
        <section class="card sensitivity" aria-labelledby="sensitivity-title" aria-busy={props.sentences.is_none().to_string()}>
            <h2 id="sensitivity-title">{"What flips it"}</h2>
            <p class="muted">{"Break-evens are where the cheapest platform changes; the recommendation changes where the verdict does, since it picks the cheapest only among the platforms the decision allows that meet the p99 target."}</p>
            { match &props.sentences {
                None => html! { <p class="muted">{"Searching the model…"}</p> },
                Some(s) if s.is_empty() => html! { <p class="muted">{"Nothing within the searched ranges changes the verdict."}</p> },
                Some(s) => html! { <ul id="sensitivity-list">{ for s.iter().map(|t| html! { <li>{t}</li> }) }</ul> },
            } }
        </section>
    }
}
