//! Reads a policy document into the [`Policy`] tree, reporting every
//! problem at once. Reference: `reference_policies_grammar.md`.

use crate::diagnostic::Diagnostic;
use crate::json::Json;
use crate::policy::ast::{Policy, PolicyKind};

/// Parses policy text. Returns the policy, or every error found (JSON
/// syntax errors stop at the first; grammar errors are all reported).
pub fn parse_policy(text: &str, kind: PolicyKind) -> Result<Policy, Vec<Diagnostic>> {
    let json = crate::json::parse_json(text).map_err(|e| vec![e])?;
    policy_from_json(&json, kind)
}

/// Reads a policy from an already parsed JSON value (for policies embedded
/// in a workspace file; locations then point into that file).
pub fn policy_from_json(json: &Json, kind: PolicyKind) -> Result<Policy, Vec<Diagnostic>> {
    let _ = (json, kind);
    unimplemented!("policy parser")
}
