//! AWS's quotas on policy sizes and attachments, as findings: a workspace
//! that exceeds one evaluates as written, but AWS would refuse to create
//! it. Sources: the IAM User Guide's "IAM and AWS STS quotas" page
//! (`reference_policies_grammar.md` points to it: "Policies have a maximum
//! size between 2048 characters and 10,240 characters, depending on what
//! entity the policy is attached to") and the AWS Organizations quotas for
//! SCPs and RCPs. IAM does not count white space in policy sizes; the
//! Organizations limit is checked the same way (see `docs/semantics.md`).

use crate::code::Code;
use crate::diagnostic::Severity;
use crate::workspace::{InlinePolicy, Workspace};

use super::document_id::{DocumentId, Owner};
use super::problem::Problem;

/// Customer managed policy size.
pub const MANAGED_POLICY_SIZE: usize = 6_144;
/// Aggregate size of a user's inline policies.
pub const USER_INLINE_SIZE: usize = 2_048;
/// Aggregate size of a group's inline policies.
pub const GROUP_INLINE_SIZE: usize = 5_120;
/// Aggregate size of a role's inline policies.
pub const ROLE_INLINE_SIZE: usize = 10_240;
/// Role trust policy length (the default; it can be raised to 4,096).
pub const TRUST_POLICY_SIZE: usize = 2_048;
/// SCP and RCP document size.
pub const ORGANIZATION_POLICY_SIZE: usize = 5_120;
/// Managed policies attached to one user, group or role (the default; it
/// can be raised to 20).
pub const ATTACHED_POLICIES: usize = 10;
/// Groups one user is a member of.
pub const GROUPS_PER_USER: usize = 10;

/// The size AWS counts: characters other than white space.
pub fn policy_size(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Every quota the workspace exceeds, as warnings.
pub fn check(ws: &Workspace) -> Vec<Problem> {
    let mut out = Vec::new();
    for p in &ws.policies {
        size(
            &mut out,
            DocumentId::Managed(p.name.clone()),
            &p.name,
            &p.document.text,
            MANAGED_POLICY_SIZE,
            "Managed policy size",
        );
    }
    if let Some(org) = &ws.organization {
        for p in &org.policies {
            size(
                &mut out,
                DocumentId::Organization(p.name.clone()),
                &p.name,
                &p.document.text,
                ORGANIZATION_POLICY_SIZE,
                "SCP and RCP document size",
            );
        }
    }
    for g in &ws.groups {
        let owner = Owner::Group(g.name.clone());
        inline(
            &mut out,
            &owner,
            &g.inline_policies,
            GROUP_INLINE_SIZE,
            "Group inline policy size",
        );
        attached(&mut out, &owner, g.managed_policies.len());
    }
    for u in &ws.users {
        let owner = Owner::User(u.name.clone());
        inline(
            &mut out,
            &owner,
            &u.inline_policies,
            USER_INLINE_SIZE,
            "User inline policy size",
        );
        attached(&mut out, &owner, u.managed_policies.len());
        if u.groups.len() > GROUPS_PER_USER {
            out.push(quota(
                format!(
                    "user `{}` is in {} groups; AWS allows {GROUPS_PER_USER} (quota \"Groups an IAM user can be a member of\")",
                    u.name,
                    u.groups.len()
                ),
                None,
            ));
        }
    }
    for r in &ws.roles {
        let owner = Owner::Role(r.name.clone());
        inline(
            &mut out,
            &owner,
            &r.inline_policies,
            ROLE_INLINE_SIZE,
            "Role inline policy size",
        );
        attached(&mut out, &owner, r.managed_policies.len());
        if let Some(trust) = &r.trust_policy {
            size(
                &mut out,
                DocumentId::Trust(r.name.clone()),
                &format!("trust policy of role `{}`", r.name),
                &trust.text,
                TRUST_POLICY_SIZE,
                "Role trust policy length",
            );
        }
    }
    out
}

fn quota(message: String, document: Option<(DocumentId, &str)>) -> Problem {
    let mut p = Problem::general(Severity::Warning, Code::QuotaExceeded, message)
        .with_help("AWS would refuse to create or attach it as written; split it, shorten it, or use a different policy type");
    if let Some((id, name)) = document {
        p.document = Some(id);
        p.policy = Some(name.to_owned());
    }
    p
}

fn size(
    out: &mut Vec<Problem>,
    id: DocumentId,
    name: &str,
    text: &str,
    limit: usize,
    quota_name: &str,
) {
    // Counting stops being needed once the text is short enough in bytes.
    if text.len() <= limit {
        return;
    }
    let n = policy_size(text);
    if n > limit {
        out.push(quota(
            format!("`{name}` has {n} characters without white space; AWS allows {limit} (quota \"{quota_name}\")"),
            Some((id, name)),
        ));
    }
}

fn inline(
    out: &mut Vec<Problem>,
    owner: &Owner,
    policies: &[InlinePolicy],
    limit: usize,
    quota_name: &str,
) {
    let bytes: usize = policies.iter().map(|p| p.document.text.len()).sum();
    if bytes <= limit {
        return;
    }
    let n: usize = policies.iter().map(|p| policy_size(&p.document.text)).sum();
    if n > limit {
        out.push(quota(
            format!(
                "the inline policies of {} have {n} characters together without white space; AWS allows {limit} (quota \"{quota_name}\")",
                owner.describe()
            ),
            None,
        ));
    }
}

fn attached(out: &mut Vec<Problem>, owner: &Owner, n: usize) {
    if n > ATTACHED_POLICIES {
        out.push(quota(
            format!(
                "{} has {n} managed policies attached; AWS allows {ATTACHED_POLICIES} by default (quota \"Managed policies attached to an IAM {}\")",
                owner.describe(),
                owner.noun()
            ),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{Document, ManagedPolicy, User};

    fn managed(name: &str, text: String) -> ManagedPolicy {
        ManagedPolicy {
            name: name.to_owned(),
            document: Document::new(text),
            ..ManagedPolicy::default()
        }
    }

    #[test]
    fn white_space_does_not_count() {
        let mut ws = Workspace::new();
        // 6,144 characters of content padded with far more white space.
        let body = format!("{}{}", "x".repeat(MANAGED_POLICY_SIZE), " \n".repeat(5_000));
        ws.policies.push(managed("AtTheLimit", body));
        ws.policies
            .push(managed("Over", "y".repeat(MANAGED_POLICY_SIZE + 1)));
        let found = check(&ws);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code, Code::QuotaExceeded);
        assert_eq!(
            found[0].document,
            Some(DocumentId::Managed("Over".to_owned()))
        );
        assert!(
            found[0].message.contains("6145") && found[0].message.contains("6144"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("Managed policy size"));
    }

    #[test]
    fn groups_and_attachments_are_counted() {
        let mut ws = Workspace::new();
        ws.users.push(User {
            name: "busy".to_owned(),
            groups: (0..11).map(|i| format!("g{i}")).collect(),
            managed_policies: (0..11).map(|i| format!("p{i}")).collect(),
            ..User::default()
        });
        let found = check(&ws);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(found.len(), 2, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("11 groups")));
        assert!(messages.iter().any(|m| m.contains("11 managed policies")));
    }
}
