//! Your own rates: catalogue values by key (`{ "lambda.requests": 0.25, "fargate.vcpu_h.x86": 0.04 }`)
//! and discounts per provider in percent (`"discount.aws": 12`), applied to a catalogue through
//! `Catalog::set_price`. The same set travels as JSON (`crossover … --prices FILE`, the Prices page's
//! export) and as the link's compact `px=1,lambda.requests~0.25,discount.aws~12`. Every error names
//! the key; every key is checked even when another is bad. JSON is all or nothing (a command must not
//! run on half a file); a link or saved value keeps its valid entries, as a scenario link does.

use std::collections::BTreeMap;

use serde_json::Value;

use super::catalog::{self, Catalog};
use super::field_error::FieldError;
use super::json_object::{self, clip_key, kind_of};
use super::prices::{self, Provider};

/// Largest overrides document accepted, bytes (the whole catalogue, both files, as overrides is ~10 KB).
pub const MAX_OVERRIDES_BYTES: usize = 64 * 1024;
/// Largest value accepted for any price or limit: above every real one (tier thresholds reach 2e10), and
/// small enough that prices × volumes stay finite (1e12 requests × 1e12 = 1e24).
pub const MAX_OVERRIDE_VALUE: f64 = 1e12;
/// An override more than this many times the catalogue's own (non-zero) figure is a typo, not a rate card.
pub const MAX_OVERRIDE_RATIO: f64 = 1000.0;
/// What a provider's discount key starts with: `discount.aws`.
pub const DISCOUNT_PREFIX: &str = "discount.";
/// Version of the link's compact form (`px=1,…`).
pub const LINK_VERSION: &str = "1";

/// The builtin catalogue with the overrides in `text` applied.
pub fn overrides_from_json(text: &str) -> Result<Catalog, Vec<FieldError>> {
    apply(&Catalog::builtin(), text)
}

/// `base` with the overrides in `text` applied, or every bad key with the reason.
pub fn apply(base: &Catalog, text: &str) -> Result<Catalog, Vec<FieldError>> {
    UserPrices::from_json(base, text).map(|p| p.catalog(base))
}

/// Whether `value` may replace `key`'s figure in `base`; the reason without the key otherwise.
pub fn check(base: &Catalog, key: &str, value: f64) -> Result<(), String> {
    let Some(entry) = base.entry(key) else {
        return Err("unknown catalogue key".into());
    };
    if value > MAX_OVERRIDE_VALUE {
        return Err(format!("{value} is larger than {MAX_OVERRIDE_VALUE}"));
    }
    if entry.value > 0.0 && value > entry.value * MAX_OVERRIDE_RATIO {
        return Err(format!(
            "{value} is more than {MAX_OVERRIDE_RATIO} × the catalogue's {} {}",
            entry.value, entry.unit
        ));
    }
    // The catalogue's own rule (≥ 0, > 0 where divided by, discount < 1); its message quotes the key.
    catalog::check_value(key, value).map_err(|e| e.0.replace(&format!("`{key}` "), ""))
}

/// Whether `percent` is a discount: 0 ≤ percent < 100.
pub fn check_discount(percent: f64) -> Result<(), String> {
    if percent.is_finite() && (0.0..100.0).contains(&percent) {
        Ok(())
    } else {
        Err(format!("a discount is a percentage off, from 0 to below 100, got {percent}"))
    }
}

/// The overrides a discount of `percent` off `provider`'s prices means: every money entry of that
/// provider in `base` (`prices::is_price`), scaled by (1 − percent/100). The one definition of a discount.
pub fn discount_overrides(base: &Catalog, provider: Provider, percent: f64) -> Vec<(&str, f64)> {
    base.entries()
        .into_iter()
        .filter(|(key, e)| prices::is_price(e) && prices::service_of(key).is_some_and(|(p, _)| p == provider))
        .map(|(key, e)| (key, round_12(e.value * (100.0 - percent) / 100.0)))
        .collect()
}

