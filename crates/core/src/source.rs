//! Source locations: byte ranges plus 1-based line and column numbers.
//!
//! Columns count UTF-16 code units, as Monaco and the browser's `String`
//! do, so a location can be handed to the editor unchanged.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` byte offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: saturate(start),
            end: saturate(end),
        }
    }

    /// The smallest span that covers both.
    #[must_use]
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A 1-based line and column; the column counts UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    /// Line number, from 1.
    pub line: u32,
    /// Column number in UTF-16 code units, from 1.
    pub column: u32,
}

impl Default for Position {
    fn default() -> Self {
        Self { line: 1, column: 1 }
    }
}

/// Where an element sits in its source: byte range plus start and end positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Loc {
    /// The byte range.
    pub span: Span,
    /// The position of the first character.
    pub start: Position,
    /// The position just past the last character.
    pub end: Position,
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.start.line, self.start.column)
    }
}

/// A value together with the location of the text it came from.
///
/// The IAM analogue of a syntax-tree node: every element of a parsed policy
/// that a user can point at is a `Spanned`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Loc,
}

impl<T> Spanned<T> {
    /// Pairs a value with its location.
    pub fn new(value: T, loc: Loc) -> Self {
        Self { value, loc }
    }
}

/// Maps byte offsets of one text to line and UTF-16 column positions.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Cow<'a, [usize]>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`. Lines end at `\n`; a `\r` before
    /// it counts as part of the line's text.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            text,
            line_starts: Cow::Owned(line_starts),
        }
    }

    /// The index of `text` from the line starts an earlier index of the
    /// same text found ([`LineIndex::into_line_starts`]), without reading
    /// the text again.
    pub(crate) fn with_line_starts(text: &'a str, line_starts: &'a [usize]) -> Self {
        debug_assert_eq!(line_starts.first(), Some(&0));
        Self {
            text,
            line_starts: Cow::Borrowed(line_starts),
        }
    }

    /// Where each line starts, to keep with the text.
    pub(crate) fn into_line_starts(self) -> Vec<usize> {
        self.line_starts.into_owned()
    }

    /// The text this index was built for.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The position of byte `offset` (clamped to the text, and moved back to
    /// a character boundary if it falls inside one).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position {
            line: saturate(line + 1),
            column: saturate(column + 1),
        }
    }

    /// The full location of the byte range `start..end`.
    pub fn loc(&self, start: usize, end: usize) -> Loc {
        Loc {
            span: Span::new(start, end),
            start: self.position(start),
            end: self.position(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_from_one() {
        let text = "ab\n\u{1F600}x\r\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(2), Position { line: 1, column: 3 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // the emoji is 4 bytes and 2 UTF-16 units
        assert_eq!(index.position(7), Position { line: 2, column: 3 });
        // an offset inside the emoji moves back to its start
        assert_eq!(index.position(5), Position { line: 2, column: 1 });
        assert_eq!(index.position(10), Position { line: 3, column: 1 });
        assert_eq!(index.position(99), Position { line: 3, column: 2 });
    }

    #[test]
    fn kept_line_starts_place_as_a_new_index_does() {
        let text = "ab\n\u{1F600}x\r\nz\n";
        let starts = LineIndex::new(text).into_line_starts();
        let kept = LineIndex::with_line_starts(text, &starts);
        let fresh = LineIndex::new(text);
        for offset in 0..=text.len() + 1 {
            assert_eq!(kept.position(offset), fresh.position(offset), "{offset}");
        }
    }
}
