//! The scalable engine: cost grows with time steps, not requests. Per step of `dt` seconds the rate λ is
//! known; requests in flight behave like an M/G/∞ queue with mean m = λ·E[S] (Little's law). The step's
//! PEAK in-flight count is sampled as max(X₀, level of the last up-crossing): X₀ ~ Poisson(m) at the step's
//! start, and level k is crossed at rate λ·P(X = k − 1) (arrivals see time averages), so
//! P(peak < k) = P(X₀ < k)·exp(−λ·dt·P(X = k − 1)); a normal approximation is used for m ≥ 10.
//! With most-recently-created routing, the live pool is the running max of that need over the keep-alive
//! window, and a cold start is each rise of the need above the window's earlier max.

use std::collections::VecDeque;

use super::Tally;
use super::capacity::{billed_activity, busy_instances};
use super::params::SimParams;
use super::stats::Histogram;
use crate::core::rng::Rng;
use crate::core::traffic::MINUTES_PER_WEEK;

/// Below this mean in-flight count the peak is sampled from the Poisson terms, above it from a normal.
const DISCRETE_BELOW: f64 = 10.0;
/// Latency percentiles come from this many sampled requests (p99.9 still has 20 samples beyond it).
const LATENCY_SAMPLES: usize = 20_000;

/// Peak in-flight requests during one step. The Poisson terms depend only on (m, arrivals), which stay
/// fixed for a minute or more, so P(peak ≥ k) for k = 1, 2, … is kept in `table` until they change.
fn peak(m: f64, arrivals: f64, table: &mut PeakTable, rng: &mut Rng) -> f64 {
    if arrivals <= 0.0 && m <= 0.0 {
        return 0.0;
    }
    if m < DISCRETE_BELOW {
        if table.key != (m, arrivals) {
            table.fill(m, arrivals);
        }
        let u = rng.uniform();
        return table.at_least.iter().take_while(|&&g| g >= u).count() as f64;
    }
    let sd = m.sqrt();
    let z0 = rng.normal();
    let c = arrivals / sd / (std::f64::consts::TAU).sqrt();
    let arg = c / rng.exp1();
    let z = if arg > 1.0 { z0.max((2.0 * arg.ln()).sqrt()) } else { z0 };
    (m + z * sd).ceil().max(0.0)
}

#[derive(Default)]
struct PeakTable {
    key: (f64, f64),
    /// P(peak ≥ k + 1), until it falls below 1e-12.
    at_least: Vec<f64>,
}

impl PeakTable {
    fn fill(&mut self, m: f64, arrivals: f64) {
        self.key = (m, arrivals);
        self.at_least.clear();
        let (mut pmf, mut cdf) = ((-m).exp(), (-m).exp());
        for k in 1..200 {
            let g = 1.0 - cdf * (-arrivals * pmf).exp();
            if g < 1e-12 {
                break;
            }
            self.at_least.push(g);
            pmf *= m / k as f64;
            cdf += pmf;
        }
    }
}

