//! Set operators and multivalued keys, from
//! `reference_policies_multi-value-conditions.md` (cited per test).

use iamplay_core::condition::{ClauseNote, clause_holds, evaluate_clause};
use iamplay_core::policy::{ConditionClause, ConditionOperator, ConditionValue};
use iamplay_core::{ContextKeys, ContextValue, Loc, Scalar, Spanned};

fn clause(operator: &str, key: &str, values: &[&str]) -> ConditionClause {
    ConditionClause {
        operator: Spanned::new(
            ConditionOperator::parse(operator).expect("operator"),
            Loc::default(),
        ),
        key: Spanned::new(key.to_owned(), Loc::default()),
        values: values
            .iter()
            .map(|v| Spanned::new(ConditionValue::String((*v).to_owned()), Loc::default()))
            .collect(),
        loc: Loc::default(),
    }
}

fn list(values: &[&str]) -> Option<ContextValue> {
    Some(ContextValue::List(
        values
            .iter()
            .map(|v| Scalar::String((*v).to_owned()))
            .collect(),
    ))
}

fn single(value: &str) -> Option<ContextValue> {
    Some(ContextValue::from(value))
}

/// Evaluates with both entry points, checks they agree, returns the
/// outcome's `holds` and note.
fn run(operator: &str, values: &[&str], request: Option<ContextValue>) -> (bool, ClauseNote) {
    let mut context = ContextKeys::new();
    if let Some(value) = request.clone() {
        context.insert("dynamodb:Attributes", value);
    }
    let c = clause(operator, "dynamodb:Attributes", values);
    let outcome = evaluate_clause(&c, &context, true);
    assert_eq!(
        clause_holds(&c, &context, true),
        outcome.holds,
        "{operator} {values:?} on {request:?}"
    );
    (outcome.holds, outcome.note)
}

fn holds(operator: &str, values: &[&str], request: Option<ContextValue>) -> bool {
    run(operator, values, request).0
}

const ALLOWED: &[&str] = &["PostDateTime", "Message", "Tags"];
const FORBIDDEN: &[&str] = &["ID", "PostDateTime"];

// "Evaluation logic for multiple values with condition set operators":
// the ForAllValues table (PostDateTime and UserName → false).
#[test]
fn for_all_values() {
    let op = "ForAllValues:StringEquals";
    assert!(!holds(op, ALLOWED, list(&["PostDateTime", "UserName"])));
    assert!(holds(op, ALLOWED, list(&["Message", "Tags"])));
    assert!(holds(
        op,
        &["ID", "Message", "Tags"],
        list(&["ID", "Message", "Tags"])
    ));
    assert!(holds(op, ALLOWED, single("Tags")));
    assert!(!holds(op, ALLOWED, single("UserName")));
    assert!(holds(
        "ForAllValues:StringLike",
        &["Post*", "M*"],
        list(&["PostDateTime", "Message"])
    ));
    assert!(!holds(
        "ForAllValues:StringLike",
        &["Post*"],
        list(&["PostDateTime", "Message"])
    ));
}

// "It also returns true if there are no keys in the request, or if the
// key values resolve to a null data set, such as an empty string."
#[test]
fn for_all_values_on_empty_sets_is_true() {
    let op = "ForAllValues:StringEquals";
    assert_eq!(
        run(op, ALLOWED, None),
        (true, ClauseNote::ForAllValuesEmpty)
    );
    assert_eq!(
        run(op, ALLOWED, list(&[])),
        (true, ClauseNote::ForAllValuesEmpty)
    );
    assert_eq!(
        run(op, ALLOWED, single("")),
        (true, ClauseNote::ForAllValuesEmpty)
    );
    assert_eq!(
        run(op, ALLOWED, list(&[""])),
        (true, ClauseNote::ForAllValuesEmpty)
    );
    // Negated too: there is no value to fail.
    assert!(holds("ForAllValues:StringNotEquals", ALLOWED, None));
}

// The ForAnyValue table (UserName, Message, PostDateTime → true).
#[test]
fn for_any_value() {
    let op = "ForAnyValue:StringEquals";
    assert!(holds(
        op,
        FORBIDDEN,
        list(&["UserName", "Message", "PostDateTime"])
    ));
    assert!(!holds(op, FORBIDDEN, list(&["UserName"])));
    assert!(holds(op, FORBIDDEN, single("ID")));
    assert!(holds(
        "ForAnyValue:StringLike",
        &["*Date*"],
        list(&["ID", "PostDateTime"])
    ));
}

