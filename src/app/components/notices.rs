//! Visible messages about input the page could not use (a bad link, corrupt saved state, a typed value
//! out of range): what was wrong and what replaced it.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notices: Vec<String>,
    pub ondismiss: Callback<()>,
}

#[function_component(Notices)]
pub fn notices(props: &Props) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notices" role="status" aria-live="polite">
            <ul>{ for props.notices.iter().map(|n| html! { <li>{n}</li> }) }</ul>
            <button type="button" onclick={ondismiss}>{"Dismiss"}</button>
        </div>
    }
}
