//! [`Collection`]: an OData collection response (`{"@odata.context": ..., "value": [...]}`).

use crate::rt::{self, Decode, FieldValue, Properties, Structured, TypeInfo};
use crate::{AdditionalData, Field};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A page of a collection, as `GET /chats` returns it: `value` plus the annotations around it
/// (`@odata.context`, `@odata.count`, `@odata.nextLink`, ...) in additional data.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection<T> {
    pub value: Field<Vec<T>>,
    pub additional_data: AdditionalData,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            value: Field::Absent,
            additional_data: AdditionalData::new(),
        }
    }
}

impl<T> Collection<T> {
    /// The `@odata.nextLink` of this page, if there is a next one.
    pub fn next_link(&self) -> Option<&str> {
        self.additional_data.get("@odata.nextLink")?.as_str()
    }

    /// The `@odata.deltaLink` of this page: on the last page of a delta query, where the next
    /// round of changes starts.
    pub fn delta_link(&self) -> Option<&str> {
        self.additional_data.get("@odata.deltaLink")?.as_str()
    }

    /// The `@odata.count` of this page (asked for with `$count=true`): the number of items in the
    /// whole collection, not in this page.
    pub fn count(&self) -> Option<u64> {
        self.additional_data.get("@odata.count")?.as_u64()
    }

    /// The items (empty when `value` is absent or null).
    pub fn items(&self) -> &[T] {
        self.value.as_deref().unwrap_or(&[])
    }
}

impl<T: FieldValue> Structured for Collection<T> {
    const TYPE: TypeInfo = TypeInfo {
        name: "Collection",
        fields: &["value"],
        types: &["Collection"],
    };

    fn decode_field<D: Decode>(&mut self, index: usize, decode: D) -> Result<(), D::Error> {
        match index {
            0 => decode.field(&mut self.value),
            _ => decode.other(&mut self.additional_data),
        }
    }

    fn encode_properties<'a, P: Properties<'a>>(&'a self, w: &mut P) -> &'a AdditionalData {
        w.put("value", &self.value);
        &self.additional_data
    }
}

impl<T: FieldValue> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        rt::serialize_structured(self, None, serializer)
    }
}

impl<'de, T: FieldValue> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        rt::deserialize_structured(deserializer)
    }
}
