//! Condition evaluation: one clause (operator, key, values) against the
//! request's context keys.
//! Reference: `reference_policies_elements_condition_operators.md`,
//! `reference_policies_multi-value-conditions.md`, `reference_policies_elements_condition.md`.
//!
//! The rules, in the order they apply:
//! 1. The key is looked up ignoring case ("Condition key *names* are not
//!    case-sensitive").
//! 2. `Null`: a policy value `true` holds when the key is absent, `false`
//!    when it is present; several values are ORed. A key whose value is an
//!    empty list counts as absent.
//! 3. An absent key (or one whose value is an empty list): `...IfExists`
//!    holds; else `ForAllValues:` holds and `ForAnyValue:` fails ("It also
//!    returns true if there are no keys in the request"; "For no matching
//!    key or a null dataset, the condition returns false"); else a negated
//!    operator holds and any other fails (the "Important" box of the
//!    operators page). `IfExists` wins over the qualifier.
//! 4. A set-qualified operator on a key whose only value is the empty
//!    string: a "null data set", so `ForAllValues:` holds and
//!    `ForAnyValue:` fails.
//! 5. Otherwise each request value is compared with each policy value
//!    under the positive operator (`StringEquals` for `StringNotEquals`).
//!    A request value *matches* when any policy value matches it (OR).
//!    A policy value that cannot be read for the operator, that holds an
//!    unresolved policy variable, or a request value that cannot be read,
//!    matches nothing; so a negated operator, which holds when nothing
//!    matches, holds for it ("Inverted condition operators like
//!    `StringNotEquals` ... do match against a null value").
//!    - `ForAllValues:` holds when every request value matches (negated:
//!      when every request value matches no policy value);
//!    - `ForAnyValue:` holds when some request value matches (negated:
//!      when some request value matches no policy value);
//!    - no qualifier: a single value is a set of one. With several request
//!      values (a multivalued key used without a set operator, which the
//!      User Guide says not to do and does not define) the plain operator
//!      holds when some request value matches, and the negated one when no
//!      request value matches. So a negated operator is always the exact
//!      complement of its positive form, as with a single value.
//! 6. Policy variables are substituted only in the values of string and
//!    ARN operators, and only when the policy's `Version` enables them.
//!    The operators page also lists `Bool` as taking variables, but the
//!    variables page ("Where you can use policy variables") excludes
//!    `Boolean`; this follows the variables page.
//!
//! The policy values of a clause are read once (variables substituted
//! once per value) into sets, so deciding each request value is a lookup
//! rather than a pass over every policy value (`policy_values`).
//!
//! How values are read: [`numeric`], [`date`], [`boolean`], [`binary`],
//! [`ip`], [`string`]; ARNs in [`crate::matching::arn`]. A number or boolean
//! in the request compares through its text for string and ARN operators.

pub mod binary;
pub mod boolean;
mod compare;
pub mod date;
pub mod ip;
pub mod numeric;
mod policy_values;
pub mod string;

use serde::{Deserialize, Serialize};

use crate::policy::{BaseOperator, ConditionClause, ConditionOperator, SetQualifier};
use crate::request::{ContextEntry, ContextValue, KeyLookup, Scalar};
use crate::variables::{Resolved, substitute_text};

use boolean::parse_bool;
use compare::{Comparison, compare_substituted, compare_written, positive, takes_variables};
use policy_values::{PolicyValues, Verdict};

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
    /// A request value could not be read for this operator (text that is
    /// not a number for `NumericEquals`...): it matches nothing.
    InvalidRequestValue,
}

impl ClauseNote {
    /// What decided the clause, in a few words, when it is worth saying
    /// (nothing for a plain comparison).
    pub fn describe(self) -> Option<&'static str> {
        match self {
            ClauseNote::Compared => None,
            ClauseNote::KeyMissing => Some("the key is absent"),
            ClauseNote::IfExistsMissing => Some("the key is absent and the operator has IfExists"),
            ClauseNote::NullCheck => Some("Null tests whether the key is present"),
            ClauseNote::ForAllValuesEmpty => Some("ForAllValues holds for no values"),
            ClauseNote::ForAnyValueEmpty => Some("ForAnyValue fails for no values"),
            ClauseNote::InvalidPolicyValue => {
                Some("a policy value does not read for this operator")
            }
            ClauseNote::UnresolvedVariable => Some("a policy variable has no value in the request"),
            ClauseNote::InvalidRequestValue => {
                Some("a request value does not read for this operator")
            }
        }
    }
}

