//! The requests of one scenario over a horizon — arrival instants and service times — drawn once and shared
//! by every platform's exact engine: all platforms then see the same requests, so their figures differ only
//! by their execution models (and drawing them dominated each engine's time).

use super::arrivals::Arrivals;
use super::params::SimParams;
use crate::core::rng::Rng;

#[derive(Clone, Debug, Default)]
pub struct Workload {
    pub horizon_s: f64,
    /// Arrival instants, s, non-decreasing.
    pub arrivals: Vec<f64>,
    /// The work of each request, s (cold starts and queueing excluded).
    pub services: Vec<f64>,
}

impl Workload {
    /// Poisson arrivals over the weekly rate curve (or cron batches) from stream 2 of the seed, service times
    /// from stream 4; only the scenario's traffic, durations and seed matter, not the platform.
    pub fn draw(p: &SimParams, horizon_s: f64) -> Workload {
        let mut arrivals_rng = Rng::stream(p.seed, 2);
        let mut service_rng = Rng::stream(p.seed, 4);
        let mut arrivals = match p.cron_batch {
            Some(b) => Arrivals::cron(&p.rates, b, horizon_s),
            None => Arrivals::poisson(p.rates.clone(), horizon_s, &mut arrivals_rng),
        };
        let mut w = Workload { horizon_s, ..Workload::default() };
        while let Some(t) = arrivals.next(&mut arrivals_rng) {
            w.arrivals.push(t);
            w.services.push(p.service.sample(&mut service_rng));
        }
        w
    }

    pub fn requests(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.arrivals.iter().copied().zip(self.services.iter().copied())
    }
}
