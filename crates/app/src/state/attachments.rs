//! Attaching and detaching managed policies, group memberships in order,
//! and permissions boundaries.

use iamplay_core::workspace::Workspace;

use super::entities::Owner;

/// The managed policy list of `owner`, to change it.
fn managed_policies_mut<'w>(
    workspace: &'w mut Workspace,
    owner: &Owner,
) -> Result<&'w mut Vec<String>, String> {
    workspace
        .managed_policies_mut(owner)
        .ok_or_else(|| format!("there is no {}", owner.describe()))
}

/// Attaches the managed policy `policy` (a name or an ARN) to `owner`.
pub fn attach(workspace: &mut Workspace, owner: &Owner, policy: &str) -> Result<(), String> {
    if policy.is_empty() {
        return Err("pick a policy to attach".to_owned());
    }
    let list = managed_policies_mut(workspace, owner)?;
    if list.iter().any(|p| p == policy) {
        return Err(format!(
            "`{policy}` is already attached to {}",
            owner.describe()
        ));
    }
    list.push(policy.to_owned());
    Ok(())
}

/// Detaches the managed policy `policy` (as listed) from `owner`.
pub fn detach(workspace: &mut Workspace, owner: &Owner, policy: &str) -> Result<(), String> {
    let list = managed_policies_mut(workspace, owner)?;
    let before = list.len();
    list.retain(|p| p != policy);
    if list.len() == before {
        return Err(format!(
            "`{policy}` is not attached to {}",
            owner.describe()
        ));
    }
    Ok(())
}

/// The group list of user `user`, to change it.
fn groups_mut<'w>(workspace: &'w mut Workspace, user: &str) -> Result<&'w mut Vec<String>, String> {
    workspace
        .users
        .iter_mut()
        .find(|u| u.name == user)
        .map(|u| &mut u.groups)
        .ok_or_else(|| format!("there is no user `{user}`"))
}

/// Adds `user` to `group`, after its other memberships.
pub fn add_membership(workspace: &mut Workspace, user: &str, group: &str) -> Result<(), String> {
    if !workspace.groups.iter().any(|g| g.name == group) {
        return Err(format!("there is no group `{group}`"));
    }
    let groups = groups_mut(workspace, user)?;
    if groups.iter().any(|g| g == group) {
        return Err(format!("user `{user}` is already in group `{group}`"));
    }
    groups.push(group.to_owned());
    Ok(())
}

/// Takes `user` out of `group`.
pub fn remove_membership(workspace: &mut Workspace, user: &str, group: &str) -> Result<(), String> {
    let groups = groups_mut(workspace, user)?;
    let before = groups.len();
    groups.retain(|g| g != group);
    if groups.len() == before {
        return Err(format!("user `{user}` is not in group `{group}`"));
    }
    Ok(())
}

/// Moves `user`'s membership of `group` one place earlier (`up`) or later.
pub fn move_membership(
    workspace: &mut Workspace,
    user: &str,
    group: &str,
    up: bool,
) -> Result<(), String> {
    let groups = groups_mut(workspace, user)?;
    let at = groups
        .iter()
        .position(|g| g == group)
        .ok_or_else(|| format!("user `{user}` is not in group `{group}`"))?;
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    match to {
        Some(to) if to < groups.len() => {
            groups.swap(at, to);
            Ok(())
        }
        _ => Err(format!("`{group}` cannot move further")),
    }
}

/// Sets or clears the permissions boundary of a user or role.
pub fn set_boundary(
    workspace: &mut Workspace,
    owner: &Owner,
    boundary: Option<&str>,
) -> Result<(), String> {
    let slot = match owner {
        Owner::User(name) => workspace
            .users
            .iter_mut()
            .find(|u| &u.name == name)
            .map(|u| &mut u.permissions_boundary),
        Owner::Role(name) => workspace
            .roles
            .iter_mut()
            .find(|r| &r.name == name)
            .map(|r| &mut r.permissions_boundary),
        Owner::Group(_) => return Err("groups have no permissions boundary".to_owned()),
    };
    let slot = slot.ok_or_else(|| format!("there is no {}", owner.describe()))?;
    *slot = boundary.filter(|b| !b.is_empty()).map(str::to_owned);
    Ok(())
}
