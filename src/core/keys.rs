//! Scenario fields addressed by key and text value: the one path through which the URL query, saved
//! state and the UI's controls change a scenario. Each value is checked on its own, so one bad field is
//! reported and dropped while every valid field is kept.

use serde_json::{Map, Value};

use super::json_object::kind_of;
use super::scenario::{FieldError, Scenario};

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
    FieldError { field: key.to_string(), message: message.into() }
}

/// Parses `text` as the JSON type the key holds in `template` (numbers, booleans, enum names, lists).
fn parse_like(key: &str, template: &Value, text: &str) -> Result<Value, FieldError> {
    let text = text.trim();
    if text.len() > MAX_VALUE_LEN {
        return Err(error(key, format!("value longer than {MAX_VALUE_LEN} characters")));
    }
    let whole = template.is_u64();
    let number = |t: &str| -> Result<Value, FieldError> {
        // Whole numbers beyond 2^53 (a u64 seed) keep every digit.
        if whole && let Ok(n) = t.parse::<u64>() {
            return Ok(Value::from(n));
        }
        let v: f64 = t.parse().map_err(|_| error(key, format!("'{}' is not a number", clip(t))))?;
        if !v.is_finite() {
            return Err(error(key, "must be a finite number"));
        }
        if whole {
            if v < 0.0 || v.fract() != 0.0 || v > 9_007_199_254_740_992.0 {
                return Err(error(key, format!("{v} is not a whole number ≥ 0")));
            }
            return Ok(Value::from(v as u64));
        }
        // Integral values go as integers: float fields accept them, and optional whole-number
        // fields (whose template is `null`) need them.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            return Ok(Value::from(v as i64));
        }
        Ok(serde_json::Number::from_f64(v).map(Value::Number).unwrap_or(Value::Null))
    };
    match template {
        Value::Bool(_) => match text {
            "1" | "true" | "yes" | "on" => Ok(Value::Bool(true)),
            "0" | "false" | "no" | "off" => Ok(Value::Bool(false)),
            _ => Err(error(key, format!("'{}' is not true/false", clip(text)))),
        },
        Value::String(_) => Ok(Value::String(text.to_string())),
        Value::Array(_) => {
            if text.is_empty() {
                return Ok(Value::Array(Vec::new()));
            }
            text.split(',').map(number).collect::<Result<Vec<_>, _>>().map(Value::Array)
        }
        // Numbers and optional numbers (null = "none"); integers are checked by deserialisation.
        _ if text.is_empty() || text == "none" => Ok(Value::Null),
        _ => number(text),
    }
}

fn clip(t: &str) -> String {
    t.chars().take(40).collect()
}

/// The scenario with one key set from text, or why not (the key is named). Rules comparing the key
/// with another field (business hours in order) apply too: this is the path of one edit in the UI.
pub fn set(s: &Scenario, key: &str, text: &str) -> Result<Scenario, FieldError> {
    set_checked(s, key, text, Scenario::validate)
}

/// Like `set`, checking the value on its own only: a batch of keys (a link) is consistent or not
/// as a whole, whatever order its keys come in.
fn set_alone(s: &Scenario, key: &str, text: &str) -> Result<Scenario, FieldError> {
    set_checked(s, key, text, Scenario::field_errors)
}

fn set_checked(
    s: &Scenario,
    key: &str,
    text: &str,
    check: fn(&Scenario) -> Vec<FieldError>,
) -> Result<Scenario, FieldError> {
    let mut map = as_map(s);
    let Some(template) = map.get(key) else {
        return Err(error(key, "unknown key"));
    };
    // An optional field that is currently `null` takes numbers.
    let template = if template.is_null() { Value::from(0.0) } else { template.clone() };
    let value = parse_like(key, &template, text)?;
    map.insert(key.to_string(), value);
    let next: Scenario = serde_json::from_value(Value::Object(map)).map_err(|e| error(key, clean(&e.to_string())))?;
    match check(&next).into_iter().find(|e| e.field == key) {
        Some(e) => Err(e),
        None => Ok(next),
    }
}

