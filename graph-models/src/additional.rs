//! [`AdditionalData`]: everything in a JSON object that the schema does not declare.

use serde_json::Value;

/// Undeclared properties and instance or property annotations (`user@odata.bind`, `@odata.context`,
/// `members@odata.nextLink`, properties a newer service version added), kept in the order they came and
/// written back.
///
/// When a key comes twice in one object the last value wins (as in `serde_json::Value`), in the
/// position of the first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AdditionalData {
    entries: Vec<(String, Value)>,
}

impl AdditionalData {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Sets `key`, replacing an existing value in place; returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let key = key.into();
        let value = value.into();
        if let Some(slot) = self.get_mut(&key) {
            return Some(std::mem::replace(slot, value));
        }
        self.entries.push((key, value));
        None
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(i).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The annotations of property `property` (`property@term`), with the term.
    pub fn property_annotations<'a>(
        &'a self,
        property: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
        self.iter().filter_map(move |(k, v)| {
            let term = k.strip_prefix(property)?.strip_prefix('@')?;
            Some((term, v))
        })
    }

    /// The `@odata.type` (or 4.01 `@type`) entry, if any.
    pub fn type_annotation(&self) -> Option<(&str, &Value)> {
        self.iter().find(|(k, _)| crate::rt::is_type_key(k))
    }

    /// Appends without looking for an existing key (the caller knows it is new).
    pub(crate) fn push_unchecked(&mut self, key: String, value: Value) {
        self.entries.push((key, value));
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for AdditionalData {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut data = AdditionalData::new();
        for (k, v) in iter {
            data.insert(k, v);
        }
        data
    }
}

impl<'a> IntoIterator for &'a AdditionalData {
    type Item = (&'a str, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a str, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }
}
