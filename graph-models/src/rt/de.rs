//! Decoding: struct visitors and the polymorphic dispatch.

use super::{
    decode_property, is_type_key, leading_tag_variant, tag_variant, Decode, Polymorphic,
    Structured, OTHER,
};
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

/// The declared property whose value failed to decode: the innermost one, as the error unwinds
/// through the enclosing properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FailedField {
    /// `namespace.name` of the type declaring it.
    pub owner: &'static str,
    pub name: &'static str,
    /// Its declared type (`Edm.DateTimeOffset`, `Collection(microsoft.graph.chatType)`).
    pub declared: &'static str,
}

thread_local! {
    static FAILED: core::cell::Cell<Option<FailedField>> = const { core::cell::Cell::new(None) };
}

/// Notes the declared property whose decoding failed, unless one inside it was noted already.
#[cold]
pub(crate) fn failed_field(ty: &super::TypeInfo, index: usize) {
    let (Some(&name), Some(&declared)) = (ty.fields.get(index), ty.types.get(index)) else {
        return;
    };
    FAILED.with(|f| {
        if f.get().is_none() {
            f.set(Some(FailedField {
                owner: ty.name,
                name,
                declared,
            }));
        }
    });
}

/// Forgets the noted property, before a decode starts.
pub(crate) fn reset_failed_field() {
    FAILED.with(|f| f.set(None));
}

/// The property noted since the last [`reset_failed_field`].
pub(crate) fn take_failed_field() -> Option<FailedField> {
    FAILED.with(|f| f.take())
}

/// Stores an undeclared property or annotation; a repeated key replaces the earlier value (past a
/// few keys, when the object ends in [`deserialize_structured`] or [`deserialize_polymorphic`],
/// which every generated type decodes through).
fn decode_additional<'de, A: MapAccess<'de>>(
    data: &mut crate::AdditionalData,
    key: Key<'de>,
    map: &mut A,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    data.insert_decoded(crate::json::lenient::restore_key(key.0), value);
    Ok(())
}

/// One property of a JSON object being decoded: its key, and the map its value comes from.
pub(crate) struct Entry<'a, 'de, A> {
    key: Key<'de>,
    map: &'a mut A,
}

impl<'de, A: MapAccess<'de>> Decode for Entry<'_, 'de, A> {
    type Error = A::Error;
    #[inline]
    fn key(&self) -> Option<&str> {
        Some(&self.key)
    }
    #[inline]
    fn field<T: serde::de::DeserializeOwned>(
        self,
        slot: &mut crate::Field<T>,
    ) -> Result<(), A::Error> {
        *slot = self.map.next_value()?;
        Ok(())
    }
    #[inline]
    fn other(self, data: &mut crate::AdditionalData) -> Result<(), A::Error> {
        decode_additional(data, self.key, self.map)
    }
}

/// The end of a decoded object: merges repeated undeclared keys, then (for a polymorphic value)
/// stores the tag that chose the variant: ahead of everything, unless the variant writes it back by
/// itself and no other tag key (`@type` beside `@odata.type`) would be written as the type in its
/// place. Then the object decoded from the encoding is this one, wherever the tag came.
struct End<'t> {
    /// The tag key, its value, and whether the variant implies it.
    tag: Option<(&'static str, Cow<'t, str>, bool)>,
}

impl Decode for End<'_> {
    type Error = std::convert::Infallible;
    fn key(&self) -> Option<&str> {
        None
    }
    fn field<T>(self, _: &mut crate::Field<T>) -> Result<(), Self::Error> {
        Ok(())
    }
    fn other(self, data: &mut crate::AdditionalData) -> Result<(), Self::Error> {
        data.finish_decoded();
        if let Some((key, tag, implied)) = self.tag {
            if !implied || data.type_annotation().is_some() {
                data.insert_first(Cow::Borrowed(key), Value::String(tag.into_owned()));
            }
        }
        Ok(())
    }
}

/// `Deserialize` for a generated struct.
pub fn deserialize_structured<'de, T: Structured, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct StructVisitor<T>(PhantomData<T>);
    impl<'de, T: Structured> Visitor<'de> for StructVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", T::TYPE.name)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut value = T::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                let map = &mut map;
                decode_property(&mut value, Entry { key, map })?;
            }
            let Ok(()) = value.decode_field(OTHER, End { tag: None });
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

