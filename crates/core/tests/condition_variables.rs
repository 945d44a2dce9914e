//! Policy variables in condition values, from
//! `reference_policies_variables.md` (cited per test).

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

fn context() -> ContextKeys {
    let mut keys = ContextKeys::new();
    keys.insert("aws:username", "david");
    keys.insert("aws:PrincipalAccount", "111122223333");
    keys.insert("aws:PrincipalTag/team", "blue");
    keys.insert("aws:userid", "AIDA*?");
    keys.insert("aws:MultiFactorAuthAge", 120.0);
    keys.insert("aws:SecureTransport", true);
    keys.insert(
        "aws:PrincipalServiceNamesList",
        ContextValue::List(vec![Scalar::String("a".into())]),
    );
    keys
}

/// Evaluates with both entry points (which must agree) and returns the
/// outcome's `holds` and note.
fn run(
    operator: &str,
    key: &str,
    value: &str,
    policy: &[&str],
    variables_enabled: bool,
) -> (bool, ClauseNote) {
    let mut keys = context();
    keys.insert(key, value);
    let c = clause(operator, key, policy);
    let outcome = evaluate_clause(&c, &keys, variables_enabled);
    assert_eq!(
        clause_holds(&c, &keys, variables_enabled),
        outcome.holds,
        "{operator} {key} {policy:?} on `{value}`"
    );
    (outcome.holds, outcome.note)
}

fn holds(operator: &str, key: &str, value: &str, policy: &[&str]) -> bool {
    run(operator, key, value, policy, true).0
}

// "Condition element": "You can use a policy variable for `Condition`
// values in any condition that involves the string operators or the ARN
// operators"; the `s3:prefix` and `sns:endpoint` examples.
#[test]
fn string_operators_substitute() {
    assert!(holds(
        "StringLike",
        "s3:prefix",
        "david/photos",
        &["${aws:username}/*"]
    ));
    assert!(!holds(
        "StringLike",
        "s3:prefix",
        "adele/photos",
        &["${aws:username}/*"]
    ));
    assert!(holds(
        "StringLike",
        "sns:endpoint",
        "https://example.com/david/",
        &["https://example.com/${aws:username}/"]
    ));
    assert!(holds("StringEquals", "s3:x", "david", &["${aws:username}"]));
    assert!(holds("StringEquals", "s3:x", "david", &["${AWS:USERNAME}"]));
    assert!(holds(
        "StringEqualsIgnoreCase",
        "s3:x",
        "DAVID",
        &["${aws:username}"]
    ));
    assert!(!holds(
        "StringNotEquals",
        "s3:x",
        "david",
        &["${aws:username}"]
    ));
    assert!(holds(
        "StringNotLike",
        "s3:x",
        "adele/x",
        &["${aws:username}/*"]
    ));
    // A number in the context substitutes as its text.
    assert!(holds(
        "StringEquals",
        "s3:x",
        "120",
        &["${aws:MultiFactorAuthAge}"]
    ));
}

// A value too long for the stack buffer gives the same results.
#[test]
fn long_values() {
    let long = "x".repeat(600);
    let value = format!("{long}david");
    let exact = format!("{long}${{aws:username}}");
    let like = format!("{long}${{aws:username}}*");
    assert!(holds("StringEquals", "s3:x", &value, &[&exact]));
    assert!(holds(
        "StringLike",
        "s3:x",
        &format!("{value}/tail"),
        &[&like]
    ));
    assert!(!holds(
        "StringLike",
        "s3:x",
        &format!("{long}adele"),
        &[&like]
    ));
    assert!(holds(
        "StringNotEquals",
        "s3:x",
        &format!("{long}adele"),
        &[&exact]
    ));
}

// The substituted value is literal text: its `*` and `?` are not wildcards.
#[test]
fn substituted_values_are_literal() {
    assert!(holds(
        "StringLike",
        "s3:x",
        "AIDA*?/x",
        &["${aws:userid}/*"]
    ));
    assert!(!holds(
        "StringLike",
        "s3:x",
        "AIDAxy/x",
        &["${aws:userid}/*"]
    ));
    assert!(holds("StringEquals", "s3:x", "AIDA*?", &["${aws:userid}"]));
}

// "Special characters": `${*}`, `${?}`, `${$}`.
#[test]
fn special_characters() {
    assert!(holds("StringLike", "s3:x", "a*b", &["a${*}b"]));
    assert!(!holds("StringLike", "s3:x", "axb", &["a${*}b"]));
    assert!(holds("StringLike", "s3:x", "what?", &["*${?}"]));
    assert!(!holds("StringLike", "s3:x", "what!", &["*${?}"]));
    assert!(holds("StringEquals", "s3:x", "$5", &["${$}5"]));
}

// "Specifying default values".
#[test]
fn defaults() {
    assert!(holds(
        "StringEquals",
        "s3:x",
        "blue",
        &["${aws:PrincipalTag/team, 'none'}"]
    ));
    assert!(holds(
        "StringEquals",
        "s3:x",
        "none",
        &["${aws:PrincipalTag/dept, 'none'}"]
    ));
    assert!(!holds(
        "StringEquals",
        "s3:x",
        "blue",
        &["${aws:PrincipalTag/dept, 'none'}"]
    ));
    assert!(holds(
        "StringLike",
        "s3:x",
        "bucket-company-wide/x",
        &["bucket-${aws:PrincipalTag/dept, 'company-wide'}/*"]
    ));
}

