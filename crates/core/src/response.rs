//! The answer to a request: the decision, the statements that decided it,
//! and the whole trace of what was consulted and why.

use serde::{Deserialize, Serialize};

use crate::condition::ClauseNote;
use crate::engine::DocumentId;
use crate::policy::Effect;
use crate::source::Loc;

/// AWS's three outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// At least one applicable Allow, every limiting policy type allows,
    /// and no applicable Deny.
    Allowed,
    /// An applicable Deny statement.
    ExplicitDeny,
    /// No applicable Deny, but no Allow that counts either.
    ImplicitDeny,
}

impl Decision {
    /// `"allowed"`, `"explicit deny"` or `"implicit deny"`.
    pub fn describe(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicit deny",
            Decision::ImplicitDeny => "implicit deny",
        }
    }

    /// Reads `Allowed`, `ExplicitDeny`, `ImplicitDeny` (also `allowed`,
    /// `explicit deny`, `explicit_deny`, `implicit-deny`, ignoring case).
    pub fn from_name(name: &str) -> Option<Decision> {
        let folded: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match folded.as_str() {
            "allowed" | "allow" => Some(Decision::Allowed),
            "explicitdeny" => Some(Decision::ExplicitDeny),
            "implicitdeny" => Some(Decision::ImplicitDeny),
            _ => None,
        }
    }
}

/// The kinds of policy AWS evaluates, in the order of the evaluation flow
/// chart (`reference_policies_evaluation-logic.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyType {
    /// AWS Organizations service control policy.
    ServiceControlPolicy,
    /// AWS Organizations resource control policy.
    ResourceControlPolicy,
    /// The policy of the VPC endpoint the request came through.
    VpcEndpoint,
    /// A policy attached to the resource.
    ResourceBased,
    /// A policy attached to the user, its groups, or the role.
    IdentityBased,
    /// The permissions boundary of the user or role.
    PermissionsBoundary,
    /// The session policy passed when the session was created.
    SessionPolicy,
}

impl PolicyType {
    /// Every policy type, in evaluation order.
    pub const ALL: [PolicyType; 7] = [
        PolicyType::ServiceControlPolicy,
        PolicyType::ResourceControlPolicy,
        PolicyType::VpcEndpoint,
        PolicyType::ResourceBased,
        PolicyType::IdentityBased,
        PolicyType::PermissionsBoundary,
        PolicyType::SessionPolicy,
    ];

    /// A human name, e.g. "permissions boundary".
    pub fn describe(self) -> &'static str {
        match self {
            PolicyType::ServiceControlPolicy => "service control policy",
            PolicyType::ResourceControlPolicy => "resource control policy",
            PolicyType::VpcEndpoint => "VPC endpoint policy",
            PolicyType::ResourceBased => "resource-based policy",
            PolicyType::IdentityBased => "identity-based policy",
            PolicyType::PermissionsBoundary => "permissions boundary",
            PolicyType::SessionPolicy => "session policy",
        }
    }
}

/// Points at one statement of one consulted policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRef {
    /// Index into [`Response::policies`].
    pub policy: usize,
    /// The policy's name.
    pub policy_name: std::sync::Arc<str>,
    /// The policy's type.
    pub policy_type: PolicyType,
    /// The statement's index in its policy, from 0.
    pub statement: usize,
    /// The statement's Sid, if any.
    pub sid: Option<std::sync::Arc<str>>,
    /// The statement's effect.
    pub effect: Effect,
    /// Where the statement is.
    pub loc: Loc,
}

impl StatementRef {
    /// "Force_MFA › DoNotAllow..." or "AmazonEC2FullAccess › statement 1".
    pub fn label(&self) -> String {
        let mut out = String::new();
        self.write_label(&mut out);
        out
    }

    /// Appends [`StatementRef::label`] to `out`.
    pub fn write_label(&self, out: &mut String) {
        out.push_str(&self.policy_name);
        out.push_str(" › ");
        match &self.sid {
            Some(sid) if !sid.is_empty() => out.push_str(sid),
            _ => {
                out.push_str("statement ");
                push_decimal(out, self.statement.saturating_add(1));
            }
        }
    }
}

