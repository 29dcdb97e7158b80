//! The type-erased boundary between serde and the generated models.
//!
//! A generated type's decoding and encoding are data (its field table) read by code compiled once,
//! here, not once per type: a nested value is decoded through `&mut dyn Input` and encoded through
//! `&mut dyn Output`, whatever deserializer or serializer the caller started with. Only the root
//! value's `Deserialize`/`Serialize` is generic, and it is a one-line call that wraps the caller's
//! deserializer or serializer into an [`InputOf`] / [`OutputOf`].
//!
//! Serde's own types stay underneath: every leaf value (a string, a date, any JSON) is read and
//! written by its own `Deserialize`/`Serialize` on the caller's real deserializer or serializer, so
//! errors and positions are serde_json's, as they would be without the erasure.
//!
//! Errors cannot cross a `dyn` call as the caller's error type, so each adapter keeps the first
//! error it met and hands [`Failed`] back; the adapter that made the call takes the error from the
//! one it created. An adapter never returns `Failed` without having kept an error (or, should that
//! ever fail to hold, it makes one up rather than panic).

use super::de::Key;
use super::value::{LeafMut, LeafRef, Slot};
use core::fmt;
use core::marker::PhantomData;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A decode or encode failed; the adapter that returned it holds the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failed;

/// What a body reading one JSON value is given: the value, read once.
pub type ValueBody<'b, 'de> = dyn FnMut(&mut dyn Input<'de>) -> Result<(), Failed> + 'b;

/// One JSON value to decode, from whatever deserializer the root was decoded with.
pub trait Input<'de> {
    /// Reads a leaf value into `place`, with the leaf type's own `Deserialize`.
    fn leaf(&mut self, place: LeafMut<'_>) -> Result<(), Failed>;
    /// Reads null (`Ok(false)`) or a leaf value into `place` (`Ok(true)`): a nullable field of a
    /// leaf type in one call.
    fn leaf_or_null(&mut self, place: LeafMut<'_>) -> Result<bool, Failed>;
    /// Reads a string and hands it to `sink` (enum members and flags); `expecting` says what the
    /// string should be, for the error when it is not one.
    fn str(
        &mut self,
        expecting: &dyn fmt::Display,
        sink: &mut dyn FnMut(&str),
    ) -> Result<(), Failed>;
    /// Reads null (`Ok(false)`, `some` not called) or a value, which `some` reads (`Ok(true)`).
    fn option(&mut self, some: &mut ValueBody<'_, 'de>) -> Result<bool, Failed>;
    /// Reads an array, whose elements `body` reads.
    fn seq(
        &mut self,
        body: &mut dyn FnMut(&mut dyn SeqInput<'de>) -> Result<(), Failed>,
    ) -> Result<(), Failed>;
    /// Reads an object, whose entries `body` reads; `expecting` says what the object is.
    fn map(
        &mut self,
        expecting: &dyn fmt::Display,
        body: &mut dyn FnMut(&mut dyn MapInput<'de>) -> Result<(), Failed>,
    ) -> Result<(), Failed>;
}

/// The elements of an array being decoded.
pub trait SeqInput<'de> {
    /// Reads the next element with `element`: `Ok(false)` at the end.
    fn next(&mut self, element: &mut ValueBody<'_, 'de>) -> Result<bool, Failed>;
}

/// The entries of an object being decoded.
pub trait MapInput<'de> {
    fn next_key(&mut self) -> Result<Option<Key<'de>>, Failed>;
    /// Decodes the value of the key just read into a declared field.
    fn next_slot(&mut self, slot: &mut dyn Slot) -> Result<(), Failed>;
    /// Reads the value of the key just read as any JSON.
    fn next_json(&mut self) -> Result<serde_json::Value, Failed>;
    /// Reads the value of the tag key just read (`key` is `@odata.type` or `@type`), borrowed from
    /// the input when it has no escapes.
    fn next_tag(&mut self, key: &'static str) -> Result<Cow<'de, str>, Failed>;
    /// An error of this object, with `message`.
    fn error(&mut self, message: &dyn fmt::Display) -> Failed;
}

/// What encodes itself through an [`Output`]: every field value, and each field.
pub trait Encode {
    fn encode(&self, out: &mut dyn Output) -> Result<(), Failed>;
}

/// Where one JSON value is encoded, into whatever serializer the root was encoded with.
pub trait Output {
    fn leaf(&mut self, value: LeafRef<'_>) -> Result<(), Failed>;
    fn str(&mut self, value: &str) -> Result<(), Failed>;
    fn null(&mut self) -> Result<(), Failed>;
    fn seq(
        &mut self,
        len: usize,
        body: &mut dyn FnMut(&mut dyn SeqOutput) -> Result<(), Failed>,
    ) -> Result<(), Failed>;
    fn map(
        &mut self,
        body: &mut dyn FnMut(&mut dyn MapOutput) -> Result<(), Failed>,
    ) -> Result<(), Failed>;
}

/// The elements of an array being encoded.
pub trait SeqOutput {
    fn element(&mut self, value: &dyn Encode) -> Result<(), Failed>;
}

/// The entries of an object being encoded.
pub trait MapOutput {
    fn entry(&mut self, key: &str, value: &dyn Encode) -> Result<(), Failed>;
    fn entry_json(&mut self, key: &str, value: &serde_json::Value) -> Result<(), Failed>;
    fn entry_str(&mut self, key: &str, value: &str) -> Result<(), Failed>;
    fn entry_leaf(&mut self, key: &str, value: LeafRef<'_>) -> Result<(), Failed>;
}

/// Keeps `result`'s error in `slot`.
#[inline]
fn keep<T, E>(slot: &mut Option<E>, result: Result<T, E>) -> Result<T, Failed> {
    result.map_err(|e| {
        if slot.is_none() {
            *slot = Some(e);
        }
        Failed
    })
}

/// The error a child adapter kept, or (should none be kept) one that says so.
#[inline]
fn kept_de<E: serde::de::Error>(kept: Option<E>) -> E {
    kept.unwrap_or_else(|| E::custom("decoding failed"))
}

#[inline]
fn kept_ser<E: serde::ser::Error>(kept: Option<E>) -> E {
    kept.unwrap_or_else(|| E::custom("encoding failed"))
}

/// [`Input`] over a serde deserializer.
pub struct InputOf<'de, D: Deserializer<'de>> {
    de: Option<D>,
    error: Option<D::Error>,
    _de: PhantomData<&'de ()>,
}

impl<'de, D: Deserializer<'de>> InputOf<'de, D> {
    pub fn new(de: D) -> Self {
        InputOf {
            de: Some(de),
            error: None,
            _de: PhantomData,
        }
    }

    /// The result of reading the value with `body`, as the deserializer's own.
    pub fn run(mut self, body: &mut ValueBody<'_, 'de>) -> Result<(), D::Error> {
        match body(&mut self) {
            Ok(()) => match self.de.take() {
                // A body that read nothing still consumes the value.
                Some(de) => serde::de::IgnoredAny::deserialize(de).map(|_| ()),
                None => Ok(()),
            },
            Err(Failed) => Err(kept_de(self.error)),
        }
    }

    /// The error that came with a `Failed`.
    pub fn into_error(self) -> D::Error {
        kept_de(self.error)
    }

    fn take(&mut self) -> Result<D, Failed> {
        match self.de.take() {
            Some(de) => Ok(de),
            None => {
                self.error = Some(D::Error::custom("a value read twice"));
                Err(Failed)
            }
        }
    }
}

impl<'de, D: Deserializer<'de>> Input<'de> for InputOf<'de, D> {
    fn leaf(&mut self, place: LeafMut<'_>) -> Result<(), Failed> {
        let de = self.take()?;
        let result = place.deserialize(de);
        keep(&mut self.error, result)
    }

    fn leaf_or_null(&mut self, place: LeafMut<'_>) -> Result<bool, Failed> {
        let de = self.take()?;
        let result = de.deserialize_option(LeafOrNull(place));
        keep(&mut self.error, result)
    }

    fn str(
        &mut self,
        expecting: &dyn fmt::Display,
        sink: &mut dyn FnMut(&str),
    ) -> Result<(), Failed> {
        let de = self.take()?;
        let result = de.deserialize_str(StrVisitor { expecting, sink });
        keep(&mut self.error, result)
    }

    fn option(&mut self, some: &mut ValueBody<'_, 'de>) -> Result<bool, Failed> {
        let de = self.take()?;
        let result = de.deserialize_option(OptionVisitor { some });
        keep(&mut self.error, result)
    }

    fn seq(
        &mut self,
        body: &mut dyn FnMut(&mut dyn SeqInput<'de>) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        let de = self.take()?;
        let result = de.deserialize_seq(SeqVisitor { body });
        keep(&mut self.error, result)
    }

    fn map(
        &mut self,
        expecting: &dyn fmt::Display,
        body: &mut dyn FnMut(&mut dyn MapInput<'de>) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        let de = self.take()?;
        let result = de.deserialize_map(MapVisitor { expecting, body });
        keep(&mut self.error, result)
    }
}

/// A value read by a body, as a serde seed (for map values and array elements).
struct Seed<'a, 'b, 'de>(&'a mut ValueBody<'b, 'de>);

impl<'de> DeserializeSeed<'de> for Seed<'_, '_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        InputOf::new(de).run(self.0)
    }
}

/// A declared field's value, as a serde seed.
struct SlotSeed<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        let mut input = InputOf::new(de);
        match self.0.decode(&mut input) {
            Ok(()) => Ok(()),
            Err(Failed) => Err(input.into_error()),
        }
    }
}

struct LeafOrNull<'a>(LeafMut<'a>);

