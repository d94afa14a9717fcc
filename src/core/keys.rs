//! Scenario fields addressed by key and text value: the one path through which the URL query, saved
//! state, the fleet CSV and the UI's controls change a scenario. Each value is parsed and checked on its
//! own against its row of the key table (`scenario::KEYS`), so one bad field is reported and dropped
//! while every valid field is kept. Nothing here grows faster than the input: a value is checked without
//! building a scenario, and a batch of pairs builds one scenario at the end.

use serde_json::{Map, Value};

use super::field_error::FieldError;
use super::json_object::{clip_key, kind_of};
use super::key_table::{Accepts, Field, Key};
use super::scenario::{self, Scenario};

/// Longest text value accepted for one key (a 10,080-weight custom profile fits).
pub const MAX_VALUE_LEN: usize = 200_000;

fn as_map(s: &Scenario) -> Map<String, Value> {
    match serde_json::to_value(s) {
        Ok(Value::Object(map)) => map,
        // A struct of plain fields always serialises to an object.
        _ => Map::new(),
    }
}

fn error(key: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(clip_key(key), message)
}

fn row(key: &str) -> Result<&'static Key, FieldError> {
    scenario::key(key).ok_or_else(|| error(key, "unknown key"))
}

/// The JSON value `text` stands for under `key` (numbers, booleans, ids, comma-separated weights),
/// checked on its own like `check_value`, or why not (the key is named).
pub fn check_text(key: &str, text: &str) -> Result<Value, FieldError> {
    let row = row(key)?;
    let value = parse_text(row, text)?;
    check(row, &value)
}

fn parse_text(row: &Key, text: &str) -> Result<Value, FieldError> {
    let key = row.name;
    let text = text.trim();
    if text.len() > MAX_VALUE_LEN {
        return Err(error(key, format!("value longer than {MAX_VALUE_LEN} characters")));
    }
    match row.accepts {
        Accepts::Flag => match text {
            "1" | "true" | "yes" | "on" => Ok(Value::Bool(true)),
            "0" | "false" | "no" | "off" => Ok(Value::Bool(false)),
            _ => Err(error(key, format!("'{}' is not true/false", clip(text)))),
        },
        Accepts::OneOf(_) => Ok(Value::String(text.to_string())),
        Accepts::Weights { .. } if text.is_empty() => Ok(Value::Array(Vec::new())),
        Accepts::Weights { .. } => {
            text.split(',').map(|t| number(key, false, t)).collect::<Result<_, _>>().map(Value::Array)
        }
        Accepts::Number { optional: true, .. } if text.is_empty() || text == "none" => Ok(Value::Null),
        Accepts::Number { whole, .. } => number(key, whole, text),
    }
}

fn number(key: &str, whole: bool, text: &str) -> Result<Value, FieldError> {
    let text = text.trim();
    // Whole numbers beyond 2^53 (a u64 seed) keep every digit.
    if whole && let Ok(n) = text.parse::<u64>() {
        return Ok(Value::from(n));
    }
    let v: f64 = text.parse().map_err(|_| error(key, format!("'{}' is not a number", clip(text))))?;
    match serde_json::Number::from_f64(v) {
        Some(n) => Ok(Value::Number(n)),
        None => Err(error(key, "must be a finite number")),
    }
}

fn clip(t: &str) -> String {
    t.chars().take(40).collect()
}

/// The scenario with one key set from text, or why not (the key is named). Rules comparing the key
/// with another field (business hours in order) apply too: this is the path of one edit in the UI.
pub fn set(s: &Scenario, key: &str, text: &str) -> Result<Scenario, FieldError> {
    let value = check_text(key, text)?;
    let next = with_values(s, [(key.to_string(), value)])?;
    match next.validate().into_iter().find(|e| e.field == key) {
        Some(e) => Err(e),
        None => Ok(next),
    }
}

