//! The scenario as a URL query string: `v=2&r=5e7&a=arm64…` — only the non-default keys, each under a
//! short alias, percent-encoded. The same text is what the app stores in localStorage. Decoding goes
//! through `keys::from_pairs`, so a crafted or outdated link reports each bad value by key and keeps
//! every valid one.
//!
//! Versions: `v=1` links used the full key names; they still decode (full names are accepted in any
//! version). An alias, once published, is never reused for another key.

use super::field_error::FieldError;
use super::keys;
use super::scenario::Scenario;

/// Version of the query/storage schema; older versions are migrated in `decode`.
pub const SCHEMA: u32 = 2;

/// Short aliases of the scenario keys (schema 2).
pub const SHORT: &[(&str, &str)] = &[
    ("requests_per_month", "r"),
    ("traffic_shape", "ts"),
    ("diurnal_peak_to_trough", "dp"),
    ("business_start_hour", "bs"),
    ("business_end_hour", "be"),
    ("spike_count_per_day", "sc"),
    ("spike_height", "sh"),
    ("spike_minutes", "sm"),
    ("cron_every_min", "ce"),
    ("cron_batch", "cb"),
    ("custom_profile", "cp"),
    ("duration_ms", "d"),
    ("duration_distribution", "dd"),
    ("memory_mb", "m"),
    ("cpu_fraction", "cf"),
    ("runtime", "rt"),
    ("arch", "a"),
    ("package_type", "pt"),
    ("package_mb", "pm"),
    ("vpc", "vpc"),
    ("init_ms", "im"),
    ("init_ms_override", "io"),
    ("payload_kb", "pk"),
    ("invocation", "iv"),
    ("ephemeral_storage_mb", "es"),
    ("free_tier", "ft"),
    ("provisioned_concurrency", "pc"),
    ("front_door", "fd"),
    ("keep_alive_s", "ka"),
    ("keep_alive_max_s", "kx"),
    ("keep_warm_every_min", "kw"),
    ("keep_warm_count", "kc"),
    ("concurrency_quota", "cq"),
    ("cloud_run_concurrency", "rc"),
    ("cloud_run_min_instances", "rm"),
    ("azure_always_ready", "ar"),
    ("db_max_connections", "db"),
    ("rds_proxy", "rp"),
    ("fargate_vcpu", "fv"),
    ("target_utilization", "tu"),
    ("min_capacity", "mc"),
    ("container_scaling", "cs"),
    ("ec2_pricing", "ep"),
    ("latency_slo_p99_ms", "p99"),
    ("stateful", "st"),
    ("long_lived_connections", "ll"),
    ("needs_gpu", "gpu"),
    ("iac_mature", "iac"),
    ("portability_required", "pr"),
    ("seed", "sd"),
];

fn short(key: &str) -> &str {
    SHORT.iter().find(|(k, _)| *k == key).map_or(key, |(_, s)| s)
}

fn long(key: &str) -> &str {
    SHORT.iter().find(|(_, s)| *s == key).map_or(key, |(k, _)| k)
}
/// Query keys that are about the page, not the scenario.
const PAGE_KEYS: &[&str] = &["v", "embed", "page", "theme"];

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
    fn aliases_cover_every_key_once() {
        let all = keys::all();
        assert_eq!(SHORT.len(), all.len());
        assert!(all.iter().all(|k| SHORT.iter().any(|(long, _)| long == k)), "a key has no alias");
        let mut aliases: Vec<_> = SHORT.iter().map(|(_, s)| *s).collect();
        aliases.sort_unstable();
        aliases.dedup();
        assert_eq!(aliases.len(), SHORT.len(), "aliases are unique");
        assert!(SHORT.iter().all(|(_, s)| !PAGE_KEYS.contains(s)));
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
}
