//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`,
//! and the special `${*}`, `${?}`, `${$}`.
//! Reference: `reference_policies_variables.md`.

use crate::matching::Pattern;
use crate::request::ContextKeys;

/// A piece of text with policy variables resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved<T> {
    /// Every variable had a value (or a default).
    Value(T),
    /// This variable had no value and no default.
    Unresolved(String),
}

/// Substitutes variables into `text` for an exact comparison
/// (`StringEquals`, `ArnEquals`, ...): the result is plain text.
pub fn substitute_text(text: &str, context: &ContextKeys) -> Resolved<String> {
    let _ = (text, context);
    unimplemented!()
}

/// Substitutes variables into `text` for a wildcard comparison
/// (`Resource`, `StringLike`, `ArnLike`): `*` and `?` written in the policy
/// stay wildcards, substituted values and `${*}`/`${?}` are literal.
pub fn substitute_pattern(text: &str, context: &ContextKeys) -> Resolved<Pattern> {
    let _ = (text, context);
    unimplemented!()
}

/// Whether `text` contains `${` (a policy variable, when enabled).
pub fn has_variables(text: &str) -> bool {
    text.contains("${")
}
