//! Decoding and encoding entry points with errors that name the JSON path.

use crate::rt::de::{AT, AT_END};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

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
    }
}

/// A decode error: where (JSON path like `members[1].roles[0]`, line and column) and what.
#[derive(Debug)]
pub struct DecodeError {
    path: String,
    /// What was wrong, without position or inner path.
    message: String,
    inner: serde_json::Error,
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
    let inner = e.into_inner();
    // An object buffered to find its `@odata.type` reports the path inside it in the message.
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
    }
}

/// Decodes `T` from JSON text.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(wrap)?;
    de.end().map_err(trailing)?;
    Ok(value)
}

/// Decodes `T` from JSON bytes.
pub fn from_slice<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(wrap)?;
    de.end().map_err(trailing)?;
    Ok(value)
}

/// Decodes `T` from any reader (buffer it: `serde_json` reads byte by byte).
pub fn from_reader<R: std::io::Read, T: DeserializeOwned>(reader: R) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let value = serde_path_to_error::deserialize(&mut de).map_err(wrap)?;
    de.end().map_err(trailing)?;
    Ok(value)
}

/// Encodes to compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

/// Encodes to a `serde_json::Value` (keys keep their order).
pub fn to_value<T: Serialize>(value: &T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(value)
}