/// Appends `n` in decimal digits: what `write!(out, "{n}")` writes,
/// without the formatting machinery (in a profile of the JavaScript API's
/// `evaluate`, which writes one label per call, it was a third of the
/// time spent on the summary sentence).
fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    // `n % 10` is below ten, so it fits in a byte.
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// How one policy element (Action, Resource, Principal) fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementTrace {
    /// `Action`, `NotAction`, `Resource`, `NotResource`, `Principal`, `NotPrincipal`.
    pub element: std::borrow::Cow<'static, str>,
    /// Whether the element lets the statement apply.
    pub satisfied: bool,
    /// The entry that matched the request, if one did.
    pub matched_entry: Option<EntryTrace>,
    /// Entries with a policy variable that had no value in the request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<EntryTrace>,
    /// One sentence, e.g. "`ec2:DescribeInstances` matches `ec2:*`".
    /// Shared: the statements of one evaluation that no entry of an
    /// element matches hold the same sentence.
    pub detail: std::sync::Arc<str>,
    /// The element in the source.
    pub loc: Loc,
}

/// One entry of an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryTrace {
    /// The entry as written.
    pub text: String,
    /// Where it is.
    pub loc: Loc,
}

/// How one condition clause fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionTrace {
    /// The operator as written, e.g. `ForAnyValue:StringLike`.
    pub operator: String,
    /// The condition key as written.
    pub key: String,
    /// The request's values for the key, `None` when absent.
    pub request_values: Option<ContextKeyValues>,
    /// The policy's values after policy-variable substitution.
    pub policy_values: Vec<String>,
    /// Whether the clause holds.
    pub holds: bool,
    /// What decided it.
    pub note: ClauseNote,
    /// The operator's location.
    pub operator_loc: Loc,
    /// The key and its values.
    pub loc: Loc,
}

/// The role a statement played in the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementRole {
    /// It does not apply to the request.
    NotApplicable,
    /// It applies and decided the request.
    Deciding,
    /// An Allow that applies but a Deny overrode.
    Overridden,
    /// It applies but did not decide (an Allow in a policy type whose
    /// allow was not enough, or a further Allow after the deciding one).
    Applies,
}

impl StatementRole {
    /// A short label: `deciding`, `overridden`, `applies`, `not matched`.
    pub fn label(self) -> &'static str {
        match self {
            StatementRole::Deciding => "deciding",
            StatementRole::Overridden => "overridden",
            StatementRole::Applies => "applies",
            StatementRole::NotApplicable => "not matched",
        }
    }

    /// One phrase on what a statement of this role and `effect` did, e.g.
    /// "deciding: this Deny explicitly denies the request".
    pub fn describe(self, effect: Effect) -> &'static str {
        match (self, effect) {
            (StatementRole::Deciding, Effect::Deny) => {
                "deciding: this Deny explicitly denies the request"
            }
            (StatementRole::Deciding, Effect::Allow) => "deciding: this Allow allows the request",
            (StatementRole::Overridden, _) => {
                "overridden: this Allow applies, but an explicit Deny wins"
            }
            (StatementRole::Applies, _) => "applies to the request",
            (StatementRole::NotApplicable, _) => "does not apply to the request",
        }
    }
}

/// How one statement fared. Serialized with its [`reason`](Self::reason)
/// written out as the field `reason`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "StatementTraceRead")]
pub struct StatementTrace {
    /// Index in its policy, from 0.
    pub index: usize,
    /// The Sid, if any.
    pub sid: Option<std::sync::Arc<str>>,
    /// Allow or Deny.
    pub effect: Effect,
    /// Whether every element and condition matched.
    pub applies: bool,
    /// What it did for the decision.
    pub role: StatementRole,
    /// Whether an element did not match, so the elements after it (in the
    /// order Action, Resource, Principal, Condition) were not checked:
    /// they could not change the outcome. `resource`, `principal` and
    /// `conditions` are then empty.
    #[serde(default)]
    pub unchecked: bool,
    /// The Action / NotAction element.
    pub action: ElementTrace,
    /// The Resource / NotResource element, if present and checked.
    pub resource: Option<ElementTrace>,
    /// The Principal / NotPrincipal element, if present and checked.
    pub principal: Option<ElementTrace>,
    /// Each condition clause in document order, if checked.
    pub conditions: Vec<ConditionTrace>,
    /// Why it applies or not; read it with [`StatementTrace::reason`].
    pub reason: StatementReason,
    /// The statement in the source.
    pub loc: Loc,
}

