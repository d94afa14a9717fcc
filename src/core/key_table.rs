//! The scenario's keys as one table: for each key its name, what it accepts (a range, a set of ids, a
//! flag, a list of weights) and what it means. The field checks, every decoder (JSON, link, storage,
//! fleet CSV), the UI's controls and the README's key table read it, so each key is described once.
//!
//! `scenario!` writes the table and the `Scenario` struct from the same rows: a row is the field's doc
//! comment (its meaning), name, type, default and accepted values. `choices!` writes an enum whose
//! values are ids, with its list of (id, label). Adding a key is one row (plus, for an enum key, its
//! `choices!` enum). This module knows nothing of the scenario itself.

use serde_json::Value;

/// What a key accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Accepts {
    /// A number in `min..=max`. `whole`: an integer; `optional`: may also be unset (`null`, `none`);
    /// both follow from the field's type. `log`: the quantity spans decades, so a slider moves on a log
    /// scale (of 1 + value when `min` is 0).
    Number { min: f64, max: f64, whole: bool, optional: bool, log: bool },
    /// `true` or `false`.
    Flag,
    /// One of a fixed set of ids, each with a label for people: (id, label).
    OneOf(&'static [(&'static str, &'static str)]),
    /// A list of weights, each finite and ≥ 0, at most `max_len` of them.
    Weights { max_len: usize },
}

/// A number in `min..=max` on a linear scale.
pub const fn range(min: f64, max: f64) -> Accepts {
    Accepts::Number { min, max, whole: false, optional: false, log: false }
}

/// A number in `min..=max` that spans decades (requests, durations, sizes).
pub const fn decades(min: f64, max: f64) -> Accepts {
    Accepts::Number { min, max, whole: false, optional: false, log: true }
}

pub const fn flag() -> Accepts {
    Accepts::Flag
}

pub const fn one_of(values: &'static [(&'static str, &'static str)]) -> Accepts {
    Accepts::OneOf(values)
}

pub const fn weights(max_len: usize) -> Accepts {
    Accepts::Weights { max_len }
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub accepts: Accepts,
    /// The key's short name in links (`query`); once published, never reused for another key.
    pub alias: &'static str,
    /// The field's doc comment, lines joined.
    doc: &'static str,
}

impl Key {
    /// A row; a number's `whole` and `optional` come from the field's type (`FieldValue`).
    pub const fn new(
        name: &'static str,
        accepts: Accepts,
        alias: &'static str,
        (whole, optional): (bool, bool),
        doc: &'static str,
    ) -> Key {
        let accepts = match accepts {
            Accepts::Number { min, max, log, .. } => Accepts::Number { min, max, whole, optional, log },
            other => other,
        };
        Key { name, accepts, alias, doc }
    }

    /// What the key means, one sentence or two (the field's doc comment).
    pub fn meaning(&self) -> &'static str {
        self.doc.trim()
    }

    /// (min, max) of a numeric key.
    pub fn range(&self) -> Option<(f64, f64)> {
        match self.accepts {
            Accepts::Number { min, max, .. } => Some((min, max)),
            _ => None,
        }
    }

    /// What the key accepts, as the end of "expected …" (`a number in 0–1000000000000 or null`).
    pub fn expected(&self) -> String {
        match self.accepts {
            Accepts::Number { min, max, whole, optional, .. } => {
                let noun = if whole { "a whole number" } else { "a number" };
                format!("{noun} in {}{}", span(min, max), if optional { " or null" } else { "" })
            }
            Accepts::Flag => "true or false".into(),
            Accepts::OneOf(values) => ids(values),
            Accepts::Weights { .. } => "a list of numbers".into(),
        }
    }

    /// Why `value` is not accepted, or `None` when it is.
    pub fn problem(&self, value: Field<'_>) -> Option<String> {
        match (self.accepts, value) {
            (Accepts::Number { optional: true, .. }, Field::Unset) | (Accepts::Flag, Field::Flag(_)) => None,
            (Accepts::Number { min, max, whole, .. }, Field::Number(v)) => {
                if !v.is_finite() {
                    Some(format!("must be a finite number in {}", span(min, max)))
                } else if v < min || v > max {
                    Some(format!("{v} is outside the allowed range {}", span(min, max)))
                } else if whole && v.fract() != 0.0 {
                    Some(format!("{v} is not a whole number ≥ 0"))
                } else {
                    None
                }
            }
            (Accepts::OneOf(values), Field::Id(id)) => (!values.iter().any(|(v, _)| *v == id))
                .then(|| format!("unknown value `{}`; expected {}", clip(id), ids(values))),
            (Accepts::Weights { max_len }, Field::Weights(w)) => {
                if w.len() > max_len {
                    Some(format!("at most {max_len} weights, got {}", w.len()))
                } else if w.iter().any(|x| !x.is_finite() || *x < 0.0) {
                    Some("weights must be finite and ≥ 0".into())
                } else {
                    None
                }
            }
            _ => Some(format!("expected {}", self.expected())),
        }
    }
}

