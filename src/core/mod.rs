//! The pure model: plain structs in, plain structs out. No web types, no I/O, no globals.
//! The web app (`crate::app`) and the CLI call into it; nothing here imports them.

pub mod catalog;
pub mod claims;
pub mod coldstart;
pub mod cost;
pub mod crossover;
pub mod data_files;
pub mod eval;
pub mod field_error;
pub mod fleet;
pub mod invariants;
mod json_object;
pub mod key_table;
pub mod keys;
pub mod overrides;
pub mod presets;
pub mod prices;
pub mod query;
pub mod rng;
pub mod scenario;
pub mod scenario_json;
pub mod select;
pub mod sensitivity;
pub mod stable_sort;
pub mod traffic;
pub mod verdict;
