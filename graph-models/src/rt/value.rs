//! [`Value`]: what a declared field may hold, decoded and encoded through the erased boundary
//! ([`super::erased`]); and [`Slot`]: a declared field as the runtime sees it, behind `dyn`.

use super::erased::{Encode, Failed, Input, MapOutput, Output};
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

    /// Null (`None`) or a value: what a field decodes. Leaf types read both in one call.
    fn decode_nullable(input: &mut dyn Input<'_>) -> Result<Option<Self>, Failed> {
        let mut value = None;
        input.option(&mut |some| {
            value = Some(Self::decode(some)?);
            Ok(())
        })?;
        Ok(value)
    }

    /// Writes `key` and this value as an entry of `map`. Leaf types write theirs directly.
    fn encode_entry(&self, key: &str, map: &mut dyn MapOutput) -> Result<(), Failed> {
        map.entry(key, &Element(self))
    }

    /// A field of this type as a [`LeafField`], for a leaf type.
    fn leaf_field(field: &mut Field<Self>) -> Option<LeafField<'_>> {
        let _ = field;
        None
    }
}

/// A declared field of a generated struct, behind `dyn`: what decoding, encoding, `Debug`,
/// `Clone` and `PartialEq` ask of it.
pub trait Slot: Encode {
    fn is_absent(&self) -> bool;
    fn decode(&mut self, input: &mut dyn Input<'_>) -> Result<(), Failed>;
    /// Writes `key` and this field's value (null when null) as an entry of `map`; the caller
    /// skips an absent field.
    fn encode_entry(&self, key: &str, map: &mut dyn MapOutput) -> Result<(), Failed>;
    /// This field as a [`LeafField`], when its type is a leaf type.
    fn leaf_field(&mut self) -> Option<LeafField<'_>>;
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
        *self = match V::decode_nullable(input)? {
            Some(v) => Field::Value(v),
            None => Field::Null,
        };
        Ok(())
    }

    fn encode_entry(&self, key: &str, map: &mut dyn MapOutput) -> Result<(), Failed> {
        match self {
            Field::Value(v) => v.encode_entry(key, map),
            Field::Absent | Field::Null => map.entry(key, self),
        }
    }

    fn leaf_field(&mut self) -> Option<LeafField<'_>> {
        V::leaf_field(self)
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

        /// A declared field of a leaf type: decoded from its map entry in one step
        /// ([`Slot::leaf_field`]), the common case of every object.
        pub enum LeafField<'a> {
            $($name(&'a mut Field<$ty>),)*
        }

        impl<'de> serde::de::DeserializeSeed<'de> for LeafField<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
                match self {
                    $(LeafField::$name(field) => {
                        *field = <Field<$ty> as serde::Deserialize>::deserialize(de)?;
                    })*
                }
                Ok(())
            }
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

                fn decode_nullable(input: &mut dyn Input<'_>) -> Result<Option<Self>, Failed> {
                    let mut place = None;
                    if input.leaf_or_null(LeafMut::$name(&mut place))? {
                        place.ok_or(Failed).map(Some)
                    } else {
                        Ok(None)
                    }
                }

                fn encode_entry(&self, key: &str, map: &mut dyn MapOutput) -> Result<(), Failed> {
                    map.entry_leaf(key, LeafRef::$name(self))
                }

                fn leaf_field(field: &mut Field<Self>) -> Option<LeafField<'_>> {
                    Some(LeafField::$name(field))
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
