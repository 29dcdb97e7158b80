//! Byte offset -> `line:col`, in O(log lines) per lookup.
//!
//! `roxmltree::Document::text_pos_at` rescans the text from the start on every call, which is
//! quadratic over the ~100k elements of the Graph document; this index is built once per document.

use crate::model::Location;

pub(crate) struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of the first byte of every line.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// 1-based line and column (columns count characters, as roxmltree and editors do).
    pub fn at(&self, pos: usize) -> Location {
        let pos = pos.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= pos).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = match self.text.get(start..pos) {
            Some(s) => s.chars().count(),
            None => pos - start,
        };
        Location {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col + 1).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_roxmltree() {
        let text = "<a>\n  <b/>\n\u{e9}<c/></a>";
        let doc = roxmltree::Document::parse(text).unwrap();
        let idx = LineIndex::new(text);
        for n in doc.descendants().filter(|n| n.is_element()) {
            let p = doc.text_pos_at(n.range().start);
            let l = idx.at(n.range().start);
            assert_eq!((p.row, p.col), (l.line, l.col), "{:?}", n.tag_name());
        }
        assert_eq!(idx.at(10_000), idx.at(text.len()));
    }
}
