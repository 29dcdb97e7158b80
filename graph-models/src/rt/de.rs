//! Decoding: struct visitors and the polymorphic dispatch.

use super::{is_type_key, resolve_leading_tag, resolve_tag, Polymorphic, Structured};
use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A JSON object key, borrowed from the input when it has no escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Stores an undeclared property or annotation; a repeated key replaces the earlier value (past a
/// few keys, when the object ends in [`deserialize_structured`] or [`deserialize_polymorphic`],
/// which every generated type decodes through).
pub fn decode_additional<'de, A: MapAccess<'de>>(
    data: &mut crate::AdditionalData,
    key: Key<'de>,
    map: &mut A,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    data.insert_decoded(key.0, value);
    Ok(())
}

/// `Deserialize` for a generated struct.
pub fn deserialize_structured<'de, T: Structured, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct StructVisitor<T>(PhantomData<T>);
    impl<'de, T: Structured> Visitor<'de> for StructVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", T::QUALIFIED_NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut value = T::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                value.decode_property(key, &mut map)?;
            }
            value.additional_data_mut().finish_decoded();
            Ok(value)
        }
    }
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn variant_for<P: Polymorphic, E: serde::de::Error>(key: &str, tag: &Value) -> Result<P, E> {
    match tag {
        Value::String(s) => resolve_tag::<P>(s).map_err(E::custom),
        other => Err(not_a_type_name(key, describe(other))),
    }
}

fn not_a_type_name<E: serde::de::Error>(key: &str, found: &str) -> E {
    E::custom(format_args!(
        "{key} must be a string naming a type, found {found}"
    ))
}

/// The value of a leading tag, borrowed from the input when it has no escapes: the variant is
/// chosen without building a `Value` first.
struct TagText<'a>(&'a str);

impl<'de> serde::de::DeserializeSeed<'de> for TagText<'_> {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagText<'_> {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string naming a type")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Err(not_a_type_name(self.0, "null"))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Err(not_a_type_name(self.0, "null"))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(not_a_type_name(self.0, "a boolean"))
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(not_a_type_name(self.0, "a number"))
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(not_a_type_name(self.0, "a number"))
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(not_a_type_name(self.0, "a number"))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(not_a_type_name(self.0, "an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // With `arbitrary_precision`, serde_json hands a number over as a one-entry map.
        let found = match map.next_key::<Key<'de>>()? {
            Some(k) if &*k == crate::edm::NUMBER_TOKEN => "a number",
            _ => "an object",
        };
        Err(not_a_type_name(self.0, found))
    }
}

/// Marks the path inside a buffered object in an error message: `(at roles[1]) invalid type`.
pub(crate) const AT: &str = "(at ";
pub(crate) const AT_END: &str = ")";

/// Feeds buffered entries to a value chosen after reading them.
struct Replay<'a, P> {
    value: &'a mut P,
}

impl<'de, P: Polymorphic> Visitor<'de> for Replay<'_, P> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", P::DECLARED)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            self.value.decode_property(key, &mut map)?;
        }
        Ok(())
    }
}

/// `Deserialize` for a generated polymorphic enum.
pub fn deserialize_polymorphic<'de, P: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<P, D::Error> {
    struct PolyVisitor<P>(PhantomData<P>);
    impl<'de, P: Polymorphic> Visitor<'de> for PolyVisitor<P> {
        type Value = P;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", P::DECLARED)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
            let Some(first) = map.next_key::<Key<'de>>()? else {
                return Ok(P::new_variant(0));
            };
            if is_type_key(&first) {
                // The common case: the tag comes first, so the rest streams into the chosen variant.
                let tag = map.next_value_seed(TagText(&first))?;
                let (mut value, mut implied): (P, bool) =
                    resolve_leading_tag::<P>(&first, &tag).map_err(A::Error::custom)?;
                // A tag the variant writes back by itself, identically, is not stored: most
                // members then need no additional data at all.
                if !implied {
                    value
                        .additional_data_mut()
                        .push_unchecked(first.0.clone(), Value::String(tag.clone().into_owned()));
                }
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if implied && is_type_key(&key) {
                        // A second tag would be written as the type: the first is stored after
                        // all, ahead of it.
                        value
                            .additional_data_mut()
                            .insert_first(first.0.clone(), Value::String(tag.clone().into_owned()));
                        implied = false;
                    }
                    value.decode_property(key, &mut map)?;
                }
                value.additional_data_mut().finish_decoded();
                return Ok(value);
            }
            // The tag (if any) comes later: buffer this object only, then decode it.
            let mut entries: Vec<(String, Value)> = Vec::new();
            entries.push((first.into_owned(), map.next_value()?));
            while let Some(key) = map.next_key::<Key<'de>>()? {
                let value: Value = map.next_value()?;
                entries.push((key.into_owned(), value));
            }
            let mut value: P = match entries.iter().find(|(k, _)| is_type_key(k)) {
                Some((key, tag)) => variant_for::<P, A::Error>(key, tag)?,
                None => P::new_variant(0),
            };
            // Replayed under a path tracker, so an error inside names its place in this object;
            // `DecodeError` joins it to the outer path.
            let mut track = serde_path_to_error::Track::new();
            let buffered =
                serde::de::value::MapDeserializer::<_, serde_json::Error>::new(entries.into_iter());
            let replay = Replay { value: &mut value };
            serde_path_to_error::Deserializer::new(buffered, &mut track)
                .deserialize_map(replay)
                .map_err(|e| {
                    A::Error::custom(format_args!("{}{}{} {e}", AT, track.path(), AT_END))
                })?;
            value.additional_data_mut().finish_decoded();
            Ok(value)
        }
    }
    deserializer.deserialize_map(PolyVisitor(PhantomData))
}
