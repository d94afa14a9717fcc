//! Every price and limit as data, each with its unit, source, date and verification status.
//!
//! The builtin catalogue is `data/catalog.json` with `data/hidden_costs.json` (data transfer, logs, NAT,
//! commitments, the newer platforms), compiled in. Users may override any value by key (`set_price`);
//! the engine reads the resolved numbers (`rates()`), never a price written in code.

mod hidden_rates;
mod rates;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::data_files;

pub use hidden_rates::HiddenRates;
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

impl Catalog {
    /// The catalogue of `data/` (compiled in, or fetched by the site's `boot.js`, which starts the app only
    /// once both files arrived). A unit test decodes it, so this cannot fail in a build that passed its tests.
    pub fn builtin() -> Catalog {
        Catalog::from_files(data_files::catalog(), data_files::hidden_costs())
            .expect("data/catalog.json and data/hidden_costs.json are the tested files")
    }

    /// Decodes a whole catalogue (as `Catalog` serialises): every key of both schemas present, no
    /// unknown keys, every value valid.
    pub fn from_json(text: &str) -> Result<Catalog, CatalogError> {
        serde_json::from_str(text).map_err(|e| CatalogError(e.to_string()))
    }

    /// Decodes the two data files, each holding exactly its own schema's keys; the catalogue's date,
    /// region and currency are the main file's.
    pub fn from_files(main: &str, hidden: &str) -> Result<Catalog, CatalogError> {
        let read = |text: &str, name: &str, keys: &[&str]| -> Result<CatalogFile, CatalogError> {
            let file: CatalogFile = serde_json::from_str(text).map_err(|e| CatalogError(format!("{name}: {e}")))?;
            match file.entries.keys().find(|k| !keys.contains(&k.as_str())) {
                Some(extra) => Err(CatalogError(format!("unknown key `{extra}` in {name}"))),
                None => Ok(file),
            }
        };
        let mut file = read(main, "catalog.json", Rates::KEYS)?;
        file.entries.extend(read(hidden, "hidden_costs.json", HiddenRates::KEYS)?.entries);
        Catalog::try_from(file)
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
        self.set_override(key, value, "user override")
    }

    /// `set_price`, with the entry's source saying how the user's figure was made (e.g. a discount).
    pub fn set_override(&mut self, key: &str, value: f64, source: &str) -> Result<(), CatalogError> {
        check_value(key, value)?;
        let entry = self.entries.get_mut(key).ok_or_else(|| CatalogError(format!("unknown catalogue key `{key}`")))?;
        entry.value = value;
        entry.status = Status::Override;
        entry.source = source.into();
        self.rates.set(key, value);
        Ok(())
    }
}

impl Catalog {
    /// Puts back an entry taken from this catalogue before a `set_price` (the provenance search nudges
    /// one value at a time and restores it). Unknown keys are ignored.
    pub(crate) fn restore(&mut self, key: &str, entry: PriceEntry) {
        if let Some(slot) = self.entries.get_mut(key) {
            self.rates.set(key, entry.value);
            *slot = entry;
        }
    }
}

/// The rule every value of `key` follows (finite, ≥ 0, > 0 where divided by, fractions < 1), without
/// changing a catalogue: what `set_price` checks first.
pub fn check_value(key: &str, value: f64) -> Result<(), CatalogError> {
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
    hidden_rates::check_value(key, value).map_err(CatalogError)
}

impl TryFrom<CatalogFile> for Catalog {
    type Error = CatalogError;

    fn try_from(file: CatalogFile) -> Result<Catalog, CatalogError> {
        let known = |k: &str| Rates::KEYS.contains(&k) || HiddenRates::KEYS.contains(&k);
        if let Some(extra) = file.entries.keys().find(|k| !known(k)) {
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
        let cat = Catalog::from_files(data_files::catalog(), data_files::hidden_costs()).unwrap();
        assert_eq!(cat.entries().len(), Rates::KEYS.len() + HiddenRates::KEYS.len());
        assert_eq!(cat.rates().lambda_requests, 0.20);
        assert_eq!(cat.rates().hidden.nat_hourly, 0.045);
        assert!(!cat.as_of.is_empty());
        for (key, e) in cat.entries() {
            assert!(!e.source.is_empty() && !e.as_of.is_empty() && !e.unit.is_empty(), "{key} lacks provenance");
        }
        // Single weak sources are flagged, never passed off as official.
        assert_eq!(cat.entry("spot.fargate_discount").unwrap().status, Status::Unverified);
        assert_eq!(cat.entry("lmi.concurrency.python").unwrap().status, Status::Ok);
    }

    #[test]
    fn each_file_holds_its_own_keys() {
        // A key of one file in the other is refused, named.
        let moved = data_files::hidden_costs().replace("\"nat.gb\"", "\"lambda.requests\"");
        let err = Catalog::from_files(data_files::catalog(), &moved).unwrap_err();
        assert!(err.0.contains("lambda.requests") && err.0.contains("hidden_costs.json"), "{err}");
        let missing = data_files::hidden_costs().replace("\"nat.gb\"", "\"nat.gib\"");
        assert!(Catalog::from_files(data_files::catalog(), &missing).unwrap_err().0.contains("nat.gib"));
        // Fractions off a price stay below 1, sizes above 0.
        let fraction = data_files::hidden_costs().replace("\"value\": 0.7,", "\"value\": 1.5,");
        assert!(Catalog::from_files(data_files::catalog(), &fraction).unwrap_err().0.contains("spot.fargate_discount"));
        let mut cat = Catalog::builtin();
        assert!(cat.set_price("aca.concurrency", 0.0).is_err());
        assert!(cat.set_price("commit.lambda.savings_3y", 1.0).is_err());
        assert!(cat.set_price("egress.cloudflare.gb", 0.0).is_ok());
        cat.set_price("nat.hourly", 0.05).unwrap();
        assert_eq!(cat.rates().hidden.nat_hourly, 0.05);
        assert_eq!(cat.entry("nat.hourly").unwrap().status, Status::Override);
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
        let text = data_files::catalog().replace("\"lambda.requests\"", "\"lambda.requestz\"");
        let err = Catalog::from_files(&text, data_files::hidden_costs()).unwrap_err();
        assert!(err.0.contains("lambda.requestz"), "{err}");
    }
}
