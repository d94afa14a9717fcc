//! Runs the `crossover` binary as a user does: arguments, standard input, exit code and both streams.

use std::io::Write;
use std::process::{Child, Command, Stdio};

/// `crossover ARGS` started with all three streams piped, for tests that drive the process themselves.
pub fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_crossover"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI runs")
}

/// UTF-8 text of a stream (the CLI writes nothing else).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// (exit code, stdout, stderr) of `crossover ARGS < STDIN`.
pub fn cli(args: &[&str], stdin: impl AsRef<[u8]>) -> (i32, String, String) {
    let mut child = spawn(args);
    // A command that does not read stdin (a usage error) may have exited already: a failed write is
    // fine then; what the tests check is the exit code and the streams.
    let _ = child.stdin.take().expect("piped stdin").write_all(stdin.as_ref());
    let out = child.wait_with_output().expect("the CLI exits");
    (out.status.code().expect("exited, not killed"), text(&out.stdout), text(&out.stderr))
}
