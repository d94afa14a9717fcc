//! Forgiving header matching and the conversion of one CSV row into a `FleetInput`.
//!
//! Headers are compared lower-case with everything but letters and digits removed, so
//! `FunctionName`, `function_name` and `Function Name` match alike. Values are checked by the scenario's
//! own rules (`keys::check_text`, the key table's row), whose error names the key and what it accepts;
//! one value costs the same whatever the base scenario holds, so a file is read in linear time.

use super::csv::{Reader, Record};
use super::{FleetError, FleetInput, MAX_NAME_LEN, MAX_ROWS, Parsed};
use crate::core::field_error::FieldError;
use crate::core::keys;
use crate::core::scenario::{Arch, RUNTIMES};

/// Accepted header names per column (compared normalised), first the canonical one; the first three
/// after `name` are required.
pub const ALIASES: [(&str, &[&str]); 7] = [
    ("name", &["name", "function", "function_name", "FunctionName", "function name", "resource"]),
    ("invocations", &["invocations", "invocations_per_month", "requests_per_month", "requests", "Invocations (sum)"]),
    ("avg_duration_ms", &["avg_duration_ms", "duration_ms", "Duration (avg)", "duration", "average_duration_ms"]),
    ("memory_mb", &["memory_mb", "memory", "MemorySize", "memory_size_mb"]),
    ("runtime", &["runtime"]),
    ("arch", &["arch", "architecture", "architectures"]),
    ("p99_ms", &["p99_ms", "p99_target_ms", "latency_slo_p99_ms", "p99"]),
];
const REQUIRED: usize = 4;
const NAME: usize = 0;
const INVOCATIONS: usize = 1;
const DURATION: usize = 2;
const MEMORY: usize = 3;
const RUNTIME: usize = 4;
const ARCH: usize = 5;
const P99: usize = 6;

