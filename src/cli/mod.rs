//! The `crossover` command line (native only): the arguments, parsed by clap, and one function per
//! command that turns them into an `Outcome`. The text the commands print is made in `crate::report`
//! and the core, so it is tested without a process; `src/bin/crossover.rs` only calls `main`.
//!
//! Exit codes: 0 success, 2 bad input or usage (the message names the key), 1 I/O failure.

mod input;
pub mod output;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::core::catalog::Catalog;
use crate::core::{claims, eval, fleet, scenario::Scenario};
use output::{Done, Failed, Outcome};

#[derive(Debug, Parser)]
#[command(
    name = "crossover",
    version,
    about = "Serverless or containers? Every platform's monthly cost, the cold-start simulation and a go/no-go verdict.",
    after_help = "Exit codes: 0 success, 2 bad input or usage (the message names the key), 1 I/O failure.\n\
                  Prices: the built-in catalogue (us-east-1 / tier-1), each with its source and as-of date."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate a scenario: every platform's cost, the simulated cold starts, the verdict (JSON)
    Eval(EvalArgs),
    /// Recompute the seed articles' rules of thumb
    Claims(ClaimsArgs),
    /// Cost, verdict and recommendation of every function in a CSV
    #[command(long_about = "Cost, verdict and recommendation of every function in a CSV.\n\n\
        Columns: name, invocations (per month), avg_duration_ms, memory_mb; optional runtime, arch, p99_ms \
        (CloudWatch and Cost Explorer names are accepted). Prints the table as CSV, or JSON with totals. \
        Bad rows go to stderr as `line N: column: message`; the others are still evaluated.")]
    Fleet(FleetArgs),
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Scenario JSON file, or - for stdin (every key is optional: {} evaluates the defaults)
    #[arg(value_name = "SCENARIO", required_unless_present = "query", conflicts_with = "query")]
    pub scenario: Option<String>,
    /// Evaluate the scenario of an app link's query string instead (e.g. 'v=2&r=5e7&a=arm64')
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Indent the JSON
    #[arg(long)]
    pub pretty: bool,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Print the checks as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FleetArgs {
    /// CSV file, or - for stdin
    #[arg(value_name = "FILE.csv")]
    pub file: String,
    /// Print the report as JSON with totals instead of the CSV table
    #[arg(long)]
    pub json: bool,
}

/// Parses the process's arguments, runs the command, prints, and gives the exit code.
pub fn main() -> ExitCode {
    // clap prints help and --version to stdout with exit code 0, and usage errors with 2.
    output::emit(run(Cli::parse()))
}

pub fn run(cli: Cli) -> Outcome {
    let cat = Catalog::builtin();
    match cli.command {
        Command::Eval(a) => run_eval(&a, &cat),
        Command::Claims(a) => run_claims(&a, &cat),
        Command::Fleet(a) => run_fleet(&a, &cat),
    }
}

fn scenario_of(path: Option<&str>, query: Option<&str>) -> Result<Scenario, Failed> {
    match (path, query) {
        (_, Some(q)) => input::scenario_query(q),
        (Some(path), None) => input::scenario_file(path),
        (None, None) => Err(Failed::bad_input("crossover: a scenario file (or -) or --query is needed")),
    }
}

fn run_eval(a: &EvalArgs, cat: &Catalog) -> Outcome {
    let s = scenario_of(a.scenario.as_deref(), a.query.as_deref())?;
    output::json(&eval::evaluate(&s, cat), a.pretty)
}

fn run_claims(a: &ClaimsArgs, cat: &Catalog) -> Outcome {
    let checks = claims::check(cat);
    if a.json {
        return output::json(&checks, true);
    }
    let mut text = String::new();
    for c in &checks {
        text.push_str(&claims::format_row(c));
        text.push('\n');
    }
    Ok(Done::text(text))
}

/// Exit 0 when at least one row was evaluated (bad rows are reported on stderr), 2 when the file is
/// unusable (missing columns, too many rows, no good row), 1 when it cannot be read.
fn run_fleet(a: &FleetArgs, cat: &Catalog) -> Outcome {
    let bytes = input::bytes(&a.file)?;
    let report = fleet::run(&bytes, &Scenario::default(), cat);
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    if report.unusable {
        let mut messages = errors;
        messages.push(format!("crossover: no function in {} could be evaluated", a.file));
        return Err(Failed { code: output::BAD_INPUT, messages });
    }
    if a.json {
        let mut done = output::json(&report, true)?;
        done.before = errors;
        return Ok(done);
    }
    let m = &report.moves;
    let summary = format!(
        "{} functions: ${:.2}/month on Lambda, ${:.2}/month as recommended; move these {} functions to save ${:.2}/month",
        report.rows.len(),
        report.current_total,
        report.recommended_total,
        m.count,
        m.saving_usd
    );
    Ok(Done { before: errors, stdout: report.to_csv().into_bytes(), after: vec![summary] })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_argument_definitions_are_consistent() {
        super::Cli::command().debug_assert();
    }
}
