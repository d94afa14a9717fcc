//! Savings Plans and committed-use discounts, applied as the providers define them: a commitment is a
//! fixed amount of usage every hour for one or three years, discounted; usage above it pays on
//! demand, and commitment left unused in an hour is lost. So only the always-on **baseline** can be
//! committed without waste — the trough of the traffic, provisioned concurrency, minimum instances —
//! and the model never discounts autoscaled peaks.
//!
//! Which discount applies where (see `data/hidden_costs.json`):
//! - AWS Compute Savings Plans: Lambda duration and provisioned concurrency, Fargate vCPU and memory,
//!   EC2 instances (also the instance part of Lambda Managed Instances, not its management fee).
//! - Google Cloud Run committed use discounts: 17 % on request-based billing (1 or 3 years);
//!   28 % / 46 % on instance-based billing (Compute flexible CUDs).
//! - Azure savings plan for compute: Container Apps. Azure Functions Consumption and Flex
//!   Consumption are not eligible (the savings plan covers the Premium plan), nor is Cloudflare.

use super::HiddenRates;
pub use crate::core::scenario::Commitment;
use crate::core::select::larger;

/// What is being committed, i.e. whose published discount applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Committed {
    Lambda,
    Fargate,
    /// EC2 instances: EC2, EKS nodes and the instances under Lambda Managed Instances.
    Ec2,
    CloudRunRequestBased,
    CloudRunInstanceBased,
    ContainerApps,
}

/// The fraction off on-demand that `commitment` earns on `what` (0 without a commitment).
pub fn discount(commitment: Commitment, what: Committed, r: &HiddenRates) -> f64 {
    let (one, three) = match what {
        Committed::Lambda => (r.commit_lambda_savings_1y, r.commit_lambda_savings_3y),
        Committed::Fargate => (r.commit_fargate_savings_1y, r.commit_fargate_savings_3y),
        Committed::Ec2 => (r.commit_ec2_savings_1y, r.commit_ec2_savings_3y),
        Committed::CloudRunRequestBased => (r.commit_cloud_run_request_based, r.commit_cloud_run_request_based),
        Committed::CloudRunInstanceBased => (r.commit_cloud_run_instance_1y, r.commit_cloud_run_instance_3y),
        Committed::ContainerApps => (r.commit_container_apps_savings_1y, r.commit_container_apps_savings_3y),
    };
    let d = match commitment {
        Commitment::None => 0.0,
        Commitment::Savings1y => one,
        Commitment::Savings3y => three,
    };
    d.clamp(0.0, 1.0)
}

/// The committable baseline of a usage series (one value per slot of the week, in any unit: units
/// running, $ per hour): its trough. Empty or unusable series commit nothing.
pub fn baseline(series: impl IntoIterator<Item = f64>) -> f64 {
    let min = series.into_iter().filter(|x| x.is_finite()).fold(f64::INFINITY, f64::min);
    if min.is_finite() { larger(min, 0.0) } else { 0.0 }
}

/// What committing `baseline_usd_per_hour` of on-demand usage for `hours` saves at `discount`.
pub fn savings(baseline_usd_per_hour: f64, hours: f64, discount: f64) -> f64 {
    let s = baseline_usd_per_hour * hours * discount;
    if s.is_finite() { larger(s, 0.0) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::super::{builtin, close};
    use super::*;

    /// Google's launch post for Cloud Run committed use discounts ("Maximize your Cloud Run
    /// investments with new committed use discounts"): commit to $1/hour at 17 % off, pay $0.83/h;
    /// in an hour that uses $1.50 "you only pay 1 × 83 % + (1.5 − 1) = $1.33".
    #[test]
    fn only_the_baseline_is_discounted() {
        let r = builtin();
        let d = discount(Commitment::Savings1y, Committed::CloudRunRequestBased, &r);
        close(d, 0.17);
        let hourly = [1.0, 1.5, 1.2];
        let base = baseline(hourly);
        close(base, 1.0);
        // The $1.50 hour: $1.50 − saving of one committed hour = $1.33.
        close(1.5 - savings(base, 1.0, d), 1.33);
        // Over the three hours: 3.7 − 3 × 0.17 = $3.19; the peaks above $1 pay on demand.
        close(hourly.iter().sum::<f64>() - savings(base, 3.0, d), 3.19);
    }

    /// The published rates per term (cloud.google.com/run/cud; bahr.dev: "up to 17% for Lambda and
    /// up to 52% for Fargate" on three years).
    #[test]
    fn discounts_by_term() {
        let r = builtin();
        assert_eq!(discount(Commitment::None, Committed::Fargate, &r), 0.0);
        close(discount(Commitment::Savings3y, Committed::Lambda, &r), 0.17);
        close(discount(Commitment::Savings3y, Committed::Fargate, &r), 0.52);
        close(discount(Commitment::Savings3y, Committed::CloudRunInstanceBased, &r), 0.46);
        close(discount(Commitment::Savings3y, Committed::CloudRunRequestBased, &r), 0.17);
    }

    #[test]
    fn baseline_ignores_noise() {
        assert_eq!(baseline([]), 0.0);
        assert_eq!(baseline([f64::NAN, 2.0, 3.0]), 2.0);
        assert_eq!(baseline([-1.0, 2.0]), 0.0);
    }

    #[test]
    fn keys_decode() {
        let c: Commitment = serde_json::from_str("\"savings_3y\"").unwrap();
        assert_eq!(c, Commitment::Savings3y);
        assert_eq!(serde_json::to_string(&Commitment::None).unwrap(), "\"none\"");
    }
}
