//! Encoding: `@odata.type` first, then instance annotations, then each declared property preceded by
//! its annotations, then the remaining undeclared properties in the order they came.

use super::erased::{Failed, MapOutput, Output, OutputOf};
use super::{is_declared, is_type_key, Slot, Structured, TypeInfo};
use crate::AdditionalData;
use serde::ser::Serializer;

/// Writes the declared fields of one object, with the property annotations kept in additional data.
struct Writer<'a, 'm> {
    map: &'m mut dyn MapOutput,
    extra: &'a AdditionalData,
    /// Bit `n % 64` is set when some declared property whose name is `n` bytes long has an
    /// annotation in `extra`: only then is `extra` searched for a field's annotations (nearly all
    /// fields have none, and most objects no annotation at all).
    annotated: u64,
}

/// The bit of [`Writer::annotated`] for a property name of `len` bytes.
#[inline]
fn length_bit(len: usize) -> u64 {
    1 << (len % 64)
}

impl Writer<'_, '_> {
    /// Writes `name` unless absent, after its `name@...` annotations.
    #[inline]
    fn field(&mut self, name: &str, value: &dyn Slot) -> Result<(), Failed> {
        if self.annotated & length_bit(name.len()) != 0 {
            self.annotations(name)?;
        }
        if value.is_absent() {
            return Ok(());
        }
        value.encode_entry(name, self.map)
    }

    #[inline(never)]
    fn annotations(&mut self, name: &str) -> Result<(), Failed> {
        for (key, annotation) in self.extra.iter() {
            if is_annotation_of(key, name) {
                self.map.entry_json(key, annotation)?;
            }
        }
        Ok(())
    }

    /// Every declared field, in schema order.
    fn fields(&mut self, value: &dyn Structured) -> Result<(), Failed> {
        let info = value.type_info();
        for (index, name) in info.fields.iter().enumerate() {
            if let Some(slot) = value.field(index) {
                self.field(name, slot)?;
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

/// Whether `key` is the annotation of a declared property (written before that property).
fn annotates_declared(info: &TypeInfo, key: &str) -> bool {
    annotation_at(key).is_some_and(|at| is_declared(info, &key[..at]))
}

/// `Value::encode` for a generated struct.
pub fn encode_structured(value: &dyn Structured, out: &mut dyn Output) -> Result<(), Failed> {
    encode_object(value, None, out)
}

/// `Serialize` for a generated struct.
pub fn serialize_structured<T: Structured, S: Serializer>(
    value: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = OutputOf::new(serializer);
    let result = encode_object(value, tag, &mut out);
    out.finish(result)
}

/// A generated struct as JSON, `@odata.type` first with its own type's name: a derived value sent
/// where its base type is expected (a request body for a collection of the base type).
pub(crate) fn tagged_json(value: &dyn Structured) -> Vec<u8> {
    let tag = format!("#{}", value.type_info().name);
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut bytes);
    let mut out = OutputOf::new(&mut serializer);
    let result = encode_object(value, Some(&tag), &mut out);
    // Into memory, serde_json fails only on what the encoder reports, which generated values
    // do not (a non-finite number is written as a string).
    let _ = out.finish(result);
    bytes
}

/// Encodes a generated struct; `tag` is the `@odata.type` to write when the value stands in a
/// slot of a base type and carries no tag of its own.
pub(crate) fn encode_object(
    value: &dyn Structured,
    tag: Option<&str>,
    out: &mut dyn Output,
) -> Result<(), Failed> {
    out.map(&mut |map| encode_entries(value, tag, map))
}

fn encode_entries(
    value: &dyn Structured,
    tag: Option<&str>,
    map: &mut dyn MapOutput,
) -> Result<(), Failed> {
    let info = value.type_info();
    let extra = value.additional_data();
    if extra.is_empty() {
        if let Some(tag) = tag {
            map.entry_str("@odata.type", tag)?;
        }
        return Writer {
            map,
            extra,
            annotated: 0,
        }
        .fields(value);
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
            Some(at) if is_declared(info, &key[..at]) => {
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
        Some((key, kept)) => map.entry_json(key, kept)?,
        None => {
            if let Some(tag) = tag {
                map.entry_str("@odata.type", tag)?;
            }
        }
    }
    if instance_annotations {
        for (i, (key, v)) in extra.iter().enumerate() {
            if key.starts_with('@') && type_at != Some(i) {
                map.entry_json(key, v)?;
            }
        }
    }
    Writer {
        map: &mut *map,
        extra,
        annotated,
    }
    .fields(value)?;
    if undeclared {
        for (i, (key, v)) in extra.iter().enumerate() {
            let written = if i < 64 {
                declared_annotations & 1 << i != 0
            } else {
                annotates_declared(info, key)
            };
            if written || key.starts_with('@') {
                continue;
            }
            map.entry_json(key, v)?;
        }
    }
    Ok(())
}

/// `Debug` for a generated struct: `Chat { id: Value("19:..."), topic: Null, additional_data: {..} }`,
/// with the JSON names of the fields that are not absent (null ones show as `Null`), then additional
/// data when there is any. One call per struct instead of a derived `fmt` with a line per field:
/// across the whole Graph schema the derived ones were the largest single cost of `cargo check`.
pub fn debug_structured(
    value: &dyn Structured,
    f: &mut core::fmt::Formatter<'_>,
) -> core::fmt::Result {
    let info = value.type_info();
    let mut fields = f.debug_struct(info.rust_name);
    for (index, json) in info.fields.iter().enumerate() {
        if let Some(slot) = value.field(index) {
            if !slot.is_absent() {
                fields.field(json, slot.debug());
            }
        }
    }
    let extra = value.additional_data();
    if !extra.is_empty() {
        fields.field("additional_data", extra);
    }
    fields.finish()
}
