//! The line-item ledger every model writes to, and the number formatting of its `detail` text.

use super::LineItem;
use crate::core::select::{larger, smaller};

/// Collects line items. In totals-only mode (the crossover curves) the `detail` closures never
/// run, so pricing allocates nothing.
pub(crate) struct Bill {
    detailed: bool,
    pub total: f64,
    pub items: Vec<LineItem>,
    /// The always-on part of the charges a commitment may cover, as the platform's pricing declared it.
    pub committable: Committable,
}

/// What a Savings Plan or committed-use discount could cover on this bill without waste.
#[derive(Default)]
pub(crate) struct Committable {
    /// Commitment-eligible on-demand spend in the quietest hour, $ per hour: the baseline.
    pub usd_per_hour: f64,
    /// The month's commitment-eligible charges (a credit never exceeds their discount).
    pub eligible_usd: f64,
    /// What the baseline is made of, for the credit's detail (empty in totals-only mode).
    pub parts: Vec<String>,
}

fn finite(x: f64) -> f64 {
    if x.is_finite() { larger(x, 0.0) } else { 0.0 }
}

impl Bill {
    pub fn new(detailed: bool) -> Bill {
        Bill { detailed, total: 0.0, items: Vec::new(), committable: Committable::default() }
    }

    /// Whether line items are kept (else only the total: the curves).
    pub fn detailed(&self) -> bool {
        self.detailed
    }

    /// Adds one charge. Float noise below zero (free allowances) is clamped: a charge never credits.
    pub fn add(&mut self, item: &str, usd: f64, detail: impl FnOnce() -> String) {
        let usd = finite(usd);
        self.total += usd;
        if self.detailed {
            self.items.push(LineItem { item: item.to_string(), usd, detail: detail(), unverified: Vec::new() });
        }
    }

    /// Adds a credit of `saved` (≥ 0), shown as a negative line.
    pub fn credit(&mut self, item: &str, saved: f64, detail: impl FnOnce() -> String) {
        let saved = finite(saved).min(self.total);
        self.total -= saved;
        if self.detailed {
            self.items.push(LineItem { item: item.to_string(), usd: -saved, detail: detail(), unverified: Vec::new() });
        }
    }

    /// Marks the last line with the UNVERIFIED catalogue keys behind it (`keys` runs in detailed mode only).
    pub fn flag(&mut self, keys: impl FnOnce() -> Vec<String>) {
        if self.detailed
            && let Some(last) = self.items.last_mut()
        {
            last.unverified.extend(keys());
        }
    }

    /// Declares `usd_per_hour` of always-on, commitment-eligible spend out of `eligible_usd` charged in
    /// the month; `what` names it in the credit's detail. Declarations add up.
    pub fn commit(&mut self, usd_per_hour: f64, eligible_usd: f64, what: impl FnOnce() -> String) {
        self.committable.usd_per_hour += finite(usd_per_hour);
        self.committable.eligible_usd += finite(eligible_usd);
        if self.detailed {
            self.committable.parts.push(what());
        }
    }
}

/// Cost of `amount` under tiered prices: `tiers` are (start of tier, price per unit), first start 0.
/// Tiers are read in order; a tier whose start is below the previous one is simply empty.
pub(crate) fn tiered(amount: f64, tiers: &[(f64, f64)]) -> f64 {
    let mut cost = 0.0;
    let mut floor = 0.0_f64;
    for (i, &(start, price)) in tiers.iter().enumerate() {
        let start = larger(start, floor);
        let end = tiers.get(i + 1).map_or(f64::INFINITY, |t| larger(t.0, start));
        if amount > start {
            cost += (smaller(amount, end) - start) * price;
        }
        floor = end;
    }
    cost
}

/// A count or quantity with thousands separators: 10,000,000 · 0.25 · 1,234.5
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let decimals = if x.abs() >= 1000.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else {
        3
    };
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + 8);
    if x < 0.0 {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Dollars to the cent: $5.00 · $1,234.57
pub(crate) fn money(x: f64) -> String {
    let cents = (x * 100.0).round() / 100.0;
    let whole = num(cents.trunc());
    format!("${whole}.{:02}", ((cents.abs().fract() * 100.0).round() as u64).min(99))
}

/// A size given in KB, in MB: 6144 → "6 MB".
pub(crate) fn size_kb(kb: f64) -> String {
    format!("{} MB", num(kb / 1024.0))
}

/// A size given in MB, in GiB: 32768 → "32 GiB".
pub(crate) fn gib(mb: f64) -> String {
    format!("{} GiB", num(mb / 1024.0))
}

/// A time given in seconds, in minutes: 600 → "10 min".
pub(crate) fn minutes(s: f64) -> String {
    format!("{} min", num(s / 60.0))
}

/// A unit price exactly as the catalogue holds it: $0.0000166667
pub(crate) fn rate(x: f64) -> String {
    format!("${x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_split_the_amount() {
        let t = [(0.0, 3.0), (10.0, 2.0), (20.0, 1.0)];
        assert_eq!(tiered(5.0, &t), 15.0);
        assert_eq!(tiered(25.0, &t), 30.0 + 20.0 + 5.0);
        assert_eq!(tiered(0.0, &t), 0.0);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(10_000_000.0), "10,000,000");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(512.0), "512");
        assert_eq!(num(1234.56), "1,235");
        assert_eq!(rate(0.0000166667), "$0.0000166667");
        assert_eq!((money(5.0), money(1234.567), money(0.3)), ("$5.00".into(), "$1,234.57".into(), "$0.30".into()));
        assert_eq!((size_kb(6144.0), gib(32768.0), minutes(600.0)), ("6 MB".into(), "32 GiB".into(), "10 min".into()));
    }
}
