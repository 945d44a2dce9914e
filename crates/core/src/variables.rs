//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`,
//! and the special `${*}`, `${?}`, `${$}`.
//! Reference: `reference_policies_variables.md`.
//!
//! The rules this module applies:
//! - A variable is `${` then a condition key name, optionally `, 'default'`,
//!   then `}`. The name is looked up in the request context ignoring case
//!   ("Key names are case-insensitive"); spaces around the name and after
//!   the comma are allowed. The name may not contain `$`, `{`, `}`, `,` or `'`.
//! - `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$`.
//! - Malformed text (a `${` with no closing `}`, an empty name, a default
//!   not in single quotes) is not a variable: the `${` is literal text and
//!   scanning goes on right after it.
//! - A key with a list value (a multivalued key) cannot be used as a
//!   variable ("You can't use a multivalued condition key as a variable"):
//!   it counts as having no value, so the default applies if there is one.
//! - Substituted values, defaults included, are literal text: a `*` in a
//!   user name never acts as a wildcard.
//!
//! Whether `${...}` is a variable at all depends on the policy's `Version`
//! ([`crate::Policy::variables_enabled`]); that is the caller's decision.

use std::borrow::Cow;

use crate::matching::Pattern;
use crate::request::{KeyLookup, Scalar};

/// A piece of text with policy variables resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved<T> {
    /// Every variable had a value (or a default).
    Value(T),
    /// This variable had no value and no default; the name as written,
    /// e.g. `aws:username`.
    Unresolved(String),
}

impl<T> Resolved<T> {
    /// The value, or `None` when a variable was unresolved.
    pub fn value(self) -> Option<T> {
        match self {
            Resolved::Value(v) => Some(v),
            Resolved::Unresolved(_) => None,
        }
    }
}

/// A policy variable as written in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariableRef<'a> {
    /// The condition key named, trimmed, e.g. `aws:PrincipalTag/team`.
    pub name: &'a str,
    /// The text between the single quotes of `, 'default'`, if any.
    pub default: Option<&'a str>,
}

/// One piece of text that may hold policy variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPiece<'a> {
    /// Plain text (in a pattern, `*` and `?` here are wildcards).
    Text(&'a str),
    /// A `${name}` or `${name, 'default'}` variable.
    Variable(VariableRef<'a>),
    /// `${*}`, `${?}` or `${$}`: the literal character.
    Escape(char),
}

/// Splits `text` into plain text, variables and escapes, each with its
/// byte offset in `text`. Never fails: malformed `${` is plain text.
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, pos: 0 }
}

/// The iterator returned by [`pieces`].
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Pieces<'a> {
    /// The byte offset of the piece and the piece.
    type Item = (usize, TextPiece<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.pos;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        if rest.starts_with("${") {
            if let Some((piece, len)) = read_variable(rest) {
                self.pos += len;
                return Some((start, piece));
            }
            // Malformed: `${` is literal; look for the next `${` after it.
            let next = rest.get(2..).and_then(find_opening).map(|i| i + 2);
            let len = next.unwrap_or(rest.len());
            self.pos += len;
            return Some((start, TextPiece::Text(rest.get(..len).unwrap_or(rest))));
        }
        let len = find_opening(rest).unwrap_or(rest.len());
        self.pos += len;
        Some((start, TextPiece::Text(rest.get(..len).unwrap_or(rest))))
    }
}

/// Reads a variable at the start of `text` (which starts with `${`),
/// returning it and its length in bytes.
fn read_variable(text: &str) -> Option<(TextPiece<'_>, usize)> {
    let body = text.get(2..)?;
    for (escape, c) in [("*}", '*'), ("?}", '?'), ("$}", '$')] {
        if body.starts_with(escape) {
            return Some((TextPiece::Escape(c), 4));
        }
    }
    let name_end = body
        .bytes()
        .position(|b| matches!(b, b'}' | b',' | b'$' | b'{' | b'\''))?;
    let name = body.get(..name_end)?.trim_ascii();
    if name.is_empty() {
        return None;
    }
    let after_name = body.get(name_end..)?;
    if after_name.starts_with('}') {
        let piece = TextPiece::Variable(VariableRef {
            name,
            default: None,
        });
        return Some((piece, 2 + name_end + 1));
    }
    // `, 'default'}`
    let after_comma = after_name.strip_prefix(',')?;
    let quoted = after_comma.trim_start_matches(' ').strip_prefix('\'')?;
    let default_len = quoted.bytes().position(|b| b == b'\'')?;
    let default = quoted.get(..default_len)?;
    let after_default = quoted.get(default_len + 1..)?.trim_start_matches(' ');
    let tail = after_default.strip_prefix('}')?;
    let piece = TextPiece::Variable(VariableRef {
        name,
        default: Some(default),
    });
    Some((piece, text.len() - tail.len()))
}

/// The value of a single-valued context key as text; `None` when the key
/// is absent or multivalued.
pub fn variable_value<'c>(name: &str, context: &'c dyn KeyLookup) -> Option<Cow<'c, str>> {
    context.variable_text(name)
}

