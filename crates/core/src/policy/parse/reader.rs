//! The parser's shared state: the policy kind and the findings so far,
//! with the checks every element needs (types, duplicates, string lists).

use crate::code::Code;
use std::collections::HashMap;

use super::codes;
use crate::diagnostic::Diagnostic;
use crate::json::{Json, JsonValue, Member};
use crate::policy::ast::PolicyKind;
use crate::source::{Loc, Spanned};

/// Collects findings while the policy is read.
#[derive(Debug)]
pub(super) struct Reader {
    /// What the policy is attached to.
    pub kind: PolicyKind,
    diagnostics: Vec<Diagnostic>,
    /// Each `Sid` seen so far and the index of its statement.
    sids: HashMap<String, usize>,
}

impl Reader {
    pub fn new(kind: PolicyKind) -> Self {
        Self {
            kind,
            diagnostics: Vec::new(),
            sids: HashMap::new(),
        }
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Records a finding.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records an error.
    pub fn error(&mut self, code: Code, message: impl Into<String>, loc: Loc) {
        self.report(Diagnostic::error(code, message, loc));
    }

    /// Records an error with a hint.
    pub fn error_with_help(
        &mut self,
        code: Code,
        message: impl Into<String>,
        loc: Loc,
        help: impl Into<String>,
    ) {
        self.report(Diagnostic::error(code, message, loc).with_help(help));
    }

    /// Reports `value` as having the wrong type: "`{what}` must be
    /// {expected}, found {kind}".
    pub fn wrong_type(&mut self, what: &str, expected: &str, value: &Json) {
        self.error(
            codes::WRONG_TYPE,
            format!("{what} must be {expected}, found {}", value.kind_name()),
            value.loc,
        );
    }

    /// The members of an object with repeated keys reported and dropped
    /// (the first of each key is kept). `what` names the keys in the
    /// message, e.g. "element" or "condition key".
    pub fn unique_members<'j>(&mut self, members: &'j [Member], what: &str) -> Vec<&'j Member> {
        // Statements have a handful of members: a linear search beats
        // hashing there; large maps (condition keys) use a hash map.
        const LINEAR_LIMIT: usize = 16;
        let mut seen: HashMap<&str, Loc> = HashMap::new();
        let mut unique: Vec<&'j Member> = Vec::with_capacity(members.len());
        for member in members {
            let key = member.key.value.as_str();
            let earlier = if members.len() <= LINEAR_LIMIT {
                unique
                    .iter()
                    .find(|m| m.key.value == key)
                    .map(|m| m.key.loc)
            } else {
                seen.get(key).copied()
            };
            match earlier {
                Some(earlier) => {
                    let help = format!(
                        "individual elements must not contain multiple instances of the same key; \
                         the first is at line {}, column {}",
                        earlier.start.line, earlier.start.column
                    );
                    self.error_with_help(
                        codes::DUPLICATE_ELEMENT,
                        format!("duplicate {what} {}", quote(key)),
                        member.key.loc,
                        help,
                    );
                }
                None => {
                    if members.len() > LINEAR_LIMIT {
                        seen.insert(key, member.key.loc);
                    }
                    unique.push(member);
                }
            }
        }
        unique
    }

    /// Reads a string or an array of strings, as `Action`, `Resource` and
    /// principal identifiers are written. Reports wrong types, empty
    /// arrays and empty strings; returns the usable entries.
    pub fn string_list(&mut self, element: &str, noun: &str, value: &Json) -> Vec<Spanned<String>> {
        match &value.value {
            JsonValue::String(s) => self
                .string_entry(element, noun, s, value.loc)
                .into_iter()
                .collect(),
            JsonValue::Array(items) if items.is_empty() => {
                self.error(
                    codes::EMPTY_VALUE,
                    format!("`{element}` must list at least one {noun}"),
                    value.loc,
                );
                Vec::new()
            }
            JsonValue::Array(items) => {
                let mut entries = Vec::with_capacity(items.len());
                for item in items {
                    match &item.value {
                        JsonValue::String(s) => {
                            entries.extend(self.string_entry(element, noun, s, item.loc));
                        }
                        _ => self.wrong_type(
                            &format!("each {noun} in `{element}`"),
                            "a string",
                            item,
                        ),
                    }
                }
                entries
            }
            _ => {
                self.wrong_type(
                    &format!("`{element}`"),
                    "a string or an array of strings",
                    value,
                );
                Vec::new()
            }
        }
    }

    fn string_entry(
        &mut self,
        element: &str,
        noun: &str,
        s: &str,
        loc: Loc,
    ) -> Option<Spanned<String>> {
        if s.is_empty() {
            self.error(
                codes::EMPTY_VALUE,
                format!("empty {noun} in `{element}`"),
                loc,
            );
            return None;
        }
        Some(Spanned::new(s.to_owned(), loc))
    }

    /// Remembers a `Sid`; returns the index of an earlier statement with
    /// the same one.
    pub fn note_sid(&mut self, sid: &str, index: usize) -> Option<usize> {
        match self.sids.get(sid) {
            Some(&earlier) => Some(earlier),
            None => {
                self.sids.insert(sid.to_owned(), index);
                None
            }
        }
    }
}

/// User input as shown in a message: in backticks, cut short when long,
/// and `""` when empty.
pub(super) fn quote(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("`{}…`", text.get(..cut).unwrap_or_default()),
        None => format!("`{text}`"),
    }
}

/// The policy kind with its article, for messages.
pub(super) fn kind_phrase(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "an identity-based policy",
        PolicyKind::Resource => "a resource-based policy",
        PolicyKind::ServiceControl => "a service control policy",
        PolicyKind::ResourceControl => "a resource control policy",
    }
}

/// The location from the start of `a` to the end of `b`.
pub(super) fn join(a: Loc, b: Loc) -> Loc {
    Loc {
        span: a.span.join(b.span),
        start: a.start.min(b.start),
        end: a.end.max(b.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_marks_empty_and_shortens_long_input() {
        assert_eq!(quote("Allow"), "`Allow`");
        assert_eq!(quote(""), "`\"\"`");
        let long = "\u{e9}".repeat(100);
        assert_eq!(quote(&long), format!("`{}…`", "\u{e9}".repeat(60)));
    }
}