/// Why a statement applies or not, without copying a sentence the trace
/// already holds: most statements of an evaluation do not apply, and the
/// reason is then the detail of the element that did not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementReason {
    /// The detail of the first element that did not match, in the order
    /// Action, Resource, Principal.
    FirstUnmatchedElement,
    /// A sentence of its own (a failed condition, or why it applies).
    Text(String),
}

impl StatementTrace {
    /// One sentence on why the statement applies or not.
    pub fn reason(&self) -> &str {
        match &self.reason {
            StatementReason::Text(text) => text,
            StatementReason::FirstUnmatchedElement => std::iter::once(&self.action)
                .chain(&self.resource)
                .chain(&self.principal)
                .find(|element| !element.satisfied)
                .map_or("", |element| &*element.detail),
        }
    }
}

/// The serialized form of a [`StatementTrace`]: the same fields, with the
/// reason as text (`Text` is `&str` when writing, `String` when reading).
#[derive(Serialize, Deserialize)]
struct StatementTraceText<Text, Trace, Conditions> {
    index: usize,
    sid: Option<Text>,
    effect: Effect,
    applies: bool,
    role: StatementRole,
    #[serde(default)]
    unchecked: bool,
    action: Trace,
    resource: Option<Trace>,
    principal: Option<Trace>,
    conditions: Conditions,
    reason: Text,
    loc: Loc,
}

/// What reading a serialized [`StatementTrace`] produces.
type StatementTraceRead = StatementTraceText<String, ElementTrace, Vec<ConditionTrace>>;

impl From<StatementTraceRead> for StatementTrace {
    fn from(read: StatementTraceRead) -> Self {
        let reason = StatementReason::read(
            read.reason,
            std::iter::once(&read.action)
                .chain(&read.resource)
                .chain(&read.principal),
        );
        StatementTrace {
            index: read.index,
            sid: read.sid.map(Into::into),
            effect: read.effect,
            applies: read.applies,
            role: read.role,
            unchecked: read.unchecked,
            action: read.action,
            resource: read.resource,
            principal: read.principal,
            conditions: read.conditions,
            reason,
            loc: read.loc,
        }
    }
}

impl StatementReason {
    /// The reason read back as `text`: the first unmatched element's
    /// detail when it is that, as the evaluation made it, so that a trace
    /// read back equals the one written.
    fn read<'t>(text: String, mut elements: impl Iterator<Item = &'t ElementTrace>) -> Self {
        match elements.find(|element| !element.satisfied) {
            Some(element) if *element.detail == *text => StatementReason::FirstUnmatchedElement,
            _ => StatementReason::Text(text),
        }
    }
}

impl Serialize for StatementTrace {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StatementTraceText {
            index: self.index,
            sid: self.sid.as_deref(),
            effect: self.effect,
            applies: self.applies,
            role: self.role,
            unchecked: self.unchecked,
            action: &self.action,
            resource: self.resource.as_ref(),
            principal: self.principal.as_ref(),
            conditions: self.conditions.as_slice(),
            reason: self.reason(),
            loc: self.loc,
        }
        .serialize(serializer)
    }
}

/// How one policy fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyTrace {
    /// The policy's name.
    pub name: std::sync::Arc<str>,
    /// Its type.
    pub policy_type: PolicyType,
    /// Where it comes from, e.g. "attached to group `Force_MFA`".
    pub attachment: String,
    /// For SCPs and RCPs, the organization level (root, OU, account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The workspace document the policy comes from (the app opens it in
    /// the editor by it); `None` for built-in policies (`FullAWSAccess`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<DocumentId>,
    /// Whether AWS attaches it implicitly (`RCPFullAWSAccess`).
    #[serde(default)]
    pub implicit: bool,
    /// Every statement.
    pub statements: Vec<StatementTrace>,
}

/// The steps of AWS's evaluation flow, for drawing the path a request took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// AWS allows the action without any permission
    /// (`sts:GetCallerIdentity`): no policy is consulted.
    PermissionNotRequired,
    /// Any applicable Deny in any policy.
    ExplicitDenyCheck,
    /// The SCPs of the caller's organization.
    ServiceControlPolicies,
    /// The RCPs of the resource owner's organization.
    ResourceControlPolicies,
    /// The policy of the VPC endpoint the request came through.
    VpcEndpointPolicy,
    /// The resource-based policy.
    ResourceBasedPolicy,
    /// The identity-based policies.
    IdentityBasedPolicies,
    /// The permissions boundary.
    PermissionsBoundary,
    /// The session policy.
    SessionPolicy,
}

