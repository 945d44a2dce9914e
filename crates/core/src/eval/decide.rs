//! AWS's decision from the statements that apply, by policy type.
//! Reference: `reference_policies_evaluation-logic.md` ("Determining whether
//! a request is allowed or denied within an account"),
//! `reference_policies_evaluation-logic-cross-account.md`.

use crate::policy::Effect;
use crate::principal::Principal;
use crate::response::{Blocked, Decision, PolicyType, Step, StepKind, StepOutcome};
use std::borrow::Cow;
use std::ops::Range;

use super::governed::{rcp_exemption, scp_exemption};
use super::principal_match::Grant;
use super::{PolicySet, RequestFacts};

/// A statement that applies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub statement: usize,
    pub effect: Effect,
    pub grant: Grant,
}

/// One consulted policy and the statements of it that apply.
#[derive(Debug, Clone)]
pub(crate) struct Consulted {
    pub policy_type: PolicyType,
    pub level: Option<usize>,
    pub implicit: bool,
    /// Where its hits are in the list of every policy's hits (one list
    /// for the request, so that a policy's hits cost no allocation).
    pub hits: Range<usize>,
}

impl Consulted {
    /// Its hits, out of `all`, the list of every consulted policy's hits.
    pub fn hits_in<'h>(&self, all: &'h [Hit]) -> &'h [Hit] {
        all.get(self.hits.clone()).unwrap_or_default()
    }
}

/// The decision with the statements behind it, as (policy, statement) indexes.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub decision: Decision,
    pub deciding: Vec<(usize, usize)>,
    pub overridden: Vec<(usize, usize)>,
    pub blocked: Option<Blocked>,
    pub steps: Vec<Step>,
}

type Refs = Vec<(usize, usize)>;

struct View<'c> {
    consulted: &'c [Consulted],
    /// Every consulted policy's hits, in order (see [`Consulted::hits`]).
    hits: &'c [Hit],
}

impl View<'_> {
    /// Every hit with `effect` in the policies `pred` keeps, in order,
    /// with the index of its policy.
    fn matching(
        &self,
        effect: Effect,
        pred: impl Fn(&Consulted) -> bool,
    ) -> impl Iterator<Item = (usize, &Hit)> {
        self.consulted
            .iter()
            .enumerate()
            .filter(move |(_, c)| pred(c))
            .flat_map(move |(p, c)| {
                c.hits_in(self.hits)
                    .iter()
                    .filter(move |h| h.effect == effect)
                    .map(move |h| (p, h))
            })
    }

    fn hits(
        &self,
        effect: Effect,
        pred: impl Fn(&Consulted) -> bool,
    ) -> Vec<(usize, usize, Grant)> {
        self.matching(effect, pred)
            .map(|(p, h)| (p, h.statement, h.grant))
            .collect()
    }

    /// The `(policy, statement)` of every hit with `effect` in the
    /// policies `pred` keeps, in order (the hits without their grants).
    fn refs(&self, effect: Effect, pred: impl Fn(&Consulted) -> bool) -> Refs {
        self.matching(effect, pred)
            .map(|(p, h)| (p, h.statement))
            .collect()
    }

    fn allows_of(&self, t: PolicyType) -> Vec<(usize, usize, Grant)> {
        self.hits(Effect::Allow, |c| c.policy_type == t)
    }

    fn indexes_of(&self, t: PolicyType) -> Vec<usize> {
        self.consulted
            .iter()
            .enumerate()
            .filter(|(_, c)| c.policy_type == t)
            .map(|(i, _)| i)
            .collect()
    }
}

fn refs(hits: &[(usize, usize, Grant)]) -> Refs {
    hits.iter().map(|(p, s, _)| (*p, *s)).collect()
}

/// Builds the evaluation path; steps after the final one are `NotReached`.
struct Path {
    steps: Vec<Step>,
    done: bool,
    /// Whether steps are recorded (only for the explained evaluation).
    record: bool,
}

