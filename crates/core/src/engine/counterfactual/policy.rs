//! Changes of the workspace's policies:
//!
//! - an explicit deny, or an allow: the deciding statements removed from
//!   their documents (those a user can edit: not AWS managed policies,
//!   not the built-in `FullAWSAccess`, not documents given with the
//!   request alone); a document left without statements is deleted;
//! - an implicit deny: the smallest Allow (the request's action on its
//!   resource) in a new inline policy of the request's user or role,
//!   kept when it allows, or when something else now blocks (a
//!   permissions boundary, an SCP, a session policy), which then says so.
//!
//! The changed workspace is evaluated on the request's resolved policies:
//! the changed documents' parsed policies are swapped in, so no document
//! is parsed again but the new one.

use std::borrow::Cow;

use crate::engine::{DocumentId, Owner, RequestSlot};
use crate::eval::{AppliedPolicy, OrgLevel, PolicySet};
use crate::policy::{Policy, PolicyKind, parse_policy};
use crate::response::{Decision, PolicyType};
use crate::workspace::PrincipalSpec;
use crate::workspace::write::quote;

use super::change::{Change, StatementAt};
use super::{Search, verdict};

/// Tries the policy change that fits the request's decision.
pub(super) fn search(search: &mut Search<'_>) {
    match search.before.decision {
        Decision::ExplicitDeny | Decision::Allowed => remove_deciding(search),
        Decision::ImplicitDeny => add_allow(search),
    }
}

/// The deciding statements removed.
fn remove_deciding(search: &mut Search<'_>) {
    let order = search.resolved.policies.in_order();
    let engine = search.engine;
    let targets: Vec<StatementAt> = search
        .before
        .deciding
        .iter()
        .filter_map(|d| {
            let id = order.get(d.policy)?.0.id?;
            let editable = !id.is_read_only()
                && engine.workspace.document(id).is_some()
                && engine
                    .documents
                    .get(id)
                    .is_some_and(|c| c.own_text.is_none());
            editable.then(|| StatementAt {
                document: id.clone(),
                statement: d.statement,
                label: d.label(),
            })
        })
        .collect();
    drop(order);
    if targets.is_empty() {
        return;
    }
    // Each changed document once, without the removed statements.
    let mut changed: Vec<(&DocumentId, Policy)> = Vec::new();
    for (applied, _, _) in search.resolved.policies.in_order() {
        let Some(id) = applied.id else { continue };
        if changed.iter().any(|(c, _)| *c == id) || !targets.iter().any(|t| &t.document == id) {
            continue;
        }
        let mut policy = applied.policy.clone();
        policy.statements.retain(|s| {
            !targets
                .iter()
                .any(|t| &t.document == id && t.statement == s.index)
        });
        // The statements after a removed one move up, as they do when the
        // document is edited, so their labels are the edited document's.
        for (i, s) in policy.statements.iter_mut().enumerate() {
            s.index = i;
        }
        changed.push((id, policy));
    }
    // A policy needs a statement: one left without any is deleted, where
    // the workspace can do without it.
    let deleted: Vec<DocumentId> = changed
        .iter()
        .filter(|(_, p)| p.statements.is_empty())
        .map(|(id, _)| (*id).clone())
        .collect();
    if !deleted.iter().all(deletable) || !search.spend() {
        return;
    }
    let set = swapped(&search.resolved.policies, &changed);
    let after = verdict(&set, &search.resolved.request);
    if search.flips(&after) {
        search.keep(
            Change::RemoveStatements {
                statements: targets,
                deleted,
            },
            after,
        );
    }
}

/// Whether a document can be deleted from the workspace, so that it then
/// takes no part in evaluation: a customer managed policy (its
/// attachments then name nothing), an inline policy, an SCP or RCP, a
/// saved request's session policy, a VPC endpoint's policy (the endpoint
/// then has AWS's default policy, which allows everything).
fn deletable(id: &DocumentId) -> bool {
    matches!(
        id,
        DocumentId::Managed(_)
            | DocumentId::Inline(..)
            | DocumentId::Organization(_)
            | DocumentId::Session(RequestSlot::Saved(_))
            | DocumentId::Endpoint(_)
    )
}

