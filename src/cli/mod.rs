//! The `crossover` command line (native only): the arguments, parsed by clap, and one function per
//! command that turns them into an `Outcome`. The text the commands print is made in `crate::report`
//! and the core, so it is tested without a process; `src/bin/crossover.rs` only calls `main`.
//!
//! Exit codes: 0 success, 2 bad input or usage (the message names the key), 1 I/O failure.

mod input;
pub mod output;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::catalog::Catalog;
use crate::core::claims::{self, Topic};
use crate::core::{eval, fleet, prices, scenario::Scenario};
use crate::report::{self, svg::ChartKind};
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
    /// Evaluate a scenario: every platform's cost, the simulated cold starts, the verdict (JSON or Markdown)
    Eval(EvalArgs),
    /// Compare two scenarios: each platform's cost before → after, the verdict, the break-evens
    #[command(long_about = "Compare two scenarios: the keys that changed, each platform's monthly cost \
        before → after with the delta, the verdict and recommendation, and the break-even volumes. \
        Markdown (for a pull-request comment) or JSON. Exit code 0 whatever the change; 2 for bad input.")]
    Diff(DiffArgs),
    /// Draw a chart of a scenario as SVG (the app's drawing code)
    Render(RenderArgs),
    /// The seed articles' rules of thumb, recomputed: what each article says, what Crossover computes
    Claims(ClaimsArgs),
    /// Cost, verdict and recommendation of every function in a CSV
    #[command(long_about = "Cost, verdict and recommendation of every function in a CSV.\n\n\
        Columns: name, invocations (per month), avg_duration_ms, memory_mb; optional runtime, arch, p99_ms \
        (CloudWatch and Cost Explorer names are accepted). Prints the table as CSV, or JSON with totals. \
        Bad rows go to stderr as `line N: column: message`; the others are still evaluated.")]
    Fleet(FleetArgs),
    /// The price catalogue: every entry with its value, unit, source, as-of date, age and status
    #[command(long_about = "The price catalogue: every entry with its provider, service, value, unit, source, \
        as-of date, age at the catalogue's date (old: more than a year) and status (official, secondary, \
        unverified, derived, or yours when --prices overrides it). JSON or CSV.")]
    Prices(PricesArgs),
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Scenario JSON file, or - for stdin (every key is optional: {} evaluates the defaults)
    #[arg(value_name = "SCENARIO", required_unless_present = "query", conflicts_with = "query")]
    pub scenario: Option<String>,
    /// Evaluate the scenario of an app link's query string instead (e.g. 'v=2&r=5e7&a=arm64')
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Output format: the evaluation JSON, or a Markdown report for a decision record
    #[arg(long, value_enum, default_value_t = EvalFormat::Json)]
    pub format: EvalFormat,
    /// Indent the JSON
    #[arg(long)]
    pub pretty: bool,
    /// Your own rates: an overrides JSON (`{"lambda.requests": 0.18, "discount.aws": 12}`), applied to the catalogue
    #[arg(long, value_name = "FILE")]
    pub prices: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The scenario JSON before the change (a file, or - for stdin)
    #[arg(value_name = "BEFORE")]
    pub before: String,
    /// The scenario JSON after the change (a file, or - for stdin)
    #[arg(value_name = "AFTER")]
    pub after: String,
    /// Markdown for a pull-request comment, or JSON
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Your own rates: an overrides JSON (`{"lambda.requests": 0.18, "discount.aws": 12}`), applied to the catalogue
    #[arg(long, value_name = "FILE")]
    pub prices: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Scenario JSON file, or - for stdin
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// Which chart
    #[arg(long, value_enum)]
    pub chart: Chart,
    /// Write the SVG to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<String>,
    /// Width in pixels
    #[arg(long, default_value_t = report::svg::SIZE.0, value_parser = clap::value_parser!(u32).range(320..=4000))]
    pub width: u32,
    /// Height in pixels
    #[arg(long, default_value_t = report::svg::SIZE.1, value_parser = clap::value_parser!(u32).range(240..=4000))]
    pub height: u32,
    /// Your own rates: an overrides JSON (`{"lambda.requests": 0.18, "discount.aws": 12}`), applied to the catalogue
    #[arg(long, value_name = "FILE")]
    pub prices: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Chart {
    /// Monthly cost of each platform by volume, with the break-even points
    Crossover,
    /// The simulated latency distribution, cold starts included
    Latency,
    /// A simulated day: live environments and cold starts per minute
    Day,
    /// Monthly cost against p99 latency, one point per platform
    #[value(name = "cost-p99")]
    CostP99,
}

