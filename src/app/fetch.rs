//! Data files the page reads when it needs them (not compiled into the wasm), from next to the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// The text of `path` (relative to the page), or why not.
pub async fn text(path: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| format!("{path} could not be fetched (offline and not cached?)"))?
        .dyn_into()
        .map_err(|_| format!("{path}: not a response"))?;
    if !response.ok() {
        return Err(format!("{path}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| format!("{path}: unreadable"))?)
        .await
        .map_err(|_| format!("{path}: unreadable"))?;
    text.as_string().ok_or_else(|| format!("{path}: not text"))
}
