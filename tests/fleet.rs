#![cfg(not(target_arch = "wasm32"))]
//! Fleet CSVs: parsing edge cases, bad rows reported by line with good rows kept, totals, CSV output,
//! 10,000 rows, and the `crossover fleet` exit codes.

use std::time::Instant;

use crossover::core::catalog::Catalog;
use crossover::core::cost::PlatformId;
use crossover::core::fleet::{self, FleetReport, MAX_ROWS, SortKey, csv::Reader};
use crossover::core::scenario::{Arch, Scenario};

#[path = "common/cli.rs"]
mod cli;
use cli::cli;

const HEADER: &str = "name,invocations,avg_duration_ms,memory_mb";
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fleet_sample.csv");

fn run(text: &[u8]) -> FleetReport {
    fleet::run(text, &Scenario::default(), &Catalog::builtin())
}

/// One data row under `HEADER`: its error as `line N: column: …` text, or "ok".
fn check(row: &str, expected: &str) {
    check_file(&format!("{HEADER}\n{row}\n"), expected);
}

fn check_file(text: &str, expected: &str) {
    let row = text;
    let parsed = fleet::parse(text.as_bytes());
    let got = match parsed.errors.first() {
        Some(e) => e.to_string(),
        None => "ok".into(),
    };
    assert!(got.starts_with(expected), "{row:?}: got {got:?}, want {expected:?}");
}

#[test]
fn values_are_validated_with_the_scenario_ranges() {
    check("a,1000,100,512", "ok");
    check("a,0,1,128", "ok");
    check("a,1e12,86400000,30720", "ok");
    check("a, 1000 ,\t100 , 512", "ok");
    check("a,NaN,100,512", "line 2: invocations: must be a finite number");
    check("a,inf,100,512", "line 2: invocations: must be a finite number");
    check("a,-5,100,512", "line 2: invocations: -5 is outside the allowed range 0–1000000000000");
    check("a,1e13,100,512", "line 2: invocations: 10000000000000 is outside the allowed range");
    check("a,1e999,100,512", "line 2: invocations: must be a finite number");
    check("a,1000,0,512", "line 2: avg_duration_ms: 0 is outside the allowed range 1–86400000");
    check("a,1000,100,64", "line 2: memory_mb: 64 is outside the allowed range 128–30720 (memory_mb)");
    check("a,1000,100,", "line 2: memory_mb: a value is required");
    check("a,lots,100,512", "line 2: invocations: 'lots' is not a number");
    check(",1000,100,512", "line 2: name: the function name is empty");
    check(&format!("{},1000,100,512", "x".repeat(201)), "line 2: name: longer than 200 characters");
    check(&format!("{},1000,100,512", "é".repeat(200)), "ok");
    check("a,1000,100", "line 2: 3 fields, but the header has 4");
    check("a,b,1000,100,512", "line 2: 5 fields, but the header has 4");
    check("\"a,1000,100,512", "line 2: unterminated quoted field");
}

#[test]
fn headers_are_matched_forgivingly() {
    check_file("FunctionName,Invocations,Duration (avg),MemorySize\na,1,2,256\n", "ok");
    check_file("function_name,requests_per_month,duration_ms,memory\na,1,2,256\n", "ok");
    check_file("\u{feff}Function,INVOCATIONS_PER_MONTH,duration,Memory_MB,Extra\r\na,1,2,256,x\r\n", "ok");
    check_file("name,invocations,memory_mb\na,1,256\n", "line 1: missing required column: avg_duration_ms");
    check_file("foo,bar\n1,2\n", "line 1: missing required columns: name");
    check_file("", "line 1: empty file");
}

