//! One widget alone, for an iframe in someone's documentation page (`?embed=chart|verdict|costs`):
//! it fills its frame's width, tells the parent page its height (`EmbedSize`), and links back to the
//! full explorer with the same scenario.

use yew::prelude::*;

use crate::app::components::chart_canvas::{ChartCanvas, Plot};
use crate::app::components::cost_table::CostTable;
use crate::app::components::embed_size::EmbedSize;
use crate::app::components::verdict_card::VerdictCard;
use crate::app::model::Model;
use crate::core::query;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    Chart,
    Verdict,
    Costs,
}

impl Widget {
    pub fn parse(text: &str) -> Option<Widget> {
        match text {
            "chart" => Some(Widget::Chart),
            "verdict" => Some(Widget::Verdict),
            "costs" => Some(Widget::Costs),
            _ => None,
        }
    }
}

pub fn embed_view(widget: Widget, m: &Model) -> Html {
    let s = &m.state.scenario;
    // Relative, so the link works from any sub-path; a new tab, since the widget sits in a frame.
    let open = format!("./?{}", query::encode(s));
    let body = match widget {
        Widget::Chart => html! {
            <ChartCanvas id="crossover-chart" label="Monthly cost of each platform against requests per month, log-log, with break-even points"
                plot={Plot::Crossover { curves: m.curves.clone(), current: s.requests_per_month }} dark={m.dark} height={300} />
        },
        Widget::Verdict => html! { <VerdictCard verdict={m.assessment.verdict.clone()} /> },
        Widget::Costs => html! { <CostTable platforms={m.assessment.platforms.clone()} /> },
    };
    html! {
        <EmbedSize>
            <div class={classes!("embed", (!m.exact).then_some("updating"))} data-exact={m.exact.to_string()}>
                <div class="results" data-exact={m.exact.to_string()}>{body}</div>
                <a class="open-full" href={open} target="_blank" rel="noopener">{"Open in Crossover ↗"}</a>
            </div>
        </EmbedSize>
    }
}
