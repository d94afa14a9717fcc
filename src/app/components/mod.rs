//! The explorer's widgets, one per file.

pub mod chart_canvas;
pub mod claims_page;
pub mod coldstart_picker;
pub mod coldstart_view;
pub mod control;
pub mod cost_p99_view;
pub mod cost_table;
pub mod embed_size;
pub mod embed_view;
pub mod fleet_page;
pub mod line_sources;
pub mod log_slider;
pub mod notices;
pub mod prices_page;
pub mod sensitivity_view;
pub mod share_bar;
pub mod verdict_card;
