//! Any bytes → `query::decode`: never panics; what it decodes is valid, and encoding it then decoding
//! again gives the same scenario without errors (the link is stable).
#![no_main]

use crossover::core::query;
use crossover::core::scenario::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some((s, _errors)) = query::decode(&text) else { return };
    assert!(s.validate().is_empty(), "decoded an invalid scenario: {:?}", s.validate());
    let q = query::encode(&s);
    match query::decode(&q) {
        None => assert_eq!(s, Scenario::default(), "{q} decodes to nothing"),
        Some((back, errors)) => {
            assert!(errors.is_empty(), "{q}: {errors:?}");
            assert_eq!(back, s, "{q}");
            assert_eq!(query::encode(&back), q);
        }
    }
});
