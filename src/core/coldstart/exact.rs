//! The exact engine: every request is an event. Environments finishing work sit in a min-heap by finish
//! time; environments with a free slot sit in a max-heap by creation order, so a request goes to the most
//! recently created one that can take it (SimFaaS's rule; always-warm environments first). An idle
//! environment dies `keep_alive` after its last request; death is discovered lazily when it reaches the top
//! of the free heap (or at the end), which is exact because an idle lifetime is fixed once drawn. The
//! lifetime's random part is drawn only when it matters — the environment still idle past the shortest
//! lifetime — rather than each time it goes idle: most are busy again long before, and a uniform drawn
//! later is the same independent uniform.

use std::cmp::Reverse;

use super::Tally;
use super::heap::Heap;
use super::params::SimParams;
use super::stats::Histogram;
use super::workload::{self, Workload};
use crate::core::rng::Rng;

/// Requests drawn ahead of serving them, in one tight loop: drawing (a division, an `exp`, random bits) is
/// a chain of slow arithmetic with no branch to mispredict, serving a chain of branches on heap order, and
/// apart the processor overlaps one block's arithmetic instead of stalling on each request's.
const BLOCK: usize = 64;

/// Always-warm environments outrank on-demand ones in the free heap.
const PERMANENT: u64 = 1 << 62;

#[derive(Clone, Copy, Default)]
struct Env {
    created: f64,
    ready: f64,
    busy_since: f64,
    /// When it dies if idle: at first only the shortest lifetime, until `lifetime_drawn`.
    expiry: f64,
    /// The random part of the current idle lifetime is in `expiry` (always, for a fixed keep-alive).
    lifetime_drawn: bool,
    /// Rank in the free heap: creation order, plus `PERMANENT` for always-warm environments.
    key: u64,
    /// Start of the current billed activity period, and the end of what it has been billed so far:
    /// a request starting before that end continues the period (activity-billed platforms).
    period_start: f64,
    billed_end: f64,
    in_flight: u32,
    /// Requests this environment takes at once: the floor or the ceiling of the capacity, drawn so
    /// that environments hold `capacity` on average (1.2 → one in five takes two).
    slots: u32,
    free_listed: bool,
}

/// Raw counts over the simulated horizon (not scaled to a month).
#[derive(Clone, Debug, Default)]
struct Outcome {
    pub horizon_s: f64,
    pub arrivals: u64,
    pub served: u64,
    pub throttled: u64,
    pub cold_starts: u64,
    pub ping_cold_starts: u64,
    pub init_ms_sum: f64,
    pub env_seconds: f64,
    pub busy_seconds: f64,
    pub billed_activity_s: f64,
    pub billed_activity_permanent_s: f64,
    pub served_permanent: u64,
    pub hist: Histogram,
    pub minute_requests: Vec<f64>,
    pub minute_cold: Vec<f64>,
    /// Environments alive at any time during each minute.
    pub minute_envs: Vec<f64>,
}

struct Engine<'a> {
    p: &'a SimParams,
    rng: Rng,
    envs: Vec<Env>,
    spare_slots: Vec<u32>,
    /// (finish time's bits, slot) packed as `pack` does: the earliest finish first.
    done: Heap<Reverse<u128>>,
    /// (free-heap rank, slot) packed: the highest rank first.
    free: Heap<u128>,
    seq: u64,
    /// The minute the last user request arrived in, and where it ends, s.
    minute: usize,
    minute_end: f64,
    busy_envs: u32,
    tokens: f64,
    token_t: f64,
    env_diff: Vec<f64>,
    out: Outcome,
}

/// Simulates `horizon_s` seconds of arrivals over the weekly rate curve (the requests `Workload::draw` would
/// store, streamed).
pub fn run(p: &SimParams, horizon_s: f64) -> Tally {
    simulate(p, horizon_s, workload::stream(p, horizon_s))
}

/// Simulates the requests of `w` (drawn once for every platform).
pub fn run_with(p: &SimParams, w: &Workload) -> Tally {
    simulate(p, w.horizon_s, w.requests())
}

/// Two integers in one, ordered as the pair (`hi`, `lo`) is: a heap of them compares one number.
#[inline]
fn pack(hi: u64, lo: u32) -> u128 {
    (u128::from(hi) << 32) | u128::from(lo)
}

/// The slot of a packed entry.
#[inline]
fn slot_of(x: u128) -> u32 {
    x as u32
}

