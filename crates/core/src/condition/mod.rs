//! Condition evaluation: one clause (operator, key, values) against the
//! request's context keys.
//! Reference: `reference_policies_elements_condition_operators.md`,
//! `reference_policies_multi-value-conditions.md`, `reference_policies_elements_condition.md`.

use serde::{Deserialize, Serialize};

use crate::policy::ConditionClause;
use crate::request::ContextKeys;

/// Why a clause came out the way it did, beyond the plain comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseNote {
    /// The key was present and its values were compared.
    Compared,
    /// The key was absent: false, or true for a negated operator.
    KeyMissing,
    /// The key was absent and the operator has `IfExists`: true.
    IfExistsMissing,
    /// `Null` tested presence.
    NullCheck,
    /// `ForAllValues` with an absent or empty key: true.
    ForAllValuesEmpty,
    /// `ForAnyValue` with an absent or empty key: false.
    ForAnyValueEmpty,
    /// A policy value could not be read for this operator (a bad number,
    /// date, CIDR...): that value matches nothing.
    InvalidPolicyValue,
    /// A policy variable in a value had no value in the request.
    UnresolvedVariable,
}

/// The result of one clause, with what was compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseOutcome {
    /// Whether the clause holds.
    pub holds: bool,
    /// The request's values for the key; `None` when the key is absent.
    pub request_values: Option<Vec<String>>,
    /// The policy's values after policy-variable substitution.
    pub policy_values: Vec<String>,
    /// What decided it.
    pub note: ClauseNote,
}

/// Evaluates one condition clause.
///
/// `context` holds every request key, including those derived from the
/// principal. `variables_enabled` is whether the policy's `Version`
/// allows `${...}` policy variables (only string and ARN operators use
/// them).
pub fn evaluate_clause(
    clause: &ConditionClause,
    context: &ContextKeys,
    variables_enabled: bool,
) -> ClauseOutcome {
    let _ = (clause, context, variables_enabled);
    unimplemented!()
}

/// Only whether the clause holds, without building the explanation;
/// must agree with [`evaluate_clause`]`.holds`.
pub fn clause_holds(clause: &ConditionClause, context: &ContextKeys, variables_enabled: bool) -> bool {
    evaluate_clause(clause, context, variables_enabled).holds
}
