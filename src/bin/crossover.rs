//! `crossover` — the native command-line tool over the same core as the web app.
//!
//! Exit codes: 0 success, 2 bad input or usage (the message names the key), 1 I/O failure.

use std::io::Read;
use std::process::ExitCode;

use crossover::core::{catalog::Catalog, claims, eval, scenario};

const USAGE: &str = "\
usage:
  crossover eval FILE|- [--pretty]     evaluate a scenario JSON (every key optional)
  crossover claims [--json]            recompute the seed articles' rules of thumb";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pretty = args.iter().any(|a| a == "--pretty");
    let json = args.iter().any(|a| a == "--json");
    let positional: Vec<&str> = args.iter().filter(|a| !a.starts_with("--")).map(String::as_str).collect();
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && !["--pretty", "--json"].contains(&a.as_str())) {
        return usage(&format!("unknown option {flag}"));
    }
    match positional.as_slice() {
        ["eval", path] => run_eval(path, pretty),
        ["claims"] => run_claims(json),
        _ => usage("expected a command"),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("crossover: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn read_input(path: &str) -> std::io::Result<String> {
    let mut text = String::new();
    if path == "-" {
        std::io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(path)?;
    }
    Ok(text)
}

fn run_eval(path: &str, pretty: bool) -> ExitCode {
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("crossover: cannot read {path}: {e}");
            return ExitCode::from(if e.kind() == std::io::ErrorKind::InvalidData { 2 } else { 1 });
        }
    };
    let s = match scenario::from_json(&text) {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                eprintln!("crossover: invalid scenario: {e}");
            }
            return ExitCode::from(2);
        }
    };
    let evaluation = eval::evaluate(&s, &Catalog::builtin());
    print_json(&evaluation, pretty)
}

fn run_claims(json: bool) -> ExitCode {
    let checks = claims::check(&Catalog::builtin());
    if json {
        return print_json(&checks, true);
    }
    for c in &checks {
        println!("{}", claims::format_row(c));
    }
    ExitCode::SUCCESS
}

fn print_json<T: serde::Serialize>(value: &T, pretty: bool) -> ExitCode {
    let out = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    match out {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crossover: cannot encode the result: {e}");
            ExitCode::from(1)
        }
    }
}
