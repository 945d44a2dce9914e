//! Criterion benchmarks of the evaluator (`cargo xtask bench`): every
//! request of the seed scenario through the [`Engine`] (the decision
//! alone, the verdict without the trace, the full explanation and the
//! counterfactuals), an account with 200 policies of 20 statements each,
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
use iamplay_core::workspace::{AwsManagedPolicy, ManagedPolicySource, NoManagedPolicies};
use iamplay_core::{Engine, Policy, PolicyKind, parse_policy};

const FORCE_MFA: &str = include_str!("../../../examples/seed/force-mfa.policy.json");
const EC2_FULL: &str = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");
/// The seed scenario's workspace, with its 14 requests (the walkthrough's
/// table); it carries `AmazonEC2FullAccess`.
const SEED_WORKSPACE: &str = include_str!("../../../examples/force-mfa.json");

fn parse(text: &str) -> Policy {
    parse_policy(text, PolicyKind::Identity)
        .policy
        .expect("benchmark policies parse")
}

fn applied<'a>(policy: &'a Policy, name: &'a str) -> AppliedPolicy<'a> {
    AppliedPolicy {
        policy,
        name: name.into(),
        attachment: "attached to a group".into(),
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

/// The one AWS managed policy the seed attaches, as the catalog gives it.
struct SeedCatalog;

impl ManagedPolicySource for SeedCatalog {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        name_or_arn
            .ends_with("AmazonEC2FullAccess")
            .then(|| AwsManagedPolicy {
                name: "AmazonEC2FullAccess".to_owned(),
                arn: "arn:aws:iam::aws:policy/AmazonEC2FullAccess".to_owned(),
                version_id: "v5".to_owned(),
                document: EC2_FULL.to_owned(),
            })
    }
}

/// Every seed row through the engine: resolving the request (the user,
/// its groups, their policies) and deciding it.
fn seed(c: &mut Criterion) {
    let engine = Engine::load(SEED_WORKSPACE, Box::new(SeedCatalog))
        .unwrap_or_else(|problems| panic!("the seed loads: {problems:?}"));
    let rows = engine.workspace().requests.len();
    assert_eq!(rows, 14, "the seed has the walkthrough's 14 requests");
    for i in 0..rows {
        let expected = engine.workspace().requests[i]
            .expect
            .as_ref()
            .map(|e| e.decision);
        assert_eq!(engine.authorize_saved(i).ok(), expected, "row {}", i + 1);
    }
    for i in 0..rows {
        c.bench_function(&format!("seed/authorize row {}", i + 1), |b| {
            b.iter(|| engine.authorize_saved(black_box(i)))
        });
    }
    c.bench_function("seed/evaluate row 1 with full explanation", |b| {
        b.iter(|| engine.evaluate_saved(black_box(0)))
    });
    c.bench_function("seed/evaluate row 4 with full explanation", |b| {
        b.iter(|| engine.evaluate_saved(black_box(3)))
    });
    c.bench_function("seed/verdict row 1 (what decided, no trace)", |b| {
        b.iter(|| engine.verdict_saved(black_box(0)))
    });
    c.bench_function("seed/verdict row 4 (what decided, no trace)", |b| {
        b.iter(|| engine.verdict_saved(black_box(3)))
    });
    // Counterfactuals: row 1 (explicit deny: MFA, the Deny removed,
    // mfa-user-2), row 2 (allowed) and row 8 (implicit deny: the
    // smallest Allow).
    for row in [1, 2, 8] {
        let found = engine
            .counterfactuals_saved(row - 1)
            .unwrap_or_else(|e| panic!("row {row} resolves: {e}"));
        assert!(!found.list.is_empty(), "row {row} has counterfactuals");
        c.bench_function(&format!("seed/counterfactuals row {row}"), |b| {
            b.iter(|| engine.counterfactuals_saved(black_box(row - 1)))
        });
    }
    c.bench_function("seed/parse Force_MFA", |b| {
        b.iter(|| parse_policy(black_box(FORCE_MFA), PolicyKind::Identity))
    });
    c.bench_function("seed/load the workspace file", |b| {
        b.iter(|| Engine::load(black_box(SEED_WORKSPACE), Box::new(SeedCatalog)))
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

/// Where a statement of the last policy of a workspace file of 200
/// policies (about 1 MB, one line each) is in that file, as `iamplay eval`
/// asks for every statement it explains: a binary search in the line
/// starts found at load, whatever the file's size.
fn place_in_file(c: &mut Criterion) {
    let policies: Vec<String> = (0..200)
        .map(|n| format!(r#"{{"name": "policy-{n}", "document": {}}}"#, big_policy(n)))
        .collect();
    let text = format!(r#"{{"policies": [{}]}}"#, policies.join(",\n"));
    let engine = Engine::load(&text, Box::new(NoManagedPolicies)).expect("the workspace loads");
    let id = iamplay_core::DocumentId::Managed("policy-199".to_owned());
    let statement = engine
        .document(&id)
        .and_then(|d| d.policy.as_ref())
        .and_then(|p| p.statements.last())
        .map(|s| s.loc)
        .expect("the policy parses");
    c.bench_function(
        "account 200 policies x 20 statements/place a statement in the file",
        |b| b.iter(|| engine.place_in_file(black_box(&id), black_box(statement))),
    );
}

criterion_group!(benches, seed, large_account, whole_service, place_in_file);
criterion_main!(benches);
