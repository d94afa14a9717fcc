//! Reading what a command is given: a file or `-` (stdin), a scenario from JSON or an app link's query.

use std::io::Read;

use super::output::{BAD_INPUT, Failed, IO_FAILURE};
use crate::core::catalog::Catalog;
use crate::core::{overrides, query, scenario::Scenario, scenario_json};

/// The bytes of `path`, or of stdin for `-`.
pub fn bytes(path: &str) -> Result<Vec<u8>, Failed> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map(|()| bytes).map_err(|e| Failed::io(format!("crossover: cannot read {path}: {e}")))
}

/// The text of `path` (or stdin); text that is not UTF-8 is bad input, not an I/O failure.
pub fn text(path: &str) -> Result<String, Failed> {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    read.map(|()| text).map_err(|e| {
        let code = if e.kind() == std::io::ErrorKind::InvalidData { BAD_INPUT } else { IO_FAILURE };
        Failed { code, messages: vec![format!("crossover: cannot read {path}: {e}")] }
    })
}

fn invalid(errors: impl IntoIterator<Item = impl std::fmt::Display>) -> Failed {
    let messages = errors.into_iter().map(|e| format!("crossover: invalid scenario: {e}")).collect();
    Failed { code: BAD_INPUT, messages }
}

/// A scenario JSON object from `path` (or stdin); every key is optional.
pub fn scenario_file(path: &str) -> Result<Scenario, Failed> {
    scenario_json::from_json(&text(path)?).map_err(invalid)
}

/// The scenario of an app link's query string (`v=2&r=5e7&a=arm64`, with or without `?`).
pub fn scenario_query(q: &str) -> Result<Scenario, Failed> {
    let (s, errors) = query::decode(q).unwrap_or_default();
    if errors.is_empty() { Ok(s) } else { Err(invalid(errors)) }
}

/// The builtin catalogue with your rates from an overrides JSON file (or stdin); every bad key is named.
pub fn prices_file(path: &str) -> Result<Catalog, Failed> {
    overrides::overrides_from_json(&text(path)?).map_err(|errors| {
        let messages = errors.into_iter().map(|e| format!("crossover: invalid prices in {path}: {e}")).collect();
        Failed { code: BAD_INPUT, messages }
    })
}
