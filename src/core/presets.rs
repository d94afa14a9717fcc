//! Realistic workloads, one click each in the app. They are data (`data/presets.json`) decoded through
//! the same validation as any user's scenario.

use serde::Deserialize;

use super::scenario::Scenario;
use super::scenario_json;

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
            let scenario = scenario_json::from_json(&r.scenario.to_string()).ok()?;
            Some(Preset { id: r.id, name: r.name, description: r.description, scenario })
        })
        .collect()
}

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
}
