//! The requests of one scenario over a horizon — arrival instants and service times — drawn once and shared
//! by every platform's exact engine: all platforms then see the same requests, so their figures differ only
//! by their execution models (and drawing them dominated each engine's time). The scalable engines likewise
//! share the service times of the requests they sample for latency percentiles.

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
        // Room for the expected count plus 5 standard deviations, so the vectors are not regrown.
        let expected: f64 = (0..(horizon_s / 60.0).ceil() as usize)
            .map(|m| p.rates.get(m % p.rates.len().max(1)).copied().unwrap_or(0.0) * 60.0)
            .sum();
        let room = (expected + 5.0 * expected.sqrt()).clamp(0.0, 1e8) as usize;
        let mut w = Workload { horizon_s, arrivals: Vec::with_capacity(room), services: Vec::with_capacity(room) };
        for (t, service) in stream(p, horizon_s) {
            w.arrivals.push(t);
            w.services.push(service);
        }
        w
    }

    pub fn requests(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.arrivals.iter().copied().zip(self.services.iter().copied())
    }
}

/// The requests `Workload::draw` stores, one at a time: (arrival instant s, service time s). An engine that
/// runs alone streams them rather than storing millions of them first.
pub fn stream(p: &SimParams, horizon_s: f64) -> Requests<'_> {
    let mut arrivals_rng = Rng::stream(p.seed, 2);
    let arrivals = match p.cron_batch {
        Some(b) => Arrivals::cron(&p.rates, b, horizon_s),
        None => Arrivals::poisson(p.rates.clone(), horizon_s, &mut arrivals_rng),
    };
    Requests { p, arrivals, arrivals_rng, service_rng: Rng::stream(p.seed, 4) }
}

/// The stream `stream` returns: a type of its own, so its `next` can be inlined into the engine's loop
/// (a closure behind `from_fn` was a call per request).
pub struct Requests<'a> {
    p: &'a SimParams,
    arrivals: Arrivals,
    arrivals_rng: Rng,
    service_rng: Rng,
}

impl Iterator for Requests<'_> {
    type Item = (f64, f64);

    #[inline(always)]
    fn next(&mut self) -> Option<(f64, f64)> {
        let t = self.arrivals.next(&mut self.arrivals_rng)?;
        Some((t, self.p.service.sample(&mut self.service_rng)))
    }
}

/// Requests the scalable engines sample for latency percentiles (p99.9 still has 20 samples beyond it).
pub const LATENCY_SAMPLES: usize = 20_000;

/// The service times of those sampled requests, from stream 5 of the seed.
pub fn latency_services(p: &SimParams) -> Vec<f64> {
    let mut rng = Rng::stream(p.seed, 5);
    (0..LATENCY_SAMPLES).map(|_| p.service.sample(&mut rng)).collect()
}
