//! Criterion benchmarks of the evaluator (`cargo xtask bench`):
//! one seed request, an account with 200 policies of 20 statements each,
//! and every action of one service against the seed user.
#![expect(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use iamplay_core::eval::{AppliedPolicy, PolicySet, authorize, evaluate};
use iamplay_core::principal::Principal;
use iamplay_core::request::{ContextKeys, Request};
use iamplay_core::{Policy, PolicyKind, parse_policy};

const FORCE_MFA: &str = include_str!("../../../examples/seed/force-mfa.policy.json");
const EC2_FULL: &str = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");

fn parse(text: &str) -> Policy {
    parse_policy(text, PolicyKind::Identity)
        .policy
        .expect("benchmark policies parse")
}

fn applied<'a>(policy: &'a Policy, name: &str) -> AppliedPolicy<'a> {
    AppliedPolicy {
        policy,
        name: name.to_owned(),
        attachment: "attached to a group".to_owned(),
        id: None,
    }
}

fn seed_request(action: &str, resource: &str, mfa: bool) -> Request {
    let mut context = ContextKeys::new();
    context.insert("aws:MultiFactorAuthPresent", mfa);
    if mfa {
        context.insert("aws:MultiFactorAuthAge", 120.0);
    }
    Request {
        principal: Principal::user("111122223333", "mfa-user-1"),
        action: action.to_owned(),
        resource: resource.to_owned(),
        resource_account: None,
        context,
    }
}

fn seed(c: &mut Criterion) {
    let force = parse(FORCE_MFA);
    let ec2 = parse(EC2_FULL);
    let set = PolicySet {
        identity: vec![
            applied(&force, "Force_MFA"),
            applied(&ec2, "AmazonEC2FullAccess"),
        ],
        ..PolicySet::default()
    };
    let deny = seed_request("ec2:DescribeInstances", "*", false);
    let allow = seed_request(
        "iam:ChangePassword",
        "arn:aws:iam::111122223333:user/mfa-user-1",
        false,
    );
    c.bench_function("seed/authorize row 1 (explicit deny)", |b| {
        b.iter(|| authorize(black_box(&set), black_box(&deny)))
    });
    c.bench_function("seed/authorize row 4 (allowed via ${aws:username})", |b| {
        b.iter(|| authorize(black_box(&set), black_box(&allow)))
    });
    c.bench_function("seed/evaluate row 1 with full explanation", |b| {
        b.iter(|| evaluate(black_box(&set), black_box(&deny)))
    });
    c.bench_function("seed/parse Force_MFA", |b| {
        b.iter(|| parse_policy(black_box(FORCE_MFA), PolicyKind::Identity))
    });
}

/// A policy of 20 statements that never match the benchmark's request,
/// with a mix of actions, resources and conditions.
fn big_policy(n: usize) -> String {
    let statements: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"Sid":"S{n}x{i}","Effect":"Allow","Action":["s3:Get{i}*","dynamodb:Query","sqs:Send*"],"Resource":["arn:aws:s3:::bucket-{n}-{i}/*","arn:aws:dynamodb:us-east-1:111122223333:table/t{i}"],"Condition":{{"StringEquals":{{"aws:PrincipalTag/team":"team-{n}"}},"IpAddress":{{"aws:SourceIp":"10.{i}.0.0/16"}}}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn large_account(c: &mut Criterion) {
    let texts: Vec<String> = (0..200).map(big_policy).collect();
    let policies: Vec<Policy> = texts.iter().map(|t| parse(t)).collect();
    let names: Vec<String> = (0..200).map(|i| format!("policy-{i}")).collect();
    let set = PolicySet {
        identity: policies
            .iter()
            .zip(&names)
            .map(|(p, n)| applied(p, n))
            .collect(),
        ..PolicySet::default()
    };
    let mut request = seed_request("s3:GetObject", "arn:aws:s3:::bucket-199-19/key", false);
    request.context.insert("aws:PrincipalTag/team", "team-199");
    request.context.insert("aws:SourceIp", "10.19.1.2");
    c.bench_function("account 200 policies x 20 statements/authorize", |b| {
        b.iter(|| authorize(black_box(&set), black_box(&request)))
    });
    c.bench_function("account 200 policies x 20 statements/evaluate", |b| {
        b.iter(|| evaluate(black_box(&set), black_box(&request)))
    });
    c.bench_function("account 200 policies x 20 statements/parse all", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| {
                    parse_policy(black_box(t), PolicyKind::Identity)
                        .policy
                        .is_some()
                })
                .count()
        })
    });
}

fn whole_service(c: &mut Criterion) {
    let force = parse(FORCE_MFA);
    let ec2 = parse(EC2_FULL);
    let set = PolicySet {
        identity: vec![
            applied(&force, "Force_MFA"),
            applied(&ec2, "AmazonEC2FullAccess"),
        ],
        ..PolicySet::default()
    };
    let catalog = iamplay_catalog::catalog();
    let service = catalog.service("ec2").expect("the catalog has ec2");
    let requests: Vec<Request> = service
        .actions()
        .map(|a| seed_request(&a.to_string(), "*", false))
        .collect();
    let label = format!(
        "every ec2 action ({}) against mfa-user-1/authorize",
        requests.len()
    );
    c.bench_function(&label, |b| {
        b.iter(|| {
            requests
                .iter()
                .filter(|r| {
                    authorize(black_box(&set), r) == iamplay_core::response::Decision::Allowed
                })
                .count()
        })
    });
}

criterion_group!(benches, seed, large_account, whole_service);
criterion_main!(benches);
