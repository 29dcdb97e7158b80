//! CSDL XML reader (being written; see issue 2).

use crate::diagnostics::Diagnostics;
use crate::model::Model;

/// Reads one CSDL document. `origin` names it in diagnostics (usually its path).
pub fn read(text: &str, origin: &str) -> Result<Model, Diagnostics> {
    read_with_references(text, origin, &|_uri: &str| None)
}

/// Reads a document whose `edmx:Reference`s the caller can supply: `resolve(uri)` returns the
/// referenced document's `(origin, text)`, or `None` when it is not available.
pub fn read_with_references(
    _text: &str,
    _origin: &str,
    _resolve: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Model, Diagnostics> {
    Err(Diagnostics::default())
}