fn simulate(p: &SimParams, horizon_s: f64, mut requests: impl Iterator<Item = (f64, f64)>) -> Tally {
    let minutes = (horizon_s / 60.0).ceil() as usize + 1;
    let mut e = Engine {
        p,
        rng: Rng::stream(p.seed, 1),
        envs: Vec::new(),
        spare_slots: Vec::new(),
        done: Heap::with_capacity(1024),
        free: Heap::with_capacity(1024),
        seq: 0,
        minute: 0,
        minute_end: 60.0,
        busy_envs: 0,
        tokens: p.scale.map_or(0.0, |s| s.0),
        token_t: 0.0,
        env_diff: vec![0.0; minutes + 1],
        out: Outcome {
            horizon_s,
            minute_requests: vec![0.0; minutes],
            minute_cold: vec![0.0; minutes],
            ..Outcome::default()
        },
    };
    for _ in 0..p.permanent {
        e.create(0.0, true);
    }
    let ping_every = if p.ping_count > 0 { p.ping_every_s } else { f64::INFINITY };
    let mut next_ping = if ping_every.is_finite() { 0.0 } else { f64::INFINITY };
    let mut block = [(0.0, 0.0); BLOCK];
    loop {
        let drawn = block.iter_mut().zip(requests.by_ref()).map(|(slot, r)| *slot = r).count();
        for &(t, service) in &block[..drawn] {
            while next_ping <= t {
                e.ping(next_ping);
                next_ping += ping_every;
            }
            e.serve::<true>(t, service);
        }
        if drawn < BLOCK {
            return e.finish();
        }
    }
}

