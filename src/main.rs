//! The browser entry point (Trunk builds this binary). The same module runs twice: on the page, where it
//! mounts the app, and in the page's web worker (`static/worker.js`), where it answers the heavy requests;
//! so the core is downloaded and compiled once. Natively it only points at the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    if crossover::app::worker::in_worker() {
        crossover::app::worker::run();
    } else {
        crossover::app::start();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("crossover-web is the browser app; build it with `./dev serve`. Natively, use `crossover`.");
}
