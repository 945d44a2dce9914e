//! Values of one condition clause's key that make the clause hold or
//! fail: a value from the condition (or just past a numeric bound), a
//! value it does not name, the key added or removed. Each is only a
//! proposal; the caller checks the clause under the changed request, and
//! the search verifies the decision.

use crate::condition::boolean::parse_bool;
use crate::policy::{BaseOperator, ConditionClause, OperatorFamily};
use crate::request::{ContextValue, Scalar};

/// What a change should do to a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    /// Make it hold.
    Hold,
    /// Make it fail.
    Fail,
}

/// One edit of a context key: set to a value, or removed (`None`).
pub(super) type Edit = (String, Option<ContextValue>);

/// Edits of `clause`'s key proposed to make it `want`, the most natural
/// first: a value for the key, then its removal. The caller keeps those
/// under which the clause really does what is wanted.
pub(super) fn proposals(clause: &ConditionClause, want: Want) -> Vec<Edit> {
    let key = clause.key.value.clone();
    let operator = clause.operator.value;
    if operator.base == BaseOperator::Null {
        // `Null: true` holds when the key is absent, `Null: false` when present.
        let Some(wants_absent) = clause
            .values
            .iter()
            .find_map(|v| parse_bool(v.value.as_text()))
        else {
            return Vec::new();
        };
        let absent = (want == Want::Hold) == wants_absent;
        let value = (!absent).then(|| ContextValue::Single(sample(&key)));
        return vec![(key, value)];
    }
    // A positive operator holds when a value matches; a negated one
    // (`StringNotEquals`, `NotIpAddress`...) when none does.
    let wants_match = (want == Want::Hold) != operator.base.is_negated();
    let texts: Vec<&str> = clause
        .values
        .iter()
        .map(|v| v.value.as_text())
        .filter(|t| !t.contains("${"))
        .collect();
    let mut values = if wants_match {
        matching(operator.base, &texts)
    } else {
        // A well-known key's usual values read better than made-up ones.
        let mut v = known(&key);
        v.extend(non_matching(operator.base, &texts));
        v
    };
    values.dedup();
    let wrap = |s: Scalar| match operator.qualifier {
        Some(_) => ContextValue::List(vec![s]),
        None => ContextValue::Single(s),
    };
    let mut out: Vec<Edit> = values
        .into_iter()
        .map(|s| (key.clone(), Some(wrap(s))))
        .collect();
    out.push((key, None));
    out
}

/// A plausible value for a key when any value will do (a `Null` check
/// wants it present): typed as AWS gives the well-known keys, else a
/// word.
pub(super) fn sample(key: &str) -> Scalar {
    known(key)
        .into_iter()
        .next()
        .unwrap_or_else(|| Scalar::String("example".to_owned()))
}

/// Usual values of the well-known keys, typed as AWS gives them; none for
/// other keys.
fn known(key: &str) -> Vec<Scalar> {
    const KNOWN: [(&str, &[Sample]); 9] = [
        ("aws:MultiFactorAuthAge", &[Sample::Number(60.0)]),
        ("aws:MultiFactorAuthPresent", &[Sample::Bool(true)]),
        ("aws:SecureTransport", &[Sample::Bool(true)]),
        ("aws:ViaAWSService", &[Sample::Bool(true)]),
        (
            "aws:SourceIp",
            &[Sample::Text("203.0.113.10"), Sample::Text("198.51.100.7")],
        ),
        (
            "aws:RequestedRegion",
            &[
                Sample::Text("us-east-1"),
                Sample::Text("eu-west-1"),
                Sample::Text("ap-southeast-2"),
            ],
        ),
        ("aws:CurrentTime", &[Sample::Text("2026-01-01T00:00:00Z")]),
        (
            "aws:TokenIssueTime",
            &[Sample::Text("2026-01-01T00:00:00Z")],
        ),
        ("aws:EpochTime", &[Sample::Number(1_767_225_600.0)]),
    ];
    let Some((_, samples)) = KNOWN.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)) else {
        return Vec::new();
    };
    samples
        .iter()
        .map(|s| match s {
            Sample::Number(n) => Scalar::Number(*n),
            Sample::Bool(b) => Scalar::Bool(*b),
            Sample::Text(t) => Scalar::String((*t).to_owned()),
        })
        .collect()
}

