//! Changes to the workspace's entities: create, rename, duplicate and
//! delete policies, groups, users, roles and VPC endpoints, keeping every
//! reference to a renamed or deleted entity in step. Documents' text is never touched
//! except when a document is copied whole.

use iamplay_core::workspace::managed::aws_arn;
use iamplay_core::workspace::{
    Document, Group, InlinePolicy, ManagedPolicy, ManagedPolicySource, Role, User, VpcEndpoint,
    Workspace,
};

use iamplay_core::{Loc, Position, Span};

use super::entities::{DocumentRef, EntityRef, Owner};

/// The document a new policy starts with: one valid Allow statement, an
/// example the user writes over (the editor opens with its action
/// selected, so typing replaces it). A new policy has no problems: it
/// never starts its life with errors to clear.
pub const NEW_POLICY_DOCUMENT: &str = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"s3:GetObject\",\n            \"Resource\": \"arn:aws:s3:::example-bucket/*\"\n        }\n    ]\n}\n";

/// The example action of [`NEW_POLICY_DOCUMENT`], which a new policy's
/// editor selects.
const NEW_POLICY_ACTION: &str = "s3:GetObject";

/// What a new policy's editor selects: the example action between the
/// quotes of its statement's `Action`.
pub fn new_policy_cursor() -> Loc {
    const ACTION: &str = "\"Action\": \"";
    let offset = NEW_POLICY_DOCUMENT
        .find(ACTION)
        .map_or(0, |at| at + ACTION.len());
    let position_at = |offset: usize| {
        let before = NEW_POLICY_DOCUMENT.get(..offset).unwrap_or_default();
        let line = before.lines().count();
        let column = before.rsplit('\n').next().map_or(0, str::len) + 1;
        Position {
            line: u32::try_from(line).unwrap_or(1),
            column: u32::try_from(column).unwrap_or(1),
        }
    };
    let end = offset + NEW_POLICY_ACTION.len();
    Loc {
        span: Span::new(offset, end),
        start: position_at(offset),
        end: position_at(end),
    }
}

/// The policy a new VPC endpoint starts with: AWS's default endpoint
/// policy, written out to be edited (it allows every request).
pub const DEFAULT_ENDPOINT_POLICY: &str = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Principal\": \"*\",\n            \"Action\": \"*\",\n            \"Resource\": \"*\"\n        }\n    ]\n}\n";

/// What to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewEntity {
    /// A customer managed policy.
    Policy,
    /// An inline policy of a group, user or role.
    Inline(Owner),
    /// A group.
    Group,
    /// A user.
    User,
    /// A role.
    Role,
    /// A VPC endpoint (its id is the name), in this VPC if one is given.
    Endpoint {
        /// The VPC it is in, e.g. `vpc-111bbb22`.
        vpc: Option<String>,
    },
}

/// Every managed policy attachment: who attaches which name or ARN.
pub fn attachments(workspace: &Workspace) -> impl Iterator<Item = (Owner, &str)> {
    let groups = workspace.groups.iter().flat_map(|g| {
        g.managed_policies
            .iter()
            .map(|p| (Owner::Group(g.name.clone()), p.as_str()))
    });
    let users = workspace.users.iter().flat_map(|u| {
        u.managed_policies
            .iter()
            .map(|p| (Owner::User(u.name.clone()), p.as_str()))
    });
    let roles = workspace.roles.iter().flat_map(|r| {
        r.managed_policies
            .iter()
            .map(|p| (Owner::Role(r.name.clone()), p.as_str()))
    });
    groups.chain(users).chain(roles)
}

/// Every permissions boundary: whose, and which name or ARN.
pub fn boundaries(workspace: &Workspace) -> impl Iterator<Item = (Owner, &str)> {
    let users = workspace.users.iter().filter_map(|u| {
        u.permissions_boundary
            .as_deref()
            .map(|b| (Owner::User(u.name.clone()), b))
    });
    let roles = workspace.roles.iter().filter_map(|r| {
        r.permissions_boundary
            .as_deref()
            .map(|b| (Owner::Role(r.name.clone()), b))
    });
    users.chain(roles)
}

/// Checks a name as IAM does: 1 to 128 letters, digits and `+=,.@_-`.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a name is required".to_owned());
    }
    if name.len() > 128 {
        return Err(format!("`{name}` is longer than 128 characters"));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c)))
    {
        return Err(format!(
            "`{name}` has `{bad}`: names use letters, digits and `+=,.@_-`"
        ));
    }
    Ok(())
}

