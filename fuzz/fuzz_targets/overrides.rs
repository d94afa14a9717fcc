//! Any bytes → `overrides::overrides_from_json`: never panics; an accepted catalogue holds only finite,
//! non-negative figures; every error names a key or the document.
#![no_main]

use crossover::core::overrides;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match overrides::overrides_from_json(text) {
        Ok(cat) => {
            for (key, entry) in cat.entries() {
                assert!(entry.value.is_finite() && entry.value >= 0.0, "{key} = {}", entry.value);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert!(errors.iter().all(|e| !e.field.is_empty() && !e.message.is_empty()), "{errors:?}");
        }
    }
});
