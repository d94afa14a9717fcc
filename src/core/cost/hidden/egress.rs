//! Data transfer out to the internet, by each provider's rule: AWS and Azure give the first 100 GB a
//! month free, then tier by volume; Google Cloud (Premium Tier, to North America) gives 1 GiB and
//! tiers per GiB; Cloudflare Workers charge nothing for egress.
//!
//! The free allowances belong to the account (AWS), subscription (Azure) or billing account (Google)
//! and are shared by everything in it, so the caller decides whether to count them (`free`), as the
//! scenario's `free_tier` does for every other allowance.

use super::super::bill::tiered;
use super::{GB_PER_GIB, HiddenRates};
use crate::core::select::{larger, smaller};

/// Whose network the bytes leave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Network {
    Aws,
    Google,
    Azure,
    Cloudflare,
}

/// What one month of egress costs, and the volume behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EgressCharge {
    pub usd: f64,
    /// The volume in the provider's own unit (GB, or GiB for Google).
    pub volume: f64,
    /// The free part of `volume` that was counted.
    pub free: f64,
}

/// (tier start, price) in the provider's unit, the free allowance as a zero-price first tier.
fn tiers(network: Network, r: &HiddenRates, free: bool) -> ([(f64, f64); 5], f64) {
    let allowance = |x: f64| if free { x } else { 0.0 };
    match network {
        Network::Aws => {
            let f = allowance(r.egress_aws_free_gb);
            let t = [
                (0.0, 0.0),
                (f, r.egress_aws_t1),
                (r.egress_aws_t2_from, r.egress_aws_t2),
                (r.egress_aws_t3_from, r.egress_aws_t3),
                (r.egress_aws_t4_from, r.egress_aws_t4),
            ];
            (t, f)
        }
        Network::Azure => {
            let f = allowance(r.egress_azure_free_gb);
            let t = [
                (0.0, 0.0),
                (f, r.egress_azure_t1),
                (r.egress_azure_t2_from, r.egress_azure_t2),
                (r.egress_azure_t3_from, r.egress_azure_t3),
                (r.egress_azure_t4_from, r.egress_azure_t4),
            ];
            (t, f)
        }
        Network::Google => {
            let f = allowance(r.egress_gcp_free_gib);
            // The last tier repeats the third so every network has five rows.
            let t = [
                (0.0, 0.0),
                (f, r.egress_gcp_t1),
                (r.egress_gcp_t2_from, r.egress_gcp_t2),
                (r.egress_gcp_t3_from, r.egress_gcp_t3),
                (r.egress_gcp_t3_from, r.egress_gcp_t3),
            ];
            (t, f)
        }
        Network::Cloudflare => ([(0.0, r.egress_cloudflare_gb); 5], 0.0),
    }
}

/// Egress of `gb` (10⁹ bytes) in a month on `network`.
pub fn charge(network: Network, gb: f64, r: &HiddenRates, free: bool) -> EgressCharge {
    let gb = if gb.is_finite() { larger(gb, 0.0) } else { 0.0 };
    let volume = if network == Network::Google { gb / GB_PER_GIB } else { gb };
    let (t, allowance) = tiers(network, r, free);
    EgressCharge { usd: tiered(volume, &t), volume, free: smaller(allowance, volume) }
}

#[cfg(test)]
mod tests {
    use super::super::{builtin, close, monthly_gb};
    use super::*;

    fn usd(network: Network, gb: f64, free: bool) -> f64 {
        charge(network, gb, &builtin(), free).usd
    }

    /// AWS data transfer out (aws.amazon.com/ec2/pricing/on-demand "Data Transfer OUT From Amazon EC2
    /// To Internet", as tabulated by wring.co 2026: first 100 GB free, $0.09 up to 10 TB, $0.085 next
    /// 40 TB, $0.07 next 100 TB, $0.05 beyond).
    #[test]
    fn aws_after_the_free_100_gb() {
        // 10M requests × 5 KB = 50,000,000 KB = 50 GB: inside the free 100 GB.
        close(monthly_gb(1e7, 5.0), 50.0);
        close(usd(Network::Aws, 50.0, true), 0.0);
        // Without the account's allowance: 50 GB × $0.09 = $4.50.
        close(usd(Network::Aws, 50.0, false), 4.5);
        // 100M × 5 KB = 500 GB: (500 − 100) × $0.09 = $36.00.
        close(usd(Network::Aws, monthly_gb(1e8, 5.0), true), 36.0);
        // 20 TB: (10,000 − 100) × 0.09 + 10,000 × 0.085 = 891 + 850 = $1,741.
        close(usd(Network::Aws, 20_000.0, true), 1741.0);
        // 200 TB: 9,900 × 0.09 + 40,000 × 0.085 + 100,000 × 0.07 + 50,000 × 0.05
        //       = 891 + 3,400 + 7,000 + 2,500 = $13,791.
        close(usd(Network::Aws, 200_000.0, true), 13_791.0);
    }

    /// Google Cloud Premium Tier to North America (cloud.google.com/vpc/network-pricing: 0–1 GiB free,
    /// $0.12 per GiB to 1 TiB). 50 GB = 50 ÷ 1.073741824 = 46.566 GiB; (46.566 − 1) × $0.12 = $5.468.
    #[test]
    fn google_counts_gib_after_one_free() {
        let c = charge(Network::Google, 50.0, &builtin(), true);
        close(c.volume, 46.566_128_730_773_93);
        close(c.free, 1.0);
        close(c.usd, (46.566_128_730_773_93 - 1.0) * 0.12);
        // 2 TiB = 2,048 GiB: 1,023 × 0.12 + 1,024 × 0.11 = 122.76 + 112.64 = $235.40.
        close(usd(Network::Google, 2048.0 * GB_PER_GIB, true), 235.4);
    }

    /// Azure bandwidth (azure.microsoft.com/pricing/details/bandwidth: first 100 GB free, $0.087 per
    /// GB for the next 10 TB). 500 GB: 400 × $0.087 = $34.80.
    #[test]
    fn azure_after_the_free_100_gb() {
        close(usd(Network::Azure, 500.0, true), 34.8);
        close(usd(Network::Azure, 500.0, false), 43.5);
    }

    /// Cloudflare Workers pricing.mdx: "no additional charges for data transfer (egress)".
    #[test]
    fn cloudflare_charges_nothing() {
        close(usd(Network::Cloudflare, 1e6, false), 0.0);
    }

    #[test]
    fn bad_volumes_cost_nothing() {
        for gb in [f64::NAN, -5.0, f64::NEG_INFINITY] {
            assert_eq!(usd(Network::Aws, gb, false), 0.0);
        }
    }
}
