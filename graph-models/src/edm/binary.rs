//! `Edm.Binary` and `Edm.Stream`.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::engine::GeneralPurpose;
use base64::Engine as _;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};

use super::{reject_map, ParseError};

/// The base64 variant an [`Binary`] is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Base64Form {
    /// base64url (RFC 4648 §5, `-` and `_`) with `=` padding: OData's form, the canonical one.
    #[default]
    UrlSafe,
    /// base64url without padding (OData allows leaving it out).
    UrlSafeNoPad,
    /// Standard base64 (`+` and `/`) with padding, as Microsoft Graph (ODataLib) writes it.
    Standard,
    /// Standard base64 without padding.
    StandardNoPad,
}

impl Base64Form {
    fn engine(self) -> &'static GeneralPurpose {
        match self {
            Base64Form::UrlSafe => &URL_SAFE,
            Base64Form::UrlSafeNoPad => &URL_SAFE_NO_PAD,
            Base64Form::Standard => &STANDARD,
            Base64Form::StandardNoPad => &STANDARD_NO_PAD,
        }
    }
}

/// An `Edm.Binary` value: a JSON string in base64url (OData) or standard base64, with or without padding.
///
/// Holds the decoded bytes and the [`Base64Form`] they were written in; decoding is strict (canonical
/// padding, zero trailing bits, one alphabet), so re-encoding in that form gives back exactly the same
/// string without keeping a copy of it. Values built with `From<Vec<u8>>` encode as padded base64url;
/// use [`Binary::with_form`] for another form. When a text uses none of `+ / - _` both alphabets read it
/// the same way, and it is taken as base64url.
///
/// Equality: same bytes and same form (i.e. the same JSON string).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Binary {
    bytes: Vec<u8>,
    form: Base64Form,
}

impl Binary {
    /// Bytes that encode as padded base64url.
    pub fn new(bytes: Vec<u8>) -> Self {
        Binary {
            bytes,
            form: Base64Form::UrlSafe,
        }
    }

    /// Bytes that encode in `form`.
    pub fn with_form(bytes: Vec<u8>, form: Base64Form) -> Self {
        Binary { bytes, form }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The base64 form it was decoded from (or will be encoded in).
    pub fn form(&self) -> Base64Form {
        self.form
    }

    /// The base64 text (as written to JSON).
    pub fn to_base64(&self) -> String {
        self.form.engine().encode(&self.bytes)
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &dyn fmt::Display| ParseError::new("Edm.Binary", s, true, reason);
        let b = s.as_bytes();
        let standard = b.iter().any(|&c| c == b'+' || c == b'/');
        let url = b.iter().any(|&c| c == b'-' || c == b'_');
        if standard && url {
            return Err(err(
                &"mixes the standard ('+', '/') and base64url ('-', '_') alphabets",
            ));
        }
        // Padded if it has '=' or its length is a multiple of 4 (then both read the same).
        let padded = b.last() == Some(&b'=') || b.len().is_multiple_of(4);
        let form = match (standard, padded) {
            (true, true) => Base64Form::Standard,
            (true, false) => Base64Form::StandardNoPad,
            (false, true) => Base64Form::UrlSafe,
            (false, false) => Base64Form::UrlSafeNoPad,
        };
        let bytes = form.engine().decode(b).map_err(|e| err(&e))?;
        Ok(Binary { bytes, form })
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary::new(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary::new(bytes.to_vec())
    }
}

impl From<Binary> for Vec<u8> {
    fn from(value: Binary) -> Self {
        value.bytes
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

/// Writes the base64 text.
impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Encode in chunks through a stack buffer: 3 input bytes per 4 output characters.
        let engine = self.form.engine();
        let mut buf = [0u8; 1024];
        for chunk in self.bytes.chunks(768) {
            let n = engine
                .encode_slice(chunk, &mut buf)
                .map_err(|_| fmt::Error)?;
            let text = std::str::from_utf8(&buf[..n]).map_err(|_| fmt::Error)?;
            f.write_str(text)?;
        }
        Ok(())
    }
}

impl FromStr for Binary {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        Binary::parse(s)
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // serde_json writes `collect_str` straight through `Display`, without building a String.
        serializer.collect_str(self)
    }
}

struct BinaryVisitor;

impl<'de> Visitor<'de> for BinaryVisitor {
    type Value = Binary;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Edm.Binary base64 string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Binary, E> {
        Binary::parse(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Binary, A::Error> {
        reject_map(map, &self)
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(BinaryVisitor)
    }
}

// ---------------------------------------------------------------------------------------------------------
// Stream

/// An `Edm.Stream` property value as it appears inline in a JSON payload (rare: streams are usually only
/// described by `@odata.mediaReadLink`-style annotations, which stay in a struct's additional data).
///
/// OData does not fix the inline form (a base64 string, a JSON value for `application/json` media, ...), so
/// the value is kept exactly as it came, as a [`serde_json::Value`]. Equality is that of the JSON value.
/// `Display` writes it as JSON text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stream(serde_json::Value);

impl Stream {
    /// Wraps a JSON value.
    pub fn new(value: serde_json::Value) -> Self {
        Stream(value)
    }

    /// The JSON value.
    pub fn as_value(&self) -> &serde_json::Value {
        &self.0
    }

    /// The JSON value, owned.
    pub fn into_value(self) -> serde_json::Value {
        self.0
    }
}

impl From<serde_json::Value> for Stream {
    fn from(value: serde_json::Value) -> Self {
        Stream(value)
    }
}

impl From<Stream> for serde_json::Value {
    fn from(value: Stream) -> Self {
        value.0
    }
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Stream {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Stream {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Stream)
    }
}
