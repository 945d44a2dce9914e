//! One request value against one policy value, under the positive form of
//! an operator (`StringEquals` for `StringNotEquals`, ...); negation and
//! the set qualifiers are applied by the caller.

use std::cmp::Ordering;

use crate::matching::pattern::glob_match;
use crate::matching::{ArnPattern, Pattern, arn_like, wildcard_match};
use crate::policy::{BaseOperator, ConditionValue, OperatorFamily};
use crate::request::{KeyLookup, Scalar};
use crate::variables::{
    Resolved, has_variables, scalar_text, substitute_glob_into, substitute_pattern,
    substitute_text, substitute_text_into,
};

use super::binary;
use super::boolean::parse_bool;
use super::date::Instant;
use super::ip::{Cidr, parse_address};
use super::numeric::Decimal;
use super::string::equals_ignore_case;

/// How one request value compared with one policy value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparison {
    /// The positive operator holds for the pair.
    Match,
    /// It does not.
    NoMatch,
    /// The policy value cannot be read for this operator: no match.
    InvalidPolicy,
    /// The request value cannot be read for this operator: no match.
    InvalidRequest,
    /// The policy value holds a variable without a value: no match.
    Unresolved,
}

/// The positive operator a negated one is the negation of.
pub(crate) fn positive(base: BaseOperator) -> BaseOperator {
    use BaseOperator as B;
    match base {
        B::StringNotEquals => B::StringEquals,
        B::StringNotEqualsIgnoreCase => B::StringEqualsIgnoreCase,
        B::StringNotLike => B::StringLike,
        B::NumericNotEquals => B::NumericEquals,
        B::DateNotEquals => B::DateEquals,
        B::NotIpAddress => B::IpAddress,
        B::ArnNotEquals => B::ArnEquals,
        B::ArnNotLike => B::ArnLike,
        other => other,
    }
}

/// Whether policy variables are substituted in this operator's values:
/// only the string and ARN operators ("You can use a policy variable for
/// `Condition` values in any condition that involves the string operators
/// or the ARN operators", `reference_policies_variables.md`).
pub(crate) fn takes_variables(base: BaseOperator) -> bool {
    matches!(base.family(), OperatorFamily::String | OperatorFamily::Arn)
}

/// A policy value ready to compare.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Operand<'a> {
    /// As written: no variables, or variables disabled.
    Written(&'a str),
    /// Text after substitution, for exact string operators.
    Text(String),
    /// A glob after substitution, for `StringLike`.
    Glob(Pattern),
    /// An ARN pattern after substitution.
    Arn(ArnPattern),
    /// A variable without a value or default; its name.
    Unresolved(String),
}

impl<'a> Operand<'a> {
    /// Prepares `value` for the positive operator `base`, substituting
    /// policy variables when `variables` is given and the operator takes
    /// them.
    pub(crate) fn prepare(
        base: BaseOperator,
        value: &'a ConditionValue,
        variables: Option<&dyn KeyLookup>,
    ) -> Operand<'a> {
        let text = value.as_text();
        let context = match variables {
            Some(context) if takes_variables(base) && has_variables(text) => context,
            _ => return Operand::Written(text),
        };
        match base {
            BaseOperator::StringLike => match substitute_pattern(text, context) {
                Resolved::Value(p) => Operand::Glob(p),
                Resolved::Unresolved(v) => Operand::Unresolved(v),
            },
            BaseOperator::ArnEquals | BaseOperator::ArnLike => {
                match ArnPattern::substituted(text, context) {
                    Resolved::Value(p) => Operand::Arn(p),
                    Resolved::Unresolved(v) => Operand::Unresolved(v),
                }
            }
            _ => match substitute_text(text, context) {
                Resolved::Value(t) => Operand::Text(t),
                Resolved::Unresolved(v) => Operand::Unresolved(v),
            },
        }
    }

    /// Compares a request value under the positive operator `base`.
    pub(crate) fn compare(&self, base: BaseOperator, request: &Scalar) -> Comparison {
        match self {
            Operand::Written(text) => compare_written(base, request, text),
            Operand::Text(text) => compare_written(base, request, text),
            Operand::Glob(pattern) => pattern.matches(&scalar_text(request), false).into(),
            Operand::Arn(pattern) => pattern.matches(&scalar_text(request)).into(),
            Operand::Unresolved(_) => Comparison::Unresolved,
        }
    }
}

impl From<bool> for Comparison {
    fn from(matched: bool) -> Self {
        if matched {
            Comparison::Match
        } else {
            Comparison::NoMatch
        }
    }
}

/// Room for a condition value with its variables substituted before
/// falling back to a heap-allocated operand.
const SUBSTITUTION_BUFFER: usize = 512;

