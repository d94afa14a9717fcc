//! The larger or smaller of two numbers, for the cost models' per-hour and per-volume loops.
//!
//! `f64::max` and `f64::min` follow IEEE maxNum (a NaN operand yields the other), which wasm's own
//! `f64.max` does not (it yields the NaN), so in wasm each is a call to a software `fmax`/`fmin`: about a
//! tenth of a cost curve's time. A comparison is one `select`. Both give `a.max(b)` / `a.min(b)` whenever
//! `b` is not NaN, including a NaN `a` (which gives `b`), so the possibly undefined figure goes first and
//! the bound second; they can differ only in the sign of a zero result, which no cost figure carries.

/// `a.max(b)` for a `b` that is not NaN.
#[inline]
pub fn larger(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}

/// `a.min(b)` for a `b` that is not NaN.
#[inline]
pub fn smaller(a: f64, b: f64) -> f64 {
    if a < b { a } else { b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_max_and_min_for_every_bound_that_is_a_number() {
        for a in [f64::NAN, f64::NEG_INFINITY, -2.5, 0.0, 1.0, 3.0, f64::INFINITY] {
            for b in [f64::NEG_INFINITY, -2.5, 0.0, 1.0, 3.0, f64::INFINITY] {
                assert_eq!(larger(a, b).to_bits(), a.max(b).to_bits(), "{a} {b}");
                assert_eq!(smaller(a, b).to_bits(), a.min(b).to_bits(), "{a} {b}");
            }
        }
    }
}