impl Path {
    fn push(
        &mut self,
        kind: StepKind,
        present: bool,
        outcome: StepOutcome,
        policies: impl FnOnce() -> Vec<usize>,
        note: impl FnOnce() -> Cow<'static, str>,
    ) {
        let outcome = if self.done {
            if present {
                StepOutcome::NotReached
            } else {
                StepOutcome::NotPresent
            }
        } else if !present {
            StepOutcome::NotPresent
        } else {
            outcome
        };
        if matches!(
            outcome,
            StepOutcome::Allow | StepOutcome::ExplicitDeny | StepOutcome::ImplicitDeny
        ) {
            self.done = true;
        }
        if self.record {
            self.steps.push(Step {
                kind,
                outcome,
                policies: policies(),
                note: note(),
            });
        }
    }
}

/// Decides a request from the statements that apply.
pub(crate) fn decide(
    set: &PolicySet<'_>,
    consulted: &[Consulted],
    hits: &[Hit],
    facts: &RequestFacts<'_>,
    record: bool,
) -> Outcome {
    let view = View { consulted, hits };
    let mut path = Path {
        // The flow chart has at most eight steps; recorded paths are
        // allocated once.
        steps: if record {
            Vec::with_capacity(8)
        } else {
            Vec::new()
        },
        done: false,
        record,
    };
    let all_allows: Refs = view.refs(Effect::Allow, |c| !c.implicit);

    // 1. Explicit deny anywhere wins.
    let denies: Refs = view.refs(Effect::Deny, |_| true);
    if !denies.is_empty() {
        path.push(
            StepKind::ExplicitDenyCheck,
            true,
            StepOutcome::ExplicitDeny,
            || unique(denies.iter().map(|(p, _)| *p)),
            || "a Deny statement applies".into(),
        );
        finish_path(&mut path, set, &view, facts);
        return Outcome {
            decision: Decision::ExplicitDeny,
            deciding: denies,
            overridden: all_allows,
            blocked: None,
            steps: path.steps,
        };
    }
    path.push(
        StepKind::ExplicitDenyCheck,
        true,
        StepOutcome::Continue,
        Vec::new,
        || "no Deny statement applies".into(),
    );

    let implicit = |path: &mut Path, blocked: Blocked| -> Outcome {
        finish_path(path, set, &view, facts);
        Outcome {
            decision: Decision::ImplicitDeny,
            deciding: Vec::new(),
            overridden: Vec::new(),
            blocked: Some(blocked),
            steps: std::mem::take(&mut path.steps),
        }
    };

    // 2. SCPs: every level from the root to the account must allow.
    if let Some(blocked) = org_step(&mut path, set, &view, facts.principal) {
        return implicit(&mut path, blocked);
    }
    // 3. RCPs: the implicit RCPFullAWSAccess allows at every level, so
    // only an explicit deny (handled above) blocks.
    let rcp_present = !set.rcp_levels.is_empty();
    path.push(
        StepKind::ResourceControlPolicies,
        rcp_present,
        StepOutcome::Continue,
        || view.indexes_of(PolicyType::ResourceControlPolicy),
        || {
            if rcp_present {
                "the implicit RCPFullAWSAccess allows at every level".into()
            } else {
                rcp_exemption(facts.principal)
                    .unwrap_or("no resource control policies govern the resource's account")
                    .into()
            }
        },
    );

    // 4. A VPC endpoint's policy must allow a request made through it
    // (AWS PrivateLink, "Control access to VPC endpoints using endpoint
    // policies"); its Deny statements were checked above.
    if let Some(endpoint) = &set.endpoint {
        let allows = view.allows_of(PolicyType::VpcEndpoint);
        let ok = endpoint.is_none() || !allows.is_empty();
        path.push(
            StepKind::VpcEndpointPolicy,
            true,
            if ok {
                StepOutcome::Continue
            } else {
                StepOutcome::ImplicitDeny
            },
            || view.indexes_of(PolicyType::VpcEndpoint),
            || match (endpoint, ok) {
                (None, _) => {
                    "the VPC endpoint has AWS's default policy, which allows everything".into()
                }
                (Some(_), true) => "the VPC endpoint's policy allows the request".into(),
                (Some(_), false) => {
                    "no statement of the VPC endpoint's policy allows the request".into()
                }
            },
        );
        if !ok {
            return implicit(
                &mut path,
                Blocked {
                    policy_type: PolicyType::VpcEndpoint,
                    level: None,
                    reason: "the VPC endpoint's policy does not allow the request".into(),
                },
            );
        }
    }

    let resource_allows = view.allows_of(PolicyType::ResourceBased);
    let identity_allows = view.allows_of(PolicyType::IdentityBased);
    let boundary_allows = view.allows_of(PolicyType::PermissionsBoundary);
    let session_allows = view.allows_of(PolicyType::SessionPolicy);
    let principal = facts.principal;
    let has_identity = !matches!(principal, Principal::Service { .. } | Principal::Anonymous);
    // The root user has full access in its own account, so its account's
    // evaluation of a cross-account request allows too; the resource
    // owner's policy must still allow (reference_policies_evaluation-logic.md,
    // #policy-eval-denyallow; …-cross-account.md, #policy-eval-cross-account).
    let root_full_access = matches!(principal, Principal::Root { .. });

    let boundary_ok = set.permissions_boundary.is_none() || !boundary_allows.is_empty();
    let session_ok = if principal.is_session() {
        match &set.session_policy {
            Some(_) => !session_allows.is_empty(),
            None => matches!(principal, Principal::RoleSession { .. }),
        }
    } else {
        true
    };
    let identity_ok = root_full_access || !identity_allows.is_empty();

    let grant_of = |g: Grant| -> Vec<(usize, usize, Grant)> {
        resource_allows
            .iter()
            .copied()
            .filter(|(_, _, x)| *x == g)
            .collect()
    };
    let direct = grant_of(Grant::Direct);
    let role = grant_of(Grant::Role);

    let resource_step_policies = unique(resource_allows.iter().map(|(p, _, _)| *p));
    let identity_step_policies = unique(identity_allows.iter().map(|(p, _, _)| *p));

    if facts.cross_account || !has_identity {
        // Cross-account (or a service/anonymous caller): the resource
        // owner's account must allow through the resource-based policy,
        // and the caller's account through its identity-based policies.
        let resource_ok = !resource_allows.is_empty();
        let owner = facts.resource_account.unwrap_or_default();
        path.push(
            StepKind::ResourceBasedPolicy,
            true,
            if resource_ok { StepOutcome::Continue } else { StepOutcome::ImplicitDeny },
            || resource_step_policies,
            || if resource_ok {
                "the resource-based policy allows the caller".into()
            } else if set.resource_policies.is_empty() {
                format!("the resource in account `{owner}` has no resource-based policy, and a cross-account request needs one").into()
            } else {
                format!("no resource-based policy statement of account `{owner}` allows the caller").into()
            });
        if !resource_ok {
            return implicit(
                &mut path,
                Blocked {
                    policy_type: PolicyType::ResourceBased,
                    level: None,
                    reason: if has_identity {
                        format!(
                            "cross-account access needs an Allow in the resource-based policy of account `{owner}`"
                        )
                        .into()
                    } else {
                        "only a resource-based policy can allow this caller, and none does".into()
                    },
                },
            );
        }
        if has_identity {
            if let Some(blocked) = identity_chain(
                &mut path,
                set,
                &view,
                identity_ok,
                boundary_ok,
                session_ok,
                principal,
                identity_step_policies,
            ) {
                return implicit(&mut path, blocked);
            }
        } else {
            path.push(
                StepKind::IdentityBasedPolicies,
                false,
                StepOutcome::Continue,
                Vec::new,
                || Cow::Borrowed(""),
            );
            path.push(
                StepKind::PermissionsBoundary,
                false,
                StepOutcome::Continue,
                Vec::new,
                || Cow::Borrowed(""),
            );
            path.push(
                StepKind::SessionPolicy,
                false,
                StepOutcome::Continue,
                Vec::new,
                || Cow::Borrowed(""),
            );
        }
        let mut deciding = refs(&resource_allows);
        if has_identity {
            deciding.extend(refs(&identity_allows));
        }
        return allowed(path, set, &view, facts, deciding);
    }

    // Same account. A resource-based policy that names the caller itself
    // allows on its own; one that names the role behind a session is still
    // limited by the boundary and the session policy; one that names the
    // account delegates to the identity-based policies.
    let role_ok = !role.is_empty() && boundary_ok && session_ok;
    let resource_decides = !direct.is_empty() || role_ok;
    if set.resource_policy_required && resource_allows.is_empty() {
        path.push(
            StepKind::ResourceBasedPolicy,
            true,
            StepOutcome::ImplicitDeny,
            Vec::new,
            || "this resource's policy must allow the caller itself, and it does not".into(),
        );
        return implicit(
            &mut path,
            Blocked {
                policy_type: PolicyType::ResourceBased,
                level: None,
                reason:
                    "the resource-based policy (a trust or key policy) must allow the caller itself"
                        .into(),
            },
        );
    }
    if resource_decides {
        let mut deciding = refs(&direct);
        if role_ok {
            deciding.extend(refs(&role));
        }
        path.push(
            StepKind::ResourceBasedPolicy,
            true,
            StepOutcome::Allow,
            || resource_step_policies,
            || "the resource-based policy allows the caller directly, so implicit denies elsewhere do not matter".into());
        return allowed(path, set, &view, facts, deciding);
    }
    path.push(
        StepKind::ResourceBasedPolicy,
        !set.resource_policies.is_empty(),
        StepOutcome::Continue,
        || resource_step_policies,
        || if resource_allows.is_empty() {
            "no resource-based policy statement allows the caller".into()
        } else {
            "the resource-based policy names the account or the role, so the caller's own policies must allow too".into()
        });
    // A grant to the role stands in for the identity-based policies; only
    // the boundary and the session policy can still limit it, so they are
    // what blocks when it does not decide (reference_policies_evaluation-logic.md,
    // #policy-eval-denyallow: "Resource-based policies that grant
    // permissions to an IAM role ARN are limited by an implicit deny in a
    // permissions boundary or session policy").
    let need_identity = role.is_empty();
    if let Some(blocked) = identity_chain(
        &mut path,
        set,
        &view,
        identity_ok || !need_identity,
        boundary_ok,
        session_ok,
        principal,
        identity_step_policies,
    ) {
        return implicit(&mut path, blocked);
    }
    let mut deciding = refs(&identity_allows);
    if deciding.is_empty() {
        deciding = refs(&resource_allows);
    }
    allowed(path, set, &view, facts, deciding)
}