// "Policy variables with no value": positive operators do not match;
// "Inverted condition operators like `StringNotEquals` or `StringNotLike`
// do match against a null value".
#[test]
fn unresolved_variables() {
    let tag = "${aws:PrincipalTag/Team2}";
    assert_eq!(
        run(
            "StringEquals",
            "s3:ExistingObjectTag/Team",
            "blue",
            &[tag],
            true
        ),
        (false, ClauseNote::UnresolvedVariable)
    );
    assert_eq!(
        run(
            "StringNotEquals",
            "s3:ExistingObjectTag/Team",
            "blue",
            &[tag],
            true
        ),
        (true, ClauseNote::UnresolvedVariable)
    );
    assert!(!holds("StringLike", "s3:x", "a", &["${aws:nothing}*"]));
    assert!(holds("StringNotLike", "s3:x", "a", &["${aws:nothing}*"]));
    // Another value in the list can still match.
    assert!(holds("StringEquals", "s3:x", "blue", &[tag, "blue"]));
    assert!(!holds("StringNotEquals", "s3:x", "blue", &[tag, "blue"]));
    // A multivalued key cannot be a variable ("You can't use a
    // multivalued condition key as a variable").
    assert!(!holds(
        "StringEquals",
        "s3:x",
        "a",
        &["${aws:PrincipalServiceNamesList}"]
    ));
    let mut keys = context();
    keys.insert("s3:x", "a");
    let outcome = evaluate_clause(&clause("StringEquals", "s3:x", &[tag]), &keys, true);
    assert_eq!(
        outcome.unresolved_variable.as_deref(),
        Some("aws:PrincipalTag/Team2")
    );
    assert_eq!(outcome.policy_values, vec![tag]);
}

// The ARN operators take variables in any segment.
#[test]
fn arn_operators_substitute() {
    let arn = "arn:aws:sns:us-east-1:111122223333:topic";
    assert!(holds(
        "ArnEquals",
        "aws:SourceArn",
        arn,
        &["arn:aws:sns:*:${aws:PrincipalAccount}:topic"]
    ));
    assert!(holds(
        "ArnLike",
        "aws:SourceArn",
        arn,
        &["arn:aws:sns:*:${aws:PrincipalAccount}:*"]
    ));
    assert!(!holds(
        "ArnLike",
        "aws:SourceArn",
        "arn:aws:sns:us-east-1:999999999999:topic",
        &["arn:aws:sns:*:${aws:PrincipalAccount}:*"]
    ));
    assert!(holds(
        "ArnNotLike",
        "aws:SourceArn",
        "arn:aws:sns:us-east-1:999999999999:topic",
        &["arn:aws:sns:*:${aws:PrincipalAccount}:*"]
    ));
    assert_eq!(
        run(
            "ArnLike",
            "aws:SourceArn",
            arn,
            &["arn:aws:sns:*:${aws:nothing}:*"],
            true
        ),
        (false, ClauseNote::UnresolvedVariable)
    );
    assert!(holds(
        "ArnNotEquals",
        "aws:SourceArn",
        arn,
        &["arn:aws:sns:*:${aws:nothing}:*"]
    ));
}

// "You can't use a policy variable with other operators, such as
// `Numeric`, `Date`, `Boolean`, `Binary`, `IP Address`, or `Null`": there
// the text is read as written (and cannot be read).
#[test]
fn other_operators_do_not_substitute() {
    assert_eq!(
        run(
            "NumericEquals",
            "s3:max-keys",
            "120",
            &["${aws:MultiFactorAuthAge}"],
            true
        ),
        (false, ClauseNote::InvalidPolicyValue)
    );
    assert!(!holds(
        "Bool",
        "aws:ViaAWSService",
        "true",
        &["${aws:SecureTransport}"]
    ));
    assert!(!holds(
        "DateEquals",
        "aws:CurrentTime",
        "2020-01-01",
        &["${aws:CurrentTime}"]
    ));
    assert!(!holds(
        "IpAddress",
        "aws:SourceIp",
        "203.0.113.1",
        &["${aws:SourceIp}"]
    ));
}

// "If you don't include the `Version` element ..., variables like
// `${aws:username}` are treated as literal strings in the policy."
#[test]
fn disabled_variables_are_literal() {
    assert_eq!(
        run("StringEquals", "s3:x", "david", &["${aws:username}"], false),
        (false, ClauseNote::Compared)
    );
    assert!(
        run(
            "StringEquals",
            "s3:x",
            "${aws:username}",
            &["${aws:username}"],
            false
        )
        .0
    );
    assert!(
        run(
            "StringNotEquals",
            "s3:x",
            "david",
            &["${aws:username}"],
            false
        )
        .0
    );
    assert!(
        run(
            "StringLike",
            "s3:x",
            "${aws:nothing}",
            &["${aws:nothing}"],
            false
        )
        .0
    );
}
