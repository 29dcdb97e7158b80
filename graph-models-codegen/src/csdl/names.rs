//! Name syntax (identifiers, namespaces, `Collection(..)`, primitive type names), and the
//! reader's "did you mean".

use crate::model::Primitive;
use crate::suggest::{closest, Tolerance};

/// CSDL SimpleIdentifier: a letter or `_`, then letters, digits, marks or connectors. ASCII is
/// checked exactly; beyond ASCII anything but whitespace and controls passes, since `std` has no
/// Unicode categories and the OASIS special-characters example uses `‿`, `⁀`, `＿`, ...
pub(crate) fn is_simple_identifier(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_ascii() {
        return match b.first() {
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                b.len() <= 511 && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
            }
            _ => false,
        };
    }
    let ok = |c: char| {
        if c.is_ascii() {
            c == '_' || c.is_ascii_alphanumeric()
        } else {
            !c.is_whitespace() && !c.is_control()
        }
    };
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if ok(c) && !c.is_ascii_digit() => {}
        _ => return false,
    }
    s.len() <= 511 && chars.all(ok)
}

/// The longest namespace CSDL allows, in characters.
pub(crate) const MAX_NAMESPACE: usize = 511;

/// Dot-separated simple identifiers.
pub(crate) fn is_namespace(s: &str) -> bool {
    s.split('.').all(is_simple_identifier)
}

/// `Collection(X)` -> `(true, "X")`.
pub(crate) fn split_collection(s: &str) -> (bool, &str) {
    let t = s.trim();
    match t
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    }
}

/// `Edm.Int32` -> `(Int32, true)`; a bare `Int32` (odata.net accepts it) -> `(Int32, false)`.
pub(crate) fn primitive(name: &str) -> Option<(Primitive, bool)> {
    match name.strip_prefix("Edm.") {
        Some(rest) => Primitive::from_edm_name(rest).map(|p| (p, true)),
        None if !name.contains('.') => Primitive::from_edm_name(name).map(|p| (p, false)),
        None => None,
    }
}

/// The one candidate a diagnostic suggests for `wanted`, if close enough to be a likely typo
/// ([`closest`] with the document tolerance).
pub(crate) fn suggest_one<'c>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    closest(wanted, candidates, 1, Tolerance::Document).pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_simple_identifier("_a1"));
        assert!(is_simple_identifier("\u{e9}t\u{e9}"));
        assert!(!is_simple_identifier("1a"));
        assert!(!is_simple_identifier("a.b"));
        assert!(!is_simple_identifier(""));
        assert!(!is_simple_identifier("a-b"));
        assert!(is_simple_identifier("Pc_\u{203f}\u{2040}"));
        assert!(is_namespace("microsoft.graph"));
        assert!(!is_namespace("microsoft..graph"));
    }

    #[test]
    fn type_names() {
        assert_eq!(split_collection(" Collection( a.b ) "), (true, "a.b"));
        assert_eq!(primitive("Int32"), Some((Primitive::Int32, false)));
        assert_eq!(primitive("Edm.Foo"), None);
    }
}
