//! Any bytes → `overrides::overrides_from_json` and the link form `UserPrices::from_link`: never panics;
//! an accepted catalogue holds only finite, non-negative figures; every error names a key or the document;
//! what a link keeps round-trips through its own link form.
#![no_main]

use crossover::core::catalog::Catalog;
use crossover::core::overrides::{self, UserPrices};
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
    let base = Catalog::builtin();
    let (kept, errors) = UserPrices::from_link(&base, text);
    assert!(errors.iter().all(|e| !e.field.is_empty() && !e.message.is_empty()), "{errors:?}");
    let cat = kept.catalog(&base);
    assert!(cat.entries().iter().all(|(_, e)| e.value.is_finite() && e.value >= 0.0));
    assert_eq!(UserPrices::from_link(&base, &kept.to_link()).0, kept);
});
