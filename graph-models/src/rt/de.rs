//! Decoding: generated structs and the polymorphic dispatch, over the erased [`Input`].

use super::erased::{Failed, Input, InputOf, MapInput};
use super::{
    field_index, is_type_key, leading_tag_variant, tag_variant, PolyInfo, Polymorphic, Structured,
};
use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

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

/// What a struct's or polymorphic slot's decoder expects: `a microsoft.graph.chat object`.
struct ObjectOf(&'static str);

impl fmt::Display for ObjectOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", self.0)
    }
}

/// Decodes one property of `value`: into its field when declared, else into additional data (a
/// repeated undeclared key replaces the earlier value, once the object ends).
fn decode_entry<'de>(
    value: &mut dyn Structured,
    info: &'static super::TypeInfo,
    key: Key<'de>,
    map: &mut dyn MapInput<'de>,
) -> Result<(), Failed> {
    if let Some(index) = field_index(info, &key) {
        if let Some(slot) = value.field_mut(index) {
            let result = map.next_slot(slot);
            if result.is_err() {
                failed_field(info, index);
            }
            return result;
        }
    }
    let json = map.next_json()?;
    value
        .additional_data_mut()
        .insert_decoded(crate::json::lenient::restore_key(key.0), json);
    Ok(())
}

/// Decodes a JSON object into `value`, which holds the defaults.
fn decode_object(value: &mut dyn Structured, input: &mut dyn Input<'_>) -> Result<(), Failed> {
    let info = value.type_info();
    input.map(&ObjectOf(info.name), &mut |map| {
        while let Some(key) = map.next_key()? {
            decode_entry(value, info, key, map)?;
        }
        value.additional_data_mut().finish_decoded();
        Ok(())
    })
}

/// The end of a polymorphic value's object: merges repeated undeclared keys, then stores the tag
/// that chose the variant, ahead of everything, unless the variant writes it back by itself and no
/// other tag key (`@type` beside `@odata.type`) would be written as the type in its place. Then
/// the object decoded from the encoding is this one, wherever the tag came.
fn end_polymorphic(
    data: &mut crate::AdditionalData,
    tag: Option<(&'static str, Cow<'_, str>, bool)>,
) {
    data.finish_decoded();
    if let Some((key, tag, implied)) = tag {
        if !implied || data.type_annotation().is_some() {
            data.insert_first(Cow::Borrowed(key), Value::String(tag.into_owned()));
        }
    }
}

/// `Value::decode` for a generated struct.
pub fn decode_structured<T: Structured + Default>(input: &mut dyn Input<'_>) -> Result<T, Failed> {
    let mut value = T::default();
    decode_object(&mut value, input)?;
    Ok(value)
}

/// `Deserialize` for a generated struct.
pub fn deserialize_structured<'de, T: Structured + Default, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut value = T::default();
    let mut input = InputOf::new(deserializer);
    match decode_object(&mut value, &mut input) {
        Ok(()) => Ok(value),
        Err(Failed) => Err(input.into_error()),
    }
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
fn variant_of(info: &PolyInfo, key: &str, tag: &Value) -> Result<Option<u16>, String> {
    match tag {
        Value::String(s) => tag_variant(info, s),
        // Buffered: the path tracker stands at the object, so the message names the tag's place
        // (as when the tag is read first).
        other => Err(format!(
            "{AT}{key}{AT_END} {key} {NOT_A_TYPE_NAME}, found {}",
            describe(other)
        )),
    }
}

/// A tag given again in one object keeps its last value, as any key does; so it must name the
/// variant the first one chose (decoding into it has begun, and the encoding, which carries only
/// the last tag, must decode to the same variant).
fn check_repeat(key: &str, chosen: Option<u16>, again: Option<u16>) -> Result<(), String> {
    if again == chosen {
        Ok(())
    } else {
        Err(format!(
            "{AT}{key}{AT_END} {key} is given twice in one object, naming different types"
        ))
    }
}

fn not_a_type_name<E: serde::de::Error>(key: &str, found: &str) -> E {
    E::custom(format_args!("{key} {NOT_A_TYPE_NAME}, found {found}"))
}

/// The value of a leading tag, borrowed from the input when it has no escapes: the variant is
/// chosen without building a `Value` first.
pub(crate) struct TagText<'a>(pub(crate) &'a str);

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

/// Makes the polymorphic value the tag chose, for the erased decoder.
trait Choose {
    fn choose(&mut self, index: Option<u16>) -> &mut dyn Structured;
}

struct Chosen<P>(Option<P>);

impl<P: Polymorphic> Choose for Chosen<P> {
    fn choose(&mut self, index: Option<u16>) -> &mut dyn Structured {
        self.0.insert(P::new_variant(index)).held_mut()
    }
}

