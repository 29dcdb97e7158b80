//! `Clone` and `PartialEq` of a generated struct, over its field table instead of a derive with a
//! line per field: across the whole Graph schema the derived ones were, with `Debug`, the largest
//! cost of `cargo check` after decoding and encoding themselves.
//!
//! A field is matched to its counterpart by index: the two values are of one struct type, so the
//! field at an index has one type on both sides
//! ([`Slot::clone_from_slot`](super::Slot::clone_from_slot) and
//! [`Slot::eq_slot`](super::Slot::eq_slot) check it all the same).

use super::Structured;

/// `Clone` for a generated struct: a default value, then each field and the additional data cloned
/// into it.
pub fn clone_structured<T: Structured + Default>(value: &T) -> T {
    let mut out = T::default();
    clone_into(value, &mut out);
    out
}

/// Clones every field and the additional data of `source` into `target`, a value of its type.
pub(crate) fn clone_into(source: &dyn Structured, target: &mut dyn Structured) {
    let fields = source.type_info().fields.len();
    for index in 0..fields {
        if let (Some(from), Some(to)) = (source.field(index), target.field_mut(index)) {
            to.clone_from_slot(from);
        }
    }
    target
        .additional_data_mut()
        .clone_from(source.additional_data());
}

/// `PartialEq` for a generated struct, as derived: every field and the additional data equal.
pub fn eq_structured(a: &dyn Structured, b: &dyn Structured) -> bool {
    let fields = a.type_info().fields.len();
    (0..fields).all(|index| match (a.field(index), b.field(index)) {
        (Some(x), Some(y)) => x.eq_slot(y),
        (x, y) => x.is_none() && y.is_none(),
    }) && a.additional_data() == b.additional_data()
}
