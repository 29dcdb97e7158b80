//! Support the generated code calls. Not meant to be called by hand: the items are public because
//! generated code in other crates uses them, and may change between versions.
//!
//! Decoding never buffers an object whose type is known up front: a struct reads its properties
//! straight from the deserializer ([`Structured::decode_property`]); a polymorphic slot reads the
//! `@odata.type` that Graph sends first and then streams the rest into the chosen variant. Only an
//! object whose tag comes later is buffered (that object alone).

pub(crate) mod de;
mod enums;
mod ser;

pub use de::{
    decode_additional as de_additional, deserialize_polymorphic, deserialize_structured, Key,
};
pub use enums::{
    deserialize_enum, enum_name, enum_value, serialize_enum, EnumInfo, EnumMembers, Flags,
};
pub use ser::{debug_structured, serialize_structured, Writer};

use crate::AdditionalData;
use serde::de::MapAccess;

/// A generated struct for an OData entity or complex type.
///
/// Generated code gives the declared fields as a table (`FIELDS`) and one `decode_field` arm per
/// field; looking a key up and falling back to additional data happen here, once, instead of in
/// every struct (that code was most of what the whole Graph schema cost to compile).
pub trait Structured: Default {
    /// `namespace.name` of the OData type.
    const QUALIFIED_NAME: &'static str;

    /// JSON names of the declared fields, in schema order; `decode_field` takes an index into it.
    const FIELDS: &'static [&'static str] = &[];

    fn additional_data(&self) -> &AdditionalData;

    fn additional_data_mut(&mut self) -> &mut AdditionalData;

    /// Reads the value of declared field `index` (into [`Structured::FIELDS`]) from `map`.
    fn decode_field<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let _ = map;
        Err(serde::de::Error::custom(format_args!(
            "{} has no decoder for field {index}",
            Self::QUALIFIED_NAME
        )))
    }

    /// Reads the value of `key` from `map`: into its field when declared, else into additional data.
    fn decode_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match Self::FIELDS.iter().position(|f| **f == *key) {
            Some(index) => self.decode_field(index, map),
            None => de_additional(self.additional_data_mut(), key, map),
        }
    }

    /// Puts each declared field, in schema order (nothing for a type without fields).
    fn encode_properties<P: Properties>(&self, properties: &mut P) {
        let _ = properties;
    }

    /// Whether `name` is the JSON name of a declared field.
    fn is_declared(name: &str) -> bool {
        Self::FIELDS.contains(&name)
    }
}

/// Reads and drops a value (an index no field has; generated code never passes one).
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(|_| ())
}

/// Decodes one field's value (generated `decode_field` arms call this: one call per field, no `?`).
pub fn decode_into<'de, T: serde::de::DeserializeOwned, A: MapAccess<'de>>(
    slot: &mut crate::Field<T>,
    map: &mut A,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// What a generated `encode_properties` puts each declared field into: the JSON [`Writer`], or
/// [`debug_structured`]'s formatter.
pub trait Properties {
    fn put<V: serde::Serialize + core::fmt::Debug>(&mut self, name: &str, value: &crate::Field<V>);
}

/// A generated enum over a type with derived types: one variant per selected concrete type plus a
/// fallback that keeps whatever it does not know.
pub trait Polymorphic: Sized {
    /// `namespace.name` of the declared type.
    const DECLARED: &'static str;

    /// Every name a tag may use for a variant (`namespace.name` and `alias.name`), with the variant's
    /// index; a variant's `namespace.name` comes before its other names.
    const TAGS: &'static [(&'static str, u16)];

    /// A default value of variant `index` (from [`Polymorphic::TAGS`]; 0 is the declared type).
    fn new_variant(index: u16) -> Self;

    /// The fallback for a tag naming a type this code does not know.
    fn new_other() -> Self;

    fn decode_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error>;

    fn additional_data_mut(&mut self) -> &mut AdditionalData;

    /// Whether `name` (`namespace.name` or `alias.name`) is a type of this generated code at all: a
    /// known type that does not derive from the declared one is an error, an unknown one the fallback.
    fn is_known_type(name: &str) -> bool;
}

/// `@odata.type`, and `@type` (OData JSON 4.01 allows the `odata.` prefix to be left out).
pub fn is_type_key(key: &str) -> bool {
    key == "@odata.type" || key == "@type"
}

