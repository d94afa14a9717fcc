//! The `crossover` binary as a Unix tool: help and usage, exit codes 0 / 1 / 2, a closed pipe, and the
//! output of every command (run as a process, exactly as a shell or a CI job runs it).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;

use crossover::core::cost::PlatformId;
use crossover::core::{catalog::Catalog, claims, eval, scenario_json};
use crossover::report;

#[path = "common/cli.rs"]
mod cli;
use cli::{cli as check, spawn, text};

#[test]
fn help_exits_0_with_usage_for_the_tool_and_every_command() {
    let commands = ["eval", "diff", "render", "claims", "fleet"];
    let mut all: Vec<Vec<&str>> = vec![vec!["--help"], vec!["-h"], vec!["help"]];
    all.extend(commands.iter().map(|c| vec![*c, "--help"]));
    all.extend(commands.iter().map(|c| vec!["help", *c]));
    for args in all {
        let args = args.as_slice();
        let (code, out, err) = check(args, "");
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("Usage: crossover"), "{args:?} prints usage on stdout:\n{out}");
        assert!(err.is_empty(), "{args:?}: stderr {err}");
    }
    let (_, top, _) = check(&["--help"], "");
    for command in commands {
        assert!(top.contains(&format!("  {command} ")), "top-level help lists {command}:\n{top}");
    }
    let (code, out, _) = check(&["--version"], "");
    assert_eq!((code, out.trim()), (0, concat!("crossover ", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn usage_errors_exit_2_with_the_usage_on_stderr() {
    for args in [&[][..], &["frobnicate"], &["eval"], &["eval", "a.json", "--query", "v=2"], &["eval", "--bogus", "-"]]
    {
        let (code, out, err) = check(args, "{}");
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: nothing on stdout, got {out}");
        assert!(err.contains("Usage: crossover"), "{args:?}: stderr shows the usage:\n{err}");
    }
}

#[test]
fn bad_input_exits_2_naming_the_key_and_io_failure_exits_1() {
    let (code, out, err) = check(&["eval", "-"], r#"{"memory_mb": 1}"#);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err, "crossover: invalid scenario: memory_mb: 1 is outside the allowed range 128–30720\n");
    let (code, _, err) = check(&["eval", "--query", "v=2&m=1"], "");
    assert_eq!(code, 2);
    assert!(err.contains("memory_mb"), "{err}");
    let (code, _, err) = check(&["eval", "/nonexistent/scenario.json"], "");
    assert_eq!(code, 1);
    assert!(err.starts_with("crossover: cannot read /nonexistent/scenario.json: "), "{err}");
    let (code, _, err) = check(&["fleet", "-"], "name,invocations\n");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn eval_prints_the_evaluation_json_of_the_core() {
    let s = scenario_json::from_json(r#"{"memory_mb": 1024}"#).expect("valid");
    let expected = eval::evaluate(&s, &Catalog::builtin());
    let (code, out, err) = check(&["eval", "-"], r#"{"memory_mb": 1024}"#);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, serde_json::to_string(&expected).expect("encodes") + "\n");
    let (_, pretty, _) = check(&["eval", "-", "--pretty"], r#"{"memory_mb": 1024}"#);
    assert_eq!(pretty, serde_json::to_string_pretty(&expected).expect("encodes") + "\n");
    let (code, by_query, _) = check(&["eval", "--query", "v=2&m=1024"], "");
    assert_eq!((code, by_query), (0, out));
}

#[test]
fn claims_and_fleet_print_their_tables() {
    let checks = claims::check(&Catalog::builtin());
    let (code, out, _) = check(&["claims", "--json"], "");
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(checks.len()));
    let csv = include_str!("data/fleet_sample.csv");
    let (code, out, err) = check(&["fleet", "-"], csv);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("line,name,invocations,"), "{out}");
    assert!(err.contains("line 11: ") && err.contains("move these"), "bad rows and the summary on stderr: {err}");
}

/// `crossover eval - | head -1`: the reader is gone before the output is written. The tool ends quietly
/// with 0, as `head` expects (it used to panic with "failed printing to stdout: Broken pipe", exit 101).
#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [&["eval", "-", "--pretty"][..], &["claims"]] {
        let mut child = spawn(args);
        // Close the read end of stdout first, then let the command start.
        drop(child.stdout.take());
        child.stdin.take().expect("stdin").write_all(b"{}").expect("writes the scenario");
        let out = child.wait_with_output().expect("ends");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: stderr {}", text(&out.stderr));
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crossover-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn eval_markdown_is_the_report_of_the_core() {
    let json = r#"{"memory_mb": 1024, "latency_slo_p99_ms": 300}"#;
    let s = scenario_json::from_json(json).expect("valid");
    let expected = report::markdown::evaluation(&s, &eval::evaluate(&s, &Catalog::builtin()));
    let (code, out, err) = check(&["eval", "-", "--format", "markdown"], json);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, expected);
    let (code, _, err) = check(&["eval", "-", "--format", "yaml"], json);
    assert_eq!(code, 2);
    assert!(err.contains("possible values: json, markdown"), "{err}");
}

#[test]
fn render_writes_an_svg_of_each_chart_to_stdout_or_a_file() {
    let dir = temp_dir("render");
    let scenario = dir.join("s.json");
    std::fs::write(&scenario, r#"{"memory_mb": 1024, "latency_slo_p99_ms": 300}"#).expect("writes");
    let path = scenario.to_str().expect("UTF-8 path");
    for chart in ["crossover", "latency", "day", "cost-p99"] {
        let (code, out, err) = check(&["render", path, "--chart", chart], "");
        assert_eq!((code, err.as_str()), (0, ""), "{chart}");
        assert!(out.starts_with("<svg ") && out.trim_end().ends_with("</svg>"), "{chart}: an SVG document");
        if chart == "crossover" || chart == "cost-p99" {
            for id in PlatformId::ALL {
                assert!(out.contains(id.name()), "{chart}: {} not named", id.name());
            }
        }
        let file = dir.join(format!("{chart}.svg"));
        let file = file.to_str().expect("UTF-8 path");
        let (code, quiet, _) = check(&["render", path, "--chart", chart, "-o", file], "");
        assert_eq!((code, quiet.as_str()), (0, ""), "{chart}: -o writes nothing to stdout");
        assert_eq!(std::fs::read_to_string(file).expect("written"), out, "{chart}: the same SVG in the file");
    }
    let (code, _, err) = check(&["render", "-", "--chart", "pie"], "{}");
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = check(&["render", "-", "--chart", "day"], r#"{"duration_ms": -1}"#);
    assert_eq!(code, 2);
    assert!(err.contains("duration_ms"), "{err}");
    let (code, _, err) = check(&["render", "-", "--chart", "day", "-o", "/nonexistent/dir/x.svg"], "{}");
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("crossover: cannot write /nonexistent/dir/x.svg"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn diff_exits_0_whatever_the_change_and_2_for_bad_input() {
    let dir = temp_dir("diff");
    let before = dir.join("before.json");
    let after = dir.join("after.json");
    std::fs::write(&before, r#"{"memory_mb": 512}"#).expect("writes");
    std::fs::write(&after, r#"{"memory_mb": 3008, "traffic_shape": "spiky"}"#).expect("writes");
    let (b, a) = (before.to_str().expect("path"), after.to_str().expect("path"));
    let (code, md, err) = check(&["diff", b, a], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(md.starts_with("### Crossover: what this change does"), "{md}");
    for id in PlatformId::ALL {
        assert!(md.contains(id.name()), "{} missing", id.name());
    }
    let (code, json, _) = check(&["diff", b, a, "--format", "json"], "");
    assert_eq!(code, 0);
    let d: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(d["platforms"].as_array().map(Vec::len), Some(PlatformId::ALL.len()));
    for key in ["catalog_as_of", "changed", "verdict", "breakeven"] {
        assert!(d.get(key).is_some(), "{key}");
    }
    // stdin for one side; the same scenario: still 0.
    let (code, same, _) = check(&["diff", b, "-"], r#"{"memory_mb": 512}"#);
    assert_eq!(code, 0);
    assert!(same.contains("The two scenarios are the same."), "{same}");
    let (code, _, err) = check(&["diff", b, "-"], r#"{"memory_mb": "lots"}"#);
    assert_eq!(code, 2);
    assert!(err.contains("memory_mb"), "{err}");
    assert_eq!(check(&["diff", "-", "-"], "{}").0, 2);
    assert_eq!(check(&["diff", b], "").0, 2);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn claims_print_titles_and_filter_by_status_and_topic() {
    let checks = claims::check(&Catalog::builtin());
    let (code, out, _) = check(&["claims"], "");
    assert_eq!(code, 0);
    assert_eq!(out, report::claims::text(&checks, claims::Filter::default()));
    for a in claims::articles() {
        assert!(out.contains(&a.title), "{} missing", a.title);
    }
    assert!(!out.contains(".txt"), "articles by title, not file name");
    for c in &checks {
        assert!(out.contains(&c.claim), "{} missing", c.id);
    }
    let (_, holds, _) = check(&["claims", "--status", "holds", "--topic", "costs", "--json"], "");
    let holds: Vec<serde_json::Value> = serde_json::from_str(&holds).expect("JSON");
    assert!(!holds.is_empty());
    assert!(holds.iter().all(|c| c["status"] == "holds" && c["topic"] == "costs" && c["title"].is_string()));
    assert_eq!(check(&["claims", "--topic", "weather"], "").0, 2);
}
