#![cfg(not(target_arch = "wasm32"))]
//! The core is layered (ARCHITECTURE.md, "Layers"): a module may name modules of its own layer or of
//! the layers below, never one above, and never the app or the charts. This reads every file under
//! `src/core` and resolves its `crate::core::…` and `super::…` paths to the top-level core module they
//! name, so a new upward arrow fails here with the file and the path.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Bottom first. Modules of one layer may name each other.
const LAYERS: &[&[&str]] = &[
    &["field_error", "key_table", "data_files", "select"],
    &["scenario", "catalog", "rng", "stable_sort"],
    &["json_object"],
    &["keys"],
    &["scenario_json", "query", "overrides", "presets", "prices"],
    &["traffic"],
    &["coldstart"],
    &["cost"],
    &["crossover"],
    &["verdict"],
    &["sensitivity"],
    &["eval"],
    &["claims", "fleet", "invariants"],
];

/// Upward edges tolerated for now: (from, to).
const ALLOWED: &[(&str, &str)] = &[];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// `cost/lambda.rs` → [cost, lambda]; `cost/mod.rs` → [cost]; `mod.rs` → [].
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().unwrap_or_default();
    if file != "mod.rs" {
        parts.push(file.trim_end_matches(".rs").to_string());
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The leading identifier of each item of a path segment: `x`, or every item of `{a, b::c, self}`.
fn segment_heads(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut heads = Vec::new();
        let (mut depth, mut start) = (0usize, 0usize);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    heads.push(group[start..i].trim().to_string());
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    heads.push(group[start..i].trim().to_string());
                    start = i + 1;
                }
                _ => {}
            }
        }
        heads.into_iter().map(|h| h.chars().take_while(|&c| is_ident(c)).collect()).collect()
    } else {
        vec![rest.chars().take_while(|&c| is_ident(c)).collect()]
    }
}

/// Every core path named in `code` (comments stripped), resolved from the module at `path`:
/// the full module path it names, e.g. [cost, PlatformId].
fn named_paths(code: &str, path: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut here = path.to_vec();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        // Inline modules (the tests at the end of a file): `super` there is the file's own module.
        let trimmed = line.trim_start().trim_start_matches("pub ");
        if let Some(name) = trimmed.strip_prefix("mod ").and_then(|m| m.strip_suffix(" {")) {
            here = path.to_vec();
            here.push(name.trim().to_string());
            continue;
        }
        let bytes: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < bytes.len() {
            let at_word = i == 0 || !is_ident(bytes[i - 1]);
            let rest: String = bytes[i..].iter().collect();
            let (base, skip) = if at_word && rest.starts_with("crate::core::") {
                (Some(Vec::new()), "crate::core::".len())
            } else if at_word && rest.starts_with("super::") {
                let mut k = 0;
                while rest[k * "super::".len()..].starts_with("super::") {
                    k += 1;
                }
                (here.len().checked_sub(k).map(|n| here[..n].to_vec()), k * "super::".len())
            } else {
                (None, 1)
            };
            if let Some(base) = base {
                for head in segment_heads(&rest[skip..]) {
                    let mut full = base.clone();
                    if head != "self" && !head.is_empty() {
                        full.push(head);
                    }
                    if !full.is_empty() {
                        found.push(full);
                    }
                }
            }
            i += skip;
        }
    }
    found
}

#[test]
fn no_core_module_names_a_higher_layer() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src/core"));
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut problems = BTreeSet::new();
    let mut seen_allowed = BTreeSet::new();
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under src/core");
        let path = module_path(relative);
        let Some(top) = path.first() else {
            continue; // core/mod.rs declares the modules.
        };
        let Some(from) = layer(top) else {
            problems.insert(format!("{}: module `{top}` is in no layer: add it to LAYERS", relative.display()));
            continue;
        };
        let code = std::fs::read_to_string(file).expect("readable source");
        for line in code.lines().map(|l| l.split("//").next().unwrap_or("")) {
            if line.contains("crate::app") || line.contains("crate::chart") {
                problems.insert(format!(
                    "{}: the core names the app or the charts: {}",
                    relative.display(),
                    line.trim()
                ));
            }
        }
        for named in named_paths(&code, &path) {
            let target = &named[0];
            let Some(to) = layer(target) else {
                continue; // an item of the core root, or not a module
            };
            if to > from {
                if ALLOWED.contains(&(top.as_str(), target.as_str())) {
                    seen_allowed.insert((top.clone(), target.clone()));
                } else {
                    problems.insert(format!(
                        "{}: `{top}` (layer {from}) names `{}` (layer {to})",
                        relative.display(),
                        named.join("::")
                    ));
                }
            }
        }
    }
    for (from, to) in ALLOWED {
        if !seen_allowed.contains(&(from.to_string(), to.to_string())) {
            problems.insert(format!("`{from}` no longer names `{to}`: delete the allowance in ALLOWED"));
        }
    }
    let problems: Vec<String> = problems.into_iter().collect();
    assert!(problems.is_empty(), "upward dependencies in the core:\n{}", problems.join("\n"));
}

#[test]
fn the_resolver_sees_upward_paths() {
    let path = vec!["cost".to_string(), "lambda".to_string()];
    let named = named_paths(
        "use super::{Usage, front_door};\nuse crate::core::eval::{self, Assessment};\nlet x = super::super::verdict::decide(s);\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::bill;\n}",
        &path,
    );
    let heads: Vec<String> = named.iter().map(|p| p.join("::")).collect();
    assert_eq!(heads, ["cost::Usage", "cost::front_door", "eval", "verdict", "cost::lambda", "cost::bill"]);
}
