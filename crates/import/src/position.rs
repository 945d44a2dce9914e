//! Line and column positions of byte offsets that mostly come in order:
//! a cursor walks forward from the last offset asked for, so that the
//! positions of one pass over a text cost one pass (asking for an earlier
//! offset starts again from the top). Columns count UTF-16 code units
//! and lines end at `\n`, as core's `LineIndex` counts them.

use iamplay_core::{Loc, Position, Span};

/// A forward-moving cursor over one text.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'t> {
    text: &'t str,
    offset: usize,
    position: Position,
}

impl<'t> Cursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            position: Position::default(),
        }
    }

    /// The position of byte `offset` (clamped to the text and moved back
    /// to a character boundary).
    pub fn position(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            self.offset = 0;
            self.position = Position::default();
        }
        let piece = self.text.get(self.offset..offset).unwrap_or_default();
        for c in piece.chars() {
            if c == '\n' {
                self.position.line = self.position.line.saturating_add(1);
                self.position.column = 1;
            } else {
                let units = u32::try_from(c.len_utf16()).unwrap_or(1);
                self.position.column = self.position.column.saturating_add(units);
            }
        }
        self.offset = offset;
        self.position
    }

    /// The location of `start..end`.
    pub fn loc(&mut self, start: usize, end: usize) -> Loc {
        let s = self.position(start);
        let e = self.position(end.max(start));
        Loc {
            span: Span::new(start, end.max(start)),
            start: s,
            end: e,
        }
    }
}

/// `loc`, found in a piece of text that starts at `base` (byte offset
/// `base_offset`), as a location in the whole text.
pub(crate) fn shift(loc: Loc, base_offset: usize, base: Position) -> Loc {
    let move_position = |p: Position| Position {
        line: base.line.saturating_add(p.line).saturating_sub(1),
        column: if p.line == 1 {
            base.column.saturating_add(p.column).saturating_sub(1)
        } else {
            p.column
        },
    };
    Loc {
        span: Span::new(
            base_offset + loc.span.start as usize,
            base_offset + loc.span.end as usize,
        ),
        start: move_position(loc.start),
        end: move_position(loc.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iamplay_core::LineIndex;

    #[test]
    fn the_cursor_agrees_with_core_line_index() {
        let text = "ab\n\u{1F600}x\r\nz\u{e9}\n";
        let index = LineIndex::new(text);
        let mut cursor = Cursor::new(text);
        for offset in [0, 1, 3, 5, 7, 8, 10, 2, 12, 13, 99] {
            assert_eq!(cursor.position(offset), index.position(offset), "{offset}");
        }
    }
}
