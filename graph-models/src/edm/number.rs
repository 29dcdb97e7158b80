//! `Edm.Int64`, `Edm.Decimal`, `Edm.Double`, `Edm.Single`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};

use super::{lexical_if_differs, number_text, serialize_number_text, Buf, ParseError};

// ---------------------------------------------------------------------------------------------------------
// Shared number decoding

/// A number type that can be decoded from a JSON number (as its text) or from a JSON string.
trait NumberLike: Sized {
    /// e.g. "Edm.Int64"
    const NAME: &'static str;
    /// What the visitor expects, for serde's `invalid type` errors.
    const EXPECTING: &'static str;
    /// From the exact text of a JSON number (valid JSON number grammar).
    fn from_number(text: Cow<'_, str>) -> Result<Self, ParseError>;
    /// From the content of a JSON string.
    fn from_json_string(s: &str) -> Result<Self, ParseError>;
}

struct NumberVisitor<T>(PhantomData<T>);

impl<T: NumberLike> NumberVisitor<T> {
    fn integer<E: de::Error>(v: i128) -> Result<T, E> {
        let text = int_text(v);
        T::from_number(Cow::Borrowed(text.as_str())).map_err(E::custom)
    }
}

impl<'de, T: NumberLike> Visitor<'de> for NumberVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Self::integer(v.into())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Self::integer(v.into())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
        let mut text = Buf::new();
        text.push_u128(v);
        T::from_number(Cow::Borrowed(text.as_str())).map_err(E::custom)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<T, E> {
        Self::integer(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        if !v.is_finite() {
            return Err(E::invalid_value(de::Unexpected::Float(v), &self));
        }
        let mut buf = zmij::Buffer::new();
        T::from_number(Cow::Borrowed(buf.format_finite(v))).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_json_string(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let text = number_text(map, &self)?;
        T::from_number(Cow::Owned(text)).map_err(de::Error::custom)
    }
}

fn deserialize_number<'de, D: Deserializer<'de>, T: NumberLike>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(NumberVisitor::<T>(PhantomData))
}

/// `[+-]? DIGIT+` (OData's int literal, leading zeros allowed).
fn is_odata_integer(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[+-]? DIGIT+ ["." DIGIT+] [("e"|"E") [+-] DIGIT+]` (OData's decimal literal, leading zeros allowed).
fn is_odata_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// JSON's number grammar: `-? (0 | [1-9] DIGIT*) ("." DIGIT+)? ([eE] [+-]? DIGIT+)?`.
fn is_json_number(s: &str) -> bool {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && is_odata_decimal(unsigned)
        && !(unsigned.len() > 1
            && unsigned.starts_with('0')
            && unsigned.as_bytes()[1].is_ascii_digit())
}

/// Turns a valid OData decimal literal into a valid JSON number text (drops a leading `+` and leading zeros).
fn to_json_number(s: &str) -> Cow<'_, str> {
    if is_json_number(s) {
        return Cow::Borrowed(s);
    }
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let trimmed = rest.trim_start_matches('0');
    let mut out = String::with_capacity(s.len());
    if neg {
        out.push('-');
    }
    if trimmed.is_empty() || !trimmed.as_bytes()[0].is_ascii_digit() {
        out.push('0');
    }
    out.push_str(trimmed);
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------------------------
// Int64

/// An `Edm.Int64` value: a JSON number, or (OData `IEEE754Compatible=true`) a JSON string holding an integer.
///
/// The form it came in (number or string) and its exact text are kept: `"42"` re-encodes as `"42"`, `42`
/// as `42`, `"+042"` as `"+042"`. Values built with [`Int64::new`] / `From<i64>` encode as a JSON number,
/// with [`Int64::new_string`] as a JSON string. Equality is lexical (same JSON value); compare
/// [`get`](Int64::get) for numeric equality.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Int64 {
    value: i64,
    string: bool,
    lexical: Option<Box<str>>,
}

impl Int64 {
    /// A value that encodes as a JSON number.
    pub fn new(value: i64) -> Self {
        Int64 {
            value,
            string: false,
            lexical: None,
        }
    }

    /// A value that encodes as a JSON string (for `IEEE754Compatible=true` payloads).
    pub fn new_string(value: i64) -> Self {
        Int64 {
            value,
            string: true,
            lexical: None,
        }
    }

    /// The integer.
    pub fn get(&self) -> i64 {
        self.value
    }

    /// Whether this value is (was decoded from, or encodes as) a JSON string.
    pub fn is_string(&self) -> bool {
        self.string
    }
}

fn int_text(v: i128) -> Buf {
    let mut b = Buf::new();
    b.push_i128(v);
    b
}

impl NumberLike for Int64 {
    const NAME: &'static str = "Edm.Int64";
    const EXPECTING: &'static str = "an Edm.Int64 (a JSON number, or a string holding an integer)";

    fn from_number(text: Cow<'_, str>) -> Result<Self, ParseError> {
        let text = &*text;
        if !is_json_number(text) {
            return Err(ParseError::new(
                Self::NAME,
                text,
                false,
                "not a JSON number",
            ));
        }
        if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            return Err(ParseError::new(Self::NAME, text, false, "not an integer"));
        }
        let value = text.parse::<i64>().map_err(|_| {
            ParseError::new(Self::NAME, text, false, "out of range for a 64-bit integer")
        })?;
        let canonical = int_text(value.into());
        Ok(Int64 {
            value,
            string: false,
            lexical: lexical_if_differs(text, canonical.as_str()),
        })
    }

    fn from_json_string(s: &str) -> Result<Self, ParseError> {
        if !is_odata_integer(s) {
            return Err(ParseError::new(Self::NAME, s, true, "expected an integer"));
        }
        let value = s.parse::<i64>().map_err(|_| {
            ParseError::new(Self::NAME, s, true, "out of range for a 64-bit integer")
        })?;
        let canonical = int_text(value.into());
        Ok(Int64 {
            value,
            string: true,
            lexical: lexical_if_differs(s, canonical.as_str()),
        })
    }
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64::new(value)
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.value
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.lexical {
            Some(l) => f.write_str(l),
            None => f.write_str(int_text(self.value.into()).as_str()),
        }
    }
}

/// Parses an OData integer literal (`[+-]digits`) into a value that encodes as a JSON number.
impl FromStr for Int64 {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let mut v = Int64::from_json_string(s)?;
        v.string = false;
        if v.lexical.as_deref().is_some_and(|l| !is_json_number(l)) {
            v.lexical = None;
        }
        Ok(v)
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (&self.lexical, self.string) {
            (Some(l), true) => serializer.serialize_str(l),
            (None, true) => serializer.serialize_str(int_text(self.value.into()).as_str()),
            (Some(l), false) => serialize_number_text(serializer, l),
            (None, false) => serializer.serialize_i64(self.value),
        }
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_number(deserializer)
    }
}

// ---------------------------------------------------------------------------------------------------------
// Decimal

/// An `Edm.Decimal` value: a JSON number, or (OData `IEEE754Compatible=true`) a JSON string, kept digit for
/// digit (no precision is lost, whatever the scale).
///
/// It holds the exact text and the form it came in. Equality is lexical: `1.0` and `1.00` differ, and so do
/// `1.5` and `"1.5"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: Box<str>,
    string: bool,
}

impl Decimal {
    /// A value that encodes as a JSON string (for `IEEE754Compatible=true` payloads), from an OData decimal
    /// literal `[+-]digits[.digits][e[+-]digits]`, kept as written.
    pub fn new_string(literal: &str) -> Result<Self, ParseError> {
        Decimal::from_json_string(literal)
    }

