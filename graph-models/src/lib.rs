//! # graph-models
//!
//! Typed Rust models for Microsoft Graph (and any OData v4 service), generated at build time from the
//! service's CSDL `$metadata` by [`odata_models!`].
//!
//! ## What a generated type looks like
//! - One struct per entity and complex type, holding its own and inherited properties, each a
//!   [`Field`], plus `additional_data: AdditionalData` for everything the schema does not declare.
//! - One enum per enum type, with an `Unknown(String)` variant: an unknown member is kept, never an
//!   error. Flags enums are [`Flags`] sets.
//! - Wherever a type with derived types is referenced, an `Any<Type>` enum with a variant per concrete
//!   type and `Other` for types this code does not know; `@odata.type` picks the variant when decoding
//!   and is written first, without you setting it, when encoding a derived value.
//!   An `"@odata.type": "#namespace.name"` naming the variant's own derived type is therefore not
//!   stored in its additional data, first in the object or later (the variant is the tag, written
//!   back identically; read it with `odata_type()`); any other tag (`#alias.name`, no `#`, `@type`,
//!   other case, the declared type, an unknown type) is kept and written back as it came. A tag
//!   repeated in one object keeps its last value, like any key, and must name the same variant. A
//!   derived struct taken out of its enum encodes without a tag, as one built in Rust does.
//!
//! ## Null vs absent
//! [`Field<T>`] has three states: `Absent` (the key is not sent), `Null` (sent as `null`: the PATCH way
//! to clear a value) and `Value(T)`. A decoded `"topic": null` re-encodes as `null`; a missing key stays
//! missing. Reading is one call away: `chat.topic.as_deref()` is `Option<&str>`.
//!
//! ## Order on the wire
//! Encoding writes `@odata.type` first, then instance annotations (`@odata.context`, ...) in the order
//! they came, then the declared properties in schema order, each preceded by its own annotations
//! (`members@odata.count`) in the order they came, then undeclared properties in the order they came.
//! Values kept in additional data keep their exact order at every depth.
//!
//! Declared properties are *not* kept in the order they arrived: JSON objects are unordered, and
//! OData asks only that control information and a property's annotations come first, which the order
//! above guarantees. Keeping arrival order would cost every decoded object extra state (and an
//! encoder that writes fields by index) for a cosmetic difference.
//!
//! ## Decoding
//! [`from_str`], [`from_slice`] and [`from_reader`] decode through serde_json and, on failure,
//! decode again under a path tracker so the error names where (`members[2].roles[0]`).
//!
//! ## Lenient decoding
//! Strict decoding is the default: one value that does not fit its declared type (a timestamp
//! without an offset, an enum member sent as an object, invalid base64, a tag naming a type that does
//! not derive from the slot's) fails the whole payload, and the error names its JSON path and the
//! declared type ([`DecodeError::declared_type`]). [`from_str_lenient`] and [`from_slice_lenient`] are
//! the caller's explicit choice to decode such a payload anyway: each such value is kept as it came,
//! under its own key in the additional data of the object holding it, its typed field left absent,
//! and reported as a [`Mismatch`] (path, declared type, what was found). Re-encoding writes the same
//! JSON back. Malformed JSON is an error in both modes.
//!
//! ## Untyped JSON
//! Graph declares `microsoft.graph.Json` as an empty complex type and sends any JSON value in it
//! (Excel ranges' `values` are arrays of arrays). The generator maps it to [`serde_json::Value`]
//! wherever it is used; `odata_models!`'s `untyped: [...]` names other services' equivalents
//! (`untyped: []` maps none).
//!
//! ## Requests
//! With `paths: true`, [`request`] gives typed paths from the entity container
//! (`chat::chats().key("19:abc@thread.v2").members()`), query options checked against the path's
//! type (`Query::new().select(Chat::TOPIC)`; a misspelt name does not compile) and [`request::Request`]
//! values: method, path and query, body, and the type the answer decodes to. Send them with any
//! HTTP client.
//!
//! ## URL literals
//! [`url`] writes values as OData URL literals, percent-encoded: keys (`('19%3Aabc%40thread.v2')`),
//! strings, enum members (`microsoft.graph.chatType'group'`), dates, and function calls with
//! parameter aliases.
//!
//! ## Encoding
//! [`to_string`], [`to_vec`], [`to_writer`] and [`encode_into`] (which appends to a buffer you
//! reuse) write exactly the bytes `serde_json::to_vec` writes, for any `Serialize` value, with the
//! crate's own encoder: it checks strings for characters to escape 16 bytes at a time where
//! serde_json looks at each byte, which takes 21-24% off encoding the benchmark payloads
//! (`cargo xtask bench-json`). The generated types implement `Serialize`, so
//! `serde_json::to_string` works on them too.

// Lets generated code name this crate `::graph_models` from inside it as well.
extern crate self as graph_models;

mod additional;
pub mod chat;
mod collection;
pub mod edm;
mod field;
mod json;
mod operation;
pub mod request;
pub mod url;
// What generated code calls (docs/DESIGN.md, "The runtime contract"): public because generated
// code in other crates calls it, hidden because it is not an API to call by hand.
#[doc(hidden)]
pub mod rt;

pub use additional::AdditionalData;
pub use collection::{Collection, ValueResponse};
pub use field::Field;
pub use graph_models_macros::odata_models;
pub use json::{
    encode_into, from_reader, from_slice, from_slice_lenient, from_str, from_str_lenient,
    to_string, to_value, to_vec, to_writer, DecodeError, Lenient, Mismatch, MAX_MISMATCHES,
};
pub use operation::{Operation, OperationKind};
pub use rt::Flags;

/// The serde and serde_json this crate uses (additional data values are `serde_json::Value`).
pub use serde;
pub use serde_json;

#[doc(hidden)]
pub use serde as __serde;
#[doc(hidden)]
pub use serde_json as __serde_json;
