//! Lenient decoding: a value that does not fit its declared type is kept as it came instead of
//! failing the whole payload.
//!
//! Strict decoding is the default and stays untouched: this is a loop over it. The input is read
//! as a JSON tree; each strict decode that fails names the path of the value that does not fit, and
//! the key holding it is renamed with [`MARKER`] so that the next pass sees an undeclared property.
//! While lenient decoding runs, additional data takes such a key back under its own name. So the
//! typed field stays absent, the value sits in the enclosing object's additional data under its
//! key, and encoding writes the object back as it came. A tag naming a type that does not fit the
//! slot is renamed the same way: the value decodes as the slot's declared type, its tag kept.
//!
//! Every pass decodes with the same functions as [`super::from_str`] (no second decoder to keep in
//! step, nor a second copy of every type's decoding code in the user's binary). Each pass takes one
//! value out of the typed tree, so there are at most as many passes as keys.

use super::{from_str, DecodeError};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::cell::Cell;

/// Appended to a renamed key. Starts with a NUL, which a property name does not hold; and it is
/// only taken off while lenient decoding runs, so strict decoding sees keys exactly as sent.
const MARKER: &str = "\u{0}graph-models:lenient\u{0}";

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
}

/// A leniently decoded value and what did not fit in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient<T> {
    pub value: T,
    /// In the order found (document order, outermost value first where one holds another).
    pub mismatches: Vec<Mismatch>,
}

/// A value that did not fit its declared type, kept in the additional data of the object holding
/// it, under its own key.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// JSON path of the value, as [`DecodeError::path`] gives it: `value[3].createdDateTime`. For
    /// an element of an array (`roles[1]`), the whole array is kept: its elements have one
    /// declared type. For a tag that chooses a type the slot cannot hold, it is the object's path.
    pub path: String,
    /// The declared type of the property it is in (`Edm.DateTimeOffset`,
    /// `Collection(microsoft.graph.chatType)`), when it is in a declared property.
    pub declared: Option<String>,
    /// The value as it came.
    pub found: Value,
    /// What strict decoding said of it.
    pub message: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some(declared) = &self.declared {
            write!(f, " (declared {declared})")?;
        }
        write!(f, "; found {}", self.found)
    }
}

/// Decodes `T` leniently (see the module docs): never fails on a value that does not fit its
/// declared type, below the top level. Malformed JSON is an error, as is a top-level value that is
/// not what `T` is (an array where an object is due). Each misfit costs one more strict decode of
/// the whole input: meant for payloads with a few, and an error past [`MAX_MISMATCHES`].
pub fn from_str_lenient<T: DeserializeOwned>(text: &str) -> Result<Lenient<T>, DecodeError> {
    let tree: Value = from_str(text)?;
    decode_tree(tree)
}

/// [`from_str_lenient`] for JSON bytes.
pub fn from_slice_lenient<T: DeserializeOwned>(bytes: &[u8]) -> Result<Lenient<T>, DecodeError> {
    let tree: Value = super::from_slice(bytes)?;
    decode_tree(tree)
}

/// How many values lenient decoding sets aside before it gives up. Each costs one more strict
/// decode of the whole input, so a hostile payload of misfits would otherwise cost time quadratic
/// in its size.
pub const MAX_MISMATCHES: usize = 1000;

fn decode_tree<T: DeserializeOwned>(mut tree: Value) -> Result<Lenient<T>, DecodeError> {
    let _active = Active::enter();
    let mut mismatches = Vec::new();
    loop {
        let text = tree.to_string();
        let error = match from_str::<T>(&text) {
            Ok(value) => return Ok(Lenient { value, mismatches }),
            Err(e) => e,
        };
        let Some(steps) = resolve(&tree, error.path()) else {
            return Err(error);
        };
        let found = follow(&tree, &steps).cloned().unwrap_or(Value::Null);
        if !set_aside(&mut tree, &steps, error.message()) {
            return Err(error);
        }
        if mismatches.len() == MAX_MISMATCHES {
            return Err(DecodeError::custom(format!(
                "more than {MAX_MISMATCHES} values do not fit their declared types; decode smaller pieces of the payload"
            )));
        }
        mismatches.push(Mismatch {
            path: error.path().to_string(),
            declared: error.declared_type().map(str::to_string),
            found,
            message: error.message().to_string(),
        });
    }
}

