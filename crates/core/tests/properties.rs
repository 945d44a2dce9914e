//! Property tests of the decision's monotonicity
//! (`reference_policies_evaluation-logic.md`, #policy-eval-denyallow and
//! #AccessPolicyLanguage_Interplay): an explicit deny in any policy
//! overrides any allow, and a request needs an Allow to be allowed, so
//!
//! - adding a Deny statement to any policy never turns a denied request
//!   (explicitly or implicitly) into an allowed one, and
//! - adding an Allow statement never turns an allowed request into a
//!   denied one.
//!
//! Random policies are written as JSON text over a small vocabulary of
//! actions, resources, principals and condition keys (with NotAction and
//! NotResource), parsed with [`parse_policy`], and placed in the
//! identity-based policies, a permissions boundary, an SCP level and a
//! resource-based policy; the extra statement goes into one of those that
//! is present. [`authorize`] must also agree with [`evaluate`].

use iamplay_core::eval::{AppliedPolicy, OrgLevel, PolicySet, authorize, evaluate};
use iamplay_core::principal::Principal;
use iamplay_core::request::{ContextKeys, ContextValue, Request, Scalar};
use iamplay_core::response::Decision;
use iamplay_core::{Policy, PolicyKind, parse_policy};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

const ACCOUNT: &str = "111122223333";

const ACTIONS: [&str; 6] = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "ec2:RunInstances",
    "ec2:DescribeInstances",
    "iam:GetUser",
];

const ACTION_PATTERNS: [&str; 9] = [
    "s3:GetObject",
    "s3:Get*",
    "s3:*",
    "ec2:*",
    "*",
    "ec2:Describe*",
    "iam:Get?ser",
    "S3:getobject",
    "sqs:SendMessage",
];

const RESOURCES: [&str; 6] = [
    "arn:aws:s3:::bucket/a.txt",
    "arn:aws:s3:::bucket/logs/b.txt",
    "arn:aws:s3:::other/c",
    "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
    "arn:aws:sqs:us-east-1:444455556666:queue",
    "*",
];

