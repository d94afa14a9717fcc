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
    raw()
        .into_iter()
        .filter_map(|r| {
            let scenario = scenario_json::from_json(&r.scenario.to_string()).ok()?;
            Some(Preset { id: r.id, name: r.name, description: r.description, scenario })
        })
        .collect()
}

fn raw() -> Vec<Raw> {
    serde_json::from_str(crate::core::data_files::presets()).unwrap_or_default()
}

/// What a preset's button shows, without decoding (validating) any scenario: the app's first paint
/// lists the presets and decodes one only when it is chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub id: String,
    pub name: String,
    pub description: String,
}

pub fn summaries() -> Vec<Summary> {
    raw().into_iter().map(|r| Summary { id: r.id, name: r.name, description: r.description }).collect()
}

/// One preset, decoded through the same validation as `all`.
pub fn by_id(id: &str) -> Option<Preset> {
    let r = raw().into_iter().find(|r| r.id == id)?;
    let scenario = scenario_json::from_json(&r.scenario.to_string()).ok()?;
    Some(Preset { id: r.id, name: r.name, description: r.description, scenario })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_preset_decodes() {
        let raw: Vec<serde_json::Value> = serde_json::from_str(crate::core::data_files::presets()).unwrap();
        assert_eq!(super::all().len(), raw.len(), "a preset failed validation");
        assert!(raw.len() >= 6);
        let ids: Vec<String> = super::summaries().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, super::all().into_iter().map(|p| p.id).collect::<Vec<_>>());
        for id in &ids {
            assert_eq!(
                super::by_id(id).map(|p| p.scenario),
                super::all().into_iter().find(|p| &p.id == id).map(|p| p.scenario)
            );
        }
    }
}
