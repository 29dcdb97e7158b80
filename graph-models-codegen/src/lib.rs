//! graph-models-codegen: `parse -> resolve -> select -> emit`.
//!
//! - [`csdl`] reads CSDL XML text into a resolved [`model::Model`] (no I/O: the caller hands in text and,
//!   for `edmx:Reference`d documents, a resolver from URI to text).
//! - [`untyped`] rewrites the complex types carried as any JSON value, then [`select`] picks the
//!   types a call generates (and suggests names for those it does not know): both work on the
//!   model, so `trim` and `invocation` use them without the generator.
//! - [`emit`] turns a selection of that model into Rust tokens.
//!
//! Pure functions over text; no panics on any input.

pub mod csdl;
pub mod diagnostics;
pub mod emit;
pub mod invocation;
pub mod model;
pub mod select;
mod suggest;
pub mod trim;
pub mod untyped;

pub use diagnostics::{DiagnosticKind, Diagnostics, Severity};
pub use model::Model;