/// An allowed outcome: the last step the request passed is where it was allowed.
fn allowed(
    mut path: Path,
    set: &PolicySet<'_>,
    view: &View<'_>,
    facts: &RequestFacts<'_>,
    deciding: Refs,
) -> Outcome {
    if !path.done {
        if let Some(last) = path
            .steps
            .iter_mut()
            .rev()
            .find(|s| s.outcome == StepOutcome::Continue)
        {
            last.outcome = StepOutcome::Allow;
        }
        path.done = true;
    }
    finish_path(&mut path, set, view, facts);
    Outcome {
        decision: Decision::Allowed,
        deciding,
        overridden: Vec::new(),
        blocked: None,
        steps: path.steps,
    }
}

/// Identity-based policies, then the boundary, then the session policy.
#[expect(
    clippy::too_many_arguments,
    reason = "the chain's inputs are all distinct facts"
)]
fn identity_chain(
    path: &mut Path,
    set: &PolicySet<'_>,
    view: &View<'_>,
    identity_ok: bool,
    boundary_ok: bool,
    session_ok: bool,
    principal: &Principal,
    identity_policies: Vec<usize>,
) -> Option<Blocked> {
    let root = matches!(principal, Principal::Root { .. });
    let through_role = identity_ok && !root && identity_policies.is_empty();
    path.push(
        StepKind::IdentityBasedPolicies,
        true,
        if identity_ok {
            StepOutcome::Continue
        } else {
            StepOutcome::ImplicitDeny
        },
        || identity_policies,
        || if root && identity_ok {
            "the account root user has full access in its own account".into()
        } else if through_role {
            "the resource-based policy's grant to the role stands in for the identity-based policies".into()
        } else if identity_ok {
            "an identity-based policy allows".into()
        } else {
            "no identity-based policy allows".into()
        });
    if !identity_ok {
        return Some(Blocked {
            policy_type: PolicyType::IdentityBased,
            level: None,
            reason: if set.identity.is_empty() {
                format!("{} has no identity-based policies", principal.describe()).into()
            } else {
                "no statement in the identity-based policies allows the request".into()
            },
        });
    }
    let boundary_present = set.permissions_boundary.is_some();
    path.push(
        StepKind::PermissionsBoundary,
        boundary_present,
        if boundary_ok {
            StepOutcome::Continue
        } else {
            StepOutcome::ImplicitDeny
        },
        || view.indexes_of(PolicyType::PermissionsBoundary),
        || {
            if !boundary_present {
                "no permissions boundary is set".into()
            } else if boundary_ok {
                "the permissions boundary allows".into()
            } else {
                "the permissions boundary does not allow the request".into()
            }
        },
    );
    if !boundary_ok {
        return Some(Blocked {
            policy_type: PolicyType::PermissionsBoundary,
            level: None,
            reason: "the permissions boundary does not allow the request".into(),
        });
    }
    let session_present = principal.is_session();
    path.push(
        StepKind::SessionPolicy,
        session_present,
        if session_ok {
            StepOutcome::Continue
        } else {
            StepOutcome::ImplicitDeny
        },
        || view.indexes_of(PolicyType::SessionPolicy),
        || {
            if !session_present {
                "the caller is not a session, so session policies do not apply".into()
            } else if set.session_policy.is_none() && session_ok {
                "a role session without a session policy keeps the role's permissions".into()
            } else if set.session_policy.is_none() {
                "a federated user session without a session policy has no permissions".into()
            } else if session_ok {
                "the session policy allows".into()
            } else {
                "the session policy does not allow the request".into()
            }
        },
    );
    if !session_ok {
        return Some(Blocked {
            policy_type: PolicyType::SessionPolicy,
            level: None,
            reason: "the session policy does not allow the request".into(),
        });
    }
    None
}

