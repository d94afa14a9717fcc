//! The data files `static/boot.js` fetched beside the wasm (`globalThis.crossoverData`: one text per file),
//! handed to the core before anything reads them. boot.js sets the global on the page and posts the same
//! object to the worker, whose loader (`static/worker.js`) sets it there. Only in the site's build (the
//! `fetched-data` feature); elsewhere the core has the files compiled in.

/// Installs the fetched files in the core. boot.js starts the app only once every file arrived, so a
/// missing one means the page was started some other way; the core then names the file it cannot parse.
#[cfg(feature = "fetched-data")]
pub fn install() {
    let data = js_sys::Reflect::get(&js_sys::global(), &"crossoverData".into()).unwrap_or_default();
    let text =
        |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    crate::core::data_files::install(crate::core::data_files::Texts {
        catalog: text("catalog"),
        hidden_costs: text("hidden_costs"),
        coldstart: text("coldstart"),
        presets: text("presets"),
    });
}

#[cfg(not(feature = "fetched-data"))]
pub fn install() {}