/// Checks a VPC endpoint id: `vpce-` then letters and digits, as AWS
/// writes them (`vpce-1a2b3c4d`).
pub fn validate_endpoint_id(id: &str) -> Result<(), String> {
    validate_aws_id(id, "vpce-", "a VPC endpoint id", "vpce-1a2b3c4d")
}

/// Checks a VPC id: `vpc-` then letters and digits (`vpc-111bbb22`).
pub fn validate_vpc_id(id: &str) -> Result<(), String> {
    validate_aws_id(id, "vpc-", "a VPC id", "vpc-111bbb22")
}

fn validate_aws_id(id: &str, prefix: &str, what: &str, example: &str) -> Result<(), String> {
    let valid = id.len() <= 64
        && id.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not {what}: write `{prefix}` then letters and digits, e.g. `{example}`"
        ))
    }
}

/// Whether the names of `kind` in `workspace` include `name`, ignoring
/// case as IAM does.
fn taken(workspace: &Workspace, kind: &NewEntity, name: &str) -> bool {
    let same = |other: &str| other.eq_ignore_ascii_case(name);
    match kind {
        NewEntity::Policy => workspace.policies.iter().any(|p| same(&p.name)),
        NewEntity::Inline(owner) => workspace
            .inline_policies(owner)
            .is_some_and(|policies| policies.iter().any(|p| same(&p.name))),
        NewEntity::Group => workspace.groups.iter().any(|g| same(&g.name)),
        NewEntity::User => workspace.users.iter().any(|u| same(&u.name)),
        NewEntity::Role => workspace.roles.iter().any(|r| same(&r.name)),
        NewEntity::Endpoint { .. } => workspace.endpoints.iter().any(|e| same(&e.id)),
    }
}

/// The noun for error messages.
fn noun(kind: &NewEntity) -> &'static str {
    match kind {
        NewEntity::Policy => "policy",
        NewEntity::Inline(_) => "inline policy",
        NewEntity::Group => "group",
        NewEntity::User => "user",
        NewEntity::Role => "role",
        NewEntity::Endpoint { .. } => "VPC endpoint",
    }
}

/// Checks that `name` is valid and free for a new entity of `kind`.
fn check_free(workspace: &Workspace, kind: &NewEntity, name: &str) -> Result<(), String> {
    match kind {
        NewEntity::Endpoint { .. } => validate_endpoint_id(name)?,
        _ => validate_name(name)?,
    }
    if taken(workspace, kind, name) {
        return Err(format!("there is already a {} named `{name}`", noun(kind)));
    }
    Ok(())
}

/// Adds a new, empty entity; returns it.
pub fn create(
    workspace: &mut Workspace,
    kind: &NewEntity,
    name: &str,
) -> Result<EntityRef, String> {
    check_free(workspace, kind, name)?;
    let name = name.to_owned();
    let path = "/".to_owned();
    Ok(match kind {
        NewEntity::Policy => {
            workspace.policies.push(ManagedPolicy {
                name: name.clone(),
                path,
                description: None,
                document: Document::new(NEW_POLICY_DOCUMENT),
            });
            EntityRef::Document(DocumentRef::Customer(name))
        }
        NewEntity::Inline(owner) => {
            let policies = workspace
                .inline_policies_mut(owner)
                .ok_or_else(|| format!("there is no {}", owner.describe()))?;
            policies.push(InlinePolicy {
                name: name.clone(),
                document: Document::new(NEW_POLICY_DOCUMENT),
            });
            EntityRef::Document(DocumentRef::Inline(owner.clone(), name))
        }
        NewEntity::Group => {
            workspace.groups.push(Group {
                name: name.clone(),
                path,
                ..Group::default()
            });
            EntityRef::Group(name)
        }
        NewEntity::User => {
            workspace.users.push(User {
                name: name.clone(),
                path,
                ..User::default()
            });
            EntityRef::User(name)
        }
        NewEntity::Role => {
            workspace.roles.push(Role {
                name: name.clone(),
                path,
                ..Role::default()
            });
            EntityRef::Role(name)
        }
        NewEntity::Endpoint { vpc } => {
            let vpc = vpc.as_deref().map(str::trim).filter(|v| !v.is_empty());
            if let Some(vpc) = vpc {
                validate_vpc_id(vpc)?;
            }
            workspace.endpoints.push(VpcEndpoint {
                id: name.clone(),
                vpc: vpc.map(str::to_owned),
                policy: Some(Document::new(DEFAULT_ENDPOINT_POLICY)),
            });
            EntityRef::Document(DocumentRef::Endpoint(name))
        }
    })
}

