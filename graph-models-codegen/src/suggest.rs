//! "Did you mean" suggestions: the closest names by edit distance.

/// Levenshtein distance over chars, ASCII case-insensitive.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Up to `max` candidates close to `name` (distance at most a third of its length, at least 2),
/// closest first, ties in the candidates' order.
pub fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
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
        assert_eq!(edit_distance("chat", "chat"), 0);
        assert_eq!(edit_distance("chta", "chat"), 2);
        assert_eq!(edit_distance("Chat", "chat"), 0);
        let names = ["chat", "chatMessage", "channel", "conversationMember"];
        assert_eq!(closest("chats", names, 3), vec!["chat"]);
        assert_eq!(
            closest("conversationMembr", names, 3),
            vec!["conversationMember"]
        );
        assert!(closest("zzzzzz", names, 3).is_empty());
    }
}
