//! Name syntax and "did you mean" suggestions.

use crate::model::Primitive;

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

/// Levenshtein distance over chars, case-insensitive, giving up above `max`.
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().filter(|d| *d <= max)
}

/// The candidate closest to `wanted` by edit distance, if close enough to be a likely typo.
pub(crate) fn suggest<'c>(
    wanted: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let max = (wanted.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if let Some(d) = distance(wanted, c, max) {
            let better = match best {
                Some((bd, _)) => d < bd,
                None => true,
            };
            if better {
                best = Some((d, c));
            }
        }
    }
    best.map(|(_, c)| c)
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
    fn suggestions() {
        let names = ["conversationMember", "chat", "chatMessage"];
        assert_eq!(
            suggest("conversatonMember", names.iter().copied()),
            Some("conversationMember")
        );
        assert_eq!(suggest("Chat", names.iter().copied()), Some("chat"));
        assert_eq!(suggest("zzzzzz", names.iter().copied()), None);
        assert_eq!(split_collection(" Collection( a.b ) "), (true, "a.b"));
        assert_eq!(primitive("Int32"), Some((Primitive::Int32, false)));
        assert_eq!(primitive("Edm.Foo"), None);
    }
}
