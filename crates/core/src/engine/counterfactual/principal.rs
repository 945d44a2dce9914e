//! The same request made by another user or role of the workspace: the
//! first few (users, then roles, in the workspace's order) that get
//! another decision. The request's context keys, session policy and
//! policies given with it stay as they are.

use crate::workspace::PrincipalSpec;

use super::change::{Change, EntityKind};
use super::{MAX_PRINCIPALS, Search, Tried};

/// Tries the workspace's other users and roles.
pub(super) fn search(search: &mut Search<'_>) {
    let engine = search.engine;
    let ws = &engine.workspace;
    let users = ws.users.iter().map(|u| (EntityKind::User, &u.name));
    let roles = ws.roles.iter().map(|r| (EntityKind::Role, &r.name));
    let mut found = 0;
    for (entity, name) in users.chain(roles) {
        if found == MAX_PRINCIPALS {
            return;
        }
        let same = match (&search.spec.principal, entity) {
            (PrincipalSpec::User { name: n, .. }, EntityKind::User) => n == name,
            (PrincipalSpec::RoleSession { role, .. }, EntityKind::Role) => role == name,
            _ => false,
        };
        if same {
            continue;
        }
        let change = Change::Principal {
            entity,
            name: name.clone(),
        };
        match search.try_request_change(change) {
            None => return,
            Some(Tried::Kept) => found += 1,
            Some(Tried::Evaluated | Tried::Skipped) => {}
        }
    }
}
