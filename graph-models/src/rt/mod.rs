//! Support the generated code calls. Not meant to be called by hand: the items are public because
//! generated code in other crates uses them, and may change between versions.
//!
//! Decoding never buffers an object whose type is known up front: a struct reads its properties
//! straight from the deserializer ([`decode_structured`]); a polymorphic slot reads the
//! `@odata.type` that Graph sends first and then streams the rest into the chosen variant. Only an
//! object whose tag comes later is buffered (that object alone).

pub(crate) mod de;
mod enums;
pub mod erased;
mod poly;
mod ser;
mod traits;
mod value;

pub use de::{
    decode_polymorphic, decode_structured, deserialize_polymorphic, deserialize_structured, Key,
};
pub use enums::{
    debug_enum, decode_enum, deserialize_enum, encode_enum, enum_eq, enum_hash, enum_name,
    enum_value, serialize_enum, EnumInfo, EnumMembers, Flags,
};
pub use erased::{Encode, Failed, Input, Output};
pub use poly::{
    clone_polymorphic, debug_polymorphic, encode_polymorphic, eq_polymorphic, odata_type,
    poly_additional_data, poly_additional_data_mut, poly_field, serialize_polymorphic,
};
pub(crate) use ser::tagged_json;
pub use ser::{debug_structured, encode_structured, serialize_structured};
pub use traits::{clone_structured, eq_structured};
pub use value::{LeafField, LeafMut, LeafRef, Slot, Value};

use crate::AdditionalData;
use core::any::Any;

/// The version of the contract between generated code and this module: what generated code calls
/// here and what it promises in return (docs/DESIGN.md, "The runtime contract"). Generated code
/// asserts it at compile time; `graph_models_codegen::emit::RUNTIME_CONTRACT` is the generator's.
pub const CONTRACT: u32 = 3;

/// What a generated struct says about its OData type.
#[derive(Debug, Clone, Copy)]
pub struct TypeInfo {
    /// `namespace.name` of the OData type.
    pub name: &'static str,
    /// The Rust name of the struct (what `Debug` shows).
    pub rust_name: &'static str,
    /// JSON names of the declared fields, in schema order; [`Structured::field`] takes an index
    /// into it.
    pub fields: &'static [&'static str],
    /// The declared type of each field, as CSDL writes it (`Edm.DateTimeOffset`,
    /// `Collection(microsoft.graph.chatType)`): what a decode error or a lenient mismatch names.
    pub types: &'static [&'static str],
}

/// A generated struct for an OData entity or complex type, as the runtime sees it (behind `dyn`).
///
/// Generated code gives the declared fields as a table and each field by its index in it.
/// Looking keys up, additional data, encoding order, `Debug`, `Clone` and `PartialEq` happen here,
/// once, over `dyn Structured` and [`dyn Slot`](Slot): the code a type adds to a program is its
/// table and these accessors, not a decoder and an encoder of its own (which, across the whole
/// Graph schema, a type reaches through its polymorphic slots).
pub trait Structured: Any {
    fn type_info(&self) -> &'static TypeInfo;
    /// The field at `index` into [`TypeInfo::fields`]; `None` past the end.
    fn field(&self, index: usize) -> Option<&dyn Slot>;
    fn field_mut(&mut self, index: usize) -> Option<&mut dyn Slot>;
    /// Properties and annotations the schema does not declare.
    fn additional_data(&self) -> &AdditionalData;
    fn additional_data_mut(&mut self) -> &mut AdditionalData;
}

impl core::fmt::Debug for dyn Structured {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        debug_structured(self, f)
    }
}

/// The index of the declared field named `key` (a JSON name) in `info`.
#[inline]
pub fn field_index(info: &TypeInfo, key: &str) -> Option<usize> {
    info.fields.iter().position(|f| *f == key)
}

/// Whether `name` is the JSON name of a declared field in `info`.
pub fn is_declared(info: &TypeInfo, name: &str) -> bool {
    info.fields.contains(&name)
}

