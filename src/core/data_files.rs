//! The text of the data files the core is built from (`data/catalog.json`, `data/hidden_costs.json`,
//! `data/coldstart.json`, `data/presets.json`). Natively and in the tests they are compiled in. The site
//! is built with the `fetched-data` feature: there they are static files that `static/boot.js` fetches
//! in parallel with the wasm (so they cost no round trip after it starts, and not 17 KB of gzipped wasm),
//! and the app installs them here before anything reads them.

/// The four files' text, in the order above.
#[derive(Clone, Debug, Default)]
pub struct Texts {
    pub catalog: String,
    pub hidden_costs: String,
    pub coldstart: String,
    pub presets: String,
}

#[cfg(feature = "fetched-data")]
static INSTALLED: std::sync::OnceLock<Texts> = std::sync::OnceLock::new();

/// Hands the fetched files to the core, once, before the first read (later calls change nothing).
#[cfg(feature = "fetched-data")]
pub fn install(texts: Texts) {
    let _ = INSTALLED.set(texts);
}

#[cfg(feature = "fetched-data")]
fn installed() -> &'static Texts {
    static NONE: Texts =
        Texts { catalog: String::new(), hidden_costs: String::new(), coldstart: String::new(), presets: String::new() };
    INSTALLED.get().unwrap_or(&NONE)
}

#[cfg(feature = "fetched-data")]
pub fn catalog() -> &'static str {
    &installed().catalog
}
#[cfg(feature = "fetched-data")]
pub fn hidden_costs() -> &'static str {
    &installed().hidden_costs
}
#[cfg(feature = "fetched-data")]
pub fn coldstart() -> &'static str {
    &installed().coldstart
}
#[cfg(feature = "fetched-data")]
pub fn presets() -> &'static str {
    &installed().presets
}

#[cfg(not(feature = "fetched-data"))]
pub fn catalog() -> &'static str {
    include_str!("../../data/catalog.json")
}
#[cfg(not(feature = "fetched-data"))]
pub fn hidden_costs() -> &'static str {
    include_str!("../../data/hidden_costs.json")
}
#[cfg(not(feature = "fetched-data"))]
pub fn coldstart() -> &'static str {
    include_str!("../../data/coldstart.json")
}
#[cfg(not(feature = "fetched-data"))]
pub fn presets() -> &'static str {
    include_str!("../../data/presets.json")
}
