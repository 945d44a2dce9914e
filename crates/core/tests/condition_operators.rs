//! Condition operators, family by family, as the User Guide describes them
//! in `reference_policies_elements_condition_operators.md` (cited per
//! table by section).

use iamplay_core::condition::{ClauseNote, clause_holds, evaluate_clause};
use iamplay_core::policy::{ConditionClause, ConditionOperator, ConditionValue};
use iamplay_core::{ContextKeys, ContextValue, Loc, Scalar, Spanned};

fn s(text: &str) -> ConditionValue {
    ConditionValue::String(text.to_owned())
}

fn n(text: &str) -> ConditionValue {
    ConditionValue::Number(text.to_owned())
}

fn b(value: bool) -> ConditionValue {
    ConditionValue::Bool(value)
}

fn clause(operator: &str, key: &str, values: &[ConditionValue]) -> ConditionClause {
    ConditionClause {
        operator: Spanned::new(
            ConditionOperator::parse(operator).expect("operator"),
            Loc::default(),
        ),
        key: Spanned::new(key.to_owned(), Loc::default()),
        values: values
            .iter()
            .map(|v| Spanned::new(v.clone(), Loc::default()))
            .collect(),
        loc: Loc::default(),
    }
}

/// A request value: text.
fn text(value: &str) -> Option<ContextValue> {
    Some(ContextValue::from(value))
}

/// A request value: a JSON number.
fn num(value: f64) -> Option<ContextValue> {
    Some(ContextValue::from(value))
}

/// A request value: a JSON boolean.
fn boolean(value: bool) -> Option<ContextValue> {
    Some(ContextValue::from(value))
}

/// One row: operator, policy values, the request's value for the key
/// (`None`: absent), whether the clause holds.
type Row<'a> = (&'a str, Vec<ConditionValue>, Option<ContextValue>, bool);

