//! The scalable engine: cost grows with time steps, not requests. Per step of `dt` seconds the rate λ is
//! known; requests in flight behave like an M/G/∞ queue with mean m = λ·E[S] (Little's law), X ~ Poisson(m).
//! With idle instances reused newest-first (as SimFaaS routes: `schedule_warm_instance`), the live pool at
//! time t is the running maximum of the in-flight count over the keep-alive window before t, and a cold
//! start is an arrival that finds every live instance busy. That maximum is a first-passage question: the
//! count stays below level k for a window of T seconds with probability ≈ P(X < k)·e^(−θₖ·T), where θₖ is
//! the rate at which the in-flight count (a birth–death chain: up at λ, down at j/E[S]) first reaches k.
//! Each step draws its peak with P(peak < k) = P(X < k)^(1/n)·e^(−θₖ·dt) (`peak`), so that the maximum
//! over the window's n steps has exactly the law above.

use std::collections::VecDeque;

use super::Tally;
use super::capacity::{billed_activity, busy_instances};
use super::params::SimParams;
use super::peak::Peaks;
use super::stats::Histogram;
use super::workload::latency_services;
use crate::core::rng::Rng;
use crate::core::traffic::MINUTES_PER_WEEK;

/// `f64::max` and `min` compile to library calls (for their NaN rules); every value in the step loop is
/// finite, and these run tens of thousands of times per simulation.
#[inline(always)]
fn max2(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}

#[inline(always)]
fn min2(a: f64, b: f64) -> f64 {
    if a < b { a } else { b }
}

/// Simulates `horizon_s` seconds (one week is representative: the rate curve repeats weekly).
pub fn run(p: &SimParams, horizon_s: f64) -> Tally {
    run_with(p, horizon_s, &latency_services(p))
}

/// The same, with the sampled requests' service times drawn once for every platform.
pub fn run_with(p: &SimParams, horizon_s: f64, services: &[f64]) -> Tally {
    let mut rng = Rng::stream(p.seed, 3);
    let mean_s = p.service.mean_s;
    let (lo, hi) = p.keep_alive;
    // A fifteenth of the keep-alive resolves the pool; past a minute the rate curve itself is coarser.
    let dt = mean_s.max((lo / 15.0).clamp(1.0, 60.0));
    // The pool at a step is the maximum of the window's n step peaks; each step's law is drawn so that
    // the maximum over n steps is the law over the keep-alive (module comment). At least the step itself.
    let window = ((0.5 * (lo + hi) / dt).round() as usize).max(1);
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
    let mut peaks = Peaks::new(window);
    let mut busy_at = (0.0, 0.0);
    let mut billed_at = (0.0, 0.0, 0.0);
    let mut tokens = p.scale.map_or(f64::INFINITY, |s| s.0);
    let mut next_ping = if p.ping_count > 0 && p.ping_every_s > 0.0 { 0.0 } else { f64::INFINITY };
    // Requests that waited for the rate-limited scaler, and their total wait, s.
    let (mut waited, mut wait_s) = (0.0, 0.0);
    for i in 0..steps {
        let t = i as f64 * dt;
        let span = min2(dt, horizon_s - t);
        let minute = ((t / 60.0) as usize).min(minutes - 1);
        let rate = p.rates[minute % MINUTES_PER_WEEK];
        let m = rate * mean_s;
        let arrivals = rate * span;
        // Beyond the quota requests are throttled; at the quota the pool stops growing.
        let over = if m > quota * slots { 1.0 - quota * slots / m } else { 0.0 };
        let mut need = min2((peaks.draw(m, arrivals, &mut rng) / slots).ceil(), quota);
        let mut throttled = arrivals * over;
        let mut pinged = 0.0;
        while next_ping < t + span {
            pinged = p.ping_count as f64;
            next_ping += p.ping_every_s;
        }
        while recent.front().is_some_and(|&(j, _)| j + window < i) {
            recent.pop_front();
        }
        // During the step the window's oldest step slides out: it covers the step's first instants, not
        // its last. A rise counts half against the window with it and half without (the trapezoid rule
        // in time; counting it in full or not at all shifts cold starts by ∓ dt/2T ≈ 3 %).
        let before_long = recent.front().map_or(0.0, |f| f.1);
        if recent.front().is_some_and(|&(j, _)| j + window == i) {
            recent.pop_front();
        }
        let before = recent.front().map_or(0.0, |f| f.1);
        let rise =
            |x: f64, floor: f64| 0.5 * (max2(x - max2(floor, before), 0.0) + max2(x - max2(floor, before_long), 0.0));
        if let Some((cap, per_s)) = p.scale {
            // A bucket smaller than one step's refill (Azure's one instance a second) still adds the step's.
            tokens = min2(tokens + per_s * span, max2(cap, per_s * span));
        }
        let user_need = max2(need - permanent, 0.0);
        // Each cold start serves a request that arrives in this step (none pre-exist at t = 0).
        let mut cold = min2(rise(user_need, 0.0), max2(arrivals, 1.0));
        // Keep-warm pings may overdraw the scaling tokens; an overdraft allows no new environments,
        // it does not remove cold starts (which made them negative).
        let allowed = max2(tokens.floor(), 0.0);
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
        let user_need = max2(need - permanent, 0.0);
        let all_need = max2(user_need, pinged);
        tokens -= rise(all_need, 0.0);
        out.ping_cold_starts += rise(all_need, user_need);
        while recent.back().is_some_and(|b| b.1 <= all_need) {
            recent.pop_back();
        }
        recent.push_back((i, all_need));
        let live = permanent + recent.front().map_or(0.0, |f| f.1);
        out.requests += arrivals;
        out.cold_starts += cold;
        out.throttled += min2(throttled, arrivals);
        out.env_seconds += live * span;
        // The rate holds for a minute or more: recompute E[⌈X/k⌉] only when it changes.
        let served_m = m * (1.0 - over);
        if served_m != busy_at.0 {
            busy_at = (served_m, busy_instances(served_m, slots).min(served_m));
        }
        out.busy_seconds += min2(busy_at.1 + cold * mean_init_s / span, live) * span;
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
        out.peak_envs = max2(out.peak_envs, live);
        out.minute_cold[minute] += cold;
        let last = (((t + span) / 60.0).ceil() as usize).clamp(minute + 1, minutes);
        for mm in minute..last {
            out.minute_envs[mm] = max2(out.minute_envs[mm], live);
        }
    }
    for (mm, r) in out.minute_requests.iter_mut().enumerate() {
        *r = p.rates[mm % MINUTES_PER_WEEK] * 60.0;
    }
    out.init_ms_sum = out.cold_starts * p.cold.mean();
    out.served = out.requests - out.throttled;
    let served = out.served.max(1e-300);
    let scale_wait = Wait { share: waited / served, mean_s: if waited > 0.0 { wait_s / waited } else { 0.0 } };
    out.hist = latency(p, out.cold_starts / served, &scale_wait, services, &mut rng);
    out
}

/// Requests that waited for the scaler: their share of the served, and their mean wait.
struct Wait {
    share: f64,
    mean_s: f64,
}

/// Latency of sampled requests: service time, plus a cold start with the simulated probability, plus an
/// exponential wait for the scaler with its simulated share and mean.
fn latency(p: &SimParams, cold_fraction: f64, wait: &Wait, services: &[f64], rng: &mut Rng) -> Histogram {
    let mut h = Histogram::new();
    for &service in services {
        let mut ms = service * 1000.0;
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