/// To 12 significant digits: a discounted $0.09 is $0.0792, not $0.07919999999999999 (prices carry
/// at most 6 significant digits, so nothing real is lost).
fn round_12(x: f64) -> f64 {
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// Your rates: values by catalogue key and discounts by provider (percent off). Every value in it was
/// checked when it was set, so applying it cannot fail.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserPrices {
    pub values: BTreeMap<String, f64>,
    pub discounts: BTreeMap<Provider, f64>,
}

impl UserPrices {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.discounts.is_empty()
    }

    /// `base` with the discounts applied, then the values (a value you typed wins over a discount).
    pub fn catalog(&self, base: &Catalog) -> Catalog {
        let mut cat = base.clone();
        for (&provider, &percent) in &self.discounts {
            let source = format!("list price − {percent} % (your {} discount)", provider.name());
            for (key, value) in discount_overrides(base, provider, percent) {
                if !self.values.contains_key(key) {
                    // Checked: a discounted price is a smaller non-negative price.
                    let _ = cat.set_override(key, value, &source);
                }
            }
        }
        for (key, &value) in &self.values {
            let _ = cat.set_price(key, value);
        }
        cat
    }

    /// Sets one entry (a catalogue key or `discount.<provider>`) after checking it against `base`.
    pub fn set(&mut self, base: &Catalog, key: &str, value: f64) -> Result<(), FieldError> {
        let fail = |message: String| FieldError { field: clip_key(key), message };
        match key.strip_prefix(DISCOUNT_PREFIX) {
            Some(id) => {
                let provider = Provider::from_id(id).ok_or_else(|| {
                    let ids: Vec<&str> = Provider::ALL.iter().map(|p| p.id()).collect();
                    fail(format!("unknown provider; expected one of {}", ids.join(", ")))
                })?;
                check_discount(value).map_err(fail)?;
                if value == 0.0 {
                    self.discounts.remove(&provider);
                } else {
                    self.discounts.insert(provider, value);
                }
            }
            None => {
                check(base, key, value).map_err(fail)?;
                self.values.insert(key.to_string(), value);
            }
        }
        Ok(())
    }

    /// Forgets one entry (back to the catalogue's figure).
    pub fn reset(&mut self, key: &str) {
        match key.strip_prefix(DISCOUNT_PREFIX).and_then(Provider::from_id) {
            Some(p) => self.discounts.remove(&p),
            None => self.values.remove(key),
        };
    }

    /// The entries as (key, value), discounts first.
    pub fn pairs(&self) -> Vec<(String, f64)> {
        let discounts = self.discounts.iter().map(|(p, v)| (format!("{DISCOUNT_PREFIX}{}", p.id()), *v));
        discounts.chain(self.values.iter().map(|(k, v)| (k.clone(), *v))).collect()
    }

    /// A JSON object of numbers, all entries valid, or every bad key with the reason.
    pub fn from_json(base: &Catalog, text: &str) -> Result<UserPrices, Vec<FieldError>> {
        let entries = json_object::entries(text, MAX_OVERRIDES_BYTES, "overrides").map_err(|e| vec![e])?;
        let mut prices = UserPrices::default();
        let mut errors = Vec::new();
        for (key, value) in entries {
            let set = match value.as_f64() {
                Some(v) => prices.set(base, &key, v),
                None => Err(FieldError { field: clip_key(&key), message: number_expected(&value) }),
            };
            errors.extend(set.err());
        }
        if errors.is_empty() { Ok(prices) } else { Err(errors) }
    }

    /// The JSON `from_json` reads: `{"discount.aws": 12, "lambda.requests": 0.18}`.
    pub fn to_json(&self) -> String {
        let map: serde_json::Map<String, Value> = self
            .pairs()
            .into_iter()
            .map(|(k, v)| (k, serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)))
            .collect();
        serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_else(|_| "{}".into())
    }

    /// The link's compact form, `1,discount.aws~12,lambda.requests~0.18`; empty when there is nothing.
    pub fn to_link(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut out = String::from(LINK_VERSION);
        for (k, v) in self.pairs() {
            out.push_str(&format!(",{k}~{v}"));
        }
        out
    }

    /// Decodes the link's compact form, keeping every valid entry (a repeated key: the last wins) and
    /// naming each bad one. One pass over the text.
    pub fn from_link(base: &Catalog, text: &str) -> (UserPrices, Vec<FieldError>) {
        let mut prices = UserPrices::default();
        let mut errors = Vec::new();
        let mut parts = text.split(',');
        let version = parts.next().unwrap_or_default();
        if version != LINK_VERSION {
            let message = format!("unknown version `{}`; your prices were not applied", clip_key(version));
            return (prices, vec![FieldError::new("prices", message)]);
        }
        for part in parts.filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('~').unwrap_or((part, ""));
            let set = match value.parse::<f64>() {
                Ok(v) => prices.set(base, key, v),
                Err(_) => Err(FieldError::new(clip_key(key), format!("`{}` is not a number", clip_key(value)))),
            };
            errors.extend(set.err());
        }
        (prices, errors)
    }
}