impl Engine<'_> {
    /// A new environment (cold unless permanent), busy from `t` with nothing in flight yet.
    fn create(&mut self, t: f64, permanent: bool) -> u32 {
        self.seq += 1;
        let whole = self.p.capacity.floor().max(1.0);
        let extra = self.p.capacity - whole;
        // Only a fractional capacity draws, so one-request platforms keep their random sequence.
        let slots = whole as u32 + u32::from(extra > 1e-9 && self.rng.uniform() < extra);
        let slots = slots.clamp(1, self.p.slots.max(1));
        let env = Env {
            created: t,
            ready: t,
            busy_since: t,
            // On-demand: finite, so it can die once idle; the real expiry is drawn when it goes idle.
            expiry: if permanent { f64::INFINITY } else { 0.0 },
            lifetime_drawn: true,
            key: if permanent { PERMANENT | self.seq } else { self.seq },
            period_start: t,
            billed_end: f64::NEG_INFINITY,
            in_flight: 0,
            slots,
            free_listed: false,
        };
        let slot = match self.spare_slots.pop() {
            Some(i) => {
                self.envs[i as usize] = env;
                i
            }
            None => {
                self.envs.push(env);
                (self.envs.len() - 1) as u32
            }
        };
        let last = self.env_diff.len() - 1;
        self.env_diff[((t / 60.0) as usize).min(last)] += 1.0;
        if permanent {
            self.free.push(pack(PERMANENT | self.seq, slot));
            self.envs[slot as usize].free_listed = true;
        }
        slot
    }

    /// When idle environment `slot` dies, drawing its idle lifetime's random part if that is still open.
    #[cold]
    #[inline(never)]
    fn expiry(&mut self, slot: u32) -> f64 {
        let env = &mut self.envs[slot as usize];
        if !env.lifetime_drawn {
            let (lo, hi) = self.p.keep_alive;
            env.expiry += (hi - lo) * self.rng.uniform();
            env.lifetime_drawn = true;
        }
        env.expiry
    }

    /// An environment whose idle lifetime ran out at `end`.
    fn bury(&mut self, slot: u32, end: f64) {
        let env = self.envs[slot as usize];
        let end = end.min(self.out.horizon_s);
        self.out.env_seconds += end - env.created;
        self.env_diff[(end / 60.0) as usize + 1] -= 1.0;
        self.spare_slots.push(slot);
    }

    #[inline(always)]
    fn release_until(&mut self, t: f64) {
        while let Some(Reverse(top)) = self.done.peek() {
            let finish = f64::from_bits((top >> 32) as u64);
            if finish > t {
                break;
            }
            self.done.pop();
            let slot = slot_of(top);
            let env = &mut self.envs[slot as usize];
            env.in_flight -= 1;
            if env.in_flight == 0 {
                self.busy_envs -= 1;
                self.out.busy_seconds += finish - env.busy_since;
                if env.expiry.is_finite() {
                    let (lo, hi) = self.p.keep_alive;
                    env.expiry = finish + lo;
                    env.lifetime_drawn = hi <= lo;
                }
                if let Some(a) = self.p.activity {
                    let end = env.period_start + a.billed(finish - env.period_start);
                    let added = (end - env.billed_end.max(env.period_start)).max(0.0);
                    env.billed_end = env.billed_end.max(end);
                    if env.key & PERMANENT != 0 {
                        self.out.billed_activity_permanent_s += added;
                    } else {
                        self.out.billed_activity_s += added;
                    }
                }
            }
            if !env.free_listed {
                env.free_listed = true;
                self.free.push(pack(env.key, slot));
            }
        }
    }

    /// The keep-warm pings of one round, at `t`: rare next to user requests, so kept out of their loop.
    #[inline(never)]
    fn ping(&mut self, t: f64) {
        for _ in 0..self.p.ping_count {
            self.serve::<false>(t, self.p.ping_s);
        }
    }

    /// One request (a user's, or a keep-warm ping when not `USER`) arriving at `t`, working `service` s.
    /// Inlined into the loop over requests, its `USER` branches resolved at compile time.
    #[inline(always)]
    fn serve<const USER: bool>(&mut self, t: f64, service: f64) {
        self.release_until(t);
        if USER {
            // Requests come in time order: the minute only moves forward.
            while t >= self.minute_end {
                self.minute += 1;
                self.minute_end = (self.minute + 1) as f64 * 60.0;
            }
            self.out.arrivals += 1;
            self.out.minute_requests[self.minute] += 1.0;
        }
        let (slot, start, cold) = loop {
            let Some(top) = self.free.peek() else {
                match self.start_cold(t, USER) {
                    Some((slot, ready)) => break (slot, ready, true),
                    None => return,
                }
            };
            let slot = slot_of(top);
            let env = &self.envs[slot as usize];
            let (idle, expiry, ready) = (env.in_flight == 0, env.expiry, env.ready);
            if !idle || expiry > t || self.expiry(slot) > t {
                // Written as a comparison rather than `max`, whose NaN handling costs a few instructions.
                break (slot, if ready > t { ready } else { t }, false);
            }
            self.free.pop();
            self.bury(slot, self.envs[slot as usize].expiry);
        };
        let env = &mut self.envs[slot as usize];
        let slots = env.slots;
        if env.in_flight == 0 {
            self.busy_envs += 1;
            env.busy_since = if cold { env.created } else { t };
            // Activity is the time functions execute (not the start-up): a new billed period unless
            // this one was still inside the last period's billed time.
            if start >= env.billed_end {
                env.period_start = start;
            }
        }
        if USER && env.key & PERMANENT != 0 {
            self.out.served_permanent += 1;
        }
        env.in_flight += 1;
        if env.in_flight >= slots && env.free_listed {
            self.free.pop(); // it was the top: full now
            env.free_listed = false;
        } else if env.in_flight < slots && !env.free_listed {
            env.free_listed = true;
            self.free.push(pack(env.key, slot));
        }
        let finish = start + service;
        self.done.push(Reverse(pack(finish.to_bits(), slot)));
        if USER {
            self.out.served += 1;
            self.out.hist.add((finish - t) * 1000.0);
        }
    }

    /// No environment free at `t`: a new one (its slot and when it is ready), or `None` when throttled.
    #[cold]
    #[inline(never)]
    fn start_cold(&mut self, t: f64, user: bool) -> Option<(u32, f64)> {
        let Some(delay) = (self.busy_envs < self.p.quota).then(|| self.take_token(t)).flatten() else {
            self.out.throttled += u64::from(user);
            return None;
        };
        let at = t + delay;
        let slot = self.create(at, false);
        let init_ms = self.p.cold.sample(&mut self.rng);
        let env = &mut self.envs[slot as usize];
        env.ready = at + init_ms / 1000.0;
        if user {
            self.out.cold_starts += 1;
            self.out.init_ms_sum += init_ms;
            self.out.minute_cold[self.minute] += 1.0;
        } else {
            self.out.ping_cold_starts += 1;
        }
        Some((slot, env.ready))
    }

    /// Scaling-rate limit: `Some(delay)` to create an environment, `None` = throttled (sync callers that do
    /// not wait for the scaler).
    fn take_token(&mut self, t: f64) -> Option<f64> {
        let Some((cap, per_s)) = self.p.scale else {
            return Some(0.0);
        };
        self.tokens = (self.tokens + (t - self.token_t) * per_s).min(cap);
        self.token_t = t;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Some(0.0);
        }
        if self.p.sync && !self.p.wait_for_scale {
            return None;
        }
        let delay = (1.0 - self.tokens) / per_s;
        self.tokens -= 1.0;
        Some(delay)
    }

    fn finish(mut self) -> Tally {
        let h = self.out.horizon_s;
        self.release_until(f64::INFINITY);
        while let Some(top) = self.free.pop() {
            let slot = slot_of(top);
            let expiry = self.expiry(slot);
            self.bury(slot, expiry);
        }
        let mut live = 0.0;
        let n = self.out.minute_requests.len();
        self.out.minute_envs = self.env_diff[..n]
            .iter()
            .map(|d| {
                live += d;
                live
            })
            .collect();
        self.out.horizon_s = h;
        let o = self.out;
        let peak_envs = o.minute_envs.iter().fold(0.0f64, |a, &b| a.max(b));
        Tally {
            horizon_s: h,
            requests: o.arrivals as f64,
            served: o.served as f64,
            cold_starts: o.cold_starts as f64,
            throttled: o.throttled as f64,
            init_ms_sum: o.init_ms_sum,
            ping_cold_starts: o.ping_cold_starts as f64,
            env_seconds: o.env_seconds,
            busy_seconds: o.busy_seconds,
            billed_activity_s: o.billed_activity_s,
            billed_activity_permanent_s: o.billed_activity_permanent_s,
            served_permanent: o.served_permanent as f64,
            peak_envs,
            hist: o.hist,
            minute_requests: o.minute_requests,
            minute_cold: o.minute_cold,
            minute_envs: o.minute_envs,
        }
    }
}
