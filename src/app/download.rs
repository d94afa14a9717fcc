//! Files the page hands to the user: a Blob behind a temporary object URL, or a canvas as PNG.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

fn click_link(href: &str, filename: &str) -> Result<(), String> {
    let document = gloo::utils::document();
    let a: HtmlAnchorElement =
        document.create_element("a").map_err(|_| "no document")?.dyn_into().map_err(|_| "not an anchor")?;
    a.set_href(href);
    a.set_download(filename);
    a.click();
    Ok(())
}

/// Offers `text` as a file download.
pub fn text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let props = BlobPropertyBag::new();
    props.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &props).map_err(|_| "the file could not be made")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "the file could not be offered")?;
    let result = click_link(&url, filename);
    let _ = Url::revoke_object_url(&url);
    result
}

/// Offers the canvas with `id` as a PNG.
pub fn canvas_png(id: &str, filename: &str) -> Result<(), String> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| format!("the chart {id} is not on the page"))?;
    let url = canvas.to_data_url().map_err(|_| "the chart could not be exported")?;
    click_link(&url, filename)
}
