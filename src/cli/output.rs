//! What a command hands back, and how it reaches the terminal: stdout in one write, notes on stderr,
//! and a reader that went away (`crossover eval - | head -1`) ends the program quietly.

use std::io::{self, Write};
use std::process::ExitCode;

/// Exit code of bad input or usage; the message names the key (clap uses it for usage errors too).
pub const BAD_INPUT: u8 = 2;
/// Exit code of an I/O failure (a file that cannot be read or written).
pub const IO_FAILURE: u8 = 1;

/// A command that ran: its output, and notes for stderr before and after it.
#[derive(Debug, Default, PartialEq)]
pub struct Done {
    pub before: Vec<String>,
    pub stdout: Vec<u8>,
    pub after: Vec<String>,
}

impl Done {
    pub fn text(text: impl Into<String>) -> Done {
        Done { stdout: text.into().into_bytes(), ..Done::default() }
    }
}

/// A command that could not run: the exit code and the messages that say why.
#[derive(Debug, PartialEq)]
pub struct Failed {
    pub code: u8,
    pub messages: Vec<String>,
}

impl Failed {
    pub fn bad_input(message: impl Into<String>) -> Failed {
        Failed { code: BAD_INPUT, messages: vec![message.into()] }
    }

    pub fn io(message: impl Into<String>) -> Failed {
        Failed { code: IO_FAILURE, messages: vec![message.into()] }
    }
}

pub type Outcome = Result<Done, Failed>;

/// Prints an outcome and gives the process's exit code.
pub fn emit(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(done) => {
            notes(&done.before);
            let written = write_stdout(&done.stdout);
            notes(&done.after);
            match written {
                Ok(()) => ExitCode::SUCCESS,
                // The reader has all it wanted (`| head`): not an error, and nothing to say.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    notes(&[format!("crossover: cannot write the output: {e}")]);
                    ExitCode::from(IO_FAILURE)
                }
            }
        }
        Err(failed) => {
            notes(&failed.messages);
            ExitCode::from(failed.code)
        }
    }
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Lines on stderr; a closed stderr is ignored rather than a panic.
fn notes(lines: &[String]) {
    let mut err = io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "{line}");
    }
}

/// Writes `bytes` to `path`, for commands with `-o FILE`.
pub fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failed> {
    std::fs::write(path, bytes).map_err(|e| Failed::io(format!("crossover: cannot write {path}: {e}")))
}

/// A value as JSON and a newline: compact, or indented with `pretty`.
pub fn json<T: serde::Serialize>(value: &T, pretty: bool) -> Outcome {
    let text = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    match text {
        Ok(mut text) => {
            text.push('\n');
            Ok(Done::text(text))
        }
        Err(e) => Err(Failed::io(format!("crossover: cannot encode the result: {e}"))),
    }
}
