//! How numbers read on screen: dollars with cents, volumes with SI suffixes.

/// `$18.67`, `$1,234.50`, `$0.0042` for sub-cent figures (the reports' formatter, so the CLI's Markdown
/// reads exactly as the screen).
pub fn usd(v: f64) -> String {
    crate::report::format::usd(v)
}

/// `12,345,678` (the core's grouping, as in the verdict's figures).
pub fn group(n: i64) -> String {
    crate::core::verdict::format::num(n as f64, 0)
}

/// `10M`, `2.5B`, `750k` — for axis ticks and compact labels.
pub fn si(v: f64) -> String {
    let (scaled, suffix) = match v.abs() {
        a if a >= 1e12 => (v / 1e12, "T"),
        a if a >= 1e9 => (v / 1e9, "B"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let text = if scaled.abs() >= 100.0 || scaled.fract().abs() < 0.05 {
        format!("{scaled:.0}")
    } else if scaled.abs() >= 10.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.2}")
    };
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text };
    format!("{text}{suffix}")
}

/// A number as a form field shows it: whole above 100, else up to three decimals.
pub fn field_text(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{}", v.round())
    } else {
        let t = format!("{v:.3}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
