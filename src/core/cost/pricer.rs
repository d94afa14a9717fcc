//! Prices one scenario at many volumes without breakdowns (the crossover curves, searches, fleets).

use super::bill::Bill;
use super::usage::Fixed;
use super::{PLATFORMS, PlatformId, Usage, infeasible_reason, price_row, usage};
use crate::core::catalog::Catalog;
use crate::core::coldstart::analytic;
use crate::core::scenario::Scenario;
use crate::core::traffic;

/// Traffic weights, the analytic cold-start inputs and feasibility are resolved once; each volume then
/// costs one pass over the table.
pub struct Pricer<'a> {
    s: &'a Scenario,
    cat: &'a Catalog,
    weights: Vec<f64>,
    /// `weights`' distinct values with their counts (`traffic::distinct`).
    distinct: Vec<(f64, f64)>,
    cold: analytic::Inputs,
    /// By table row.
    feasible: Vec<bool>,
    /// What every volume's pricing shares (instance types, `Ceiling`s).
    fixed: Fixed,
}

impl<'a> Pricer<'a> {
    pub fn new(s: &'a Scenario, cat: &'a Catalog) -> Pricer<'a> {
        Pricer::with_weights(s, cat, usage::weights(s), analytic::Inputs::builtin(s))
    }

    /// For many scenarios that share a traffic shape (a fleet): `weights` from `shape_weights` of any
    /// of them, so the week's curve is built once rather than per scenario, and `cold` resolved once per
    /// kind of function.
    pub fn with_weights(s: &'a Scenario, cat: &'a Catalog, weights: Vec<f64>, cold: analytic::Inputs) -> Pricer<'a> {
        let feasible = PLATFORMS.iter().map(|row| infeasible_reason(row.id, s, cat).is_none()).collect();
        Pricer { s, cat, distinct: traffic::distinct(&weights), weights, cold, feasible, fixed: Fixed::default() }
    }

    pub fn feasible(&self, id: PlatformId) -> bool {
        self.feasible[id.index()]
    }

    /// Added monthly cost of `n` provisioned environments on Lambda at the scenario's volume: the bill with
    /// them minus the bill without (analytic, a commitment's credit on them included).
    pub fn provisioned_usd(&self, n: u32) -> f64 {
        let lambda = |provisioned_concurrency: u32| {
            let t = Scenario { provisioned_concurrency, ..self.s.clone() };
            let u =
                Usage::new(&t, self.cat, None, &self.weights, &self.distinct, t.requests_per_month, Some(self.cold));
            let mut bill = Bill::new(false);
            price_row(PlatformId::AwsLambda.row(), &u, &mut bill);
            bill.total
        };
        lambda(n) - lambda(0)
    }

    /// Monthly USD of every platform at `requests` per month (analytic, no simulation), in table order;
    /// `None` where infeasible.
    pub fn totals(&self, requests: f64) -> Vec<Option<f64>> {
        let u = Usage::new(self.s, self.cat, None, &self.weights, &self.distinct, requests, Some(self.cold))
            .sharing(&self.fixed);
        PLATFORMS
            .iter()
            .zip(&self.feasible)
            .map(|(row, &ok)| {
                ok.then(|| {
                    let mut bill = Bill::new(false);
                    price_row(row, &u, &mut bill);
                    bill.total
                })
            })
            .collect()
    }
}