/// `set` with every policy from a changed document replaced by its
/// changed form, and those left without statements taken out, as if
/// deleted from the workspace.
fn swapped<'a>(set: &PolicySet<'a>, changed: &'a [(&'a DocumentId, Policy)]) -> PolicySet<'a> {
    let changed_form = |applied: &AppliedPolicy<'a>| {
        changed
            .iter()
            .find(|(id, _)| Some(*id) == applied.id)
            .map(|(_, p)| p)
    };
    // `None`: the policy is deleted.
    let swap = |applied: &AppliedPolicy<'a>| -> Option<AppliedPolicy<'a>> {
        match changed_form(applied) {
            Some(p) if p.statements.is_empty() => None,
            Some(p) => Some(AppliedPolicy {
                policy: p,
                ..applied.clone()
            }),
            None => Some(applied.clone()),
        }
    };
    let list = |l: &[AppliedPolicy<'a>]| l.iter().filter_map(swap).collect::<Vec<_>>();
    PolicySet {
        scp_levels: set
            .scp_levels
            .iter()
            .map(|l| OrgLevel {
                name: l.name.clone(),
                policies: list(&l.policies),
            })
            .collect(),
        rcp_levels: set
            .rcp_levels
            .iter()
            .map(|l| OrgLevel {
                name: l.name.clone(),
                policies: list(&l.policies),
            })
            .collect(),
        resource_policies: list(&set.resource_policies),
        resource_policy_required: set.resource_policy_required,
        identity: list(&set.identity),
        permissions_boundary: set.permissions_boundary.as_ref().and_then(swap),
        session_policy: set.session_policy.as_ref().and_then(swap),
        endpoint: set.endpoint.as_ref().map(|e| e.as_ref().and_then(swap)),
    }
}

/// The smallest Allow, in a new inline policy of the request's user or role.
fn add_allow(search: &mut Search<'_>) {
    let spec = search.spec;
    let owner = match &spec.principal {
        PrincipalSpec::User { name, .. } => Owner::User(name.clone()),
        PrincipalSpec::RoleSession { role, .. } => Owner::Role(role.clone()),
        PrincipalSpec::Other(_) => return,
    };
    let request = &search.resolved.request;
    if request.action.contains("${") || request.resource.contains("${") {
        return;
    }
    let Some(existing) = search.engine.workspace.inline_policies(&owner) else {
        return;
    };
    let name = policy_name(&request.action, |n| existing.iter().any(|p| p.name == n));
    let text = allow_text(&request.action, &request.resource);
    let Some(policy) = parse_policy(&text, PolicyKind::Identity).policy else {
        return;
    };
    if !search.spend() {
        return;
    }
    let request = &search.resolved.request;
    let attachment = match &owner {
        Owner::User(u) => format!("inline in user `{u}`"),
        Owner::Role(r) => format!("inline in role `{r}`"),
        Owner::Group(g) => format!("inline in group `{g}`"),
    };
    let document = DocumentId::Inline(owner, name.clone());
    let mut set = search.resolved.policies.clone();
    // After the owner's own inline policies, where resolution puts a new one.
    let at = existing.len().min(set.identity.len());
    set.identity.insert(
        at,
        AppliedPolicy {
            policy: &policy,
            name: name.as_str().into(),
            attachment: Cow::Owned(attachment),
            id: Some(&document),
        },
    );
    let after = verdict(&set, request);
    let blocked_elsewhere = after.decision == Decision::ImplicitDeny
        && after.blocked_by.as_ref().map(|b| (b.policy_type, &b.level))
            != search
                .before
                .blocked_by
                .as_ref()
                .map(|b| (b.policy_type, &b.level))
        && after
            .blocked_by
            .as_ref()
            .is_some_and(|b| b.policy_type != PolicyType::IdentityBased);
    if search.flips(&after) || blocked_elsewhere {
        search.keep(Change::AddPolicy { document, text }, after);
    }
}

/// `Allow` + the action's name without its service's colon (`AllowS3GetObject`),
/// with a number added while `taken` says an inline policy has it.
fn policy_name(action: &str, taken: impl Fn(&str) -> bool) -> String {
    let (service, name) = action.split_once(':').unwrap_or(("", action));
    let mut base = String::from("Allow");
    let mut chars = service.chars();
    if let Some(first) = chars.next() {
        base.push(first.to_ascii_uppercase());
        base.extend(chars);
    }
    base.push_str(name);
    base.retain(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    let mut candidate = base.clone();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

/// A policy document with one statement that allows `action` on `resource`.
fn allow_text(action: &str, resource: &str) -> String {
    let mut text = String::from(
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": ",
    );
    quote(action, &mut text);
    text.push_str(",\n      \"Resource\": ");
    quote(resource, &mut text);
    text.push_str("\n    }\n  ]\n}\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_name_is_the_action_and_never_taken() {
        assert_eq!(policy_name("s3:GetObject", |_| false), "AllowS3GetObject");
        assert_eq!(
            policy_name("ec2:DescribeInstances", |n| n
                == "AllowEc2DescribeInstances"),
            "AllowEc2DescribeInstances2"
        );
    }

    #[test]
    fn the_allow_parses_and_quotes_its_values() {
        let text = allow_text("s3:GetObject", "arn:aws:s3:::b/\"odd\"");
        let parsed = parse_policy(&text, PolicyKind::Identity);
        let policy = parsed.policy.expect("it parses");
        assert_eq!(
            policy.statements[0]
                .resource
                .as_ref()
                .map(|r| r.entries[0].value.clone()),
            Some("arn:aws:s3:::b/\"odd\"".to_owned())
        );
    }
}
