//! The rate curve of each traffic shape: a week of per-minute weights (Monday 00:00 UTC first) with mean 1.
//!
//! A month is 730 hours = 730/168 weeks, and the week repeats; because every curve has mean 1 over the week,
//! the month's expected total is exactly `requests_per_month` whatever the shape.

use super::scenario::{SECONDS_PER_MONTH, Scenario, TrafficShape};

pub const MINUTES_PER_WEEK: usize = 7 * MINUTES_PER_DAY;
pub const MINUTES_PER_DAY: usize = 1_440;
/// Diurnal traffic peaks mid-afternoon UTC (European afternoon, US morning); the trough is 12 h later.
const DIURNAL_PEAK_HOUR: f64 = 15.0;
/// Cron runs whose share exceeds one batch are spread over this many seconds after the run's instant.
pub const CRON_SPREAD_S: f64 = 60.0;

/// Relative request rate for each minute of a week (10,080 values, mean 1).
pub fn minute_weights(s: &Scenario) -> Vec<f64> {
    let mut w: Vec<f64> = match s.traffic_shape {
        TrafficShape::Steady => vec![1.0; MINUTES_PER_WEEK],
        TrafficShape::Diurnal => diurnal(s.diurnal_peak_to_trough),
        TrafficShape::BusinessHours => business_hours(s.business_start_hour, s.business_end_hour),
        TrafficShape::Spiky => spiky(s),
        TrafficShape::Cron => {
            cron_runs(s.cron_every_min).map(|m| (m, 1.0)).fold(vec![0.0; MINUTES_PER_WEEK], |mut w, (m, x)| {
                w[m] += x;
                w
            })
        }
        TrafficShape::Custom => custom(&s.custom_profile),
    };
    normalize(&mut w);
    w
}

/// Relative request rate for each hour of a week (168 values, Monday 00:00 UTC first, mean 1).
pub fn hourly_weights(s: &Scenario) -> Vec<f64> {
    minute_weights(s).chunks(60).map(|h| h.iter().sum::<f64>() / 60.0).collect()
}

/// Requests per second during each minute of a week (10,080 values).
pub fn minute_rates(s: &Scenario) -> Vec<f64> {
    let mean_rate = s.requests_per_month.max(0.0) / SECONDS_PER_MONTH;
    minute_weights(s).into_iter().map(|w| w * mean_rate).collect()
}

/// Minutes of the week at which a cron job fires (every `every` minutes from Monday 00:00).
pub fn cron_runs(every: u32) -> impl Iterator<Item = usize> {
    (0..MINUTES_PER_WEEK).step_by(every.max(1) as usize)
}

/// Scales to mean 1; a curve with no weight at all (invalid input) falls back to steady.
fn normalize(w: &mut [f64]) {
    let sum: f64 = w.iter().filter(|x| x.is_finite() && **x > 0.0).sum();
    if sum <= 0.0 || !sum.is_finite() {
        w.fill(1.0);
        return;
    }
    let k = w.len() as f64 / sum;
    for x in w.iter_mut() {
        *x = if x.is_finite() && *x > 0.0 { *x * k } else { 0.0 };
    }
}

/// A sinusoid whose peak ÷ trough is `ratio`: 1 + a·cos(…) with a = (r − 1)/(r + 1).
fn diurnal(ratio: f64) -> Vec<f64> {
    let r = ratio.max(1.0);
    let a = (r - 1.0) / (r + 1.0);
    // Every day is the same: one day's cosines, repeated for the week.
    let day: Vec<f64> = day_cosines().iter().map(|c| 1.0 + a * c).collect();
    day.repeat(MINUTES_PER_WEEK / MINUTES_PER_DAY)
}

