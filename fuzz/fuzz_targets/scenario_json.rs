//! Any bytes → `scenario_json::from_json`: never panics; an accepted scenario is valid and survives its own
//! JSON; every error names a key or the document.
#![no_main]

use crossover::core::scenario_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match scenario_json::from_json(text) {
        Ok(s) => {
            assert!(s.validate().is_empty(), "accepted an invalid scenario: {:?}", s.validate());
            let again = serde_json::to_string(&s).expect("a scenario serialises");
            assert_eq!(scenario_json::from_json(&again).as_ref(), Ok(&s), "round trip of {again}");
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "rejected without a reason");
            assert!(errors.iter().all(|e| !e.field.is_empty() && !e.message.is_empty()), "{errors:?}");
        }
    }
});
