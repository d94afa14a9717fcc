//! Provisioned fleets as queues: requests never wait for a cold start, they wait for a free server.
//!
//! Exact (event by event): first-come first-served over the minute's servers — each arrival takes the server
//! that frees first (a min-heap of free times), which is FIFO on a multi-server queue. Capacity changes at
//! minute boundaries: new servers are free from the boundary, removed servers are the first to free (idle
//! ones). With no server at all, requests wait in line for the first unit to start.
//!
//! Fluid (per minute): the backlog is a fluid — it grows by arrivals minus what the servers complete
//! (servers ÷ mean service time per second) and a request waits for the backlog ahead of it; with no backlog,
//! a request waits with the Erlang-C probability of M/M/c, exponentially with mean 1 / (c·μ − λ), scaled by
//! (1 + CV²) / 2 for general service times (Allen–Cunneen). Latency percentiles come from sampled requests.
//!
//! In both, a synchronous request that would wait longer than the load balancer's timeout is shed.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

use super::Tally;
use super::params::SimParams;
use super::provisioned::Capacity;
use super::stats::Histogram;
use super::workload::Workload;
use crate::core::rng::Rng;
use crate::core::scenario::DurationDistribution;
use crate::core::traffic::MINUTES_PER_WEEK;

/// Latency percentiles of the fluid engine come from this many sampled requests.
const LATENCY_SAMPLES: usize = 20_000;
/// Servers above which Erlang C is taken from its Halfin–Whitt limit rather than the exact recursion.
const ERLANG_EXACT_MAX: u32 = 200;

fn week(v: &[f64], m: usize) -> f64 {
    v[m % MINUTES_PER_WEEK.min(v.len()).max(1)]
}

/// Totals both engines share: unit-seconds and the per-minute series of units.
fn fleet_totals(c: &Capacity, out: &mut Tally) {
    let h = out.horizon_s;
    let minutes = out.minute_requests.len();
    out.minute_cold = vec![0.0; minutes];
    out.minute_envs = (0..minutes).map(|m| week(&c.units, m)).collect();
    out.env_seconds = (0..minutes).map(|m| week(&c.units, m) * (h - m as f64 * 60.0).clamp(0.0, 60.0)).sum();
    out.peak_envs = out.minute_envs.iter().fold(0.0, |a: f64, &b| a.max(b));
}

/// Event by event over the requests of `w` (drawn once for every platform).
pub fn run_exact(c: &Capacity, w: &Workload) -> Tally {
    let horizon_s = w.horizon_s;
    let minutes = (horizon_s / 60.0).ceil() as usize + 1;
    let out = Tally { horizon_s, minute_requests: vec![0.0; minutes], ..Tally::default() };
    let mut q = Line { c, free: BinaryHeap::new(), waiting: VecDeque::new(), out, busy_s: 0.0 };
    let mut minute = 0;
    q.resize(0);
    for (t, service) in w.requests() {
        let m = (t / 60.0) as usize;
        while minute < m {
            minute += 1;
            q.resize(minute);
        }
        q.out.requests += 1.0;
        q.out.minute_requests[m] += 1.0;
        if q.free.is_empty() {
            q.waiting.push_back((t, service));
        } else {
            q.dispatch(t, service);
        }
    }
    // Requests still waiting for capacity at the end never got a server.
    q.out.throttled += q.waiting.len() as f64;
    let mut out = q.out;
    out.busy_seconds = q.busy_s / c.per_unit;
    fleet_totals(c, &mut out);
    out
}

struct Line<'a> {
    c: &'a Capacity,
    /// Free times of the current servers (bits of non-negative f64s order like the numbers).
    free: BinaryHeap<Reverse<u64>>,
    /// Requests that arrived with no server at all: (arrival, service).
    waiting: VecDeque<(f64, f64)>,
    out: Tally,
    busy_s: f64,
}

impl Line<'_> {
    /// Sets the servers of minute `m`, then serves whoever waited for capacity.
    fn resize(&mut self, m: usize) {
        let target = self.c.servers[m % self.c.servers.len()] as usize;
        let at = (m as f64 * 60.0).to_bits();
        while self.free.len() < target {
            self.free.push(Reverse(at));
        }
        while self.free.len() > target {
            self.free.pop();
        }
        while !self.free.is_empty()
            && let Some((t, service)) = self.waiting.pop_front()
        {
            self.dispatch(t, service);
        }
    }

    fn dispatch(&mut self, t: f64, service: f64) {
        let Some(Reverse(bits)) = self.free.pop() else {
            self.waiting.push_back((t, service));
            return;
        };
        let start = t.max(f64::from_bits(bits));
        if self.c.timeout_s.is_some_and(|limit| start - t > limit) {
            self.out.throttled += 1.0;
            self.free.push(Reverse(bits));
            return;
        }
        let finish = start + service;
        self.free.push(Reverse(finish.to_bits()));
        self.out.served += 1.0;
        self.busy_s += service;
        self.out.hist.add((finish - t) * 1000.0);
    }
}

