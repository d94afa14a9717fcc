//! Writes the compiled-in copy of data/lambda_init_ms.csv: its comment, its header and only the rows of the
//! lambda-perf runtimes the cold-start model reads (`TABLE`, shared with src/core/coldstart/init.rs). The
//! other rows are never looked up; leaving them out keeps the page's wasm smaller. Tests read the full file.

use std::{env, fs, path::Path};

include!("src/core/coldstart/runtime_table.rs");

fn main() {
    println!("cargo:rerun-if-changed=data/lambda_init_ms.csv");
    println!("cargo:rerun-if-changed=src/core/coldstart/runtime_table.rs");
    let csv = fs::read_to_string("data/lambda_init_ms.csv").expect("data/lambda_init_ms.csv is readable");
    let mut kept = String::new();
    let mut header_seen = false;
    for line in csv.lines() {
        let keep = if line.starts_with('#') {
            true
        } else if !header_seen {
            header_seen = true;
            true
        } else {
            let runtime = line.split(',').next().unwrap_or("");
            TABLE.iter().any(|r| r.1 == runtime)
        };
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lambda_init_ms.csv");
    fs::write(out, kept).expect("OUT_DIR is writable");
}
