//! Encoding: `@odata.type` first, then instance annotations, then each declared property preceded by
//! its annotations, then the remaining undeclared properties in the order they came.

use super::{additional_data, is_declared, is_type_key, FieldValue, Properties, Structured};
use crate::{AdditionalData, Field};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Writes the declared fields of one object, with the property annotations kept in additional data.
pub struct Writer<'a, M: SerializeMap> {
    map: &'a mut M,
    extra: &'a AdditionalData,
    /// Bit `n % 64` is set when some declared property whose name is `n` bytes long has an
    /// annotation in `extra`: only then is `extra` searched for a field's annotations (nearly all
    /// fields have none, and most objects no annotation at all).
    annotated: u64,
    /// The first error of [`Writer::put`]; later puts do nothing.
    error: Option<M::Error>,
}

/// The bit of [`Writer::annotated`] for a property name of `len` bytes.
#[inline]
fn length_bit(len: usize) -> u64 {
    1 << (len % 64)
}

impl<M: SerializeMap> Properties<'_> for Writer<'_, M> {
    /// `Writer::field` that keeps the first error for `Writer::finish`: generated code writes
    /// one plain call per field instead of a `?` each.
    #[inline]
    fn put<V: FieldValue>(&mut self, name: &str, value: &Field<V>) {
        if self.error.is_none() {
            if let Err(e) = self.field(name, value) {
                self.error = Some(e);
            }
        }
    }
}

impl<M: SerializeMap> Writer<'_, M> {
    /// The first error of the `put`s, if any.
    fn finish(&mut self) -> Result<(), M::Error> {
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Writes `name` unless absent, after its `name@...` annotations.
    // Inlined through `put` into each generated `encode_properties`, as a derived `Serialize` writes
    // its fields.
    #[inline]
    fn field<V: Serialize>(&mut self, name: &str, value: &Field<V>) -> Result<(), M::Error> {
        if self.annotated & length_bit(name.len()) != 0 {
            self.annotations(name)?;
        }
        match value {
            Field::Absent => Ok(()),
            Field::Null => self.map.serialize_entry(name, &()),
            Field::Value(v) => self.map.serialize_entry(name, v),
        }
    }
}

impl<M: SerializeMap> Writer<'_, M> {
    #[inline(never)]
    fn annotations(&mut self, name: &str) -> Result<(), M::Error> {
        for (key, annotation) in self.extra.iter() {
            if is_annotation_of(key, name) {
                self.map.serialize_entry(key, annotation)?;
            }
        }
        Ok(())
    }
}

fn is_annotation_of(key: &str, property: &str) -> bool {
    key.len() > property.len()
        && key.as_bytes()[property.len()] == b'@'
        && key.starts_with(property)
}

/// Where the `@` of a property annotation key is (`members@odata.nextLink`: 7); `None` for an
/// instance annotation (`@odata.context`) or a property. A byte loop: keys are short, and a call
/// to `memchr` for each cost more than the search.
#[inline]
fn annotation_at(key: &str) -> Option<usize> {
    match key.as_bytes().iter().position(|&b| b == b'@') {
        Some(0) | None => None,
        Some(i) => Some(i),
    }
}

/// Whether `key` is the annotation of a declared property of `T` (written before that property).
fn annotates_declared<T: Structured>(key: &str) -> bool {
    annotation_at(key).is_some_and(|at| is_declared::<T>(&key[..at]))
}

/// `Serialize` for a generated struct; `tag` is the `@odata.type` to write when the value stands in a
/// slot of a base type and carries no tag of its own.
pub fn serialize_structured<T: Structured, S: Serializer>(
    value: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let extra = additional_data(value);
    let mut map = serializer.serialize_map(None)?;
    if extra.is_empty() {
        if let Some(tag) = tag {
            map.serialize_entry("@odata.type", tag)?;
        }
        let mut writer = Writer {
            map: &mut map,
            extra,
            annotated: 0,
            error: None,
        };
        value.encode_properties(&mut writer);
        writer.finish()?;
        return map.end();
    }
    // One look at each key, writing nothing yet: where the first tag is, whether there are other
    // instance annotations, which declared properties are annotated (and which entries are those
    // annotations, for the first 64), and whether anything is left for the end.
    let mut type_at = None;
    let mut instance_annotations = false;
    let mut annotated = 0u64;
    let mut declared_annotations = 0u64;
    let mut undeclared = false;
    for (i, (key, _)) in extra.iter().enumerate() {
        if key.starts_with('@') {
            if type_at.is_none() && is_type_key(key) {
                type_at = Some(i);
            } else {
                instance_annotations = true;
            }
            continue;
        }
        match annotation_at(key) {
            Some(at) if is_declared::<T>(&key[..at]) => {
                annotated |= length_bit(at);
                if i < 64 {
                    declared_annotations |= 1 << i;
                }
            }
            _ => undeclared = true,
        }
    }
    match type_at.and_then(|i| extra.iter().nth(i)) {
        // Only the first tag is written here; a second one is data too.
        Some((key, kept)) => map.serialize_entry(key, kept)?,
        None => {
            if let Some(tag) = tag {
                map.serialize_entry("@odata.type", tag)?;
            }
        }
    }
    if instance_annotations {
        for (i, (key, v)) in extra.iter().enumerate() {
            if key.starts_with('@') && type_at != Some(i) {
                map.serialize_entry(key, v)?;
            }
        }
    }
    let mut writer = Writer {
        map: &mut map,
        extra,
        annotated,
        error: None,
    };
    value.encode_properties(&mut writer);
    writer.finish()?;
    if undeclared {
        for (i, (key, v)) in extra.iter().enumerate() {
            let written = if i < 64 {
                declared_annotations & 1 << i != 0
            } else {
                annotates_declared::<T>(key)
            };
            if written || key.starts_with('@') {
                continue;
            }
            map.serialize_entry(key, v)?;
        }
    }
    map.end()
}

/// `Debug` for a generated struct: `Chat { id: Value("19:..."), topic: Null, additional_data: {..} }`,
/// with the JSON names of the fields that are not absent (null ones show as `Null`), then additional
/// data when there is any. One call per struct instead of a derived `fmt` with a line per field:
/// across the whole Graph schema the derived ones were the largest single cost of `cargo check`.
pub fn debug_structured<T: Structured>(
    value: &T,
    name: &str,
    f: &mut core::fmt::Formatter<'_>,
) -> core::fmt::Result {
    struct Fields<'a, 'b>(core::fmt::DebugStruct<'a, 'b>);
    impl Properties<'_> for Fields<'_, '_> {
        fn put<V: FieldValue>(&mut self, name: &str, value: &Field<V>) {
            if !value.is_absent() {
                self.0.field(name, value);
            }
        }
    }
    let mut fields = Fields(f.debug_struct(name));
    let extra = value.encode_properties(&mut fields);
    if !extra.is_empty() {
        fields.0.field("additional_data", extra);
    }
    fields.0.finish()
}
