//! [`Field`]: a property value that keeps "absent" and "null" apart.

/// One OData property slot: not sent ([`Field::Absent`]), sent as `null` ([`Field::Null`], the PATCH way to
/// clear a value), or sent with a value.
///
/// Reading stays one call away: `chat.topic.as_deref()` is an `Option<&str>`, `field.get()` an
/// `Option<&T>`; both are `None` for absent and null alike. `is_null()` / `is_absent()` tell the two apart.
///
/// Decoding: a missing key stays `Absent`, `"topic": null` becomes `Null`, anything else `Value`.
/// Encoding: `Absent` writes nothing, `Null` writes `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Field<T> {
    /// Not present in the JSON object.
    #[default]
    Absent,
    /// Present as JSON `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Field<T> {
    /// The value, if there is one.
    pub fn get(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, consuming the field.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(v),
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    pub fn is_value(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    /// Sets a value.
    pub fn set(&mut self, value: impl Into<T>) {
        *self = Field::Value(value.into());
    }

    /// Makes the field `null` (sent as `null`).
    pub fn clear(&mut self) {
        *self = Field::Null;
    }

    /// Makes the field absent (not sent).
    pub fn unset(&mut self) {
        *self = Field::Absent;
    }

    /// `None` becomes `Null`.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(v) => Field::Value(v),
            None => Field::Null,
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(f(v)),
        }
    }
}

impl<T: std::ops::Deref> Field<T> {
    /// `Option<&str>` from a `Field<String>`, `Option<&[T]>` from a `Field<Vec<T>>`.
    pub fn as_deref(&self) -> Option<&T::Target> {
        self.get().map(|v| &**v)
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl From<&str> for Field<String> {
    fn from(value: &str) -> Self {
        Field::Value(value.to_string())
    }
}

impl<T> serde::Serialize for Field<T>
where
    T: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Writers skip absent fields; if one is serialized on its own it can only be null.
            Field::Absent | Field::Null => serializer.serialize_none(),
            Field::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T> serde::Deserialize<'de> for Field<T>
where
    T: serde::Deserialize<'de>,
{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for FieldVisitor<T> {
            type Value = Field<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Field::Null)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Field::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                T::deserialize(d).map(Field::Value)
            }
        }
        deserializer.deserialize_option(FieldVisitor(std::marker::PhantomData))
    }
}
