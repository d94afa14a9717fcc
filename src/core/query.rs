//! The scenario as a URL query string: `v=1&key=value…` with only the non-default keys, percent-encoded.
//! The same text is what the app stores in localStorage. Decoding goes through `keys::from_pairs`, so a
//! crafted or outdated link reports each bad value by key and keeps every valid one.

use super::keys;
use super::scenario::{FieldError, Scenario};

/// Version of the query/storage schema; older versions are migrated in `decode`.
pub const SCHEMA: u32 = 1;
/// Query keys that are about the page, not the scenario.
const PAGE_KEYS: &[&str] = &["v", "embed", "page", "theme"];

/// `v=1&requests_per_month=5e7&arch=arm64`
pub fn encode(s: &Scenario) -> String {
    let mut out = format!("v={SCHEMA}");
    for (k, v) in keys::to_pairs(s) {
        out.push('&');
        out.push_str(&k);
        out.push('=');
        out.push_str(&percent_encode(&v));
    }
    out
}

/// Decodes a query string (with or without `?`); `None` when it names no scenario key at all.
pub fn decode(query: &str) -> Option<(Scenario, Vec<FieldError>)> {
    let pairs: Vec<(String, String)> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .filter(|(k, _)| !PAGE_KEYS.contains(&k.as_str()))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    Some(keys::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
}

/// The value of a page key such as `embed` or `page`.
pub fn page_param(query: &str, key: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (percent_decode(k) == key).then(|| percent_decode(v))
    })
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    // Invalid UTF-8 from a crafted link becomes U+FFFD and then fails validation by key.
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::Arch;

    #[test]
    fn round_trips_through_the_query() {
        let s =
            Scenario { requests_per_month: 5e7, arch: Arch::Arm64, runtime: "java21".into(), ..Scenario::default() };
        let q = encode(&s);
        assert!(q.starts_with("v=1&"));
        let (back, errors) = decode(&q).unwrap();
        assert!(errors.is_empty());
        assert_eq!(back, s);
    }

    #[test]
    fn a_bad_link_keeps_every_valid_field() {
        let (s, errors) = decode("?v=1&requests_per_month=2e6&memory_mb=%FF%FE&arch=arm64&duration_ms=1e999").unwrap();
        assert_eq!(s.requests_per_month, 2e6);
        assert_eq!(s.arch, Arch::Arm64);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["memory_mb", "duration_ms"]);
    }

    #[test]
    fn page_keys_are_not_scenario_keys() {
        assert!(decode("?embed=chart&v=1").is_none());
        assert_eq!(page_param("?v=1&embed=chart", "embed").as_deref(), Some("chart"));
        assert_eq!(percent_decode("a%2Cb+c%"), "a,b c%");
    }
}
