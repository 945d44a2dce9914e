//! Evaluation: which policies apply, whether each statement applies, and
//! AWS's decision across policy types, within one account and across
//! accounts. Reference: `reference_policies_evaluation-logic.md`,
//! `reference_policies_evaluation-logic-cross-account.md`,
//! `access_policies_boundaries.md`.

pub mod caller_identity;
pub mod context;
mod decide;
mod decide_fast;
pub mod governed;
pub mod principal_match;
pub mod statement;
mod summary;
pub mod verdict;

use std::borrow::Cow;

use crate::engine::DocumentId;
use crate::matching::arn::RequestedResource;
use crate::policy::Policy;
use crate::principal::Principal;
use crate::request::Request;
use crate::response::{Decision, PolicyTrace, PolicyType, Response, StatementRole};

use context::EvalContext;
use decide::{Consulted, Hit, decide};
use decide_fast::{Tally, decide_fast};
use statement::{Subject, statement_applies, trace_statement};
pub use verdict::{Verdict, verdict};

/// A policy that takes part in an evaluation, with where it comes from.
/// It borrows what it can from the workspace it was resolved in, so a
/// request costs no copies of names.
#[derive(Debug, Clone)]
pub struct AppliedPolicy<'a> {
    /// The parsed policy.
    pub policy: &'a Policy,
    /// Its name, e.g. `Force_MFA` or `AmazonEC2FullAccess`, shared with
    /// the compiled document and every trace and reference that names it.
    pub name: std::sync::Arc<str>,
    /// Where it is attached, e.g. "attached to group `Force_MFA`".
    pub attachment: Cow<'a, str>,
    /// The workspace document it comes from, passed through to the trace.
    pub id: Option<&'a DocumentId>,
}

/// One level of an AWS Organizations hierarchy (root, an OU, the account)
/// with the SCPs or RCPs attached there.
#[derive(Debug, Clone)]
pub struct OrgLevel<'a> {
    /// e.g. `Root`, `OU Production`, `Account 111122223333`.
    pub name: Cow<'a, str>,
    /// The policies attached at this level.
    pub policies: Vec<AppliedPolicy<'a>>,
}

/// Every policy that applies to one request, by type.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'a> {
    /// SCP levels from the root to the caller's account; empty when the
    /// caller's account is not governed by SCPs.
    pub scp_levels: Vec<OrgLevel<'a>>,
    /// RCP levels from the root to the resource owner's account; empty when
    /// the resource's account is not governed by RCPs. An implicit
    /// `RCPFullAWSAccess` allow-all is added at every level.
    pub rcp_levels: Vec<OrgLevel<'a>>,
    /// The resource-based policies of the requested resource.
    pub resource_policies: Vec<AppliedPolicy<'a>>,
    /// Whether the resource-based policy must allow the caller itself, as
    /// role trust policies and KMS key policies must.
    pub resource_policy_required: bool,
    /// Identity-based policies, in the order they are listed: user inline,
    /// user managed, then each group's inline and managed; or the role's.
    pub identity: Vec<AppliedPolicy<'a>>,
    /// The permissions boundary, if set.
    pub permissions_boundary: Option<AppliedPolicy<'a>>,
    /// The session policy, for a session principal that passed one.
    pub session_policy: Option<AppliedPolicy<'a>>,
    /// For a request made through a VPC endpoint, the endpoint's policy
    /// (`Some(None)`: AWS's default policy, which allows everything).
    pub endpoint: Option<Option<AppliedPolicy<'a>>>,
}

impl<'a> PolicySet<'a> {
    /// Every policy with its type and level, in evaluation order.
    pub(crate) fn in_order(&self) -> Vec<(&AppliedPolicy<'a>, PolicyType, Option<usize>)> {
        // Room for the usual handful of policies, so that it is allocated once.
        let mut out = Vec::with_capacity(8);
        self.each_in_order(|p, t, level| out.push((p, t, level)));
        out
    }

