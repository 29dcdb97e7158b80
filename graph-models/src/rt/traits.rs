//! `Clone` and `PartialEq` of a generated struct, through the two bodies it has anyway
//! (`encode_properties` lists its fields, `decode_field` takes one by index) instead of a derive with a
//! line per field: across the whole Graph schema the derived ones were, with `Debug`, the largest
//! cost of `cargo check` after decoding and encoding themselves.
//!
//! A field is matched to its counterpart by position, and its type recovered with `Any`: the two
//! values are of one struct type, so the field at a position has one type on both sides.

use super::{Decode, FieldValue, Properties, Structured, OTHER};
use crate::{AdditionalData, Field};
use core::any::Any;
use core::convert::Infallible;

/// `Clone` for a generated struct: a default value, then each field and the additional data cloned
/// into it.
pub fn clone_structured<T: Structured>(value: &T) -> T {
    struct Fields<'t, T> {
        target: &'t mut T,
        index: usize,
    }
    impl<T: Structured> Properties<'_> for Fields<'_, T> {
        fn put<V: FieldValue>(&mut self, _: &str, value: &Field<V>) {
            let Ok(()) = self.target.decode_field(self.index, CloneOf(value));
            self.index += 1;
        }
    }
    let mut out = T::default();
    let extra = value.encode_properties(&mut Fields {
        target: &mut out,
        index: 0,
    });
    let Ok(()) = out.decode_field(OTHER, CloneOf(extra));
    out
}

/// Clones a source value into the slot `decode_field` hands over (the field at the same position,
/// or the additional data).
struct CloneOf<'v, S>(&'v S);

impl<S: Any> Decode for CloneOf<'_, S> {
    type Error = Infallible;
    fn key(&self) -> Option<&str> {
        None
    }
    fn field<V: FieldValue>(self, slot: &mut Field<V>) -> Result<(), Infallible> {
        // Always of the slot's type: the source is the same field of another value.
        if let Some(source) = (self.0 as &dyn Any).downcast_ref::<Field<V>>() {
            slot.clone_from(source);
        }
        Ok(())
    }
    fn other(self, data: &mut AdditionalData) -> Result<(), Infallible> {
        if let Some(source) = (self.0 as &dyn Any).downcast_ref::<AdditionalData>() {
            data.clone_from(source);
        }
        Ok(())
    }
}

/// `PartialEq` for a generated struct, as derived: every field and the additional data equal.
pub fn eq_structured<T: Structured>(a: &T, b: &T) -> bool {
    struct Collect<'b>(Vec<&'b dyn Any>);
    impl<'b> Properties<'b> for Collect<'b> {
        fn put<V: FieldValue>(&mut self, _: &str, value: &'b Field<V>) {
            self.0.push(value);
        }
    }
    struct Compare<'b, 'i> {
        others: core::slice::Iter<'i, &'b dyn Any>,
        equal: bool,
    }
    impl Properties<'_> for Compare<'_, '_> {
        fn put<V: FieldValue>(&mut self, _: &str, value: &Field<V>) {
            if self.equal {
                let other = self
                    .others
                    .next()
                    .and_then(|o| o.downcast_ref::<Field<V>>());
                self.equal = other == Some(value);
            }
        }
    }
    let mut others = Collect(Vec::with_capacity(T::TYPE.fields.len()));
    let b_extra = b.encode_properties(&mut others);
    let mut compare = Compare {
        others: others.0.iter(),
        equal: true,
    };
    let a_extra = a.encode_properties(&mut compare);
    compare.equal && a_extra == b_extra
}
