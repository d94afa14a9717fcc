//! The simulation web worker (Trunk builds it next to the app). Natively it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    crossover::app::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
