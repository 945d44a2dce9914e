//! Printing diagnostics as `file:line:column: severity: message` with the
//! offending line and a caret under it.
//!
//! The cost stays proportional to what is printed, whatever the input:
//! a file's line starts are found once ([`SourceLines`]), each diagnostic
//! is written in one piece, and the echoed line is cut to a window of
//! [`WINDOW`] characters around the column, so a 5 MB policy on one line
//! echoes 120 characters per finding, not 5 MB. Control characters in
//! the line and the message are escaped (see [`crate::terminal`]).

use std::fmt::Write as _;
use std::io::{self, Write};

use iamplay_core::Diagnostic;

use crate::terminal::{escape, one_line};

/// The most characters of a source line echoed under a diagnostic.
pub const WINDOW: usize = 120;

/// How many characters before the column the window shows when it has
/// to cut the line.
const BEFORE: usize = 40;

/// The longest caret run.
const MAX_CARETS: usize = 80;

/// A text diagnostics point into, with where each of its lines starts,
/// found once.
#[derive(Debug)]
pub struct SourceLines<'t> {
    text: &'t str,
    /// The byte offset of each line's first character.
    starts: Vec<usize>,
}

impl<'t> SourceLines<'t> {
    /// Finds the lines of `text` (ending at `\n`; a `\r` before it is
    /// not part of the line).
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceLines { text, starts }
    }

    /// Line `number` (from 1) without its line ending, with the byte
    /// offset where it starts; `None` past the end.
    fn line_at(&self, number: usize) -> Option<(usize, &'t str)> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        let end = self
            .starts
            .get(number)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text.get(start..end)?;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// Prints one diagnostic against the text it points into, to `w`
/// (standard error), in one write.
pub fn print_diagnostic(
    w: &mut dyn Write,
    file: &str,
    source: &SourceLines<'_>,
    d: &Diagnostic,
) -> io::Result<()> {
    w.write_all(format_diagnostic(file, source, d).as_bytes())
}

/// The text [`print_diagnostic`] prints.
pub fn format_diagnostic(file: &str, source: &SourceLines<'_>, d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}:{}:{}: {}: {} [{}]",
        one_line(file),
        d.loc.start.line,
        d.loc.start.column,
        d.severity.as_str(),
        one_line(&d.message),
        d.code
    );
    let line_no = d.loc.start.line as usize;
    if let Some((line_start, line)) = source.line_at(line_no) {
        // The byte offsets in the line: from the span when it falls in
        // the line (no walk over a long line), else from the columns.
        let in_line = |offset: u32| {
            (offset as usize)
                .checked_sub(line_start)
                .filter(|&o| o <= line.len())
        };
        let start = in_line(d.loc.span.start)
            .unwrap_or_else(|| column_offset(line, d.loc.start.column as usize));
        let end = if d.loc.end.line == d.loc.start.line {
            in_line(d.loc.span.end)
                .filter(|&end| end >= start)
                .unwrap_or_else(|| column_offset(line, d.loc.end.column as usize))
        } else {
            start
        };
        let echo = Echo::of(line, start, end);
        let gutter = format!("{line_no:>5} | ");
        let _ = writeln!(out, "{gutter}{}", echo.text);
        let _ = writeln!(
            out,
            "{}{}{}",
            " ".repeat(gutter.len()),
            echo.pad,
            "^".repeat(echo.carets)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "      = help: {}", one_line(help));
    }
    out
}

/// A source line as echoed: cut to the window, escaped, with the
/// padding that puts the carets under the marked text.
#[derive(Debug, PartialEq, Eq)]
struct Echo {
    text: String,
    pad: String,
    carets: usize,
}

impl Echo {
    /// Echoes `line` with the marker on bytes `start..end` of it (at
    /// least one caret). Costs O([`WINDOW`]), however long the line.
    fn of(line: &str, start: usize, end: usize) -> Echo {
        let start = floor_boundary(line, start);
        let end = floor_boundary(line, end.max(start));
        // A few characters before the marker, then the window from there,
        // moved back if the line ends before the window is full.
        let mut from = back(line, start, BEFORE);
        let to = forward(line, from, WINDOW);
        if to == line.len() {
            from = back(line, to, WINDOW);
        }
        let mut echo = Echo {
            text: String::new(),
            pad: String::new(),
            carets: 0,
        };
        if from > 0 {
            echo.text.push('…');
            echo.pad.push(' ');
        }
        let window = line.get(from..to).unwrap_or_default();
        for (at, c) in window.char_indices().map(|(i, c)| (from + i, c)) {
            let width = if c == '\t' {
                echo.text.push('\t');
                1
            } else if c.is_control() {
                let escaped = escape(c);
                echo.text.push_str(&escaped);
                escaped.len()
            } else {
                echo.text.push(c);
                c.len_utf16()
            };
            if at < start {
                if c == '\t' {
                    echo.pad.push('\t');
                } else {
                    echo.pad.extend(std::iter::repeat_n(' ', width));
                }
            } else if at < end || at == start {
                echo.carets += width;
            }
        }
        if to < line.len() {
            echo.text.push('…');
        }
        echo.carets = echo.carets.clamp(1, MAX_CARETS);
        echo
    }
}

/// `at`, or the start of the character it falls inside, within `text`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte offset `count` characters before `at` (or 0).
fn back(text: &str, at: usize, count: usize) -> usize {
    text.get(..at)
        .and_then(|head| head.char_indices().rev().take(count).last())
        .map_or(at, |(i, _)| i)
}