/// `s` with checked values put in; a value that does not fit its field (which `check` rules out) is
/// reported against the document.
fn with_values(s: &Scenario, values: impl IntoIterator<Item = (String, Value)>) -> Result<Scenario, FieldError> {
    let mut map = as_map(s);
    map.extend(values);
    Scenario::from_map(&map).map_err(|e| error("scenario", e))
}

/// Checks one key's JSON value on its own — type, whole-number-ness, range, id, length — and returns it
/// normalised (whole numbers as integers), or why not, naming the key and what it accepts.
/// Cross-field rules (`Scenario::cross_field_errors`) are left to the caller, which sees every key.
pub fn check_value(key: &str, value: &Value) -> Result<Value, FieldError> {
    check(row(key)?, value)
}

fn check(row: &Key, value: &Value) -> Result<Value, FieldError> {
    let key = row.name;
    let problem = |field: Field| row.problem(field).map_or(Ok(()), |m| Err(error(key, m)));
    match (row.accepts, value) {
        (Accepts::Number { optional: true, .. }, Value::Null) => Ok(Value::Null),
        (Accepts::Number { whole, .. }, Value::Number(n)) => {
            let Some(v) = n.as_f64().filter(|v| v.is_finite()) else {
                return Err(error(key, "must be a finite number"));
            };
            problem(Field::Number(v))?;
            // Exact integers keep every digit (a u64 seed); integral floats become integers so
            // whole-number fields accept `200.0`.
            Ok(if whole && !n.is_u64() { Value::from(v as u64) } else { value.clone() })
        }
        (Accepts::Flag, Value::Bool(_)) => Ok(value.clone()),
        (Accepts::OneOf(_), Value::String(id)) => problem(Field::Id(id)).map(|()| value.clone()),
        (Accepts::Weights { max_len }, Value::Array(items)) => {
            if items.len() > max_len {
                return Err(error(key, format!("at most {max_len} weights, got {}", items.len())));
            }
            for (i, item) in items.iter().enumerate() {
                match item.as_f64() {
                    Some(w) if w >= 0.0 => {}
                    Some(w) => return Err(error(key, format!("weight {i} is {w}; weights must be ≥ 0"))),
                    None => return Err(error(key, format!("weight {i} is {}, expected a number", kind_of(item)))),
                }
            }
            Ok(value.clone())
        }
        (_, other) => Err(error(key, format!("expected {}, got {}", row.expected(), kind_of(other)))),
    }
}

/// Applies key/value pairs to the defaults: every valid one is kept (the last of a repeated key wins),
/// every invalid one reported. Pairs that are valid alone but inconsistent together (e.g. business hours
/// reversed) are reported and the scenario falls back to the defaults for those keys.
pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Scenario, Vec<FieldError>) {
    let mut checked = Map::new();
    let mut errors = Vec::new();
    for (key, text) in pairs {
        match check_text(key, text) {
            Ok(v) => {
                checked.insert(key.to_string(), v);
            }
            Err(e) => errors.push(e),
        }
    }
    let defaults = Scenario::default();
    let mut s = match with_values(&defaults, checked) {
        Ok(s) => s,
        Err(e) => {
            errors.push(e);
            defaults.clone()
        }
    };
    // Cross-field checks: reset the field named and the one it is compared with.
    let default_map = as_map(&defaults);
    for _ in 0..3 {
        let problems = s.validate();
        if problems.is_empty() {
            break;
        }
        let mut map = as_map(&s);
        for e in problems {
            let partner = match e.field.as_str() {
                "business_end_hour" => Some("business_start_hour"),
                "keep_alive_max_s" => Some("keep_alive_s"),
                _ => None,
            };
            for key in std::iter::once(e.field.as_str()).chain(partner) {
                if let Some(v) = default_map.get(key) {
                    map.insert(key.to_string(), v.clone());
                }
            }
            errors.push(e);
        }
        if let Ok(fixed) = Scenario::from_map(&map) {
            s = fixed;
        }
    }
    if !s.validate().is_empty() {
        s = defaults;
    }
    (s, errors)
}