impl<'de> Visitor<'de> for LeafOrNull<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        self.0.deserialize(de).map(|()| true)
    }
}

struct StrVisitor<'a> {
    expecting: &'a dyn fmt::Display,
    sink: &'a mut dyn FnMut(&str),
}

impl Visitor<'_> for StrVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expecting.fmt(f)
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        (self.sink)(v);
        Ok(())
    }
}

struct OptionVisitor<'a, 'b, 'de> {
    some: &'a mut ValueBody<'b, 'de>,
}

impl<'de> Visitor<'de> for OptionVisitor<'_, '_, 'de> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        InputOf::new(de).run(self.some).map(|()| true)
    }
}

struct SeqVisitor<'a, 'b, 'de> {
    body: &'a mut (dyn FnMut(&mut dyn SeqInput<'de>) -> Result<(), Failed> + 'b),
}

impl<'de> Visitor<'de> for SeqVisitor<'_, '_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let mut elements = SeqOf { seq, error: None };
        match (self.body)(&mut elements) {
            Ok(()) => Ok(()),
            Err(Failed) => Err(kept_de(elements.error)),
        }
    }
}

struct SeqOf<'de, A: SeqAccess<'de>> {
    seq: A,
    error: Option<A::Error>,
}

impl<'de, A: SeqAccess<'de>> SeqInput<'de> for SeqOf<'de, A> {
    fn next(&mut self, element: &mut ValueBody<'_, 'de>) -> Result<bool, Failed> {
        let result = self.seq.next_element_seed(Seed(element));
        keep(&mut self.error, result).map(|e| e.is_some())
    }
}