impl StepKind {
    /// The step's name as the evaluation path shows it.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::PermissionNotRequired => "No permission required",
            StepKind::ExplicitDenyCheck => "Explicit deny check",
            StepKind::ServiceControlPolicies => "Organizations SCPs",
            StepKind::ResourceControlPolicies => "Resource control policies",
            StepKind::VpcEndpointPolicy => "VPC endpoint policy",
            StepKind::ResourceBasedPolicy => "Resource-based policy",
            StepKind::IdentityBasedPolicies => "Identity-based policies",
            StepKind::PermissionsBoundary => "Permissions boundary",
            StepKind::SessionPolicy => "Session policy",
        }
    }
}

/// What happened at one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    /// Nothing of this kind applies to the request.
    NotPresent,
    /// The step let the request continue.
    Continue,
    /// The step allowed the request (final).
    Allow,
    /// The step denied the request explicitly (final).
    ExplicitDeny,
    /// The step denied the request implicitly (final).
    ImplicitDeny,
    /// The evaluation ended before this step.
    NotReached,
}

/// One step of the evaluation path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Which step.
    pub kind: StepKind,
    /// What happened.
    pub outcome: StepOutcome,
    /// The policies that acted at this step (indexes into [`Response::policies`]).
    pub policies: Vec<usize>,
    /// One sentence (most are fixed text, so borrowed).
    pub note: std::borrow::Cow<'static, str>,
}

/// Why an otherwise allowed request was blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocked {
    /// The policy type that gave no allow.
    pub policy_type: PolicyType,
    /// For SCPs and RCPs, the level that gave no allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// One sentence (most are fixed text, so borrowed).
    pub reason: std::borrow::Cow<'static, str>,
}

/// A context key of the evaluated request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextKeyTrace {
    /// The key (a derived key's name is fixed text, so borrowed).
    pub key: std::borrow::Cow<'static, str>,
    /// Its values as text.
    pub values: ContextKeyValues,
    /// Whether it was filled in from the principal rather than given.
    pub derived: bool,
}

/// The values of a context key as text: most keys have one, which is
/// kept without a list around it. Reads as a slice, compares as one (a
/// single value equals a list of that one value), and is written out as
/// a JSON array either way.
#[derive(Debug, Clone)]
pub enum ContextKeyValues {
    /// A single-valued key.
    One(String),
    /// A multivalued key (any number of values).
    List(Vec<String>),
}

impl std::ops::Deref for ContextKeyValues {
    type Target = [String];

    fn deref(&self) -> &[String] {
        match self {
            ContextKeyValues::One(value) => std::slice::from_ref(value),
            ContextKeyValues::List(values) => values,
        }
    }
}

impl PartialEq for ContextKeyValues {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for ContextKeyValues {}

impl Serialize for ContextKeyValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ContextKeyValues {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(ContextKeyValues::List)
    }
}

/// The full answer to one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The decision.
    pub decision: Decision,
    /// One sentence that says why.
    pub summary: String,
    /// The statements that decided: every applicable Deny for an explicit
    /// deny; the Allows that granted for an allow; empty for an implicit deny.
    pub deciding: Vec<StatementRef>,
    /// Allows that apply but were overridden by a Deny.
    pub overridden: Vec<StatementRef>,
    /// The policy type that blocked an otherwise allowed request.
    pub blocked_by: Option<Blocked>,
    /// Every policy consulted, in evaluation order.
    pub policies: Vec<PolicyTrace>,
    /// The path through AWS's evaluation flow.
    pub steps: Vec<Step>,
    /// Context keys that a condition asked for and the request lacked.
    pub missing_context_keys: Vec<String>,
    /// The request's context keys, derived ones included.
    pub context: Vec<ContextKeyTrace>,
    /// Problems of the request itself (an action AWS does not have, a
    /// context key nothing defines...), to show beside the decision; the
    /// decision does not depend on them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_findings: Vec<crate::engine::Problem>,
}

#[cfg(test)]
mod tests {
    use super::push_decimal;

    #[test]
    fn decimals_are_written_as_format_writes_them() {
        for n in [0, 1, 9, 10, 42, 99, 100, 1_000_007, usize::MAX] {
            let mut out = String::from("statement ");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("statement {n}"));
        }
    }
}