fn number_expected(value: &Value) -> String {
    format!("expected a number, got {}", kind_of(value))
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
        rejects(r#"{"lambda.requests": 201}"#, "lambda.requests", "more than 1000 × the catalogue's 0.2");
        rejects(r#"{"discount.aws": 100}"#, "discount.aws", "from 0 to below 100");
        rejects(r#"{"discount.aws": -5}"#, "discount.aws", "from 0 to below 100");
        rejects(r#"{"discount.ibm": 5}"#, "discount.ibm", "unknown provider");
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

    #[test]
    fn a_discount_scales_the_providers_prices_only() {
        // AWS −12 %: $0.20 per 1M requests → $0.176; Lambda's memory limit and Cloud Run's price unchanged.
        let base = Catalog::builtin();
        let cat = apply(&base, r#"{"discount.aws": 12}"#).unwrap();
        assert!((cat.rates().lambda_requests - 0.176).abs() < 1e-12);
        assert!((cat.rates().hidden.nat_hourly - 0.045 * 0.88).abs() < 1e-12);
        // 0.09 × 0.88 = 0.0792 exactly as a reader writes it.
        assert_eq!(cat.rates().hidden.egress_aws_t1, 0.0792);
        assert_eq!(cat.rates().lambda_max_memory_mb, 10240.0);
        assert_eq!(cat.rates().cloud_run_requests, base.rates().cloud_run_requests);
        assert_eq!(cat.entry("lambda.requests").unwrap().status, Status::Override);
        // A value you typed wins over the discount.
        let cat = apply(&base, r#"{"discount.aws": 12, "lambda.requests": 0.18}"#).unwrap();
        assert_eq!(cat.rates().lambda_requests, 0.18);
    }

    #[test]
    fn the_link_form_round_trips_and_keeps_the_valid_entries() {
        let base = Catalog::builtin();
        let prices = UserPrices::from_json(&base, r#"{"lambda.requests": 0.18, "discount.google": 7.5}"#).unwrap();
        let link = prices.to_link();
        assert_eq!(link, "1,discount.google~7.5,lambda.requests~0.18");
        assert_eq!(UserPrices::from_link(&base, &link), (prices.clone(), Vec::new()));
        assert_eq!(UserPrices::from_json(&base, &prices.to_json()).unwrap(), prices);
        let (kept, errors) =
            UserPrices::from_link(&base, "1,lambda.requests~-1,nat.gb~0.04,x~1,nat.hourly~NaN,aca.requests~");
        assert_eq!(kept.values.into_iter().collect::<Vec<_>>(), [("nat.gb".to_string(), 0.04)]);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["lambda.requests", "x", "nat.hourly", "aca.requests"]);
        let (none, errors) = UserPrices::from_link(&base, "9,lambda.requests~1");
        assert!(none.is_empty() && errors[0].message.contains("unknown version"), "{errors:?}");
        assert_eq!(UserPrices::default().to_link(), "");
    }
}
