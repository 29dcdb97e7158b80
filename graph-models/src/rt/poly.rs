//! What a generated `Any<Type>` enum does with whichever struct it holds, written once here.
//!
//! An enum gives two matches, [`Polymorphic::visit`] and [`Polymorphic::visit_mut`], which hand the
//! boxed struct to a visitor; `Debug`, `Clone`, `PartialEq`, `Serialize`, decoding, the additional
//! data, `odata_type` and the declared type's property accessors are visitors. Derived and
//! hand-written per-enum matches cost the compiler a match arm per variant per trait (`AnyEntity`
//! has 1,147 variants), the largest single bodies of the whole Graph schema.

use super::{additional_data, decode_property, serialize_structured, Decode, Polymorphic};
use super::{FieldValue, Properties, Structured};
use crate::{AdditionalData, Field};
use core::any::Any;
use core::fmt::{self, Debug};
use core::marker::PhantomData;

/// What [`Polymorphic::visit`] hands the held struct to, with the variant's index into
/// [`super::PolyInfo::variants`].
pub trait Visit<'a> {
    type Output;
    fn visit<T: Variant>(self, value: &'a T, index: usize) -> Self::Output;
}

/// What [`Polymorphic::visit_mut`] hands the held struct to.
pub trait VisitMut<'a> {
    type Output;
    fn visit<T: Variant>(self, value: &'a mut T) -> Self::Output;
}

/// What a variant's struct is: every generated struct.
pub trait Variant: Structured + Clone + PartialEq + Debug + Any {}
impl<T: Structured + Clone + PartialEq + Debug + Any> Variant for T {}

/// Whether variant `index` is the fallback, `Other` (the last of [`super::PolyInfo::variants`]).
fn is_fallback<P: Polymorphic>(index: usize) -> bool {
    index + 1 >= P::INFO.variants.len()
}

/// The `@odata.type` a variant is written with: its own for every derived type, none for the
/// declared type (index 0) nor for the fallback (whose tag is in its additional data).
fn written_tag<P: Polymorphic>(index: usize) -> Option<&'static str> {
    if index == 0 || is_fallback::<P>(index) {
        None
    } else {
        P::INFO.variants.get(index).map(|v| v.1)
    }
}

/// `Serialize` for a generated polymorphic enum: the held struct, with the variant's tag.
pub fn serialize_polymorphic<P: Polymorphic, S: serde::Serializer>(
    value: &P,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct Ser<P, S>(S, PhantomData<P>);
    impl<P: Polymorphic, S: serde::Serializer> Visit<'_> for Ser<P, S> {
        type Output = Result<S::Ok, S::Error>;
        fn visit<T: Variant>(self, value: &T, index: usize) -> Self::Output {
            serialize_structured(value, written_tag::<P>(index), self.0)
        }
    }
    value.visit(Ser(serializer, PhantomData::<P>))
}

/// [`decode_property`] on the held struct.
pub(crate) fn decode_polymorphic<P: Polymorphic, D: Decode>(
    value: &mut P,
    decode: D,
) -> Result<(), D::Error> {
    struct Dec<D>(D);
    impl<D: Decode> VisitMut<'_> for Dec<D> {
        type Output = Result<(), D::Error>;
        fn visit<T: Variant>(self, value: &mut T) -> Self::Output {
            decode_property(value, self.0)
        }
    }
    value.visit_mut(Dec(decode))
}

/// `Debug` for a generated polymorphic enum, as derived: `Variant(Struct { .. })`.
pub fn debug_polymorphic<P: Polymorphic>(value: &P, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    struct Dbg<'f, 'b, P>(&'f mut fmt::Formatter<'b>, PhantomData<P>);
    impl<P: Polymorphic> Visit<'_> for Dbg<'_, '_, P> {
        type Output = fmt::Result;
        fn visit<T: Variant>(self, value: &T, index: usize) -> fmt::Result {
            let name = P::INFO.variants.get(index).map_or("Other", |v| v.0);
            self.0.debug_tuple(name).field(value).finish()
        }
    }
    value.visit(Dbg(f, PhantomData::<P>))
}