impl From<Chart> for ChartKind {
    fn from(c: Chart) -> ChartKind {
        match c {
            Chart::Crossover => ChartKind::Crossover,
            Chart::Latency => ChartKind::Latency,
            Chart::Day => ChartKind::Day,
            Chart::CostP99 => ChartKind::CostP99,
        }
    }
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Print the checks as JSON
    #[arg(long)]
    pub json: bool,
    /// Only the claims that hold, or only those that are off
    #[arg(long, value_enum)]
    pub status: Option<StatusFilter>,
    /// Only the claims about one topic
    #[arg(long, value_enum)]
    pub topic: Option<TopicFilter>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    Holds,
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TopicFilter {
    ColdStarts,
    Costs,
    BreakEven,
    Limits,
}

impl From<TopicFilter> for Topic {
    fn from(t: TopicFilter) -> Topic {
        match t {
            TopicFilter::ColdStarts => Topic::ColdStarts,
            TopicFilter::Costs => Topic::Costs,
            TopicFilter::BreakEven => Topic::BreakEven,
            TopicFilter::Limits => Topic::Limits,
        }
    }
}

#[derive(Debug, Args)]
pub struct FleetArgs {
    /// CSV file, or - for stdin
    #[arg(value_name = "FILE.csv")]
    pub file: String,
    /// Print the report as JSON with totals instead of the CSV table
    #[arg(long)]
    pub json: bool,
    /// Your own rates: an overrides JSON (`{"lambda.requests": 0.18, "discount.aws": 12}`), applied to the catalogue
    #[arg(long, value_name = "FILE")]
    pub prices: Option<String>,
}

#[derive(Debug, Args)]
pub struct PricesArgs {
    /// JSON (the catalogue's date, region and currency, then every entry) or CSV (one row per entry)
    #[arg(long, value_enum, default_value_t = PricesFormat::Json)]
    pub format: PricesFormat,
    /// Your own rates: an overrides JSON (`{"lambda.requests": 0.18, "discount.aws": 12}`), applied to the catalogue
    #[arg(long, value_name = "FILE")]
    pub prices: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PricesFormat {
    Json,
    Csv,
}

/// Parses the process's arguments, runs the command, prints, and gives the exit code.
pub fn main() -> ExitCode {
    // clap prints help and --version to stdout with exit code 0, and usage errors with 2.
    output::emit(run(Cli::parse()))
}

pub fn run(cli: Cli) -> Outcome {
    let prices = match &cli.command {
        Command::Eval(a) => a.prices.as_deref(),
        Command::Diff(a) => a.prices.as_deref(),
        Command::Render(a) => a.prices.as_deref(),
        Command::Fleet(a) => a.prices.as_deref(),
        Command::Prices(a) => a.prices.as_deref(),
        Command::Claims(_) => None,
    };
    let cat = match prices {
        Some(path) => input::prices_file(path)?,
        None => Catalog::builtin(),
    };
    match cli.command {
        Command::Eval(a) => run_eval(&a, &cat),
        Command::Diff(a) => run_diff(&a, &cat),
        Command::Render(a) => run_render(&a, &cat),
        Command::Claims(a) => run_claims(&a, &cat),
        Command::Fleet(a) => run_fleet(&a, &cat),
        Command::Prices(a) => run_prices(&a, &cat),
    }
}

fn run_prices(a: &PricesArgs, cat: &Catalog) -> Outcome {
    let list = prices::list(cat, &Catalog::builtin());
    match a.format {
        PricesFormat::Json => output::json(&list, true),
        PricesFormat::Csv => Ok(Done::text(prices::csv(&list))),
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
    let evaluation = eval::evaluate(&s, cat);
    match a.format {
        EvalFormat::Json => output::json(&evaluation, a.pretty),
        EvalFormat::Markdown => Ok(Done::text(report::markdown::evaluation(&s, &evaluation))),
    }
}

/// Exit 0 whatever the change: a pipeline decides what a change means; 2 when a scenario is bad.
fn run_diff(a: &DiffArgs, cat: &Catalog) -> Outcome {
    if a.before == "-" && a.after == "-" {
        return Err(Failed::bad_input("crossover: only one of BEFORE and AFTER can be - (stdin)"));
    }
    let before = input::scenario_file(&a.before)?;
    let after = input::scenario_file(&a.after)?;
    let d = report::diff::diff(&before, &after, cat);
    match a.format {
        DiffFormat::Markdown => Ok(Done::text(report::diff::markdown(&d))),
        DiffFormat::Json => output::json(&d, true),
    }
}

fn run_render(a: &RenderArgs, cat: &Catalog) -> Outcome {
    let s = input::scenario_file(&a.scenario)?;
    let svg = report::svg::render(a.chart.into(), &s, cat, (a.width, a.height)).map_err(Failed::io)?;
    match &a.output {
        Some(path) => output::write_file(path, svg.as_bytes()).map(|()| Done::default()),
        None => Ok(Done::text(svg)),
    }
}

fn run_claims(a: &ClaimsArgs, cat: &Catalog) -> Outcome {
    let checks = claims::check(cat);
    let filter = claims::Filter {
        status: a.status.map(|s| match s {
            StatusFilter::Holds => "holds",
            StatusFilter::Off => "off",
        }),
        topic: a.topic.map(Topic::from),
    };
    if a.json {
        let kept: Vec<&claims::ClaimCheck> = checks.iter().filter(|c| filter.keeps(c)).collect();
        return output::json(&kept, true);
    }
    Ok(Done::text(report::claims::text(&checks, filter)))
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
