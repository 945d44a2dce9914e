//! `sts:GetCallerIdentity` needs no permission: the AWS STS API reference
//! (GetCallerIdentity) says no permissions are required to perform this
//! operation, and that even when an administrator adds a policy that
//! explicitly denies it, the caller can still perform it. Every
//! authenticated caller is allowed; an anonymous caller cannot call it at
//! all (it has no identity to return), so it is evaluated as usual.

use crate::principal::Principal;
use crate::request::Request;
use crate::response::{Decision, Response, StatementRole, Step, StepKind, StepOutcome};

/// The one action AWS allows without any permission.
pub const GET_CALLER_IDENTITY: &str = "sts:GetCallerIdentity";

/// The sentence that says why, in the response and on the path.
pub const WHY: &str =
    "AWS allows `sts:GetCallerIdentity` without any permission: no policy can allow or deny it";

/// Whether `request` is decided by the rule rather than by policies.
pub fn needs_no_permission(request: &Request) -> bool {
    // Asked of every request: the service prefix rules out almost all
    // before the whole name is compared.
    request
        .action
        .get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("sts:"))
        && request.action.eq_ignore_ascii_case(GET_CALLER_IDENTITY)
        && !matches!(request.principal, Principal::Anonymous)
}

/// Turns the policies' answer into the rule's: allowed, with the policies'
/// statements kept in the trace as applying but deciding nothing, and a
/// path whose first step is the rule.
pub fn apply(response: &mut Response) {
    response.decision = Decision::Allowed;
    response.summary = format!("Allowed: {WHY}.");
    response.deciding.clear();
    response.overridden.clear();
    response.blocked_by = None;
    for trace in &mut response.policies {
        for statement in &mut trace.statements {
            if matches!(
                statement.role,
                StatementRole::Deciding | StatementRole::Overridden
            ) {
                statement.role = StatementRole::Applies;
            }
        }
    }
    for step in &mut response.steps {
        if step.outcome != StepOutcome::NotPresent {
            step.outcome = StepOutcome::NotReached;
        }
    }
    response.steps.insert(
        0,
        Step {
            kind: StepKind::PermissionNotRequired,
            outcome: StepOutcome::Allow,
            policies: Vec::new(),
            note: WHY.into(),
        },
    );
}
