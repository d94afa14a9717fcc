//! Reads a flat JSON object as its (key, value) entries, in document order, for the decoders that name
//! the offending key in every error (`scenario_json`, `overrides`).
//!
//! Parsing straight into `serde_json::Value` would lose the key when a value itself fails to parse —
//! a huge exponent such as `1e999` is "number out of range at line 1 column 20" — so a visitor
//! remembers which key it is reading and the error is attributed to it.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::Deserializer;
use serde::de::{MapAccess, Visitor};
use serde_json::Value;

use super::field_error::FieldError;

/// Longest key echoed back in an error; longer ones are clipped.
const MAX_KEY_ECHO: usize = 64;

/// Entries of a JSON object, or one error: oversized input, not JSON, not an object, a duplicate key,
/// or a value that is not valid JSON (named by its key). `what` names the document ("scenario").
pub fn entries(text: &str, max_bytes: usize, what: &str) -> Result<Vec<(String, Value)>, FieldError> {
    if text.len() > max_bytes {
        return Err(FieldError {
            field: what.into(),
            message: format!("input is {} bytes; at most {} bytes are accepted", text.len(), max_bytes),
        });
    }
    let current = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = de.deserialize_map(Entries { current: &current }).and_then(|entries| de.end().map(|()| entries));
    parsed.map_err(|err| match current.into_inner() {
        Some(key) => FieldError { field: clip_key(&key), message: value_error(&err) },
        None => FieldError { field: what.into(), message: format!("not a JSON object: {err}") },
    })
}

/// A key fit to echo in an error: at most `MAX_KEY_ECHO` characters, and never empty (an error's
/// field must name something).
pub fn clip_key(key: &str) -> String {
    if key.is_empty() {
        "\"\"".to_string()
    } else if key.chars().count() <= MAX_KEY_ECHO {
        key.to_string()
    } else {
        key.chars().take(MAX_KEY_ECHO).chain(std::iter::once('…')).collect()
    }
}

fn value_error(err: &serde_json::Error) -> String {
    if err.to_string().starts_with("number out of range") {
        format!("must be a finite number ({err})")
    } else if err.to_string().starts_with("duplicate key") {
        "appears more than once".into()
    } else {
        format!("invalid value: {err}")
    }
}

/// Describes a JSON value's type for "expected …, got …" messages.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

struct Entries<'a> {
    /// The key whose value is being read; `None` between entries.
    current: &'a RefCell<Option<String>>,
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of key/value pairs")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(String, Value)> = Vec::new();
        // Keys seen so far, for the duplicate check: n·log n over the document, never n².
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            *self.current.borrow_mut() = Some(key.clone());
            let value = map.next_value::<Value>()?;
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom("duplicate key"));
            }
            *self.current.borrow_mut() = None;
            out.push((key, value));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<&[&str], (&str, &str)>) {
        match (entries(text, 1000, "doc"), expected) {
            (Ok(got), Ok(keys)) => assert_eq!(got.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), keys, "{text}"),
            (Err(e), Err((field, part))) => {
                assert_eq!(e.field, field, "{text}: {e}");
                assert!(e.message.contains(part), "{text}: {e}");
            }
            (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn reads_entries_and_names_the_key() {
        check("{}", Ok(&[]));
        check(r#" {"b": 1, "a": [1, 2]} "#, Ok(&["b", "a"]));
        check(r#"{"a": 1e999}"#, Err(("a", "finite")));
        check(r#"{"a": -1e999}"#, Err(("a", "finite")));
        check(r#"{"a": 1, "a": 2}"#, Err(("a", "more than once")));
        check(r#"{"a": tru}"#, Err(("a", "invalid value")));
        check(r#"{"" x"#, Err(("\"\"", "expected `:`")));
        check(r#"[1, 2]"#, Err(("doc", "not a JSON object")));
        check(r#""text""#, Err(("doc", "not a JSON object")));
        check(r#"{"a": 1} x"#, Err(("doc", "trailing")));
        check(r#"{"a": 1"#, Err(("doc", "EOF")));
        check("", Err(("doc", "EOF")));
        check(&format!("{{\"a\": \"{}\"}}", "x".repeat(1000)), Err(("doc", "at most 1000 bytes")));
    }

    #[test]
    fn long_keys_are_clipped() {
        assert_eq!(clip_key("abc"), "abc");
        assert_eq!(clip_key(""), "\"\"");
        assert_eq!(clip_key(&"k".repeat(100)).chars().count(), MAX_KEY_ECHO + 1);
    }
}
