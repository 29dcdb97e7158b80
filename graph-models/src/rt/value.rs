//! [`Value`]: what a declared field may hold, decoded and encoded through the erased boundary
//! ([`super::erased`]); and [`Slot`]: a declared field as the runtime sees it, behind `dyn`.

use super::erased::{Encode, Failed, Input, Output};
use crate::edm;
use crate::Field;
use core::any::Any;
use core::fmt::Debug;

/// What a declared field may hold: every generated type, the `edm` types and Rust primitives the
/// generator uses, any JSON, and collections and boxes of them. Generated types implement it with
/// one-line calls into this module, so decoding and encoding them is compiled once, here.
pub trait Value: Debug + Clone + PartialEq + 'static {
    fn decode(input: &mut dyn Input<'_>) -> Result<Self, Failed>;
    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed>;
}

/// A declared field of a generated struct, behind `dyn`: what decoding, encoding, `Debug`,
/// `Clone` and `PartialEq` ask of it.
pub trait Slot: Encode {
    fn is_absent(&self) -> bool;
    fn decode(&mut self, input: &mut dyn Input<'_>) -> Result<(), Failed>;
    fn debug(&self) -> &dyn Debug;
    /// Clones `source` into this slot when it is a slot of the same type (it always is: the same
    /// field of another value of the struct).
    fn clone_from_slot(&mut self, source: &dyn Slot);
    fn eq_slot(&self, other: &dyn Slot) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<V: Value> Encode for Field<V> {
    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
        match self {
            // Writers skip absent fields; if one is encoded on its own it can only be null.
            Field::Absent | Field::Null => out.null(),
            Field::Value(v) => v.encode(out),
        }
    }
}

impl<V: Value> Slot for Field<V> {
    fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    fn decode(&mut self, input: &mut dyn Input<'_>) -> Result<(), Failed> {
        let mut value = None;
        input.option(&mut |some| {
            value = Some(V::decode(some)?);
            Ok(())
        })?;
        *self = match value {
            Some(v) => Field::Value(v),
            None => Field::Null,
        };
        Ok(())
    }

    fn debug(&self) -> &dyn Debug {
        self
    }

    fn clone_from_slot(&mut self, source: &dyn Slot) {
        if let Some(source) = source.as_any().downcast_ref::<Self>() {
            self.clone_from(source);
        }
    }

    fn eq_slot(&self, other: &dyn Slot) -> bool {
        other.as_any().downcast_ref::<Self>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A [`Value`] as an [`Encode`] (array elements).
struct Element<'a, V>(&'a V);

impl<V: Value> Encode for Element<'_, V> {
    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
        self.0.encode(out)
    }
}

impl<V: Value> Value for Vec<V> {
    fn decode(input: &mut dyn Input<'_>) -> Result<Self, Failed> {
        let mut items = Vec::new();
        input.seq(&mut |seq| {
            while seq.next(&mut |element| {
                items.push(V::decode(element)?);
                Ok(())
            })? {}
            Ok(())
        })?;
        Ok(items)
    }

    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
        out.seq(self.len(), &mut |seq| {
            for item in self {
                seq.element(&Element(item))?;
            }
            Ok(())
        })
    }
}

impl<V: Value> Value for Box<V> {
    fn decode(input: &mut dyn Input<'_>) -> Result<Self, Failed> {
        V::decode(input).map(Box::new)
    }

    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
        (**self).encode(out)
    }
}

/// The leaf types: read and written by their own `Deserialize` and `Serialize` on the caller's
/// deserializer or serializer. Each is one variant of [`LeafMut`] and [`LeafRef`], so the erased
/// boundary has one method for all of them.
macro_rules! leaves {
    ($($name:ident: $ty:ty,)*) => {
        /// Where [`Input::leaf`] puts the leaf value it reads.
        pub enum LeafMut<'a> {
            $($name(&'a mut Option<$ty>),)*
        }

        /// The leaf value [`Output::leaf`] writes.
        pub enum LeafRef<'a> {
            $($name(&'a $ty),)*
        }

        impl LeafMut<'_> {
            pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
                self,
                de: D,
            ) -> Result<(), D::Error> {
                match self {
                    $(LeafMut::$name(place) => {
                        *place = Some(<$ty as serde::Deserialize>::deserialize(de)?);
                    })*
                }
                Ok(())
            }
        }

        impl serde::Serialize for LeafRef<'_> {
            fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(LeafRef::$name(value) => serde::Serialize::serialize(*value, ser),)*
                }
            }
        }

        $(
            impl Value for $ty {
                fn decode(input: &mut dyn Input<'_>) -> Result<Self, Failed> {
                    let mut place = None;
                    input.leaf(LeafMut::$name(&mut place))?;
                    place.ok_or(Failed)
                }

                fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
                    out.leaf(LeafRef::$name(self))
                }
            }
        )*
    };
}

leaves! {
    String: String,
    Bool: bool,
    U8: u8,
    I8: i8,
    I16: i16,
    I32: i32,
    Int64: edm::Int64,
    Decimal: edm::Decimal,
    Double: edm::Double,
    Single: edm::Single,
    Guid: edm::Guid,
    DateTimeOffset: edm::DateTimeOffset,
    Date: edm::Date,
    TimeOfDay: edm::TimeOfDay,
    Duration: edm::Duration,
    Binary: edm::Binary,
    Stream: edm::Stream,
    Json: serde_json::Value,
}
