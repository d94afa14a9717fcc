//! The Yew front end (wasm32 only). It calls the core and never the other way round.

mod boot_data;
mod canvas;
mod components;
mod controls;
mod crossover_layers;
mod download;
mod explorer;
mod fetch;
pub mod format;
mod model;
mod panic_panel;
mod persist;
mod shared;
mod simulation;
mod state;
pub mod worker;
mod worker_client;
mod your_prices;

pub use explorer::Explorer;

/// Mounts the explorer into `#app` (or the body when the page has no such element).
pub fn start() {
    panic_panel::install();
    boot_data::install();
    worker_client::start_early();
    let document = gloo::utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<Explorer>::with_root(root).render();
        }
        None => {
            yew::Renderer::<Explorer>::new().render();
        }
    }
}
