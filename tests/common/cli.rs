//! Runs the `crossover` binary as a user does: arguments, standard input, exit code and both streams.

use std::io::Write;
use std::process::{Command, Stdio};

/// (exit code, stdout, stderr) of `crossover ARGS < STDIN`.
pub fn cli(args: &[&str], stdin: impl AsRef<[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossover"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_ref()).expect("write stdin");
    let out = child.wait_with_output().expect("the CLI exits");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}