/// "0–86400000": plain numbers, the largest u64 (a seed) written exactly.
fn span(min: f64, max: f64) -> String {
    let exact = |v: f64| if v == u64::MAX as f64 { u64::MAX.to_string() } else { v.to_string() };
    format!("{}–{}", exact(min), exact(max))
}

/// "`x86_64` or `arm64`", "one of `steady`, `diurnal`, …" — every id, so a message names the fix.
fn ids(values: &[(&str, &str)]) -> String {
    let quoted: Vec<String> = values.iter().map(|(id, _)| format!("`{id}`")).collect();
    match quoted.as_slice() {
        [a, b] => format!("{a} or {b}"),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// A value fit to echo in a message: at most 40 characters.
fn clip(text: &str) -> String {
    if text.chars().count() <= 40 { text.to_string() } else { text.chars().take(40).chain(['…']).collect() }
}

/// A field's value as the table checks it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a> {
    Number(f64),
    /// An optional number that is not set.
    Unset,
    Flag(bool),
    Id(&'a str),
    Weights(&'a [f64]),
}

/// The Rust types a scenario field may have, seen through the table.
pub trait FieldValue: Sized {
    const WHOLE: bool = false;
    const OPTIONAL: bool = false;
    fn field(&self) -> Field<'_>;
    /// The field from its JSON value, as serde would read it (a whole number for an integer type, `null`
    /// for an unset option), or `None` when the value has another type.
    fn from_json(value: &Value) -> Option<Self>;
}

impl FieldValue for f64 {
    fn field(&self) -> Field<'_> {
        Field::Number(*self)
    }
    fn from_json(value: &Value) -> Option<f64> {
        value.as_f64()
    }
}

impl FieldValue for u32 {
    const WHOLE: bool = true;
    fn field(&self) -> Field<'_> {
        Field::Number(f64::from(*self))
    }
    fn from_json(value: &Value) -> Option<u32> {
        value.as_u64().and_then(|n| u32::try_from(n).ok())
    }
}

impl FieldValue for u64 {
    const WHOLE: bool = true;
    fn field(&self) -> Field<'_> {
        // Only compared with the range; the nearest f64 is close enough for that.
        Field::Number(*self as f64)
    }
    fn from_json(value: &Value) -> Option<u64> {
        value.as_u64()
    }
}

impl FieldValue for bool {
    fn field(&self) -> Field<'_> {
        Field::Flag(*self)
    }
    fn from_json(value: &Value) -> Option<bool> {
        value.as_bool()
    }
}

impl FieldValue for String {
    fn field(&self) -> Field<'_> {
        Field::Id(self)
    }
    fn from_json(value: &Value) -> Option<String> {
        value.as_str().map(str::to_string)
    }
}

impl FieldValue for Vec<f64> {
    fn field(&self) -> Field<'_> {
        Field::Weights(self)
    }
    fn from_json(value: &Value) -> Option<Vec<f64>> {
        value.as_array()?.iter().map(Value::as_f64).collect()
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    const WHOLE: bool = T::WHOLE;
    const OPTIONAL: bool = true;
    fn field(&self) -> Field<'_> {
        self.as_ref().map_or(Field::Unset, T::field)
    }
    fn from_json(value: &Value) -> Option<Option<T>> {
        if value.is_null() { Some(None) } else { T::from_json(value).map(Some) }
    }
}

/// The message for a field whose JSON value has the wrong type (one function, not one per field).
#[inline(never)]
pub fn wrong_type(key: &str) -> String {
    format!("invalid type for `{key}`")
}