    /// The shortest decimal text of a finite `f64` (`None` for NaN and infinities), as a JSON number.
    pub fn from_f64(value: f64) -> Option<Self> {
        if !value.is_finite() {
            return None;
        }
        let text = zmij::Buffer::new().format_finite(value).into();
        Some(Decimal {
            text,
            string: false,
        })
    }

    /// The exact decimal text (without JSON quotes).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The nearest `f64` (may lose precision; very large values become infinite).
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }

    /// Whether this value is (was decoded from, or encodes as) a JSON string.
    pub fn is_string(&self) -> bool {
        self.string
    }
}

impl NumberLike for Decimal {
    const NAME: &'static str = "Edm.Decimal";
    const EXPECTING: &'static str =
        "an Edm.Decimal (a JSON number, or a string holding a decimal number)";

    fn from_number(text: Cow<'_, str>) -> Result<Self, ParseError> {
        if !is_json_number(&text) {
            return Err(ParseError::new(
                Self::NAME,
                &text,
                false,
                "not a JSON number",
            ));
        }
        Ok(Decimal {
            text: text.into_owned().into_boxed_str(),
            string: false,
        })
    }

    fn from_json_string(s: &str) -> Result<Self, ParseError> {
        if !is_odata_decimal(s) {
            return Err(ParseError::new(
                Self::NAME,
                s,
                true,
                "expected a decimal number",
            ));
        }
        Ok(Decimal {
            text: s.into(),
            string: true,
        })
    }
}

macro_rules! decimal_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(value: $t) -> Self {
                let mut text = Buf::new();
                text.push_i128(i128::from(value));
                Decimal { text: text.as_str().into(), string: false }
            }
        }
    )*};
}
decimal_from_int!(i8, i16, i32, i64, i128, u8, u16, u32, u64);

