//! Tick values for a log axis that never print on top of each other.
//!
//! plotters labels every key point it picks on a log axis — 100, 200 … 900, 1,000 — so on a narrow chart the
//! labels between 300 ms and 1 s overlap. Here the candidates are 1, 2 and 5 × 10^k inside the range (every
//! digit when the range is narrower than a decade), tried in order of importance (powers of ten, then fives,
//! then twos, then the rest); a candidate is kept only when its label clears every label already kept by a
//! small gap, measured in the axis' own pixels.

/// Free space between two labels, CSS px.
const GAP_PX: f64 = 8.0;

/// Ticks of a log axis from `lo` to `hi` drawn `length_px` long, each label `extent(v)` px along the axis and
/// centred on its tick; `room` is the free space before the axis' start and after its end, px.
pub fn log_ticks(lo: f64, hi: f64, length_px: f64, room: (f64, f64), extent: &dyn Fn(f64) -> f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo && lo.is_finite() && hi.is_finite() && length_px > 0.0) {
        return Vec::new();
    }
    let span = (hi / lo).ln();
    let at = |v: f64| length_px * (v / lo).ln() / span;
    let first = lo.log10().floor() as i32;
    let last = hi.log10().ceil() as i32;
    let mut kept: Vec<(f64, f64, f64)> = Vec::new(); // (value, start px, end px)
    // Within a decade 1-2-5 would leave one or two ticks; wider ranges keep to 1-2-5.
    let mantissas: &[f64] =
        if hi / lo < 10.0 { &[1.0, 5.0, 2.0, 3.0, 4.0, 6.0, 7.0, 8.0, 9.0] } else { &[1.0, 5.0, 2.0] };
    for &mantissa in mantissas {
        for k in first..=last {
            let v = mantissa * 10f64.powi(k);
            if v < lo || v > hi {
                continue;
            }
            let (centre, half) = (at(v), extent(v) / 2.0);
            let (start, end) = (centre - half, centre + half);
            // Centred on its tick, a label near an end reaches past it: only into the room there is.
            if start < -room.0 || end > length_px + room.1 {
                continue;
            }
            if kept.iter().all(|&(_, s, e)| end + GAP_PX <= s || start >= e + GAP_PX) {
                kept.push((v, start, end));
            }
        }
    }
    let mut ticks: Vec<f64> = kept.into_iter().map(|k| k.0).collect();
    ticks.sort_by(f64::total_cmp);
    ticks
}

/// Width of a label of `chars` characters at `font_px`, px (a generous average advance for sans-serif).
pub fn text_width(chars: usize, font_px: f64) -> f64 {
    chars as f64 * font_px * 0.62
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap_and_decades_come_first() {
        let label = |v: f64| format!("{v:.0} ms");
        for width in (300..=1600).step_by(20) {
            for (lo, hi) in [(60.0, 9_000.0), (150.0, 1_500.0), (0.5, 200_000.0), (300.0, 1_000.0)] {
                let extent = |v: f64| text_width(label(v).len(), 12.0);
                let ticks = log_ticks(lo, hi, width as f64, (46.0, 10.0), &extent);
                assert!(!ticks.is_empty(), "{width} px, {lo}–{hi}: no tick");
                let at = |v: f64| width as f64 * (v / lo).ln() / (hi / lo).ln();
                for w in ticks.windows(2) {
                    let room = at(w[1]) - at(w[0]);
                    assert!(room >= (extent(w[0]) + extent(w[1])) / 2.0 + GAP_PX - 1e-9, "{width} px: {w:?}");
                }
            }
        }
        // Over 100 ms – 10 s a 600 px axis shows the 1-2-5 steps; a narrow one keeps the decades (labels of
        // 6 characters at 12 px are 44.6 px wide).
        let extent = |_| text_width(6, 12.0);
        let room = (46.0, 30.0);
        assert_eq!(log_ticks(100.0, 10_000.0, 600.0, room, &extent), vec![100.0, 200.0, 500.0, 1e3, 2e3, 5e3, 1e4]);
        assert_eq!(log_ticks(100.0, 10_000.0, 150.0, room, &extent), vec![100.0, 1e3, 1e4]);
        // Narrower than a decade, the other mantissas fill in.
        assert_eq!(
            log_ticks(210.0, 960.0, 800.0, room, &extent),
            vec![300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 900.0]
        );
    }
}
