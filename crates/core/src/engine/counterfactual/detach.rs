//! AWS managed policies detached: a user cannot edit an AWS managed
//! policy, so when statements of one decide the request (the Allow of
//! `AmazonEC2FullAccess`, a Deny of `AWSDenyAll`), the change offered is
//! to detach it from the request's user, the user's groups or the role,
//! wherever the workspace attaches it to them. Kept when the request then
//! gets another decision; with deciding statements in editable policies
//! too, detaching alone changes nothing and is not offered.

use crate::engine::DocumentId;
use crate::response::PolicyType;
use crate::workspace::{PrincipalSpec, RequestSpec, Workspace};

use super::change::{AttachedTo, Attachment, Change};
use super::{Search, verdict};

/// Tries detaching the AWS managed policies whose statements decide.
pub(super) fn search(search: &mut Search<'_>) {
    let order = search.resolved.policies.in_order();
    let mut targets: Vec<&DocumentId> = Vec::new();
    for d in &search.before.deciding {
        let Some((applied, policy_type, _)) = order.get(d.policy) else {
            continue;
        };
        if let Some(id @ DocumentId::AwsManaged(_)) = applied.id
            && *policy_type == PolicyType::IdentityBased
            && !targets.contains(&id)
        {
            targets.push(id);
        }
    }
    drop(order);
    if targets.is_empty() {
        return;
    }
    let engine = search.engine;
    let attachments = attachments(&engine.workspace, search.spec, |listed| {
        engine
            .managed_policy_id(listed)
            .filter(|id| targets.contains(id))
    });
    if attachments.is_empty() || !search.spend() {
        return;
    }
    let mut set = search.resolved.policies.clone();
    set.identity
        .retain(|p| !p.id.is_some_and(|id| targets.contains(&id)));
    let after = verdict(&set, &search.resolved.request);
    if search.flips(&after) {
        search.keep(Change::Detach { attachments }, after);
    }
}

/// Where the request's caller has the policies `target` picks (from a
/// managed policy as an entity lists it): the user's own attachments,
/// then its groups' (the request's what-if groups when it gives them),
/// or the role's.
fn attachments<'w>(
    ws: &'w Workspace,
    spec: &RequestSpec,
    target: impl Fn(&str) -> Option<&'w DocumentId>,
) -> Vec<Attachment> {
    let mut out = Vec::new();
    let mut add = |entity: AttachedTo, name: &str, listed: &[String]| {
        for policy in listed {
            if let Some(document) = target(policy) {
                out.push(Attachment {
                    document: document.clone(),
                    entity,
                    name: name.to_owned(),
                    listed: policy.clone(),
                });
            }
        }
    };
    match &spec.principal {
        PrincipalSpec::User { name, groups } => {
            let Some(user) = ws.users.iter().find(|u| &u.name == name) else {
                return out;
            };
            add(AttachedTo::User, &user.name, &user.managed_policies);
            for g in groups.as_ref().unwrap_or(&user.groups) {
                if let Some(group) = ws.groups.iter().find(|x| &x.name == g) {
                    add(AttachedTo::Group, &group.name, &group.managed_policies);
                }
            }
        }
        PrincipalSpec::RoleSession { role, .. } => {
            if let Some(role) = ws.roles.iter().find(|r| &r.name == role) {
                add(AttachedTo::Role, &role.name, &role.managed_policies);
            }
        }
        PrincipalSpec::Other(_) => {}
    }
    out
}
