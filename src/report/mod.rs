//! Text made from the core's results for places outside the app: Markdown for decision records and pull
//! requests, SVG charts for READMEs, the rules of thumb for a terminal. Pure functions from the core's
//! plain data to a `String`, so the CLI stays a thin shell and every output is tested without a process.
//! Nothing here computes a figure; it formats what the core and the charts give it.

pub mod claims;
pub mod diff;
pub mod format;
pub mod markdown;
pub mod svg;
