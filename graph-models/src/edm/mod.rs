//! Values of the OData (Edm) primitive types.
//!
//! # Mapping
//!
//! | Edm type            | Rust type                 | JSON forms accepted                                        |
//! |---------------------|---------------------------|------------------------------------------------------------|
//! | `Edm.String`        | [`String`]                | string                                                     |
//! | `Edm.Boolean`       | [`bool`]                  | `true` / `false`                                           |
//! | `Edm.Byte`          | [`u8`]                    | number                                                     |
//! | `Edm.SByte`         | [`i8`]                    | number                                                     |
//! | `Edm.Int16`         | [`i16`]                   | number                                                     |
//! | `Edm.Int32`         | [`i32`]                   | number                                                     |
//! | `Edm.Int64`         | [`Int64`]                 | number, or string (`IEEE754Compatible=true`)               |
//! | `Edm.Decimal`       | [`Decimal`]               | number, or string; every digit kept                        |
//! | `Edm.Double`        | [`Double`]                | number, or `"INF"`, `"-INF"`, `"NaN"`                      |
//! | `Edm.Single`        | [`Single`]                | number, or `"INF"`, `"-INF"`, `"NaN"`                      |
//! | `Edm.Guid`          | [`Guid`]                  | string `8-4-4-4-12` hex digits, any case                   |
//! | `Edm.DateTimeOffset`| [`DateTimeOffset`]        | string `YYYY-MM-DDThh:mm[:ss[.f{1,12}]](Z\|±hh:mm)`          |
//! | `Edm.Date`          | [`Date`]                  | string `YYYY-MM-DD`                                        |
//! | `Edm.TimeOfDay`     | [`TimeOfDay`]             | string `hh:mm[:ss[.f{1,12}]]`                              |
//! | `Edm.Duration`      | [`Duration`]              | string `[+-]P[nD][T[nH][nM][n[.f]S]]`                      |
//! | `Edm.Binary`        | [`Binary`]                | string, base64url or standard base64, padded or not        |
//! | `Edm.Stream`        | [`Stream`]                | any JSON value, kept as is                                 |
//! | `Edm.Untyped`       | [`serde_json::Value`]     | any JSON value                                             |
//!
//! Rust-native types are used where the JSON form is unambiguous; the types of this module exist where a
//! value has several JSON forms, or needs more than a Rust primitive to be kept exactly.
//!
//! # The lossless rule
//!
//! A decoded value re-encodes to the *same JSON value* it came from: `"2020-12-04T23:10:28.51Z"` stays that
//! string (it does not become `"2020-12-04T23:10:28.510Z"`), an upper-case GUID stays upper case, an
//! [`Int64`] given as a string stays a string, a [`Double`] `1` stays `1` and `1.0` stays `1.0`, `"INF"`
//! stays `"INF"`, standard base64 stays standard base64.
//!
//! Each type holds its typed value (a [`chrono`] date, a [`uuid::Uuid`], an `f64`, ...) and, only when the
//! text it was decoded from differs from the *canonical* text this module would write for that value, a copy
//! of that text (`Option<Box<str>>`). So the common forms cost no allocation, values built in Rust
//! (`From<uuid::Uuid>`, `From<chrono::DateTime<..>>`, ...) encode canonically, and decoded values encode as
//! they came. [`Display`](std::fmt::Display) writes the same lexical form (without JSON quotes).
//!
//! The canonical forms (what values built in Rust encode as):
//!
//! | type               | canonical form                                                    | e.g.                          |
//! |--------------------|-------------------------------------------------------------------|-------------------------------|
//! | [`Int64`]          | JSON number ([`Int64::new_string`]: JSON string)                  | `42`                          |
//! | [`Decimal`]        | the text given ([`Decimal::new_string`]: as a JSON string)        | `19.990`                      |
//! | [`Double`]/[`Single`] | shortest round-trip text, as serde_json writes floats          | `1.0`, `0.1`, `"INF"`         |
//! | [`Guid`]           | lower case ([`Guid::new_upper`]: upper case)                      | `8c0a1a67-50ce-...`           |
//! | [`DateTimeOffset`] | `YYYY-MM-DDThh:mm:ss[.f]Z` or `±hh:mm`, fraction without trailing zeros | `2020-12-04T23:10:28.51Z` |
//! | [`Date`]           | `YYYY-MM-DD`                                                      | `2021-04-26`                  |
//! | [`TimeOfDay`]      | `hh:mm:ss[.f]`, fraction without trailing zeros                   | `07:59:59.999`                |
//! | [`Duration`]       | `[-]P[nD][T[nH][nM][n[.f]S]]`, zero parts left out, zero `PT0S`   | `PT1H30M`, `P1DT0.5S`         |
//! | [`Binary`]         | padded base64url ([`Binary::with_form`] for another form)         | `-_8=`                        |
//!
//! `PartialEq` is *lexical*: two values are equal when they encode to the same JSON value. So
//! `"2020-01-01T00:00:00Z"` and `"2020-01-01T01:00:00+01:00"` are different [`DateTimeOffset`]s although
//! they name the same instant, and `1` and `1.0` are different [`Double`]s. Compare the typed values
//! (`get()`, `to_utc()`, ...) for semantic equality.
//!
//! ## Numbers and `arbitrary_precision`
//!
//! The workspace enables serde_json's `arbitrary_precision` feature, so serde_json hands a JSON number to a
//! `Deserialize` impl as its exact text (a one-entry map keyed by serde_json's number token); the number
//! types read that text, and write non-canonical number text back through the same token, which
//! `serde_json::to_string`, `to_writer` and `to_value` all recognise. When decoding from a
//! [`serde_json::Value`] (rather than from JSON text), serde_json itself passes integers and numbers whose
//! text is the shortest float form as plain `u64`/`i64`/`f64`s; the rare numbers written in another form
//! that reads back the same way, such as `0.0000001` (comes back as `1e-7`) or `-0` as an `Int64` (comes
//! back as `0`), lose that form, as they do in serde_json's own `Value`.
//!
//! Cost: with `arbitrary_precision`, serde_json allocates a `String` for every number it reads from text
//! before handing it to *any* `Deserialize` impl that asks for "any" value, which a number that may also
//! come as a string ([`Int64`], [`Decimal`]) or with special strings ([`Double`], [`Single`]) must do.
//! That allocation is serde_json's; these types free it unless they keep it ([`Decimal`] keeps it as its
//! text). Plain Rust integers (`i32`, ...) ask for their type and skip it.
//!
//! serde_json's parser normalises exponents before any `Deserialize` impl sees them (`1E5` and `1e5`
//! become `1e+5`, in its `Value` too), so they are kept in that form: the same JSON value as serde_json
//! sees it.
//!
//! # Dependencies
//!
//! - [`chrono`] (no default features, `std` only: no clock, no time-zone database): the de-facto standard
//!   date/time crate; `DateTime<FixedOffset>` keeps the offset an OData `DateTimeOffset` carries,
//!   `NaiveDate` / `NaiveTime` / `TimeDelta` model `Date`, `TimeOfDay` and `Duration`, and its MSRV (1.62)
//!   is far below the workspace's. Parsing and formatting are our own small hand-written routines: OData's
//!   forms (optional seconds, up to 12 fraction digits, years beyond 9999) are not RFC 3339 and we need
//!   exact control of the canonical text.
//! - [`uuid`] (no default features): the standard GUID type users already hold. Parsing and formatting are
//!   ours (one pass that also records the letter case; `uuid` would accept braced and URN forms OData
//!   does not allow).
//! - [`base64`] 0.22 (no default features): the standard, well-audited base64 crate with strict decoding
//!   (canonical padding and trailing bits), which is what makes exact re-encoding possible.
//! - `zmij`: the shortest float formatter serde_json itself uses (already in the dependency tree), so that a
//!   decoded float's text can be checked against what serde_json would write, without allocating.

