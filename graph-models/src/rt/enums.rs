//! Open enums (unknown members kept, never an error) and flags enums.

use serde::de::{Deserializer, Visitor};
use serde::Serializer;
use std::fmt;
use std::marker::PhantomData;

use super::erased::{Failed, Input, Output};

/// What a generated enum says about its CSDL enum type.
pub struct EnumInfo<E: 'static> {
    /// `namespace.name` of the enum type.
    pub name: &'static str,
    /// `(JSON name, CSDL value, variant, variant's Rust name)` of each member, in document order.
    pub members: &'static [(&'static str, i64, E, &'static str)],
    /// The `Unknown` variant's constructor.
    pub unknown: fn(String) -> E,
}

/// A generated enum: one variant per CSDL member (index into [`EnumInfo::members`]) plus
/// `Unknown(String)` for a member this code does not know.
///
/// Generated code gives one table and one method; names, values, encoding and decoding happen here
/// (each generated body costs compile time across the whole Graph schema's 861 enums).
pub trait EnumMembers: Sized + Clone + 'static {
    const INFO: EnumInfo<Self>;
    /// Index of this member into [`EnumInfo::members`], or the name an `Unknown` holds.
    fn member(&self) -> Result<usize, &str>;
}

/// The JSON name of a member.
pub fn enum_name<E: EnumMembers>(value: &E) -> &str {
    match value.member() {
        Ok(i) => E::INFO.members.get(i).map_or("", |m| m.0),
        Err(name) => name,
    }
}

/// The CSDL value of a member; `None` for `Unknown`.
pub fn enum_value<E: EnumMembers>(value: &E) -> Option<i64> {
    let index = value.member().ok()?;
    E::INFO.members.get(index).map(|m| m.1)
}

/// `PartialEq` for a generated enum, as derived: the same member (or the same unknown name).
pub fn enum_eq<E: EnumMembers>(a: &E, b: &E) -> bool {
    a.member() == b.member()
}

/// `Hash` for a generated enum, consistent with [`enum_eq`].
pub fn enum_hash<E: EnumMembers, H: core::hash::Hasher>(value: &E, state: &mut H) {
    core::hash::Hash::hash(&value.member(), state);
}

/// `Debug` for a generated enum, as derived: the variant's Rust name, `Unknown("name")`.
pub fn debug_enum<E: EnumMembers>(value: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match value.member() {
        Ok(i) => f.write_str(E::INFO.members.get(i).map_or("", |m| m.3)),
        Err(name) => f.debug_tuple("Unknown").field(&name).finish(),
    }
}

pub fn serialize_enum<E: EnumMembers, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(enum_name(value))
}

/// The member named `name`; `Unknown` holding it when there is none.
fn parse_member<E: EnumMembers>(name: &str) -> E {
    match E::INFO.members.iter().find(|m| m.0 == name) {
        Some(m) => m.2.clone(),
        None => (E::INFO.unknown)(name.to_owned()),
    }
}

/// What an enum member is expected to be: `a microsoft.graph.chatType member name`.
struct MemberOf(&'static str, &'static str, &'static str);

impl fmt::Display for MemberOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.0, self.1, self.2)
    }
}

/// `Value::decode` for a generated enum.
pub fn decode_enum<E: EnumMembers>(input: &mut dyn Input<'_>) -> Result<E, Failed> {
    let mut member = None;
    input.str(&MemberOf("a ", E::INFO.name, " member name"), &mut |name| {
        member = Some(parse_member(name));
    })?;
    member.ok_or(Failed)
}

/// `Value::encode` for a generated enum.
pub fn encode_enum<E: EnumMembers>(value: &E, out: &mut dyn Output) -> Result<(), Failed> {
    out.str(enum_name(value))
}

pub fn deserialize_enum<'de, E: EnumMembers, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct EnumVisitor<E>(PhantomData<E>);
    impl<E: EnumMembers> Visitor<'_> for EnumVisitor<E> {
        type Value = E;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} member name", E::INFO.name)
        }
        fn visit_str<Er>(self, v: &str) -> Result<E, Er> {
            Ok(parse_member(v))
        }
    }
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

/// A value of an `IsFlags` enum: a set of members, written `"a,b"`. Unknown members are kept;
/// a decoded value re-encodes to the exact string it came from.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Flags<E> {
    members: Vec<E>,
    /// The text as decoded, when it differs from what `members` would write (spaces, order kept).
    raw: Option<Box<str>>,
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Flags {
            members: Vec::new(),
            raw: None,
        }
    }
}

impl<E: EnumMembers> Flags<E> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn members(&self) -> &[E] {
        &self.members
    }

    pub fn contains(&self, member: &E) -> bool
    where
        E: PartialEq,
    {
        self.members.contains(member)
    }

    pub fn insert(&mut self, member: E)
    where
        E: PartialEq,
    {
        if !self.members.contains(&member) {
            self.members.push(member);
            self.raw = None;
        }
    }

    /// The CSDL values of the known members, or-ed together.
    pub fn bits(&self) -> i64 {
        self.members
            .iter()
            .filter_map(enum_value)
            .fold(0, |acc, v| acc | v)
    }

    fn canonical(&self) -> String {
        let mut out = String::new();
        for (i, m) in self.members.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(enum_name(m));
        }
        out
    }

    /// The JSON text of this value.
    pub fn to_text(&self) -> String {
        match &self.raw {
            Some(raw) => raw.to_string(),
            None => self.canonical(),
        }
    }

    pub fn parse(text: &str) -> Self {
        let members: Vec<E> = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(parse_member)
            .collect();
        let mut flags = Flags { members, raw: None };
        if flags.canonical() != text {
            flags.raw = Some(text.into());
        }
        flags
    }
}

impl<E: EnumMembers> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        Flags {
            members: iter.into_iter().collect(),
            raw: None,
        }
    }
}

impl<E: EnumMembers> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Flags { members, raw: None }
    }
}

impl<E: EnumMembers> fmt::Debug for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Flags({:?})", self.to_text())
    }
}

impl<E: EnumMembers> serde::Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.raw {
            Some(raw) => serializer.serialize_str(raw),
            None => serializer.serialize_str(&self.canonical()),
        }
    }
}

impl<'de, E: EnumMembers> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor<E>(PhantomData<E>);
        impl<E: EnumMembers> Visitor<'_> for FlagsVisitor<E> {
            type Value = Flags<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "comma-separated {} member names", E::INFO.name)
            }
            fn visit_str<Er>(self, v: &str) -> Result<Flags<E>, Er> {
                Ok(Flags::parse(v))
            }
        }
        deserializer.deserialize_str(FlagsVisitor(PhantomData))
    }
}

impl<E: EnumMembers + PartialEq + fmt::Debug> super::Value for Flags<E> {
    fn decode(input: &mut dyn Input<'_>) -> Result<Self, Failed> {
        let mut flags = None;
        input.str(
            &MemberOf("comma-separated ", E::INFO.name, " member names"),
            &mut |text| {
                flags = Some(Flags::parse(text));
            },
        )?;
        flags.ok_or(Failed)
    }

    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed> {
        match &self.raw {
            Some(raw) => out.str(raw),
            None => out.str(&self.canonical()),
        }
    }
}
