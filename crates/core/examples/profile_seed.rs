//! Runs seed requests many times, for profiling with callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_seed`.

use iamplay_core::eval::{AppliedPolicy, PolicySet, authorize};
use iamplay_core::principal::Principal;
use iamplay_core::request::{ContextKeys, Request};
use iamplay_core::{PolicyKind, parse_policy};

fn main() {
    let force = parse_policy(
        include_str!("../../../examples/seed/force-mfa.policy.json"),
        PolicyKind::Identity,
    )
    .policy
    .unwrap_or_else(|| std::process::exit(1));
    let ec2 = parse_policy(
        include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json"),
        PolicyKind::Identity,
    )
    .policy
    .unwrap_or_else(|| std::process::exit(1));
    let applied = |policy, name: &str| AppliedPolicy {
        policy,
        name: name.to_owned(),
        attachment: String::new(),
        id: None,
    };
    let set = PolicySet {
        identity: vec![
            applied(&force, "Force_MFA"),
            applied(&ec2, "AmazonEC2FullAccess"),
        ],
        ..PolicySet::default()
    };
    let mut context = ContextKeys::new();
    context.insert("aws:MultiFactorAuthPresent", false);
    let request = Request {
        principal: Principal::user("111122223333", "mfa-user-1"),
        action: "iam:ChangePassword".to_owned(),
        resource: "arn:aws:iam::111122223333:user/mfa-user-1".to_owned(),
        resource_account: None,
        context,
    };
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let allowed = (0..n)
        .filter(|_| authorize(&set, &request) == iamplay_core::response::Decision::Allowed)
        .count();
    println!("{allowed} of {n} allowed");
}
