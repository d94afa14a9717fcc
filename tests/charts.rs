//! The charts draw natively to SVG with the same code the browser runs on a canvas: check that what
//! they draw carries the core's figures (platform names, break-even volumes, percentiles, the target).
#![cfg(not(target_arch = "wasm32"))]

use ::crossover::chart::{self, Style, count};
use ::crossover::core::{catalog::Catalog, crossover, eval, presets};
use plotters::prelude::*;

fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (900, 400)).into_drawing_area();
        draw(&root);
    }
    out
}

#[test]
fn crossover_chart_names_every_platform_and_labels_each_break_even() {
    let cat = Catalog::builtin();
    for p in presets::all() {
        let curves = crossover::curves(&p.scenario, &cat, eval::CURVE_POINTS);
        for style in [Style::light(1.0), Style::dark(2.0)] {
            let out = svg(|root| {
                chart::crossover::draw(
                    root,
                    &curves,
                    p.scenario.requests_per_month,
                    &|id| id.name().to_string(),
                    &style,
                )
                .expect("draws");
            });
            for s in curves.series.iter().filter(|s| s.usd.iter().any(|c| c.is_some_and(|c| c > 0.0))) {
                assert!(out.contains(s.id.name()), "{}: legend lacks {}", p.id, s.id.name());
            }
            for b in &curves.breakeven {
                assert!(
                    out.contains(&count(b.requests_per_month)),
                    "{}: break-even {} unlabelled",
                    p.id,
                    b.requests_per_month
                );
            }
            assert!(
                out.contains(&format!("now: {}", count(p.scenario.requests_per_month))),
                "{}: no volume marker",
                p.id
            );
        }
    }
}

#[test]
fn latency_and_day_charts_show_the_simulated_figures() {
    let cat = Catalog::builtin();
    let p = presets::by_id("java_tight_sla").expect("preset exists");
    let a = eval::assess(&p.scenario, &cat);
    let style = Style::light(1.0);
    let latency = svg(|root| chart::latency::draw(root, &a.coldstart, p.scenario.latency_slo_p99_ms, &style).unwrap());
    assert!(latency.contains("p50") && latency.contains("p99"), "percentiles marked");
    assert!(latency.contains("p99 target 100 ms"), "the target line is labelled");
    let day = svg(|root| chart::day::draw(root, &a.coldstart.series, &style).unwrap());
    assert!(day.contains("live environments") && day.contains("cold starts"), "legend");
    // Every time tick sits on a whole hour and says so (a tick at 03:20 once read "03:00").
    let ticks: Vec<&str> = day
        .split('>')
        .map(|t| t.split('<').next().unwrap_or("").trim())
        .filter(|t| t.len() == 5 && t.as_bytes()[2] == b':' && t[..2].parse::<u32>().is_ok())
        .collect();
    assert!(ticks.len() >= 4 && ticks.contains(&"00:00"), "time-of-day ticks: {ticks:?}");
    assert!(ticks.iter().all(|t| t.ends_with(":00")), "ticks on whole hours: {ticks:?}");
}

#[test]
fn an_empty_curve_set_draws_a_message_not_a_panic() {
    let out = svg(|root| {
        chart::crossover::draw(
            root,
            &crossover::Curves::default(),
            1e6,
            &|id| id.name().to_string(),
            &Style::light(1.0),
        )
        .unwrap();
    });
    assert!(out.contains("No feasible platform"));
}

/// The page keeps the crossover chart's layers as images and redraws only the marker when the volume
/// moves: the three layers together draw what the whole chart draws, each element in one layer only.
#[test]
fn crossover_layers_add_up_to_the_whole_chart() {
    use chart::crossover::{Layer, draw_layer};
    let cat = Catalog::builtin();
    let p = presets::by_id("flash_sale").expect("preset exists");
    let curves = crossover::curves(&p.scenario, &cat, eval::CURVE_POINTS);
    let style = Style::light(1.0);
    let layer = |l: Layer| {
        svg(|root| {
            draw_layer(root, &curves, p.scenario.requests_per_month, &|id| id.name().to_string(), &style, l).unwrap();
        })
    };
    let texts = |svg: &str| -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .map(|t| t.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").trim().to_string())
            .collect()
    };
    let (all, under, marker, over) = (layer(Layer::All), layer(Layer::Under), layer(Layer::Marker), layer(Layer::Over));
    let mut parts = [texts(&under), texts(&marker), texts(&over)].concat();
    let mut whole = texts(&all);
    parts.sort();
    whole.sort();
    assert_eq!(parts, whole, "every label in exactly one layer");
    let now = format!("now: {}", count(p.scenario.requests_per_month));
    assert!(texts(&marker) == vec![now.clone()], "the marker layer is the marker: {:?}", texts(&marker));
    assert!(!under.contains(&now) && !over.contains(&now));
    assert!(texts(&over).iter().any(|t| t == "AWS Lambda"), "the legend is over the marker");
    assert!(under.contains("<rect") && !marker.contains("<rect"), "only the under layer paints the background");
}
