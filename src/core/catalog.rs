//! Every price and limit as data, each with its unit, source, date and verification status.
//!
//! The builtin catalogue is `data/catalog.json`, compiled in. Users may override any value by key
//! (`set_price`); the engine reads the resolved numbers (`rates()`), never a price written in code.

mod rates;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use rates::Rates;

/// How far a figure can be trusted (the status key of `pricing_facts.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Read in an official source or a price-list-derived table.
    #[serde(rename = "OK")]
    Ok,
    /// Secondary sources only, consistent across at least two.
    #[serde(rename = "2nd")]
    Secondary,
    /// One weak source, a truncated excerpt, or from memory: check before relying on it.
    #[serde(rename = "UNVERIFIED")]
    Unverified,
    /// Computed from other figures (e.g. a published discount applied to a price).
    #[serde(rename = "derived")]
    Derived,
    /// Set by the user, replacing the catalogue's figure.
    #[serde(rename = "override")]
    Override,
}

/// One price or limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceEntry {
    pub value: f64,
    pub unit: String,
    pub source: String,
    pub as_of: String,
    pub status: Status,
}

/// What the JSON file holds; `Catalog` adds the resolved numbers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    as_of: String,
    region: String,
    currency: String,
    entries: BTreeMap<String, PriceEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CatalogFile", into = "CatalogFile")]
pub struct Catalog {
    /// Date the catalogue as a whole was collected.
    pub as_of: String,
    pub region: String,
    pub currency: String,
    entries: BTreeMap<String, PriceEntry>,
    rates: Rates,
}

/// Why a catalogue or an override was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError(pub String);

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CatalogError {}

const BUILTIN_JSON: &str = include_str!("../../data/catalog.json");

impl Catalog {
    /// The catalogue embedded at build time. A unit test decodes it, so this cannot fail in a build
    /// that passed its tests.
    pub fn builtin() -> Catalog {
        Catalog::from_json(BUILTIN_JSON).expect("data/catalog.json is compiled in and tested")
    }

    /// Decodes a catalogue: every schema key present, no unknown keys, every value valid.
    pub fn from_json(text: &str) -> Result<Catalog, CatalogError> {
        serde_json::from_str(text).map_err(|e| CatalogError(e.to_string()))
    }

    /// The resolved numbers the cost engine reads.
    pub fn rates(&self) -> &Rates {
        &self.rates
    }

    /// Every entry with its key, in key order (for the UI's source list and UNVERIFIED flags).
    pub fn entries(&self) -> Vec<(&str, &PriceEntry)> {
        self.entries.iter().map(|(k, e)| (k.as_str(), e)).collect()
    }

    pub fn entry(&self, key: &str) -> Option<&PriceEntry> {
        self.entries.get(key)
    }

    /// Overrides one value; the entry is then marked `Override`. Unknown keys, non-finite or
    /// negative values (and zero where the engine divides by the value) are rejected.
    pub fn set_price(&mut self, key: &str, value: f64) -> Result<(), CatalogError> {
        check_value(key, value)?;
        let entry = self.entries.get_mut(key).ok_or_else(|| CatalogError(format!("unknown catalogue key `{key}`")))?;
        entry.value = value;
        entry.status = Status::Override;
        entry.source = "user override".into();
        self.rates.set(key, value);
        Ok(())
    }
}

fn check_value(key: &str, value: f64) -> Result<(), CatalogError> {
    if !value.is_finite() || value < 0.0 {
        return Err(CatalogError(format!("`{key}` must be a finite number ≥ 0, got {value}")));
    }
    if value == 0.0 && rates::POSITIVE_KEYS.contains(&key) {
        return Err(CatalogError(format!("`{key}` must be > 0")));
    }
    // A discount of 100% or more would make instances free or paid to run.
    if key == "ec2.reserved_1y_discount" && value >= 1.0 {
        return Err(CatalogError(format!("`{key}` must be < 1, got {value}")));
    }
    Ok(())
}

impl TryFrom<CatalogFile> for Catalog {
    type Error = CatalogError;

    fn try_from(file: CatalogFile) -> Result<Catalog, CatalogError> {
        if let Some(extra) = file.entries.keys().find(|k| !Rates::KEYS.contains(&k.as_str())) {
            return Err(CatalogError(format!("unknown catalogue key `{extra}`")));
        }
        for (key, entry) in &file.entries {
            check_value(key, entry.value)?;
        }
        let rates = Rates::resolve(&file.entries).map_err(CatalogError)?;
        Ok(Catalog { as_of: file.as_of, region: file.region, currency: file.currency, entries: file.entries, rates })
    }
}

impl From<Catalog> for CatalogFile {
    fn from(c: Catalog) -> CatalogFile {
        CatalogFile { as_of: c.as_of, region: c.region, currency: c.currency, entries: c.entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_holds_every_key() {
        let cat = Catalog::from_json(BUILTIN_JSON).unwrap();
        assert_eq!(cat.entries().len(), Rates::KEYS.len());
        assert_eq!(cat.rates().lambda_requests, 0.20);
        assert!(!cat.as_of.is_empty());
    }

    #[test]
    fn round_trips_through_json() {
        let cat = Catalog::builtin();
        let text = serde_json::to_string(&cat).unwrap();
        assert_eq!(Catalog::from_json(&text).unwrap(), cat);
    }

    #[test]
    fn overrides_are_checked_and_applied() {
        let mut cat = Catalog::builtin();
        assert!(cat.set_price("lambda.nope", 1.0).is_err());
        assert!(cat.set_price("lambda.requests", f64::NAN).is_err());
        assert!(cat.set_price("lambda.requests", -1.0).is_err());
        assert!(cat.set_price("alb.requests_per_conn", 0.0).is_err());
        cat.set_price("lambda.requests", 0.25).unwrap();
        assert_eq!(cat.rates().lambda_requests, 0.25);
        assert_eq!(cat.entry("lambda.requests").unwrap().status, Status::Override);
    }

    #[test]
    fn missing_key_is_named() {
        let text = BUILTIN_JSON.replace("\"lambda.requests\"", "\"lambda.requestz\"");
        let err = Catalog::from_json(&text).unwrap_err();
        assert!(err.0.contains("lambda.requestz"), "{err}");
    }
}