/// The variant `tag` names (`None`: the fallback), or why it names none.
fn variant_of<P: Polymorphic, E: serde::de::Error>(
    key: &str,
    tag: &Value,
) -> Result<Option<u16>, E> {
    match tag {
        Value::String(s) => tag_variant::<P>(s).map_err(E::custom),
        // Buffered: the path tracker stands at the object, so the message names the tag's place
        // (as when the tag is read first).
        other => Err(E::custom(format_args!(
            "{AT}{key}{AT_END} {key} {NOT_A_TYPE_NAME}, found {}",
            describe(other)
        ))),
    }
}

/// A tag given again in one object keeps its last value, as any key does; so it must name the
/// variant the first one chose (decoding into it has begun, and the encoding, which carries only
/// the last tag, must decode to the same variant).
fn check_repeat<E: serde::de::Error>(
    key: &str,
    chosen: Option<u16>,
    again: Option<u16>,
) -> Result<(), E> {
    if again == chosen {
        Ok(())
    } else {
        Err(E::custom(format_args!(
            "{AT}{key}{AT_END} {key} is given twice in one object, naming different types"
        )))
    }
}

fn not_a_type_name<E: serde::de::Error>(key: &str, found: &str) -> E {
    E::custom(format_args!("{key} {NOT_A_TYPE_NAME}, found {found}"))
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

/// What the error for a tag that is not a string says (lenient decoding recognises it by this).
pub(crate) const NOT_A_TYPE_NAME: &str = "must be a string naming a type";

/// What the error for a tag naming a known type outside the slot's hierarchy says.
pub(crate) const NOT_DERIVED: &str = "which does not derive from";

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
        write!(f, "a {} object", P::INFO.declared)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let map = &mut map;
            self.value.decode(Entry { key, map })?;
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
            write!(f, "a {} object", P::INFO.declared)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
            let Some(first) = map.next_key::<Key<'de>>()? else {
                return Ok(P::new_variant(Some(0)));
            };
            if is_type_key(&first) {
                // The common case: the tag comes first, so the rest streams into the chosen variant.
                let name = if &*first == "@type" {
                    "@type"
                } else {
                    "@odata.type"
                };
                let mut tag = map.next_value_seed(TagText(name))?;
                let (chosen, mut implied) =
                    leading_tag_variant::<P>(name, &tag).map_err(A::Error::custom)?;
                let mut value: P = P::new_variant(chosen);
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    if &*key == name {
                        let again = map.next_value_seed(TagText(name))?;
                        let (variant, again_implied) =
                            leading_tag_variant::<P>(name, &again).map_err(A::Error::custom)?;
                        check_repeat::<A::Error>(name, chosen, variant)?;
                        (tag, implied) = (again, again_implied);
                        continue;
                    }
                    let map = &mut map;
                    value.decode(Entry { key, map })?;
                }
                let Ok(()) = value.decode(End {
                    tag: Some((name, tag, implied)),
                });
                return Ok(value);
            }
            // The tag (if any) comes later: buffer this object only, then decode it.
            let mut entries: Vec<(String, Value)> = Vec::new();
            entries.push((first.into_owned(), map.next_value()?));
            while let Some(key) = map.next_key::<Key<'de>>()? {
                let value: Value = map.next_value()?;
                entries.push((key.into_owned(), value));
            }
            // As when the tag comes first: the first tag key chooses, its repeats must agree and
            // its last value is the one kept.
            let mut tag: Option<(&'static str, String)> = None;
            let mut chosen = Some(0);
            if let Some(i) = entries.iter().position(|(k, _)| is_type_key(k)) {
                let name = if entries[i].0 == "@type" {
                    "@type"
                } else {
                    "@odata.type"
                };
                chosen = variant_of::<P, A::Error>(name, &entries[i].1)?;
                for (k, again) in &entries[i + 1..] {
                    if k == name {
                        check_repeat::<A::Error>(
                            name,
                            chosen,
                            variant_of::<P, A::Error>(k, again)?,
                        )?;
                    }
                }
                let last = entries.iter().rev().find(|(k, _)| k == name);
                if let Some((_, Value::String(text))) = last {
                    tag = Some((name, text.clone()));
                }
                entries.retain(|(k, _)| k != name);
            }
            let mut value: P = P::new_variant(chosen);
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
            let tag = tag.map(|(name, text)| {
                let implied =
                    leading_tag_variant::<P>(name, &text).is_ok_and(|(_, implied)| implied);
                (name, Cow::Owned(text), implied)
            });
            let Ok(()) = value.decode(End { tag });
            Ok(value)
        }
    }
    deserializer.deserialize_map(PolyVisitor(PhantomData))
}