/// One minute of the fluid queue, kept for sampling requests afterwards.
#[derive(Clone, Copy, Default)]
struct Minute {
    /// Backlog at the minute's start, requests.
    backlog: f64,
    /// Arrival rate and completion rate of the servers, per s.
    rate: f64,
    drain: f64,
    servers: u32,
    /// Requests served in the minute (arrivals less those shed).
    served: f64,
    /// With no server: seconds from the minute's start until the first unit is up.
    until_capacity: f64,
}

/// Minute by minute over `horizon_s`.
pub fn run_fluid(p: &SimParams, c: &Capacity, horizon_s: f64) -> Tally {
    let minutes = (horizon_s / 60.0).ceil() as usize;
    let mean_s = p.service.mean_s;
    let until = until_capacity(c);
    let mut out = Tally { horizon_s, minute_requests: vec![0.0; minutes], ..Tally::default() };
    let mut log = Vec::with_capacity(minutes);
    let mut backlog = 0.0;
    for m in 0..minutes {
        let span = (horizon_s - m as f64 * 60.0).clamp(0.0, 60.0);
        let rate = week(&p.rates, m);
        let servers = c.servers[m % c.servers.len()];
        let drain = f64::from(servers) / mean_s;
        let arrivals = rate * span;
        let mut shed = 0.0;
        let start = backlog;
        if drain > 0.0 {
            backlog = (backlog + (rate - drain) * span).max(0.0);
            if let Some(limit) = c.timeout_s {
                // Whoever would wait past the timeout is shed instead of joining the line.
                let most = limit * drain;
                shed = (backlog - most).max(0.0);
                backlog = backlog.min(most);
            }
        } else if c.timeout_s.is_some_and(|limit| until[m % until.len()] > limit) {
            shed = arrivals;
        } else {
            backlog += arrivals;
        }
        let served = (arrivals - shed).max(0.0);
        out.requests += arrivals;
        out.served += served;
        out.throttled += shed;
        out.busy_seconds += (rate.min(drain) * mean_s * span) / c.per_unit;
        out.minute_requests[m] = arrivals;
        log.push(Minute { backlog: start, rate, drain, servers, served, until_capacity: until[m % until.len()] });
    }
    fleet_totals(c, &mut out);
    out.hist = latency(p, &log, c.timeout_s, &mut Rng::stream(p.seed, 3));
    out
}

/// Seconds from each minute's start until a minute of the week with servers begins (0 when it has some).
fn until_capacity(c: &Capacity) -> Vec<f64> {
    let w = c.servers.len().max(1);
    let mut next = vec![f64::INFINITY; w];
    for _ in 0..2 {
        for m in (0..w).rev() {
            next[m] = if c.servers[m] > 0 { 0.0 } else { 60.0 + next[(m + 1) % w] };
        }
    }
    next
}

/// Squared coefficient of variation of the service time.
fn service_cv2(p: &SimParams) -> f64 {
    match p.service.dist {
        DurationDistribution::Fixed => 0.0,
        DurationDistribution::Exponential => 1.0,
        DurationDistribution::Lognormal => (p.service.sigma * p.service.sigma).exp_m1(),
    }
}

fn latency(p: &SimParams, log: &[Minute], timeout_s: Option<f64>, rng: &mut Rng) -> Histogram {
    let mut h = Histogram::new();
    let mut cumulative = Vec::with_capacity(log.len());
    let mut total = 0.0;
    for m in log {
        total += m.served;
        cumulative.push(total);
    }
    if total <= 0.0 {
        return h;
    }
    // Minutes with the same servers and rate wait alike: a steady week needs one Erlang C, not 10,080.
    let mut erlang: HashMap<(u32, u64), f64> = HashMap::new();
    let scale = (1.0 + service_cv2(p)) / 2.0;
    let timeout = timeout_s.unwrap_or(f64::INFINITY);
    for _ in 0..LATENCY_SAMPLES {
        let pick = rng.uniform() * total;
        let i = cumulative.partition_point(|&c| c <= pick).min(log.len() - 1);
        let m = log[i];
        let t = rng.uniform() * 60.0;
        let wait = if m.drain <= 0.0 {
            (m.until_capacity - t).max(0.0)
        } else {
            let ahead = m.backlog + (m.rate - m.drain) * t;
            if ahead > 0.0 {
                // Within the minute the line can outgrow what the timeout lets in: those were shed.
                (ahead / m.drain).min(timeout)
            } else {
                let a = m.rate * p.service.mean_s;
                let p_wait = *erlang.entry((m.servers, m.rate.to_bits())).or_insert_with(|| erlang_c(m.servers, a));
                if p_wait > 0.0 && rng.uniform() < p_wait {
                    rng.exponential(scale / (m.drain - m.rate).max(1e-9))
                } else {
                    0.0
                }
            }
        };
        h.add((wait + p.service.sample(rng)) * 1000.0);
    }
    h
}

