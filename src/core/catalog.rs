//! STUB — owned by the cost-engine work: every price and limit as data with `source` and `as_of`.

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Catalog {
    pub as_of: String,
}

impl Catalog {
    /// The catalogue embedded at build time.
    pub fn builtin() -> Catalog {
        Catalog { as_of: String::new() }
    }
}
