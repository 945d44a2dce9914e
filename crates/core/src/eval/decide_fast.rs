//! The decision alone, from a tally of the statements that apply: the
//! same rules as [`decide`](super::decide::decide) (the flow chart of
//! `reference_policies_evaluation-logic.md` and its cross-account page),
//! without the path, the deciding statements or the words, so that
//! [`authorize`](super::authorize) builds nothing per request. The case
//! suite and the property tests check that both give the same decision.

use crate::policy::Effect;
use crate::principal::Principal;
use crate::response::{Decision, PolicyType};

use super::PolicySet;
use super::principal_match::Grant;

/// Which kinds of statement apply, by policy type.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// A Deny statement applies in some policy.
    pub deny: bool,
    /// For each SCP level (from the root), whether an Allow applies there;
    /// kept in a word for up to 64 levels, beyond that in `scp_more`.
    scp_levels: u64,
    scp_more: Vec<usize>,
    endpoint: bool,
    resource_direct: bool,
    resource_role: bool,
    resource_any: bool,
    identity: bool,
    boundary: bool,
    session: bool,
}

impl Tally {
    /// Counts one statement that applies.
    pub fn add(
        &mut self,
        policy_type: PolicyType,
        level: Option<usize>,
        effect: Effect,
        grant: Grant,
    ) {
        if effect == Effect::Deny {
            self.deny = true;
            return;
        }
        match policy_type {
            PolicyType::ServiceControlPolicy => match level {
                Some(l) if l < 64 => self.scp_levels |= 1 << l,
                Some(l) => self.scp_more.push(l),
                None => {}
            },
            PolicyType::ResourceControlPolicy => {}
            PolicyType::VpcEndpoint => self.endpoint = true,
            PolicyType::ResourceBased => {
                self.resource_any = true;
                match grant {
                    Grant::Direct => self.resource_direct = true,
                    Grant::Role => self.resource_role = true,
                    Grant::Account => {}
                }
            }
            PolicyType::IdentityBased => self.identity = true,
            PolicyType::PermissionsBoundary => self.boundary = true,
            PolicyType::SessionPolicy => self.session = true,
        }
    }

    fn scp_level_allows(&self, level: usize) -> bool {
        if level < 64 {
            self.scp_levels & (1 << level) != 0
        } else {
            self.scp_more.contains(&level)
        }
    }
}

/// The decision for a request whose applicable statements add up to `tally`.
/// `cross_account`: the caller's account is not the resource's.
pub(crate) fn decide_fast(
    set: &PolicySet<'_>,
    tally: &Tally,
    principal: &Principal,
    cross_account: bool,
) -> Decision {
    // 1. An explicit deny anywhere wins.
    if tally.deny {
        return Decision::ExplicitDeny;
    }
    // 2. SCPs: every level from the root to the account must allow.
    if (0..set.scp_levels.len()).any(|l| !tally.scp_level_allows(l)) {
        return Decision::ImplicitDeny;
    }
    // 3. RCPs: the implicit RCPFullAWSAccess allows at every level.
    // 4. A VPC endpoint's own policy must allow.
    if matches!(set.endpoint, Some(Some(_))) && !tally.endpoint {
        return Decision::ImplicitDeny;
    }
    let has_identity = !matches!(principal, Principal::Service { .. } | Principal::Anonymous);
    let root_full_access = matches!(principal, Principal::Root { .. });
    let boundary_ok = set.permissions_boundary.is_none() || tally.boundary;
    let session_ok = if principal.is_session() {
        match &set.session_policy {
            Some(_) => tally.session,
            None => matches!(principal, Principal::RoleSession { .. }),
        }
    } else {
        true
    };
    let identity_ok = root_full_access || tally.identity;
    let granted = |identity_ok: bool| {
        if identity_ok && boundary_ok && session_ok {
            Decision::Allowed
        } else {
            Decision::ImplicitDeny
        }
    };
    if cross_account || !has_identity {
        // Both accounts must allow: the resource owner's through its
        // resource-based policy, the caller's through its own policies.
        if !tally.resource_any {
            return Decision::ImplicitDeny;
        }
        return if has_identity {
            granted(identity_ok)
        } else {
            Decision::Allowed
        };
    }
    // Same account: a resource-based policy naming the caller allows on
    // its own; one naming the role behind a session is limited by the
    // boundary and the session policy only.
    if set.resource_policy_required && !tally.resource_any {
        return Decision::ImplicitDeny;
    }
    let role_ok = tally.resource_role && boundary_ok && session_ok;
    if tally.resource_direct || role_ok {
        return Decision::Allowed;
    }
    granted(identity_ok || tally.resource_role)
}
