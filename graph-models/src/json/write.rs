//! A compact JSON serializer that writes exactly what `serde_json::to_vec` writes, into a `Vec<u8>`.
//!
//! Why not serde_json's own: encoding Graph payloads is mostly escaping strings, and serde_json
//! checks them a byte at a time (see [`super::escape`]). Everything else here follows serde_json's
//! compact formatter: same numbers (itoa, and zmij for floats, `null` when not finite), same map-key
//! rules, and serde_json's private tokens for `Number` (arbitrary precision) and `RawValue`, so
//! `serde_json::Value` inside additional data comes out unchanged.

use super::escape::{write_contents, write_str};
use serde::ser::{self, Impossible, Serialize};
use std::fmt::{self, Display};

type Error = serde_json::Error;
type Result<T = ()> = std::result::Result<T, Error>;

/// serde_json's private struct names (`serde_json::Number` with `arbitrary_precision`, and
/// `RawValue`): their one field is JSON text to write as it is.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

/// Appends the JSON text of `value` to `out`. On error `out` holds what was written before it.
pub fn encode_into<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result {
    value.serialize(&mut Serializer { out })
}

pub struct Serializer<'a> {
    out: &'a mut Vec<u8>,
}

impl Serializer<'_> {
    #[inline]
    fn integer<I: itoa::Integer>(&mut self, value: I) -> Result {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        Ok(())
    }

    #[inline]
    fn float<F: zmij::Float>(&mut self, value: F, finite: bool) -> Result {
        if finite {
            self.out
                .extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
        } else {
            self.out.extend_from_slice(b"null");
        }
        Ok(())
    }

    /// `{"variant":` of an externally tagged enum variant with content.
    fn variant_key(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }
}

/// Writes `Display` output as an escaped string, piece by piece.
struct Escaping<'a>(&'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        write_contents(self.0, s);
        Ok(())
    }
}

fn collect_str<T: Display + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result {
    out.push(b'"');
    fmt::write(&mut Escaping(out), format_args!("{value}"))
        .map_err(|_| <Error as ser::Error>::custom("a Display implementation returned an error"))?;
    out.push(b'"');
    Ok(())
}

/// The ten integer methods of `serde::Serializer`, each calling `self.$helper(v)`.
macro_rules! integers {
    ($helper:ident) => {
        integers!($helper;
            serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
            serialize_i128(i128), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
            serialize_u64(u64), serialize_u128(u128));
    };
    ($helper:ident; $($method:ident($ty:ty)),*) => {
        $(fn $method(self, v: $ty) -> Result {
            self.$helper(v)
        })*
    };
}

impl<'a, 'b> ser::Serializer for &'a mut Serializer<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(integer);
    fn serialize_f32(self, v: f32) -> Result {
        self.float(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float(v, v.is_finite())
    }
    fn serialize_char(self, v: char) -> Result {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    #[inline]
    fn serialize_str(self, v: &str) -> Result {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for byte in v {
            ser::SerializeSeq::serialize_element(&mut seq, byte)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        Ok(Compound::begin(self, None, b'[', b']'))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        Ok(Compound::begin(self, Some(variant), b'[', b']'))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        Ok(Compound::begin(self, None, b'{', b'}'))
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'a, 'b>> {
        match name {
            NUMBER_TOKEN | RAW_TOKEN => Ok(Compound::Verbatim(self)),
            _ => self.serialize_map(Some(len)),
        }
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        Ok(Compound::begin(self, Some(variant), b'{', b'}'))
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        collect_str(self.out, value)
    }
}

/// An array or object being written, or one of serde_json's private single-field structs.
pub enum Compound<'a, 'b> {
    Open {
        ser: &'a mut Serializer<'b>,
        first: bool,
        close: u8,
        /// Inside `{"variant":`: one more `}` to close.
        in_variant: bool,
    },
    Verbatim(&'a mut Serializer<'b>),
}

impl<'a, 'b> Compound<'a, 'b> {
    /// Writes `open` (inside `{"variant":` when there is one) and returns the array or object.
    fn begin(ser: &'a mut Serializer<'b>, variant: Option<&str>, open: u8, close: u8) -> Self {
        if let Some(variant) = variant {
            ser.variant_key(variant);
        }
        ser.out.push(open);
        Compound::Open {
            ser,
            first: true,
            close,
            in_variant: variant.is_some(),
        }
    }

    /// The serializer for the next element, after a comma unless it is the first.
    #[inline]
    fn next(&mut self) -> Result<&mut Serializer<'b>> {
        match self {
            Compound::Open { ser, first, .. } => {
                if !*first {
                    ser.out.push(b',');
                }
                *first = false;
                Ok(ser)
            }
            Compound::Verbatim(_) => Err(ser::Error::custom("unexpected element in a number")),
        }
    }

    fn close(self) -> Result {
        if let Compound::Open {
            ser,
            close,
            in_variant,
            ..
        } = self
        {
            ser.out.push(close);
            if in_variant {
                ser.out.push(b'}');
            }
        }
        Ok(())
    }

    #[inline]
    fn entry<V: Serialize + ?Sized>(&mut self, key: &str, value: &V) -> Result {
        match self {
            Compound::Verbatim(ser) => value.serialize(Verbatim(ser.out)),
            Compound::Open { .. } => {
                let ser = self.next()?;
                write_str(ser.out, key);
                ser.out.push(b':');
                value.serialize(ser)
            }
        }
    }
}

/// serde's four sequence-shaped traits differ only in their names: each writes an element.
macro_rules! sequence_impls {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            #[inline]
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                value.serialize(self.next()?)
            }
            fn end(self) -> Result {
                self.close()
            }
        }
    )*};
}