/// Display, FromStr, Serialize and Deserialize for a string-form type with `fn parse(&str) -> Result<Self,
/// ParseError>`, a field `lexical: Option<Box<str>>` and either `fn canonical(&self) -> Buf` or, with
/// `own with_canonical`, its own `fn with_canonical<R>(&self, f: impl FnOnce(&str) -> R) -> R` (calls
/// `f` with the canonical text; DateTimeOffset writes Graph's UTC form without a `Buf`).
macro_rules! lexical_string_type {
    ($ty:ident, $expecting:literal) => {
        impl $ty {
            /// Calls `f` with the canonical text.
            fn with_canonical<R>(&self, f: impl FnOnce(&str) -> R) -> R {
                f(self.canonical().as_str())
            }
        }

        lexical_string_type!($ty, $expecting, own with_canonical);
    };
    ($ty:ident, $expecting:literal, own with_canonical) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match &self.lexical {
                    Some(l) => f.write_str(l),
                    None => self.with_canonical(|text| f.write_str(text)),
                }
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::edm::ParseError;

            fn from_str(s: &str) -> Result<Self, $crate::edm::ParseError> {
                $ty::parse(s)
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match &self.lexical {
                    Some(l) => serializer.serialize_str(l),
                    None => self.with_canonical(|text| serializer.serialize_str(text)),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                struct V;

                impl<'de> ::serde::de::Visitor<'de> for V {
                    type Value = $ty;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        $ty::parse(v).map_err(E::custom)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$ty, A::Error> {
                        $crate::edm::reject_map(map, &self)
                    }
                }

                deserializer.deserialize_str(V)
            }
        }
    };
}

mod binary;
mod guid;
mod number;
mod temporal;

pub use binary::{Base64Form, Binary, Stream};
pub use guid::Guid;
pub use number::{Decimal, Double, Int64, Single};
pub use temporal::{Date, DateTimeOffset, Duration, TimeOfDay};

use std::fmt;

use serde::de::{self, DeserializeSeed, Expected, MapAccess, Unexpected};
use serde::ser::{SerializeStruct, Serializer};

