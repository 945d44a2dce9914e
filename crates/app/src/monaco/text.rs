//! Offsets in a document's text: Monaco counts UTF-16 code units, Rust
//! strings count bytes.

use iamplay_core::{LineIndex, Position};

/// The byte offset of the UTF-16 offset `utf16` in `text` (clamped to the
/// text; an offset inside a surrogate pair moves past the character).
pub(crate) fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (index, ch) in text.char_indices() {
        if units >= utf16 {
            return index;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// A single-line range of a document in Monaco's terms: 1-based line and
/// UTF-16 columns, the end column exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineRange {
    /// The line, from 1.
    pub line: u32,
    /// The first column, from 1.
    pub start_column: u32,
    /// The column just past the range.
    pub end_column: u32,
}

impl LineRange {
    /// The range of the bytes `start..end` of `text`, which lie on one line.
    pub(crate) fn of_bytes(index: &LineIndex<'_>, start: usize, end: usize) -> LineRange {
        let Position { line, column } = index.position(start);
        let end = index.position(end);
        let end_column = if end.line == line { end.column } else { column };
        LineRange {
            line,
            start_column: column,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_become_byte_offsets() {
        let text = "a\u{e9}\u{1f600}b";
        assert_eq!(byte_offset(text, 0), 0);
        assert_eq!(byte_offset(text, 1), 1);
        // `é` is one UTF-16 unit and two bytes.
        assert_eq!(byte_offset(text, 2), 3);
        // The emoji is two UTF-16 units and four bytes.
        assert_eq!(byte_offset(text, 4), 7);
        assert_eq!(byte_offset(text, 5), 8);
        assert_eq!(byte_offset(text, 99), 8);
    }

    #[test]
    fn byte_ranges_become_monaco_columns() {
        let text = "{\n  \"\u{e9}c2\": 1\n}";
        let index = LineIndex::new(text);
        // `"éc2"` starts at byte 4 on line 2, column 3; `é` is two bytes but
        // one column.
        let range = LineRange::of_bytes(&index, 5, 9);
        assert_eq!(
            range,
            LineRange {
                line: 2,
                start_column: 4,
                end_column: 7
            }
        );
    }
}
