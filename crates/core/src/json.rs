//! A small JSON parser that keeps the location of every value and key.
//!
//! `serde_json` forgets where things were; the playground needs to point
//! at the exact text of each element, so policy text is read with this.
//! It accepts RFC 8259 JSON; it rejects comments, trailing commas and
//! control characters in strings, and limits nesting depth instead of
//! overflowing the stack. A leading byte order mark is skipped, as RFC 8259
//! §8.1 permits.
//!
//! Parsing is linear in the length of the text: positions are computed by
//! a cursor that only moves forward, and strings without escapes are
//! copied in one piece.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Loc, Position, Span, Spanned};

/// The deepest nesting of arrays and objects accepted. Real policies nest
/// four or five levels; the limit keeps hostile input from exhausting the
/// stack.
pub const MAX_DEPTH: usize = 128;

/// The diagnostic code of every JSON syntax error.
pub const SYNTAX_ERROR_CODE: Code = Code::JsonSyntax;

/// A JSON value with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    /// The value.
    pub value: JsonValue,
    /// The value's text, from its first to its last character.
    pub loc: Loc,
}

/// The kinds of JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written (e.g. `"1.50"`, `"-3e2"`).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object; members in document order, duplicates kept.
    Object(Vec<Member>),
}

impl JsonValue {
    /// The kind of value with its article, for messages: `a string`,
    /// `a number`, `a boolean`, `` `null` ``, `an array`, `an object`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            JsonValue::Null => "`null`",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "an array",
            JsonValue::Object(_) => "an object",
        }
    }
}

impl Json {
    /// The kind of value with its article, for messages (see
    /// [`JsonValue::kind_name`]).
    pub fn kind_name(&self) -> &'static str {
        self.value.kind_name()
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.value {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members in document order, if this is an object.
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            JsonValue::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The value of the first member named exactly `key`, if this is an
    /// object that has one.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|m| m.key.value == key)
            .map(|m| &m.value)
    }

    /// The location of the value's first character only: the opening
    /// bracket of an array or object, the opening quote of a string.
    pub fn opening_loc(&self) -> Loc {
        let start = self.loc.span.start;
        let end = start.saturating_add(1).min(self.loc.span.end);
        let mut column = self.loc.start;
        if end > start {
            column.column = column.column.saturating_add(1);
        }
        Loc {
            span: Span { start, end },
            start: self.loc.start,
            end: column,
        }
    }
}

/// One `"key": value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, unescaped, with the location of the quoted key.
    pub key: Spanned<String>,
    /// The value.
    pub value: Json,
}

/// Parses `text` as one JSON document.
///
/// On failure the error (code `json-syntax`) names what was expected and
/// points at the offending character, e.g. "expected `,` or `}` after
/// object member" at line 4, column 9.
pub fn parse_json(text: &str) -> Result<Json, Diagnostic> {
    let mut parser = Parser::new(text);
    parser.document().map_err(|e| e.into_diagnostic(text))
}

/// A syntax error before it is given line and column numbers.
#[derive(Debug)]
struct SyntaxError {
    start: usize,
    end: usize,
    message: String,
    help: Option<String>,
}

impl SyntaxError {
    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn into_diagnostic(self, text: &str) -> Diagnostic {
        let loc = LineIndex::new(text).loc(self.start, self.end);
        let diagnostic = Diagnostic::error(SYNTAX_ERROR_CODE, self.message, loc);
        match self.help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

type ParseResult<T> = Result<T, SyntaxError>;

/// Turns byte offsets into positions, moving forward through the text so
/// that all the positions of one parse cost one pass.
#[derive(Debug)]
struct Cursor {
    offset: usize,
    position: Position,
}

impl Cursor {
    fn position(&mut self, text: &str, offset: usize) -> Position {
        if offset < self.offset {
            // Never needed by the parser, which asks in document order;
            // kept correct rather than fast.
            return LineIndex::new(text).position(offset);
        }
        let bytes = text.as_bytes().get(self.offset..offset).unwrap_or_default();
        let Position {
            mut line,
            mut column,
        } = self.position;
        // Newlines are rare and text is mostly ASCII: search from the end
        // for the last newline, and count characters only when the rest
        // of the line is not plain ASCII.
        let tail = match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                let head = bytes.get(..last).unwrap_or_default();
                let newlines = 1 + head.iter().filter(|&&b| b == b'\n').count();
                line = line.saturating_add(saturate(newlines));
                column = 1;
                bytes.get(last + 1..).unwrap_or_default()
            }
            None => bytes,
        };
        column = column.saturating_add(saturate(utf16_len(tail)));
        self.offset = offset;
        self.position = Position { line, column };
        self.position
    }
}

