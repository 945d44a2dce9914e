//! A small JSON parser that keeps the location of every value and key.
//!
//! `serde_json` forgets where things were; the playground needs to point
//! at the exact text of each element, so policy text is read with this.
//! It accepts RFC 8259 JSON; it rejects comments, trailing commas and
//! control characters in strings, and limits nesting depth instead of
//! overflowing the stack.

use crate::diagnostic::Diagnostic;
use crate::source::{Loc, Spanned};

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
/// On failure the error names what was expected and where, e.g.
/// "expected `,` or `}` after an object member" at line 4, column 9.
pub fn parse_json(text: &str) -> Result<Json, Diagnostic> {
    let _ = text;
    unimplemented!("json parser")
}