/// The error of parsing an Edm lexical form (from `FromStr` or while decoding JSON).
///
/// Its message names the Edm type, quotes the bad value and says what was wrong, e.g.
/// `invalid Edm.Guid "xyz": expected 36 characters, found 3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    type_name: &'static str,
    value: Box<str>,
    quoted: bool,
    reason: Box<str>,
}

impl ParseError {
    pub(crate) fn new(
        type_name: &'static str,
        value: &str,
        quoted: bool,
        reason: impl fmt::Display,
    ) -> Self {
        ParseError {
            type_name,
            value: value.into(),
            quoted,
            reason: reason.to_string().into_boxed_str(),
        }
    }

    /// The Edm type that was being parsed, e.g. `"Edm.Guid"`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The rejected text.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What was wrong with it.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quoted {
            write!(
                f,
                "invalid {} {:?}: {}",
                self.type_name, self.value, self.reason
            )
        } else {
            write!(
                f,
                "invalid {} {}: {}",
                self.type_name, self.value, self.reason
            )
        }
    }
}

impl std::error::Error for ParseError {}

/// serde_json's private name for a number carried as text (feature `arbitrary_precision`). serde_json's own
/// `Number` and other crates (e.g. rust_decimal) rely on it the same way.
pub(crate) const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Writes `text` (a valid JSON number) as a JSON number, digit for digit.
pub(crate) fn serialize_number_text<S: Serializer>(
    serializer: S,
    text: &str,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct(NUMBER_TOKEN, 1)?;
    s.serialize_field(NUMBER_TOKEN, text)?;
    s.end()
}

struct NumberKey;

impl<'de> DeserializeSeed<'de> for NumberKey {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl de::Visitor<'_> for NumberKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == NUMBER_TOKEN)
    }
}

/// Reads the text of an arbitrary-precision JSON number from the map serde_json presents it as; any other
/// map is an `invalid type: map` error against `exp`.
pub(crate) fn number_text<'de, A: MapAccess<'de>>(
    mut map: A,
    exp: &dyn Expected,
) -> Result<String, A::Error> {
    match map.next_key_seed(NumberKey)? {
        Some(true) => map.next_value::<String>(),
        _ => Err(de::Error::invalid_type(Unexpected::Map, exp)),
    }
}

/// For visitors of string-only types: a JSON number (arbitrary-precision map) becomes an `invalid type:
/// number N` error; any other map an `invalid type: map` error.
pub(crate) fn reject_map<'de, A: MapAccess<'de>, T>(
    map: A,
    exp: &dyn Expected,
) -> Result<T, A::Error> {
    let text = number_text(map, exp)?;
    Err(de::Error::invalid_type(
        Unexpected::Other(&format!("number {text}")),
        exp,
    ))
}

/// A small fixed-capacity ASCII buffer for canonical forms: no allocation and no `fmt` machinery
/// (formatting through `write!` costs more than the parsing it would check).
pub(crate) struct Buf {
    bytes: [u8; Buf::CAPACITY],
    len: usize,
}

impl Buf {
    /// Longer than any canonical form written into it (the longest, a `Duration` of `u64::MAX`
    /// seconds, is 45 bytes; an `i128` 40).
    const CAPACITY: usize = 64;

    pub(crate) fn new() -> Self {
        Buf {
            bytes: [0; Buf::CAPACITY],
            len: 0,
        }
    }

    /// Appends an ASCII byte (ignored, never a panic, past the capacity).
    pub(crate) fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// `v` in decimal, zero-padded to at least `width` digits.
    pub(crate) fn push_u64(&mut self, mut v: u64, width: usize) {
        // Straight into place from the last digit: dates and times write seven of these per value.
        let digits = v.checked_ilog10().map_or(1, |l| l as usize + 1).max(width);
        let end = self.len + digits;
        let Some(out) = self.bytes.get_mut(self.len..end) else {
            return;
        };
        for slot in out.iter_mut().rev() {
            *slot = b'0' + (v % 10) as u8;
            v /= 10;
        }
        self.len = end;
    }

    pub(crate) fn push_u128(&mut self, v: u128) {
        match u64::try_from(v) {
            Ok(small) => self.push_u64(small, 0),
            Err(_) => {
                // At most 39 digits: the high part, then 19 zero-padded low digits.
                const TEN19: u128 = 10_000_000_000_000_000_000;
                self.push_u128(v / TEN19);
                self.push_u64((v % TEN19) as u64, 19);
            }
        }
    }

    pub(crate) fn push_i128(&mut self, v: i128) {
        if v < 0 {
            self.push(b'-');
        }
        self.push_u128(v.unsigned_abs());
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII is ever pushed, so this cannot fail; never panic regardless.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// Keeps `text` as the lexical form only when it differs from the canonical form.
pub(crate) fn lexical_if_differs(text: &str, canonical: &str) -> Option<Box<str>> {
    if text == canonical {
        None
    } else {
        Some(text.into())
    }
}
