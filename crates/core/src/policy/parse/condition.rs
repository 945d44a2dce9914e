//! `Condition`: operators, each with a map of condition keys to values,
//! flattened into one [`ConditionClause`] per operator and key.
//! Reference: `reference_policies_grammar.md` (condition_block),
//! `reference_policies_elements_condition.md`,
//! `reference_policies_elements_condition_operators.md`.

use super::reader::{Reader, join, quote};
use super::{codes, suggest};
use crate::json::{Json, JsonValue, Member};
use crate::policy::ast::{ConditionClause, ConditionOperator, ConditionValue};
use crate::policy::operator::OperatorError;
use crate::source::Spanned;

/// Reads the value of a `Condition` element into clauses, in document
/// order. Clauses whose operator is unknown are reported and left out.
pub(super) fn conditions(reader: &mut Reader, value: &Json) -> Vec<ConditionClause> {
    let Some(members) = value.as_object() else {
        reader.wrong_type("`Condition`", "an object of condition operators", value);
        return Vec::new();
    };
    if members.is_empty() {
        reader.error_with_help(
            codes::EMPTY_VALUE,
            "empty `Condition` block",
            value.loc,
            "remove `Condition`, or add an operator such as `\"StringEquals\": {\"aws:username\": \"alice\"}`",
        );
        return Vec::new();
    }
    let mut clauses = Vec::new();
    for member in reader.unique_members(members, "condition operator") {
        operator_block(reader, member, &mut clauses);
    }
    clauses
}

/// Reads `"Operator": {"key": values, ...}`.
fn operator_block(reader: &mut Reader, member: &Member, clauses: &mut Vec<ConditionClause>) {
    let name = member.key.value.as_str();
    let operator = match ConditionOperator::parse(name) {
        Ok(operator) => Some(Spanned::new(operator, member.key.loc)),
        Err(error) => {
            operator_error(reader, member, &error);
            None
        }
    };
    let Some(keys) = member.value.as_object() else {
        reader.wrong_type(
            &format!("the value of condition operator {}", quote(name)),
            "an object of condition keys and values",
            &member.value,
        );
        return;
    };
    if keys.is_empty() {
        reader.error_with_help(
            codes::EMPTY_VALUE,
            format!("condition operator {} has no condition keys", quote(name)),
            member.value.loc,
            "add a condition key and its values, e.g. `{\"aws:username\": \"alice\"}`",
        );
        return;
    }
    for key_member in reader.unique_members(keys, "condition key") {
        if key_member.key.value.is_empty() {
            reader.error(
                codes::EMPTY_VALUE,
                "empty condition key",
                key_member.key.loc,
            );
        }
        let values = condition_values(reader, key_member);
        if let Some(operator) = &operator {
            clauses.push(ConditionClause {
                operator: operator.clone(),
                key: key_member.key.clone(),
                values,
                loc: join(key_member.key.loc, key_member.value.loc),
            });
        }
    }
}

fn operator_error(reader: &mut Reader, member: &Member, error: &OperatorError) {
    let name = member.key.value.as_str();
    match error {
        OperatorError::Unknown(_) | OperatorError::UnknownQualifier(_) => {
            let message = match error {
                OperatorError::UnknownQualifier(qualifier) => format!(
                    "unknown set operator {}; use `ForAllValues` or `ForAnyValue`",
                    quote(qualifier)
                ),
                _ => format!("unknown condition operator {}", quote(name)),
            };
            let help = suggest::operator_hint(name).unwrap_or_else(|| {
                "see the condition operators in the IAM User Guide, e.g. `StringEquals`, \
                 `StringLike`, `ArnLike`, `Bool`, `NumericLessThan`, `DateGreaterThan`, \
                 `IpAddress`, `Null`"
                    .to_owned()
            });
            reader.error_with_help(codes::UNKNOWN_OPERATOR, message, member.key.loc, help);
        }
        OperatorError::IfExistsNotAllowed(_) | OperatorError::QualifierNotAllowed(_) => {
            reader.error(codes::INVALID_OPERATOR, error.to_string(), member.key.loc);
        }
    }
}

/// Reads the values of one condition key: a string, number or boolean,
/// or a non-empty array of them.
fn condition_values(reader: &mut Reader, member: &Member) -> Vec<Spanned<ConditionValue>> {
    let key = member.key.value.as_str();
    let value = &member.value;
    match &value.value {
        JsonValue::Array(items) if items.is_empty() => {
            reader.error(
                codes::EMPTY_VALUE,
                format!("condition key {} has no values", quote(key)),
                value.loc,
            );
            Vec::new()
        }
        JsonValue::Array(items) => items
            .iter()
            .filter_map(|item| scalar(reader, item))
            .collect(),
        _ => scalar(reader, value).into_iter().collect(),
    }
}

fn scalar(reader: &mut Reader, json: &Json) -> Option<Spanned<ConditionValue>> {
    let value = match &json.value {
        JsonValue::String(s) => ConditionValue::String(s.clone()),
        JsonValue::Number(n) => ConditionValue::Number(n.clone()),
        JsonValue::Bool(b) => ConditionValue::Bool(*b),
        JsonValue::Null | JsonValue::Array(_) | JsonValue::Object(_) => {
            reader.wrong_type("a condition value", "a string, a number or a boolean", json);
            return None;
        }
    };
    Some(Spanned::new(value, json.loc))
}
