//! The scenario JSON boundary (`scenario::from_json`, `crossover eval`): every error names its key.
//!
//! The text is read as a flat object (`json_object`), each key is checked on its own through the same
//! per-key path as the URL and the UI (`keys::check_value`: type, range, length), and only then are the
//! cross-field rules applied to the whole scenario. One bad key never hides another.

use serde_json::{Map, Value};

use super::json_object::{self, clip_key};
use super::keys;
use super::scenario::{FieldError, Scenario};

/// Largest scenario document accepted, bytes (a 10,080-weight custom profile is ~200 KB).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// Decodes a scenario JSON object; every key optional, every error named by key.
pub fn decode(text: &str) -> Result<Scenario, Vec<FieldError>> {
    let entries = json_object::entries(text, MAX_JSON_BYTES, "scenario").map_err(|e| vec![e])?;
    let mut map = match serde_json::to_value(Scenario::default()) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let mut errors = Vec::new();
    for (key, value) in entries {
        match keys::check_value(&key, &value) {
            Ok(v) => {
                map.insert(key, v);
            }
            Err(e) if e.message == "unknown key" => errors.push(unknown_key(&key)),
            Err(e) => errors.push(e),
        }
    }
    let scenario: Scenario = serde_json::from_value(Value::Object(map))
        .map_err(|e| vec![FieldError { field: "scenario".into(), message: e.to_string() }])?;
    // A key already reported is not reported again by a rule comparing it with a default.
    for e in scenario.validate() {
        if !errors.iter().any(|seen| seen.field == e.field) {
            errors.push(e);
        }
    }
    if errors.is_empty() { Ok(scenario) } else { Err(errors) }
}

fn unknown_key(key: &str) -> FieldError {
    let nearest = keys::all().into_iter().map(|k| (edit_distance(key, &k), k)).min();
    let message = match nearest {
        Some((d, k)) if d <= 3 => format!("unknown key; did you mean `{k}`?"),
        _ => "unknown key".to_string(),
    };
    FieldError { field: clip_key(key), message }
}