#[test]
fn optional_columns() {
    let text = "name,invocations,duration,memory,runtime,arch,p99_target_ms\n\
                a,1000,100,512,nodejs20.x,arm64,300\n\
                b,1000,100,512,python3.12,X86_64,\n\
                c,1000,100,512,,aarch64,none\n\
                d,1000,100,512,nodejs22,sparc,\n\
                e,1000,100,512,nodejs22,arm64,0\n\
                f,1000,100,512,provided.al2023,arm64,\n";
    let p = fleet::parse(text.as_bytes());
    let rows: Vec<_> =
        p.rows.iter().map(|r| (r.name.as_str(), r.runtime.as_deref(), r.arch, r.p99_target_ms)).collect();
    assert_eq!(
        rows,
        [
            ("a", Some("nodejs20"), Some(Arch::Arm64), Some(300.0)),
            ("b", Some("python312"), Some(Arch::X86_64), None),
            ("c", None, Some(Arch::Arm64), None),
        ]
    );
    let errors: Vec<String> = p.errors.iter().map(|e| e.to_string()).collect();
    assert!(errors[0].starts_with("line 5: arch: "), "{errors:?}");
    assert!(errors[1].starts_with("line 6: p99_target_ms: 0 is outside the allowed range 1–600000"), "{errors:?}");
    // A runtime the model has no measurements for is named with the ids it has, not simulated as another.
    assert!(errors[2].starts_with("line 7: runtime: unknown value `provided.al2023`; expected one of `nodejs20`"));
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn invalid_utf8_is_reported_by_line() {
    let mut text = format!("{HEADER}\na,1,2,256\n").into_bytes();
    text.extend_from_slice(b"b\xff\xfe,1,2,256\nc,1,2,256\n");
    let p = fleet::parse(&text);
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.errors[0].to_string(), "line 3: name: not valid UTF-8 text");
}

#[test]
fn too_many_rows_is_one_error() {
    let mut text = format!("{HEADER}\n");
    for i in 0..=MAX_ROWS {
        text.push_str(&format!("f{i},1000,100,512\n"));
    }
    let p = fleet::parse(text.as_bytes());
    assert!(p.unusable && p.rows.is_empty() && p.errors.len() == 1, "{:?}", p.errors.first());
    assert_eq!(p.errors[0].line, MAX_ROWS + 2);
}

#[test]
fn sample_bad_rows_reported_good_rows_kept() {
    let report = run(&std::fs::read(SAMPLE).expect("sample file"));
    assert_eq!(report.rows.len(), 11);
    let errors: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors, ["line 11: Invocations: 'lots' is not a number (requests_per_month)"]);
    assert!(report.rows.iter().any(|r| r.name == "orders, EU"));
    assert!(report.rows.iter().any(|r| r.name == "<img src=x onerror=alert(1)>"));
    assert!(!report.unusable);
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn totals_are_the_sum_of_the_rows() {
    let report = run(&std::fs::read(SAMPLE).expect("sample file"));
    for (i, t) in report.totals.iter().enumerate() {
        assert_eq!(t.id, PlatformId::ALL[i]);
        let sum: f64 = report.rows.iter().filter_map(|r| r.costs[i]).sum();
        assert!(close(t.usd, sum), "{:?}", t.id);
        assert_eq!(t.infeasible_rows, report.rows.iter().filter(|r| r.costs[i].is_none()).count());
    }
    let current: f64 = report.rows.iter().filter_map(|r| r.current_usd).sum();
    let recommended: f64 = report.rows.iter().filter_map(|r| r.recommended_usd).sum();
    assert!(close(report.current_total, current) && close(report.recommended_total, recommended));
    for r in &report.rows {
        assert_eq!(r.current_usd, r.cost(PlatformId::AwsLambda));
        assert_eq!(r.recommended_usd, r.cost(r.recommended));
        if let (Some(c), Some(x)) = (r.current_usd, r.recommended_usd) {
            assert!(close(r.saving_usd, c - x), "{}", r.name);
        }
    }
}

#[test]
fn moves_saving_is_the_sum_of_the_moved_rows() {
    let report = run(&std::fs::read(SAMPLE).expect("sample file"));
    let moved: Vec<_> =
        report.rows.iter().filter(|r| r.recommended != PlatformId::AwsLambda && r.saving_usd > 0.0).collect();
    assert!(!moved.is_empty());
    assert_eq!(report.moves.count, moved.len());
    assert_eq!(report.moves.functions, moved.iter().map(|r| r.name.clone()).collect::<Vec<_>>());
    let sum: f64 = moved.iter().map(|r| r.saving_usd).sum();
    assert!(close(report.moves.saving_usd, sum) && sum > 0.0);
}

#[test]
fn csv_output_round_trips_names() {
    let names = ["plain", "orders, EU", "say \"hi\"", "<img src=x onerror=alert(1)>", "multi\nline", "=1+1"];
    let mut text = format!("{HEADER}\n");
    for n in names {
        text.push_str(&format!("\"{}\",1000000,100,512\n", n.replace('"', "\"\"")));
    }
    let report = run(text.as_bytes());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let csv = report.to_csv();
    let records: Vec<_> = Reader::new(csv.as_bytes()).collect();
    let header: Vec<&[u8]> = records[0].fields.iter().map(Vec::as_slice).collect();
    assert_eq!(header[1], b"name");
    assert!(records.iter().all(|r| r.fields.len() == header.len() && r.problem.is_none()));
    let back: Vec<String> = records[1..].iter().map(|r| String::from_utf8(r.fields[1].clone()).unwrap()).collect();
    assert_eq!(back, names);
    // The output is itself a valid fleet input with the same rows.
    let again = run(csv.as_bytes());
    assert_eq!(again.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), names);
}

