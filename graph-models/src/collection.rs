//! [`Collection`]: an OData collection response (`{"@odata.context": ..., "value": [...]}`).

use crate::rt::{self, Failed, Input, Output, Slot, Structured, TypeInfo, Value};
use crate::{AdditionalData, Field};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A page of a collection, as `GET /chats` returns it: `value` plus the annotations around it
/// (`@odata.context`, `@odata.count`, `@odata.nextLink`, ...) in additional data.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection<T> {
    pub value: Field<Vec<T>>,
    pub additional_data: AdditionalData,
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

/// `Default`, `rt::Structured`, `rt::Value`, `Serialize` and `Deserialize` of a response object
/// with one declared property, `value`, and additional data.
macro_rules! value_object {
    ($ty:ident, $declared:literal) => {
        impl<T> Default for $ty<T> {
            fn default() -> Self {
                $ty {
                    value: Field::Absent,
                    additional_data: AdditionalData::new(),
                }
            }
        }

        impl<T: Value> Structured for $ty<T> {
            fn type_info(&self) -> &'static TypeInfo {
                &TypeInfo {
                    name: stringify!($ty),
                    rust_name: stringify!($ty),
                    fields: &["value"],
                    types: &[$declared],
                }
            }

            fn field(&self, index: usize) -> Option<&dyn Slot> {
                match index {
                    0 => Some(&self.value),
                    _ => None,
                }
            }

            fn field_mut(&mut self, index: usize) -> Option<&mut dyn Slot> {
                match index {
                    0 => Some(&mut self.value),
                    _ => None,
                }
            }

            fn additional_data(&self) -> &AdditionalData {
                &self.additional_data
            }

            fn additional_data_mut(&mut self) -> &mut AdditionalData {
                &mut self.additional_data
            }
        }

        impl<T: Value> Value for $ty<T> {
            fn decode(input: &mut dyn Input<'_>) -> Result<Self, Failed> {
                rt::decode_structured(input)
            }

            fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
                rt::encode_structured(self, out)
            }
        }

        impl<T: Value> Serialize for $ty<T> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                rt::serialize_structured(self, None, serializer)
            }
        }

        impl<'de, T: Value> Deserialize<'de> for $ty<T> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                rt::deserialize_structured(deserializer)
            }
        }
    };
}

value_object!(Collection, "Collection");
value_object!(ValueResponse, "value");

/// The response of an operation returning one primitive or enum value: `{"value": 42}`, with the
/// rest (`@odata.context`, ...) in additional data.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueResponse<T> {
    pub value: Field<T>,
    pub additional_data: AdditionalData,
}
