//! NAT gateways: what containers (and in-VPC functions) in private subnets pay to reach the internet.
//! One gateway per availability zone (a gateway serves its own zone; sharing one across zones adds
//! cross-zone transfer and a single point of failure), billed per hour, plus a charge per GB it
//! processes, on top of the data transfer out itself.

use super::HiddenRates;
use crate::core::select::larger;

/// What the month's NAT gateways cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NatCharge {
    pub gateways: f64,
    pub hours_usd: f64,
    pub processing_usd: f64,
}

/// `azs` gateways running `hours`, processing `gb` (10⁹ bytes).
pub fn charge(azs: u32, hours: f64, gb: f64, r: &HiddenRates) -> NatCharge {
    let clean = |x: f64| if x.is_finite() { larger(x, 0.0) } else { 0.0 };
    let gateways = f64::from(azs);
    NatCharge { gateways, hours_usd: gateways * clean(hours) * r.nat_hourly, processing_usd: clean(gb) * r.nat_gb }
}

#[cfg(test)]
mod tests {
    use super::super::{builtin, close};
    use super::*;

    /// aws.amazon.com/vpc/pricing ($0.045 per NAT gateway-hour, $0.045 per GB processed). The
    /// chime/terraform-aws-alternat README: "$0.045 per hour per NAT Gateway … about $32.40 per
    /// month" = 720 h (the README's 30-day month) × $0.045.
    #[test]
    fn hourly_per_zone_plus_processing() {
        let r = builtin();
        close(charge(1, 720.0, 0.0, &r).hours_usd, 32.4);
        // Three zones over AWS's 730-hour month: 3 × 730 × 0.045 = $98.55; 50 GB × 0.045 = $2.25.
        let c = charge(3, 730.0, 50.0, &r);
        close(c.hours_usd, 98.55);
        close(c.processing_usd, 2.25);
        assert_eq!(charge(2, f64::NAN, -1.0, &r).hours_usd, 0.0);
    }
}