/// Marks lenient decoding as running on this thread, until dropped (also on unwinding).
struct Active(bool);

impl Active {
    fn enter() -> Active {
        Active(ACTIVE.with(|a| a.replace(true)))
    }
}

impl Drop for Active {
    fn drop(&mut self) {
        let before = self.0;
        ACTIVE.with(|a| a.set(before));
    }
}

/// The key additional data stores a decoded key under: a key renamed by lenient decoding gets its
/// own name back; any other key is kept as it is.
#[inline]
pub(crate) fn restore_key(key: Cow<'_, str>) -> Cow<'_, str> {
    if key.as_bytes().last() == Some(&MARKER.as_bytes()[MARKER.len() - 1])
        && key.ends_with(MARKER)
        && ACTIVE.with(Cell::get)
    {
        let len = key.len() - MARKER.len();
        return match key {
            Cow::Borrowed(k) => Cow::Borrowed(&k[..len]),
            Cow::Owned(mut k) => {
                k.truncate(len);
                Cow::Owned(k)
            }
        };
    }
    key
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The steps from the root of `tree` to the value at `path` (`.` is the root). A key may itself
/// hold dots (`@odata.type`), so at each object the longest key that the rest of the path starts
/// with, up to a `.`, `[` or its end, is taken.
fn resolve(tree: &Value, path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    if path == "." {
        return Some(steps);
    }
    let mut at = tree;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let index: usize = after[..end].parse().ok()?;
            at = at.as_array()?.get(index)?;
            steps.push(Step::Index(index));
            rest = &after[end + 1..];
        } else {
            let object = at.as_object()?;
            let key = object
                .keys()
                .filter(|k| {
                    rest.starts_with(k.as_str())
                        && matches!(rest.as_bytes().get(k.len()), None | Some(b'.' | b'['))
                })
                .max_by_key(|k| k.len())?;
            at = &object[key];
            rest = &rest[key.len()..];
            steps.push(Step::Key(key.clone()));
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    Some(steps)
}

fn follow<'v>(tree: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    steps.iter().try_fold(tree, |at, step| match step {
        Step::Key(k) => at.get(k),
        Step::Index(i) => at.get(i),
    })
}

fn follow_mut<'v>(tree: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    steps.iter().try_fold(tree, |at, step| match step {
        Step::Key(k) => at.get_mut(k),
        Step::Index(i) => at.get_mut(i),
    })
}

/// Renames the key that takes the value at `steps` out of the typed tree: the value's own tag when
/// the tag is what failed (`message` is strict decoding's), else the innermost key on the way (an
/// array is set aside whole: its elements have one declared type). False when there is none (the
/// top-level value failed).
fn set_aside(tree: &mut Value, steps: &[Step], message: &str) -> bool {
    // Reported at the object when the tag came first, at the tag when the object was buffered.
    if is_tag_error(message) {
        if let Some(Value::Object(object)) = follow(tree, steps) {
            if let Some(tag) = ["@odata.type", "@type"]
                .into_iter()
                .find(|k| object.contains_key(*k))
            {
                return rename(follow_mut(tree, steps), tag);
            }
        }
    }
    let Some(at) = steps.iter().rposition(|s| matches!(s, Step::Key(_))) else {
        return false;
    };
    let Step::Key(key) = &steps[at] else {
        return false;
    };
    rename(follow_mut(tree, &steps[..at]), key)
}

/// Whether strict decoding refused a tag: a known type that does not derive from the slot's, or a
/// tag that is not a string. (An unknown type is the fallback variant, never an error.)
fn is_tag_error(message: &str) -> bool {
    use crate::rt::de::{NOT_A_TYPE_NAME, NOT_DERIVED};
    message.contains(NOT_DERIVED) || message.contains(NOT_A_TYPE_NAME)
}

fn rename(object: Option<&mut Value>, key: &str) -> bool {
    let Some(Value::Object(object)) = object else {
        return false;
    };
    if !object.contains_key(key) {
        return false;
    }
    let renamed = format!("{key}{MARKER}");
    let entries = std::mem::take(object);
    *object = entries
        .into_iter()
        .map(|(k, v)| {
            if k == key {
                (renamed.clone(), v)
            } else {
                (k, v)
            }
        })
        .collect::<Map<String, Value>>();
    true
}
