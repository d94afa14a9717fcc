//! The `crossover` binary as a Unix tool: help and usage, exit codes 0 / 1 / 2, a closed pipe, and the
//! output of every command (run as a process, exactly as a shell or a CI job runs it).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crossover::core::{catalog::Catalog, claims, eval, scenario};

const BIN: &str = env!("CARGO_BIN_EXE_crossover");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crossover binary runs");
    // A command that does not read stdin may have exited already: a failed write is fine then.
    let _ = child.stdin.take().expect("piped stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("the process ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Exit code, stdout, stderr.
fn check(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = run(args, stdin);
    (out.status.code().expect("exited, not killed"), text(&out.stdout), text(&out.stderr))
}

#[test]
fn help_exits_0_with_usage_for_the_tool_and_every_command() {
    for args in [&["--help"][..], &["-h"], &["help"], &["eval", "--help"], &["claims", "--help"], &["fleet", "--help"]]
    {
        let (code, out, err) = check(args, "");
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("Usage: crossover"), "{args:?} prints usage on stdout:\n{out}");
        assert!(err.is_empty(), "{args:?}: stderr {err}");
    }
    let (_, top, _) = check(&["--help"], "");
    for command in ["eval", "claims", "fleet"] {
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
    let s = scenario::from_json(r#"{"memory_mb": 1024}"#).expect("valid");
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
        let mut child = Command::new(BIN)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // Close the read end of stdout first, then let the command start.
        drop(child.stdout.take());
        child.stdin.take().expect("stdin").write_all(b"{}").expect("writes the scenario");
        let out = child.wait_with_output().expect("ends");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: stderr {}", text(&out.stderr));
    }
}
