//! Number formatting for reasons, conditions and sentences: every figure a user reads is quoted the
//! same way (thousands separators, dollars with cents, rates with their unit).

/// `1234567.891` with `decimals = 1` → `"1,234,567.9"`. Non-finite values read as "n/a".
pub fn num(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    // "-0.00" would read as a negative figure; only a visible magnitude keeps the sign.
    let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{frac}") }
}

/// Dollars with cents: `$1,234.50`.
pub fn usd(x: f64) -> String {
    if x < 0.0 { format!("-${}", num(-x, 2)) } else { format!("${}", num(x, 2)) }
}

/// A ratio of two costs: two decimals, or two significant digits below 0.01 so a platform thousands of
/// times cheaper does not read as `0.00×`: `0.58` → `"0.58×"`, `0.000342` → `"0.00034×"`.
pub fn times(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let decimals = if x > 0.0 && x < 0.01 { (-x.log10()).ceil() as usize + 1 } else { 2 };
    format!("{}×", num(x, decimals))
}

/// A request rate: two significant decimals below 10 req/s, whole numbers above.
pub fn rps(x: f64) -> String {
    let decimals = if x.abs() < 10.0 { 2 } else { 0 };
    format!("{} req/s", num(x, decimals))
}

/// Milliseconds, whole.
pub fn ms(x: f64) -> String {
    format!("{} ms", num(x, 0))
}

/// A share as a percentage: whole, or with two decimals under 1 % so a rare event does not read as 0 %.
pub fn pct(share: f64) -> String {
    let decimals = if share.abs() < 0.01 && share != 0.0 { 2 } else { 0 };
    format!("{} %", num(share * 100.0, decimals))
}

/// A monthly volume in words a reader scans fast: `30.0 M`, `2.5 B`, `450 k`.
pub fn volume(x: f64) -> String {
    let a = x.abs();
    if a >= 1e9 {
        format!("{} B", num(x / 1e9, 1))
    } else if a >= 1e6 {
        format!("{} M", num(x / 1e6, 1))
    } else if a >= 1e4 {
        format!("{} k", num(x / 1e3, 0))
    } else {
        num(x, 0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tiny_cost_ratio_keeps_two_significant_digits() {
        assert_eq!(super::times(0.5834), "0.58×");
        assert_eq!(super::times(0.01), "0.01×");
        assert_eq!(super::times(0.000342), "0.00034×");
        assert_eq!(super::times(0.0042), "0.0042×");
        assert_eq!(super::times(1234.5), "1,234.50×");
        assert_eq!(super::times(0.0), "0.00×");
        assert_eq!(super::times(f64::INFINITY), "n/a");
    }

    use super::*;

    #[test]
    fn formats() {
        for (got, want) in [
            (num(1_234_567.891, 1), "1,234,567.9"),
            (num(999.0, 0), "999"),
            (num(-0.001, 2), "0.00"),
            (num(f64::NAN, 2), "n/a"),
            (usd(41.0), "$41.00"),
            (usd(-3.5), "-$3.50"),
            (rps(3.858), "3.86 req/s"),
            (rps(2000.0), "2,000 req/s"),
            (ms(299.6), "300 ms"),
            (pct(0.634), "63 %"),
            (pct(0.00036), "0.04 %"),
            (pct(0.0), "0 %"),
            (volume(30e6), "30.0 M"),
            (volume(450_000.0), "450 k"),
        ] {
            assert_eq!(got, want);
        }
    }
}