/// A scalar as AWS sees it in a string comparison, borrowing when it can.
pub fn scalar_text(scalar: &Scalar) -> Cow<'_, str> {
    match scalar {
        Scalar::String(s) => Cow::Borrowed(s),
        Scalar::Bool(true) => Cow::Borrowed("true"),
        Scalar::Bool(false) => Cow::Borrowed("false"),
        Scalar::Number(_) => Cow::Owned(scalar.to_text()),
    }
}

/// The text a variable stands for: the context value, else the default.
fn resolve<'a>(
    variable: VariableRef<'a>,
    context: &'a dyn KeyLookup,
) -> Result<Cow<'a, str>, String> {
    match (variable_value(variable.name, context), variable.default) {
        (Some(value), _) => Ok(value),
        (None, Some(default)) => Ok(Cow::Borrowed(default)),
        (None, None) => Err(variable.name.to_owned()),
    }
}

/// Substitutes variables into `text` for an exact comparison
/// (`StringEquals`, `ArnEquals`, ...): the result is plain text.
pub fn substitute_text(text: &str, context: &dyn KeyLookup) -> Resolved<String> {
    let mut out = String::with_capacity(text.len());
    for (_, piece) in pieces(text) {
        match piece {
            TextPiece::Text(t) => out.push_str(t),
            TextPiece::Escape(c) => out.push(c),
            TextPiece::Variable(v) => match resolve(v, context) {
                Ok(value) => out.push_str(&value),
                Err(name) => return Resolved::Unresolved(name),
            },
        }
    }
    Resolved::Value(out)
}

/// Substitutes variables into `text` for a wildcard comparison
/// (`Resource`, `StringLike`, `ArnLike`): `*` and `?` written in the policy
/// stay wildcards, substituted values and `${*}`/`${?}` are literal.
pub fn substitute_pattern(text: &str, context: &dyn KeyLookup) -> Resolved<Pattern> {
    let mut pattern = Pattern::new();
    for (_, piece) in pieces(text) {
        match piece {
            TextPiece::Text(t) => pattern.push_glob(t),
            TextPiece::Escape(c) => {
                let mut buf = [0; 4];
                pattern.push_literal(c.encode_utf8(&mut buf));
            }
            TextPiece::Variable(v) => match resolve(v, context) {
                Ok(value) => pattern.push_literal(&value),
                Err(name) => return Resolved::Unresolved(name),
            },
        }
    }
    Resolved::Value(pattern)
}

/// Substitutes variables into `text` for a wildcard comparison, writing
/// the result into `buf` as glob text: `Some(Value(len))` when it fits and
/// no substituted value or escape holds a `*` or `?` (which would have to
/// stay literal); `None` when a [`Pattern`] is needed instead. Lets the
/// common case (`user/${aws:username}`) match without allocating.
pub(crate) fn substitute_glob_into(
    text: &str,
    context: &dyn KeyLookup,
    buf: &mut [u8],
) -> Option<Resolved<usize>> {
    substitute_into(text, context, buf, true)
}

/// Substitutes variables into `text` for an exact comparison, writing the
/// result into `buf`: `Some(Value(len))` when it fits, else `None`. The
/// bytes written are valid UTF-8.
pub(crate) fn substitute_text_into(
    text: &str,
    context: &dyn KeyLookup,
    buf: &mut [u8],
) -> Option<Resolved<usize>> {
    substitute_into(text, context, buf, false)
}

fn substitute_into(
    text: &str,
    context: &dyn KeyLookup,
    buf: &mut [u8],
    glob: bool,
) -> Option<Resolved<usize>> {
    let mut len = 0;
    let mut push = |piece: &str, buf: &mut [u8]| -> Option<()> {
        let end = len + piece.len();
        buf.get_mut(len..end)?.copy_from_slice(piece.as_bytes());
        len = end;
        Some(())
    };
    let is_wild = |t: &str| glob && t.bytes().any(|b| b == b'*' || b == b'?');
    for (_, piece) in pieces(text) {
        match piece {
            TextPiece::Text(t) => push(t, buf)?,
            TextPiece::Escape(c) => {
                let mut utf8 = [0; 4];
                let c = c.encode_utf8(&mut utf8);
                if is_wild(c) {
                    return None;
                }
                push(c, buf)?;
            }
            TextPiece::Variable(v) => match resolve(v, context) {
                Ok(value) if is_wild(&value) => return None,
                Ok(value) => push(&value, buf)?,
                Err(name) => return Some(Resolved::Unresolved(name)),
            },
        }
    }
    Some(Resolved::Value(len))
}

/// Whether `text` contains `${` (a policy variable, when enabled).
pub fn has_variables(text: &str) -> bool {
    find_opening(text).is_some()
}

/// The byte offset of the first `${` in `text`.
fn find_opening(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let dollar = from + bytes.get(from..)?.iter().position(|&b| b == b'$')?;
        if bytes.get(dollar + 1) == Some(&b'{') {
            return Some(dollar);
        }
        from = dollar + 1;
    }
}

