//! OData URL literals: how a value is written in a resource path or a query option (OData v4.01
//! URL Conventions, section 5.1.1, and the ABNF's `primitiveLiteral`), percent-encoded for the URL.
//!
//! - strings: single-quoted, a `'` inside doubled (`'O''Neil'`);
//! - enum members: `Namespace.type'member'`, flags `Namespace.type'a,b'`;
//! - numbers, booleans, Guid, Date, TimeOfDay and DateTimeOffset: bare (`42`, `true`,
//!   `01234567-89ab-cdef-0123-456789abcdef`, `2012-12-03T07:16:23Z`);
//! - Duration: `duration'P1DT2H'`; Binary: `binary'...'` in base64url without padding (which OData
//!   allows, and which needs no `%3D`);
//! - `null`.
//!
//! Every literal is percent-encoded as it is written: anything but the unreserved characters
//! (`A-Z a-z 0-9 - . _ ~`) and the quotes that delimit it becomes `%XX` of its UTF-8 bytes, so
//! `19:abc@thread.v2` is written `'19%3Aabc%40thread.v2'` and a `+` in an offset `%2B`. A key
//! segment is [`key`] (`('19%3Aabc%40thread.v2')`) or [`composite_key`] (`(a=1,b='x')`); a
//! function's parameters are [`function_call`], where a complex or collection value goes through a
//! parameter alias (`f(p=@p1)?@p1={...}`), the JSON percent-encoded.

use crate::edm;
use crate::rt::{enum_name, EnumMembers, Flags};
use std::fmt::Write as _;

/// A value that can be written as an OData URL literal.
pub trait Literal {
    /// Appends the literal, percent-encoded, to `out`.
    fn write_literal(&self, out: &mut String);

    /// The literal, percent-encoded.
    fn to_literal(&self) -> String {
        let mut out = String::new();
        self.write_literal(&mut out);
        out
    }
}

/// Appends `text` percent-encoded: every byte but the unreserved characters as `%XX`.
pub fn percent_encode(text: &str, out: &mut String) {
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// The inverse of [`percent_encode`]: each `%XX` (two hex digits) becomes its byte; anything else,
/// a `%` without two hex digits after it included, is kept as it is, and bytes that are not
/// UTF-8 become U+FFFD. For reading a path or a next link back (`19%3Aabc%40thread.v2` is
/// `19:abc@thread.v2`).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `'text'`, a quote inside doubled, the content percent-encoded (the quotes are not: they
/// delimit the literal, and a doubled quote stays `''`).
fn quoted(text: &str, out: &mut String) {
    out.push('\'');
    for (i, part) in text.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        percent_encode(part, out);
    }
    out.push('\'');
}

impl Literal for str {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

impl Literal for String {
    fn write_literal(&self, out: &mut String) {
        quoted(self, out);
    }
}

impl<T: Literal + ?Sized> Literal for &T {
    fn write_literal(&self, out: &mut String) {
        (**self).write_literal(out);
    }
}

/// `null` for `None`.
impl<T: Literal> Literal for Option<T> {
    fn write_literal(&self, out: &mut String) {
        match self {
            Some(v) => v.write_literal(out),
            None => out.push_str("null"),
        }
    }
}

/// Written as they display, percent-encoded (a number, `true`, a Guid, a date or time).
macro_rules! bare {
    ($($ty:ty),*) => {$(
        impl Literal for $ty {
            fn write_literal(&self, out: &mut String) {
                percent_encode(&self.to_string(), out);
            }
        }
    )*};
}

bare!(
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    u32,
    u64,
    edm::Int64,
    edm::Decimal,
    edm::Double,
    edm::Single,
    edm::Guid,
    edm::Date,
    edm::TimeOfDay,
    edm::DateTimeOffset
);

impl Literal for edm::Duration {
    fn write_literal(&self, out: &mut String) {
        out.push_str("duration");
        quoted(&self.to_string(), out);
    }
}

impl Literal for edm::Binary {
    fn write_literal(&self, out: &mut String) {
        use base64::Engine as _;
        out.push_str("binary");
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(self.as_bytes());
        quoted(&text, out);
    }
}

/// `Namespace.type'member'` of an enum member (an unknown member as it was received).
pub fn enum_literal<E: EnumMembers>(member: &E, out: &mut String) {
    percent_encode(E::INFO.name, out);
    quoted(enum_name(member), out);
}

/// `Namespace.type'a,b'` of a flags value.
pub fn flags_literal<E: EnumMembers>(flags: &Flags<E>, out: &mut String) {
    percent_encode(E::INFO.name, out);
    quoted(&flags.to_text(), out);
}

/// An enum member as a [`Literal`] (`Enum(&ChatType::Group)`: `microsoft.graph.chatType'group'`).
pub struct Enum<'a, E>(pub &'a E);

impl<E: EnumMembers> Literal for Enum<'_, E> {
    fn write_literal(&self, out: &mut String) {
        enum_literal(self.0, out);
    }
}

impl<E: EnumMembers> Literal for Flags<E> {
    fn write_literal(&self, out: &mut String) {
        flags_literal(self, out);
    }
}

/// A single-part key segment: `('19%3Aabc%40thread.v2')`, `(42)`.
pub fn key(value: &dyn Literal) -> String {
    let mut out = String::from("(");
    value.write_literal(&mut out);
    out.push(')');
    out
}

/// A key of several properties, in the order the schema declares them: `(OrderID=1,ItemNo=2)`.
pub fn composite_key(parts: &[(&str, &dyn Literal)]) -> String {
    let mut out = String::from("(");
    for (i, (name, value)) in parts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        percent_encode(name, &mut out);
        out.push('=');
        value.write_literal(&mut out);
    }
    out.push(')');
    out
}

/// A function parameter's value: a literal in the call, or JSON through a parameter alias.
pub enum Argument<'a> {
    /// A primitive or enum value, written in the call (`ManagerID=3`).
    Literal(&'a dyn Literal),
    /// A complex or collection value (or any JSON), written as a parameter alias in the call
    /// (`values=@p1`) and as JSON in the query (`@p1=[...]`).
    Json(serde_json::Value),
}

/// A function call segment and the parameter aliases it needs: for `name` and its arguments,
/// `name(a=1,b=@p1)` and the query option pairs (`("@p1", "%5B1%2C2%5D")`), each value
/// percent-encoded. Parameters without a value are left out by the caller (OData: an omitted
/// nullable parameter is null).
pub fn function_call(
    name: &str,
    arguments: &[(&str, Argument<'_>)],
) -> (String, Vec<(String, String)>) {
    let mut segment = String::new();
    percent_encode(name, &mut segment);
    segment.push('(');
    let mut aliases = Vec::new();
    for (i, (parameter, argument)) in arguments.iter().enumerate() {
        if i > 0 {
            segment.push(',');
        }
        percent_encode(parameter, &mut segment);
        segment.push('=');
        match argument {
            Argument::Literal(value) => value.write_literal(&mut segment),
            Argument::Json(json) => {
                let alias = format!("@p{}", aliases.len() + 1);
                segment.push_str(&alias);
                let mut value = String::new();
                percent_encode(&json.to_string(), &mut value);
                aliases.push((alias, value));
            }
        }
    }
    segment.push(')');
    (segment, aliases)
}