/// The SCP step: every level must have an applicable Allow.
fn org_step(
    path: &mut Path,
    set: &PolicySet<'_>,
    view: &View<'_>,
    principal: &Principal,
) -> Option<Blocked> {
    let t = PolicyType::ServiceControlPolicy;
    let levels = &set.scp_levels;
    let indexes = view.indexes_of(t);
    if levels.is_empty() {
        path.push(
            StepKind::ServiceControlPolicies,
            false,
            StepOutcome::Continue,
            Vec::new,
            || {
                scp_exemption(principal)
                    .unwrap_or("no service control policies govern the caller's account")
                    .into()
            },
        );
        return None;
    }
    let allows = view.allows_of(t);
    for (i, level) in levels.iter().enumerate() {
        let level_allows = allows
            .iter()
            .any(|(p, _, _)| view.consulted.get(*p).and_then(|c| c.level) == Some(i));
        if !level_allows {
            path.push(
                StepKind::ServiceControlPolicies,
                true,
                StepOutcome::ImplicitDeny,
                || indexes,
                || {
                    format!(
                        "no service control policy at `{}` allows the request",
                        level.name
                    )
                    .into()
                },
            );
            return Some(Blocked {
                policy_type: t,
                level: Some(level.name.to_string()),
                reason: format!(
                    "no service control policy attached at `{}` allows the request",
                    level.name
                )
                .into(),
            });
        }
    }
    path.push(
        StepKind::ServiceControlPolicies,
        true,
        StepOutcome::Continue,
        || unique(allows.iter().map(|(p, _, _)| *p)),
        || "every level of the organization allows".into(),
    );
    None
}