const RESOURCE_PATTERNS: [&str; 7] = [
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::*/logs/*",
    "arn:aws:ec2:*:111122223333:instance/*",
    "arn:aws:s3:::other/c",
    "arn:aws:s3:::bucket/${aws:username}*",
    "arn:aws:sqs:*:*:queue",
];

/// A statement's optional parts.
fn conditions() -> impl Strategy<Value = Vec<(&'static str, &'static str, Value)>> {
    let clause = select(vec![
        ("IpAddress", "aws:SourceIp", json!("10.0.0.0/8")),
        (
            "NotIpAddress",
            "aws:SourceIp",
            json!(["10.0.0.0/8", "2001:db8::/32"]),
        ),
        ("StringEquals", "aws:PrincipalTag/team", json!("red")),
        (
            "StringNotEquals",
            "aws:PrincipalTag/team",
            json!(["red", "green"]),
        ),
        ("StringLike", "aws:PrincipalTag/team", json!("r*")),
        (
            "StringEqualsIfExists",
            "aws:PrincipalTag/team",
            json!("blue"),
        ),
        ("Bool", "aws:MultiFactorAuthPresent", json!("true")),
        ("BoolIfExists", "aws:MultiFactorAuthPresent", json!(false)),
        ("Null", "aws:PrincipalTag/team", json!("true")),
        ("ForAnyValue:StringEquals", "aws:TagKeys", json!(["a"])),
        ("ForAllValues:StringLike", "aws:TagKeys", json!(["a", "b*"])),
        ("NumericLessThan", "s3:max-keys", json!("10")),
        (
            "StringEquals",
            "aws:username",
            json!("${aws:PrincipalTag/owner, 'alice'}"),
        ),
    ]);
    proptest::collection::vec(clause, 0..3)
}

/// One statement without a Principal, as JSON.
fn statement(effect: &'static str) -> impl Strategy<Value = Value> {
    (
        any::<bool>(),
        proptest::collection::vec(select(ACTION_PATTERNS.to_vec()), 1..3),
        any::<bool>(),
        proptest::collection::vec(select(RESOURCE_PATTERNS.to_vec()), 1..3),
        conditions(),
    )
        .prop_map(
            move |(not_action, actions, not_resource, resources, clauses)| {
                let mut s = Map::new();
                s.insert("Effect".into(), json!(effect));
                let action_key = if not_action { "NotAction" } else { "Action" };
                s.insert(action_key.into(), json!(actions));
                let resource_key = if not_resource {
                    "NotResource"
                } else {
                    "Resource"
                };
                s.insert(resource_key.into(), json!(resources));
                if !clauses.is_empty() {
                    let mut condition = Map::new();
                    for (operator, key, values) in clauses {
                        let entry = condition
                            .entry(operator)
                            .or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(keys) = entry {
                            keys.insert(key.into(), values);
                        }
                    }
                    s.insert("Condition".into(), Value::Object(condition));
                }
                Value::Object(s)
            },
        )
}

fn any_statement() -> impl Strategy<Value = Value> {
    prop_oneof![statement("Allow"), statement("Deny")]
}

/// A Principal element for a resource-based policy statement.
fn principal() -> impl Strategy<Value = Value> {
    select(vec![
        json!("*"),
        json!({"AWS": "arn:aws:iam::111122223333:user/alice"}),
        json!({"AWS": ACCOUNT}),
        json!({"AWS": "arn:aws:iam::111122223333:role/Worker"}),
        json!({"AWS": "arn:aws:iam::444455556666:root"}),
    ])
}

fn with_principal(mut statement: Value, principal: Value) -> Value {
    if let Value::Object(s) = &mut statement {
        s.insert("Principal".into(), principal);
    }
    statement
}

fn resource_statement() -> impl Strategy<Value = Value> {
    (any_statement(), principal()).prop_map(|(s, p)| with_principal(s, p))
}

/// The statements of every policy type; `None` when the type is absent.
#[derive(Debug, Clone)]
struct Scenario {
    identity: Vec<Value>,
    boundary: Option<Vec<Value>>,
    scp: Option<Vec<Value>>,
    resource: Option<Vec<Value>>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let statements = || proptest::collection::vec(any_statement(), 1..4);
    (
        proptest::collection::vec(any_statement(), 0..4),
        proptest::option::of(statements()),
        proptest::option::of(statements()),
        proptest::option::of(proptest::collection::vec(resource_statement(), 1..3)),
    )
        .prop_map(|(identity, boundary, scp, resource)| Scenario {
            identity,
            boundary,
            scp,
            resource,
        })
}

/// Where the extra statement goes.
#[derive(Debug, Clone, Copy)]
enum Target {
    Identity,
    Boundary,
    Scp,
    Resource,
}

fn target() -> impl Strategy<Value = Target> {
    select(vec![
        Target::Identity,
        Target::Boundary,
        Target::Scp,
        Target::Resource,
    ])
}

impl Scenario {
    /// The scenario with `extra` added to the target policy, or to the
    /// identity-based policies when the target is absent.
    fn with(&self, extra: &Value, principal: &Value, target: Target) -> Scenario {
        let mut next = self.clone();
        match target {
            Target::Boundary if next.boundary.is_some() => {
                next.boundary.iter_mut().for_each(|b| b.push(extra.clone()));
            }
            Target::Scp if next.scp.is_some() => {
                next.scp.iter_mut().for_each(|s| s.push(extra.clone()));
            }
            Target::Resource if next.resource.is_some() => {
                let statement = with_principal(extra.clone(), principal.clone());
                next.resource
                    .iter_mut()
                    .for_each(|r| r.push(statement.clone()));
            }
            _ => next.identity.push(extra.clone()),
        }
        next
    }
}

/// The scenario's policies, parsed.
struct Parsed {
    identity: Option<Policy>,
    boundary: Option<Policy>,
    scp: Option<Policy>,
    resource: Option<Policy>,
}

fn parse(statements: &[Value], kind: PolicyKind) -> Result<Policy, String> {
    let text = json!({"Version": "2012-10-17", "Statement": statements}).to_string();
    let parsed = parse_policy(&text, kind);
    parsed.policy.ok_or_else(|| {
        let messages: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        format!("{text} does not parse: {}", messages.join("; "))
    })
}

fn parse_scenario(s: &Scenario) -> Result<Parsed, String> {
    let optional = |statements: &Option<Vec<Value>>, kind| {
        statements.as_deref().map(|st| parse(st, kind)).transpose()
    };
    Ok(Parsed {
        identity: (!s.identity.is_empty())
            .then(|| parse(&s.identity, PolicyKind::Identity))
            .transpose()?,
        boundary: optional(&s.boundary, PolicyKind::Identity)?,
        scp: optional(&s.scp, PolicyKind::ServiceControl)?,
        resource: optional(&s.resource, PolicyKind::Resource)?,
    })
}

fn applied<'a>(policy: &'a Policy, name: &'a str) -> AppliedPolicy<'a> {
    AppliedPolicy {
        policy,
        name: name.into(),
        attachment: Default::default(),
        id: None,
    }
}

/// The decision for `request`, checking that both paths agree.
fn decide(parsed: &Parsed, request: &Request) -> Result<Decision, String> {
    let set = PolicySet {
        identity: parsed
            .identity
            .iter()
            .map(|p| applied(p, "identity"))
            .collect(),
        permissions_boundary: parsed.boundary.as_ref().map(|p| applied(p, "boundary")),
        scp_levels: parsed
            .scp
            .iter()
            .map(|p| OrgLevel {
                name: "Root".into(),
                policies: vec![applied(p, "scp")],
            })
            .collect(),
        resource_policies: parsed
            .resource
            .iter()
            .map(|p| applied(p, "resource"))
            .collect(),
        ..PolicySet::default()
    };
    let response = evaluate(&set, request);
    let full = response.decision;
    let fast = authorize(&set, request);
    let lean = iamplay_core::eval::verdict(&set, request);
    if lean != iamplay_core::eval::Verdict::from(response) {
        return Err(format!("the verdict differs from evaluate's: {lean:?}"));
    }
    if full == fast {
        Ok(full)
    } else {
        Err(format!("evaluate gives {full:?}, authorize gives {fast:?}"))
    }
}

fn request() -> impl Strategy<Value = Request> {
    let caller = select(vec![
        Principal::user(ACCOUNT, "alice"),
        Principal::user(ACCOUNT, "bob"),
        Principal::role_session(ACCOUNT, "Worker", "job"),
    ]);
    let scalar = |values: Vec<Scalar>| proptest::option::of(select(values));
    (
        caller,
        select(ACTIONS.to_vec()),
        select(RESOURCES.to_vec()),
        scalar(vec![
            Scalar::String("10.1.2.3".into()),
            Scalar::String("192.0.2.1".into()),
        ]),
        scalar(vec![
            Scalar::String("red".into()),
            Scalar::String("blue".into()),
        ]),
        scalar(vec![Scalar::Bool(true), Scalar::Bool(false)]),
        proptest::option::of(select(vec![vec!["a"], vec!["a", "b"], vec![]])),
        scalar(vec![Scalar::Number(5.0), Scalar::Number(50.0)]),
    )
        .prop_map(
            |(principal, action, resource, ip, team, mfa, tag_keys, max_keys)| {
                let mut context = ContextKeys::new();
                let mut put = |key: &str, value: Option<Scalar>| {
                    if let Some(v) = value {
                        context.insert(key, ContextValue::Single(v));
                    }
                };
                put("aws:SourceIp", ip);
                put("aws:PrincipalTag/team", team);
                put("aws:MultiFactorAuthPresent", mfa);
                put("s3:max-keys", max_keys);
                if let Some(keys) = tag_keys {
                    context.insert(
                        "aws:TagKeys",
                        ContextValue::List(
                            keys.into_iter().map(|k| Scalar::String(k.into())).collect(),
                        ),
                    );
                }
                Request {
                    principal,
                    action: action.to_owned(),
                    resource: resource.to_owned(),
                    resource_account: None,
                    context,
                }
            },
        )
}

/// The decisions before and after adding `extra` at `target`.
fn before_and_after(
    base: &Scenario,
    extra: &Value,
    principal: &Value,
    target: Target,
    request: &Request,
) -> Result<(Decision, Decision), TestCaseError> {
    let before = parse_scenario(base).map_err(TestCaseError::fail)?;
    let after =
        parse_scenario(&base.with(extra, principal, target)).map_err(TestCaseError::fail)?;
    Ok((
        decide(&before, request).map_err(TestCaseError::fail)?,
        decide(&after, request).map_err(TestCaseError::fail)?,
    ))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_deny_never_allows_a_denied_request(
        base in scenario(),
        extra in statement("Deny"),
        principal in principal(),
        target in target(),
        request in request(),
    ) {
        let (before, after) = before_and_after(&base, &extra, &principal, target, &request)?;
        if before != Decision::Allowed {
            prop_assert_ne!(after, Decision::Allowed, "a Deny at {:?} allowed the request", target);
        }
        if before == Decision::ExplicitDeny {
            prop_assert_eq!(after, Decision::ExplicitDeny);
        }
    }

    #[test]
    fn adding_an_allow_never_denies_an_allowed_request(
        base in scenario(),
        extra in statement("Allow"),
        principal in principal(),
        target in target(),
        request in request(),
    ) {
        let (before, after) = before_and_after(&base, &extra, &principal, target, &request)?;
        if before == Decision::Allowed {
            prop_assert_eq!(after, Decision::Allowed, "an Allow at {:?} denied the request", target);
        }
        if after == Decision::ExplicitDeny {
            prop_assert_eq!(before, Decision::ExplicitDeny);
        }
    }
}
