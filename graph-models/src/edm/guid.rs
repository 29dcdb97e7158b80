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
        let b = s.as_bytes();
        if b.len() != 36 {
            return Err(err(&format_args!(
                "expected 36 characters (8-4-4-4-12 hexadecimal digits), found {}",
                s.chars().count()
            )));
        }
        let (mut lower, mut upper) = (false, false);
        for (i, &c) in b.iter().enumerate() {
            let ok = match i {
                8 | 13 | 18 | 23 => c == b'-',
                _ => {
                    lower |= c.is_ascii_lowercase();
                    upper |= c.is_ascii_uppercase();
                    c.is_ascii_hexdigit()
                }
            };
            if !ok {
                let expected = if matches!(i, 8 | 13 | 18 | 23) {
                    "'-'"
                } else {
                    "a hexadecimal digit"
                };
                return Err(err(&format_args!(
                    "expected {expected} at position {}",
                    i + 1
                )));
            }
        }
        let uuid = Uuid::try_parse_ascii(b).map_err(|e| err(&e))?;
        let case = match (lower, upper) {
            (true, true) => Case::Mixed(s.into()),
            (false, true) => Case::Upper,
            _ => Case::Lower,
        };
        Ok(Guid { uuid, case })
    }

    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let mut buf = Uuid::encode_buffer();
        match &self.case {
            Case::Mixed(s) => f(s),
            Case::Lower => f(self.uuid.hyphenated().encode_lower(&mut buf)),
            Case::Upper => f(self.uuid.hyphenated().encode_upper(&mut buf)),
        }
    }
}

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