/// Adds the steps not yet on the path, in flow-chart order.
fn finish_path(path: &mut Path, set: &PolicySet<'_>, view: &View<'_>, facts: &RequestFacts<'_>) {
    if !path.record {
        return;
    }
    let order = [
        (StepKind::ExplicitDenyCheck, true, None),
        (
            StepKind::ServiceControlPolicies,
            !set.scp_levels.is_empty(),
            Some(PolicyType::ServiceControlPolicy),
        ),
        (
            StepKind::ResourceControlPolicies,
            !set.rcp_levels.is_empty(),
            Some(PolicyType::ResourceControlPolicy),
        ),
        (
            StepKind::VpcEndpointPolicy,
            set.endpoint.is_some(),
            Some(PolicyType::VpcEndpoint),
        ),
        (
            StepKind::ResourceBasedPolicy,
            !set.resource_policies.is_empty(),
            Some(PolicyType::ResourceBased),
        ),
        (
            StepKind::IdentityBasedPolicies,
            !matches!(
                facts.principal,
                Principal::Service { .. } | Principal::Anonymous
            ),
            Some(PolicyType::IdentityBased),
        ),
        (
            StepKind::PermissionsBoundary,
            set.permissions_boundary.is_some(),
            Some(PolicyType::PermissionsBoundary),
        ),
        (
            StepKind::SessionPolicy,
            facts.principal.is_session(),
            Some(PolicyType::SessionPolicy),
        ),
    ];
    let mut steps = Vec::with_capacity(order.len());
    for (kind, present, policy_type) in order {
        // The flow chart of the evaluation-logic page has no VPC endpoint
        // step: it is shown only for requests made through an endpoint.
        if kind == StepKind::VpcEndpointPolicy && !present {
            continue;
        }
        // A step already taken moves over as it is; only the others list
        // their policies.
        if let Some(i) = path.steps.iter().position(|s| s.kind == kind) {
            steps.push(path.steps.swap_remove(i));
        } else {
            steps.push(Step {
                kind,
                outcome: if present {
                    StepOutcome::NotReached
                } else {
                    StepOutcome::NotPresent
                },
                policies: policy_type.map_or_else(Vec::new, |t| view.indexes_of(t)),
                note: Cow::Borrowed(""),
            });
        }
    }
    path.steps = steps;
}