/// `Value::decode` for a generated polymorphic enum.
pub fn decode_polymorphic<P: Polymorphic>(input: &mut dyn Input<'_>) -> Result<P, Failed> {
    let mut chosen = Chosen::<P>(None);
    decode_poly(P::INFO, &mut chosen, input)?;
    chosen.0.ok_or(Failed)
}

/// `Deserialize` for a generated polymorphic enum.
pub fn deserialize_polymorphic<'de, P: Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<P, D::Error> {
    let mut chosen = Chosen::<P>(None);
    let mut input = InputOf::new(deserializer);
    match decode_poly(P::INFO, &mut chosen, &mut input) {
        Ok(()) => chosen
            .0
            .ok_or_else(|| D::Error::custom("no variant was chosen")),
        Err(Failed) => Err(input.into_error()),
    }
}

fn decode_poly(
    info: &'static PolyInfo,
    chooser: &mut dyn Choose,
    input: &mut dyn Input<'_>,
) -> Result<(), Failed> {
    input.map(&ObjectOf(info.declared), &mut |map| {
        decode_poly_entries(info, chooser, map)
    })
}

fn decode_poly_entries<'de>(
    info: &'static PolyInfo,
    chooser: &mut dyn Choose,
    map: &mut dyn MapInput<'de>,
) -> Result<(), Failed> {
    let Some(first) = map.next_key()? else {
        chooser.choose(Some(0));
        return Ok(());
    };
    if is_type_key(&first) {
        // The common case: the tag comes first, so the rest streams into the chosen variant.
        let name = if &*first == "@type" {
            "@type"
        } else {
            "@odata.type"
        };
        let mut tag = map.next_tag(name)?;
        let (chosen, mut implied) =
            leading_tag_variant(info, name, &tag).map_err(|e| map.error(&e))?;
        let value = chooser.choose(chosen);
        let held = value.type_info();
        while let Some(key) = map.next_key()? {
            if &*key == name {
                let again = map.next_tag(name)?;
                let (variant, again_implied) =
                    leading_tag_variant(info, name, &again).map_err(|e| map.error(&e))?;
                check_repeat(name, chosen, variant).map_err(|e| map.error(&e))?;
                (tag, implied) = (again, again_implied);
                continue;
            }
            decode_entry(value, held, key, map)?;
        }
        end_polymorphic(value.additional_data_mut(), Some((name, tag, implied)));
        return Ok(());
    }
    // The tag (if any) comes later: buffer this object only, then decode it.
    let mut entries: Vec<(String, Value)> = Vec::new();
    entries.push((first.into_owned(), map.next_json()?));
    while let Some(key) = map.next_key()? {
        let value = map.next_json()?;
        entries.push((key.into_owned(), value));
    }
    // As when the tag comes first: the first tag key chooses, its repeats must agree and its last
    // value is the one kept.
    let mut tag: Option<(&'static str, String)> = None;
    let mut chosen = Some(0);
    if let Some(i) = entries.iter().position(|(k, _)| is_type_key(k)) {
        let name = if entries[i].0 == "@type" {
            "@type"
        } else {
            "@odata.type"
        };
        chosen = variant_of(info, name, &entries[i].1).map_err(|e| map.error(&e))?;
        for (k, again) in &entries[i + 1..] {
            if k == name {
                let again = variant_of(info, k, again).map_err(|e| map.error(&e))?;
                check_repeat(name, chosen, again).map_err(|e| map.error(&e))?;
            }
        }
        let last = entries.iter().rev().find(|(k, _)| k == name);
        if let Some((_, Value::String(text))) = last {
            tag = Some((name, text.clone()));
        }
        entries.retain(|(k, _)| k != name);
    }
    let value = chooser.choose(chosen);
    let held = value.type_info();
    // Replayed under a path tracker, so an error inside names its place in this object;
    // `DecodeError` joins it to the outer path.
    let mut track = serde_path_to_error::Track::new();
    let buffered =
        serde::de::value::MapDeserializer::<_, serde_json::Error>::new(entries.into_iter());
    let mut replay = InputOf::new(serde_path_to_error::Deserializer::new(buffered, &mut track));
    let result = replay.map(&ObjectOf(info.declared), &mut |m| {
        while let Some(key) = m.next_key()? {
            decode_entry(value, held, key, m)?;
        }
        Ok(())
    });
    if result.is_err() {
        let e = replay.into_error();
        return Err(map.error(&format_args!("{}{}{} {e}", AT, track.path(), AT_END)));
    }
    let tag = tag.map(|(name, text)| {
        let implied = leading_tag_variant(info, name, &text).is_ok_and(|(_, implied)| implied);
        (name, Cow::Owned(text), implied)
    });
    end_polymorphic(value.additional_data_mut(), tag);
    Ok(())
}