/// The number of UTF-16 code units of UTF-8 text: one per character, two
/// for characters of four bytes (those start with a byte of `0xF0` or more).
fn utf16_len(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
        + bytes.iter().filter(|&&b| b >= 0xF0).count()
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An open array or object, for depth limits and end-of-input messages.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// The closing bracket that is expected.
    closer: u8,
    /// Where the opening bracket is.
    offset: usize,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    cursor: Cursor,
    open: Vec<Open>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            cursor: Cursor {
                offset: 0,
                position: Position::default(),
            },
            open: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(offset).copied()
    }

    fn position(&mut self, offset: usize) -> Position {
        self.cursor.position(self.text, offset)
    }

    fn loc(&mut self, start: usize, start_position: Position) -> Loc {
        let end = self.pos;
        Loc {
            span: Span::new(start, end),
            start: start_position,
            end: self.position(end),
        }
    }

    fn error(&self, start: usize, end: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            start,
            end,
            message: message.into(),
            help: None,
        }
    }

    /// The character at `offset` and its length in bytes.
    fn char_at(&self, offset: usize) -> Option<(char, usize)> {
        let c = self.text.get(offset..)?.chars().next()?;
        Some((c, c.len_utf8()))
    }

    /// "line L, column C" of a byte offset, for help texts.
    fn describe_position(&self, offset: usize) -> String {
        let p = LineIndex::new(self.text).position(offset);
        format!("line {}, column {}", p.line, p.column)
    }

    /// An error about the character at the current position, or about the
    /// end of input if there is none.
    fn unexpected(&self, expected: &str) -> SyntaxError {
        let Some((c, len)) = self.char_at(self.pos) else {
            return self.end_of_input();
        };
        let error = self.error(self.pos, self.pos + len, expected);
        match character_help(c) {
            Some(help) => error.with_help(help),
            None => error,
        }
    }

    /// Input ended early: name the bracket that is still open, or say that
    /// a value is missing.
    fn end_of_input(&self) -> SyntaxError {
        let end = self.text.len();
        match self.open.last() {
            Some(open) => {
                let closer = char::from(open.closer);
                let opener = if open.closer == b'}' { '{' } else { '[' };
                self.error(
                    end,
                    end,
                    format!("unexpected end of input: missing `{closer}`"),
                )
                .with_help(format!(
                    "the `{opener}` at {} is never closed",
                    self.describe_position(open.offset)
                ))
            }
            None if self.text.trim().is_empty() => {
                self.error(end, end, "empty document: expected a JSON value")
            }
            None => self.error(end, end, "unexpected end of input: expected a value"),
        }
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return) and
    /// reports comments.
    fn skip_whitespace(&mut self) -> ParseResult<()> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
        if self.peek() == Some(b'/') && matches!(self.peek_at(self.pos + 1), Some(b'/' | b'*')) {
            return Err(self
                .error(self.pos, self.pos + 2, "comments are not allowed in JSON")
                .with_help("remove the comment; a `Sid` can describe a statement"));
        }
        Ok(())
    }

    fn document(&mut self) -> ParseResult<Json> {
        if self.text.starts_with('\u{FEFF}') {
            self.pos = '\u{FEFF}'.len_utf8();
        }
        self.skip_whitespace()?;
        let value = self.value()?;
        self.skip_whitespace()?;
        if let Some((c, len)) = self.char_at(self.pos) {
            let error = self.error(
                self.pos,
                self.pos + len,
                format!(
                    "unexpected {} after the end of the JSON document",
                    describe_char(c)
                ),
            );
            let help = match c {
                '}' | ']' => format!("there may be one `{c}` too many"),
                _ => "a JSON document holds exactly one value; wrap several values in an array"
                    .to_owned(),
            };
            return Err(error.with_help(help));
        }
        Ok(value)
    }

    /// Reads one value; whitespace before it has been skipped.
    fn value(&mut self) -> ParseResult<Json> {
        let start = self.pos;
        let start_position = self.position(start);
        let value = match self.peek() {
            None => return Err(self.end_of_input()),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => JsonValue::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => self.literal()?,
            Some(_) => return Err(self.unexpected_in_value()),
        };
        Ok(Json {
            value,
            loc: self.loc(start, start_position),
        })
    }

    /// The error for a character that cannot start a value.
    fn unexpected_in_value(&self) -> SyntaxError {
        let Some((c, len)) = self.char_at(self.pos) else {
            return self.end_of_input();
        };
        let error = self.error(
            self.pos,
            self.pos + len,
            format!("expected a value, found {}", describe_char(c)),
        );
        let help = match c {
            '\'' => Some("JSON strings use double quotes `\"`".to_owned()),
            '+' => Some("write positive numbers without `+`".to_owned()),
            '.' => Some("write a digit before the decimal point, e.g. `0.5`".to_owned()),
            ',' => Some("there may be an extra `,` or a missing value".to_owned()),
            _ => character_help(c).map(str::to_owned),
        };
        match help {
            Some(help) => error.with_help(help),
            None => error,
        }
    }

    /// Opens a bracket at the current position, enforcing the depth limit.
    fn open(&mut self, closer: u8) -> ParseResult<()> {
        if self.open.len() >= MAX_DEPTH {
            return Err(self
                .error(
                    self.pos,
                    self.pos + 1,
                    format!(
                        "nesting is too deep: more than {MAX_DEPTH} levels of arrays and objects"
                    ),
                )
                .with_help("policies never nest this deeply; check for a runaway bracket"));
        }
        self.open.push(Open {
            closer,
            offset: self.pos,
        });
        self.pos += 1;
        Ok(())
    }

    /// A help text for a closing bracket that does not match the open one.
    fn mismatch_help(&self, open: Open) -> Option<String> {
        let found = self.peek()?;
        let opener = if open.closer == b'}' { '{' } else { '[' };
        match found {
            b'}' | b']' if found != open.closer => Some(format!(
                "this `{}` does not match the `{opener}` at {}",
                char::from(found),
                self.describe_position(open.offset)
            )),
            _ => None,
        }
    }

    fn object(&mut self) -> ParseResult<JsonValue> {
        self.open(b'}')?;
        let mut members = Vec::new();
        self.skip_whitespace()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.open.pop();
            return Ok(JsonValue::Object(members));
        }
        let mut comma: Option<usize> = None;
        loop {
            let key = self.key(comma)?;
            self.skip_whitespace()?;
            if self.peek() != Some(b':') {
                let error = self.unexpected("expected `:` after object key");
                return Err(match self.peek() {
                    Some(b'"') => error.with_help("there may be a missing `:` or `,`"),
                    _ => error,
                });
            }
            self.pos += 1;
            self.skip_whitespace()?;
            let value = self.value()?;
            members.push(Member { key, value });
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    self.skip_whitespace()?;
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.open.pop();
                    return Ok(JsonValue::Object(members));
                }
                _ => {
                    let error = self.unexpected("expected `,` or `}` after object member");
                    let open = self.open.last().copied();
                    let help = match self.peek() {
                        Some(b'"') => Some("add a `,` between members".to_owned()),
                        _ => open.and_then(|open| self.mismatch_help(open)),
                    };
                    return Err(match help {
                        Some(help) => error.with_help(help),
                        None => error,
                    });
                }
            }
        }
    }

    /// Reads an object key; `comma` is the comma before it, if any.
    fn key(&mut self, comma: Option<usize>) -> ParseResult<Spanned<String>> {
        match self.peek() {
            Some(b'"') => {
                let start = self.pos;
                let start_position = self.position(start);
                let key = self.string()?;
                Ok(Spanned::new(key, self.loc(start, start_position)))
            }
            Some(b'}') => match comma {
                Some(comma) => Err(self.trailing_comma(comma)),
                None => Err(self.unexpected("expected a string key")),
            },
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
                let end = self.word_end(self.pos);
                let word = self.text.get(self.pos..end).unwrap_or_default();
                Err(self
                    .error(
                        self.pos,
                        end,
                        format!("object keys must be strings in double quotes, found `{word}`"),
                    )
                    .with_help(format!("write `\"{word}\"`")))
            }
            Some(b'\'') => Err(self
                .unexpected("object keys must be strings in double quotes, found `'`")
                .with_help("JSON strings use double quotes `\"`")),
            _ => Err(self.unexpected("expected a string key")),
        }
    }

    fn trailing_comma(&self, comma: usize) -> SyntaxError {
        self.error(comma, comma + 1, "trailing comma is not allowed in JSON")
            .with_help("remove this `,`")
    }

    fn array(&mut self) -> ParseResult<JsonValue> {
        self.open(b']')?;
        let mut items = Vec::new();
        self.skip_whitespace()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.open.pop();
            return Ok(JsonValue::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_whitespace()?;
                    if self.peek() == Some(b']') {
                        return Err(self.trailing_comma(comma));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    self.open.pop();
                    return Ok(JsonValue::Array(items));
                }
                _ => {
                    let error = self.unexpected("expected `,` or `]` after array element");
                    let open = self.open.last().copied();
                    let help = match self.peek() {
                        Some(b'"') => Some("add a `,` between elements".to_owned()),
                        Some(b':') => Some(
                            "an array holds values, not members; there may be a missing `]`"
                                .to_owned(),
                        ),
                        _ => open.and_then(|open| self.mismatch_help(open)),
                    };
                    return Err(match help {
                        Some(help) => error.with_help(help),
                        None => error,
                    });
                }
            }
        }
    }

    /// Reads a string at the current `"`, unescaping it.
    fn string(&mut self) -> ParseResult<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            // Skip ordinary characters in one go.
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            match self.peek() {
                None => {
                    return Err(self
                        .error(open, open + 1, "unterminated string")
                        .with_help("add the closing `\"`"));
                }
                Some(b'"') => {
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                    self.escape(open, &mut out)?;
                    run_start = self.pos;
                }
                Some(b) => return Err(self.control_character(b)),
            }
        }
    }

    fn control_character(&self, b: u8) -> SyntaxError {
        let escape = match b {
            b'\n' => "\\n".to_owned(),
            b'\r' => "\\r".to_owned(),
            b'\t' => "\\t".to_owned(),
            _ => format!("\\u{b:04X}"),
        };
        let error = self.error(
            self.pos,
            self.pos + 1,
            format!("control character in string; escape it as `{escape}`"),
        );
        match b {
            b'\n' | b'\r' => error.with_help("if the string should end here, add the closing `\"`"),
            _ => error,
        }
    }

    /// Reads one escape sequence at the current `\`.
    fn escape(&mut self, open: usize, out: &mut String) -> ParseResult<()> {
        let start = self.pos;
        let Some((c, len)) = self.char_at(start + 1) else {
            return Err(self
                .error(open, open + 1, "unterminated string")
                .with_help("add the closing `\"`"));
        };
        let simple = match c {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{C}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'u' => None,
            _ => {
                let shown = if c.is_control() {
                    format!("U+{:04X}", u32::from(c))
                } else {
                    c.to_string()
                };
                return Err(self
                    .error(
                        start,
                        start + 1 + len,
                        format!("invalid escape `\\{shown}` in string"),
                    )
                    .with_help(
                        "valid escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, \
                         `\\t` and `\\uXXXX`; write a literal backslash as `\\\\`",
                    ));
            }
        };
        if let Some(c) = simple {
            out.push(c);
            self.pos = start + 2;
            return Ok(());
        }
        let first = self.hex4(start)?;
        self.pos = start + 6;
        let c = match first {
            0xD800..=0xDBFF => {
                let second =
                    if self.peek() == Some(b'\\') && self.peek_at(self.pos + 1) == Some(b'u') {
                        Some(self.hex4(self.pos)?)
                    } else {
                        None
                    };
                match second {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        self.pos += 6;
                        0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => return Err(self.unpaired_surrogate(start, first)),
                }
            }
            0xDC00..=0xDFFF => return Err(self.unpaired_surrogate(start, first)),
            other => other,
        };
        match char::from_u32(c) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => Err(self.unpaired_surrogate(start, first)),
        }
    }

    /// Reads the four hex digits of a `\u` escape that starts at `start`.
    fn hex4(&self, start: usize) -> ParseResult<u32> {
        let digits = self.bytes.get(start + 2..start + 6);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        value.ok_or_else(|| {
            let mut end = start + 2;
            while end < start + 6 && self.peek_at(end).is_some_and(|b| b.is_ascii_hexdigit()) {
                end += 1;
            }
            self.error(
                start,
                end,
                "invalid unicode escape: `\\u` must be followed by four hex digits",
            )
        })
    }

    fn unpaired_surrogate(&self, start: usize, unit: u32) -> SyntaxError {
        self.error(
            start,
            start + 6,
            format!("unpaired surrogate `\\u{unit:04X}` in string"),
        )
        .with_help(
            "a `\\uD800`-`\\uDBFF` escape must be followed by a `\\uDC00`-`\\uDFFF` escape; \
             or write the character itself",
        )
    }

    /// Reads a number per RFC 8259 §6, returning its text.
    fn number(&mut self) -> ParseResult<String> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    let end = self.digits_end(self.pos);
                    return Err(self
                        .error(start, end, "numbers cannot have leading zeros")
                        .with_help("remove the leading zeros, or write the value as a string"));
                }
            }
            Some(b'1'..=b'9') => self.pos = self.digits_end(self.pos),
            _ => return Err(self.unexpected("expected a digit after `-`")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.unexpected("expected a digit after the decimal point"));
            }
            self.pos = self.digits_end(self.pos);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.unexpected("expected a digit in the exponent"));
            }
            self.pos = self.digits_end(self.pos);
        }
        Ok(self
            .text
            .get(start..self.pos)
            .unwrap_or_default()
            .to_owned())
    }

    fn digits_end(&self, mut offset: usize) -> usize {
        while self.peek_at(offset).is_some_and(|b| b.is_ascii_digit()) {
            offset += 1;
        }
        offset
    }

    fn word_end(&self, mut offset: usize) -> usize {
        while self
            .peek_at(offset)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            offset += 1;
        }
        offset
    }

    /// Reads `true`, `false` or `null`, or reports the bare word found.
    fn literal(&mut self) -> ParseResult<JsonValue> {
        let start = self.pos;
        let end = self.word_end(start);
        let word = self.text.get(start..end).unwrap_or_default();
        let value = match word {
            "true" => JsonValue::Bool(true),
            "false" => JsonValue::Bool(false),
            "null" => JsonValue::Null,
            _ => {
                let lower = word.to_ascii_lowercase();
                let help = match lower.as_str() {
                    "true" | "false" | "null" => format!("JSON literals are lowercase: `{lower}`"),
                    "nan" | "infinity" => {
                        "JSON has no `NaN` or `Infinity`; write the value as a string".to_owned()
                    }
                    _ => format!("strings must be in double quotes: `\"{word}\"`"),
                };
                return Err(self
                    .error(start, end, format!("expected a value, found `{word}`"))
                    .with_help(help));
            }
        };
        self.pos = end;
        Ok(value)
    }
}