/// Levenshtein distance, for the "did you mean" hint; keys longer than 64 characters are not compared.
fn edit_distance(a: &str, b: &str) -> usize {
    if a.len() > 64 {
        return usize::MAX;
    }
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + usize::from(ca != *cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` is rejected with an error on `field` whose message contains `part`.
    fn rejects(text: &str, field: &str, part: &str) {
        let errors = decode(text).expect_err(text);
        assert!(
            errors.iter().any(|e| e.field == field && e.message.contains(part)),
            "{text}: wanted {field}: …{part}…, got {errors:?}"
        );
    }

    #[test]
    fn every_error_names_its_key() {
        rejects(
            r#"{"requests_per_month": "lots"}"#,
            "requests_per_month",
            "expected a number in 0–1000000000000, got a string",
        );
        rejects(r#"{"requests_per_month": 1e999}"#, "requests_per_month", "finite");
        rejects(r#"{"duration_ms": -1e999}"#, "duration_ms", "finite");
        rejects(r#"{"requests_per_month": 2e12}"#, "requests_per_month", "outside the allowed range 0–1000000000000");
        rejects(r#"{"memory_mb": 64}"#, "memory_mb", "128–30720");
        rejects(r#"{"memory_mb": null}"#, "memory_mb", "got null");
        rejects(r#"{"vpc": "yes"}"#, "vpc", "expected true or false, got a string");
        rejects(r#"{"vpc": 1}"#, "vpc", "expected true or false");
        rejects(r#"{"arch": "sparc"}"#, "arch", "unknown variant");
        rejects(r#"{"arch": 3}"#, "arch", "expected `x86_64` or `arm64`, got a number");
        rejects(r#"{"traffic_shape": 1}"#, "traffic_shape", "expected one of `steady`, `diurnal`");
        rejects(r#"{"traffic_shape": ["steady"]}"#, "traffic_shape", "got a list");
        rejects(r#"{"runtime": 22}"#, "runtime", "runtime id");
        rejects(r#"{"runtime": ""}"#, "runtime", "1–40 characters");
        rejects(&format!(r#"{{"runtime": "{}"}}"#, "x".repeat(41)), "runtime", "longer than 40");
        rejects(&format!(r#"{{"runtime": "{}"}}"#, "x".repeat(100_000)), "runtime", "longer than 40");
        rejects(r#"{"provisioned_concurrency": 1.5}"#, "provisioned_concurrency", "not a whole number");
        rejects(r#"{"provisioned_concurrency": -1}"#, "provisioned_concurrency", "0–100000");
        rejects(r#"{"cron_batch": 5e9}"#, "cron_batch", "outside");
        rejects(r#"{"seed": -1}"#, "seed", "whole number");
        rejects(r#"{"seed": 0.5}"#, "seed", "whole number");
        rejects(r#"{"db_max_connections": 2.5}"#, "db_max_connections", "whole number");
        rejects(r#"{"latency_slo_p99_ms": "fast"}"#, "latency_slo_p99_ms", "or null");
        rejects(r#"{"custom_profile": [1, "x"]}"#, "custom_profile", "weight 1 is a string");
        rejects(r#"{"custom_profile": [1, -2]}"#, "custom_profile", "weight 1 is -2");
        rejects(r#"{"custom_profile": 7}"#, "custom_profile", "a list of numbers");
        rejects(r#"{"traffic_shape": "custom"}"#, "custom_profile", "needs 168");
        rejects(r#"{"business_start_hour": 20, "business_end_hour": 9}"#, "business_end_hour", "after");
        rejects(r#"{"keep_alive_s": 600, "keep_alive_max_s": 60}"#, "keep_alive_max_s", "≥ keep_alive_s");
        rejects(r#"{"requests_per_mnth": 5}"#, "requests_per_mnth", "did you mean `requests_per_month`");
        rejects(r#"{"zzz": 5}"#, "zzz", "unknown key");
        rejects(r#"{"": 5}"#, "\"\"", "unknown key");
        rejects(r#"{"vpc": true, "vpc": false}"#, "vpc", "more than once");
        rejects(r#"{"memory_mb": 512"#, "scenario", "EOF");
        rejects(r#"[]"#, "scenario", "not a JSON object");
        rejects(r#"null"#, "scenario", "not a JSON object");
        rejects(&format!(r#"{{"custom_profile": [{}1]}}"#, "1,".repeat(MAX_JSON_BYTES / 2)), "scenario", "at most");
    }

    #[test]
    fn every_bad_key_is_reported_at_once() {
        let errors = decode(r#"{"memory_mb": "big", "cpu_fraction": 2, "arch": "arm64", "nope": 1}"#).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["memory_mb", "cpu_fraction", "nope"]);
    }

    #[test]
    fn accepts_every_kind_of_value() {
        let s = decode(
            r#"{"requests_per_month": 1e12, "provisioned_concurrency": 12.0, "db_max_connections": 200,
                "latency_slo_p99_ms": null, "keep_alive_s": 60, "arch": "arm64", "vpc": true,
                "seed": 18446744073709551615, "business_end_hour": 24, "business_start_hour": 23,
                "runtime": "a runtime id of forty characters, exact.", "duration_ms": 1}"#,
        )
        .unwrap();
        assert_eq!(s.requests_per_month, 1e12);
        assert_eq!(s.provisioned_concurrency, 12);
        assert_eq!(s.db_max_connections, Some(200));
        assert_eq!(s.keep_alive_s, Some(60.0));
        assert_eq!(s.seed, u64::MAX);
        assert_eq!(s.runtime.chars().count(), 40);
    }

    #[test]
    fn round_trips_the_serialised_scenario() {
        let s = Scenario {
            traffic_shape: crate::core::scenario::TrafficShape::Custom,
            custom_profile: (0..168).map(|h| h as f64 * 0.5).collect(),
            init_ms_override: Some(1.5),
            ..Scenario::default()
        };
        assert_eq!(decode(&serde_json::to_string(&s).unwrap()).unwrap(), s);
    }

    #[test]
    fn edit_distance_counts_edits() {
        for (a, b, d) in [("", "", 0), ("abc", "abc", 0), ("abc", "abd", 1), ("ab", "abc", 1), ("kitten", "sitting", 3)]
        {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
    }
}
