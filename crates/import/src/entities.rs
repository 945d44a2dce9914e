//! Finding a workspace's roles, users and groups by name while an import
//! attaches policies and memberships to them.

use std::collections::HashMap;

use iamplay_core::workspace::managed::customer_arn;
use iamplay_core::workspace::{Group, InlinePolicy, Role, User, Workspace};

/// Which entities a policy attaches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum EntityKind {
    Role,
    User,
    Group,
}

impl EntityKind {
    /// The word for messages.
    pub fn word(self) -> &'static str {
        match self {
            EntityKind::Role => "role",
            EntityKind::User => "user",
            EntityKind::Group => "group",
        }
    }
}

/// A role, user or group of a workspace.
pub(crate) enum Entity<'a> {
    Role(&'a mut Role),
    User(&'a mut User),
    Group(&'a mut Group),
}

/// The roles, users and groups of a workspace by name (the first of a
/// name), so that attaching to them stays linear in the number of
/// attachments.
#[derive(Debug, Default)]
pub(crate) struct EntityIndex {
    by_name: HashMap<(EntityKind, String), usize>,
}

impl EntityIndex {
    /// Indexes the entities `ws` has now.
    pub fn new(ws: &Workspace) -> Self {
        let mut by_name = HashMap::new();
        let roles = ws.roles.iter().map(|r| (EntityKind::Role, &r.name));
        let users = ws.users.iter().map(|u| (EntityKind::User, &u.name));
        let groups = ws.groups.iter().map(|g| (EntityKind::Group, &g.name));
        for (i, (kind, name)) in roles
            .enumerate()
            .chain(users.enumerate())
            .chain(groups.enumerate())
        {
            by_name.entry((kind, name.clone())).or_insert(i);
        }
        Self { by_name }
    }

    /// The entity of `kind` named `name`.
    pub fn find<'a>(
        &self,
        ws: &'a mut Workspace,
        kind: EntityKind,
        name: &str,
    ) -> Option<Entity<'a>> {
        let i = *self.by_name.get(&(kind, name.to_owned()))?;
        match kind {
            EntityKind::Role => ws.roles.get_mut(i).map(Entity::Role),
            EntityKind::User => ws.users.get_mut(i).map(Entity::User),
            EntityKind::Group => ws.groups.get_mut(i).map(Entity::Group),
        }
    }
}

impl<'a> Entity<'a> {
    /// Its attached managed policies.
    pub fn managed_policies(self) -> &'a mut Vec<String> {
        match self {
            Entity::Role(r) => &mut r.managed_policies,
            Entity::User(u) => &mut u.managed_policies,
            Entity::Group(g) => &mut g.managed_policies,
        }
    }

    /// Its inline policies.
    pub fn inline_policies(self) -> &'a mut Vec<InlinePolicy> {
        match self {
            Entity::Role(r) => &mut r.inline_policies,
            Entity::User(u) => &mut u.inline_policies,
            Entity::Group(g) => &mut g.inline_policies,
        }
    }
}

/// Names by name the managed policies that entities attach by ARN (or
/// use as boundary) when the workspace carries them.
pub(crate) fn name_attached_policies(ws: &mut Workspace) {
    let arns: HashMap<String, String> = ws
        .policies
        .iter()
        .map(|p| (customer_arn(ws, p), p.name.clone()))
        .collect();
    let rename = |s: &mut String| {
        if let Some(name) = arns.get(s.as_str()) {
            s.clone_from(name);
        }
    };
    for r in &mut ws.roles {
        r.managed_policies.iter_mut().for_each(rename);
        r.permissions_boundary.iter_mut().for_each(rename);
    }
    for u in &mut ws.users {
        u.managed_policies.iter_mut().for_each(rename);
        u.permissions_boundary.iter_mut().for_each(rename);
    }
    for g in &mut ws.groups {
        g.managed_policies.iter_mut().for_each(rename);
    }
}