    /// Calls `visit` with every policy, its type and level, in evaluation
    /// order: SCPs and RCPs from the root, the VPC endpoint's, the
    /// resource's, the identity's, the boundary, the session policy.
    fn each_in_order<'s>(
        &'s self,
        mut visit: impl FnMut(&'s AppliedPolicy<'a>, PolicyType, Option<usize>),
    ) {
        for (i, level) in self.scp_levels.iter().enumerate() {
            for p in &level.policies {
                visit(p, PolicyType::ServiceControlPolicy, Some(i));
            }
        }
        for (i, level) in self.rcp_levels.iter().enumerate() {
            for p in &level.policies {
                visit(p, PolicyType::ResourceControlPolicy, Some(i));
            }
        }
        if let Some(Some(p)) = &self.endpoint {
            visit(p, PolicyType::VpcEndpoint, None);
        }
        for p in &self.resource_policies {
            visit(p, PolicyType::ResourceBased, None);
        }
        for p in &self.identity {
            visit(p, PolicyType::IdentityBased, None);
        }
        if let Some(p) = &self.permissions_boundary {
            visit(p, PolicyType::PermissionsBoundary, None);
        }
        if let Some(p) = &self.session_policy {
            visit(p, PolicyType::SessionPolicy, None);
        }
    }
}

/// Facts about the request that the decision needs.
#[derive(Debug, Clone)]
pub(crate) struct RequestFacts<'a> {
    pub principal: &'a Principal,
    pub cross_account: bool,
    pub resource_account: Option<&'a str>,
}

fn facts<'a>(request: &'a Request, requested: &RequestedResource<'a>) -> RequestFacts<'a> {
    let resource_account = request.resource_account_in(requested);
    RequestFacts {
        principal: &request.principal,
        cross_account: cross_account(request, resource_account),
        resource_account,
    }
}

/// Whether the caller's account is not `resource_account`, the account
/// that owns the resource.
fn cross_account(request: &Request, resource_account: Option<&str>) -> bool {
    match (request.principal.account(), resource_account) {
        (Some(p), Some(r)) => p != r,
        _ => false,
    }
}

/// The decision alone, as fast as possible: no explanation is built, and
/// nothing is allocated beyond what matching a statement needs.
pub fn authorize(policies: &PolicySet<'_>, request: &Request) -> Decision {
    if caller_identity::needs_no_permission(request) {
        return Decision::Allowed;
    }
    let context = EvalContext::new(&request.context, &request.principal);
    let subject = Subject::new(request, &context);
    let mut tally = Tally::default();
    policies.each_in_order(|applied, policy_type, level| {
        let variables = applied.policy.variables_enabled();
        for s in &applied.policy.statements {
            // Once a Deny applies, the decision is made.
            if tally.deny {
                return;
            }
            if let Some(a) = statement_applies(s, &subject, variables) {
                tally.add(policy_type, level, s.effect.value, a.grant);
            }
        }
    });
    let resource_account = request.resource_account_in(&subject.requested);
    decide_fast(
        policies,
        &tally,
        &request.principal,
        cross_account(request, resource_account),
    )
}

