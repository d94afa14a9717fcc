#![cfg(not(target_arch = "wasm32"))]
//! The claims data is well-formed, and every claim comes back from the engines with a finite figure.

use std::collections::HashSet;

use crossover::core::catalog::Catalog;
use crossover::core::claims::{self, ClaimCheck, Filter, Topic};
use crossover::core::query;
use crossover::core::verdict::format::num;

const SEEDS: [&str; 5] = [
    "000_ef6c69a3fa2b6208.txt",
    "001_a7d2cfa2954aba9b.txt",
    "002_cf9f70cc3316c5ce.txt",
    "003_1c6517e793924c53.txt",
    "004_93bd9657d5e4e48d.txt",
];

fn assert_valid(what: &str, patches: &[&serde_json::Value]) {
    let merged: serde_json::Map<_, _> = patches.iter().filter_map(|p| p.as_object()).flat_map(|m| m.clone()).collect();
    let text = serde_json::Value::Object(merged).to_string();
    if let Err(e) = crossover::core::scenario_json::from_json(&text) {
        panic!("{what}: {e:?}");
    }
}

#[test]
fn claims_data_is_well_formed() {
    let all = claims::claims();
    assert!(all.len() >= 60, "only {} claims", all.len());
    let mut ids = HashSet::new();
    for c in &all {
        assert!(ids.insert(c.id.as_str()), "duplicate id {}", c.id);
        assert!(SEEDS.contains(&c.source.as_str()), "{}: unknown source {}", c.id, c.source);
        assert!(c.claim.len() > 20, "{}: claim text missing", c.id);
        let (lo, hi) = (c.claimed.low, c.claimed.high);
        assert!(lo.is_some() || hi.is_some(), "{}: no claimed value", c.id);
        if let (Some(lo), Some(hi)) = (lo, hi) {
            assert!(lo <= hi, "{}: range upside down", c.id);
        }
        // The implied scenario, with its baseline and each variant on top, passes the scenario contract.
        let mut patches = vec![&c.scenario];
        patches.extend(&c.compute.baseline);
        assert_valid(&c.id, &patches);
        for v in &c.variants {
            let mut with = patches.clone();
            with.push(&v.patch);
            assert_valid(&format!("{} / {}", c.id, v.label), &with);
        }
    }
    for seed in SEEDS {
        assert!(all.iter().any(|c| c.source == seed), "no claim from {seed}");
    }
}

#[test]
fn every_article_is_known_by_its_title() {
    let articles = claims::articles();
    assert_eq!(articles.len(), SEEDS.len());
    for seed in SEEDS {
        let a = articles.iter().find(|a| a.file == seed).unwrap_or_else(|| panic!("no title for {seed}"));
        assert!(!a.title.is_empty() && !a.title.ends_with(".txt") && a.about.len() > 10, "{a:?}");
        // The title is the article's first line; the seeds live outside the repository, on the machines
        // that build Crossover from them.
        let path = std::path::Path::new("/work/shared/seeds").join(seed);
        if let Ok(text) = std::fs::read_to_string(&path) {
            assert_eq!(text.lines().next().map(str::trim), Some(a.title.as_str()), "{seed}");
        }
    }
    // Two articles share the title "Serverless Architecture": `about` tells them apart.
    let mut seen = HashSet::new();
    assert!(articles.iter().all(|a| seen.insert((&a.title, &a.about))));
}

#[test]
fn each_check_carries_what_a_reader_sees() {
    let titles: Vec<String> = claims::articles().into_iter().map(|a| a.title).collect();
    for c in checks() {
        assert!(titles.contains(&c.title), "{}: title {}", c.id, c.title);
        match c.status.as_str() {
            "holds" => assert_eq!(c.status_label, "holds"),
            _ => assert!(c.status_label.starts_with("off"), "{}: {}", c.id, c.status_label),
        }
        if let Some(p) = c.off_by_pct {
            assert!(c.status_label.contains(&format!("{} %", num(p.abs(), 0))), "{}: {}", c.id, c.status_label);
        }
        // "Open in explorer" loads the scenario behind the figure: the query decodes to the claim's scenario.
        let claim = claims::claims().into_iter().find(|k| k.id == c.id).expect("the claim");
        let (s, errors) = query::decode(&c.query).unwrap_or_else(|| panic!("{}: empty query", c.id));
        assert!(errors.is_empty(), "{}: {errors:?}", c.id);
        // The scenario the figure is computed on: the claim's keys over the seeds' zero egress and logs.
        let expected = claims::scenario_of(&[&claim.scenario]).expect("valid scenario");
        assert_eq!(s, expected, "{}: the link loads another scenario", c.id);
    }
}

#[test]
fn the_filter_keeps_a_status_and_a_topic() {
    let all = checks();
    for topic in Topic::ALL {
        assert!(all.iter().any(|c| c.topic == topic), "no claim about {}", topic.label());
    }
    let off_costs = Filter { status: Some("off"), topic: Some(Topic::Costs) };
    let kept: Vec<&ClaimCheck> = all.iter().filter(|c| off_costs.keeps(c)).collect();
    assert!(!kept.is_empty() && kept.iter().all(|c| c.status == "off" && c.topic == Topic::Costs));
    assert_eq!(all.iter().filter(|c| Filter::default().keeps(c)).count(), all.len());
    let s3 = all.iter().find(|c| c.id == "s3-10m-lambda").expect("claim");
    assert_eq!((s3.topic, s3.status_label.as_str()), (Topic::Costs, "holds"));
    let cold = all.iter().find(|c| c.id == "s0-node-cold-path").expect("claim");
    assert_eq!(cold.topic, Topic::ColdStarts);
}

fn checks() -> Vec<ClaimCheck> {
    claims::check(&Catalog::builtin())
}

#[test]
fn every_claim_is_recomputed_with_a_finite_figure() {
    let all = checks();
    assert_eq!(all.len(), claims::claims().len());
    let missing: Vec<String> =
        all.iter().filter(|c| !c.recomputed.is_finite()).map(|c| format!("{}: {}", c.id, c.reason)).collect();
    assert!(missing.is_empty(), "not recomputed:\n{}", missing.join("\n"));
    for c in &all {
        assert!(c.status == "holds" || c.status == "off");
        assert!(c.status == "holds" || !c.reason.is_empty(), "{} is off without a reason", c.id);
    }
}

#[test]
fn known_verdicts_on_the_seeds_figures() {
    let all = checks();
    let check = |id: &str, status: &str, reason_has: &str| {
        let c = all.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no claim {id}"));
        assert_eq!(c.status, status, "{id}: {c:?}");
        assert!(c.reason.contains(reason_has), "{id}: {}", c.reason);
    };
    // Worked examples that match the prices.
    check("s3-10m-lambda", "holds", "");
    check("s3-gb-second", "holds", "");
    check("s3-pc-gb-second", "holds", "");
    check("s3-limit-timeout", "holds", "");
    check("s0-breakeven-utilization", "holds", "");
    // Figures off, with the cause found by a variant or worked out in the data.
    check("s0-sqs-gb-seconds", "off", "100 ms instead of 200 ms");
    check("s3-10m-ec2", "off", "reproduced with the on-demand price");
    check("s2-small-lambda", "off", "1,024 MB");
    check("s3-pc-10x128", "off", "2.6×");
    check("s3-package-size", "off", "103 ms per MB");
}
