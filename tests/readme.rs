//! The README documents the `crossover eval` contract; these checks keep it in step with the code.
#![cfg(not(target_arch = "wasm32"))]

use crossover::core::{coldstart, keys};

const README: &str = include_str!("../README.md");

#[test]
fn every_scenario_key_is_documented() {
    let missing: Vec<String> = keys::all().into_iter().filter(|k| !README.contains(&format!("| `{k}` |"))).collect();
    assert!(missing.is_empty(), "README lacks scenario keys {missing:?}");
}

#[test]
fn every_runtime_id_is_documented() {
    let missing: Vec<&str> =
        coldstart::RUNTIMES.iter().map(|(id, _)| *id).filter(|id| !README.contains(&format!("`{id}`"))).collect();
    assert!(missing.is_empty(), "README lacks runtime ids {missing:?}");
}

#[test]
fn the_two_commands_are_on_the_first_screen() {
    let first_screen: String = README.lines().take(25).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("./dev serve") && first_screen.contains("./dev test"));
}