struct MapVisitor<'a, 'b, 'de> {
    expecting: &'a dyn fmt::Display,
    body: &'a mut (dyn FnMut(&mut dyn MapInput<'de>) -> Result<(), Failed> + 'b),
}

impl<'de> Visitor<'de> for MapVisitor<'_, '_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expecting.fmt(f)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut entries = MapOf { map, error: None };
        match (self.body)(&mut entries) {
            Ok(()) => Ok(()),
            Err(Failed) => Err(kept_de(entries.error)),
        }
    }
}

struct MapOf<'de, A: MapAccess<'de>> {
    map: A,
    error: Option<A::Error>,
}

impl<'de, A: MapAccess<'de>> MapInput<'de> for MapOf<'de, A> {
    fn next_key(&mut self) -> Result<Option<Key<'de>>, Failed> {
        let result = self.map.next_key::<Key<'de>>();
        keep(&mut self.error, result)
    }

    fn next_slot(&mut self, slot: &mut dyn Slot) -> Result<(), Failed> {
        let result = match slot.leaf_field() {
            Some(leaf) => self.map.next_value_seed(leaf),
            None => self.map.next_value_seed(SlotSeed(slot)),
        };
        keep(&mut self.error, result)
    }

    fn next_json(&mut self) -> Result<serde_json::Value, Failed> {
        let result = self.map.next_value::<serde_json::Value>();
        keep(&mut self.error, result)
    }

    fn next_tag(&mut self, key: &'static str) -> Result<Cow<'de, str>, Failed> {
        let result = self.map.next_value_seed(super::de::TagText(key));
        keep(&mut self.error, result)
    }

    fn error(&mut self, message: &dyn fmt::Display) -> Failed {
        if self.error.is_none() {
            self.error = Some(A::Error::custom(message));
        }
        Failed
    }
}

