//! Support the generated code calls. Not meant to be called by hand: the items are public because
//! generated code in other crates uses them, and may change between versions.
//!
//! Decoding never buffers an object whose type is known up front: a struct reads its properties
//! straight from the deserializer ([`decode_property`]); a polymorphic slot reads the
//! `@odata.type` that Graph sends first and then streams the rest into the chosen variant. Only an
//! object whose tag comes later is buffered (that object alone).

pub(crate) mod de;
mod enums;
mod poly;
mod ser;
mod traits;

pub use de::{deserialize_polymorphic, deserialize_structured, Key};
pub use enums::{
    debug_enum, deserialize_enum, enum_eq, enum_hash, enum_name, enum_value, serialize_enum,
    EnumInfo, EnumMembers, Flags,
};
pub use poly::{
    clone_polymorphic, debug_polymorphic, eq_polymorphic, odata_type, poly_additional_data,
    poly_field, serialize_polymorphic, Variant, Visit, VisitMut,
};
pub use ser::{debug_structured, serialize_structured, Writer};
pub use traits::{clone_structured, eq_structured};

use crate::AdditionalData;

/// The version of the contract between generated code and this module: what generated code calls
/// here and what it promises in return (docs/DESIGN.md, "The runtime contract"). Generated code
/// asserts it at compile time; `graph_models_codegen::emit::RUNTIME_CONTRACT` is the generator's.
pub const CONTRACT: u32 = 1;

/// What a generated struct says about its OData type.
#[derive(Debug, Clone, Copy)]
pub struct TypeInfo {
    /// `namespace.name` of the OData type.
    pub name: &'static str,
    /// JSON names of the declared fields, in schema order; [`Structured::decode_field`] takes an
    /// index into it.
    pub fields: &'static [&'static str],
    /// The declared type of each field, as CSDL writes it (`Edm.DateTimeOffset`,
    /// `Collection(microsoft.graph.chatType)`): what a decode error or a lenient mismatch names.
    pub types: &'static [&'static str],
}

/// The index [`Structured::decode_field`] is given for anything that is not a declared field: it
/// hands its additional data to [`Decode::other`].
pub const OTHER: usize = usize::MAX;

/// A generated struct for an OData entity or complex type.
///
/// Generated code gives the declared fields as a table and two bodies: `decode_field`, one arm per
/// field type plus one handing the additional data over, and `encode_properties`, one call per
/// field then the additional data as its result. Looking keys up, additional data, encoding order,
/// `Debug`, `Clone` and `PartialEq` happen here, once, instead of in every struct (the number of
/// generated bodies is most of what the whole Graph schema costs to compile).
pub trait Structured: Default {
    const TYPE: TypeInfo;

    /// Hands the field at `index` (into [`TypeInfo::fields`]) to [`Decode::field`]; any other index
    /// (such as [`OTHER`]) hands the additional data to [`Decode::other`].
    fn decode_field<D: Decode>(&mut self, index: usize, decode: D) -> Result<(), D::Error>;