/// Checks each row with both entry points, for key `key`.
fn check(key: &str, rows: &[Row<'_>]) {
    for (operator, values, request, expected) in rows {
        let mut context = ContextKeys::new();
        if let Some(value) = request {
            context.insert(key, value.clone());
        }
        let c = clause(operator, key, values);
        let fast = clause_holds(&c, &context, true);
        let full = evaluate_clause(&c, &context, true);
        let label = format!("{operator} {values:?} on {request:?}");
        assert_eq!(full.holds, *expected, "evaluate_clause: {label}");
        assert_eq!(fast, *expected, "clause_holds: {label}");
    }
}

fn note(operator: &str, key: &str, values: &[ConditionValue], context: &ContextKeys) -> ClauseNote {
    evaluate_clause(&clause(operator, key, values), context, true).note
}

// "String condition operators".
#[test]
fn string_operators() {
    check(
        "aws:username",
        &[
            ("StringEquals", vec![s("johndoe")], text("johndoe"), true),
            // reference_policies_elements_condition.md: "Users named
            // `JohnDoe` are denied access" under StringEquals.
            ("StringEquals", vec![s("johndoe")], text("JohnDoe"), false),
            (
                "StringEquals",
                vec![s("a"), s("johndoe")],
                text("johndoe"),
                true,
            ),
            ("StringEquals", vec![s("john*")], text("johndoe"), false),
            ("StringEquals", vec![s("john*")], text("john*"), true),
            ("StringEquals", vec![s("")], text(""), true),
            (
                "StringNotEquals",
                vec![s("johndoe")],
                text("johndoe"),
                false,
            ),
            ("StringNotEquals", vec![s("johndoe")], text("JohnDoe"), true),
            // reference_policies_multi-value-conditions.md, Note: several
            // values under a negated operator work like AND.
            ("StringNotEquals", vec![s("a"), s("b")], text("b"), false),
            ("StringNotEquals", vec![s("a"), s("b")], text("c"), true),
            (
                "StringEqualsIgnoreCase",
                vec![s("johndoe")],
                text("JohnDoe"),
                true,
            ),
            (
                "StringEqualsIgnoreCase",
                vec![s("ÉCOLE")],
                text("école"),
                true,
            ),
            (
                "StringEqualsIgnoreCase",
                vec![s("johndoe")],
                text("janedoe"),
                false,
            ),
            (
                "StringNotEqualsIgnoreCase",
                vec![s("johndoe")],
                text("JOHNDOE"),
                false,
            ),
            (
                "StringNotEqualsIgnoreCase",
                vec![s("johndoe")],
                text("jane"),
                true,
            ),
            // StringLike: "case-sensitive ... wildcards anywhere ... You
            // must specify wildcards to achieve partial string matches".
            ("StringLike", vec![s("home/*")], text("home/david/"), true),
            ("StringLike", vec![s("home/*")], text("Home/david/"), false),
            ("StringLike", vec![s("home")], text("home/david"), false),
            (
                "StringLike",
                vec![s("t1.*"), s("t2.*"), s("m3.*")],
                text("t2.micro"),
                true,
            ),
            (
                "StringLike",
                vec![s("t1.*"), s("t2.*"), s("m3.*")],
                text("c5.large"),
                false,
            ),
            ("StringLike", vec![s("")], text(""), true),
            // `?` is one character, multi-byte ones included.
            ("StringLike", vec![s("caf?")], text("café"), true),
            ("StringLike", vec![s("caf??")], text("café"), false),
            ("StringLike", vec![s("??")], text("日本"), true),
            ("StringNotLike", vec![s("home/*")], text("home/x"), false),
            ("StringNotLike", vec![s("home/*")], text("work/x"), true),
            ("StringNotLike", vec![s("a*"), s("b*")], text("bob"), false),
        ],
    );
}

// Numbers and booleans in the request compare through their text under
// string operators; number policy values are their literal text.
#[test]
fn string_operators_on_numbers_and_booleans() {
    check(
        "k",
        &[
            ("StringEquals", vec![s("120")], num(120.0), true),
            ("StringEquals", vec![n("120")], num(120.0), true),
            ("StringEquals", vec![s("1.5")], num(1.5), true),
            ("StringEquals", vec![s("120.0")], num(120.0), false),
            ("StringEquals", vec![s("true")], boolean(true), true),
            ("StringEquals", vec![b(true)], boolean(true), true),
            ("StringEquals", vec![b(false)], text("false"), true),
            ("StringLike", vec![s("1*")], num(120.0), true),
        ],
    );
}

// "Numeric condition operators": integers and decimals.
#[test]
fn numeric_operators() {
    check(
        "s3:max-keys",
        &[
            ("NumericEquals", vec![s("10")], num(10.0), true),
            ("NumericEquals", vec![s("1.0")], num(1.0), true),
            ("NumericEquals", vec![s("1")], text("1.0"), true),
            ("NumericEquals", vec![s("1.0")], text("1"), true),
            ("NumericEquals", vec![n("10")], text("010"), true),
            ("NumericEquals", vec![s("10")], text("11"), false),
            ("NumericEquals", vec![s("0.1")], text("0.10"), true),
            (
                "NumericEquals",
                vec![s("9007199254740993")],
                text("9007199254740992"),
                false,
            ),
            ("NumericNotEquals", vec![s("10")], num(10.0), false),
            ("NumericNotEquals", vec![s("10")], num(11.0), true),
            ("NumericNotEquals", vec![s("10"), s("11")], num(11.0), false),
            ("NumericLessThan", vec![s("10")], num(9.0), true),
            ("NumericLessThan", vec![s("10")], num(10.0), false),
            ("NumericLessThan", vec![s("-1.5")], text("-2"), true),
            ("NumericLessThanEquals", vec![s("10")], num(10.0), true),
            ("NumericLessThanEquals", vec![s("10")], num(10.5), false),
            ("NumericLessThanEquals", vec![s("3600")], num(120.0), true),
            ("NumericGreaterThan", vec![s("10")], num(10.0), false),
            ("NumericGreaterThan", vec![s("10")], text("10.01"), true),
            ("NumericGreaterThanEquals", vec![s("10")], num(10.0), true),
            ("NumericGreaterThanEquals", vec![s("10")], num(9.99), false),
            // Several values: any of them (OR).
            ("NumericLessThan", vec![s("1"), s("100")], num(50.0), true),
        ],
    );
}

// The brief: a policy value that cannot be read matches nothing; so does
// a request value that cannot be read.
#[test]
fn unreadable_values_match_nothing() {
    check(
        "k",
        &[
            ("NumericLessThan", vec![s("abc")], num(1.0), false),
            ("NumericLessThan", vec![s("abc"), s("10")], num(1.0), true),
            ("NumericLessThan", vec![s("1e3")], num(1.0), false),
            ("NumericEquals", vec![s("10")], text("ten"), false),
            ("NumericEquals", vec![s("10")], boolean(true), false),
            // Negated: nothing matches, so the negated operator holds.
            ("NumericNotEquals", vec![s("abc")], num(1.0), true),
            ("NumericNotEquals", vec![s("10")], text("ten"), true),
            (
                "DateLessThan",
                vec![s("yesterday")],
                text("2020-01-01"),
                false,
            ),
            (
                "DateLessThan",
                vec![s("2021-01-01")],
                text("tomorrow"),
                false,
            ),
            ("Bool", vec![s("yes")], boolean(true), false),
            ("Bool", vec![s("true")], text("yes"), false),
            ("Bool", vec![s("true")], num(1.0), false),
            (
                "IpAddress",
                vec![s("203.0.113.0/33")],
                text("203.0.113.1"),
                false,
            ),
            (
                "IpAddress",
                vec![s("203.0.113.0/24")],
                text("somewhere"),
                false,
            ),
            (
                "NotIpAddress",
                vec![s("not-an-ip")],
                text("203.0.113.1"),
                true,
            ),
            ("BinaryEquals", vec![s("not base64!")], text("QQ=="), false),
            ("BinaryEquals", vec![s("QQ==")], text("not base64!"), false),
        ],
    );
    let mut context = ContextKeys::new();
    context.insert("k", 1.0);
    assert_eq!(
        note("NumericLessThan", "k", &[s("abc")], &context),
        ClauseNote::InvalidPolicyValue
    );
    context.insert("k", "ten");
    assert_eq!(
        note("NumericLessThan", "k", &[s("10")], &context),
        ClauseNote::InvalidRequestValue
    );
    assert_eq!(
        note("NumericLessThan", "k", &[s("x"), s("10")], &context),
        ClauseNote::InvalidPolicyValue
    );
}

// "Date condition operators": W3C ISO 8601 forms and epoch time.
#[test]
fn date_operators() {
    check(
        "aws:CurrentTime",
        &[
            // The User Guide's aws:TokenIssueTime example.
            (
                "DateGreaterThan",
                vec![s("2020-01-01T00:00:01Z")],
                text("2020-06-01T12:00:00Z"),
                true,
            ),
            (
                "DateGreaterThan",
                vec![s("2020-01-01T00:00:01Z")],
                text("2020-01-01T00:00:01Z"),
                false,
            ),
            (
                "DateGreaterThanEquals",
                vec![s("2020-01-01T00:00:01Z")],
                text("2020-01-01T00:00:01Z"),
                true,
            ),
            (
                "DateLessThan",
                vec![s("2020-01-01")],
                text("2019-12-31T23:59:59Z"),
                true,
            ),
            (
                "DateLessThan",
                vec![s("2020-01-01")],
                text("2020-01-01T00:00:00Z"),
                false,
            ),
            (
                "DateLessThanEquals",
                vec![s("2020-01-01")],
                text("2020-01-01T00:00:00Z"),
                true,
            ),
            // An offset and Z name the same instant.
            (
                "DateEquals",
                vec![s("2020-01-01T10:00:00+02:00")],
                text("2020-01-01T08:00:00Z"),
                true,
            ),
            (
                "DateEquals",
                vec![s("2020-01-01T08:00:00Z")],
                text("2020-01-01T10:00:00+02:00"),
                true,
            ),
            (
                "DateEquals",
                vec![s("2020-01-01T08:00Z")],
                text("2020-01-01T08:00:00.000Z"),
                true,
            ),
            (
                "DateEquals",
                vec![s("2020-01-01T08:00:00.5Z")],
                text("2020-01-01T08:00:00Z"),
                false,
            ),
            (
                "DateNotEquals",
                vec![s("2020-01-01T10:00:00+02:00")],
                text("2020-01-01T08:00:00Z"),
                false,
            ),
            (
                "DateNotEquals",
                vec![s("2020-01-01")],
                text("2020-01-02"),
                true,
            ),
            // Epoch seconds on either side, as text or as a number.
            (
                "DateEquals",
                vec![s("1577836800")],
                text("2020-01-01T00:00:00Z"),
                true,
            ),
            (
                "DateEquals",
                vec![n("1577836800")],
                text("2020-01-01"),
                true,
            ),
            (
                "DateEquals",
                vec![s("2020-01-01T00:00:00Z")],
                num(1_577_836_800.0),
                true,
            ),
            (
                "DateLessThan",
                vec![s("2020-01-01T00:00:00Z")],
                num(1_577_836_799.5),
                true,
            ),
            (
                "DateGreaterThan",
                vec![s("2020-01-01")],
                text("1577836801"),
                true,
            ),
            // "Wildcards are not permitted for date condition operators."
            (
                "DateEquals",
                vec![s("2020-01-*")],
                text("2020-01-01"),
                false,
            ),
        ],
    );
}

// "Boolean condition operators".
#[test]
fn bool_operator() {
    check(
        "aws:SecureTransport",
        &[
            ("Bool", vec![s("false")], boolean(false), true),
            ("Bool", vec![s("false")], boolean(true), false),
            ("Bool", vec![b(true)], boolean(true), true),
            ("Bool", vec![s("true")], text("true"), true),
            ("Bool", vec![s("TRUE")], text("True"), true),
            ("Bool", vec![s("true")], text("false"), false),
            ("Bool", vec![s("true"), s("false")], boolean(false), true),
        ],
    );
}

// "Binary condition operators": byte for byte against base-64.
#[test]
fn binary_operator() {
    check(
        "key",
        &[
            (
                "BinaryEquals",
                vec![s("QmluYXJ5VmFsdWVJbkJhc2U2NA==")],
                text("QmluYXJ5VmFsdWVJbkJhc2U2NA=="),
                true,
            ),
            // Same bytes, padding omitted.
            (
                "BinaryEquals",
                vec![s("QmluYXJ5VmFsdWVJbkJhc2U2NA==")],
                text("QmluYXJ5VmFsdWVJbkJhc2U2NA"),
                true,
            ),
            (
                "BinaryEquals",
                vec![s("QmluYXJ5VmFsdWVJbkJhc2U2NA==")],
                text("QmluYXJ5VmFsdWVJbkJhc2U2NQ=="),
                false,
            ),
            ("BinaryEquals", vec![s("Zm9v")], text("Zm9vYg=="), false),
            ("BinaryEquals", vec![s("")], text(""), true),
            ("BinaryEquals", vec![s("Zm9v")], num(1.0), false),
        ],
    );
}

// "IP address condition operators".
#[test]
fn ip_operators() {
    check(
        "aws:SourceIp",
        &[
            (
                "IpAddress",
                vec![s("203.0.113.0/24")],
                text("203.0.113.77"),
                true,
            ),
            (
                "IpAddress",
                vec![s("203.0.113.0/24")],
                text("203.0.114.1"),
                false,
            ),
            // Without a prefix: /32.
            (
                "IpAddress",
                vec![s("203.0.113.7")],
                text("203.0.113.7"),
                true,
            ),
            (
                "IpAddress",
                vec![s("203.0.113.7")],
                text("203.0.113.8"),
                false,
            ),
            (
                "IpAddress",
                vec![s("0.0.0.0/0")],
                text("198.51.100.9"),
                true,
            ),
            // The mixed IPv4 and IPv6 example.
            (
                "IpAddress",
                vec![s("203.0.113.0/24"), s("2001:DB8:1234:5678::/64")],
                text("2001:db8:1234:5678::42"),
                true,
            ),
            (
                "IpAddress",
                vec![s("203.0.113.0/24"), s("2001:DB8:1234:5678::/64")],
                text("2001:db8:1234:9999::42"),
                false,
            ),
            ("IpAddress", vec![s("::/0")], text("2001:db8::1"), true),
            ("IpAddress", vec![s("::/0")], text("203.0.113.1"), false),
            (
                "IpAddress",
                vec![s("2001:db8::1")],
                text("2001:DB8:0:0:0:0:0:1"),
                true,
            ),
            (
                "NotIpAddress",
                vec![s("203.0.113.0/24")],
                text("203.0.113.77"),
                false,
            ),
            (
                "NotIpAddress",
                vec![s("203.0.113.0/24")],
                text("198.51.100.1"),
                true,
            ),
            (
                "NotIpAddress",
                vec![s("203.0.113.0/24"), s("198.51.100.0/24")],
                text("198.51.100.1"),
                false,
            ),
        ],
    );
}

// "Amazon Resource Name (ARN) condition operators".
#[test]
fn arn_operators() {
    let topic = "arn:aws:sns:us-east-2:123456789012:TOPIC-ID";
    check(
        "aws:SourceArn",
        &[
            ("ArnEquals", vec![s(topic)], text(topic), true),
            ("ArnLike", vec![s(topic)], text(topic), true),
            (
                "ArnEquals",
                vec![s("arn:aws:sns:*:123456789012:TOPIC-*")],
                text(topic),
                true,
            ),
            (
                "ArnEquals",
                vec![s("arn:aws:sns:us-east-?:123456789012:TOPIC-ID")],
                text(topic),
                true,
            ),
            // Case-sensitive.
            (
                "ArnEquals",
                vec![s("arn:aws:sns:us-east-2:123456789012:topic-id")],
                text(topic),
                false,
            ),
            // The page's example: ArnLike fails where StringLike succeeds.
            (
                "ArnLike",
                vec![s("arn:aws:someservice:*:111122223333:finance/*")],
                text(
                    "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
                ),
                false,
            ),
            (
                "StringLike",
                vec![s("arn:aws:someservice:*:111122223333:finance/*")],
                text(
                    "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
                ),
                true,
            ),
            (
                "ArnLike",
                vec![s("arn:aws:sns:*:*:*")],
                text("not-an-arn"),
                false,
            ),
            ("ArnNotEquals", vec![s(topic)], text(topic), false),
            (
                "ArnNotLike",
                vec![s("arn:aws:sns:*:*:*")],
                text(topic),
                false,
            ),
            (
                "ArnNotLike",
                vec![s("arn:aws:sqs:*:*:*")],
                text(topic),
                true,
            ),
        ],
    );
}

// "Condition operator to check existence of condition keys".
#[test]
fn null_operator() {
    check(
        "aws:TokenIssueTime",
        &[
            ("Null", vec![s("true")], None, true),
            ("Null", vec![s("true")], text("2020-01-01T00:00:00Z"), false),
            ("Null", vec![s("false")], None, false),
            ("Null", vec![s("false")], text("2020-01-01T00:00:00Z"), true),
            ("Null", vec![b(true)], None, true),
            ("Null", vec![s("TRUE")], None, true),
            ("Null", vec![s("true"), s("false")], None, true),
            ("Null", vec![s("maybe")], None, false),
            // An empty list counts as absent; an empty string is a value.
            (
                "Null",
                vec![s("true")],
                Some(ContextValue::List(vec![])),
                true,
            ),
            ("Null", vec![s("false")], text(""), true),
        ],
    );
    // The seed scenario's `Force_MFA` deny: Null aws:MultiFactorAuthAge true.
    let mut context = ContextKeys::new();
    context.insert("aws:MultiFactorAuthPresent", false);
    let c = clause("Null", "aws:MultiFactorAuthAge", &[s("true")]);
    assert!(clause_holds(&c, &context, true));
    assert_eq!(
        evaluate_clause(&c, &context, true).note,
        ClauseNote::NullCheck
    );
    context.insert("aws:MultiFactorAuthAge", 120.0);
    assert!(!clause_holds(&c, &context, true));
    assert_eq!(
        note("Null", "k", &[s("maybe")], &ContextKeys::new()),
        ClauseNote::InvalidPolicyValue
    );
}

// The "Important" box at the top of the operators page: an absent key
// does not match; negated operators then hold.
#[test]
fn missing_keys() {
    check(
        "aws:PrincipalTag/job-category",
        &[
            ("StringEquals", vec![s("iamuser-admin")], None, false),
            ("StringNotEquals", vec![s("iamuser-admin")], None, true),
            ("StringLike", vec![s("*")], None, false),
            ("StringNotLike", vec![s("x*")], None, true),
            ("StringEqualsIgnoreCase", vec![s("x")], None, false),
            ("StringNotEqualsIgnoreCase", vec![s("x")], None, true),
            ("NumericLessThan", vec![s("10")], None, false),
            ("NumericNotEquals", vec![s("10")], None, true),
            ("DateGreaterThan", vec![s("2020-01-01")], None, false),
            ("DateNotEquals", vec![s("2020-01-01")], None, true),
            ("Bool", vec![s("true")], None, false),
            ("BinaryEquals", vec![s("QQ==")], None, false),
            ("IpAddress", vec![s("0.0.0.0/0")], None, false),
            ("NotIpAddress", vec![s("203.0.113.0/24")], None, true),
            ("ArnLike", vec![s("*")], None, false),
            ("ArnNotLike", vec![s("arn:aws:sns:*:*:*")], None, true),
            ("ArnNotEquals", vec![s("arn:aws:sns:*:*:*")], None, true),
        ],
    );
    assert_eq!(
        note("StringEquals", "k", &[s("x")], &ContextKeys::new()),
        ClauseNote::KeyMissing
    );
}

// "...IfExists condition operators": an absent key passes, a present
// key is checked as usual.
#[test]
fn if_exists() {
    check(
        "ec2:InstanceType",
        &[
            (
                "StringLikeIfExists",
                vec![s("t1.*"), s("t2.*"), s("m3.*")],
                None,
                true,
            ),
            (
                "StringLikeIfExists",
                vec![s("t1.*"), s("t2.*"), s("m3.*")],
                text("t2.micro"),
                true,
            ),
            (
                "StringLikeIfExists",
                vec![s("t1.*"), s("t2.*"), s("m3.*")],
                text("c5.large"),
                false,
            ),
            ("StringNotEqualsIfExists", vec![s("x")], None, true),
            ("StringNotEqualsIfExists", vec![s("x")], text("x"), false),
            ("NumericLessThanIfExists", vec![s("10")], None, true),
            ("NumericLessThanIfExists", vec![s("10")], num(11.0), false),
            ("BoolIfExists", vec![s("true")], None, true),
            ("BoolIfExists", vec![s("true")], boolean(false), false),
            ("DateLessThanIfExists", vec![s("2020-01-01")], None, true),
            ("IpAddressIfExists", vec![s("10.0.0.0/8")], None, true),
            ("ArnLikeIfExists", vec![s("arn:aws:sns:*:*:*")], None, true),
            ("BinaryEqualsIfExists", vec![s("QQ==")], None, true),
        ],
    );
    let context = ContextKeys::new();
    assert_eq!(
        note("StringLikeIfExists", "k", &[s("x")], &context),
        ClauseNote::IfExistsMissing
    );
}

// reference_policies_elements_condition.md: "Condition key *names* are not
// case-sensitive ... `aws:SourceIP` ... is equivalent to ... `AWS:SourceIp`".
#[test]
fn key_names_ignore_case() {
    let mut context = ContextKeys::new();
    context.insert("AWS:SourceIp", "203.0.113.5");
    context.insert("aws:principaltag/Team", "blue");
    for (operator, key, values, expected) in [
        ("IpAddress", "aws:SourceIP", vec![s("203.0.113.0/24")], true),
        ("IpAddress", "aws:sourceip", vec![s("203.0.113.0/24")], true),
        (
            "StringEquals",
            "aws:PrincipalTag/team",
            vec![s("blue")],
            true,
        ),
        (
            "StringEquals",
            "AWS:PRINCIPALTAG/TEAM",
            vec![s("Blue")],
            false,
        ),
        ("Null", "Aws:SourceIp", vec![s("false")], true),
    ] {
        let c = clause(operator, key, &values);
        assert_eq!(
            clause_holds(&c, &context, true),
            expected,
            "{operator} {key}"
        );
        assert_eq!(
            evaluate_clause(&c, &context, true).holds,
            expected,
            "{operator} {key}"
        );
    }
}

#[test]
fn outcome_shows_values() {
    let mut context = ContextKeys::new();
    context.insert("aws:username", "mfa-user-1");
    context.insert("aws:MultiFactorAuthAge", 120.0);
    let c = clause(
        "StringLike",
        "s3:prefix",
        &[s("home/${aws:username}/*"), n("5")],
    );
    let outcome = evaluate_clause(&c, &context, true);
    assert_eq!(outcome.request_values, None);
    assert_eq!(outcome.policy_values, vec!["home/mfa-user-1/*", "5"]);
    let c = clause("NumericLessThan", "aws:multifactorauthage", &[s("3600")]);
    let outcome = evaluate_clause(&c, &context, true);
    assert_eq!(
        outcome.request_values.as_deref(),
        Some(&["120".to_owned()][..])
    );
    assert_eq!(outcome.note, ClauseNote::Compared);
    assert!(outcome.holds);
    context.insert(
        "tags",
        ContextValue::List(vec![Scalar::String("a".into()), Scalar::Bool(true)]),
    );
    let outcome = evaluate_clause(
        &clause("ForAnyValue:StringEquals", "tags", &[s("true")]),
        &context,
        true,
    );
    assert_eq!(
        outcome.request_values.as_deref(),
        Some(&["a".to_owned(), "true".to_owned()][..])
    );
    assert!(outcome.holds);
}
