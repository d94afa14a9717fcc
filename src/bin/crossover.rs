//! `crossover` — the native command-line tool over the same core as the web app.
//!
//! Exit codes: 0 success, 2 bad input or usage (the message names the key), 1 I/O failure.

use std::io::Read;
use std::process::ExitCode;

use crossover::core::{catalog::Catalog, claims, eval, fleet, query, scenario, scenario_json};

const USAGE: &str = "\
usage:
  crossover eval FILE|- [--pretty]     evaluate a scenario JSON (every key optional)
  crossover eval --query QUERY [--pretty]
                                       evaluate the scenario of an app link's query string
  crossover claims [--json]            recompute the seed articles' rules of thumb
  crossover fleet FILE.csv|- [--json]  cost, verdict and recommendation of every function in a CSV
                                       (columns: name, invocations, avg_duration_ms, memory_mb; optional
                                       runtime, arch, p99_ms); the table as CSV, or JSON with totals.
                                       Bad rows go to stderr as `line N: column: message`";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--query Q` carries a value; take it out before the flag check.
    let query = match args.iter().position(|a| a == "--query") {
        Some(i) if i + 1 < args.len() => {
            let q = args.remove(i + 1);
            args.remove(i);
            Some(q)
        }
        Some(_) => return usage("--query needs a value"),
        None => None,
    };
    let pretty = args.iter().any(|a| a == "--pretty");
    let json = args.iter().any(|a| a == "--json");
    let positional: Vec<&str> = args.iter().filter(|a| !a.starts_with("--")).map(String::as_str).collect();
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && !["--pretty", "--json"].contains(&a.as_str())) {
        return usage(&format!("unknown option {flag}"));
    }
    match (positional.as_slice(), query) {
        (["eval"], Some(q)) => run_eval_query(&q, pretty),
        (_, Some(_)) => usage("--query goes with eval"),
        (["eval", path], None) => run_eval(path, pretty),
        (["claims"], None) => run_claims(json),
        (["fleet", path], None) => run_fleet(path, json),
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
    let s = match scenario_json::from_json(&text) {
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

fn run_eval_query(q: &str, pretty: bool) -> ExitCode {
    let (s, errors) = query::decode(q).unwrap_or_default();
    if !errors.is_empty() {
        for e in errors {
            eprintln!("crossover: invalid scenario: {e}");
        }
        return ExitCode::from(2);
    }
    print_json(&eval::evaluate(&s, &Catalog::builtin()), pretty)
}

/// Exit 0 when at least one row was evaluated (bad rows are reported on stderr), 2 when the file is
/// unusable (missing columns, too many rows, no good row), 1 when it cannot be read.
fn run_fleet(path: &str, json: bool) -> ExitCode {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    if let Err(e) = read {
        eprintln!("crossover: cannot read {path}: {e}");
        return ExitCode::from(1);
    }
    let report = fleet::run(&bytes, &scenario::Scenario::default(), &Catalog::builtin());
    for e in &report.errors {
        eprintln!("{e}");
    }
    if report.unusable {
        eprintln!("crossover: no function in {path} could be evaluated");
        return ExitCode::from(2);
    }
    if json {
        return print_json(&report, true);
    }
    print!("{}", report.to_csv());
    let m = &report.moves;
    eprintln!(
        "{} functions: ${:.2}/month on Lambda, ${:.2}/month as recommended; move these {} functions to save ${:.2}/month",
        report.rows.len(),
        report.current_total,
        report.recommended_total,
        m.count,
        m.saving_usd
    );
    ExitCode::SUCCESS
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
