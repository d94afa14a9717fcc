//! The costs architects forget, commitments, and the two newer platforms, as pure functions.
//!
//! Each model takes plain numbers (volumes, a `Load`, the `HiddenRates` from `data/hidden_costs.json`)
//! and returns what it charges, so any platform can add it as its own line item:
//! - `egress`: data transfer out to the internet, by provider (AWS, Google Cloud, Azure, Cloudflare).
//! - `logs`: log ingestion and a month of storage (CloudWatch Logs, Cloud Logging, Azure Monitor).
//! - `nat`: NAT gateways for private subnets (per AZ per hour + per GB processed).
//! - `commitment`: Savings Plans / committed-use discounts on the committed baseline only.
//! - `spot`: Fargate Spot for the tasks above the minimum capacity.
//! - `lambda_managed`: Lambda Managed Instances (EC2 price + management fee + requests).
//! - `container_apps`: Azure Container Apps, Consumption plan.
//!
//! Units: a KB is 1,000 bytes and a GB 10⁹ bytes (1 GB = 10⁶ KB, as the ALB model counts and as
//! Azure Monitor meters); Google's GiB is 2³⁰ bytes.

pub mod commitment;
pub mod egress;
pub(super) mod items;
pub mod logs;
pub mod nat;
pub mod spot;

pub use crate::core::catalog::HiddenRates;
use crate::core::select::larger;

/// The builtin figures, for the hand-worked examples.
#[cfg(test)]
pub(crate) fn builtin() -> HiddenRates {
    crate::core::catalog::Catalog::builtin().rates().hidden.clone()
}

/// The hand-worked examples' figures agree to a part in a billion (dollars to the sub-cent).
#[cfg(test)]
pub(crate) fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

/// A flat week at `rate` requests/s over the 730-hour month: 200 ms requests, half of it on CPU.
#[cfg(test)]
pub(crate) fn steady_load(rate: f64) -> Load<'static> {
    const STEADY: [f64; 168] = [1.0; 168];
    const STEADY_DISTINCT: [(f64, f64); 1] = [(1.0, 168.0)];
    let slot_s = crate::core::scenario::SECONDS_PER_MONTH / STEADY.len() as f64;
    Load { mean_rate: rate, weights: &STEADY, distinct: &STEADY_DISTINCT, slot_s, duration_s: 0.2, cpu_fraction: 0.5 }
}

/// KB in one GB (decimal).
pub const KB_PER_GB: f64 = 1e6;
/// GB (10⁹ bytes) in one GiB (2³⁰ bytes).
pub const GB_PER_GIB: f64 = 1.073_741_824;

/// GB a month of requests sends (or logs) at `kb_per_request` each. Bad input counts as nothing.
pub fn monthly_gb(requests: f64, kb_per_request: f64) -> f64 {
    let gb = requests * kb_per_request / KB_PER_GB;
    if gb.is_finite() { larger(gb, 0.0) } else { 0.0 }
}

/// The month's traffic as the capacity models see it: a mean rate shaped by one weight per slot of a
/// typical week (mean 1), each slot standing for `slot_s` seconds of the month.
#[derive(Clone, Copy, Debug)]
pub struct Load<'a> {
    /// Mean requests per second over the month.
    pub mean_rate: f64,
    /// Relative rate of each slot (finite, ≥ 0, mean 1).
    pub weights: &'a [f64],
    /// `weights`' distinct values with how many slots have each (`traffic::distinct`): what sums and
    /// extremes over the slots that do not depend on their order run over.
    pub distinct: &'a [(f64, f64)],
    /// Seconds of the month one slot stands for (the month ÷ the number of slots).
    pub slot_s: f64,
    /// Mean duration of one request, seconds.
    pub duration_s: f64,
    /// Share of the duration spent on CPU, 0–1.
    pub cpu_fraction: f64,
}

impl Load<'_> {
    /// Requests per second at each distinct weight, with how many slots have it.
    pub fn distinct_rates(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.distinct.iter().map(move |&(w, n)| (self.mean_rate * w, n))
    }

    /// Seconds in the month.
    pub fn month_s(&self) -> f64 {
        self.slot_s * self.weights.len() as f64
    }
}
