//! How a figure reads in a report, and the words for the verdict — shared with the app's screen.

use crate::core::verdict::format::num;
use crate::core::verdict::{Decision, Signal};

/// `$18.67`, `$1,234.50`, `$0.0042` for sub-cent figures; "—" for a figure that is not finite. The app
/// shows dollars with this same function (`app::format::usd`).
pub fn usd(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    // A credit (a commitment's savings) reads as a negative amount.
    if v < 0.0 {
        return format!("-{}", usd(-v));
    }
    if v != 0.0 && v < 0.01 {
        return format!("${v:.4}");
    }
    let cents = (v * 100.0).round() as i64;
    format!("${}.{:02}", num((cents / 100) as f64, 0), cents % 100)
}

/// A change in dollars with its sign: `+$16.71`, `-$3.50`, `$0.00`.
pub fn usd_delta(v: f64) -> String {
    if v > 0.0 && usd(v) != "$0.00" { format!("+{}", usd(v)) } else { usd(v) }
}

/// A relative change: `+89 %`, `-12 %`, `0 %`.
pub fn pct_delta(p: f64) -> String {
    let text = num(p, 0);
    if p > 0.0 && text != "0" { format!("+{text} %") } else { format!("{text} %") }
}

/// GO / CONDITIONAL GO / NO-GO, as the verdict card shows it.
pub fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Go => "GO",
        Decision::ConditionalGo => "CONDITIONAL GO",
        Decision::NoGo => "NO-GO",
    }
}

pub fn signal(s: Signal) -> &'static str {
    match s {
        Signal::Go => "go",
        Signal::NoGo => "no-go",
        Signal::Neutral => "neutral",
        Signal::Blocker => "blocker",
    }
}

/// Text safe inside a Markdown table cell: no line breaks, `|` escaped, no raw HTML tags.
pub fn cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ").replace('|', "\\|").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        for (got, want) in [
            (usd(18.666), "$18.67"),
            (usd(1234.5), "$1,234.50"),
            (usd(0.0042), "$0.0042"),
            (usd(0.0), "$0.00"),
            (usd(f64::NAN), "—"),
            (usd_delta(16.71), "+$16.71"),
            (usd_delta(-3.5), "-$3.50"),
            (usd_delta(0.0), "$0.00"),
            (pct_delta(89.4), "+89 %"),
            (pct_delta(-12.2), "-12 %"),
            (pct_delta(0.2), "0 %"),
            (cell("a | b\n<img>"), "a \\| b &lt;img>"),
        ] {
            assert_eq!(got, want);
        }
    }
}
