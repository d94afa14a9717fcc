//! The data files `static/boot.js` fetched beside the wasm (`globalThis.crossoverData`: one text per file),
//! handed to the core before anything reads them; the page forwards the same object to its worker
//! (`worker_client`), whose loader (`static/worker.js`) sets it there. Only in the site's build (the
//! `fetched-data` feature); elsewhere the core has the files compiled in.

use wasm_bindgen::JsValue;

/// The global `static/boot.js` and `static/worker.js` set.
const GLOBAL: &str = "crossoverData";

/// `globalThis.crossoverData`, as the JS object it is (undefined when the page was not started by boot.js).
pub fn object() -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &GLOBAL.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Installs the fetched files in the core. boot.js starts the app only once every file arrived, so a
/// missing one means the page was started some other way; the core then reports the file it cannot parse.
#[cfg(feature = "fetched-data")]
pub fn install() {
    let data = object();
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