fn normalise(header: &str) -> String {
    header.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn text(field: &[u8]) -> Option<&str> {
    std::str::from_utf8(field).ok()
}

/// Which file column holds each of `ALIASES` (the first match wins), and the headers as written.
struct Layout {
    index: [Option<usize>; 7],
    headers: Vec<String>,
}

fn layout(header: &Record) -> Result<Layout, FleetError> {
    let headers: Vec<String> = header.fields.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect();
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let index = ALIASES.map(|(_, aliases)| {
        let wanted: Vec<String> = aliases.iter().map(|a| normalise(a)).collect();
        names.iter().position(|n| wanted.contains(n))
    });
    let missing: Vec<String> = (0..REQUIRED)
        .filter(|&i| index[i].is_none())
        .map(|i| format!("{} (or {})", ALIASES[i].0, ALIASES[i].1[1..].join(" / ")))
        .collect();
    if missing.is_empty() {
        return Ok(Layout { index, headers });
    }
    let message =
        format!("missing required column{}: {}", if missing.len() > 1 { "s" } else { "" }, missing.join("; "));
    Err(FleetError { line: header.line, column: None, message })
}

/// Reads the rows of a fleet CSV. A file without the required columns or with more than `MAX_ROWS`
/// rows gives one error and no rows; otherwise every bad row gives one error and is dropped.
pub fn parse(bytes: &[u8]) -> Parsed {
    let mut reader = Reader::new(bytes);
    let unusable = |line, message: &str| Parsed {
        rows: Vec::new(),
        errors: vec![FleetError { line, column: None, message: message.into() }],
        unusable: true,
    };
    let Some(header) = reader.next() else {
        return unusable(1, "empty file: expected a header line naming the columns");
    };
    let layout = match layout(&header) {
        Ok(l) => l,
        Err(e) => return Parsed { rows: Vec::new(), errors: vec![e], unusable: true },
    };
    let mut parsed = Parsed::default();
    for (n, record) in reader.enumerate() {
        if n >= MAX_ROWS {
            return unusable(record.line, &format!("more than {MAX_ROWS} rows; split the file"));
        }
        match row(&record, &layout) {
            Ok(input) => parsed.rows.push(input),
            Err(e) => parsed.errors.push(e),
        }
    }
    parsed
}

/// The first problem of a row, named by its column, or the row.
fn row(record: &Record, layout: &Layout) -> Result<FleetInput, FleetError> {
    let line = record.line;
    let at = |col: Option<usize>, message: String| FleetError {
        line,
        column: col.map(|c| layout.headers.get(c).cloned().unwrap_or_default()),
        message,
    };
    if let Some(problem) = record.problem {
        return Err(at(None, problem.into()));
    }
    if record.fields.len() != layout.headers.len() {
        let (got, want) = (record.fields.len(), layout.headers.len());
        return Err(at(None, format!("{got} fields, but the header has {want} (quote names that hold commas)")));
    }
    // The text of one column ("" when the file has no such column).
    let get = |i: usize| -> Result<&str, FleetError> {
        let Some(c) = layout.index[i] else { return Ok("") };
        text(&record.fields[c]).map(str::trim).ok_or_else(|| at(Some(c), "not valid UTF-8 text".into()))
    };
    let field_error = |i: usize, e: FieldError| at(layout.index[i], format!("{} ({})", e.message, e.field));

    let name = get(NAME)?;
    if name.is_empty() {
        return Err(at(layout.index[NAME], "the function name is empty".into()));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(at(layout.index[NAME], format!("longer than {MAX_NAME_LEN} characters")));
    }
    let required = |i: usize, key: &str| -> Result<f64, FleetError> {
        let t = get(i)?;
        if t.is_empty() {
            return Err(at(layout.index[i], format!("a value is required ({key})")));
        }
        number(key, t).map_err(|e| field_error(i, e))
    };
    let invocations = required(INVOCATIONS, "requests_per_month")?;
    let duration_ms = required(DURATION, "duration_ms")?;
    let memory_mb = required(MEMORY, "memory_mb")?;
    let runtime = optional(get(RUNTIME)?, runtime).map_err(|e| field_error(RUNTIME, e))?;
    let arch = optional(get(ARCH)?, arch).map_err(|e| field_error(ARCH, e))?;
    let p99_target_ms = optional(get(P99)?, |t| number("latency_slo_p99_ms", t)).map_err(|e| field_error(P99, e))?;
    Ok(FleetInput { line, name: name.to_string(), invocations, duration_ms, memory_mb, runtime, arch, p99_target_ms })
}

fn optional<T>(t: &str, f: impl FnOnce(&str) -> Result<T, FieldError>) -> Result<Option<T>, FieldError> {
    if t.is_empty() || t.eq_ignore_ascii_case("none") { Ok(None) } else { f(t).map(Some) }
}

/// A number for `key`, checked against the key's row: its range, finiteness, whole-number-ness.
fn number(key: &str, t: &str) -> Result<f64, FieldError> {
    let value = keys::check_text(key, t)?;
    // A checked number is a JSON number; the fallback is never taken.
    value.as_f64().ok_or_else(|| FieldError::new(key, "expected a number"))
}

/// AWS spells runtimes `nodejs22.x` or `python3.12`; the model's ids are `nodejs22`, `python312`. An id
/// the model does not know is an error that lists the ones it does.
fn runtime(t: &str) -> Result<String, FieldError> {
    let lower = t.to_ascii_lowercase();
    let id: String = lower.strip_suffix(".x").unwrap_or(&lower).chars().filter(|&c| c != '.').collect();
    if RUNTIMES.iter().any(|(known, _)| *known == id) {
        return Ok(id);
    }
    keys::check_text("runtime", t).map(|v| v.as_str().unwrap_or(t).to_string())
}

fn arch(t: &str) -> Result<Arch, FieldError> {
    match t.to_ascii_lowercase().as_str() {
        "x86_64" | "x86" | "amd64" | "x64" => Ok(Arch::X86_64),
        "arm64" | "arm" | "aarch64" | "graviton" => Ok(Arch::Arm64),
        _ => {
            let value = keys::check_text("arch", t)?;
            serde_json::from_value(value).map_err(|e| FieldError::new("arch", e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_with_an_unknown_runtime_is_named() {
        // The most rows a file may hold, each with a runtime the model does not know: one error per
        // row, naming the column and listing the ids it knows; no row is simulated as another runtime.
        let mut text = String::from("name,invocations,avg_duration_ms,memory_mb,runtime\n");
        for i in 0..MAX_ROWS {
            text.push_str(&format!("f{i},1000,100,512,cobol\n"));
        }
        let parsed = parse(text.as_bytes());
        assert!(parsed.rows.is_empty() && !parsed.unusable);
        assert_eq!(parsed.errors.len(), MAX_ROWS);
        let first = parsed.errors[0].to_string();
        assert!(first.starts_with("line 2: runtime: unknown value `cobol`; expected one of `nodejs20`"), "{first}");
        assert_eq!(parsed.errors[MAX_ROWS - 1].line, MAX_ROWS + 1);
    }

    #[test]
    fn aws_runtime_names_map_to_the_model_s_ids() {
        for (aws, id) in [("nodejs22.x", "nodejs22"), ("python3.12", "python312"), ("Java21", "java21"), ("go", "go")] {
            assert_eq!(runtime(aws).as_deref(), Ok(id), "{aws}");
        }
        assert_eq!(runtime("cobol").unwrap_err().field, "runtime");
    }

    #[test]
    fn a_wide_file_is_read_once() {
        // A header of 200,000 extra columns and one row: the columns are matched in one pass.
        let extra = 200_000;
        let header: Vec<String> = (0..extra).map(|i| format!("c{i}")).collect();
        let text = format!(
            "name,invocations,avg_duration_ms,memory_mb,{}\na,1,1,128{}\n",
            header.join(","),
            ",".repeat(extra)
        );
        let parsed = parse(text.as_bytes());
        assert_eq!(parsed.errors, []);
        assert_eq!(parsed.rows.len(), 1);
    }
}
