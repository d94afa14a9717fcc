//! The `crossover eval` contract as a user meets it: the output's field names never change (the README
//! promises fields may be added, never renamed), and a bad scenario is exit code 2 with the key named.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;
use cli::cli;

/// Every field path of the output, one per line: `platforms[].breakdown[].usd`.
const FIELDS: &str = "tests/data/eval_fields.txt";

/// Adds the path of every object key under `value` (array items as `[]`).
fn paths(value: &Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                paths(v, &path, out);
                out.insert(path);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| paths(v, &format!("{at}[]"), out)),
        _ => {}
    }
}

#[test]
fn every_output_field_keeps_its_name() {
    // The defaults, plus scenarios whose optional parts are present (a cheaper volume, a looser
    // target, provisioned concurrency that meets the target), so every field shows at least once.
    let scenarios = [
        "{}",
        // The presets `steady_api` and `java_tight_sla`.
        r#"{"requests_per_month": 5256000000, "duration_ms": 50, "memory_mb": 1024, "cpu_fraction": 0.6,
            "runtime": "go", "front_door": "alb", "latency_slo_p99_ms": 200}"#,
        r#"{"requests_per_month": 30000000, "traffic_shape": "diurnal", "diurnal_peak_to_trough": 3,
            "duration_ms": 80, "memory_mb": 2048, "cpu_fraction": 0.4, "runtime": "java21",
            "front_door": "api_gateway_rest", "latency_slo_p99_ms": 100}"#,
    ];
    let mut found = BTreeSet::new();
    for s in scenarios {
        let (code, out, err) = cli(&["eval", "-"], s);
        assert_eq!(code, 0, "{s}: {err}");
        paths(&serde_json::from_str(&out).expect("eval prints JSON"), "", &mut found);
    }
    let listed: BTreeSet<String> = std::fs::read_to_string(FIELDS)
        .expect("the committed field list")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    let gone: Vec<_> = listed.difference(&found).collect();
    let new: Vec<_> = found.difference(&listed).collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "`crossover eval` fields changed.\nGone or renamed (breaks users; restore them): {gone:#?}\n\
         New (add them to {FIELDS} and the README): {new:#?}"
    );
}

#[test]
fn an_unknown_runtime_is_exit_2_with_the_valid_ids() {
    let (code, out, err) = cli(&["eval", "-"], r#"{"runtime": "cobol"}"#);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("runtime: unknown value `cobol`; expected one of `nodejs20`, `nodejs22`"), "{err}");
    let (code, _, err) = cli(&["eval", "--query", "v=2&rt=cobol"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("runtime: unknown value `cobol`"), "{err}");
}