/// The result of one clause, with what was compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseOutcome {
    /// Whether the clause holds.
    pub holds: bool,
    /// The request's values for the key; `None` when the key is absent.
    pub request_values: Option<crate::response::ContextKeyValues>,
    /// The policy's values after policy-variable substitution (a value
    /// whose variable has no value is shown as written).
    pub policy_values: Vec<String>,
    /// What decided it.
    pub note: ClauseNote,
    /// The first policy variable without a value or default, as written
    /// (e.g. `aws:PrincipalTag/team`), when one was compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved_variable: Option<String>,
}

/// The request values of a context entry as a slice (a single value is a
/// slice of one).
fn scalars(entry: Option<&ContextEntry>) -> &[Scalar] {
    match entry.map(|e| &e.value) {
        Some(ContextValue::Single(s)) => std::slice::from_ref(s),
        Some(ContextValue::List(items)) => items,
        None => &[],
    }
}

/// Rule 4: a key whose only value is the empty string.
fn is_null_data_set(values: &[Scalar]) -> bool {
    matches!(values, [Scalar::String(s)] if s.is_empty())
}

/// Rule 3: the outcome for an absent key (not `Null`).
fn missing_key(operator: ConditionOperator) -> (bool, ClauseNote) {
    if operator.if_exists {
        return (true, ClauseNote::IfExistsMissing);
    }
    match operator.qualifier {
        Some(SetQualifier::ForAllValues) => (true, ClauseNote::ForAllValuesEmpty),
        Some(SetQualifier::ForAnyValue) => (false, ClauseNote::ForAnyValueEmpty),
        None => (operator.base.is_negated(), ClauseNote::KeyMissing),
    }
}

/// Rule 4: the outcome for a null data set under a set qualifier.
fn null_data_set(qualifier: SetQualifier) -> (bool, ClauseNote) {
    match qualifier {
        SetQualifier::ForAllValues => (true, ClauseNote::ForAllValuesEmpty),
        SetQualifier::ForAnyValue => (false, ClauseNote::ForAnyValueEmpty),
    }
}

/// The variables context when substitution applies to this clause.
fn substitution<'c>(
    clause: &ConditionClause,
    context: &'c dyn KeyLookup,
    variables_enabled: bool,
) -> Option<&'c dyn KeyLookup> {
    let applies = variables_enabled && takes_variables(clause.operator.value.base);
    applies.then_some(context)
}

/// Evaluates one condition clause.
///
/// `context` holds every request key, including those derived from the
/// principal. `variables_enabled` is whether the policy's `Version`
/// allows `${...}` policy variables (only string and ARN operators use
/// them).
pub fn evaluate_clause(
    clause: &ConditionClause,
    context: &dyn KeyLookup,
    variables_enabled: bool,
) -> ClauseOutcome {
    let operator = clause.operator.value;
    let entry = context.get(&clause.key.value);
    let request_values = entry.map(|e| e.value.texts());
    let variables = substitution(clause, context, variables_enabled);
    let policy_values: Vec<String> = clause
        .values
        .iter()
        .map(|v| {
            let text = v.value.as_text();
            match variables.map(|ctx| substitute_text(text, ctx)) {
                Some(Resolved::Value(substituted)) => substituted,
                _ => text.to_owned(),
            }
        })
        .collect();
    let (holds, note, unresolved_variable) = explain(clause, operator, scalars(entry), variables);
    ClauseOutcome {
        holds,
        request_values,
        policy_values,
        note,
        unresolved_variable,
    }
}

