//! STUB — owned by the verdict work: what flips the verdict, found by searching the model.

use serde::Serialize;

use super::catalog::Catalog;
use super::scenario::Scenario;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Plain sentences with numbers, for the UI.
    pub sentences: Vec<String>,
}

pub fn analyze(_s: &Scenario, _cat: &Catalog) -> Sensitivity {
    Sensitivity::default()
}