/// Every well-formed variable in `text` (escapes excluded), e.g. for a
/// validator checking that the keys exist.
pub fn variables_in(text: &str) -> impl Iterator<Item = VariableRef<'_>> {
    pieces(text).filter_map(|(_, piece)| match piece {
        TextPiece::Variable(v) => Some(v),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{ContextKeys, ContextValue};

    fn context() -> ContextKeys {
        let mut keys = ContextKeys::new();
        keys.insert("aws:username", "mfa-user-1");
        keys.insert("aws:PrincipalTag/team", "yellow");
        keys.insert("aws:MultiFactorAuthAge", 120.0);
        keys.insert("aws:SecureTransport", true);
        keys.insert("aws:userid", "star*name?");
        keys.insert(
            "aws:TagKeys",
            ContextValue::List(vec![Scalar::String("a".into())]),
        );
        keys
    }

    fn text(t: &str) -> Resolved<String> {
        substitute_text(t, &context())
    }

    fn value(t: &str) -> Resolved<String> {
        Resolved::Value(t.to_owned())
    }

    // reference_policies_variables.md, "Using variables in policies".
    #[test]
    fn substitutes_context_keys() {
        assert_eq!(text("user/${aws:username}"), value("user/mfa-user-1"));
        // "Key names are case-insensitive".
        assert_eq!(text("user/${AWS:UserName}"), value("user/mfa-user-1"));
        assert_eq!(text("${ aws:username }"), value("mfa-user-1"));
        assert_eq!(text("${aws:MultiFactorAuthAge}s"), value("120s"));
        assert_eq!(text("${aws:SecureTransport}"), value("true"));
        assert_eq!(text("no variables"), value("no variables"));
        assert_eq!(text(""), value(""));
    }

    // reference_policies_variables.md, "Policy variables with no value".
    #[test]
    fn missing_key_is_unresolved() {
        assert_eq!(
            text("a/${aws:PrincipalTag/dept}/b"),
            Resolved::Unresolved("aws:PrincipalTag/dept".into())
        );
    }

    // reference_policies_single-vs-multi-valued-condition-keys.md: "You
    // cannot use a multivalued condition key as a policy variable".
    #[test]
    fn multivalued_key_counts_as_no_value() {
        assert_eq!(
            text("${aws:TagKeys}"),
            Resolved::Unresolved("aws:TagKeys".into())
        );
        assert_eq!(text("${aws:TagKeys, 'none'}"), value("none"));
    }

    // reference_policies_variables.md, "Specifying default values".
    #[test]
    fn defaults() {
        assert_eq!(
            text("DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/dept, 'company-wide'}"),
            value("DOC-EXAMPLE-BUCKET-company-wide")
        );
        assert_eq!(
            text("${aws:PrincipalTag/team, 'company-wide'}"),
            value("yellow")
        );
        assert_eq!(text("${aws:nothing,'x'}"), value("x"));
        assert_eq!(text("${aws:nothing, ''}"), value(""));
        assert_eq!(text("${aws:nothing, 'a, }b'}"), value("a, }b"));
        assert_eq!(text("${aws:nothing , 'x' }"), value("x"));
    }

    // reference_policies_variables.md, "Special characters".
    #[test]
    fn special_characters() {
        assert_eq!(text("a${*}b${?}c${$}d"), value("a*b?c$d"));
        let pattern = substitute_pattern("${*}*", &context()).value().unwrap();
        assert!(pattern.matches("*anything", false));
        assert!(!pattern.matches("anything", false));
    }

    #[test]
    fn malformed_variables_are_literal_text() {
        assert_eq!(text("a${aws:username"), value("a${aws:username"));
        assert_eq!(text("${}"), value("${}"));
        assert_eq!(text("${"), value("${"));
        assert_eq!(text("$"), value("$"));
        assert_eq!(text("${aws:x, none}"), value("${aws:x, none}"));
        assert_eq!(text("${aws:x, 'open}"), value("${aws:x, 'open}"));
        // A broken `${` does not swallow a good variable after it.
        assert_eq!(text("${a ${aws:username}"), value("${a mfa-user-1"));
        assert_eq!(text("${${aws:username}}"), value("${mfa-user-1}"));
    }

    #[test]
    fn substituted_values_are_literal_in_patterns() {
        let ctx = context();
        let pattern = substitute_pattern("id/${aws:userid}/*", &ctx)
            .value()
            .unwrap();
        assert!(pattern.matches("id/star*name?/x", false));
        assert!(!pattern.matches("id/starXnameY/x", false));
        let pattern = substitute_pattern("${aws:nothing, 'a*'}", &ctx)
            .value()
            .unwrap();
        assert!(pattern.matches("a*", false));
        assert!(!pattern.matches("ab", false));
    }

    #[test]
    fn lists_variables() {
        let found: Vec<_> = variables_in("${a}${*}${b, 'c'}${").collect();
        assert_eq!(
            found,
            vec![
                VariableRef {
                    name: "a",
                    default: None
                },
                VariableRef {
                    name: "b",
                    default: Some("c")
                },
            ]
        );
        let offsets: Vec<usize> = pieces("x${a}y").map(|(at, _)| at).collect();
        assert_eq!(offsets, vec![0, 1, 5]);
    }
}
