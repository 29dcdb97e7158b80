//! graph-models-codegen: `parse -> resolve -> emit`.
//!
//! - [`csdl`] reads CSDL XML text into a resolved [`model::Model`] (no I/O: the caller hands in text and,
//!   for `edmx:Reference`d documents, a resolver from URI to text).
//! - `emit` (with the chat models) turns a selection of that model into Rust tokens.
//!
//! Pure functions over text; no panics on any input.

pub mod csdl;
pub mod diagnostics;
pub mod emit;
pub mod invocation;
pub mod model;
mod suggest;
pub mod trim;

pub use diagnostics::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
pub use model::Model;
