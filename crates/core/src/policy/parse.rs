//! Reads a policy document into the [`Policy`] tree, reporting every
//! problem at once, each at the key or value that causes it.
//! Reference: `reference_policies_grammar.md`, `reference_policies_elements_*.md`.
//!
//! A JSON syntax error stops reading (there is no tree to check). Past
//! that, every element is checked: one bad statement does not hide the
//! others, and one bad entry does not hide the others in its statement.

mod condition;
mod document;
mod principal;
mod reader;
mod statement;
pub(crate) mod suggest;

use crate::diagnostic::{Diagnostic, Severity};
use crate::json::Json;
use crate::policy::ast::{Policy, PolicyKind};

/// The stable codes of the diagnostics the parser reports.
pub mod codes {
    use crate::code::Code;

    /// The text is not valid JSON.
    pub const JSON_SYNTAX: Code = crate::json::SYNTAX_ERROR_CODE;
    /// An element or entry has the wrong JSON type.
    pub const WRONG_TYPE: Code = Code::WrongType;
    /// An element name the grammar does not know (names are case-sensitive).
    pub const UNKNOWN_ELEMENT: Code = Code::UnknownElement;
    /// The same key twice in one object.
    pub const DUPLICATE_ELEMENT: Code = Code::DuplicateElement;
    /// A required element is absent.
    pub const MISSING_ELEMENT: Code = Code::MissingElement;
    /// Two elements that exclude each other, such as `Action` and `NotAction`.
    pub const CONFLICTING_ELEMENTS: Code = Code::ConflictingElements;
    /// An empty string, array or object where a value is needed.
    pub const EMPTY_VALUE: Code = Code::EmptyValue;
    /// `Version` is not `2012-10-17` or `2008-10-17`.
    pub const INVALID_VERSION: Code = Code::InvalidVersion;
    /// `Effect` is not exactly `Allow` or `Deny`.
    pub const INVALID_EFFECT: Code = Code::InvalidEffect;
    /// An action that is not `*` or `service:action`.
    pub const INVALID_ACTION: Code = Code::InvalidAction;
    /// A condition operator that does not exist.
    pub const UNKNOWN_OPERATOR: Code = Code::UnknownOperator;
    /// A real operator combined with a set qualifier or `IfExists` it cannot take.
    pub const INVALID_OPERATOR: Code = Code::InvalidOperator;
    /// `Principal` or `NotPrincipal` where the policy kind forbids it.
    pub const PRINCIPAL_NOT_ALLOWED: Code = Code::PrincipalNotAllowed;
    /// A principal value of the wrong form for its policy kind.
    pub const INVALID_PRINCIPAL: Code = Code::InvalidPrincipal;
    /// A principal map key other than `AWS`, `Service`, `Federated`, `CanonicalUser`.
    pub const UNKNOWN_PRINCIPAL_TYPE: Code = Code::UnknownPrincipalType;
    /// Warning: `Id` in an identity-based policy.
    pub const ID_IN_IDENTITY_POLICY: Code = Code::IdInIdentityPolicy;
    /// Warning: a `Sid` with characters IAM does not accept.
    pub const INVALID_SID: Code = Code::InvalidSid;
    /// Warning: two statements with the same `Sid`.
    pub const DUPLICATE_SID: Code = Code::DuplicateSid;
    /// Security warning: `NotPrincipal` with `"Effect": "Allow"`.
    pub const NOT_PRINCIPAL_WITH_ALLOW: Code = Code::NotPrincipalWithAllow;
}

/// The result of reading a policy: the tree when it is usable, and every
/// finding, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPolicy {
    /// The policy; `Some` exactly when no diagnostic is an error.
    pub policy: Option<Policy>,
    /// Errors and warnings, sorted by where they start.
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedPolicy {
    /// Whether any diagnostic is an error (then `policy` is `None`).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The error diagnostics only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

/// Parses policy text of the given kind.
///
/// A JSON syntax error is reported alone (code `json-syntax`); otherwise
/// every grammar problem is reported, see [`policy_from_json`].
pub fn parse_policy(text: &str, kind: PolicyKind) -> ParsedPolicy {
    match crate::json::parse_json(text) {
        Ok(json) => policy_from_json(&json, kind),
        Err(error) => ParsedPolicy {
            policy: None,
            diagnostics: vec![error],
        },
    }
}

/// Reads a policy from an already parsed JSON value (for policies embedded
/// in a workspace file; locations then point into that file).
pub fn policy_from_json(json: &Json, kind: PolicyKind) -> ParsedPolicy {
    let mut reader = reader::Reader::new(kind);
    let policy = document::policy(&mut reader, json);
    let mut diagnostics = reader.into_diagnostics();
    diagnostics.sort_by_key(|d| (d.loc.span.start, d.loc.span.end));
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    ParsedPolicy {
        policy: if has_errors { None } else { policy },
        diagnostics,
    }
}