    /// Puts each declared field, in schema order, and returns the additional data.
    fn encode_properties<'a, P: Properties<'a>>(&'a self, properties: &mut P)
        -> &'a AdditionalData;
}

/// What a declared field may hold: what encoding, decoding, `Debug`, `Clone` and `PartialEq` of a
/// generated struct ask of it (every generated and `edm` type, and collections of them).
pub trait FieldValue:
    serde::Serialize + serde::de::DeserializeOwned + core::fmt::Debug + Clone + PartialEq + 'static
{
}

impl<T> FieldValue for T where
    T: serde::Serialize
        + serde::de::DeserializeOwned
        + core::fmt::Debug
        + Clone
        + PartialEq
        + 'static
{
}

/// What a generated `decode_field` hands the chosen slot to: a property read from a JSON object, or
/// (for the additional data) the end of the object.
pub trait Decode {
    type Error;
    /// The JSON key of the property being decoded; `None` at the end of an object.
    fn key(&self) -> Option<&str>;
    /// Decodes into a declared field.
    fn field<T: FieldValue>(self, slot: &mut crate::Field<T>) -> Result<(), Self::Error>;
    /// Decodes into (or finishes) the additional data.
    fn other(self, data: &mut AdditionalData) -> Result<(), Self::Error>;
}

/// Decodes one property of `value` (or ends it): into its field when declared, else into
/// additional data.
#[inline]
pub fn decode_property<T: Structured, D: Decode>(value: &mut T, decode: D) -> Result<(), D::Error> {
    let index = match decode.key() {
        Some(key) => T::TYPE
            .fields
            .iter()
            .position(|f| *f == key)
            .unwrap_or(OTHER),
        None => OTHER,
    };
    let result = value.decode_field(index, decode);
    if result.is_err() && index != OTHER {
        de::failed_field(&T::TYPE, index);
    }
    result
}

/// Whether `name` is the JSON name of a declared field of `T`.
pub fn is_declared<T: Structured>(name: &str) -> bool {
    T::TYPE.fields.contains(&name)
}

/// What a generated `encode_properties` puts each declared field into: the JSON [`Writer`],
/// [`debug_structured`]'s formatter, [`clone_structured`] and [`eq_structured`], or nothing (for
/// [`additional_data`]).
pub trait Properties<'a> {
    fn put<V: FieldValue>(&mut self, name: &str, value: &'a crate::Field<V>);
}

/// The additional data of `value`, which its `encode_properties` returns (with a sink that does
/// nothing with the fields: once inlined, a load of one field).
#[inline]
pub fn additional_data<T: Structured>(value: &T) -> &AdditionalData {
    struct Nothing;
    impl Properties<'_> for Nothing {
        #[inline(always)]
        fn put<V: FieldValue>(&mut self, _: &str, _: &crate::Field<V>) {}
    }
    value.encode_properties(&mut Nothing)
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
    /// [`Polymorphic::visit`] gives), the fallback last with the declared type's name.
    pub variants: &'static [(&'static str, &'static str)],
    /// Whether `name` (`namespace.name` or `alias.name`) is a type of this generated code at all: a
    /// known type that does not derive from the declared one is an error, an unknown one the fallback.
    pub is_known_type: fn(&str) -> bool,
}

/// A generated enum over a type with derived types: one variant per selected concrete type plus a
/// fallback that keeps whatever it does not know.
pub trait Polymorphic: Sized {
    const INFO: PolyInfo;

    /// A default value of variant `index` (from [`PolyInfo::tags`]; 0 is the declared type), or of
    /// the fallback for `None` (a tag naming a type this code does not know).
    fn new_variant(index: Option<u16>) -> Self;

    /// Hands the held struct, and its variant's index, to `visit`.
    fn visit<'a, V: Visit<'a>>(&'a self, visit: V) -> V::Output;

    /// Hands the held struct to `visit`, mutably.
    fn visit_mut<'a, V: VisitMut<'a>>(&'a mut self, visit: V) -> V::Output;

    /// [`decode_property`] on whichever struct the value holds.
    fn decode<D: Decode>(&mut self, decode: D) -> Result<(), D::Error> {
        poly::decode_polymorphic(self, decode)
    }
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
    tag_variant::<P>(tag).map(P::new_variant)
}

/// The variant a tag names: its index in [`PolyInfo::tags`], or `None` for the fallback.
pub(crate) fn tag_variant<P: Polymorphic>(tag: &str) -> Result<Option<u16>, String> {
    // Graph's form, `#namespace.name`, matched exactly before any scan of the tag.
    if let Some(name) = tag.strip_prefix('#') {
        if let Some((_, index)) = P::INFO.tags.iter().find(|(n, _)| *n == name) {
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
        if let Some(i) = P::INFO.tags.iter().position(|(n, _)| *n == name) {
            let index = P::INFO.tags[i].1;
            // `TAGS` lists a type's `namespace.name` before its alias forms.
            let qualified = P::INFO.tags[..i].iter().all(|(_, j)| *j != index);
            let implied = key == "@odata.type" && index != 0 && qualified;
            return Ok((Some(index), implied));
        }
    }
    tag_variant_slow::<P>(tag).map(|v| (v, false))
}

fn tag_variant_slow<P: Polymorphic>(tag: &str) -> Result<Option<u16>, String> {
    let name = tag_type_name(tag);
    let found = P::INFO.tags.iter().find(|(n, _)| *n == name).or_else(|| {
        P::INFO
            .tags
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
    });
    match found {
        Some((_, index)) => Ok(Some(*index)),
        None if (P::INFO.is_known_type)(name) => Err(format!(
            "@odata.type {tag:?} names type {name}, {} {}",
            de::NOT_DERIVED,
            P::INFO.declared
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