sequence_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let ser = self.next()?;
        key.serialize(MapKey(ser.out))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        match self {
            Compound::Open { ser, .. } => {
                ser.out.push(b':');
                value.serialize(&mut **ser)
            }
            Compound::Verbatim(_) => Err(ser::Error::custom("unexpected value in a number")),
        }
    }
    /// One call per entry: the key is nearly always a string, written without a detour.
    #[inline]
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result {
        self.serialize_key(key)?;
        self.serialize_value(value)
    }
    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[inline]
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.entry(key, value)
    }
    fn end(self) -> Result {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.entry(key, value)
    }
    fn end(self) -> Result {
        self.close()
    }
}

/// The field of serde_json's private `Number` / `RawValue` struct: a string written unquoted.
struct Verbatim<'a>(&'a mut Vec<u8>);

fn not_verbatim() -> Error {
    ser::Error::custom("expected the text of a serde_json number or raw value")
}

macro_rules! refuse {
    ($($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok> {
            Err(Self::refusal())
        })*
    };
}

/// A scalar-only serializer: no compound types, and the methods that would start one refuse.
macro_rules! refuse_compound {
    () => {
        type SerializeSeq = Impossible<(), Error>;
        type SerializeTuple = Impossible<(), Error>;
        type SerializeTupleStruct = Impossible<(), Error>;
        type SerializeTupleVariant = Impossible<(), Error>;
        type SerializeMap = Impossible<(), Error>;
        type SerializeStruct = Impossible<(), Error>;
        type SerializeStructVariant = Impossible<(), Error>;
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result {
            Err(Self::refusal())
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
        fn serialize_tuple(self, _: usize) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Impossible<(), Error>> {
            Err(Self::refusal())
        }
    };
}

impl Verbatim<'_> {
    fn refusal() -> Error {
        not_verbatim()
    }
}

impl ser::Serializer for Verbatim<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_str(self, v: &str) -> Result {
        self.0.extend_from_slice(v.as_bytes());
        Ok(())
    }
    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
        serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
        serialize_f64(f64); serialize_char(char); serialize_bytes(&[u8]); serialize_none();
        serialize_unit(); serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result {
        Err(not_verbatim())
    }
    refuse_compound!();
}

/// A map key: strings as they are; integers, floats, `bool` and `char` quoted, as serde_json does;
/// anything else is an error.
struct MapKey<'a>(&'a mut Vec<u8>);

impl MapKey<'_> {
    fn refusal() -> Error {
        key_must_be_a_string()
    }

    fn quoted(self, text: &str) -> Result {
        self.0.push(b'"');
        self.0.extend_from_slice(text.as_bytes());
        self.0.push(b'"');
        Ok(())
    }

    fn quoted_integer<I: itoa::Integer>(self, value: I) -> Result {
        self.quoted(itoa::Buffer::new().format(value))
    }

    fn float_text<F: zmij::Float>(self, value: F, finite: bool) -> Result {
        if !finite {
            return Err(ser::Error::custom(
                "float key must be finite (got NaN or +/-inf)",
            ));
        }
        self.quoted(zmij::Buffer::new().format_finite(value))
    }
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_str(self, v: &str) -> Result {
        write_str(self.0, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(if v { "true" } else { "false" })
    }
    integers!(quoted_integer);
    fn serialize_f32(self, v: f32) -> Result {
        self.float_text(v, v.is_finite())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float_text(v, v.is_finite())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result {
        v.serialize(self)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        collect_str(self.0, value)
    }
    refuse! {
        serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
    }
    refuse_compound!();
}