fn unique(items: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::eval::{AppliedPolicy, PolicySet, authorize, evaluate};
    use crate::policy::{PolicyKind, parse_policy};
    use crate::principal::Principal;
    use crate::request::Request;
    use crate::response::Decision;

    fn request(action: &str) -> Request {
        Request {
            principal: Principal::Root {
                account: "111111111111".into(),
            },
            action: action.to_owned(),
            resource: "arn:aws:sqs:us-east-1:222222222222:orders".into(),
            resource_account: None,
            context: Default::default(),
        }
    }

    // reference_policies_evaluation-logic-cross-account.md,
    // #policy-eval-cross-account: a cross-account request is allowed when
    // both accounts' evaluations allow; in its own account the root user
    // has full access (reference_policies_evaluation-logic.md,
    // #policy-eval-denyallow), so the resource-based policy decides.
    #[test]
    fn root_user_across_accounts_needs_only_the_resource_policy() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A",
            "Effect": "Allow", "Principal": {"AWS": "111111111111"},
            "Action": "sqs:SendMessage", "Resource": "*"}]}"#;
        let policy = parse_policy(text, PolicyKind::Resource)
            .policy
            .expect("the policy parses");
        let set = PolicySet {
            resource_policies: vec![AppliedPolicy {
                policy: &policy,
                name: "queue".into(),
                attachment: Default::default(),
                id: None,
            }],
            ..PolicySet::default()
        };
        let allowed = request("sqs:SendMessage");
        assert_eq!(evaluate(&set, &allowed).decision, Decision::Allowed);
        assert_eq!(authorize(&set, &allowed), Decision::Allowed);
        let not_granted = request("sqs:DeleteQueue");
        assert_eq!(
            evaluate(&set, &not_granted).decision,
            Decision::ImplicitDeny
        );
    }

    // reference_policies_evaluation-logic.md, #policy-eval-denyallow:
    // "Resource-based policies that grant permissions to an IAM role ARN
    // are limited by an implicit deny in a permissions boundary or session
    // policy": with such a grant, the session policy is what blocks.
    #[test]
    fn a_grant_to_the_role_is_blocked_by_the_session_policy() {
        let bucket = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Role",
            "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Auditor"},
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::docs/*"}]}"#;
        let session = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": "ec2:*", "Resource": "*"}]}"#;
        let bucket = parse_policy(bucket, PolicyKind::Resource)
            .policy
            .expect("the bucket policy parses");
        let session = parse_policy(session, PolicyKind::Identity)
            .policy
            .expect("the session policy parses");
        let applied = |policy| AppliedPolicy {
            policy,
            name: "".into(),
            attachment: Default::default(),
            id: None,
        };
        let set = PolicySet {
            resource_policies: vec![applied(&bucket)],
            session_policy: Some(applied(&session)),
            ..PolicySet::default()
        };
        let request = Request {
            principal: Principal::role_session("111122223333", "Auditor", "s1"),
            action: "s3:GetObject".into(),
            resource: "arn:aws:s3:::docs/a".into(),
            resource_account: None,
            context: Default::default(),
        };
        let response = evaluate(&set, &request);
        assert_eq!(response.decision, Decision::ImplicitDeny);
        assert_eq!(
            response.blocked_by.map(|b| b.policy_type),
            Some(crate::response::PolicyType::SessionPolicy)
        );
        let without_session_policy = PolicySet {
            session_policy: None,
            ..set
        };
        assert_eq!(
            evaluate(&without_session_policy, &request).decision,
            Decision::Allowed
        );
    }
}