#[test]
fn json_output_names_platforms() {
    let report = run(&std::fs::read(SAMPLE).expect("sample file"));
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["rows"][0]["costs"]["aws_lambda"].is_number());
    assert_eq!(json["errors"][0]["line"], 11);
    assert!(json["moves"]["saving_usd"].is_number());
}

#[test]
fn sorting() {
    let mut rows = run(&std::fs::read(SAMPLE).expect("sample file")).rows;
    fleet::sort(&mut rows, SortKey::Saving, true);
    assert!(rows.windows(2).all(|w| w[0].saving_usd >= w[1].saving_usd));
    fleet::sort(&mut rows, SortKey::Platform(PlatformId::AwsLambda), false);
    let lambda: Vec<_> = rows.iter().map(|r| r.cost(PlatformId::AwsLambda)).collect();
    let known = lambda.iter().take_while(|c| c.is_some()).count();
    assert!(lambda[known..].iter().all(Option::is_none), "infeasible rows go last");
    assert!(lambda[..known].windows(2).all(|w| w[0] <= w[1]));
    fleet::sort(&mut rows, SortKey::Name, false);
    assert_eq!(rows[0].name, "<img src=x onerror=alert(1)>");
    fleet::sort(&mut rows, SortKey::Cost, true);
    fleet::sort(&mut rows, SortKey::Line, false);
    assert!(rows.windows(2).all(|w| w[0].line < w[1].line));
}

/// 10,000 varied rows: the elapsed time is printed, not asserted (machines differ).
#[test]
fn ten_thousand_rows() {
    let runtimes = ["nodejs22.x", "python3.12", "java21", "go", "rust", "dotnet8", "ruby3.3"];
    let mut text = String::from("name,invocations,avg_duration_ms,memory_mb,runtime,arch,p99_ms\n");
    for i in 0..10_000u64 {
        let invocations = 10f64.powf(2.0 + (i % 97) as f64 / 12.0).round();
        let duration = 5 + (i * 37) % 3000;
        let memory = [128, 256, 512, 1024, 1769, 3008, 10240][(i % 7) as usize];
        let arch = if i % 3 == 0 { "arm64" } else { "x86_64" };
        let p99 = if i % 5 == 0 { "200" } else { "" };
        text.push_str(&format!(
            "fn-{i},{invocations},{duration},{memory},{},{arch},{p99}\n",
            runtimes[(i % 7) as usize]
        ));
    }
    let t = Instant::now();
    let report = run(text.as_bytes());
    let elapsed = t.elapsed();
    eprintln!("fleet: 10,000 rows parsed and evaluated in {elapsed:.2?}");
    assert_eq!(report.rows.len(), 10_000);
    assert!(report.errors.is_empty(), "{:?}", report.errors.first());
    assert!(report.current_total.is_finite() && report.recommended_total.is_finite());
}

#[test]
fn cli_exit_codes() {
    let (code, out, err) = cli(&["fleet", SAMPLE], b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 12, "header + 11 good rows");
    assert!(err.contains("line 11: Invocations: 'lots' is not a number"), "{err}");
    assert!(err.contains("move these"), "{err}");

    let (code, out, _) = cli(&["fleet", SAMPLE, "--json"], b"");
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(11));

    let (code, out, err) = cli(&["fleet", "-"], b"name,invocations\na,1\n");
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("line 1: missing required columns"), "{err}");

    let (code, _, err) = cli(&["fleet", "-"], format!("{HEADER}\na,x,1,128\n").as_bytes());
    assert_eq!(code, 2, "no good row: {err}");
    assert!(err.contains("line 2: invocations:"), "{err}");

    let (code, _, _) = cli(&["fleet", "/no/such/file.csv"], b"");
    assert_eq!(code, 1);
}

#[test]
fn the_sample_fleet_evaluates_every_row() {
    let report = fleet::run(fleet::SAMPLE_CSV.as_bytes(), &Scenario::default(), &Catalog::builtin());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.rows.len(), fleet::SAMPLE_CSV.lines().count() - 1);
    assert!(report.moves.count > 0, "the sample shows functions worth moving");
}
