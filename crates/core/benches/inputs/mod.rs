//! Generators of the worst-case inputs of issue 12, built in memory so
//! no big file is committed. Shared by the `worst_cases` bench and the
//! `worst_cases` example (which measures time and peak memory once).

use iamplay_core::eval::{AppliedPolicy, PolicySet};
use iamplay_core::principal::Principal;
use iamplay_core::request::{ContextKeys, ContextValue, Request, Scalar};
use iamplay_core::{Policy, PolicyKind, parse_policy};

/// A policy on one line whose one statement repeats `"s3:*"` `count`
/// times (32 KB for 4,000), on the objects of one bucket (so the lint's
/// resource check has actions to report: the bucket-level ones).
pub fn repeated_wildcard_policy(count: usize) -> String {
    let actions = vec![r#""s3:*""#; count].join(", ");
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": [{actions}], "Resource": "arn:aws:s3:::bucket/*"}}]}}"#
    )
}

/// A policy whose one statement has `count` condition operators, each
/// misspelt differently (a letter dropped or changed in a real operator's
/// name, with a number to keep them distinct), so each one is unknown
/// and looked up for a "did you mean".
pub fn unknown_operators_policy(count: usize) -> String {
    const REAL: [&str; 8] = [
        "StringEquals",
        "ForAnyValue:StringLike",
        "ArnNotLikeIfExists",
        "NumericLessThanEquals",
        "DateGreaterThan",
        "ForAllValues:StringNotEqualsIgnoreCase",
        "IpAddress",
        "Bool",
    ];
    let operators: Vec<String> = (0..count)
        .map(|i| {
            let real = REAL[i % REAL.len()];
            let cut = i % real.len();
            format!(
                r#""{}{}{i}": {{"aws:username": "u"}}"#,
                &real[..cut],
                &real[(cut + 1).min(real.len())..]
            )
        })
        .collect();
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {{{}}}}}]}}"#,
        operators.join(", ")
    )
}

/// A policy with one `ForAnyValue:StringEquals` condition on `aws:TagKeys`
/// listing `count` values that each use the `${aws:username}` variable;
/// none matches the request of [`tag_keys_request`], so every pair is
/// decided.
pub fn variable_values_policy(count: usize) -> String {
    let values: Vec<String> = (0..count)
        .map(|i| format!(r#""${{aws:username}}-policy-{i}""#))
        .collect();
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {{"ForAnyValue:StringEquals": {{"aws:TagKeys": [{}]}}}}}}]}}"#,
        values.join(", ")
    )
}

/// A policy with one `ForAllValues:StringEquals` condition on
/// `aws:TagKeys` listing `count` plain values `tag-0`, `tag-1`, ...
pub fn set_values_policy(count: usize) -> String {
    let values: Vec<String> = (0..count).map(|i| format!(r#""tag-{i}""#)).collect();
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {{"ForAllValues:StringEquals": {{"aws:TagKeys": [{}]}}}}}}]}}"#,
        values.join(", ")
    )
}

/// `s3:GetObject` by user `alice` with `aws:TagKeys` holding `count`
/// values: `tag-{i}` read in reverse order (every one in the policy of
/// [`set_values_policy`], none in that of [`variable_values_policy`]).
pub fn tag_keys_request(count: usize) -> Request {
    let values: Vec<Scalar> = (0..count)
        .rev()
        .map(|i| Scalar::String(format!("tag-{i}")))
        .collect();
    let mut context = ContextKeys::new();
    context.insert("aws:TagKeys", ContextValue::List(values));
    Request {
        principal: Principal::user("111122223333", "alice"),
        action: "s3:GetObject".to_owned(),
        resource: "arn:aws:s3:::bucket/key".to_owned(),
        resource_account: None,
        context,
    }
}

/// An identity policy document of `count` statements, one per line
/// (pretty-printed, about 280 bytes each), each with an error: a `Null`
/// condition whose value is neither `true` nor `false`.
pub fn many_errors_policy(count: usize) -> String {
    let statements: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"    {{"Sid": "Statement{i}", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket-{i}/reports/*", "Condition": {{"Null": {{"aws:PrincipalTag/team-{i}": "maybe"}}}}}}"#
            )
        })
        .collect();
    format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}\n",
        statements.join(",\n")
    )
}

/// Parses an identity policy the generators wrote.
pub fn parse(text: &str) -> Policy {
    parse_policy(text, PolicyKind::Identity)
        .policy
        .expect("generated policies parse")
}

/// The policy set of one identity policy.
pub fn identity_set(policy: &Policy) -> PolicySet<'_> {
    PolicySet {
        identity: vec![AppliedPolicy {
            policy,
            name: "generated".into(),
            attachment: "attached to the user".into(),
            id: None,
        }],
        ..PolicySet::default()
    }
}
