//! Amazon Resource Names: parsing, and matching under the `Resource`
//! element's rules and the ARN condition operators.
//! Reference: `reference_policies_elements_resource.md`,
//! `reference_identifiers.md`, `reference_policies_elements_condition_operators.md`.

use crate::request::ContextKeys;

/// The six parts of an ARN: `arn:partition:service:region:account:resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    /// e.g. `aws`.
    pub partition: &'a str,
    /// e.g. `iam`.
    pub service: &'a str,
    /// e.g. `us-east-1`, or empty.
    pub region: &'a str,
    /// e.g. `111122223333`, or empty.
    pub account: &'a str,
    /// Everything after the fifth colon, colons included.
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits an ARN into its parts; `None` if it is not `arn:` with at
    /// least six colon-separated parts.
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        let _ = text;
        unimplemented!()
    }
}

/// The outcome of matching one `Resource` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceMatch {
    /// The entry matches the requested resource.
    Matched,
    /// It does not.
    NotMatched,
    /// The entry uses a policy variable with no value in the request and
    /// no default, so it matches nothing (`reference_policies_variables.md`).
    Unresolved {
        /// The variable as written, e.g. `aws:username`.
        variable: String,
    },
}

/// Matches a `Resource`/`NotResource` entry against the requested resource.
///
/// `variables` is `Some` when the policy's `Version` enables policy
/// variables; `${...}` is then substituted from those context keys (the
/// substituted text matched literally), else `${...}` is literal text.
pub fn resource_matches(
    pattern: &str,
    resource: &str,
    variables: Option<&ContextKeys>,
) -> ResourceMatch {
    let _ = (pattern, resource, variables);
    unimplemented!()
}

/// `ArnEquals`: each of the six parts compared, wildcards allowed.
pub fn arn_equals(pattern: &str, value: &str) -> bool {
    let _ = (pattern, value);
    unimplemented!()
}

/// `ArnLike`: as `arn_equals` (AWS documents both as case-sensitive
/// per-part matching with `*` and `?`).
pub fn arn_like(pattern: &str, value: &str) -> bool {
    arn_equals(pattern, value)
}