/// Simulates `horizon_s` seconds (one week is representative: the rate curve repeats weekly).
pub fn run(p: &SimParams, horizon_s: f64) -> Tally {
    let mut rng = Rng::stream(p.seed, 3);
    let mean_s = p.service.mean_s;
    let (lo, hi) = p.keep_alive;
    // A thirtieth of the keep-alive resolves the pool; past a minute the rate curve itself is coarser.
    let dt = mean_s.max((lo / 30.0).clamp(1.0, 60.0));
    // An environment in use during step j lives on until keep-alive after that step, so the window
    // always reaches back at least one step (it matters when service times exceed the keep-alive).
    let window = (0.5 * (lo + hi) / dt).round() as usize + 1;
    let steps = (horizon_s / dt).ceil() as usize;
    let minutes = (horizon_s / 60.0).ceil() as usize;
    let slots = p.capacity;
    // A new environment is busy from its start (as in the exact engine): start-up is billed time.
    let mean_init_s = p.cold.mean() / 1000.0;
    let quota = p.quota as f64;
    let permanent = p.permanent as f64;
    let mut out = Tally {
        horizon_s,
        minute_requests: vec![0.0; minutes],
        minute_cold: vec![0.0; minutes],
        minute_envs: vec![0.0; minutes],
        ..Tally::default()
    };
    let mut recent: VecDeque<(usize, f64)> = VecDeque::new();
    let mut table = PeakTable::default();
    let mut busy_at = (0.0, 0.0);
    let mut billed_at = (0.0, 0.0, 0.0);
    let mut tokens = p.scale.map_or(f64::INFINITY, |s| s.0);
    let mut next_ping = if p.ping_count > 0 && p.ping_every_s > 0.0 { 0.0 } else { f64::INFINITY };
    // Requests that waited for the rate-limited scaler, and their total wait, s.
    let (mut waited, mut wait_s) = (0.0, 0.0);
    for i in 0..steps {
        let t = i as f64 * dt;
        let span = dt.min(horizon_s - t);
        let minute = ((t / 60.0) as usize).min(minutes - 1);
        let rate = p.rates[minute % MINUTES_PER_WEEK];
        let m = rate * mean_s;
        let arrivals = rate * span;
        // Beyond the quota requests are throttled; at the quota the pool stops growing.
        let over = if m > quota * slots { 1.0 - quota * slots / m } else { 0.0 };
        let mut need = (peak(m, arrivals, &mut table, &mut rng) / slots).ceil().min(quota);
        let mut throttled = arrivals * over;
        let mut pinged = 0.0;
        while next_ping < t + span {
            pinged = p.ping_count as f64;
            next_ping += p.ping_every_s;
        }
        while recent.front().is_some_and(|&(j, _)| j + window <= i) {
            recent.pop_front();
        }
        let before = recent.front().map_or(0.0, |f| f.1);
        if let Some((cap, per_s)) = p.scale {
            // A bucket smaller than one step's refill (Azure's one instance a second) still adds the step's.
            tokens = (tokens + per_s * span).min(cap.max(per_s * span));
        }
        let user_need = (need - permanent).max(0.0);
        // Each cold start serves a request that arrives in this step (none pre-exist at t = 0).
        let mut cold = (user_need - before).max(0.0).min(arrivals.max(1.0));
        // Keep-warm pings may overdraw the scaling tokens; an overdraft allows no new environments,
        // it does not remove cold starts (which made them negative).
        let allowed = tokens.floor().max(0.0);
        if cold > allowed {
            // Scaling is rate-limited: the excess environments' requests are throttled (sync) or wait, the
            // j-th of them 1/rate × j seconds for its token: half the excess's refill time on average.
            let excess = cold - allowed;
            let affected = (excess * (arrivals / need.max(1.0)).max(1.0)).min(arrivals);
            if p.sync && !p.wait_for_scale {
                throttled += affected;
            } else if let Some((_, per_s)) = p.scale {
                waited += affected;
                wait_s += affected * excess / per_s / 2.0;
            }
            cold -= excess;
            need -= excess;
        }
        let user_need = (need - permanent).max(0.0);
        let all_need = user_need.max(pinged);
        tokens -= (all_need - before).max(0.0);
        out.ping_cold_starts += (all_need - user_need.max(before)).max(0.0);
        while recent.back().is_some_and(|b| b.1 <= all_need) {
            recent.pop_back();
        }
        recent.push_back((i, all_need));
        let live = permanent + recent.front().map_or(0.0, |f| f.1);
        out.requests += arrivals;
        out.cold_starts += cold;
        out.throttled += throttled.min(arrivals);
        out.env_seconds += live * span;
        // The rate holds for a minute or more: recompute E[⌈X/k⌉] only when it changes.
        let served_m = m * (1.0 - over);
        if served_m != busy_at.0 {
            busy_at = (served_m, busy_instances(served_m, slots).min(served_m));
        }
        out.busy_seconds += (busy_at.1 + cold * mean_init_s / span).min(live) * span;
        // Always-warm environments take requests first, up to their capacity.
        let served_rate = rate * (1.0 - over);
        let warm_share = if m > 0.0 { (permanent * slots / m).min(1.0) } else { 0.0 };
        out.served_permanent += arrivals * (1.0 - over) * warm_share;
        if let Some(a) = p.activity {
            if served_rate != billed_at.0 {
                let warm = billed_activity(served_rate * warm_share, mean_s, slots, a).min(permanent);
                let cold = billed_activity(served_rate * (1.0 - warm_share), mean_s, slots, a);
                billed_at = (served_rate, warm, cold);
            }
            out.billed_activity_permanent_s += billed_at.1 * span;
            out.billed_activity_s += billed_at.2 * span;
        }
        out.peak_envs = out.peak_envs.max(live);
        out.minute_cold[minute] += cold;
        let last = (((t + span) / 60.0).ceil() as usize).clamp(minute + 1, minutes);
        for mm in minute..last {
            out.minute_envs[mm] = out.minute_envs[mm].max(live);
        }
    }
    for (mm, r) in out.minute_requests.iter_mut().enumerate() {
        *r = p.rates[mm % MINUTES_PER_WEEK] * 60.0;
    }
    out.init_ms_sum = out.cold_starts * p.cold.mean();
    out.served = out.requests - out.throttled;
    let served = out.served.max(1e-300);
    let scale_wait = Wait { share: waited / served, mean_s: if waited > 0.0 { wait_s / waited } else { 0.0 } };
    out.hist = latency(p, out.cold_starts / served, &scale_wait, &mut rng);
    out
}

/// Requests that waited for the scaler: their share of the served, and their mean wait.
struct Wait {
    share: f64,
    mean_s: f64,
}

/// Latency of sampled requests: service time, plus a cold start with the simulated probability, plus an
/// exponential wait for the scaler with its simulated share and mean.
fn latency(p: &SimParams, cold_fraction: f64, wait: &Wait, rng: &mut Rng) -> Histogram {
    let mut h = Histogram::new();
    for _ in 0..LATENCY_SAMPLES {
        let mut ms = p.service.sample(rng) * 1000.0;
        if rng.uniform() < cold_fraction {
            ms += p.cold.sample(rng);
        }
        if wait.share > 0.0 && rng.uniform() < wait.share {
            ms += rng.exponential(wait.mean_s) * 1000.0;
        }
        h.add(ms);
    }
    h
}
