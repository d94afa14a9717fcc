//! Which catalogue entries each line item of a bill rests on, found by the pricing itself rather than
//! listed by hand: each entry is nudged in turn (one copy of the catalogue, restored after each key) and
//! a line whose amount or arithmetic changes used it. A figure that cannot move the bill at this
//! workload (a tier not reached, a limit not met, an allowance that covers it all) is not named; the
//! UNVERIFIED keys a model flags (`Usage::flag`) are always named.

use super::bill::Bill;
use super::{PLATFORMS, Platform, SimUsage, Usage, price_row, usage};
use crate::core::catalog::{Catalog, HiddenRates, Rates};
use crate::core::coldstart::analytic;
use crate::core::scenario::Scenario;
use crate::core::traffic;

/// The catalogue keys behind each line item, by platform (table order), then by line (breakdown order).
pub type Provenance = Vec<Vec<LineKeys>>;

/// One line item by its name, and the catalogue keys it was priced from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineKeys {
    pub item: String,
    pub keys: Vec<&'static str>,
}

/// The keys of the line named `item` on platform `index` (a table row), if it has that line.
pub fn keys_of<'a>(p: &'a Provenance, index: usize, item: &str) -> Option<&'a [&'static str]> {
    p.get(index)?.iter().find(|l| l.item == item).map(|l| l.keys.as_slice())
}

/// The keys behind each line item as `price_all(s, cat, sim)` lists them. Each nudge is priced as
/// totals first (no text is formatted); only the platforms whose total moved are priced again line by
/// line, so a line is named from the entries that move its amount or its arithmetic on a bill that moved.
pub fn provenance(s: &Scenario, cat: &Catalog, sim: Option<&SimUsage>) -> Provenance {
    let weights = usage::weights(s);
    let distinct = traffic::distinct(&weights);
    let cold = Some(analytic::Inputs::builtin(s));
    let bill = |u: &Usage, row: &Platform, detailed: bool| {
        let mut bill = Bill::new(detailed);
        price_row(row, u, &mut bill);
        bill
    };
    let base_usage = Usage::new(s, cat, sim, &weights, &distinct, s.requests_per_month, cold);
    let base: Vec<Bill> = PLATFORMS.iter().map(|row| bill(&base_usage, row, true)).collect();
    // The UNVERIFIED keys a model flags are named whatever the nudges show.
    let mut used: Vec<Vec<Vec<&'static str>>> = base
        .iter()
        .map(|b| b.items.iter().map(|item| item.unverified.iter().filter_map(|k| catalogue_key(k)).collect()).collect())
        .collect();
    let mut nudged = cat.clone();
    for &key in Rates::KEYS.iter().chain(HiddenRates::KEYS) {
        let Some(entry) = cat.entry(key).cloned() else { continue };
        if !nudge(&mut nudged, key, entry.value) {
            continue;
        }
        let u = Usage::new(s, &nudged, sim, &weights, &distinct, s.requests_per_month, cold);
        for ((row, lines), a) in PLATFORMS.iter().zip(used.iter_mut()).zip(&base) {
            if bill(&u, row, false).total == a.total {
                continue;
            }
            let b = bill(&u, row, true);
            for (i, (line, item)) in lines.iter_mut().zip(&a.items).enumerate() {
                let twin = b
                    .items
                    .get(i)
                    .filter(|x| x.item == item.item)
                    .or_else(|| b.items.iter().find(|x| x.item == item.item));
                if twin.is_none_or(|x| x.usd != item.usd || x.detail != item.detail) && !line.contains(&key) {
                    line.push(key);
                }
            }
        }
        nudged.restore(key, entry);
    }
    base.iter()
        .zip(used)
        .map(|(b, lines)| b.items.iter().zip(lines).map(|(i, keys)| LineKeys { item: i.item.clone(), keys }).collect())
        .collect()
}

/// The schema's own `&'static str` for a key.
/// The catalogue's own name of `key` (a rate or hidden-cost key), if it is one.
pub fn catalogue_key(key: &str) -> Option<&'static str> {
    Rates::KEYS.iter().chain(HiddenRates::KEYS).find(|k| **k == key).copied()
}

/// Moves `key` a quarter up (a fraction that must stay below 1: a fifth down; zero: to 0.01).
fn nudge(cat: &mut Catalog, key: &str, value: f64) -> bool {
    let up = if value == 0.0 { 0.01 } else { value * 1.25 };
    cat.set_price(key, up).is_ok() || cat.set_price(key, value * 0.8).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cost::{PlatformId, price_all};

    #[test]
    fn each_line_names_what_it_is_priced_from() {
        let s = Scenario::default();
        let cat = Catalog::builtin();
        let bills = price_all(&s, &cat, None);
        let keys = provenance(&s, &cat, None);
        assert_eq!(keys.len(), bills.len());
        for (p, k) in bills.iter().zip(&keys) {
            let items: Vec<&str> = k.iter().map(|l| l.item.as_str()).collect();
            assert_eq!(items, p.breakdown.iter().map(|l| l.item.as_str()).collect::<Vec<_>>(), "{}", p.name);
        }
        let lambda = PlatformId::AwsLambda.index();
        let requests = keys_of(&keys, lambda, "Requests").unwrap();
        assert!(requests.contains(&"lambda.requests"), "{requests:?}");
        assert!(!requests.contains(&"cloud_run.requests"), "{requests:?}");
        // Every named key moves only what it prices: Cloud Run's lines never name a Lambda price.
        let cloud_run = PlatformId::CloudRun.index();
        let cloud_run_keys: Vec<&str> = keys[cloud_run].iter().flat_map(|l| l.keys.iter().copied()).collect();
        assert!(cloud_run_keys.iter().all(|k| !k.starts_with("lambda.")), "{cloud_run_keys:?}");
        assert!(cloud_run_keys.contains(&"cloud_run.vcpu_s"), "{cloud_run_keys:?}");
        // A line resting on an UNVERIFIED entry names it (Fargate Spot's discount, with Spot on).
        let spot = Scenario { fargate_spot: true, ..Scenario::default() };
        let (bills, keys) = (price_all(&spot, &cat, None), provenance(&spot, &cat, None));
        let fargate = PlatformId::AwsFargate.index();
        for (item, k) in bills[fargate].breakdown.iter().zip(&keys[fargate]) {
            assert!(item.unverified.iter().all(|u| k.keys.contains(&u.as_str())), "{}: {k:?}", item.item);
        }
    }
}
