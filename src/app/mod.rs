//! The Yew front end (wasm32 only). It calls the core and never the other way round.

pub fn start() {}
