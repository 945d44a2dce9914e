//! The `Principal` and `NotPrincipal` elements of resource-based policies.
//! Reference: `reference_policies_elements_principal.md`,
//! `reference_policies_elements_notprincipal.md`.

use crate::policy::{PrincipalEntry, PrincipalType, PrincipalValue};
use crate::principal::{Principal, root_arn};

/// How a resource-based policy's `Principal` names the caller; this decides
/// whether implicit denies in other policy types still limit the grant
/// (`reference_policies_evaluation-logic.md`, resource-based policies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grant {
    /// The account (`123456789012` or `arn:aws:iam::123456789012:root`):
    /// authority is delegated to the account, whose identity-based
    /// policies must allow too.
    Account,
    /// The role behind a role session: limited by the role's permissions
    /// boundary and the session policy, not by its identity-based policies.
    Role,
    /// The caller itself (user ARN, session ARN, service) or everyone
    /// (`*`): not limited by implicit denies in other policy types.
    Direct,
}

/// The caller's identifiers, computed once per request.
#[derive(Debug, Clone)]
pub struct CallerIds<'a> {
    /// The caller.
    pub principal: &'a Principal,
    /// Its ARN (user, session, federated user, root).
    pub arn: Option<String>,
    /// The role ARN behind a role session.
    pub role_arn: Option<String>,
    /// The account root ARN.
    pub account_root: Option<String>,
    /// `aws:userid`; for a role session its role-id part.
    pub unique_id: String,
}

impl<'a> CallerIds<'a> {
    /// Computes the identifiers of `principal`.
    pub fn new(principal: &'a Principal) -> Self {
        let user_id = principal.user_id();
        let unique_id = match principal {
            Principal::RoleSession { .. } => user_id
                .split_once(':')
                .map(|(id, _)| id.to_owned())
                .unwrap_or(user_id),
            _ => user_id,
        };
        Self {
            principal,
            arn: principal.arn(),
            role_arn: principal.role_arn(),
            account_root: principal.account().map(root_arn),
            unique_id,
        }
    }
}

/// Whether one principal entry names the caller, and how.
pub fn entry_grant(entry: &PrincipalEntry, caller: &CallerIds<'_>) -> Option<Grant> {
    let id = entry.id.value.as_str();
    match entry.principal_type {
        PrincipalType::Aws => aws_entry_grant(id, caller),
        PrincipalType::Service => match caller.principal {
            Principal::Service { name } if name == id => Some(Grant::Direct),
            _ => None,
        },
        PrincipalType::Federated | PrincipalType::CanonicalUser => {
            (caller.arn.as_deref() == Some(id)).then_some(Grant::Direct)
        }
    }
}

fn aws_entry_grant(id: &str, caller: &CallerIds<'_>) -> Option<Grant> {
    if id == "*" {
        return Some(Grant::Direct);
    }
    if let Some(account) = caller.principal.account() {
        let is_account_id = id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit());
        if (is_account_id && id == account) || caller.account_root.as_deref() == Some(id) {
            return Some(Grant::Account);
        }
    }
    if caller.arn.as_deref() == Some(id) {
        return Some(Grant::Direct);
    }
    if caller.role_arn.as_deref() == Some(id) {
        return Some(Grant::Role);
    }
    if !matches!(
        caller.principal,
        Principal::Anonymous | Principal::Service { .. }
    ) && id == caller.unique_id
    {
        return Some(if caller.role_arn.is_some() {
            Grant::Role
        } else {
            Grant::Direct
        });
    }
    None
}

/// The strongest grant any entry of a `Principal` value gives the caller,
/// with the index of that entry (`None` for `"*"`).
pub fn principal_grant(
    value: &PrincipalValue,
    caller: &CallerIds<'_>,
) -> Option<(Grant, Option<usize>)> {
    match value {
        PrincipalValue::Anyone { .. } => Some((Grant::Direct, None)),
        PrincipalValue::Map { entries } => entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| entry_grant(e, caller).map(|g| (g, Some(i))))
            .max_by_key(|(g, _)| *g),
    }
}

/// Whether a `NotPrincipal` value excludes the caller.
///
/// AWS may check the account first, then the role, then the session
/// (`reference_policies_elements_notprincipal.md`), so a caller is
/// excluded only when its account is listed and so is the caller itself
/// (its user or session ARN); a role session is excluded only when its
/// role is listed as well. Listing the role alone does not exclude its
/// sessions: the User Guide's example denies every principal "*except*
/// for the assumed-role user named cross-account-audit-app". A service or
/// anonymous caller is excluded when it is listed itself. `"*"` excludes
/// everyone. See `docs/semantics.md`.
pub fn not_principal_excludes(value: &PrincipalValue, caller: &CallerIds<'_>) -> Option<usize> {
    let entries = match value {
        PrincipalValue::Anyone { .. } => return Some(0),
        PrincipalValue::Map { entries } => entries,
    };
    let grants: Vec<(usize, Grant)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| entry_grant(e, caller).map(|g| (i, g)))
        .collect();
    if grants.iter().any(|(_, g)| *g == Grant::Direct) && entries.iter().any(|e| e.id.value == "*")
    {
        return grants.first().map(|(i, _)| *i);
    }
    let own = grants.iter().find(|(_, g)| *g != Grant::Account);
    match caller.principal {
        Principal::Service { .. } | Principal::Anonymous => own.map(|(i, _)| *i),
        Principal::Root { .. } => grants.first().map(|(i, _)| *i),
        _ => {
            let listed = |grant: Grant| grants.iter().find(|(_, g)| *g == grant);
            let role_listed = caller.role_arn.is_none() || listed(Grant::Role).is_some();
            if listed(Grant::Account).is_some() && role_listed {
                listed(Grant::Direct).map(|(i, _)| *i)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{PolicyKind, parse_policy};

    fn excluded(not_principal: &str, caller: &Principal) -> bool {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny",
            "NotPrincipal": {{"AWS": {not_principal}}}, "Action": "s3:*", "Resource": "*"}}]}}"#
        );
        let policy = parse_policy(&text, PolicyKind::Resource)
            .policy
            .expect("the policy parses");
        let block = policy.statements[0]
            .principal
            .as_ref()
            .expect("a NotPrincipal");
        not_principal_excludes(&block.value, &CallerIds::new(caller)).is_some()
    }

    // reference_policies_elements_notprincipal.md, #specifying-notprincipal:
    // listing the session, its role and the account exempts "the
    // assumed-role user named cross-account-audit-app" and no one else.
    #[test]
    fn not_principal_exempts_only_the_listed_session() {
        let listed = r#"["arn:aws:sts::444455556666:assumed-role/audit/app",
            "arn:aws:iam::444455556666:role/audit", "arn:aws:iam::444455556666:root"]"#;
        let app = Principal::role_session("444455556666", "audit", "app");
        let other = Principal::role_session("444455556666", "audit", "other");
        assert!(excluded(listed, &app));
        assert!(!excluded(listed, &other));
        let without_role = r#"["arn:aws:sts::444455556666:assumed-role/audit/app",
            "arn:aws:iam::444455556666:root"]"#;
        assert!(!excluded(without_role, &app));
        let user = Principal::user("444455556666", "Bob");
        let bob = r#"["arn:aws:iam::444455556666:user/Bob", "arn:aws:iam::444455556666:root"]"#;
        assert!(excluded(bob, &user));
        assert!(!excluded(r#""arn:aws:iam::444455556666:user/Bob""#, &user));
    }
}