/// The full answer: decision, deciding statements, overridden allows,
/// every statement's trace, the evaluation path, and missing context keys.
pub fn evaluate(policies: &PolicySet<'_>, request: &Request) -> Response {
    let context = EvalContext::new(&request.context, &request.principal);
    let subject = Subject::new(request, &context);
    let in_order = policies.in_order();
    let mut traces = Vec::with_capacity(in_order.len());
    let mut consulted = Vec::with_capacity(in_order.len());
    let mut hits = Vec::new();
    for (applied, policy_type, level) in in_order {
        let variables = applied.policy.variables_enabled();
        let first = hits.len();
        let mut statements = Vec::with_capacity(applied.policy.statements.len());
        for s in &applied.policy.statements {
            let (trace, applies) = trace_statement(s, &subject, variables);
            if let Some(a) = applies {
                hits.push(Hit {
                    statement: s.index,
                    effect: s.effect.value,
                    grant: a.grant,
                });
            }
            statements.push(trace);
        }
        consulted.push(Consulted {
            policy_type,
            level,
            implicit: false,
            hits: first..hits.len(),
        });
        traces.push(PolicyTrace {
            name: std::sync::Arc::clone(&applied.name),
            policy_type,
            attachment: applied.attachment.clone().into_owned(),
            level: level.and_then(|i| level_name(policies, policy_type, i)),
            id: applied.id.cloned(),
            implicit: false,
            statements,
        });
    }
    let facts = facts(request, &subject.requested);
    let outcome = decide(policies, &consulted, &hits, &facts, true);

    for (policy_index, c) in consulted.iter().enumerate() {
        for hit in c.hits_in(&hits) {
            if let Some(st) = traces[policy_index]
                .statements
                .iter_mut()
                .find(|s| s.index == hit.statement)
            {
                st.role = StatementRole::Applies;
            }
        }
    }
    let mark = |traces: &mut Vec<PolicyTrace>, refs: &[(usize, usize)], role: StatementRole| {
        for (p, s) in refs {
            if let Some(st) = traces
                .get_mut(*p)
                .and_then(|t| t.statements.iter_mut().find(|st| st.index == *s))
            {
                st.role = role;
            }
        }
    };
    mark(&mut traces, &outcome.deciding, StatementRole::Deciding);
    mark(&mut traces, &outcome.overridden, StatementRole::Overridden);

    let to_ref = |(p, s): &(usize, usize)| -> Option<crate::response::StatementRef> {
        let trace = traces.get(*p)?;
        let st = trace.statements.iter().find(|st| st.index == *s)?;
        Some(crate::response::StatementRef {
            policy: *p,
            policy_name: trace.name.clone(),
            policy_type: trace.policy_type,
            statement: *s,
            sid: st.sid.clone(),
            effect: st.effect,
            loc: st.loc,
        })
    };
    let deciding: Vec<_> = outcome.deciding.iter().filter_map(to_ref).collect();
    let overridden: Vec<_> = outcome.overridden.iter().filter_map(to_ref).collect();
    let missing_context_keys = missing_keys(&traces);
    let summary = summary::sentence(
        outcome.decision,
        &deciding,
        &overridden,
        outcome.blocked.as_ref(),
        request,
    );
    let context_trace = context.traces();
    let mut response = Response {
        decision: outcome.decision,
        summary,
        deciding,
        overridden,
        blocked_by: outcome.blocked,
        policies: traces,
        steps: outcome.steps,
        missing_context_keys,
        context: context_trace,
        request_findings: Vec::new(),
    };
    if caller_identity::needs_no_permission(request) {
        caller_identity::apply(&mut response);
    }
    response
}

fn level_name(policies: &PolicySet<'_>, policy_type: PolicyType, i: usize) -> Option<String> {
    let levels = match policy_type {
        PolicyType::ServiceControlPolicy => &policies.scp_levels,
        PolicyType::ResourceControlPolicy => &policies.rcp_levels,
        _ => return None,
    };
    levels.get(i).map(|l| l.name.clone().into_owned())
}

/// Keys that conditions of relevant statements (whose Action, Resource and
/// Principal match) asked for and the request lacked, plus variables in
/// Resource entries that had no value; each once, in order of appearance.
fn missing_keys(traces: &[PolicyTrace]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut push = |k: &str| {
        if !keys.iter().any(|have| have.eq_ignore_ascii_case(k)) {
            keys.push(k.to_owned());
        }
    };
    for trace in traces {
        for st in &trace.statements {
            let elements_match =
                st.action.satisfied && st.principal.as_ref().is_none_or(|p| p.satisfied);
            if !elements_match {
                continue;
            }
            if let Some(r) = &st.resource {
                for u in &r.unresolved {
                    for name in variable_names(&u.text) {
                        push(&name);
                    }
                }
                if !r.satisfied {
                    continue;
                }
            }
            for c in &st.conditions {
                if c.request_values.is_none() {
                    push(&c.key);
                }
            }
        }
    }
    keys
}

/// The key names of the `${...}` variables in `text` (without defaults).
fn variable_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        let name = inner.split(',').next().unwrap_or("").trim();
        if !name.is_empty() && !matches!(name, "*" | "?" | "$") {
            names.push(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    names
}
