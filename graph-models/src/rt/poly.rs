//! What a generated `Any<Type>` enum does with whichever struct it holds, written once here.
//!
//! An enum gives [`Polymorphic::held`] and [`Polymorphic::held_mut`], which hand over the boxed
//! struct behind `dyn`; `Debug`, `Clone`, `PartialEq`, encoding, decoding, the additional data,
//! `odata_type` and the declared type's property accessors go through them. Derived and
//! hand-written per-enum matches cost the compiler a match arm per variant per trait (`AnyEntity`
//! has 1,147 variants), the largest single bodies of the whole Graph schema.

use super::erased::{Failed, Output, OutputOf};
use super::ser::encode_object;
use super::traits::clone_into;
use super::{eq_structured, field_index, PolyInfo, Polymorphic, Value};
use crate::{AdditionalData, Field};
use core::fmt;

fn is_fallback(info: &PolyInfo, index: usize) -> bool {
    index + 1 >= info.variants.len()
}

/// The tag a variant writes by itself: a derived type's; none for the declared type and the
/// fallback (which keeps the tag it came with, if any, in its additional data).
fn written_tag(info: &PolyInfo, index: usize) -> Option<&'static str> {
    if index == 0 || is_fallback(info, index) {
        None
    } else {
        info.variants.get(index).map(|v| v.1)
    }
}

/// `Value::encode` for a generated polymorphic enum.
pub fn encode_polymorphic<P: Polymorphic>(value: &P, out: &mut dyn Output) -> Result<(), Failed> {
    let (index, held) = value.held();
    encode_object(held, written_tag(P::INFO, index), out)
}

/// `Serialize` for a generated polymorphic enum.
pub fn serialize_polymorphic<P: Polymorphic, S: serde::Serializer>(
    value: &P,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = OutputOf::new(serializer);
    let result = encode_polymorphic(value, &mut out);
    out.finish(result)
}

/// `Debug` for a generated polymorphic enum: `Variant(Struct { .. })`.
pub fn debug_polymorphic<P: Polymorphic>(value: &P, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (index, held) = value.held();
    let name = P::INFO.variants.get(index).map_or("Other", |v| v.0);
    f.debug_tuple(name).field(&held).finish()
}

/// `PartialEq` for a generated polymorphic enum: the same variant, holding equal structs.
pub fn eq_polymorphic<P: Polymorphic>(a: &P, b: &P) -> bool {
    let ((i, x), (j, y)) = (a.held(), b.held());
    i == j && eq_structured(x, y)
}

/// `Clone` for a generated polymorphic enum.
pub fn clone_polymorphic<P: Polymorphic>(value: &P) -> P {
    let (index, source) = value.held();
    let variant = if is_fallback(P::INFO, index) {
        None
    } else {
        u16::try_from(index).ok()
    };
    let mut out = P::new_variant(variant);
    clone_into(source, out.held_mut());
    out
}

/// The additional data of whichever struct the value holds.
pub fn poly_additional_data<P: Polymorphic>(value: &P) -> &AdditionalData {
    value.held().1.additional_data()
}

/// The additional data of whichever struct the value holds, mutably.
pub fn poly_additional_data_mut<P: Polymorphic>(value: &mut P) -> &mut AdditionalData {
    value.held_mut().additional_data_mut()
}

/// The type a polymorphic value has: the tag it was decoded with, else `#namespace.name` of its
/// variant.
pub fn odata_type<P: Polymorphic>(value: &P) -> &str {
    let (index, held) = value.held();
    if let Some((_, serde_json::Value::String(tag))) = held.additional_data().type_annotation() {
        return tag;
    }
    P::INFO.variants.get(index).map_or("", |v| v.1)
}

/// The declared type's property `name` of whichever struct the value holds (every variant derives
/// from the declared type, so has it).
pub fn poly_field<'a, P: Polymorphic, V: Value>(value: &'a P, name: &str) -> &'a Field<V> {
    let held = value.held().1;
    field_index(held.type_info(), name)
        .and_then(|index| held.field(index))
        .and_then(|slot| slot.as_any().downcast_ref::<Field<V>>())
        .unwrap_or(&Field::Absent)
}
