//! Keeping what `iamplay` prints from driving the terminal: a policy,
//! workspace or request may hold control characters (a raw ESC in a
//! source line, or `\u001b` written in a JSON string and so decoded into
//! an action name), and printed as they are they would be terminal
//! escape sequences: colours, a moved cursor, a rewritten title, text
//! that hides what precedes it.
//!
//! Every control character (Unicode's `Cc`: U+0000 to U+001F, U+007F and
//! U+0080 to U+009F) is written as its JSON escape, `\u001b`. That form
//! reads the same in text, and inside a JSON string it means the same
//! character, so JSON output stays valid and equal in meaning.
//!
//! [`EscapeControls`] does this to everything written to standard output
//! and standard error, except newlines and tabs, which lay the output
//! out. [`one_line`] also escapes those, for a value from the input
//! printed where a newline would start a line of its own (a message, a
//! name, a source line).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The JSON escape of a character, `\u001b`.
pub fn escape(c: char) -> String {
    format!("\\u{:04x}", u32::from(c))
}

/// `text` with every control character escaped, newlines and tabs
/// included: one line, whatever it holds.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes control characters other than `\n` and `\t` on
/// their way to `inner`.
///
/// Works on bytes: a C1 control (U+0080 to U+009F) is the two bytes
/// `C2 80` to `C2 9F` in UTF-8, so a `C2` at the end of one write waits
/// for the next.
#[derive(Debug)]
pub struct EscapeControls<W: Write> {
    inner: W,
    /// A `C2` byte held back from the end of the last write.
    pending_lead: bool,
}

/// The first byte of the UTF-8 encoding of U+0080 to U+00BF.
const LEAD_C2: u8 = 0xc2;

impl<W: Write> EscapeControls<W> {
    /// Escapes what is written before it reaches `inner`.
    pub fn new(inner: W) -> Self {
        EscapeControls {
            inner,
            pending_lead: false,
        }
    }

    /// Writes the escape of code point `code`.
    fn write_escape(&mut self, code: u8) -> io::Result<()> {
        write!(self.inner, "\\u{code:04x}")
    }
}

impl<W: Write> Write for EscapeControls<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut clean_from = 0;
        let mut i = 0;
        if self.pending_lead {
            self.pending_lead = false;
            match buf.first() {
                Some(&b @ 0x80..=0x9f) => {
                    self.write_escape(b)?;
                    clean_from = 1;
                    i = 1;
                }
                Some(_) => self.inner.write_all(&[LEAD_C2])?,
                None => {
                    self.pending_lead = true;
                    return Ok(0);
                }
            }
        }
        while let Some(&b) = buf.get(i) {
            let escaped = match b {
                b'\n' | b'\t' => None,
                0x00..=0x1f | 0x7f => Some((b, 1)),
                LEAD_C2 => match buf.get(i + 1) {
                    Some(&next @ 0x80..=0x9f) => Some((next, 2)),
                    Some(_) => None,
                    // the last byte: its character ends in the next write
                    None => {
                        self.inner.write_all(&buf[clean_from..i])?;
                        self.pending_lead = true;
                        return Ok(buf.len());
                    }
                },
                _ => None,
            };
            match escaped {
                Some((code, len)) => {
                    self.inner.write_all(&buf[clean_from..i])?;
                    self.write_escape(code)?;
                    i += len;
                    clean_from = i;
                }
                None => i += 1,
            }
        }
        self.inner.write_all(&buf[clean_from..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending_lead {
            self.pending_lead = false;
            self.inner.write_all(&[LEAD_C2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through_writer(pieces: &[&[u8]]) -> String {
        let mut writer = EscapeControls::new(Vec::new());
        for piece in pieces {
            writer.write_all(piece).expect("a Vec takes everything");
        }
        writer.flush().expect("a Vec takes everything");
        String::from_utf8(writer.inner).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn escapes_controls_but_not_layout() {
        assert_eq!(
            through_writer(&["a\u{1b}[31mred\u{7}\r\n\tb\u{7f}\u{9b}c é ü".as_bytes()]),
            "a\\u001b[31mred\\u0007\\u000d\n\tb\\u007f\\u009bc é ü"
        );
    }

    #[test]
    fn a_c1_control_split_between_writes_is_escaped() {
        let csi = "\u{9b}".as_bytes();
        assert_eq!(
            through_writer(&[b"x", &csi[..1], &csi[1..], b"y"]),
            "x\\u009by"
        );
        // a `C2` starting another character passes unchanged
        let e_acute = "é".as_bytes();
        let a_grave = "\u{a0}".as_bytes();
        assert_eq!(a_grave[0], LEAD_C2);
        assert_eq!(
            through_writer(&[&a_grave[..1], &a_grave[1..], e_acute]),
            "\u{a0}é"
        );
    }

    #[test]
    fn one_line_escapes_newlines_too() {
        assert_eq!(one_line("plain"), "plain");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\nb\tc\u{1b}"), "a\\u000ab\\u0009c\\u001b");
        assert_eq!(escape('\u{85}'), "\\u0085");
    }
}