/// The explaining evaluation: the policy values read once, each request
/// value decided against all of them, the outcomes counted.
fn explain(
    clause: &ConditionClause,
    operator: ConditionOperator,
    values: &[Scalar],
    variables: Option<&dyn KeyLookup>,
) -> (bool, ClauseNote, Option<String>) {
    if operator.base == BaseOperator::Null {
        let present = !values.is_empty();
        let holds = clause
            .values
            .iter()
            .filter_map(|v| parse_bool(v.value.as_text()))
            .any(|wants_absent| wants_absent != present);
        let all_read = clause
            .values
            .iter()
            .all(|v| parse_bool(v.value.as_text()).is_some());
        let note = if all_read {
            ClauseNote::NullCheck
        } else {
            ClauseNote::InvalidPolicyValue
        };
        return (holds, note, None);
    }
    if values.is_empty() {
        let (holds, note) = missing_key(operator);
        return (holds, note, None);
    }
    if let Some(qualifier) = operator.qualifier.filter(|_| is_null_data_set(values)) {
        let (holds, note) = null_data_set(qualifier);
        return (holds, note, None);
    }
    let policy = PolicyValues::prepare(positive(operator.base), &clause.values, variables);
    let mut matched = 0;
    let mut unreadable = false;
    for value in values {
        match policy.decide(value) {
            Verdict::Match => matched += 1,
            Verdict::NoMatch => {}
            Verdict::Unreadable => unreadable = true,
        }
    }
    let total = values.len();
    let holds = match (operator.qualifier, operator.base.is_negated()) {
        (None | Some(SetQualifier::ForAnyValue), false) => matched > 0,
        (None | Some(SetQualifier::ForAllValues), true) => matched == 0,
        (Some(SetQualifier::ForAllValues), false) => matched == total,
        (Some(SetQualifier::ForAnyValue), true) => matched < total,
    };
    let note = if policy.unresolved.is_some() {
        ClauseNote::UnresolvedVariable
    } else if policy.invalid {
        ClauseNote::InvalidPolicyValue
    } else if unreadable {
        ClauseNote::InvalidRequestValue
    } else {
        ClauseNote::Compared
    };
    (holds, note, policy.unresolved)
}

/// Below this many (request value, policy value) pairs, [`clause_holds`]
/// compares every pair without reading the policy values into sets:
/// cheaper for the few values most clauses have, and each policy value is
/// still substituted a bounded number of times.
const PAIRWISE_LIMIT: usize = 16;

/// Only whether the clause holds, without building the explanation;
/// must agree with [`evaluate_clause`]`.holds`.
///
/// Does not allocate in the common case: values with policy variables are
/// substituted into a stack buffer for string operators. It allocates for
/// ARN operators with variables, for substituted values holding a literal
/// `*` or `?` under `StringLike`, for values over 512 bytes, and to write a
/// numeric request value as text for a string or ARN operator. With more
/// than a few values on both sides it reads the policy values into sets
/// once (see `policy_values`), so its cost stays linear in the values.
pub fn clause_holds(
    clause: &ConditionClause,
    context: &dyn KeyLookup,
    variables_enabled: bool,
) -> bool {
    let operator = clause.operator.value;
    let values = scalars(context.get(&clause.key.value));
    if operator.base == BaseOperator::Null {
        let present = !values.is_empty();
        return clause
            .values
            .iter()
            .any(|v| parse_bool(v.value.as_text()).is_some_and(|absent| absent != present));
    }
    if values.is_empty() {
        return missing_key(operator).0;
    }
    if let Some(qualifier) = operator.qualifier.filter(|_| is_null_data_set(values)) {
        return null_data_set(qualifier).0;
    }
    let base = positive(operator.base);
    let variables = substitution(clause, context, variables_enabled);
    if values.len().saturating_mul(clause.values.len()) > PAIRWISE_LIMIT {
        let policy = PolicyValues::prepare(base, &clause.values, variables);
        return combine(operator, values, |r| policy.decide(r) == Verdict::Match);
    }
    match variables {
        Some(context) => combine(operator, values, |r| {
            clause
                .values
                .iter()
                .any(|p| compare_substituted(base, r, &p.value, context) == Comparison::Match)
        }),
        None => combine(operator, values, |r| {
            clause
                .values
                .iter()
                .any(|p| compare_written(base, r, p.value.as_text()) == Comparison::Match)
        }),
    }
}

/// Applies negation and the set qualifier (rule 5) given whether each
/// request value matches some policy value.
fn combine(
    operator: ConditionOperator,
    values: &[Scalar],
    matches: impl Fn(&Scalar) -> bool,
) -> bool {
    let negated = operator.base.is_negated();
    match operator.qualifier {
        None if negated => !values.iter().any(matches),
        None => values.iter().any(matches),
        Some(SetQualifier::ForAllValues) => values.iter().all(|r| matches(r) != negated),
        Some(SetQualifier::ForAnyValue) => values.iter().any(|r| matches(r) != negated),
    }
}
