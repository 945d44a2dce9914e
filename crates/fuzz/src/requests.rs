//! The requests a fuzzed policy is evaluated against: one caller of each
//! kind, with and without MFA, on an action and resource a typical policy
//! names.

use iamplay_core::principal::Principal;
use iamplay_core::workspace::{CustomPolicies, Document, PrincipalSpec, RequestSpec};

/// Requests that carry `text` as every kind of policy given directly
/// (identity, boundary, resource, SCP, RCP) and as a session policy.
pub fn with_policy(text: &str) -> Vec<RequestSpec> {
    let doc = || Document::new(text);
    let callers = [
        Principal::user("111122223333", "alice"),
        Principal::role_session("111122223333", "admin", "carol"),
    ];
    let actions = [
        ("s3:GetObject", "arn:aws:s3:::bucket/home/alice/notes.txt"),
        (
            "iam:CreateVirtualMFADevice",
            "arn:aws:iam::111122223333:mfa/alice",
        ),
        ("ec2:RunInstances", "*"),
    ];
    let mut requests = Vec::new();
    for caller in callers {
        for (action, resource) in actions {
            for mfa in [false, true] {
                let mut spec =
                    RequestSpec::new(PrincipalSpec::Other(caller.clone()), action, resource);
                spec.context.insert("aws:MultiFactorAuthPresent", mfa);
                spec.context.insert("aws:SourceIp", "203.0.113.7");
                spec.context.insert("aws:PrincipalTag/team", "blue");
                spec.policies = Some(CustomPolicies {
                    identity: vec![doc()],
                    permissions_boundary: mfa.then(doc),
                    resource: Some(doc()),
                    scps: vec![vec![doc()]],
                    rcps: vec![vec![doc()]],
                });
                if matches!(caller, Principal::RoleSession { .. }) {
                    spec.session_policy = Some(doc());
                }
                requests.push(spec);
            }
        }
    }
    requests
}