/// The byte offset `count` characters after `at` (or the end).
fn forward(text: &str, at: usize, count: usize) -> usize {
    text.get(at..)
        .and_then(|tail| tail.char_indices().nth(count))
        .map_or(text.len(), |(i, _)| at + i)
}

/// The byte offset in `line` of UTF-16 column `column` (from 1), walking
/// the line: for a location whose byte offset does not fall in the line.
fn column_offset(line: &str, column: usize) -> usize {
    let mut units = 1;
    for (i, c) in line.char_indices() {
        if units >= column {
            return i;
        }
        units += c.len_utf16();
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use iamplay_core::{Code, Loc, Position, Span};

    fn diagnostic(line: u32, start: u32, end: u32) -> Diagnostic {
        Diagnostic::error(
            Code::NullValue,
            "a message",
            Loc {
                span: Span::default(),
                start: Position {
                    line,
                    column: start,
                },
                end: Position { line, column: end },
            },
        )
        .with_help("some help")
    }

    #[test]
    fn lines_are_found_once_and_read_without_endings() {
        let source = SourceLines::new("first\r\nsecond\n\nlast");
        assert_eq!(source.line_at(1), Some((0, "first")));
        assert_eq!(source.line_at(2), Some((7, "second")));
        assert_eq!(source.line_at(3), Some((14, "")));
        assert_eq!(source.line_at(4), Some((15, "last")));
        assert_eq!(source.line_at(5), None);
        assert_eq!(source.line_at(0), None);
    }

    #[test]
    fn a_short_line_is_echoed_whole_with_carets_under_the_range() {
        let source = SourceLines::new("{\n  \"Null\": \"maybe\"\n}");
        let text = format_diagnostic("p.json", &source, &diagnostic(2, 11, 18));
        let expected = [
            "p.json:2:11: error: a message [null-value]",
            "    2 |   \"Null\": \"maybe\"",
            &format!("{}^^^^^^^", " ".repeat(8 + 10)),
            "      = help: some help",
            "",
        ];
        assert_eq!(text, expected.join("\n"));
    }

    #[test]
    fn a_long_line_is_clipped_around_the_column() {
        let line = format!("{}\"target\"{}", "a".repeat(5_000), "b".repeat(5_000));
        let echo = Echo::of(&line, 5_000, 5_008);
        assert_eq!(
            echo.text.chars().count(),
            WINDOW + 2,
            "with an ellipsis at each end"
        );
        assert!(echo.text.starts_with('…') && echo.text.ends_with('…'));
        assert!(echo.text.contains("\"target\""));
        // the carets sit under `"target"`
        let under: String = echo
            .text
            .chars()
            .skip(echo.pad.chars().count())
            .take(8)
            .collect();
        assert_eq!(under, "\"target\"");
        assert_eq!(echo.carets, 8);
        // at the start and the end of the line, one ellipsis
        let head = Echo::of(&line, 0, 1);
        assert!(!head.text.starts_with('…') && head.text.ends_with('…'));
        assert_eq!(head.pad, "");
        let tail = Echo::of(&line, 10_007, 10_008);
        assert!(tail.text.starts_with('…') && !tail.text.ends_with('…'));
        assert_eq!(tail.text.chars().count(), WINDOW + 1);
    }

    #[test]
    fn control_characters_are_escaped_and_the_carets_follow() {
        let line = "\"Action\": \"s3:\u{1b}[2J\", \"x\u{9b}\"";
        let echo = Echo::of(line, 11, 18);
        assert_eq!(echo.text, "\"Action\": \"s3:\\u001b[2J\", \"x\\u009b\"");
        assert_eq!(echo.pad.len(), 11);
        // `s3:` (3), the escape (6), `[2J` (3), `"` is past the end
        assert_eq!(echo.carets, 12);
        let d = Diagnostic::error(
            Code::UnknownAction,
            "unknown `\u{1b}]0;x\u{7}`\nfake",
            Loc::default(),
        );
        let text = format_diagnostic("a\u{1b}.json", &SourceLines::new(""), &d);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert_eq!(text.lines().count(), 3, "{text}");
    }

    #[test]
    fn columns_place_the_marker_when_the_span_is_elsewhere() {
        assert_eq!(column_offset("ab\u{1F600}cd", 1), 0);
        assert_eq!(column_offset("ab\u{1F600}cd", 3), 2);
        // the emoji counts two UTF-16 units
        assert_eq!(column_offset("ab\u{1F600}cd", 5), 6);
        assert_eq!(column_offset("ab", 9), 2);
    }

    #[test]
    fn the_window_walks_characters_not_bytes() {
        let line = "é".repeat(300);
        let echo = Echo::of(&line, 300, 302);
        assert_eq!(echo.text.chars().count(), WINDOW + 2);
        assert_eq!(echo.pad.chars().count(), BEFORE + 1);
        assert_eq!(echo.carets, 1);
        // a byte inside a character marks that character
        assert_eq!(Echo::of("aé", 2, 2).pad, " ");
    }

    #[test]
    fn tabs_keep_their_place() {
        let echo = Echo::of("\t\tx", 2, 3);
        assert_eq!(echo.pad, "\t\t");
        assert_eq!(echo.carets, 1);
    }
}
