//! The one error type of every input boundary: a value the model does not accept, named by its key.
//! It sits below the scenario and its decoders so that each of them can name it without naming the others.

use serde::Serialize;

/// A value outside what the model accepts, named by its scenario key (or the document, e.g. "scenario").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