// "For no matching key or a null dataset, the condition returns false."
#[test]
fn for_any_value_on_empty_sets_is_false() {
    let op = "ForAnyValue:StringEquals";
    assert_eq!(
        run(op, FORBIDDEN, None),
        (false, ClauseNote::ForAnyValueEmpty)
    );
    assert_eq!(
        run(op, FORBIDDEN, list(&[])),
        (false, ClauseNote::ForAnyValueEmpty)
    );
    assert_eq!(
        run(op, &[""], single("")),
        (false, ClauseNote::ForAnyValueEmpty)
    );
    assert!(!holds("ForAnyValue:StringNotEquals", FORBIDDEN, None));
}

// Negated operators under a qualifier apply the negation per request
// value: "ForAllValues:StringNotEquals" holds when no request value is in
// the list; "ForAnyValue:StringNotEquals" when some request value is not.
#[test]
fn negated_with_qualifiers() {
    assert!(holds(
        "ForAllValues:StringNotEquals",
        FORBIDDEN,
        list(&["UserName", "Message"])
    ));
    assert!(!holds(
        "ForAllValues:StringNotEquals",
        FORBIDDEN,
        list(&["UserName", "ID"])
    ));
    assert!(holds(
        "ForAnyValue:StringNotEquals",
        FORBIDDEN,
        list(&["ID", "Message"])
    ));
    assert!(!holds(
        "ForAnyValue:StringNotEquals",
        FORBIDDEN,
        list(&["ID", "PostDateTime"])
    ));
    assert!(holds(
        "ForAnyValue:StringNotLike",
        &["I*"],
        list(&["ID", "Message"])
    ));
}

// The User Guide does not define a plain operator on a multivalued key;
// here it holds when any request value matches, and its negation when
// none does.
#[test]
fn plain_operator_on_a_multivalued_key() {
    assert!(holds("StringEquals", FORBIDDEN, list(&["UserName", "ID"])));
    assert!(!holds(
        "StringEquals",
        FORBIDDEN,
        list(&["UserName", "Message"])
    ));
    assert!(!holds(
        "StringNotEquals",
        FORBIDDEN,
        list(&["UserName", "ID"])
    ));
    assert!(holds(
        "StringNotEquals",
        FORBIDDEN,
        list(&["UserName", "Message"])
    ));
    // An empty list is an absent key.
    assert_eq!(
        run("StringEquals", FORBIDDEN, list(&[])),
        (false, ClauseNote::KeyMissing)
    );
    assert_eq!(
        run("StringNotEquals", FORBIDDEN, list(&[])),
        (true, ClauseNote::KeyMissing)
    );
    // A plain operator compares an empty string like any value.
    assert!(holds("StringEquals", &[""], single("")));
}

// `IfExists` on an absent key holds, before the qualifier's own rule.
#[test]
fn if_exists_with_qualifiers() {
    assert_eq!(
        run("ForAnyValue:StringEqualsIfExists", FORBIDDEN, None),
        (true, ClauseNote::IfExistsMissing)
    );
    assert!(holds("ForAllValues:StringEqualsIfExists", ALLOWED, None));
    assert!(!holds(
        "ForAnyValue:StringEqualsIfExists",
        FORBIDDEN,
        list(&["Message"])
    ));
}

// Other families take qualifiers too.
#[test]
fn qualifiers_on_other_families() {
    let numbers = Some(ContextValue::List(vec![
        Scalar::Number(1.0),
        Scalar::Number(20.0),
    ]));
    assert!(holds(
        "ForAnyValue:NumericLessThan",
        &["10"],
        numbers.clone()
    ));
    assert!(!holds(
        "ForAllValues:NumericLessThan",
        &["10"],
        numbers.clone()
    ));
    assert!(holds(
        "ForAllValues:NumericLessThan",
        &["10", "30"],
        numbers
    ));
    let ips = list(&["203.0.113.1", "198.51.100.1"]);
    assert!(holds(
        "ForAnyValue:IpAddress",
        &["203.0.113.0/24"],
        ips.clone()
    ));
    assert!(!holds(
        "ForAllValues:IpAddress",
        &["203.0.113.0/24"],
        ips.clone()
    ));
    assert!(holds("ForAnyValue:NotIpAddress", &["203.0.113.0/24"], ips));
    let arns = list(&["arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"]);
    assert!(holds(
        "ForAllValues:ArnLike",
        &["arn:aws:iam::*:role/*"],
        arns.clone()
    ));
    assert!(!holds(
        "ForAllValues:ArnLike",
        &["arn:aws:iam::1:role/*"],
        arns
    ));
}
