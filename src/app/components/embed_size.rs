//! A widget in someone's page sizes its own frame: on load and whenever its content's height changes
//! (new figures, a narrower frame), it posts that height to the parent page in AMP's `embed-size`
//! format — `{sentinel: "amp", type: "embed-size", height}` — so AMP's `amp-iframe`, common resizer
//! scripts and the ten-line listener of `examples/embed-resize.js` resize the iframe, and the widget
//! never needs an inner scrollbar. The message carries a number only, so it goes to any origin (`*`):
//! a widget cannot know who framed it. Outside a frame nothing is posted.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub children: Html,
}

/// The bottom edge of `element` in document pixels, rounded up: the height a frame needs to show it all.
fn content_height(element: &Element) -> Option<f64> {
    let window = web_sys::window()?;
    let bottom = element.get_bounding_client_rect().bottom() + window.scroll_y().unwrap_or(0.0);
    (bottom.is_finite() && bottom > 0.0).then(|| bottom.ceil())
}

fn post_height(height: f64) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    // A top-level page is its own parent: there is no frame to size.
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    for (key, value) in
        [("sentinel", JsValue::from_str("amp")), ("type", JsValue::from_str("embed-size")), ("height", height.into())]
    {
        let _ = js_sys::Reflect::set(&message, &key.into(), &value);
    }
    let _ = parent.post_message(&message, "*");
}

/// Wraps a widget; reports its height to the parent frame as it changes.
#[function_component(EmbedSize)]
pub fn embed_size(props: &Props) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let watched = node.cast::<Element>().and_then(|element| {
                let last = std::cell::Cell::new(0.0);
                let target = element.clone();
                // A ResizeObserver reports once when it starts observing (the load) and on every change.
                let on_resize = Closure::<dyn FnMut()>::new(move || {
                    if let Some(h) = content_height(&target)
                        && h != last.get()
                    {
                        last.set(h);
                        post_height(h);
                    }
                });
                let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _on_resize)) = watched {
                    observer.disconnect();
                }
            }
        });
    }
    html! { <div class="embed-size" ref={node}>{props.children.clone()}</div> }
}
