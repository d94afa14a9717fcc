//! Realistic workloads, one click each in the app. They are data (`data/presets.json`) decoded through
//! the same validation as any user's scenario.

use serde::Deserialize;

use super::scenario::{self, Scenario};

#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    pub id: String,
    pub name: String,
    pub description: String,
    pub scenario: Scenario,
}

#[derive(Deserialize)]
struct Raw {
    id: String,
    name: String,
    description: String,
    scenario: serde_json::Value,
}

/// The built-in presets; one that fails validation is a build defect, caught by the test below.
pub fn all() -> Vec<Preset> {
    let raw: Vec<Raw> = serde_json::from_str(include_str!("../../data/presets.json")).unwrap_or_default();
    raw.into_iter()
        .filter_map(|r| {
            let scenario = scenario::from_json(&r.scenario.to_string()).ok()?;
            Some(Preset { id: r.id, name: r.name, description: r.description, scenario })
        })
        .collect()
}

/// A sample fleet for the Fleet page's "Load a sample fleet": a dozen functions as a CloudWatch export
/// names its columns, from a chatty API to a nightly batch.
pub const SAMPLE_FLEET_CSV: &str = include_str!("../../data/fleet_sample.csv");

pub fn by_id(id: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_preset_decodes() {
        let raw: Vec<serde_json::Value> = serde_json::from_str(include_str!("../../data/presets.json")).unwrap();
        assert_eq!(super::all().len(), raw.len(), "a preset failed validation");
        assert!(raw.len() >= 6);
    }

    #[test]
    fn the_sample_fleet_evaluates_every_row() {
        use crate::core::{catalog::Catalog, fleet, scenario::Scenario};
        let report = fleet::run(super::SAMPLE_FLEET_CSV.as_bytes(), &Scenario::default(), &Catalog::builtin());
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(report.rows.len(), super::SAMPLE_FLEET_CSV.lines().count() - 1);
        assert!(report.moves.count > 0, "the sample shows functions worth moving");
    }
}