/// Probability that an arrival waits in M/M/c with offered load `a` (= λ × mean service) on `c` servers.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let cf = f64::from(c);
    if c == 0 || a >= cf {
        return 1.0;
    }
    if a <= 0.0 {
        return 0.0;
    }
    if c <= ERLANG_EXACT_MAX {
        // Erlang B by its stable recursion, then C = B / (1 − ρ(1 − B)).
        let b = (1..=c).fold(1.0, |b, k| a * b / (f64::from(k) + a * b));
        return b / (1.0 - a / cf * (1.0 - b));
    }
    // Halfin–Whitt: with β = (c − a)/√a, P(wait) ≈ 1 / (1 + β Φ(β) / φ(β)).
    let beta = (cf - a) / a.sqrt();
    if beta > 8.0 {
        return 0.0;
    }
    let phi = (-0.5 * beta * beta).exp() / (2.0 * std::f64::consts::PI).sqrt();
    1.0 / (1.0 + beta * normal_cdf(beta) / phi)
}

/// Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7).
fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly =
        t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 { 0.5 * (1.0 + erf) } else { 0.5 * (1.0 - erf) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Catalog;
    use crate::core::coldstart::SimTarget;
    use crate::core::scenario::{SECONDS_PER_MONTH, Scenario};

    /// M/M/2 by hand: λ = 5/s, exponential service of mean 0.2 s (μ = 5/s), two servers, so a = λ/μ = 1 and
    /// P(wait) = C(2, 1) = 1/3; given a wait it is Exp(cμ − λ = 5/s). The response time T = W + S then has
    /// P(T > t) = ⅔·e^(−5t) + ⅓·e^(−5t)(1 + 5t) = e^(−5t)(1 + 5t/3): p50 = 194.9 ms, p99 = 1,133.2 ms
    /// (solved by bisection). Queueing theory, e.g. Gross & Harris, Fundamentals of Queueing Theory, M/M/c.
    #[test]
    fn both_engines_reproduce_m_m_2() {
        let s = Scenario {
            requests_per_month: 5.0 * SECONDS_PER_MONTH,
            duration_ms: 200.0,
            duration_distribution: DurationDistribution::Exponential,
            ..Scenario::default()
        };
        let p = SimParams::new(&s, Catalog::builtin().rates(), SimTarget::AwsFargate);
        let c = Capacity {
            units: vec![2.0; MINUTES_PER_WEEK],
            servers: vec![2; MINUTES_PER_WEEK],
            per_unit: 1.0,
            timeout_s: None,
        };
        let week = 7.0 * 86_400.0;
        let exact = run_exact(&c, &Workload::draw(&p, week));
        for (engine, tally, tolerance) in [("exact", exact, 0.04), ("fluid", run_fluid(&p, &c, week), 0.08)] {
            let (p50, p99) = (tally.hist.quantile(0.5), tally.hist.quantile(0.99));
            assert!((p50 / 194.9 - 1.0).abs() < tolerance, "{engine}: p50 {p50}");
            assert!((p99 / 1133.2 - 1.0).abs() < tolerance, "{engine}: p99 {p99}");
            assert_eq!(tally.throttled, 0.0, "{engine}");
            assert!((tally.env_seconds / week - 2.0).abs() < 1e-9, "{engine}: two units all week");
        }
    }

    /// Erlang C against textbook values: c = 2, a = 1 → 1/3; c = 10, a = 8 → 0.4092 (Gross & Harris tables).
    #[test]
    fn erlang_c_matches_tables() {
        assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
        assert!((erlang_c(10, 8.0) - 0.4092).abs() < 5e-4);
        assert_eq!(erlang_c(3, 3.0), 1.0);
        assert_eq!(erlang_c(5, 0.0), 0.0);
        // The Halfin–Whitt limit joins the exact recursion: c = 400, a = 380 vs the recursion.
        let exact = {
            let (c, a) = (400u32, 380.0);
            let b = (1..=c).fold(1.0, |b, k| a * b / (f64::from(k) + a * b));
            b / (1.0 - a / f64::from(c) * (1.0 - b))
        };
        assert!((erlang_c(400, 380.0) / exact - 1.0).abs() < 0.1, "{} vs {exact}", erlang_c(400, 380.0));
    }
}