/// [`Output`] over a serde serializer.
pub struct OutputOf<S: Serializer> {
    ser: Option<S>,
    ok: Option<S::Ok>,
    error: Option<S::Error>,
}

impl<S: Serializer> OutputOf<S> {
    pub fn new(ser: S) -> Self {
        OutputOf {
            ser: Some(ser),
            ok: None,
            error: None,
        }
    }

    /// The serializer's own result of `result` (what encoding through this output returned).
    pub fn finish(self, result: Result<(), Failed>) -> Result<S::Ok, S::Error> {
        match (result, self.ok) {
            (Ok(()), Some(ok)) => Ok(ok),
            (Ok(()), None) => Err(S::Error::custom("nothing was encoded")),
            (Err(Failed), _) => Err(kept_ser(self.error)),
        }
    }

    fn take(&mut self) -> Result<S, Failed> {
        match self.ser.take() {
            Some(ser) => Ok(ser),
            None => {
                self.error = Some(S::Error::custom("a value written twice"));
                Err(Failed)
            }
        }
    }

    fn done(&mut self, result: Result<S::Ok, S::Error>) -> Result<(), Failed> {
        let ok = keep(&mut self.error, result)?;
        self.ok = Some(ok);
        Ok(())
    }
}

impl<S: Serializer> Output for OutputOf<S> {
    fn leaf(&mut self, value: LeafRef<'_>) -> Result<(), Failed> {
        let ser = self.take()?;
        let result = value.serialize(ser);
        self.done(result)
    }

    fn str(&mut self, value: &str) -> Result<(), Failed> {
        let ser = self.take()?;
        let result = ser.serialize_str(value);
        self.done(result)
    }

    fn null(&mut self) -> Result<(), Failed> {
        let ser = self.take()?;
        let result = ser.serialize_unit();
        self.done(result)
    }

    fn seq(
        &mut self,
        len: usize,
        body: &mut dyn FnMut(&mut dyn SeqOutput) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        let ser = self.take()?;
        let seq = keep(&mut self.error, ser.serialize_seq(Some(len)))?;
        let mut elements = SeqOutputOf::<S> { seq, error: None };
        match body(&mut elements) {
            Ok(()) => {
                let result = elements.seq.end();
                self.done(result)
            }
            Err(Failed) => {
                self.error = Some(kept_ser(elements.error));
                Err(Failed)
            }
        }
    }

    fn map(
        &mut self,
        body: &mut dyn FnMut(&mut dyn MapOutput) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        let ser = self.take()?;
        let map = keep(&mut self.error, ser.serialize_map(None))?;
        let mut entries = MapOutputOf::<S> { map, error: None };
        match body(&mut entries) {
            Ok(()) => {
                let result = entries.map.end();
                self.done(result)
            }
            Err(Failed) => {
                self.error = Some(kept_ser(entries.error));
                Err(Failed)
            }
        }
    }
}

/// An [`Encode`] as a serde value (map values and array elements).
struct Encoded<'a>(&'a dyn Encode);

impl Serialize for Encoded<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut out = OutputOf::new(ser);
        let result = self.0.encode(&mut out);
        out.finish(result)
    }
}

struct SeqOutputOf<S: Serializer> {
    seq: S::SerializeSeq,
    error: Option<S::Error>,
}

impl<S: Serializer> SeqOutput for SeqOutputOf<S> {
    fn element(&mut self, value: &dyn Encode) -> Result<(), Failed> {
        let result = self.seq.serialize_element(&Encoded(value));
        keep(&mut self.error, result)
    }
}

struct MapOutputOf<S: Serializer> {
    map: S::SerializeMap,
    error: Option<S::Error>,
}

impl<S: Serializer> MapOutput for MapOutputOf<S> {
    fn entry(&mut self, key: &str, value: &dyn Encode) -> Result<(), Failed> {
        let result = self.map.serialize_entry(key, &Encoded(value));
        keep(&mut self.error, result)
    }

    fn entry_json(&mut self, key: &str, value: &serde_json::Value) -> Result<(), Failed> {
        let result = self.map.serialize_entry(key, value);
        keep(&mut self.error, result)
    }

    fn entry_str(&mut self, key: &str, value: &str) -> Result<(), Failed> {
        let result = self.map.serialize_entry(key, value);
        keep(&mut self.error, result)
    }

    fn entry_leaf(&mut self, key: &str, value: LeafRef<'_>) -> Result<(), Failed> {
        let result = self.map.serialize_entry(key, &value);
        keep(&mut self.error, result)
    }
}
