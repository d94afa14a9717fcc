//! The browser entry point (Trunk builds this binary). Natively it only points at the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    crossover::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("crossover-web is the browser app; build it with `./dev serve`. Natively, use `crossover`.");
}