/// Sets or clears the VPC of the endpoint `id` (the value of
/// `aws:SourceVpc` for requests through it).
pub fn set_endpoint_vpc(
    workspace: &mut Workspace,
    id: &str,
    vpc: Option<&str>,
) -> Result<(), String> {
    let vpc = vpc.map(str::trim).filter(|v| !v.is_empty());
    if let Some(vpc) = vpc {
        validate_vpc_id(vpc)?;
    }
    let endpoint = workspace
        .endpoints
        .iter_mut()
        .find(|e| e.id == id)
        .ok_or_else(|| format!("there is no VPC endpoint `{id}`"))?;
    endpoint.vpc = vpc.map(str::to_owned);
    Ok(())
}

/// Renames an entity and every reference to it (attachments, boundaries,
/// group memberships, saved requests' VPC endpoint); returns the renamed
/// entity.
pub fn rename(
    workspace: &mut Workspace,
    entity: &EntityRef,
    new: &str,
) -> Result<EntityRef, String> {
    if entity.name() == new {
        return Ok(entity.clone());
    }
    match entity {
        EntityRef::Document(DocumentRef::Aws(_)) => {
            Err("AWS managed policies cannot be renamed; duplicate one to edit a copy".to_owned())
        }
        EntityRef::Document(DocumentRef::Customer(old)) => {
            if !old.eq_ignore_ascii_case(new) {
                check_free(workspace, &NewEntity::Policy, new)?;
            }
            validate_name(new)?;
            let doc = DocumentRef::Customer(old.clone());
            let old_arn_prefix = format!("arn:aws:iam::{}:policy", workspace.account);
            let renamed = |attachment: &str| -> Option<String> {
                if attachment == old {
                    Some(new.to_owned())
                } else if attachment.starts_with(&old_arn_prefix) {
                    attachment
                        .strip_suffix(old.as_str())
                        .map(|path| format!("{path}{new}"))
                } else {
                    None
                }
            };
            let names: Vec<String> = attachments(workspace)
                .chain(boundaries(workspace))
                .map(|(_, a)| a.to_owned())
                .filter(|a| doc.is_named_by(workspace, a))
                .collect();
            for_each_policy_reference(workspace, |reference| {
                if names.contains(reference)
                    && let Some(new_reference) = renamed(reference)
                {
                    *reference = new_reference;
                }
            });
            if let Some(policy) = workspace.policies.iter_mut().find(|p| &p.name == old) {
                policy.name = new.to_owned();
            }
            Ok(EntityRef::Document(DocumentRef::Customer(new.to_owned())))
        }
        EntityRef::Document(DocumentRef::Inline(owner, old)) => {
            if !old.eq_ignore_ascii_case(new) {
                check_free(workspace, &NewEntity::Inline(owner.clone()), new)?;
            }
            validate_name(new)?;
            let policy = workspace
                .inline_policies_mut(owner)
                .and_then(|policies| policies.iter_mut().find(|p| &p.name == old))
                .ok_or_else(|| format!("there is no {}", entity.describe()))?;
            policy.name = new.to_owned();
            Ok(EntityRef::Document(DocumentRef::Inline(
                owner.clone(),
                new.to_owned(),
            )))
        }
        EntityRef::Document(DocumentRef::Endpoint(old)) => {
            let kind = NewEntity::Endpoint { vpc: None };
            if !old.eq_ignore_ascii_case(new) {
                check_free(workspace, &kind, new)?;
            }
            validate_endpoint_id(new)?;
            let endpoint = workspace
                .endpoints
                .iter_mut()
                .find(|e| &e.id == old)
                .ok_or_else(|| format!("there is no {}", entity.describe()))?;
            new.clone_into(&mut endpoint.id);
            for request in &mut workspace.requests {
                if request.vpc_endpoint.as_ref() == Some(old) {
                    request.vpc_endpoint = Some(new.to_owned());
                }
            }
            Ok(EntityRef::Document(DocumentRef::Endpoint(new.to_owned())))
        }
        EntityRef::Group(old) => {
            if !old.eq_ignore_ascii_case(new) {
                check_free(workspace, &NewEntity::Group, new)?;
            }
            validate_name(new)?;
            for group in workspace.groups.iter_mut().filter(|g| &g.name == old) {
                group.name = new.to_owned();
            }
            for membership in workspace
                .users
                .iter_mut()
                .flat_map(|u| u.groups.iter_mut())
                .filter(|g| *g == old)
            {
                *membership = new.to_owned();
            }
            Ok(EntityRef::Group(new.to_owned()))
        }
        EntityRef::User(old) => {
            if !old.eq_ignore_ascii_case(new) {
                check_free(workspace, &NewEntity::User, new)?;
            }
            validate_name(new)?;
            for user in workspace.users.iter_mut().filter(|u| &u.name == old) {
                user.name = new.to_owned();
            }
            Ok(EntityRef::User(new.to_owned()))
        }
        EntityRef::Role(old) => {
            if !old.eq_ignore_ascii_case(new) {
                check_free(workspace, &NewEntity::Role, new)?;
            }
            validate_name(new)?;
            for role in workspace.roles.iter_mut().filter(|r| &r.name == old) {
                role.name = new.to_owned();
            }
            Ok(EntityRef::Role(new.to_owned()))
        }
    }
}

