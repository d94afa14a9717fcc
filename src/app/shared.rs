//! A value the views share, equal by identity: data made once per change (in a memo) and handed to hooks
//! and props, where comparing by value would walk all of it on every render that asks "did it change?".

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc<T>` whose `==` is `Rc::ptr_eq`: two handles are equal when they hold the same allocation.
/// Right for values made in a memo (a new one only when its inputs change): an equal value made twice
/// reads as a change, which costs one recomputation, never a stale view. The catalogue is one: by value,
/// its hundreds of entries were compared on every input (the assessment's memo) and on every render of
/// the Fleet and Prices pages (their props). So are the simulations (every platform's report, with its
/// day by the minute), compared on every input by the assessment's memo and the cold-start card.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Shared<T> {
        Shared(rc)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
