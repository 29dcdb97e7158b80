//! `Edm.Guid`.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use uuid::Uuid;

use super::{reject_map, ParseError};

const NAME: &str = "Edm.Guid";

/// How the hex digits were written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Case {
    /// Lower case (canonical), or no letters at all.
    Lower,
    /// All letters upper case.
    Upper,
    /// Mixed case: the text as written.
    Mixed(Box<str>),
}

/// An `Edm.Guid` value: a JSON string `8-4-4-4-12` hexadecimal digits (OData allows no braces, no `urn:`).
///
/// Holds a [`uuid::Uuid`] and the letter case it was written in, so `"8C0A1A67-50CE-..."` re-encodes in
/// upper case; values built with `From<Uuid>` encode in lower case. Equality is lexical (same text, so
/// different case means different values); compare [`get`](Guid::get) for the same GUID.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Guid {
    uuid: Uuid,
    case: Case,
}

impl Guid {
    /// A GUID that encodes in lower case.
    pub fn new(uuid: Uuid) -> Self {
        Guid {
            uuid,
            case: Case::Lower,
        }
    }

    /// A GUID that encodes in upper case (as some Microsoft services write them).
    pub fn new_upper(uuid: Uuid) -> Self {
        Guid {
            uuid,
            case: Case::Upper,
        }
    }

    /// The GUID.
    pub fn get(&self) -> Uuid {
        self.uuid
    }

    /// Whether it is written with upper-case letters only.
    pub fn is_upper(&self) -> bool {
        self.case == Case::Upper
    }

    fn parse(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &dyn fmt::Display| ParseError::new(NAME, s, true, reason);
        let at = |i: usize| {
            let expected = if HYPHENS.contains(&i) {
                "'-'"
            } else {
                "a hexadecimal digit"
            };
            err(&format_args!("expected {expected} at position {}", i + 1))
        };
        let b = s.as_bytes();
        if b.len() != 36 {
            let chars = s.chars().count();
            if chars == 36 {
                // 36 characters, some not ASCII: point at the first.
                return Err(at(s.chars().position(|c| !c.is_ascii()).unwrap_or(0)));
            }
            return Err(err(&format_args!(
                "expected 36 characters (8-4-4-4-12 hexadecimal digits), found {chars}"
            )));
        }
        let mut bytes = [0u8; 16];
        let (mut lower, mut upper) = (false, false);
        let mut n = 0;
        for (i, &c) in b.iter().enumerate() {
            if HYPHENS.contains(&i) {
                if c != b'-' {
                    return Err(at(i));
                }
                continue;
            }
            let nibble = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => {
                    lower = true;
                    c - b'a' + 10
                }
                b'A'..=b'F' => {
                    upper = true;
                    c - b'A' + 10
                }
                _ => return Err(at(i)),
            };
            bytes[n / 2] = bytes[n / 2] << 4 | nibble;
            n += 1;
        }
        let case = match (lower, upper) {
            (true, true) => Case::Mixed(s.into()),
            (false, true) => Case::Upper,
            _ => Case::Lower,
        };
        Ok(Guid {
            uuid: Uuid::from_bytes(bytes),
            case,
        })
    }

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let digits: &[u8; 16] = match &self.case {
            Case::Mixed(s) => return f(s),
            Case::Lower => b"0123456789abcdef",
            Case::Upper => b"0123456789ABCDEF",
        };
        let mut text = [b'-'; 36];
        let mut i = 0;
        for &byte in self.uuid.as_bytes() {
            if HYPHENS.contains(&i) {
                i += 1;
            }
            text[i] = digits[usize::from(byte >> 4)];
            text[i + 1] = digits[usize::from(byte & 0xf)];
            i += 2;
        }
        // Only ASCII was written.
        f(std::str::from_utf8(&text).unwrap_or_default())
    }
}

/// Where the hyphens of `8-4-4-4-12` stand.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

impl From<Uuid> for Guid {
    fn from(uuid: Uuid) -> Self {
        Guid::new(uuid)
    }
}

impl From<Guid> for Uuid {
    fn from(g: Guid) -> Self {
        g.uuid
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|s| f.write_str(s))
    }
}

impl FromStr for Guid {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        Guid::parse(s)
    }
}

impl Serialize for Guid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_text(|s| serializer.serialize_str(s))
    }
}

struct GuidVisitor;

impl<'de> Visitor<'de> for GuidVisitor {
    type Value = Guid;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Edm.Guid string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Guid, E> {
        Guid::parse(v).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Guid, A::Error> {
        reject_map(map, &self)
    }
}

impl<'de> Deserialize<'de> for Guid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(GuidVisitor)
    }
}