/// A typed sample value, written as a constant.
enum Sample {
    Number(f64),
    Bool(bool),
    Text(&'static str),
}

/// The earliest and the latest date a date condition is tried with.
const EARLY: &str = "1970-01-01T00:00:00Z";
const LATE: &str = "2999-12-31T23:59:59Z";

/// Values that match one of the policy values under the positive form of
/// `base`: the value itself, one written with its wildcards filled in,
/// or one just past a numeric bound.
fn matching(base: BaseOperator, texts: &[&str]) -> Vec<Scalar> {
    use BaseOperator as B;
    let Some(first) = texts.first() else {
        return Vec::new();
    };
    let number = |delta: f64| {
        first
            .parse::<f64>()
            .ok()
            .map(|n| vec![Scalar::Number(n + delta)])
            .unwrap_or_default()
    };
    let text = |t: &str| vec![Scalar::String(t.to_owned())];
    match base {
        B::NumericEquals
        | B::NumericNotEquals
        | B::NumericLessThanEquals
        | B::NumericGreaterThanEquals => number(0.0),
        B::NumericLessThan => number(-1.0),
        B::NumericGreaterThan => number(1.0),
        B::DateEquals | B::DateNotEquals => text(first),
        B::DateLessThan | B::DateLessThanEquals => text(EARLY),
        B::DateGreaterThan | B::DateGreaterThanEquals => text(LATE),
        B::Bool => parse_bool(first)
            .map(|b| vec![Scalar::Bool(b)])
            .unwrap_or_default(),
        B::IpAddress | B::NotIpAddress => text(first.split('/').next().unwrap_or(first)),
        _ => match base.family() {
            OperatorFamily::String | OperatorFamily::Arn => text(&first.replace(['*', '?'], "x")),
            _ => text(first),
        },
    }
}

/// Values that match none of the policy values under the positive form
/// of `base`.
fn non_matching(base: BaseOperator, texts: &[&str]) -> Vec<Scalar> {
    use BaseOperator as B;
    let numbers: Vec<f64> = texts.iter().filter_map(|t| t.parse().ok()).collect();
    let max = numbers.iter().copied().reduce(f64::max);
    let min = numbers.iter().copied().reduce(f64::min);
    let number = |n: Option<f64>, delta: f64| {
        n.map(|n| vec![Scalar::Number(n + delta)])
            .unwrap_or_default()
    };
    let text = |ts: &[&str]| ts.iter().map(|t| Scalar::String((*t).to_owned())).collect();
    match base {
        B::NumericEquals | B::NumericNotEquals | B::NumericLessThanEquals => number(max, 1.0),
        B::NumericLessThan => number(max, 0.0),
        B::NumericGreaterThan => number(min, 0.0),
        B::NumericGreaterThanEquals => number(min, -1.0),
        B::DateEquals | B::DateNotEquals | B::DateGreaterThan | B::DateGreaterThanEquals => {
            text(&[EARLY])
        }
        B::DateLessThan | B::DateLessThanEquals => text(&[LATE]),
        B::Bool => texts
            .first()
            .and_then(|t| parse_bool(t))
            .map(|b| vec![Scalar::Bool(!b)])
            .unwrap_or_default(),
        B::IpAddress | B::NotIpAddress => text(&["192.0.2.1", "198.51.100.7"]),
        B::BinaryEquals => text(&["bm8="]),
        _ => match base.family() {
            OperatorFamily::Arn => text(&["arn:aws:iam::999999999999:root"]),
            _ => text(&["example"]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_policy;
    use crate::policy::PolicyKind;

    fn clause(condition: &str) -> ConditionClause {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","Action":"*","Resource":"*","Condition":{condition}}}]}}"#
        );
        let policy = parse_policy(&text, PolicyKind::Identity)
            .policy
            .expect("the test policy parses");
        policy.statements[0].conditions[0].clone()
    }

    #[test]
    fn a_null_check_adds_or_removes_the_key() {
        let c = clause(r#"{"Null":{"aws:MultiFactorAuthAge":"true"}}"#);
        assert_eq!(
            proposals(&c, Want::Fail),
            vec![(
                "aws:MultiFactorAuthAge".to_owned(),
                Some(ContextValue::Single(Scalar::Number(60.0)))
            )]
        );
        assert_eq!(
            proposals(&c, Want::Hold),
            vec![("aws:MultiFactorAuthAge".to_owned(), None)]
        );
    }

    #[test]
    fn a_numeric_bound_is_passed_by_one() {
        let c = clause(r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}"#);
        assert_eq!(
            proposals(&c, Want::Hold)[0].1,
            Some(ContextValue::Single(Scalar::Number(3599.0)))
        );
        assert_eq!(
            proposals(&c, Want::Fail)[1].1,
            Some(ContextValue::Single(Scalar::Number(3600.0)))
        );
    }

    #[test]
    fn a_negated_string_operator_fails_on_a_named_value() {
        let c = clause(r#"{"ForAnyValue:StringNotLike":{"aws:TagKeys":["team-*"]}}"#);
        assert_eq!(
            proposals(&c, Want::Fail)[0].1,
            Some(ContextValue::List(vec![Scalar::String("team-x".into())]))
        );
    }
}
