#![cfg(not(target_arch = "wasm32"))]
//! Your own rates on the command line: `--prices FILE` on eval, fleet, render and diff (every bad key
//! named, exit 2), and `crossover prices` (the catalogue with sources, ages and statuses, JSON or CSV).

use crossover::core::catalog::Catalog;
use crossover::core::prices;
use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;
use cli::cli;

fn file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("crossover-prices-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn lambda(eval: &Value) -> &Value {
    eval["platforms"].as_array().unwrap().iter().find(|p| p["id"] == "aws_lambda").unwrap()
}

fn line<'a>(platform: &'a Value, item: &str) -> &'a Value {
    platform["breakdown"].as_array().unwrap().iter().find(|l| l["item"] == item).unwrap()
}

#[test]
fn eval_applies_your_rates() {
    // Default scenario: 10,000,000 requests; at $0.18 per 1M (your rate) the Requests line is
    // 10 × 0.18 = $1.80 instead of 10 × 0.20 = $2.00, and the total drops by the same $0.20.
    let scenario = file("s.json", "{}");
    let (code, list, _) = cli(&["eval", &scenario], "");
    assert_eq!(code, 0);
    let yours = file("p.json", r#"{"lambda.requests": 0.18}"#);
    let (code, out, err) = cli(&["eval", &scenario, "--prices", &yours], "");
    assert_eq!(code, 0, "{err}");
    let (list, out): (Value, Value) = (serde_json::from_str(&list).unwrap(), serde_json::from_str(&out).unwrap());
    let usd = |v: &Value| line(lambda(v), "Requests")["usd"].as_f64().unwrap();
    assert!((usd(&list) - 2.0).abs() < 1e-9 && (usd(&out) - 1.8).abs() < 1e-9, "{} {}", usd(&list), usd(&out));
    let total = |v: &Value| lambda(v)["monthly_usd"].as_f64().unwrap();
    assert!((total(&list) - total(&out) - 0.2).abs() < 1e-9);
    assert_eq!(line(lambda(&out), "Requests")["detail"], "10,000,000 req × $0.18/1M");

    // AWS −12 %: every AWS price scaled by 0.88, so the Requests line is 10 × 0.20 × 0.88 = $1.76.
    let discount = file("d.json", r#"{"discount.aws": 12}"#);
    let (code, out, _) = cli(&["eval", &scenario, "--prices", &discount], "");
    assert_eq!(code, 0);
    assert!((usd(&serde_json::from_str(&out).unwrap()) - 1.76).abs() < 1e-9);
}

#[test]
fn every_command_takes_your_rates_and_names_each_bad_key() {
    let scenario = file("s2.json", "{}");
    let csv = file("f.csv", "name,invocations,avg_duration_ms,memory_mb\napi,10000000,200,512\n");
    let yours = file("p2.json", r#"{"lambda.requests": 0.18}"#);
    let (code, out, err) = cli(&["fleet", &csv, "--json", "--prices", &yours], "");
    assert_eq!(code, 0, "{err}");
    let (_, listed, _) = cli(&["fleet", &csv, "--json"], "");
    let lambda_usd =
        |t: &str| serde_json::from_str::<Value>(t).unwrap()["rows"][0]["costs"]["aws_lambda"].as_f64().unwrap();
    assert!((lambda_usd(&listed) - lambda_usd(&out) - 0.2).abs() < 1e-6, "{listed}\n{out}");
    let (code, svg, _) = cli(&["render", &scenario, "--chart", "crossover", "--prices", &yours], "");
    assert!(code == 0 && svg.starts_with("<svg"), "{code}");
    let (code, diff, _) = cli(&["diff", &scenario, &scenario, "--format", "json", "--prices", &yours], "");
    assert_eq!(code, 0, "{diff}");

    let bad =
        file("bad.json", r#"{"lambda.requests": -1, "lambda.requestz": 1, "nat.gb": "cheap", "discount.aws": 100}"#);
    for args in [
        vec!["eval", scenario.as_str()],
        vec!["fleet", csv.as_str()],
        vec!["render", scenario.as_str(), "--chart", "day"],
        vec!["diff", scenario.as_str(), scenario.as_str()],
        vec!["prices"],
    ] {
        let (code, out, err) = cli(&[args.as_slice(), &["--prices", &bad]].concat(), "");
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        for key in [
            "lambda.requests: must be a finite number ≥ 0",
            "lambda.requestz: unknown catalogue key",
            "nat.gb: expected a number",
            "discount.aws: a discount",
        ] {
            assert!(err.contains(key), "{args:?}: {key} missing from {err}");
        }
    }
    let (code, _, err) = cli(&["eval", &scenario, "--prices", "/nonexistent/p.json"], "");
    assert_eq!(code, 1, "{err}");
}

#[test]
fn prices_lists_the_catalogue_with_sources_ages_and_statuses() {
    let base = Catalog::builtin();
    let (code, out, _) = cli(&["prices"], "");
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list["as_of"], base.as_of);
    let entries = list["entries"].as_array().unwrap();
    assert_eq!(entries.len(), base.entries().len());
    for e in entries {
        for field in ["key", "provider", "service", "unit", "source", "as_of", "status"] {
            assert!(e[field].as_str().is_some_and(|t| !t.is_empty()), "{e}: {field}");
        }
        assert!(prices::STATUS_LABELS.contains(&e["status"].as_str().unwrap()));
    }
    let entry = |k: &str| entries.iter().find(|e| e["key"] == k).unwrap();
    // lambda.requests: as of 2026-11-23, seven days before the catalogue's 2026-11-30.
    assert_eq!(
        (entry("lambda.requests")["status"].as_str(), entry("lambda.requests")["age_days"].as_i64()),
        (Some("official"), Some(7))
    );
    assert_eq!(entry("spot.fargate_discount")["status"], "unverified");
    assert_eq!(entry("lambda.duration.arm.t3")["status"], "derived");
    assert_eq!(entry("lambda.duration.x86.t2")["old"], true);

    let yours = file("p3.json", r#"{"lambda.requests": 0.18, "discount.google": 10}"#);
    let (code, csv, _) = cli(&["prices", "--format", "csv", "--prices", &yours], "");
    assert_eq!(code, 0);
    assert_eq!(csv.lines().count(), base.entries().len() + 1);
    assert!(
        csv.starts_with("key,provider,service,value,list_value,unit,source,as_of,status,age_days,old,unverified\n")
    );
    assert!(csv.contains("\nlambda.requests,AWS,Lambda,0.18,0.2,$ per 1M requests,"), "{csv}");
    // Cloud Run's $0.40 per 1M requests, 10 % off: 0.36, yours.
    let cloud_run = csv.lines().find(|l| l.starts_with("cloud_run.requests,")).unwrap();
    assert!(cloud_run.contains(",0.36,0.4,") && cloud_run.contains(",yours,"), "{cloud_run}");
}
