//! User price overrides as JSON: `{ "lambda.requests": 0.25, "fargate.vcpu_hour": 0.04 }`, applied to a
//! catalogue through `Catalog::set_price`. Every error names the catalogue key; every valid key is checked
//! even when another is bad, and nothing is applied unless all are valid.

use serde_json::Value;

use super::catalog::Catalog;
use super::field_error::FieldError;
use super::json_object::{self, clip_key, kind_of};

/// Largest overrides document accepted, bytes (the whole catalogue, both files, as overrides is ~10 KB).
pub const MAX_OVERRIDES_BYTES: usize = 64 * 1024;
/// Largest value accepted for any price or limit: above every real one (tier thresholds reach 2e10), and
/// small enough that prices × volumes stay finite (1e12 requests × 1e12 = 1e24).
pub const MAX_OVERRIDE_VALUE: f64 = 1e12;

/// The builtin catalogue with the overrides in `text` applied.
pub fn overrides_from_json(text: &str) -> Result<Catalog, Vec<FieldError>> {
    apply(&Catalog::builtin(), text)
}

/// `base` with the overrides in `text` applied, or every bad key with the reason.
pub fn apply(base: &Catalog, text: &str) -> Result<Catalog, Vec<FieldError>> {
    let entries = json_object::entries(text, MAX_OVERRIDES_BYTES, "overrides").map_err(|e| vec![e])?;
    let mut cat = base.clone();
    let mut errors = Vec::new();
    for (key, value) in entries {
        if let Err(message) = set_one(&mut cat, &key, &value) {
            errors.push(FieldError { field: clip_key(&key), message });
        }
    }
    if errors.is_empty() { Ok(cat) } else { Err(errors) }
}

fn set_one(cat: &mut Catalog, key: &str, value: &Value) -> Result<(), String> {
    if cat.entry(key).is_none() {
        return Err("unknown catalogue key".into());
    }
    let Some(v) = value.as_f64() else {
        return Err(format!("expected a number, got {}", kind_of(value)));
    };
    if v > MAX_OVERRIDE_VALUE {
        return Err(format!("{v} is larger than {MAX_OVERRIDE_VALUE}"));
    }
    // The catalogue's own rule (≥ 0, > 0 where divided by, discount < 1); its message quotes the key.
    cat.set_price(key, v).map_err(|e| e.0.replace(&format!("`{key}` "), ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Status;

    fn rejects(text: &str, field: &str, part: &str) {
        let errors = overrides_from_json(text).expect_err(text);
        assert!(
            errors.iter().any(|e| e.field == field && e.message.contains(part)),
            "{text}: wanted {field}: …{part}…, got {errors:?}"
        );
    }

    #[test]
    fn bad_overrides_name_the_key() {
        rejects(r#"{"lambda.requests": "cheap"}"#, "lambda.requests", "expected a number, got a string");
        rejects(r#"{"lambda.requests": null}"#, "lambda.requests", "got null");
        rejects(r#"{"lambda.requests": -0.2}"#, "lambda.requests", "≥ 0");
        rejects(r#"{"lambda.requests": 1e999}"#, "lambda.requests", "finite");
        rejects(r#"{"lambda.requests": 1e13}"#, "lambda.requests", "larger than");
        rejects(r#"{"alb.requests_per_conn": 0}"#, "alb.requests_per_conn", "> 0");
        rejects(r#"{"ec2.reserved_1y_discount": 1}"#, "ec2.reserved_1y_discount", "< 1");
        rejects(r#"{"lambda.requestz": 1}"#, "lambda.requestz", "unknown catalogue key");
        rejects(r#"{"lambda.requests": 1, "lambda.requests": 2}"#, "lambda.requests", "more than once");
        rejects(r#"[0.25]"#, "overrides", "not a JSON object");
        rejects(&format!("{{\"{}\": 1}}", "k".repeat(MAX_OVERRIDES_BYTES)), "overrides", "at most");
    }

    #[test]
    fn valid_overrides_are_applied_and_marked() {
        let cat = overrides_from_json(r#"{"lambda.requests": 0.25, "ec2.reserved_1y_discount": 0}"#).unwrap();
        assert_eq!(cat.rates().lambda_requests, 0.25);
        assert_eq!(cat.entry("lambda.requests").unwrap().status, Status::Override);
        assert_eq!(overrides_from_json("{}").unwrap(), Catalog::builtin());
    }

    #[test]
    fn one_bad_key_applies_nothing_and_reports_all() {
        let errors = overrides_from_json(r#"{"lambda.requests": 0.25, "a": 1, "lambda.gb_s": "x"}"#).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["a", "lambda.gb_s"]);
    }

    #[test]
    fn a_full_document_of_bad_keys_is_answered_key_by_key() {
        // Just under the 64 KB limit: every unknown key named, in order; then a duplicate at the very end.
        let keys: Vec<String> = (0..5_000).map(|i| format!("x.{i:05}")).collect();
        let body: Vec<String> = keys.iter().map(|k| format!("\"{k}\":1")).collect();
        let text = format!("{{{}}}", body.join(","));
        assert!(text.len() <= MAX_OVERRIDES_BYTES);
        let errors = overrides_from_json(&text).unwrap_err();
        assert_eq!(errors.len(), keys.len());
        assert!(errors.iter().zip(&keys).all(|(e, k)| e.field == *k && e.message == "unknown catalogue key"));
        let text = format!("{{{},\"x.00000\":2}}", body.join(","));
        let errors = overrides_from_json(&text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].to_string(), "x.00000: appears more than once");
    }
}
