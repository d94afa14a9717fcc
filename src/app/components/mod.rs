//! Reusable widgets.

pub mod log_slider;