/// cos(2π·(hour − peak)/24) for each minute of a day, computed once per process: they do not depend on the
/// ratio, and every pricing of a diurnal scenario (each cost curve) builds its week (in wasm a cosine is
/// software).
fn day_cosines() -> &'static [f64; MINUTES_PER_DAY] {
    static COS: std::sync::OnceLock<[f64; MINUTES_PER_DAY]> = std::sync::OnceLock::new();
    COS.get_or_init(|| {
        std::array::from_fn(|m| {
            let hour = m as f64 / 60.0;
            (std::f64::consts::TAU * (hour - DIURNAL_PEAK_HOUR) / 24.0).cos()
        })
    })
}

/// Monday–Friday, [start, end) hours UTC; nothing otherwise.
fn business_hours(start: u32, end: u32) -> Vec<f64> {
    (0..MINUTES_PER_WEEK)
        .map(|m| {
            let (day, hour) = (m / MINUTES_PER_DAY, (m % MINUTES_PER_DAY / 60) as u32);
            if day < 5 && hour >= start && hour < end { 1.0 } else { 0.0 }
        })
        .collect()
}

/// Baseline 1 plus `spike_count_per_day` evenly spaced bursts at `spike_height` × baseline; a burst
/// covers fractional minutes proportionally, and overlapping bursts do not stack.
fn spiky(s: &Scenario) -> Vec<f64> {
    let mut day = vec![1.0; MINUTES_PER_DAY];
    let n = s.spike_count_per_day;
    let len = s.spike_minutes.clamp(0.0, MINUTES_PER_DAY as f64);
    for k in 0..n {
        // Offset by half a gap so the first burst is not glued to midnight.
        let start = (k as f64 + 0.5) * MINUTES_PER_DAY as f64 / n as f64;
        let (mut t, end) = (start, start + len);
        while t < end {
            let minute = t.floor();
            let covered = (end.min(minute + 1.0) - t).max(0.0);
            let w = &mut day[minute as usize % MINUTES_PER_DAY];
            *w = (*w + covered * (s.spike_height - 1.0)).min(s.spike_height);
            t = minute + 1.0;
        }
    }
    day.repeat(7)
}

/// 168 hourly, 1,440 per-minute (one day, repeated) or 10,080 per-minute weights.
fn custom(profile: &[f64]) -> Vec<f64> {
    match profile.len() {
        168 => profile.iter().flat_map(|&w| [w; 60]).collect(),
        MINUTES_PER_DAY => profile.repeat(7),
        MINUTES_PER_WEEK => profile.to_vec(),
        _ => vec![1.0; MINUTES_PER_WEEK],
    }
}

/// The distinct values of `weights` with how many slots have each, smallest first: sums that do not
/// depend on the order of the slots run over these (a steady week is one term, a diurnal one 24).
pub fn distinct(weights: &[f64]) -> Vec<(f64, f64)> {
    let mut sorted: Vec<f64> = weights.to_vec();
    super::stable_sort::sort_by(&mut sorted, f64::total_cmp);
    let mut out: Vec<(f64, f64)> = Vec::new();
    for w in sorted {
        match out.last_mut() {
            Some(last) if last.0 == w => last.1 += 1.0,
            _ => out.push((w, 1.0)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diurnal_ratio_is_honoured() {
        let w = minute_weights(&Scenario {
            traffic_shape: TrafficShape::Diurnal,
            diurnal_peak_to_trough: 4.0,
            ..Scenario::default()
        });
        let (lo, hi) = w.iter().fold((f64::MAX, 0.0f64), |(l, h), &x| (l.min(x), h.max(x)));
        assert!((hi / lo - 4.0).abs() < 1e-3);
    }

    #[test]
    fn business_hours_only_on_weekdays() {
        let h = hourly_weights(&Scenario { traffic_shape: TrafficShape::BusinessHours, ..Scenario::default() });
        assert_eq!(h[7], 0.0);
        assert!(h[8] > 0.0 && h[17] > 0.0 && h[18] == 0.0);
        assert!(h[5 * 24 + 10] == 0.0);
    }
}
