//! Crossover: what a serverless workload costs on each platform, how it feels (cold starts), and whether
//! to go serverless. `core` is the pure model; `chart` draws it with any plotters backend; `app` is the
//! Yew front end and only exists on wasm32.

pub mod chart;
pub mod core;
pub mod report;

/// The command line (`src/bin/crossover.rs`); clap is a native-only dependency.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod app;