impl From<u128> for Decimal {
    fn from(value: u128) -> Self {
        let mut text = Buf::new();
        text.push_u128(value);
        Decimal {
            text: text.as_str().into(),
            string: false,
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Parses an OData decimal literal into a value that encodes as a JSON number; a leading `+` and leading
/// zeros, which JSON numbers cannot have, are dropped.
impl FromStr for Decimal {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        if !is_odata_decimal(s) {
            return Err(ParseError::new(
                Self::NAME,
                s,
                true,
                "expected a decimal number",
            ));
        }
        Ok(Decimal {
            text: to_json_number(s).into_owned().into_boxed_str(),
            string: false,
        })
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.string {
            serializer.serialize_str(&self.text)
        } else {
            serialize_number_text(serializer, &self.text)
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_number(deserializer)
    }
}

// ---------------------------------------------------------------------------------------------------------
// Double and Single

macro_rules! float_type {
    ($(#[$doc:meta])* $name:ident, $t:ty, $edm:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            value: $t,
            lexical: Option<Box<str>>,
        }

        impl $name {
            /// The value; NaN is normalised to the standard quiet NaN.
            pub fn new(value: $t) -> Self {
                let value = if value.is_nan() { <$t>::NAN } else { value };
                $name { value, lexical: None }
            }

            /// The number.
            pub fn get(&self) -> $t {
                self.value
            }

            /// `"INF"`, `"-INF"` or `"NaN"` for the values written as JSON strings.
            fn special(&self) -> Option<&'static str> {
                match self.value {
                    v if v.is_nan() => Some("NaN"),
                    v if v == <$t>::INFINITY => Some("INF"),
                    v if v == <$t>::NEG_INFINITY => Some("-INF"),
                    _ => None,
                }
            }
        }

        impl NumberLike for $name {
            const NAME: &'static str = $edm;
            const EXPECTING: &'static str =
                concat!("an ", $edm, " (a JSON number, or \"INF\", \"-INF\", \"NaN\")");

            fn from_number(text: Cow<'_, str>) -> Result<Self, ParseError> {
                if !is_json_number(&text) {
                    return Err(ParseError::new(Self::NAME, &text, false, "not a JSON number"));
                }
                let value = text
                    .parse::<$t>()
                    .map_err(|_| ParseError::new(Self::NAME, &text, false, "not a number"))?;
                if !value.is_finite() {
                    return Err(ParseError::new(Self::NAME, &text, false, "out of range"));
                }
                let lexical = lexical_if_differs(&text, zmij::Buffer::new().format_finite(value));
                Ok($name { value, lexical })
            }

            fn from_json_string(s: &str) -> Result<Self, ParseError> {
                let value = match s {
                    "INF" => <$t>::INFINITY,
                    "-INF" => <$t>::NEG_INFINITY,
                    "NaN" => <$t>::NAN,
                    _ => {
                        return Err(ParseError::new(
                            Self::NAME,
                            s,
                            true,
                            "the only strings allowed are \"INF\", \"-INF\" and \"NaN\"",
                        ))
                    }
                };
                Ok($name { value, lexical: None })
            }
        }

        impl From<$t> for $name {
            fn from(value: $t) -> Self {
                $name::new(value)
            }
        }

        impl From<$name> for $t {
            fn from(value: $name) -> Self {
                value.value
            }
        }

        /// Lexical equality: the same bits (all NaNs decoded or built here are the same NaN) and the same
        /// text, i.e. the same JSON value. `1` and `1.0` differ; `NaN` equals `NaN`.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.value.to_bits() == other.value.to_bits() && self.lexical == other.lexical
            }
        }

        /// Bit equality is reflexive (unlike `==` on floats), so this is a full equivalence.
        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.value.to_bits().hash(state);
                self.lexical.hash(state);
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match (&self.lexical, self.special()) {
                    (Some(l), _) => f.write_str(l),
                    (None, Some(s)) => f.write_str(s),
                    (None, None) => f.write_str(zmij::Buffer::new().format_finite(self.value)),
                }
            }
        }

        /// Parses `INF`, `-INF`, `NaN` or an OData decimal literal; the text is kept when it is a valid JSON
        /// number.
        impl FromStr for $name {
            type Err = ParseError;

            fn from_str(s: &str) -> Result<Self, ParseError> {
                if matches!(s, "INF" | "-INF" | "NaN") {
                    return $name::from_json_string(s);
                }
                if !is_odata_decimal(s) {
                    return Err(ParseError::new(
                        Self::NAME,
                        s,
                        true,
                        "expected a decimal number, \"INF\", \"-INF\" or \"NaN\"",
                    ));
                }
                $name::from_number(to_json_number(s))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if let Some(s) = self.special() {
                    return serializer.serialize_str(s);
                }
                match &self.lexical {
                    Some(l) => serialize_number_text(serializer, l),
                    None => Serialize::serialize(&self.value, serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize_number(deserializer)
            }
        }
    };
}

float_type!(
    /// An `Edm.Double` value: a JSON number, or one of the strings `"INF"`, `"-INF"`, `"NaN"`.
    ///
    /// A decoded number keeps its text when it differs from the shortest form serde_json writes for the
    /// same `f64` (`1` stays `1`, `1.50` stays `1.50`; `1.0` and `0.1` need no copy). Values built with
    /// `From<f64>` encode in the shortest form (`1.0`).
    Double,
    f64,
    "Edm.Double"
);

float_type!(
    /// An `Edm.Single` value: a JSON number, or one of the strings `"INF"`, `"-INF"`, `"NaN"`.
    ///
    /// As [`Double`], for `f32`: the canonical text is the shortest that reads back as the same `f32`.
    Single,
    f32,
    "Edm.Single"
);
