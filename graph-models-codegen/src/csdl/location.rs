//! Byte offset -> `line:col`, in O(log lines) per lookup.
//!
//! `roxmltree::Document::text_pos_at` rescans the text from the start on every call, which is
//! quadratic over the ~100k elements of the Graph document; this index is built once per document.

use crate::model::Location;
use std::cell::Cell;

pub(crate) struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of the first byte of every line.
    starts: Vec<usize>,
    /// Line index, byte offset and column of the previous lookup: the reader asks in (nearly)
    /// document order, so the next answer is usually on the same line or a few lines further,
    /// and on one very long line (a minified document) the column is counted from the previous
    /// position rather than from the start of the line.
    last: Cell<(usize, usize, usize)>,
}

/// Characters in `text[a..b]`.
fn chars_between(text: &str, a: usize, b: usize) -> usize {
    match text.as_bytes().get(a..b) {
        Some(bytes) if bytes.is_ascii() => bytes.len(),
        _ => text
            .get(a..b)
            .map_or(b.saturating_sub(a), |s| s.chars().count()),
    }
}

impl<'t> LineIndex<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 48 + 1);
        starts.push(0);
        // Eight bytes at a time (most words of a CSDL document hold no newline): the classic
        // zero-byte mask of `word ^ 0x0a..` flags candidate bytes, each checked exactly.
        let bytes = text.as_bytes();
        let mut words = bytes.chunks_exact(8);
        let mut base = 0;
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            let x = u64::from_le_bytes(word) ^ 0x0a0a_0a0a_0a0a_0a0a;
            let mut mask = x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080;
            while mask != 0 {
                let j = (mask.trailing_zeros() / 8) as usize;
                if w.get(j) == Some(&b'\n') {
                    starts.push(base + j + 1);
                }
                mask &= mask - 1;
            }
            base += 8;
        }
        for (j, b) in words.remainder().iter().enumerate() {
            if *b == b'\n' {
                starts.push(base + j + 1);
            }
        }
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// 1-based line and column (columns count characters, as roxmltree and editors do).
    pub(crate) fn at(&self, pos: usize) -> Location {
        let pos = pos.min(self.text.len());
        let starts = &self.starts;
        let (last_line, last_pos, last_col) = self.last.get();
        let mut i = last_line;
        let from_cursor = starts.get(i).is_some_and(|&s| s <= pos);
        if from_cursor {
            let mut steps = 0;
            while steps < 16 && starts.get(i + 1).is_some_and(|&s| s <= pos) {
                i += 1;
                steps += 1;
            }
        }
        if !from_cursor || starts.get(i + 1).is_some_and(|&s| s <= pos) {
            i = starts.partition_point(|&s| s <= pos).saturating_sub(1);
        }
        let start = starts.get(i).copied().unwrap_or(0);
        // 1-based column.
        let col = if i != last_line {
            chars_between(self.text, start, pos) + 1
        } else if pos >= last_pos {
            last_col + chars_between(self.text, last_pos, pos)
        } else {
            last_col
                .saturating_sub(chars_between(self.text, pos, last_pos))
                .max(1)
        };
        self.last.set((i, pos, col));
        let line = i + 1;
        Location {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_roxmltree() {
        let text = "<a>\n  <b/>\n\u{e9}<c/>\n\n\n<d\n/><e/>\n<f/></a>";
        let doc = roxmltree::Document::parse(text).unwrap();
        let idx = LineIndex::new(text);
        for n in doc.descendants().filter(|n| n.is_element()) {
            let p = doc.text_pos_at(n.range().start);
            let l = idx.at(n.range().start);
            assert_eq!((p.row, p.col), (l.line, l.col), "{:?}", n.tag_name());
        }
        assert_eq!(idx.at(10_000), idx.at(text.len()));
        // Out of order and far jumps give the same answers as in order.
        let positions: Vec<usize> = (0..text.len()).rev().chain(0..text.len()).collect();
        for p in positions.into_iter().filter(|p| text.is_char_boundary(*p)) {
            let t = doc.text_pos_at(p);
            let l = idx.at(p);
            assert_eq!((t.row, t.col), (l.line, l.col), "{p}");
        }
        let lines = text.lines().count();
        assert_eq!(idx.starts.len(), lines);
    }

    #[test]
    fn large_text_long_line_and_jumps() {
        // Lines of varying length, some non-ASCII, then one very long line (a minified
        // document); probed forwards then backwards.
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(&"x".repeat(i % 13));
            if i % 7 == 0 {
                text.push('\u{e9}');
            }
            text.push('\n');
        }
        text.push_str(&"y\u{e9}".repeat(100_000));
        let idx = LineIndex::new(&text);
        let reference = |p: usize| {
            let before = &text[..p];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line as u32, col as u32)
        };
        let mut probes = Vec::new();
        let mut p = 0;
        while p < text.len() {
            probes.push(p);
            p += 9_973;
            while p < text.len() && !text.is_char_boundary(p) {
                p += 1;
            }
        }
        let backwards: Vec<usize> = probes.iter().rev().copied().collect();
        for p in probes.into_iter().chain(backwards) {
            let l = idx.at(p);
            assert_eq!((l.line, l.col), reference(p), "{p}");
        }
    }
}