/// An enum whose values are ids: serialised as the id, with `VALUES` = every (id, label) in order
/// and `id()`. Used for every enum-valued scenario key.
macro_rules! choices {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($id:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $variant ),+
        }

        impl $name {
            /// Every value as (id, label), in declaration order.
            pub const VALUES: &'static [(&'static str, &'static str)] = &[$(($id, $label)),+];

            /// The id this value is written as.
            pub fn id(self) -> &'static str {
                match self {
                    $( $name::$variant => $id ),+
                }
            }
        }

        impl $crate::core::key_table::FieldValue for $name {
            fn field(&self) -> $crate::core::key_table::Field<'_> {
                $crate::core::key_table::Field::Id(self.id())
            }
            fn from_json(value: &::serde_json::Value) -> Option<$name> {
                match value.as_str()? {
                    $( $id => Some($name::$variant), )+
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use choices;

/// The `Scenario` struct, its `Default` and its key table `KEYS`, from one row per key:
/// `/// meaning` `name: Type = default, accepts, "alias";` (see `Accepts`, and `Key::alias`).
macro_rules! scenario {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[doc = $doc:literal])+ $key:ident: $ty:ty = $default:expr, $accepts:expr, $alias:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $( $(#[doc = $doc])+ pub $key: $ty, )+
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $( $key: $default, )+ }
            }
        }

        /// Every scenario key, in declaration order (the order of the README table and of the JSON).
        pub const KEYS: &[$crate::core::key_table::Key] = &[$(
            $crate::core::key_table::Key::new(
                stringify!($key),
                $accepts,
                $alias,
                (
                    <$ty as $crate::core::key_table::FieldValue>::WHOLE,
                    <$ty as $crate::core::key_table::FieldValue>::OPTIONAL,
                ),
                concat!($($doc),+),
            )
        ),+];

        impl $name {
            /// The scenario a JSON object describes: its keys over the defaults. Like serde's derive with
            /// `default, deny_unknown_fields` (which the CLI's and the tests' serde paths still use), but
            /// one small read per field instead of serde's generic visitor for `Value` (~14 KB of wasm).
            /// Values are not range-checked here (`keys::check_value` and `validate` do that).
            pub fn from_map(map: &::serde_json::Map<String, ::serde_json::Value>) -> Result<$name, String> {
                if let Some(k) = map.keys().find(|k| !KEYS.iter().any(|key| key.name == k.as_str())) {
                    return Err(format!("unknown field `{k}`"));
                }
                let mut s = $name::default();
                $(
                    if let Some(v) = map.get(stringify!($key)) {
                        s.$key = <$ty as $crate::core::key_table::FieldValue>::from_json(v)
                            .ok_or_else(|| $crate::core::key_table::wrong_type(stringify!($key)))?;
                    }
                )+
                Ok(s)
            }

            /// Every field's value with its row of `KEYS`.
            pub fn fields(&self) -> impl Iterator<Item = (&'static $crate::core::key_table::Key, $crate::core::key_table::Field<'_>)> {
                KEYS.iter().zip([$( $crate::core::key_table::FieldValue::field(&self.$key) ),+])
            }
        }
    };
}
pub(crate) use scenario;

#[cfg(test)]
mod tests {
    use super::*;

    fn check(accepts: Accepts, whole: bool, optional: bool, value: Field, expected: Option<&str>) {
        let key = Key::new("k", accepts, "k", (whole, optional), " Doc.");
        let got = key.problem(value);
        match expected {
            None => assert_eq!(got, None, "{accepts:?} {value:?}"),
            Some(part) => assert!(got.as_deref().is_some_and(|g| g.contains(part)), "{accepts:?} {value:?}: {got:?}"),
        }
    }

    #[test]
    fn checks_each_kind_of_value() {
        const AB: &[(&str, &str)] = &[("a", "A"), ("b", "B")];
        const ABC: &[(&str, &str)] = &[("a", "A"), ("b", "B"), ("c", "C")];
        check(range(1.0, 5.0), false, false, Field::Number(2.5), None);
        check(range(1.0, 5.0), false, false, Field::Number(5.5), Some("5.5 is outside the allowed range 1–5"));
        check(range(1.0, 5.0), false, false, Field::Number(f64::NAN), Some("finite number in 1–5"));
        check(range(1.0, 5.0), true, false, Field::Number(2.5), Some("not a whole number"));
        check(range(1.0, 5.0), false, false, Field::Unset, Some("expected a number in 1–5"));
        check(decades(1.0, 5.0), false, true, Field::Unset, None);
        check(flag(), false, false, Field::Flag(true), None);
        check(one_of(AB), false, false, Field::Id("b"), None);
        check(one_of(AB), false, false, Field::Id("z"), Some("unknown value `z`; expected `a` or `b`"));
        check(one_of(ABC), false, false, Field::Id(""), Some("expected one of `a`, `b`, `c`"));
        check(one_of(AB), false, false, Field::Id(&"x".repeat(100)), Some(&format!("`{}…`", "x".repeat(40))));
        check(weights(2), false, false, Field::Weights(&[0.0, 1.0]), None);
        check(weights(2), false, false, Field::Weights(&[0.0, 1.0, 2.0]), Some("at most 2 weights, got 3"));
        check(weights(2), false, false, Field::Weights(&[-1.0]), Some("≥ 0"));
        check(weights(2), false, false, Field::Weights(&[f64::INFINITY]), Some("finite"));
    }

    #[test]
    fn a_row_takes_whole_and_optional_from_the_type() {
        let key = Key::new("k", decades(0.0, 9.0), "k", (<Option<u32>>::WHOLE, <Option<u32>>::OPTIONAL), " A\n B ");
        assert_eq!(key.accepts, Accepts::Number { min: 0.0, max: 9.0, whole: true, optional: true, log: true });
        assert_eq!(key.expected(), "a whole number in 0–9 or null");
        assert_eq!(key.meaning(), "A\n B");
    }
}
