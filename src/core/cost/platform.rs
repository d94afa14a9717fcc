//! What the platform table holds (the table itself is `cost::PLATFORMS`), and lookups over priced platforms.
//!
//! `platform_table!` turns the rows into the `PlatformId` enum (its serde ids are the `crossover eval`
//! contract), `PlatformId::ALL` and the `PLATFORMS` slice, in row order, so `PLATFORMS[id as usize]` is
//! the row of `id` by construction and no list of platforms is written anywhere else.

use super::bill::Bill;
use super::hidden::commitment::Committed;
use super::hidden::egress::Network;
use super::hidden::logs::LogService;
use super::limits::Limit;
use super::{PLATFORMS, PlatformId, Usage};
use crate::core::catalog::Rates;
use crate::core::scenario::Scenario;

/// What you deploy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Function,
    Container,
}

/// A chart and swatch colour for the light and the dark theme, as RGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    pub light: (u8, u8, u8),
    pub dark: (u8, u8, u8),
}

impl Colour {
    /// The same colour in both themes.
    pub const fn both(r: u8, g: u8, b: u8) -> Colour {
        Colour { light: (r, g, b), dark: (r, g, b) }
    }
}

/// The hard blockers of the verdict: requirements no function platform meets. A platform row lists the
/// ones whose workaround runs on it, and a no-go recommends the cheapest feasible platform that works
/// around every blocker found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocker {
    /// Every serverless platform's time limit is too short.
    ExecutionTime,
    /// Every serverless platform's memory ceiling is too low.
    Memory,
    /// Every serverless platform's payload limit is too small.
    Payload,
    /// Every serverless platform is ruled out, by limits of other kinds.
    OtherLimit,
    Gpu,
    /// WebSockets / persistent TCP connections held open between requests.
    HeldConnections,
    /// More concurrent environments than the database accepts connections.
    DatabaseConnections,
}

/// When a platform's traffic to the internet goes through NAT gateways (one per availability zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nat {
    /// Managed networking: the provider's own egress, no gateway of yours.
    Never,
    /// Runs in your VPC: a NAT gateway when `private_subnets` is set.
    PrivateSubnets,
    /// Runs in your VPC only when `vpc` is set (Lambda), then as `PrivateSubnets`.
    InVpc,
}

/// One row of the platform table.
#[derive(Debug)]
pub struct Platform {
    pub id: PlatformId,
    /// The serde id (`aws_lambda`).
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    pub family: Family,
    /// Pay per use (functions and request-billed containers), as opposed to provisioned capacity.
    pub serverless: bool,
    pub colour: Colour,
    /// The blockers whose workaround runs here.
    pub works_around: &'static [Blocker],
    /// Whose network the responses leave: the data transfer out rule.
    pub network: Network,
    /// The log service the platform writes to; `None` = not priced (Workers Logs come with the paid plan).
    pub logs: Option<LogService>,
    pub nat: Nat,
    /// Whose published commitment discount applies to the committed baseline; `None` = not eligible.
    pub commitment: Option<Committed>,
    /// The first limit the workload breaks here, if any: hard limits first, then unguaranteed ones.
    pub(super) limits: fn(&Scenario, &Rates) -> Option<Limit>,
    /// Writes the month's charges.
    pub(super) price: fn(&Usage, &mut Bill),
}

macro_rules! platform_table {
    ($($variant:ident = $key:literal { $($row:tt)* },)*) => {
        /// Stable platform ids of the `crossover eval` contract, one per row of `PLATFORMS`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum PlatformId {
            $(#[serde(rename = $key)] $variant,)*
        }

        impl PlatformId {
            /// Every platform, in table order.
            pub const ALL: &'static [PlatformId] = &[$(PlatformId::$variant,)*];
        }

        /// The platform table: every platform declared once; everything else iterates it.
        pub static PLATFORMS: &[Platform] = &[$(Platform { id: PlatformId::$variant, key: $key, $($row)* },)*];
    };
}
pub(super) use platform_table;

impl PlatformId {
    /// This platform's row of the table.
    pub fn row(self) -> &'static Platform {
        &PLATFORMS[self.index()]
    }

    /// Position in `ALL` and `PLATFORMS`.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_serverless(self) -> bool {
        self.row().serverless
    }

    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The serde id, e.g. `aws_lambda`.
    pub fn key(self) -> &'static str {
        self.row().key
    }
}

impl std::fmt::Display for PlatformId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Anything priced per platform: the cost engine's `PlatformCost`, the verdict's evidence.
pub trait Priced {
    fn id(&self) -> PlatformId;
    fn monthly_usd(&self) -> f64;
    /// No hard limit rules the platform out.
    fn feasible(&self) -> bool;
}

/// The cheapest feasible platform, optionally only among serverless (`Some(true)`) or provisioned
/// (`Some(false)`) ones. Ties go to the earlier row.
pub fn cheapest<T: Priced>(items: &[T], serverless: Option<bool>) -> Option<&T> {
    items
        .iter()
        .filter(|p| p.feasible() && serverless.is_none_or(|want| p.id().is_serverless() == want))
        .min_by(|a, b| a.monthly_usd().total_cmp(&b.monthly_usd()))
}

/// Lookup by id.
pub fn by_id<T: Priced>(items: &[T], id: PlatformId) -> Option<&T> {
    items.iter().find(|p| p.id() == id)
}