/// The keys whose value differs from the default, with their text values (the inverse of `from_pairs`).
pub fn to_pairs(s: &Scenario) -> Vec<(String, String)> {
    let defaults = as_map(&Scenario::default());
    as_map(s).into_iter().filter(|(k, v)| defaults.get(k) != Some(v)).map(|(k, v)| (k, text_of(&v))).collect()
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// The text value of one key (`none` for an unset optional), or `None` for an unknown key.
pub fn get(s: &Scenario, key: &str) -> Option<String> {
    as_map(s).get(key).map(text_of)
}

/// Every key with its text value, as `get` gives it, from one serialisation (a view showing many keys).
pub fn texts(s: &Scenario) -> Vec<(String, String)> {
    as_map(s).into_iter().map(|(k, v)| (k, text_of(&v))).collect()
}

/// Every key a scenario has, in declaration order.
pub fn all() -> Vec<String> {
    scenario::KEYS.iter().map(|k| k.name.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::{Arch, TrafficShape};

    #[test]
    fn sets_each_kind_of_field() {
        let s = Scenario::default();
        assert_eq!(set(&s, "requests_per_month", "2.5e7").unwrap().requests_per_month, 2.5e7);
        assert_eq!(set(&s, "arch", "arm64").unwrap().arch, Arch::Arm64);
        assert!(set(&s, "vpc", "true").unwrap().vpc);
        assert_eq!(set(&s, "latency_slo_p99_ms", "300").unwrap().latency_slo_p99_ms, Some(300.0));
        assert_eq!(set(&s, "provisioned_concurrency", "12").unwrap().provisioned_concurrency, 12);
        assert_eq!(set(&s, "db_max_connections", "200.0").unwrap().db_max_connections, Some(200));
        assert_eq!(set(&s, "db_max_connections", "none").unwrap().db_max_connections, None);
    }

    #[test]
    fn rejects_with_the_key_named() {
        let s = Scenario::default();
        for (key, text) in [
            ("memory_mb", "64"),
            ("memory_mb", "NaN"),
            ("memory_mb", "inf"),
            ("memory_mb", "1e999"),
            ("duration_ms", "-5"),
            ("arch", "sparc"),
            ("provisioned_concurrency", "1.5"),
            ("vpc", "maybe"),
            ("no_such_key", "1"),
        ] {
            let err = set(&s, key, text).unwrap_err();
            assert_eq!(err.field, key, "{key}={text}: {err}");
        }
    }

    #[test]
    fn bad_pairs_are_reported_and_good_ones_kept() {
        let (s, errors) = from_pairs([("requests_per_month", "5e6"), ("memory_mb", "abc"), ("traffic_shape", "spiky")]);
        assert_eq!(s.requests_per_month, 5e6);
        assert_eq!(s.traffic_shape, TrafficShape::Spiky);
        assert_eq!(s.memory_mb, Scenario::default().memory_mb);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "memory_mb");
    }

    #[test]
    fn inconsistent_pairs_fall_back() {
        let (s, errors) = from_pairs([("business_start_hour", "20"), ("business_end_hour", "9")]);
        assert!(s.validate().is_empty());
        assert!(!errors.is_empty());
    }

    #[test]
    fn pair_order_does_not_matter() {
        // `to_pairs` lists keys alphabetically: the end hour comes before the start hour.
        let (s, errors) = from_pairs([("business_end_hour", "6"), ("business_start_hour", "2")]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((s.business_start_hour, s.business_end_hour), (2, 6));
        let seed = set(&Scenario::default(), "seed", "18446744073709551615").unwrap().seed;
        assert_eq!(seed, u64::MAX);
    }

    #[test]
    fn pairs_round_trip() {
        let s = Scenario {
            requests_per_month: 123_456_789.0,
            arch: Arch::Arm64,
            latency_slo_p99_ms: Some(250.0),
            custom_profile: vec![1.0; 168],
            traffic_shape: TrafficShape::Custom,
            runtime: "java21".into(),
            ..Scenario::default()
        };
        let pairs = to_pairs(&s);
        let (back, errors) = from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, s);
        assert!(to_pairs(&Scenario::default()).is_empty());
    }
}
