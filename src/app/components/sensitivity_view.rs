//! What flips the verdict, in plain sentences with numbers found by searching the model.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The latest answer; `None` until the first.
    pub sentences: Option<Rc<Vec<String>>>,
    /// `sentences` are this scenario's (false while the search for a changed scenario runs: they are then
    /// shown faded and the card is busy).
    pub current: bool,
}

#[function_component(SensitivityView)]
pub fn sensitivity_view(props: &Props) -> Html {
    html! {
        <section class={classes!("card", "sensitivity", (!props.current).then_some("updating"))}
            aria-labelledby="sensitivity-title" aria-busy={(!props.current).to_string()}>
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
