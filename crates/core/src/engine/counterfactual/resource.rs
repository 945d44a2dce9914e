//! The same request on another resource: ARNs the workspace itself names
//! for the request's action, each tried once, the first few that get
//! another decision kept.
//!
//! The candidates, in this order, without the request's own resource and
//! each once:
//!
//! - the `Resource` and `NotResource` entries of the statements of the
//!   request's policies whose `Action` covers its action: the deciding
//!   statements first, then the Allows a Deny overrode, then the
//!   statements of the policy type that blocks the request, then the
//!   others, in evaluation order; each entry made concrete by
//!   [`concrete`] (its variables resolved for the caller, its wildcards
//!   filled near the request's resource);
//! - the resources of the workspace's resource-based policies (and, for
//!   `sts:AssumeRole*`, the roles with a trust policy) whose policy has a
//!   statement for the action.
//!
//! An action that the catalog says supports only `*` as its resource
//! (`iam:ListUsers`) gets none: it is never requested on a resource, and
//! an Allow that names one never applies to it. (Without the `catalog`
//! feature every action is tried.)
//!
//! The changed request is resolved again (another resource can have its
//! own resource-based policy, account and RCPs) and evaluated.

use std::collections::HashSet;

use crate::eval::context::EvalContext;
use crate::matching::action_matches;
use crate::matching::arn::{RequestedResource, resource_entry_matches};
use crate::policy::{Polarity, Policy, Statement};
use crate::request::KeyLookup;
use crate::response::StatementRef;

use super::change::Change;
use super::concrete::{Defaults, concrete};
use super::{MAX_RESOURCE_TRIES, MAX_RESOURCES, Search, Tried};

/// Tries the resources the workspace names for the request's action.
pub(super) fn search(search: &mut Search<'_>) {
    let candidates = candidates(search);
    if !candidates.is_empty() && only_star(&search.resolved.request.action) {
        return;
    }
    let mut found = 0;
    let mut tried = 0;
    for arn in candidates {
        if found == MAX_RESOURCES {
            return;
        }
        if tried == MAX_RESOURCE_TRIES {
            // Candidates left: say the search stopped.
            search.capped = true;
            return;
        }
        match search.try_request_change(Change::Resource { arn }) {
            None => return,
            Some(Tried::Kept) => {
                tried += 1;
                found += 1;
            }
            Some(Tried::Evaluated) => tried += 1,
            Some(Tried::Skipped) => {}
        }
    }
}

/// The resources to try, in order, each once.
fn candidates(search: &Search<'_>) -> Vec<String> {
    let request = &search.resolved.request;
    let context = EvalContext::new(&request.context, &request.principal);
    let service = request.action.split(':').next().unwrap_or_default();
    let defaults = Defaults {
        service,
        account: request.principal.account(),
    };
    let mut out: Vec<String> = Vec::new();
    // Each once, however many entries give it (a set, so that a policy
    // of thousands of entries is not compared with itself).
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |entry: &str, variables: Option<&dyn KeyLookup>| {
        let Some(arn) = concrete(entry, variables, &request.resource, &defaults) else {
            return;
        };
        // The entry must cover what it gave (a sanity check of the filling).
        let covered = resource_entry_matches(entry, &RequestedResource::new(&arn), variables);
        if covered && arn != request.resource && seen.insert(arn.clone()) {
            out.push(arn);
        }
    };
    // The entries of the request's policies' statements for its action,
    // by rank: deciding, overridden, in the blocking policy type, others.
    let order = search.resolved.policies.in_order();
    let verdict = &search.before;
    let blocking = verdict.blocked_by.as_ref().map(|b| b.policy_type);
    let positions = |refs: &[StatementRef]| -> HashSet<(usize, usize)> {
        refs.iter().map(|d| (d.policy, d.statement)).collect()
    };
    let (deciding, overridden) = (positions(&verdict.deciding), positions(&verdict.overridden));
    let mut ranked: [Vec<(&str, bool)>; 4] = Default::default();
    for (p, (applied, policy_type, _)) in order.iter().enumerate() {
        let variables = applied.policy.variables_enabled();
        for s in &applied.policy.statements {
            let Some(block) = s
                .resource
                .as_ref()
                .filter(|_| for_action(s, &request.action))
            else {
                continue;
            };
            let rank = if deciding.contains(&(p, s.index)) {
                0
            } else if overridden.contains(&(p, s.index)) {
                1
            } else if blocking == Some(*policy_type) {
                2
            } else {
                3
            };
            ranked[rank].extend(block.entries.iter().map(|e| (e.value.as_str(), variables)));
        }
    }
    for (entry, variables) in ranked.iter().flatten() {
        push(entry, variables.then_some(&context as &dyn KeyLookup));
    }
    drop(ranked);
    drop(order);
    // The workspace's resources with a policy for the action.
    let engine = search.engine;
    for (arn, document) in engine.layout.policy_resources(&request.action) {
        let for_it = engine
            .documents
            .at(document)
            .and_then(|d| d.policy.as_ref())
            .is_some_and(|p| has_statement_for(p, &request.action));
        if for_it {
            push(arn, None);
        }
    }
    out
}

/// Whether the catalog's service data (once present) knows `action` and
/// it supports only `*` as its resource (the Service Authorization
/// Reference lists no resource type).
#[cfg(feature = "catalog")]
fn only_star(action: &str) -> bool {
    iamplay_catalog::services()
        .and_then(|catalog| catalog.action(action))
        .is_some_and(|a| a.supports_only_wildcard_resource())
}

/// Without the catalog, no action is known to support only `*`.
#[cfg(not(feature = "catalog"))]
fn only_star(_action: &str) -> bool {
    false
}

/// Whether `statement`'s `Action` (or `NotAction`) covers `action`.
fn for_action(statement: &Statement, action: &str) -> bool {
    let hit = statement
        .action
        .entries
        .iter()
        .any(|e| action_matches(&e.value, action));
    hit == (statement.action.polarity == Polarity::Positive)
}

/// Whether a statement of `policy` covers `action`.
fn has_statement_for(policy: &Policy, action: &str) -> bool {
    policy.statements.iter().any(|s| for_action(s, action))
}
