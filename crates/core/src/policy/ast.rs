//! The parsed form of an IAM policy document.
//!
//! Every element a user can point at carries its [`Loc`], so an explanation
//! or a finding can be shown at the exact text that caused it.
//! Reference: `reference_policies_grammar.md`, `reference_policies_elements.md`.

use serde::{Deserialize, Serialize};

use crate::source::{Loc, Spanned};

pub use super::operator::{BaseOperator, ConditionOperator, OperatorFamily, SetQualifier};

/// What a policy is attached to, which decides which elements it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    /// Attached to a user, group or role (also permissions boundaries and
    /// session policies): no `Principal`, no `Id` needed.
    #[default]
    Identity,
    /// Attached to a resource: `Principal` or `NotPrincipal` required.
    Resource,
    /// An AWS Organizations service control policy.
    ServiceControl,
    /// An AWS Organizations resource control policy: `Principal` must be `"*"`.
    ResourceControl,
}

/// The policy language version named by the `Version` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PolicyVersion {
    /// `2012-10-17`: the current language, with policy variables.
    #[serde(rename = "2012-10-17")]
    V2012_10_17,
    /// `2008-10-17`: the old language; `${...}` is literal text.
    #[serde(rename = "2008-10-17")]
    V2008_10_17,
}

impl PolicyVersion {
    /// The literal version string.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyVersion::V2012_10_17 => "2012-10-17",
            PolicyVersion::V2008_10_17 => "2008-10-17",
        }
    }
}

/// A whole policy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// The `Version` element, if present.
    pub version: Option<Spanned<PolicyVersion>>,
    /// The `Id` element, if present.
    pub id: Option<Spanned<String>>,
    /// The statements in document order.
    pub statements: Vec<Statement>,
    /// The whole document.
    pub loc: Loc,
}

impl Policy {
    /// Whether `${...}` in this policy are policy variables: only under
    /// `Version` `2012-10-17` (`reference_policies_variables.md`).
    pub fn variables_enabled(&self) -> bool {
        matches!(
            self.version.as_ref().map(|v| v.value),
            Some(PolicyVersion::V2012_10_17)
        )
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    /// The statement grants.
    Allow,
    /// The statement forbids, overriding any allow.
    Deny,
}

impl Effect {
    /// `"Allow"` or `"Deny"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Position in the policy, from 0 (shown to people as `index + 1`).
    pub index: usize,
    /// The `Sid`, if present (shared with every trace that names it).
    pub sid: Option<Spanned<std::sync::Arc<str>>>,
    /// `Allow` or `Deny`.
    pub effect: Spanned<Effect>,
    /// `Principal` or `NotPrincipal`, if present.
    pub principal: Option<PrincipalBlock>,
    /// `Action` or `NotAction`.
    pub action: ActionBlock,
    /// `Resource` or `NotResource`; absent in role trust policies.
    pub resource: Option<ResourceBlock>,
    /// The `Condition` clauses, flattened: one per operator and key, in
    /// document order. All must hold (AND).
    pub conditions: Vec<ConditionClause>,
    /// The whole statement object.
    pub loc: Loc,
}

impl Statement {
    /// The Sid, or `statement N` (counting from 1) when there is none.
    pub fn label(&self) -> String {
        match &self.sid {
            Some(sid) if !sid.value.is_empty() => sid.value.to_string(),
            _ => format!("statement {}", self.index + 1),
        }
    }
}

/// Whether an element lists what it applies to, or what it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// `Action`, `Resource`, `Principal`.
    Positive,
    /// `NotAction`, `NotResource`, `NotPrincipal`.
    Negated,
}

/// `Action` or `NotAction` with its entries (`"*"` is an ordinary entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionBlock {
    /// `Action` or `NotAction`.
    pub polarity: Polarity,
    /// Each action pattern, e.g. `iam:Get*`.
    pub entries: Vec<Spanned<String>>,
    /// The element name and value.
    pub loc: Loc,
}

/// `Resource` or `NotResource` with its entries (`"*"` is an ordinary entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceBlock {
    /// `Resource` or `NotResource`.
    pub polarity: Polarity,
    /// Each resource pattern, usually an ARN, possibly with wildcards and
    /// policy variables.
    pub entries: Vec<Spanned<String>>,
    /// The element name and value.
    pub loc: Loc,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipalBlock {
    /// `Principal` or `NotPrincipal`.
    pub polarity: Polarity,
    /// `"*"` or the map of principal types to identifiers.
    pub value: PrincipalValue,
    /// The element name and value.
    pub loc: Loc,
}

/// The value of a `Principal` element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrincipalValue {
    /// `"*"`: everyone, including anonymous callers.
    Anyone {
        /// The `"*"`.
        loc: Loc,
    },
    /// `{"AWS": [...], "Service": [...], ...}`.
    Map {
        /// Each identifier, with its type, in document order.
        entries: Vec<PrincipalEntry>,
    },
}

/// The principal types of a principal map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrincipalType {
    /// `AWS`: accounts, users, roles, sessions.
    #[serde(rename = "AWS")]
    Aws,
    /// `Service`: AWS service principals such as `ec2.amazonaws.com`.
    Service,
    /// `Federated`: identity providers.
    Federated,
    /// `CanonicalUser`: S3 canonical user ids.
    CanonicalUser,
}

impl PrincipalType {
    /// The element key, e.g. `"AWS"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::Aws => "AWS",
            PrincipalType::Service => "Service",
            PrincipalType::Federated => "Federated",
            PrincipalType::CanonicalUser => "CanonicalUser",
        }
    }
}

/// One identifier in a principal map, e.g. `"AWS": "arn:aws:iam::111122223333:root"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipalEntry {
    /// The map key.
    pub principal_type: PrincipalType,
    /// The identifier as written.
    pub id: Spanned<String>,
}

/// One condition: an operator applied to one key with its values (OR).
///
/// `{"StringEquals": {"a": "1", "b": ["2", "3"]}}` flattens to two clauses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionClause {
    /// The operator, with its set qualifier and `IfExists`.
    pub operator: Spanned<ConditionOperator>,
    /// The condition key as written; keys compare case-insensitively.
    pub key: Spanned<String>,
    /// The values; the clause holds if any matches (negated operators: none).
    pub values: Vec<Spanned<ConditionValue>>,
    /// The key and its values.
    pub loc: Loc,
}

/// A condition value as written in the policy.
///
/// Numbers keep their literal text; AWS compares the text for string
/// operators and parses it for numeric ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum ConditionValue {
    /// A JSON string.
    String(String),
    /// A JSON number, as written.
    Number(String),
    /// A JSON boolean.
    Bool(bool),
}

impl ConditionValue {
    /// The value as text: strings as they are, numbers as written,
    /// booleans as `true` / `false`.
    pub fn as_text(&self) -> &str {
        match self {
            ConditionValue::String(s) | ConditionValue::Number(s) => s,
            ConditionValue::Bool(true) => "true",
            ConditionValue::Bool(false) => "false",
        }
    }
}
