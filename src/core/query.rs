//! The scenario as a URL query string: `v=2&r=5e7&a=arm64…` — only the non-default keys, each under a
//! short alias, percent-encoded. The same text is what the app stores in localStorage. Decoding goes
//! through `keys::from_pairs`, so a crafted or outdated link reports each bad value by key and keeps
//! every valid one.
//!
//! Versions: `v=1` links used the full key names; they still decode (full names are accepted in any
//! version). An alias, once published, is never reused for another key.

use super::field_error::FieldError;
use super::keys;
use super::scenario::{KEYS, Scenario};

/// Version of the query/storage schema; older versions are migrated in `decode`.
pub const SCHEMA: u32 = 2;

/// The short alias of a key (its row's `alias` in `scenario::KEYS`, schema 2), or the key itself.
fn short(key: &str) -> &str {
    KEYS.iter().find(|k| k.name == key).map_or(key, |k| k.alias)
}

/// The key an alias stands for; full key names pass through (every version accepts them).
fn long(key: &str) -> &str {
    KEYS.iter().find(|k| k.alias == key).map_or(key, |k| k.name)
}

/// Query keys that are about the page, not the scenario; `px` carries your own rates
/// (`overrides::UserPrices::to_link`, versioned on its own).
const PAGE_KEYS: &[&str] = &["v", "embed", "page", "theme", "px"];

/// `v=1&requests_per_month=5e7&arch=arm64`
pub fn encode(s: &Scenario) -> String {
    let mut out = format!("v={SCHEMA}");
    for (k, v) in keys::to_pairs(s) {
        out.push('&');
        out.push_str(short(&k));
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
            (long(&percent_decode(k)).to_string(), percent_decode(v))
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
        assert!(q.starts_with("v=2&"), "{q}");
        assert!(q.contains("&r=5e7") || q.contains("&r=50000000"), "{q}");
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
    fn version_1_links_still_decode() {
        let (s, errors) = decode("?v=1&requests_per_month=2e6&arch=arm64&latency_slo_p99_ms=300").unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((s.requests_per_month, s.arch, s.latency_slo_p99_ms), (2e6, Arch::Arm64, Some(300.0)));
    }

    #[test]
    fn every_alias_is_one_key_s() {
        let mut aliases: Vec<_> = KEYS.iter().map(|k| k.alias).collect();
        aliases.sort_unstable();
        aliases.dedup();
        assert_eq!(aliases.len(), KEYS.len(), "aliases are unique");
        assert!(KEYS.iter().all(|k| !PAGE_KEYS.contains(&k.alias) && !k.alias.is_empty()));
        // An alias is never another key's full name, so either spelling decodes to one key.
        assert!(KEYS.iter().all(|k| KEYS.iter().all(|other| other.name != k.alias || other.name == k.name)));
    }

    #[test]
    fn page_keys_are_not_scenario_keys() {
        assert!(decode("?embed=chart&v=1").is_none());
        assert_eq!(page_param("?v=1&embed=chart", "embed").as_deref(), Some("chart"));
        assert_eq!(percent_decode("a%2Cb+c%"), "a,b c%");
    }

    #[test]
    fn an_unknown_runtime_is_reported_and_the_rest_kept() {
        let (s, errors) = decode("?v=2&r=3e6&rt=cobol&a=arm64").unwrap();
        assert_eq!((s.requests_per_month, s.arch, s.runtime.as_str()), (3e6, Arch::Arm64, "nodejs22"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "runtime");
        assert!(errors[0].message.starts_with("unknown value `cobol`; expected one of `nodejs20`"), "{errors:?}");
    }

    #[test]
    fn a_huge_link_is_decoded_key_by_key() {
        // 90,000 unknown keys (~800 KB): each reported once, in order, the scenario left at its defaults.
        let keys: Vec<String> = (0..90_000).map(|i| format!("k{i:05}")).collect();
        let link = format!("?v=2&{}", keys.iter().map(|k| format!("{k}=1")).collect::<Vec<_>>().join("&"));
        let (s, errors) = decode(&link).unwrap();
        assert_eq!(s, Scenario::default());
        assert_eq!(errors.len(), keys.len());
        assert!(errors.iter().zip(&keys).all(|(e, k)| e.field == *k && e.message == "unknown key"));
    }

    #[test]
    fn a_full_profile_and_many_repeated_keys_are_decoded_once_each() {
        // A 10,080-weight profile next to 20,000 settings of one key: the last setting wins, and the
        // profile is read once, not once per key.
        let profile: Vec<String> = (0..10_080).map(|i| (i % 7).to_string()).collect();
        let repeats: Vec<String> = (0..20_000).map(|i| format!("m={}", 128 + i % 1000)).collect();
        let link = format!("?v=2&ts=custom&cp={}&{}", profile.join(","), repeats.join("&"));
        let (s, errors) = decode(&link).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.custom_profile.len(), 10_080);
        assert_eq!(s.custom_profile[13], 6.0);
        assert_eq!(s.memory_mb, (128 + 19_999 % 1000) as f64);
    }

    #[test]
    fn a_link_with_your_prices_keeps_its_scenario_and_its_prices() {
        use crate::core::catalog::Catalog;
        use crate::core::overrides::UserPrices;
        let link = "?v=2&r=5e7&px=1,discount.aws~12,lambda.requests~0.18&page=prices";
        let (s, errors) = decode(link).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s, Scenario { requests_per_month: 5e7, ..Scenario::default() });
        let base = Catalog::builtin();
        let (prices, errors) = UserPrices::from_link(&base, &page_param(link, "px").unwrap());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(prices.pairs(), [("discount.aws".to_string(), 12.0), ("lambda.requests".to_string(), 0.18)]);
        // The link the app writes for it is the one read back.
        let written = format!("?{}&px={}", encode(&s), prices.to_link());
        assert_eq!(decode(&written).unwrap().0, s);
        assert_eq!(UserPrices::from_link(&base, &page_param(&written, "px").unwrap()).0, prices);
    }
}