/// Checks one key's JSON value on its own — type, whole-number-ness, range, length — and returns it
/// normalised (integral numbers as integers), or why not, naming the key and what it accepts.
/// Cross-field rules (`Scenario::cross_field_errors`) are left to the caller, which sees every key.
pub fn check_value(key: &str, value: &Value) -> Result<Value, FieldError> {
    let mut map = as_map(&Scenario::default());
    let Some(template) = map.get(key) else {
        return Err(error(key, "unknown key"));
    };
    let optional = template.is_null();
    let normalised = match (template, value) {
        (_, Value::Null) if optional => Value::Null,
        (Value::Bool(_), Value::Bool(_)) => value.clone(),
        (Value::String(_), Value::String(text)) => {
            // Enum names and runtime ids are short; say so before echoing anything.
            if text.chars().count() > super::scenario::MAX_RUNTIME_LEN {
                return Err(error(key, format!("longer than {} characters", super::scenario::MAX_RUNTIME_LEN)));
            }
            value.clone()
        }
        (Value::Array(_), Value::Array(items)) => {
            if items.len() > super::scenario::MAX_PROFILE_LEN {
                return Err(error(
                    key,
                    format!("at most {} weights, got {}", super::scenario::MAX_PROFILE_LEN, items.len()),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                match item.as_f64() {
                    Some(w) if w >= 0.0 => {}
                    Some(w) => return Err(error(key, format!("weight {i} is {w}; weights must be ≥ 0"))),
                    None => return Err(error(key, format!("weight {i} is {}, expected a number", kind_of(item)))),
                }
            }
            value.clone()
        }
        (Value::Number(_) | Value::Null, Value::Number(n)) => number_value(key, template.is_u64(), n)?,
        (_, other) => return Err(error(key, format!("expected {}, got {}", expected(key, template), kind_of(other)))),
    };
    map.insert(key.to_string(), normalised.clone());
    let next: Scenario = serde_json::from_value(Value::Object(map)).map_err(|e| error(key, clean(&e.to_string())))?;
    match next.field_errors().into_iter().find(|e| e.field == key) {
        Some(e) => Err(e),
        None => Ok(normalised),
    }
}

fn number_value(key: &str, whole: bool, n: &serde_json::Number) -> Result<Value, FieldError> {
    let range = super::scenario::range_of(key);
    let Some(v) = n.as_f64().filter(|v| v.is_finite()) else {
        return Err(error(key, "must be a finite number"));
    };
    if let Some((lo, hi)) = range
        && !(lo..=hi).contains(&v)
    {
        return Err(error(key, format!("{v} is outside the allowed range {lo}–{hi}")));
    }
    if whole && (v < 0.0 || v.fract() != 0.0) {
        return Err(error(key, format!("{v} is not a whole number ≥ 0")));
    }
    // Exact integers stay as they are (a u64 seed keeps every digit); integral floats become integers
    // so whole-number fields accept `200.0`.
    if n.is_u64() || n.is_i64() {
        return Ok(Value::Number(n.clone()));
    }
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        return Ok(Value::from(v as i64));
    }
    Ok(Value::Number(n.clone()))
}

/// What a key accepts, for type errors.
fn expected(key: &str, template: &Value) -> String {
    let range = super::scenario::range_of(key).map(|(lo, hi)| format!(" in {lo}–{hi}")).unwrap_or_default();
    match template {
        Value::Bool(_) => "true or false".into(),
        Value::Array(_) => "a list of numbers".into(),
        Value::Null => format!("a number{range} or null"),
        Value::Number(_) => format!("a number{range}"),
        Value::String(_) if key == "runtime" => "a runtime id (string)".into(),
        // Enums: serde lists the variants when asked for one that does not exist.
        Value::String(_) => {
            let mut map = as_map(&Scenario::default());
            map.insert(key.to_string(), Value::String(String::new()));
            match serde_json::from_value::<Scenario>(Value::Object(map)) {
                Err(e) => e.to_string().split_once("expected ").map(|(_, names)| names.to_string()),
                Ok(_) => None,
            }
            .unwrap_or_else(|| "a string".into())
        }
        Value::Object(_) => "an object".into(),
    }
}

fn clean(msg: &str) -> String {
    // serde's messages are precise but name Rust types; keep the useful part.
    msg.replace("u32", "a whole number").replace("u64", "a whole number").replace("f64", "a number")
}

/// Applies key/value pairs to the defaults: every valid one is kept, every invalid one reported.
/// Pairs that are valid alone but inconsistent together (e.g. business hours reversed) are reported
/// and the scenario falls back to the defaults for those keys.
pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Scenario, Vec<FieldError>) {
    let mut s = Scenario::default();
    let mut errors = Vec::new();
    for (key, text) in pairs {
        match set_alone(&s, key, text) {
            Ok(next) => s = next,
            Err(e) => errors.push(e),
        }
    }
    // Cross-field checks: reset the field named and the one it is compared with.
    let defaults = as_map(&Scenario::default());
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
                if let Some(v) = defaults.get(key) {
                    map.insert(key.to_string(), v.clone());
                }
            }
            errors.push(e);
        }
        if let Ok(fixed) = serde_json::from_value(Value::Object(map)) {
            s = fixed;
        }
    }
    if !s.validate().is_empty() {
        s = Scenario::default();
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
    as_map(&Scenario::default()).keys().cloned().collect()
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
