//! Encoding: `@odata.type` first, then instance annotations, then each declared property preceded by
//! its annotations, then the remaining undeclared properties in the order they came.

use super::{is_type_key, Structured};
use crate::{AdditionalData, Field};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Writes the declared fields of one object, with the property annotations kept in additional data.
pub struct Writer<'a, M: SerializeMap> {
    map: &'a mut M,
    extra: Option<&'a AdditionalData>,
    /// The first error of [`Writer::put`]; later puts do nothing.
    error: Option<M::Error>,
}

impl<M: SerializeMap> Writer<'_, M> {
    /// [`Writer::field`] that keeps the first error for [`Writer::finish`]: generated code writes
    /// one plain call per field instead of a `?` each.
    pub fn put<V: Serialize>(&mut self, name: &str, value: &Field<V>) {
        if self.error.is_none() {
            if let Err(e) = self.field(name, value) {
                self.error = Some(e);
            }
        }
    }

    /// The first error of the `put`s, if any.
    pub fn finish(&mut self) -> Result<(), M::Error> {
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Writes `name` unless absent, after its `name@...` annotations.
    // Inlined into each generated `encode_properties`, as a derived `Serialize` writes its fields.
    #[inline]
    pub fn field<V: Serialize>(&mut self, name: &str, value: &Field<V>) -> Result<(), M::Error> {
        if let Some(extra) = self.extra {
            self.annotations(extra, name)?;
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
    fn annotations(&mut self, extra: &AdditionalData, name: &str) -> Result<(), M::Error> {
        for (key, annotation) in extra.iter() {
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

/// The property an annotation key belongs to (`members@odata.nextLink` -> `members`).
fn annotated_property(key: &str) -> Option<&str> {
    match key.find('@') {
        Some(0) | None => None,
        Some(i) => Some(&key[..i]),
    }
}

/// `Serialize` for a generated struct; `tag` is the `@odata.type` to write when the value stands in a
/// slot of a base type and carries no tag of its own.
pub fn serialize_structured<T: Structured, S: Serializer>(
    value: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let extra = value.additional_data();
    let mut map = serializer.serialize_map(None)?;
    if extra.is_empty() {
        if let Some(tag) = tag {
            map.serialize_entry("@odata.type", tag)?;
        }
        value.encode_properties(&mut Writer {
            map: &mut map,
            extra: None,
            error: None,
        })?;
        return map.end();
    }
    match extra.type_annotation() {
        Some((key, kept)) => map.serialize_entry(key, kept)?,
        None => {
            if let Some(tag) = tag {
                map.serialize_entry("@odata.type", tag)?;
            }
        }
    }
    let mut tag_written = false;
    // Whether any key is a property annotation (`name@term`): without one, the declared fields are
    // written without looking through additional data for each of them.
    let mut property_annotations = false;
    for (key, v) in extra.iter() {
        if key.starts_with('@') {
            // Only the first tag was written above; a second one is data too.
            if is_type_key(key) && !tag_written {
                tag_written = true;
                continue;
            }
            map.serialize_entry(key, v)?;
        } else if !property_annotations && key.contains('@') {
            property_annotations = true;
        }
    }
    value.encode_properties(&mut Writer {
        map: &mut map,
        extra: property_annotations.then_some(extra),
        error: None,
    })?;
    for (key, v) in extra.iter() {
        if key.starts_with('@') {
            continue;
        }
        if annotated_property(key).is_some_and(T::is_declared) {
            continue;
        }
        map.serialize_entry(key, v)?;
    }
    map.end()
}