/// Compares a request value with policy text whose variables are
/// substituted from `context` (the operator takes variables). String
/// operators substitute into a stack buffer; other cases, or a value too
/// long for it, go through [`Operand::prepare`].
pub(crate) fn compare_substituted(
    base: BaseOperator,
    request: &Scalar,
    value: &ConditionValue,
    context: &dyn KeyLookup,
) -> Comparison {
    let text = value.as_text();
    if !has_variables(text) {
        return compare_written(base, request, text);
    }
    let mut buf = [0u8; SUBSTITUTION_BUFFER];
    let fast = match base {
        BaseOperator::StringLike => {
            substitute_glob_into(text, context, &mut buf).map(|r| match r {
                Resolved::Value(len) => {
                    let glob = buf.get(..len).unwrap_or_default();
                    glob_match(glob, &scalar_text(request), false).into()
                }
                Resolved::Unresolved(_) => Comparison::Unresolved,
            })
        }
        BaseOperator::StringEquals | BaseOperator::StringEqualsIgnoreCase => {
            substitute_text_into(text, context, &mut buf).map(|r| match r {
                Resolved::Value(len) => {
                    let substituted = buf.get(..len).map(std::str::from_utf8);
                    match substituted {
                        Some(Ok(substituted)) => compare_written(base, request, substituted),
                        _ => Comparison::NoMatch,
                    }
                }
                Resolved::Unresolved(_) => Comparison::Unresolved,
            })
        }
        _ => None,
    };
    fast.unwrap_or_else(|| Operand::prepare(base, value, Some(context)).compare(base, request))
}

/// Compares a request value with policy text (variables already handled)
/// under the positive operator `base`. Does not allocate, except to write
/// a numeric request value as text for a string or ARN operator.
pub(crate) fn compare_written(base: BaseOperator, request: &Scalar, policy: &str) -> Comparison {
    use BaseOperator as B;
    match base.family() {
        OperatorFamily::String => {
            let request = scalar_text(request);
            match base {
                B::StringEqualsIgnoreCase => equals_ignore_case(&request, policy),
                B::StringLike => wildcard_match(policy, &request, false),
                _ => *request == *policy,
            }
            .into()
        }
        OperatorFamily::Arn => arn_like(policy, &scalar_text(request)).into(),
        OperatorFamily::Numeric => compare_numbers(base, request, policy),
        OperatorFamily::Date => compare_dates(base, request, policy),
        OperatorFamily::Bool => {
            let Some(wanted) = parse_bool(policy) else {
                return Comparison::InvalidPolicy;
            };
            match request_bool(request) {
                Some(actual) => (actual == wanted).into(),
                None => Comparison::InvalidRequest,
            }
        }
        OperatorFamily::Binary => {
            let Some(wanted) = binary::decode(policy) else {
                return Comparison::InvalidPolicy;
            };
            match request {
                Scalar::String(s) => match binary::decode(s) {
                    Some(actual) => actual.eq(wanted).into(),
                    None => Comparison::InvalidRequest,
                },
                _ => Comparison::InvalidRequest,
            }
        }
        OperatorFamily::Ip => {
            let Some(range) = Cidr::parse(policy) else {
                return Comparison::InvalidPolicy;
            };
            match request {
                Scalar::String(s) => match parse_address(s) {
                    Some(ip) => range.contains(ip).into(),
                    None => Comparison::InvalidRequest,
                },
                _ => Comparison::InvalidRequest,
            }
        }
        // `Null` tests presence and never compares values.
        OperatorFamily::Null => Comparison::NoMatch,
    }
}

/// A request value read as a boolean: a JSON boolean, or `true`/`false`
/// text in any case.
pub(crate) fn request_bool(request: &Scalar) -> Option<bool> {
    match request {
        Scalar::Bool(b) => Some(*b),
        Scalar::String(s) => parse_bool(s),
        Scalar::Number(_) => None,
    }
}

/// Whether `ordering` (request compared with policy) satisfies `base`.
fn ordering_holds(base: BaseOperator, ordering: Ordering) -> bool {
    use BaseOperator as B;
    match base {
        B::NumericLessThan | B::DateLessThan => ordering == Ordering::Less,
        B::NumericLessThanEquals | B::DateLessThanEquals => ordering != Ordering::Greater,
        B::NumericGreaterThan | B::DateGreaterThan => ordering == Ordering::Greater,
        B::NumericGreaterThanEquals | B::DateGreaterThanEquals => ordering != Ordering::Less,
        _ => ordering == Ordering::Equal,
    }
}

/// Numbers: exact when the request value is text; through `f64` when it
/// is a JSON number (already an `f64`).
fn compare_numbers(base: BaseOperator, request: &Scalar, policy: &str) -> Comparison {
    let Some(wanted) = Decimal::parse(policy) else {
        return Comparison::InvalidPolicy;
    };
    let ordering = match request {
        Scalar::Number(n) => n.partial_cmp(&wanted.to_f64()),
        Scalar::String(s) => Decimal::parse(s).map(|actual| actual.compare(wanted)),
        Scalar::Bool(_) => None,
    };
    match ordering {
        Some(ordering) => ordering_holds(base, ordering).into(),
        None => Comparison::InvalidRequest,
    }
}

/// Dates: ISO 8601 text or epoch seconds on either side.
fn compare_dates(base: BaseOperator, request: &Scalar, policy: &str) -> Comparison {
    let Some(wanted) = Instant::parse(policy) else {
        return Comparison::InvalidPolicy;
    };
    let actual = match request {
        Scalar::Number(n) => Instant::from_epoch_seconds(*n),
        Scalar::String(s) => Instant::parse(s),
        Scalar::Bool(_) => None,
    };
    match actual {
        Some(actual) => ordering_holds(base, actual.cmp(&wanted)).into(),
        None => Comparison::InvalidRequest,
    }
}
