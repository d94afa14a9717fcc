//! `crossover` — the native command-line tool over the same core as the web app. Everything but the
//! entry point lives in `crossover::cli` (arguments, commands) and `crossover::report` (what they print).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    crossover::cli::main()
}

/// The CLI is native only (clap never reaches the wasm); this target exists so `--bins` builds there.
#[cfg(target_arch = "wasm32")]
fn main() {}