/// Calls `change` with every managed policy reference (attachments and
/// boundaries) of every group, user and role.
fn for_each_policy_reference(workspace: &mut Workspace, mut change: impl FnMut(&mut String)) {
    for group in &mut workspace.groups {
        group.managed_policies.iter_mut().for_each(&mut change);
    }
    for user in &mut workspace.users {
        user.managed_policies.iter_mut().for_each(&mut change);
        user.permissions_boundary.iter_mut().for_each(&mut change);
    }
    for role in &mut workspace.roles {
        role.managed_policies.iter_mut().for_each(&mut change);
        role.permissions_boundary.iter_mut().for_each(&mut change);
    }
}

/// The first free name `NAME-copy`, `NAME-copy2`, ... for a copy.
fn copy_name(workspace: &Workspace, kind: &NewEntity, name: &str) -> String {
    let mut candidate = format!("{name}-copy");
    let mut n = 2;
    while taken(workspace, kind, &candidate) {
        candidate = format!("{name}-copy{n}");
        n += 1;
    }
    candidate
}

/// Adds a copy of an entity under a free name (an AWS managed policy's
/// copy is a customer managed policy with the same document, to edit);
/// returns the copy.
pub fn duplicate(
    workspace: &mut Workspace,
    entity: &EntityRef,
    source: &dyn ManagedPolicySource,
) -> Result<EntityRef, String> {
    let missing = || format!("there is no {}", entity.describe());
    match entity {
        EntityRef::Document(DocumentRef::Customer(name)) => {
            let original = workspace
                .policies
                .iter()
                .find(|p| &p.name == name)
                .cloned()
                .ok_or_else(missing)?;
            let copy = copy_name(workspace, &NewEntity::Policy, name);
            workspace.policies.push(ManagedPolicy {
                name: copy.clone(),
                ..original
            });
            Ok(EntityRef::Document(DocumentRef::Customer(copy)))
        }
        EntityRef::Document(DocumentRef::Aws(arn)) => {
            let doc = DocumentRef::Aws(arn.clone());
            let text = match doc.text_in(workspace) {
                Some(text) => text.to_owned(),
                None => source.aws_managed_policy(arn).ok_or_else(missing)?.document,
            };
            let copy = copy_name(workspace, &NewEntity::Policy, doc.name());
            workspace.policies.push(ManagedPolicy {
                name: copy.clone(),
                path: "/".to_owned(),
                description: Some(format!("A copy of the AWS managed policy `{arn}`")),
                document: Document::new(text),
            });
            Ok(EntityRef::Document(DocumentRef::Customer(copy)))
        }
        EntityRef::Document(DocumentRef::Inline(owner, name)) => {
            let kind = NewEntity::Inline(owner.clone());
            let copy = copy_name(workspace, &kind, name);
            let policies = workspace.inline_policies_mut(owner).ok_or_else(missing)?;
            let original = policies
                .iter()
                .find(|p| &p.name == name)
                .cloned()
                .ok_or_else(missing)?;
            policies.push(InlinePolicy {
                name: copy.clone(),
                ..original
            });
            Ok(EntityRef::Document(DocumentRef::Inline(
                owner.clone(),
                copy,
            )))
        }
        EntityRef::Document(DocumentRef::Endpoint(_)) => Err(
            "VPC endpoints are not duplicated: add one with the + next to “VPC endpoints”"
                .to_owned(),
        ),
        EntityRef::Group(name) => {
            let original = workspace
                .groups
                .iter()
                .find(|g| &g.name == name)
                .cloned()
                .ok_or_else(missing)?;
            let copy = copy_name(workspace, &NewEntity::Group, name);
            workspace.groups.push(Group {
                name: copy.clone(),
                ..original
            });
            Ok(EntityRef::Group(copy))
        }
        EntityRef::User(name) => {
            let original = workspace
                .users
                .iter()
                .find(|u| &u.name == name)
                .cloned()
                .ok_or_else(missing)?;
            let copy = copy_name(workspace, &NewEntity::User, name);
            workspace.users.push(User {
                name: copy.clone(),
                id: None,
                ..original
            });
            Ok(EntityRef::User(copy))
        }
        EntityRef::Role(name) => {
            let original = workspace
                .roles
                .iter()
                .find(|r| &r.name == name)
                .cloned()
                .ok_or_else(missing)?;
            let copy = copy_name(workspace, &NewEntity::Role, name);
            workspace.roles.push(Role {
                name: copy.clone(),
                id: None,
                ..original
            });
            Ok(EntityRef::Role(copy))
        }
    }
}