/// The variant index and struct `value` holds, as `&dyn Any`.
fn held<P: Polymorphic>(value: &P) -> (usize, &dyn Any) {
    struct Held;
    impl<'a> Visit<'a> for Held {
        type Output = (usize, &'a dyn Any);
        fn visit<T: Variant>(self, value: &'a T, index: usize) -> Self::Output {
            (index, value)
        }
    }
    value.visit(Held)
}

/// `PartialEq` for a generated polymorphic enum, as derived: the same variant with equal structs.
pub fn eq_polymorphic<P: Polymorphic>(a: &P, b: &P) -> bool {
    struct Eq<'b>(usize, &'b dyn Any);
    impl Visit<'_> for Eq<'_> {
        type Output = bool;
        fn visit<T: Variant>(self, value: &T, index: usize) -> bool {
            index == self.0 && self.1.downcast_ref::<T>() == Some(value)
        }
    }
    let (index, other) = held(b);
    a.visit(Eq(index, other))
}

/// `Clone` for a generated polymorphic enum: a new value of the same variant, holding a clone of the
/// struct.
pub fn clone_polymorphic<P: Polymorphic>(value: &P) -> P {
    struct CloneFrom<'b>(&'b dyn Any);
    impl VisitMut<'_> for CloneFrom<'_> {
        type Output = ();
        fn visit<T: Variant>(self, target: &mut T) {
            // Always found: the target is a new value of the source's variant.
            if let Some(source) = self.0.downcast_ref::<T>() {
                target.clone_from(source);
            }
        }
    }
    let (index, source) = held(value);
    let mut out = P::new_variant(variant_index::<P>(index));
    out.visit_mut(CloneFrom(source));
    out
}

/// [`Polymorphic::new_variant`]'s argument for a variant index: `None` for the fallback.
fn variant_index<P: Polymorphic>(index: usize) -> Option<u16> {
    if is_fallback::<P>(index) {
        None
    } else {
        u16::try_from(index).ok()
    }
}

/// The additional data of the held struct.
pub fn poly_additional_data<P: Polymorphic>(value: &P) -> &AdditionalData {
    struct Data;
    impl<'a> Visit<'a> for Data {
        type Output = &'a AdditionalData;
        fn visit<T: Variant>(self, value: &'a T, _: usize) -> &'a AdditionalData {
            additional_data(value)
        }
    }
    value.visit(Data)
}

/// The type a polymorphic value has: the tag it was decoded with, else `#namespace.name` of its
/// variant (of the declared type for the fallback).
pub fn odata_type<P: Polymorphic>(value: &P) -> &str {
    let data = poly_additional_data(value);
    if let Some((_, serde_json::Value::String(tag))) = data.type_annotation() {
        return tag;
    }
    let (index, _) = held(value);
    P::INFO.variants.get(index).map_or("", |v| v.1)
}

/// The declared property `name` of the held struct: the accessors of an `Any*` enum for its
/// declared type's properties, which every variant has. (Absent only if a variant lacked it, which
/// generated code does not allow.)
pub fn poly_field<'a, P: Polymorphic, V: FieldValue>(value: &'a P, name: &str) -> &'a Field<V> {
    struct Grab<'n, 'a> {
        name: &'n str,
        found: Option<&'a dyn Any>,
    }
    impl<'a> Properties<'a> for Grab<'_, 'a> {
        fn put<V: FieldValue>(&mut self, name: &str, value: &'a Field<V>) {
            if self.found.is_none() && name == self.name {
                self.found = Some(value);
            }
        }
    }
    struct Find<'n>(&'n str);
    impl<'a> Visit<'a> for Find<'_> {
        type Output = Option<&'a dyn Any>;
        fn visit<T: Variant>(self, value: &'a T, _: usize) -> Self::Output {
            let mut grab = Grab {
                name: self.0,
                found: None,
            };
            value.encode_properties(&mut grab);
            grab.found
        }
    }
    match value
        .visit(Find(name))
        .and_then(|f| f.downcast_ref::<Field<V>>())
    {
        Some(field) => field,
        None => &Field::Absent,
    }
}
