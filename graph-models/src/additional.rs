//! [`AdditionalData`]: everything in a JSON object that the schema does not declare.

use serde_json::Value;
use std::borrow::Cow;

/// Undeclared properties and instance or property annotations (`user@odata.bind`, `@odata.context`,
/// `members@odata.nextLink`, properties a newer service version added), kept in the order they came and
/// written back.
///
/// When a key comes twice in one object the last value wins (as in `serde_json::Value`), in the
/// position of the first.
///
/// Equality is that of JSON objects (and of `serde_json::Map`): the same keys with equal values, in
/// any order. Encoding writes annotations before properties, so a decoded value and the value
/// decoded from its encoding hold the same entries in another order.
#[derive(Debug, Clone, Default)]
pub struct AdditionalData {
    /// Keys Graph sends on nearly every object (`@odata.type`, `@odata.context`, ...) are the static
    /// strings of [`WELL_KNOWN`]: decoding stores them without allocating.
    entries: Vec<(Cow<'static, str>, Value)>,
}

/// Up to this many entries, a decoded key is checked for a repeat as it comes.
const LINEAR: usize = 16;

/// Instance annotations common enough to be worth not allocating a key for.
const WELL_KNOWN: &[&str] = &[
    "@odata.type",
    "@type",
    "@odata.context",
    "@odata.count",
    "@odata.nextLink",
    "@odata.deltaLink",
    "@odata.id",
    "@odata.etag",
    "@odata.editLink",
    "@odata.readLink",
    "@odata.navigationLink",
    "@odata.associationLink",
    "@odata.mediaReadLink",
    "@odata.mediaEditLink",
    "@odata.mediaContentType",
    "@odata.mediaEtag",
];

/// `key` as a static string when it is well known (only annotations are: they start with `@`).
fn static_key(key: &str) -> Option<&'static str> {
    if !key.starts_with('@') {
        return None;
    }
    WELL_KNOWN.iter().copied().find(|k| *k == key)
}

pub(crate) fn intern(key: Cow<'_, str>) -> Cow<'static, str> {
    match static_key(&key) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(key.into_owned()),
    }
}

impl PartialEq for AdditionalData {
    fn eq(&self, other: &Self) -> bool {
        if self.len() != other.len() {
            return false;
        }
        // Keys are unique (`insert` replaces), so equal lengths and every entry found is equality.
        if self.len() <= 16 {
            return self.iter().all(|(k, v)| other.get(k) == Some(v));
        }
        let theirs: std::collections::HashMap<&str, &Value> = other.iter().collect();
        self.iter().all(|(k, v)| theirs.get(k) == Some(&v))
    }
}

impl AdditionalData {
    pub const fn new() -> Self {
        AdditionalData {
            entries: Vec::new(),
        }
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
        let key: String = key.into();
        let value = value.into();
        if let Some(slot) = self.get_mut(&key) {
            return Some(std::mem::replace(slot, value));
        }
        self.push(intern(Cow::Owned(key)), value);
        None
    }

    /// [`insert`](Self::insert) for a decoded key: no allocation when the key is well known or
    /// already present.
    ///
    /// Past [`LINEAR`] entries the key is appended unchecked and [`finish_decoded`]
    /// (Self::finish_decoded) merges repeats once the object ends: a hostile object with many keys
    /// then costs `n log n`, not `n²`.
    pub(crate) fn insert_decoded(&mut self, key: Cow<'_, str>, value: Value) {
        if self.entries.len() >= LINEAR {
            self.entries.push((intern(key), value));
            return;
        }
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.push(intern(key), value),
        }
    }

    /// Merges keys [`insert_decoded`](Self::insert_decoded) appended more than once: the last
    /// value, in the position of the first.
    pub(crate) fn finish_decoded(&mut self) {
        if self.entries.len() <= LINEAR {
            return;
        }
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        // Stable: among equal keys, arrival order.
        order.sort_by(|&a, &b| self.entries[a].0.cmp(&self.entries[b].0));
        let mut repeated = vec![false; self.entries.len()];
        let mut moves: Vec<(usize, usize)> = Vec::new();
        for run in order.chunk_by(|&a, &b| self.entries[a].0 == self.entries[b].0) {
            if let [first, .., last] = *run {
                moves.push((first, last));
                for &i in &run[1..] {
                    repeated[i] = true;
                }
            }
        }
        let any = !moves.is_empty();
        for (first, last) in moves {
            let value = std::mem::take(&mut self.entries[last].1);
            self.entries[first].1 = value;
        }
        if any {
            let mut i = 0;
            self.entries.retain(|_| {
                i += 1;
                !repeated[i - 1]
            });
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(i).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (&**k, v))
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

    /// Puts a key the caller knows is new before every other entry.
    pub(crate) fn insert_first(&mut self, key: Cow<'_, str>, value: Value) {
        self.entries.insert(0, (intern(key), value));
    }

    fn push(&mut self, key: Cow<'static, str>, value: Value) {
        // Most objects carry one entry (a tag, `@odata.context`, one annotation): room for exactly
        // one, where `Vec` would make room for four, keeps a page of objects smaller.
        if self.entries.capacity() == 0 {
            self.entries.reserve_exact(1);
        }
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
        std::slice::Iter<'a, (Cow<'static, str>, Value)>,
        fn(&'a (Cow<'static, str>, Value)) -> (&'a str, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (&**k, v))
    }
}
