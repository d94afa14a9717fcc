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
            // Every platform is named, a platform that is never feasible too.
            for s in &curves.series {
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

/// The x positions of the texts in an SVG that `keep` accepts, with the text: (x, y, text).
fn svg_texts(svg: &str, keep: impl Fn(&str) -> bool) -> Vec<(f64, f64, String)> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let attr = |name: &str| -> Option<f64> {
                let start = t.find(&format!(" {name}=\""))? + name.len() + 3;
                t[start..].split('"').next()?.parse().ok()
            };
            let body = t.split('>').nth(1)?.split('<').next()?.trim().to_string();
            keep(&body).then(|| Some((attr("x")?, attr("y")?, body)))?
        })
        .collect()
}

/// Tick labels of the time axis ("300 ms", "1 s") sit on one line below the plot: none may overlap the next,
/// at any width from a phone's 360 px up. A 6.25 %-wide bucket histogram spans 60 ms – 9 s for this preset.
#[test]
fn latency_tick_labels_never_overlap() {
    let cat = Catalog::builtin();
    let p = presets::by_id("java_tight_sla").expect("preset exists");
    let report = eval::assess(&p.scenario, &cat).coldstart;
    let is_tick = |t: &str| {
        (t.ends_with(" ms") || t.ends_with(" s")) && t.split(' ').next().is_some_and(|n| n.parse::<f64>().is_ok())
    };
    for width in (360..=1400).step_by(40) {
        for scale in [1.0, 2.0] {
            let style = Style::light(scale);
            let mut out = String::new();
            {
                let px = (f64::from(width) * scale) as u32;
                let root = SVGBackend::with_string(&mut out, (px, (260.0 * scale) as u32)).into_drawing_area();
                chart::latency::draw(&root, &report, p.scenario.latency_slo_p99_ms, &style).unwrap();
            }
            let baseline = svg_texts(&out, is_tick).iter().map(|t| t.1).fold(0.0, f64::max);
            let mut ticks: Vec<(f64, f64, String)> =
                svg_texts(&out, is_tick).into_iter().filter(|t| t.1 == baseline).collect();
            ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert!(ticks.len() >= 2, "{width} px ×{scale}: ticks {ticks:?}");
            for w in ticks.windows(2) {
                let half =
                    |t: &(f64, f64, String)| chart::ticks::text_width(t.2.chars().count(), style.font(12.0)) / 2.0;
                // plotters centres x tick labels on their tick: the gap between centres must hold both halves.
                assert!(
                    w[1].0 - w[0].0 >= half(&w[0]) + half(&w[1]),
                    "{width} px ×{scale}: {:?} and {:?} overlap",
                    w[0],
                    w[1]
                );
            }
        }
    }
}

#[test]
fn cost_p99_chart_plots_the_platforms_with_both_figures_and_names_the_others() {
    use ::crossover::chart::cost_p99::{CostLatency, Point};
    use ::crossover::core::cost::PlatformId;
    let data = CostLatency {
        points: vec![
            Point { id: PlatformId::AwsLambda, monthly_usd: Some(35.4), p99_ms: Some(569.0) },
            Point { id: PlatformId::CloudRun, monthly_usd: Some(40.9), p99_ms: Some(1250.0) },
            Point { id: PlatformId::AwsEc2, monthly_usd: Some(47.0), p99_ms: None },
            Point { id: PlatformId::CloudflareWorkers, monthly_usd: None, p99_ms: Some(10.0) },
        ],
        target_p99_ms: Some(300.0),
    };
    let out = svg(|root| chart::cost_p99::draw(root, &data, &|id| id.name().to_string(), &Style::dark(1.0)).unwrap());
    for want in [
        format!("{}: $35/month, p99 569 ms", PlatformId::AwsLambda.name()),
        format!("{}: $41/month, p99 1.2 s", PlatformId::CloudRun.name()),
        format!("{}: $47/month, no p99 figure yet", PlatformId::AwsEc2.name()),
        format!("{}: not feasible for this workload", PlatformId::CloudflareWorkers.name()),
        "p99 target 300 ms".to_string(),
    ] {
        assert!(out.contains(&want), "missing {want:?}");
    }
    // Two platforms drawn: a filled and an outlined circle each, plus the two legend swatches.
    assert_eq!(out.matches("<circle").count(), 6, "{out}");
    let empty = svg(|root| {
        chart::cost_p99::draw(root, &CostLatency::default(), &|id| id.name().to_string(), &Style::light(1.0)).unwrap()
    });
    assert!(empty.contains("No platform has both a cost and a p99 figure"));
}
