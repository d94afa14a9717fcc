//! Arrival instants: a non-homogeneous Poisson process over the per-minute rate curve (time-change:
//! unit-rate exponential budgets spent against each minute's rate), or, for cron, batches at fixed instants.

use crate::core::rng::Rng;
use crate::core::traffic::{CRON_SPREAD_S, MINUTES_PER_WEEK};

pub enum Arrivals {
    Poisson {
        rates: Vec<f64>,
        minute: usize,
        /// The current minute's rate and end (the horizon in the last one), kept between arrivals.
        rate: f64,
        end: f64,
        t: f64,
        budget: f64,
        horizon: f64,
    },
    Cron {
        /// Expected invocations of the run in each minute of the week (0 where none fires).
        per_minute: Vec<f64>,
        batch: u64,
        minute: usize,
        left: u64,
        done: u64,
        spacing: f64,
        horizon: f64,
    },
}

impl Arrivals {
    pub fn poisson(rates: Vec<f64>, horizon: f64, rng: &mut Rng) -> Arrivals {
        let (rate, end) = (rates.first().copied().unwrap_or(0.0), 60f64.min(horizon));
        Arrivals::Poisson { rates, minute: 0, rate, end, t: 0.0, budget: rng.exp1(), horizon }
    }

    pub fn cron(rates: &[f64], batch: u32, horizon: f64) -> Arrivals {
        Arrivals::Cron {
            per_minute: rates.iter().map(|r| r * 60.0).collect(),
            batch: batch.max(1) as u64,
            minute: usize::MAX,
            left: 0,
            done: 0,
            spacing: 0.0,
            horizon,
        }
    }

    /// The next arrival time, s; `None` past the horizon.
    #[inline]
    pub fn next(&mut self, rng: &mut Rng) -> Option<f64> {
        match self {
            Arrivals::Poisson { rates, minute, rate, end, t, budget, horizon } => loop {
                let mass = *rate * (*end - *t);
                if *budget <= mass {
                    *t += *budget / *rate;
                    *budget = rng.exp1();
                    return Some(*t);
                }
                *budget -= mass.max(0.0);
                *t = *end;
                if *end >= *horizon {
                    return None;
                }
                *minute += 1;
                *rate = rates[*minute % MINUTES_PER_WEEK];
                *end = ((*minute + 1) as f64 * 60.0).min(*horizon);
            },
            Arrivals::Cron { per_minute, batch, minute, left, done, spacing, horizon } => {
                while *left == 0 {
                    *minute = minute.wrapping_add(1);
                    if *minute as f64 * 60.0 >= *horizon {
                        return None;
                    }
                    let x = per_minute[*minute % MINUTES_PER_WEEK];
                    if x <= 0.0 {
                        continue;
                    }
                    // Stochastic rounding keeps the expected total exact.
                    *left = x.floor() as u64 + u64::from(rng.uniform() < x.fract());
                    *done = 0;
                    let batches = left.div_ceil(*batch);
                    *spacing = if batches > 1 { CRON_SPREAD_S / batches as f64 } else { 0.0 };
                }
                let at = *minute as f64 * 60.0 + (*done / *batch) as f64 * *spacing;
                *left -= 1;
                *done += 1;
                Some(at)
            }
        }
    }
}