/// What a generated `Any<Type>` enum says about its declared type.
#[derive(Debug, Clone, Copy)]
pub struct PolyInfo {
    /// `namespace.name` of the declared type.
    pub declared: &'static str,
    /// Every name a tag may use for a variant (`namespace.name` and `alias.name`), with the
    /// variant's index; a variant's `namespace.name` comes before its other names.
    pub tags: &'static [(&'static str, u16)],
    /// Each variant's Rust name and `#namespace.name`, in declaration order (the index
    /// [`Polymorphic::held`] gives), the fallback last with the declared type's name.
    pub variants: &'static [(&'static str, &'static str)],
    /// Whether `name` (`namespace.name` or `alias.name`) is a type of this generated code at all: a
    /// known type that does not derive from the declared one is an error, an unknown one the fallback.
    pub is_known_type: fn(&str) -> bool,
}

/// A generated enum over a type with derived types: one variant per selected concrete type plus a
/// fallback that keeps whatever it does not know.
pub trait Polymorphic: Any {
    const INFO: &'static PolyInfo;

    /// A default value of variant `index` (from [`PolyInfo::tags`]; 0 is the declared type), or of
    /// the fallback for `None` (a tag naming a type this code does not know).
    fn new_variant(index: Option<u16>) -> Self
    where
        Self: Sized;

    /// The held struct, and its variant's index.
    fn held(&self) -> (usize, &dyn Structured);

    /// The held struct, mutably.
    fn held_mut(&mut self) -> &mut dyn Structured;
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
    tag_variant(P::INFO, tag).map(P::new_variant)
}

/// The variant a tag names: its index in [`PolyInfo::tags`], or `None` for the fallback.
pub(crate) fn tag_variant(info: &PolyInfo, tag: &str) -> Result<Option<u16>, String> {
    // Graph's form, `#namespace.name`, matched exactly before any scan of the tag.
    if let Some(name) = tag.strip_prefix('#') {
        if let Some((_, index)) = info.tags.iter().find(|(n, _)| *n == name) {
            return Ok(Some(*index));
        }
    }
    tag_variant_slow(info, tag)
}

/// [`tag_variant`] for `key: tag`, and whether the tag is exactly what encoding the variant writes
/// by itself: `"@odata.type": "#namespace.name"` of a derived type (the declared type and the
/// fallback are written without a tag of their own). Such a tag need not be kept.
pub(crate) fn leading_tag_variant(
    info: &PolyInfo,
    key: &str,
    tag: &str,
) -> Result<(Option<u16>, bool), String> {
    if let Some(name) = tag.strip_prefix('#') {
        if let Some(i) = info.tags.iter().position(|(n, _)| *n == name) {
            let index = info.tags[i].1;
            // `TAGS` lists a type's `namespace.name` before its alias forms.
            let qualified = info.tags[..i].iter().all(|(_, j)| *j != index);
            let implied = key == "@odata.type" && index != 0 && qualified;
            return Ok((Some(index), implied));
        }
    }
    tag_variant_slow(info, tag).map(|v| (v, false))
}

fn tag_variant_slow(info: &PolyInfo, tag: &str) -> Result<Option<u16>, String> {
    let name = tag_type_name(tag);
    let found = info
        .tags
        .iter()
        .find(|(n, _)| *n == name)
        .or_else(|| info.tags.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)));
    match found {
        Some((_, index)) => Ok(Some(*index)),
        None if (info.is_known_type)(name) => Err(format!(
            "@odata.type {tag:?} names type {name}, {} {}",
            de::NOT_DERIVED,
            info.declared
        )),
        None => Ok(None),
    }
}

/// Helper for typed `@odata.bind`: sets `property@odata.bind` to one URL. (The conversions happen
/// here, not in each generated method: less for the compiler to check per navigation property.)
pub fn bind_one(data: &mut AdditionalData, key: &'static str, url: impl Into<String>) {
    data.insert(key, serde_json::Value::String(url.into()));
}

/// Helper for typed `@odata.bind`: sets `property@odata.bind` to a list of URLs.
pub fn bind_many<I: IntoIterator<Item = U>, U: Into<String>>(
    data: &mut AdditionalData,
    key: &'static str,
    urls: I,
) {
    let urls = urls
        .into_iter()
        .map(|url| serde_json::Value::String(url.into()))
        .collect();
    data.insert(key, serde_json::Value::Array(urls));
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
