//! Values of a template once its intrinsic functions are resolved.

use iamplay_core::json::{Json, JsonValue};
use iamplay_core::workspace::write::quote;

use crate::document::{json, object, string};

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string; `true` when it holds a placeholder.
    Str(String, bool),
    /// A list.
    List(Vec<Value>),
    /// A mapping, members in order.
    Map(Vec<(String, Value)>),
    /// `AWS::NoValue`: the property or list entry is removed.
    Omitted,
}

impl Value {
    /// A string without placeholders.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into(), false)
    }

    /// A placeholder.
    pub fn unresolved(text: String) -> Value {
        Value::Str(text, true)
    }

    /// The text of a scalar, as `Fn::Sub` and `Fn::Join` use it; `None`
    /// for lists and mappings.
    pub fn scalar_text(&self) -> Option<(&str, bool)> {
        match self {
            Value::Null | Value::Omitted => Some(("", false)),
            Value::Bool(true) => Some(("true", false)),
            Value::Bool(false) => Some(("false", false)),
            Value::Number(n) => Some((n, false)),
            Value::Str(s, unresolved) => Some((s, *unresolved)),
            Value::List(_) | Value::Map(_) => None,
        }
    }

    /// Whether the value holds a placeholder anywhere.
    pub fn is_unresolved(&self) -> bool {
        match self {
            Value::Str(_, u) => *u,
            Value::List(items) => items.iter().any(Value::is_unresolved),
            Value::Map(members) => members.iter().any(|(_, v)| v.is_unresolved()),
            _ => false,
        }
    }

    /// A rough size in bytes, charged against the expansion bound.
    pub fn size(&self) -> usize {
        match self {
            Value::Str(s, _) | Value::Number(s) => s.len() + 1,
            Value::List(items) => 1 + items.iter().map(Value::size).sum::<usize>(),
            Value::Map(members) => {
                1 + members
                    .iter()
                    .map(|(k, v)| k.len() + v.size())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }

    /// The value as JSON.
    pub fn to_json(&self) -> Json {
        match self {
            Value::Null | Value::Omitted => json(JsonValue::Null),
            Value::Bool(b) => json(JsonValue::Bool(*b)),
            Value::Number(n) => json(JsonValue::Number(n.clone())),
            Value::Str(s, _) => string(s.clone()),
            Value::List(items) => {
                json(JsonValue::Array(items.iter().map(Value::to_json).collect()))
            }
            Value::Map(members) => object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// `value` as compact JSON text (`Fn::ToJsonString`).
pub(super) fn compact_json(value: &Value, out: &mut String) {
    match value {
        Value::Null | Value::Omitted => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::Str(s, _) => quote(s, out),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                compact_json(item, out);
            }
            out.push(']');
        }
        Value::Map(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                quote(k, out);
                out.push(':');
                compact_json(v, out);
            }
            out.push('}');
        }
    }
}

/// Standard base-64 with padding (`Fn::Base64`).
pub(super) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0);
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn compact_json_escapes() {
        let v = Value::Map(vec![(
            "a".into(),
            Value::List(vec![
                Value::str("x\"y"),
                Value::Number("1".into()),
                Value::Bool(true),
            ]),
        )]);
        let mut out = String::new();
        compact_json(&v, &mut out);
        assert_eq!(out, r#"{"a":["x\"y",1,true]}"#);
    }
}
