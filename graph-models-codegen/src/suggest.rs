//! "Did you mean" suggestions: the closest names by edit distance. One function for the reader's
//! diagnostics (names written in a document) and for the names a caller selects (`types:`,
//! `untyped:`, `Builder::types`), so both compare names the same way.

/// How far from the name a candidate may be, by the name's length `n` in chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tolerance {
    /// `n / 3`, at least 2: names a person typed into a call, where a short type name (`chat`)
    /// must still find a transposition (`chta`, distance 2).
    Typed,
    /// `n / 3`, between 1 and 4: names in a document, where the reader suggests one name and a long
    /// name must not draw an unrelated one.
    Document,
}

impl Tolerance {
    fn max_distance(self, name: &str) -> usize {
        let third = name.chars().count() / 3;
        match self {
            Tolerance::Typed => third.max(2),
            Tolerance::Document => third.clamp(1, 4),
        }
    }
}

/// Levenshtein distance over chars, case-insensitive, or `None` once it is sure to exceed `max`
/// (the reader asks for suggestions against every type of a schema: most candidates stop early).
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

/// Up to `max` candidates within `tolerance` of `name`, closest first, ties in the candidates'
/// order (so a caller passing candidates in a fixed order gets the same answer every run).
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
    tolerance: Tolerance,
) -> Vec<&'a str> {
    let limit = tolerance.max_distance(name);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| distance(name, c, limit).map(|d| (d, c)))
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_case() {
        let d = |a, b| distance(a, b, usize::MAX);
        assert_eq!(d("chat", "chat"), Some(0));
        assert_eq!(d("chta", "chat"), Some(2));
        assert_eq!(d("Chat", "chat"), Some(0));
        assert_eq!(distance("chta", "chat", 1), None);
        let names = ["chat", "chatMessage", "channel", "conversationMember"];
        let typed = |name| closest(name, names, 3, Tolerance::Typed);
        assert_eq!(typed("chats"), vec!["chat"]);
        assert_eq!(typed("conversationMembr"), vec!["conversationMember"]);
        assert!(typed("zzzzzz").is_empty());
    }

    #[test]
    fn tolerances() {
        let names = ["conversationMember", "chat", "chatMessage"];
        let document = |name| closest(name, names, 1, Tolerance::Document);
        assert_eq!(document("conversatonMember"), vec!["conversationMember"]);
        assert_eq!(document("Chat"), vec!["chat"]);
        assert!(document("zzzzzz").is_empty());
        // Distance 2 from a four-letter name: a typed name finds it, a document's does not.
        assert_eq!(closest("chta", names, 1, Tolerance::Typed), vec!["chat"]);
        assert!(document("chta").is_empty());
        // A long name: a document's stops at 4, a typed one allows a third of its length.
        let long = ["abcdefghijklmnopqr"];
        assert!(closest("abcdefghijklmnXXXXX", long, 1, Tolerance::Document).is_empty());
        assert_eq!(
            closest("abcdefghijklmnXXXXX", long, 1, Tolerance::Typed),
            vec!["abcdefghijklmnopqr"]
        );
    }
}