/// What in the workspace uses an entity, one phrase each (e.g.
/// "attached to group `Force_MFA`"): what deleting it would change.
pub fn usages(workspace: &Workspace, entity: &EntityRef) -> Vec<String> {
    match entity {
        EntityRef::Document(doc @ (DocumentRef::Customer(_) | DocumentRef::Aws(_))) => {
            let attached = attachments(workspace)
                .filter(|(_, a)| doc.is_named_by(workspace, a))
                .map(|(owner, _)| format!("attached to {}", owner.describe()));
            let bounded = boundaries(workspace)
                .filter(|(_, b)| doc.is_named_by(workspace, b))
                .map(|(owner, _)| format!("the permissions boundary of {}", owner.describe()));
            attached.chain(bounded).collect()
        }
        EntityRef::Group(name) => workspace
            .users
            .iter()
            .filter(|u| u.groups.contains(name))
            .map(|u| format!("user `{}` is a member", u.name))
            .collect(),
        EntityRef::Document(DocumentRef::Endpoint(id)) => workspace
            .requests
            .iter()
            .enumerate()
            .filter(|(_, r)| r.vpc_endpoint.as_ref() == Some(id))
            .map(|(i, r)| match &r.name {
                Some(name) => format!("saved request `{name}` comes through it"),
                None => format!("saved request {} comes through it", i + 1),
            })
            .collect(),
        EntityRef::Document(DocumentRef::Inline(..)) | EntityRef::User(_) | EntityRef::Role(_) => {
            Vec::new()
        }
    }
}

/// Deletes an entity and every reference to it: a policy is detached
/// everywhere (an AWS managed policy, which only exists through its
/// attachments, is only detached), a group loses its members, saved
/// requests that came through a deleted VPC endpoint no longer do.
pub fn delete(workspace: &mut Workspace, entity: &EntityRef) -> Result<(), String> {
    if !entity.exists_in(workspace) {
        return Err(format!("there is no {}", entity.describe()));
    }
    match entity {
        EntityRef::Document(doc @ (DocumentRef::Customer(_) | DocumentRef::Aws(_))) => {
            let names: Vec<String> = attachments(workspace)
                .chain(boundaries(workspace))
                .map(|(_, a)| a.to_owned())
                .filter(|a| doc.is_named_by(workspace, a))
                .collect();
            for group in &mut workspace.groups {
                group.managed_policies.retain(|p| !names.contains(p));
            }
            for user in &mut workspace.users {
                user.managed_policies.retain(|p| !names.contains(p));
                user.permissions_boundary.take_if(|b| names.contains(b));
            }
            for role in &mut workspace.roles {
                role.managed_policies.retain(|p| !names.contains(p));
                role.permissions_boundary.take_if(|b| names.contains(b));
            }
            match doc {
                DocumentRef::Customer(name) => workspace.policies.retain(|p| &p.name != name),
                DocumentRef::Aws(arn) => workspace
                    .aws_managed_policies
                    .retain(|p| &aws_arn(p) != arn),
                DocumentRef::Inline(..) | DocumentRef::Endpoint(_) => {}
            }
        }
        EntityRef::Document(DocumentRef::Inline(owner, name)) => {
            if let Some(policies) = workspace.inline_policies_mut(owner) {
                policies.retain(|p| &p.name != name);
            }
        }
        EntityRef::Document(DocumentRef::Endpoint(id)) => {
            workspace.endpoints.retain(|e| &e.id != id);
            for request in &mut workspace.requests {
                request.vpc_endpoint.take_if(|e| e == id);
            }
        }
        EntityRef::Group(name) => {
            workspace.groups.retain(|g| &g.name != name);
            for user in &mut workspace.users {
                user.groups.retain(|g| g != name);
            }
        }
        EntityRef::User(name) => workspace.users.retain(|u| &u.name != name),
        EntityRef::Role(name) => workspace.roles.retain(|r| &r.name != name),
    }
    Ok(())
}
