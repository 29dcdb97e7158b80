//! Decoding and encoding entry points with errors that name the JSON path.

mod escape;
pub(crate) mod lenient;
mod write;

use crate::rt::de::{AT, AT_END};
pub use lenient::{from_slice_lenient, from_str_lenient, Lenient, Mismatch, MAX_MISMATCHES};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
pub use write::encode_into;

fn strip_position(text: &str) -> &str {
    // serde_json appends " at line L column C"; the accessors carry that already.
    match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => text,
    }
}

fn trailing(inner: serde_json::Error) -> DecodeError {
    DecodeError {
        path: ".".into(),
        message: strip_position(&inner.to_string()).to_string(),
        inner,
        property: None,
    }
}

/// A decode error: where (JSON path like `members[1].roles[0]`, line and column) and what.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    /// What was wrong, without position or inner path.
    message: String,
    inner: serde_json::Error,
    /// The declared property whose value failed, when the error is in one.
    property: Option<crate::rt::de::FailedField>,
}

impl DecodeError {
    /// The JSON path of the value that failed (`.` for the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn line(&self) -> usize {
        self.inner.line()
    }

    pub fn column(&self) -> usize {
        self.inner.column()
    }

    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn is_syntax(&self) -> bool {
        self.inner.is_syntax() || self.inner.is_eof()
    }

    /// The declared type of the property whose value failed (`Edm.DateTimeOffset`,
    /// `Collection(microsoft.graph.chatType)`), when the failing value is a declared property's
    /// or inside one: the innermost such property.
    pub fn declared_type(&self) -> Option<&str> {
        self.property.map(|p| p.declared)
    }

    /// That property: the `namespace.name` of the type declaring it, and its JSON name.
    pub fn property(&self) -> Option<(&str, &str)> {
        self.property.map(|p| (p.owner, p.name))
    }
}

impl DecodeError {
    /// An error of the whole input (path `.`) with `message`.
    pub(crate) fn custom(message: String) -> DecodeError {
        let inner = <serde_json::Error as serde::de::Error>::custom(&message);
        DecodeError {
            path: ".".into(),
            message,
            inner,
            property: None,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.path,
            self.message(),
            self.line(),
            self.column()
        )
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.inner)
    }
}

fn wrap(e: serde_path_to_error::Error<serde_json::Error>) -> DecodeError {
    let mut path = e.path().to_string();
    // A key that could not be read shows as `?`: the object holding it is the place.
    while let Some(outer) = path.strip_suffix(".?") {
        path.truncate(outer.len());
    }
    if path == "?" {
        path = ".".into();
    }
    located(path, e.into_inner())
}

/// The error with `path`, joined to the path inside an object that was buffered to find its
/// `@odata.type` (reported in the message).
fn located(mut path: String, inner: serde_json::Error) -> DecodeError {
    let mut text = inner.to_string();
    while let Some(rest) = text.strip_prefix(AT) {
        let Some(end) = rest.find(AT_END) else { break };
        let sub = &rest[..end];
        path = match (path.as_str(), sub) {
            (_, "" | ".") => path,
            (".", _) => sub.to_string(),
            (_, s) if s.starts_with('[') => format!("{path}{s}"),
            _ => format!("{path}.{sub}"),
        };
        text = rest[end + AT_END.len()..].trim_start().to_string();
    }
    let text = strip_position(&text).to_string();
    DecodeError {
        path,
        message: text,
        inner,
        property: None,
    }
}

/// Decodes the whole input with serde_json alone. Tracking the path costs an allocation per key,
/// so it is done only when decoding fails: the input is decoded again, under a path tracker, to
/// name the place of the same error.
fn decode<'a, T, R>(input: impl Fn() -> serde_json::Deserializer<R>) -> Result<T, DecodeError>
where
    T: Deserialize<'a>,
    R: serde_json::de::Read<'a>,
{
    let mut de = input();
    crate::rt::de::reset_failed_field();
    let first = match T::deserialize(&mut de) {
        Ok(value) => match de.end() {
            Ok(()) => return Ok(value),
            Err(e) => return Err(trailing(e)),
        },
        Err(e) => e,
    };
    let property = crate::rt::de::take_failed_field();
    let mut error = locate::<T, R>(input(), first);
    crate::rt::de::reset_failed_field();
    error.property = property;
    Err(error)
}

#[cold]
fn locate<'a, T, R>(mut de: serde_json::Deserializer<R>, first: serde_json::Error) -> DecodeError
where
    T: Deserialize<'a>,
    R: serde_json::de::Read<'a>,
{
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => wrap(e),
        // Decoding is deterministic, so the second pass fails too; should it not, the first
        // error still stands, without a path.
        Ok(_) => located(".".into(), first),
    }
}

/// Decodes `T` from JSON text.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, DecodeError> {
    decode(|| serde_json::Deserializer::from_str(text))
}

/// Decodes `T` from JSON bytes.
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, DecodeError> {
    decode(|| serde_json::Deserializer::from_slice(bytes))
}

/// Decodes `T` from any reader. The input is read to its end first (serde_json decodes a slice
/// several times faster than it reads a stream byte by byte, and a failed decode can be retried to
/// name the error's path), so it is held in memory once, as with [`from_slice`].
pub fn from_reader<R: std::io::Read, T: DeserializeOwned>(mut reader: R) -> Result<T, DecodeError> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        let inner = serde_json::Error::io(e);
        return Err(DecodeError {
            path: ".".into(),
            message: inner.to_string(),
            inner,
            property: None,
        });
    }
    from_slice(&bytes)
}

/// Encodes to compact JSON text: the same text as `serde_json::to_string`, written by this crate's
/// own encoder (faster on string-heavy payloads; see [`encode_into`]).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let bytes = to_vec(value)?;
    // The encoder writes only `str` contents and ASCII, so this never fails; checked, not assumed.
    String::from_utf8(bytes).map_err(|e| serde::ser::Error::custom(e.utf8_error()))
}

/// Encodes to compact JSON bytes, the same bytes as `serde_json::to_vec`.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(128);
    encode_into(&mut out, value)?;
    Ok(out)
}

/// Encodes to `writer`. The text is built in memory first and written with one `write_all`, so
/// an unbuffered writer (a socket, a file) gets one write, not one per token.
pub fn to_writer<W: std::io::Write, T: Serialize + ?Sized>(
    mut writer: W,
    value: &T,
) -> Result<(), serde_json::Error> {
    let bytes = to_vec(value)?;
    writer.write_all(&bytes).map_err(serde_json::Error::io)
}

/// Encodes to a `serde_json::Value` (keys keep their order).
pub fn to_value<T: Serialize>(value: &T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(value)
}
