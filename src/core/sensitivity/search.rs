//! The searches behind "what flips it": each walks the model itself (cost engine, `decide`, simulation)
//! and counts its evaluations against a fixed budget, so the analysis stays bounded in time.

/// A budget of model evaluations shared by one search.
pub struct Budget {
    pub left: u32,
    pub used: u32,
}

impl Budget {
    pub fn new(cap: u32) -> Budget {
        Budget { left: cap, used: 0 }
    }

    /// Takes one evaluation; `false` once the cap is reached.
    pub fn take(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        self.used += 1;
        true
    }
}

/// Walks from `start` toward `limit` by factors of `step` (geometric) until `f` differs from `f(start)`,
/// then bisects the last bracket geometrically. Returns the first value with the new outcome, and it.
/// `start` and `limit` must be > 0.
pub fn geometric_flip<T: PartialEq + Copy>(
    start: f64,
    limit: f64,
    step: f64,
    budget: &mut Budget,
    mut f: impl FnMut(f64) -> T,
) -> Option<(f64, T)> {
    if !(start > 0.0 && limit > 0.0 && step > 1.0 && budget.take()) {
        return None;
    }
    let here = f(start);
    let up = limit > start;
    let towards = |x: f64| {
        let next = if up { x * step } else { x / step };
        if up { next.min(limit) } else { next.max(limit) }
    };
    let (mut same, mut other) = (start, None);
    while same != limit && budget.take() {
        let x = towards(same);
        let got = f(x);
        if got != here {
            other = Some((x, got));
            break;
        }
        same = x;
    }
    let (mut diff, mut outcome) = other?;
    // Eight halvings of a ×4 bracket pin the flip to within about 0.5 %.
    for _ in 0..8 {
        if !budget.take() {
            break;
        }
        let mid = (same * diff).sqrt();
        let got = f(mid);
        if got == here {
            same = mid;
        } else {
            (diff, outcome) = (mid, got);
        }
    }
    Some((diff, outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_step_in_both_directions() {
        let step = |x: f64| x >= 1000.0;
        let mut b = Budget::new(40);
        let (x, got) = geometric_flip(10.0, 1e9, 4.0, &mut b, step).unwrap();
        assert!(got && (1000.0..1010.0).contains(&x), "{x}");
        assert!(b.used <= 40);
        let mut b = Budget::new(40);
        let (x, got) = geometric_flip(1e6, 1.0, 4.0, &mut b, step).unwrap();
        assert!(!got && (990.0..1000.0).contains(&x), "{x}");
    }

    #[test]
    fn no_flip_and_exhausted_budgets_are_none() {
        let mut b = Budget::new(40);
        assert_eq!(geometric_flip(1.0, 1e12, 4.0, &mut b, |_| 0), None);
        let mut b = Budget::new(2);
        assert_eq!(geometric_flip(1.0, 1e12, 4.0, &mut b, |x| x > 1e6), None);
        assert_eq!(b.used, 2);
    }
}