/// A character as shown in a message: in backticks, or as `U+XXXX` when
/// it is invisible.
fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || c == '\u{FEFF}' {
        format!("character U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// Advice for characters that often sneak into pasted JSON.
fn character_help(c: char) -> Option<&'static str> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2018}' | '\u{2019}' => {
            Some("this is a typographic quote; JSON needs straight double quotes `\"`")
        }
        '\u{FEFF}' | '\u{200B}' => Some("remove this invisible character"),
        c if c.is_whitespace() => Some(
            "only spaces, tabs and line breaks may separate JSON tokens; remove this character",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Json {
        match parse_json(text) {
            Ok(json) => json,
            Err(e) => panic!("{text:?} should parse, got {e}"),
        }
    }

    fn parse_err(text: &str) -> Diagnostic {
        match parse_json(text) {
            Ok(json) => panic!("{text:?} should fail, got {json:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn cursor_agrees_with_line_index() {
        let text = "ab\n\u{1F600}x\r\n\u{e9}z";
        let index = LineIndex::new(text);
        let mut cursor = Cursor {
            offset: 0,
            position: Position::default(),
        };
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(
                cursor.position(text, offset),
                index.position(offset),
                "{offset}"
            );
        }
        // going back falls back to the index
        assert_eq!(cursor.position(text, 3), index.position(3));
    }

    #[test]
    fn opening_loc_is_the_first_character() {
        let json = parse_ok("\n  [1]");
        let opening = json.opening_loc();
        assert_eq!(opening.span, Span::new(3, 4));
        assert_eq!(opening.start, Position { line: 2, column: 3 });
        assert_eq!(opening.end, Position { line: 2, column: 4 });
    }

    #[test]
    fn skips_byte_order_mark() {
        let json = parse_ok("\u{FEFF}{}");
        assert_eq!(json.loc.span, Span::new(3, 5));
    }

    #[test]
    fn smart_quotes_get_help() {
        let e = parse_err("{\"a\": \u{201C}x\u{201D}}");
        assert_eq!(e.message, "expected a value, found `\u{201C}`");
        assert!(e.help.unwrap_or_default().contains("typographic"));
    }
}
