//! One tree for CloudFormation templates written in JSON or YAML: scalars,
//! sequences and mappings with the location of each in the source file,
//! and the YAML tag (`!Ref`, `!Sub`...) a node was written with.

use std::collections::HashSet;

use iamplay_core::json::{Json, JsonValue};
use iamplay_core::{Code, Diagnostic, Loc, Spanned};

/// A value of the template with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// The value.
    pub value: NodeValue,
    /// Where it was written.
    pub loc: Loc,
    /// The YAML tag, as written (`!Ref`, `!GetAtt`); JSON has none.
    pub tag: Option<String>,
}

/// The kinds of value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeValue {
    /// `null`, `~`, or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written; only JSON's number syntax is read as one.
    Number(String),
    /// A string.
    String(String),
    /// A sequence (array).
    Seq(Vec<Node>),
    /// A mapping (object), members in order.
    Map(Vec<(Spanned<String>, Node)>),
}

impl Node {
    /// The members, if this is an untagged mapping.
    pub fn as_map(&self) -> Option<&[(Spanned<String>, Node)]> {
        match &self.value {
            NodeValue::Map(members) => Some(members),
            _ => None,
        }
    }

    /// The value of member `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v)
    }

    /// The string, if this is an untagged string.
    pub fn as_str(&self) -> Option<&str> {
        match (&self.value, &self.tag) {
            (NodeValue::String(s), None) => Some(s),
            _ => None,
        }
    }

    /// The kind of value with its article, for messages.
    pub fn kind_name(&self) -> &'static str {
        if self.tag.is_some() {
            return "an intrinsic function";
        }
        match &self.value {
            NodeValue::Null => "`null`",
            NodeValue::Bool(_) => "a boolean",
            NodeValue::Number(_) => "a number",
            NodeValue::String(_) => "a string",
            NodeValue::Seq(_) => "a list",
            NodeValue::Map(_) => "a mapping",
        }
    }
}

/// Whether `text` is a number in JSON's syntax (so that it can be written
/// into a policy document as it is).
pub(crate) fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && b.get(int_start) == Some(&b'0')) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Converts a JSON value of core's parser, reporting duplicate keys (which
/// CloudFormation rejects) as errors.
pub(crate) fn from_json(json: &Json, diagnostics: &mut Vec<Diagnostic>) -> Node {
    let value = match &json.value {
        JsonValue::Null => NodeValue::Null,
        JsonValue::Bool(b) => NodeValue::Bool(*b),
        JsonValue::Number(n) => NodeValue::Number(n.clone()),
        JsonValue::String(s) => NodeValue::String(s.clone()),
        JsonValue::Array(items) => {
            NodeValue::Seq(items.iter().map(|i| from_json(i, diagnostics)).collect())
        }
        JsonValue::Object(members) => {
            let mut out: Vec<(Spanned<String>, Node)> = Vec::with_capacity(members.len());
            let mut seen = HashSet::with_capacity(members.len());
            for m in members {
                if !seen.insert(m.key.value.as_str()) {
                    diagnostics.push(duplicate_key(&m.key.value, m.key.loc));
                    continue;
                }
                out.push((m.key.clone(), from_json(&m.value, diagnostics)));
            }
            NodeValue::Map(out)
        }
    };
    Node {
        value,
        loc: json.loc,
        tag: None,
    }
}

/// The error for a key written twice in one mapping.
pub(crate) fn duplicate_key(key: &str, loc: Loc) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateKey,
        format!("duplicate key `{key}`: CloudFormation rejects a mapping with a key written twice"),
        loc,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_only() {
        for ok in ["0", "-1", "12.5", "1e3", "1.5E-2"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "",
            "-",
            "01",
            "1.",
            ".5",
            "+1",
            "0x1F",
            "1e",
            "012345678901",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
