//! The README documents the `crossover eval` contract; these checks keep it in step with the code.
#![cfg(not(target_arch = "wasm32"))]

use crossover::core::key_table::{Accepts, Key};
use crossover::core::scenario::{KEYS, Scenario};
use serde_json::Value;

const README: &str = include_str!("../README.md");

/// "86,400,000", "0.25", "18,446,744,073,709,551,615" (the largest seed, exactly).
fn number(v: f64) -> String {
    let digits = if v == u64::MAX as f64 {
        u64::MAX.to_string()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        return v.to_string();
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn accepts(key: &Key) -> String {
    match key.accepts {
        Accepts::Number { min, max, whole, optional, .. } => format!(
            "{} {}–{}{}",
            if whole { "whole number" } else { "number" },
            number(min),
            number(max),
            if optional { ", or null" } else { "" }
        ),
        Accepts::Flag => "true \\| false".into(),
        Accepts::OneOf(values) => values.iter().map(|(id, _)| format!("`{id}`")).collect::<Vec<_>>().join(" \\| "),
        Accepts::Weights { max_len } => format!("list of numbers ≥ 0, at most {}", number(max_len as f64)),
    }
}

/// The README's key table as the code defines it: every key in order, what it accepts, its default
/// (as JSON) and its meaning.
fn expected_table() -> String {
    let Ok(Value::Object(defaults)) = serde_json::to_value(Scenario::default()) else { panic!("an object") };
    let mut out = String::from("| key | type / allowed | default | meaning |\n|---|---|---|---|\n");
    for key in KEYS {
        let default = defaults[key.name].to_string();
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} |\n",
            key.name,
            accepts(key),
            default,
            key.meaning().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn the_key_table_is_the_code_s() {
    let start = README.find("| key | type / allowed |").expect("README has the scenario key table");
    let end = README[start..].find("\n\n").map_or(README.len(), |e| start + e + 1);
    let documented = &README[start..end];
    let expected = expected_table();
    assert!(
        documented == expected,
        "README's scenario key table differs from the code; replace it with:\n\n{expected}\nfirst difference at line {}",
        documented.lines().zip(expected.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1)
    );
}

#[test]
fn the_two_commands_are_on_the_first_screen() {
    let first_screen: String = README.lines().take(25).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("./dev serve") && first_screen.contains("./dev test"));
}