/// The type name a tag names: `#microsoft.graph.x`, `#graph.x`, `microsoft.graph.x` and
/// `https://host/v1.0/$metadata#microsoft.graph.x` all give `microsoft.graph.x` / `graph.x`.
pub fn tag_type_name(tag: &str) -> &str {
    // Graph's own form, `#namespace.name`, without a scan for a second `#`: a type name has none.
    if let Some(name) = tag.strip_prefix('#') {
        if !name.as_bytes().contains(&b'#') {
            return name;
        }
    }
    match tag.rfind('#') {
        Some(i) => &tag[i + 1..],
        None => tag,
    }
}

/// Finds the variant a tag names: exact match first, then ASCII case-insensitive (Graph has sent
/// `#Microsoft.Graph.connector`).
pub fn resolve_tag<P: Polymorphic>(tag: &str) -> Result<P, String> {
    tag_variant::<P>(tag).map(new_value)
}

/// The variant a tag names: its index in [`Polymorphic::TAGS`], or `None` for the fallback.
pub(crate) fn tag_variant<P: Polymorphic>(tag: &str) -> Result<Option<u16>, String> {
    // Graph's form, `#namespace.name`, matched exactly before any scan of the tag.
    if let Some(name) = tag.strip_prefix('#') {
        if let Some((_, index)) = P::TAGS.iter().find(|(n, _)| *n == name) {
            return Ok(Some(*index));
        }
    }
    tag_variant_slow::<P>(tag)
}

/// [`tag_variant`] for `key: tag`, and whether the tag is exactly what encoding the variant writes
/// by itself: `"@odata.type": "#namespace.name"` of a derived type (the declared type and the
/// fallback are written without a tag of their own). Such a tag need not be kept.
pub(crate) fn leading_tag_variant<P: Polymorphic>(
    key: &str,
    tag: &str,
) -> Result<(Option<u16>, bool), String> {
    if let Some(name) = tag.strip_prefix('#') {
        if let Some(i) = P::TAGS.iter().position(|(n, _)| *n == name) {
            let index = P::TAGS[i].1;
            // `TAGS` lists a type's `namespace.name` before its alias forms.
            let qualified = P::TAGS[..i].iter().all(|(_, j)| *j != index);
            let implied = key == "@odata.type" && index != 0 && qualified;
            return Ok((Some(index), implied));
        }
    }
    tag_variant_slow::<P>(tag).map(|v| (v, false))
}

fn tag_variant_slow<P: Polymorphic>(tag: &str) -> Result<Option<u16>, String> {
    let name = tag_type_name(tag);
    let found = P::TAGS
        .iter()
        .find(|(n, _)| *n == name)
        .or_else(|| P::TAGS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)));
    match found {
        Some((_, index)) => Ok(Some(*index)),
        None if P::is_known_type(name) => Err(format!(
            "@odata.type {tag:?} names type {name}, which does not derive from {}",
            P::DECLARED
        )),
        None => Ok(None),
    }
}

/// A default value of the variant [`tag_variant`] chose.
pub(crate) fn new_value<P: Polymorphic>(variant: Option<u16>) -> P {
    match variant {
        Some(index) => P::new_variant(index),
        None => P::new_other(),
    }
}

/// Helper for typed `@odata.bind`: sets `property@odata.bind` to one URL.
pub fn bind_one(data: &mut AdditionalData, key: &'static str, url: String) {
    data.insert(key, serde_json::Value::String(url));
}

/// Helper for typed `@odata.bind`: sets `property@odata.bind` to a list of URLs.
pub fn bind_many(data: &mut AdditionalData, key: &'static str, urls: Vec<String>) {
    data.insert(
        key,
        serde_json::Value::Array(urls.into_iter().map(serde_json::Value::String).collect()),
    );
}

/// Reads back a typed `@odata.bind` of one URL.
pub fn bound_one<'a>(data: &'a AdditionalData, key: &str) -> Option<&'a str> {
    data.get(key)?.as_str()
}

/// Reads back a typed `@odata.bind` of several URLs.
pub fn bound_many<'a>(data: &'a AdditionalData, key: &str) -> Vec<&'a str> {
    match data.get(key) {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    }
}
