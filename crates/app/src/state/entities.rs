//! Names for the things of a workspace the playground works on: policy
//! documents, groups, users and roles, each found by name (names are
//! unique within their kind), never by position.

use iamplay_core::workspace::resolve::{aws_arn, customer_arn};
use iamplay_core::workspace::{Document, DocumentId, InlinePolicy, Workspace};

/// An entity that holds attachments and inline policies.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// A group, by name.
    Group(String),
    /// A user, by name.
    User(String),
    /// A role, by name.
    Role(String),
}

impl Owner {
    /// The entity's name.
    pub fn name(&self) -> &str {
        match self {
            Owner::Group(name) | Owner::User(name) | Owner::Role(name) => name,
        }
    }

    /// e.g. "group `Force_MFA`".
    pub fn describe(&self) -> String {
        let noun = match self {
            Owner::Group(_) => "group",
            Owner::User(_) => "user",
            Owner::Role(_) => "role",
        };
        format!("{noun} `{}`", self.name())
    }

    /// The entity as an [`EntityRef`].
    pub fn entity(&self) -> EntityRef {
        match self {
            Owner::Group(name) => EntityRef::Group(name.clone()),
            Owner::User(name) => EntityRef::User(name.clone()),
            Owner::Role(name) => EntityRef::Role(name.clone()),
        }
    }
}

/// A policy document of the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DocumentRef {
    /// A customer managed policy, by name.
    Customer(String),
    /// An AWS managed policy, by ARN.
    Aws(String),
    /// An inline policy of a group, user or role, by name.
    Inline(Owner, String),
}

impl DocumentRef {
    /// A text key that identifies the document (the editor keeps one
    /// model, and one undo history, per key).
    pub fn key(&self) -> String {
        match self {
            DocumentRef::Customer(name) => format!("customer/{name}"),
            DocumentRef::Aws(arn) => format!("aws/{arn}"),
            DocumentRef::Inline(owner, name) => match owner {
                Owner::Group(g) => format!("group/{g}/{name}"),
                Owner::User(u) => format!("user/{u}/{name}"),
                Owner::Role(r) => format!("role/{r}/{name}"),
            },
        }
    }

    /// The policy's name as people see it.
    pub fn name(&self) -> &str {
        match self {
            DocumentRef::Customer(name) | DocumentRef::Inline(_, name) => name,
            DocumentRef::Aws(arn) => crate::aws_policies::name_of(arn),
        }
    }

    /// e.g. "Customer managed policy" or "Inline policy of group `G`".
    pub fn kind_label(&self) -> String {
        match self {
            DocumentRef::Customer(_) => "Customer managed policy".to_owned(),
            DocumentRef::Aws(_) => "AWS managed policy · read-only".to_owned(),
            DocumentRef::Inline(owner, _) => format!("Inline policy of {}", owner.describe()),
        }
    }

    /// Whether the document may not be edited (AWS managed policies).
    pub fn read_only(&self) -> bool {
        matches!(self, DocumentRef::Aws(_))
    }

    /// The document's text in `workspace`, for documents the workspace
    /// holds (customer managed, inline, and AWS managed ones it carries).
    pub fn text_in<'w>(&self, workspace: &'w Workspace) -> Option<&'w str> {
        match self {
            DocumentRef::Customer(name) => workspace
                .policies
                .iter()
                .find(|p| &p.name == name)
                .map(|p| p.document.text.as_str()),
            DocumentRef::Aws(arn) => workspace
                .aws_managed_policies
                .iter()
                .find(|p| &aws_arn(p) == arn)
                .map(|p| p.document.text.as_str()),
            DocumentRef::Inline(owner, name) => inline_policies(workspace, owner)?
                .iter()
                .find(|p| &p.name == name)
                .map(|p| p.document.text.as_str()),
        }
    }

    /// The document's text, to change it; `None` for AWS managed policies
    /// and documents that do not exist.
    pub fn document_mut<'w>(&self, workspace: &'w mut Workspace) -> Option<&'w mut Document> {
        match self {
            DocumentRef::Customer(name) => workspace
                .policies
                .iter_mut()
                .find(|p| &p.name == name)
                .map(|p| &mut p.document),
            DocumentRef::Aws(_) => None,
            DocumentRef::Inline(owner, name) => inline_policies_mut(workspace, owner)?
                .iter_mut()
                .find(|p| &p.name == name)
                .map(|p| &mut p.document),
        }
    }

    /// The id the evaluator gives this document in `workspace`.
    pub fn document_id(&self, workspace: &Workspace) -> Option<DocumentId> {
        match self {
            DocumentRef::Customer(name) => workspace
                .policies
                .iter()
                .position(|p| &p.name == name)
                .map(DocumentId::Managed),
            DocumentRef::Aws(arn) => Some(
                match workspace
                    .aws_managed_policies
                    .iter()
                    .position(|p| &aws_arn(p) == arn)
                {
                    Some(i) => DocumentId::EmbeddedAws(i),
                    None => DocumentId::CatalogAws(arn.clone()),
                },
            ),
            DocumentRef::Inline(owner, name) => {
                let (o, i) = inline_position(workspace, owner, name)?;
                Some(match owner {
                    Owner::Group(_) => DocumentId::GroupInline(o, i),
                    Owner::User(_) => DocumentId::UserInline(o, i),
                    Owner::Role(_) => DocumentId::RoleInline(o, i),
                })
            }
        }
    }

    /// The document an evaluation trace's policy id (a
    /// [`DocumentId::key`], e.g. `managed:0`) names in `workspace`.
    pub fn from_trace_id(workspace: &Workspace, id: &str) -> Option<DocumentRef> {
        let (kind, rest) = id.split_once(':')?;
        let number = |text: &str| text.parse::<usize>().ok();
        let pair = |text: &str| {
            let (a, b) = text.split_once(':')?;
            Some((number(a)?, number(b)?))
        };
        match kind {
            "managed" => workspace
                .policies
                .get(number(rest)?)
                .map(|p| DocumentRef::Customer(p.name.clone())),
            "aws" => workspace
                .aws_managed_policies
                .get(number(rest)?)
                .map(|p| DocumentRef::Aws(aws_arn(p))),
            "catalog" => Some(DocumentRef::Aws(rest.to_owned())),
            "group-inline" => {
                let (g, i) = pair(rest)?;
                let group = workspace.groups.get(g)?;
                let policy = group.inline_policies.get(i)?;
                Some(DocumentRef::Inline(
                    Owner::Group(group.name.clone()),
                    policy.name.clone(),
                ))
            }
            "user-inline" => {
                let (u, i) = pair(rest)?;
                let user = workspace.users.get(u)?;
                let policy = user.inline_policies.get(i)?;
                Some(DocumentRef::Inline(
                    Owner::User(user.name.clone()),
                    policy.name.clone(),
                ))
            }
            "role-inline" => {
                let (r, i) = pair(rest)?;
                let role = workspace.roles.get(r)?;
                let policy = role.inline_policies.get(i)?;
                Some(DocumentRef::Inline(
                    Owner::Role(role.name.clone()),
                    policy.name.clone(),
                ))
            }
            _ => None,
        }
    }

    /// Whether an attachment (a managed policy's name or ARN, as groups,
    /// users and roles list them) names this document.
    pub fn is_named_by(&self, workspace: &Workspace, attachment: &str) -> bool {
        match self {
            DocumentRef::Customer(name) => {
                attachment == name
                    || (attachment.starts_with("arn:")
                        && attachment.ends_with(name.as_str())
                        && workspace
                            .policies
                            .iter()
                            .find(|p| &p.name == name)
                            .is_some_and(|p| customer_arn(workspace, p) == attachment))
            }
            DocumentRef::Aws(arn) => {
                attachment == arn
                    || (!attachment.starts_with("arn:")
                        && attachment == self.name()
                        && !workspace.policies.iter().any(|p| p.name == attachment))
            }
            DocumentRef::Inline(..) => false,
        }
    }
}

/// Anything the workspace panel lists.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// A policy document.
    Document(DocumentRef),
    /// A group, by name.
    Group(String),
    /// A user, by name.
    User(String),
    /// A role, by name.
    Role(String),
}

impl EntityRef {
    /// The entity's name.
    pub fn name(&self) -> &str {
        match self {
            EntityRef::Document(doc) => doc.name(),
            EntityRef::Group(name) | EntityRef::User(name) | EntityRef::Role(name) => name,
        }
    }

    /// e.g. "group `Force_MFA`" or "policy `Force_MFA`".
    pub fn describe(&self) -> String {
        match self {
            EntityRef::Document(DocumentRef::Inline(owner, name)) => {
                format!("inline policy `{name}` of {}", owner.describe())
            }
            EntityRef::Document(DocumentRef::Aws(arn)) => {
                format!("AWS managed policy `{}`", crate::aws_policies::name_of(arn))
            }
            EntityRef::Document(DocumentRef::Customer(name)) => format!("policy `{name}`"),
            EntityRef::Group(name) => format!("group `{name}`"),
            EntityRef::User(name) => format!("user `{name}`"),
            EntityRef::Role(name) => format!("role `{name}`"),
        }
    }

    /// The entity as an [`Owner`], when it can hold policies.
    pub fn owner(&self) -> Option<Owner> {
        match self {
            EntityRef::Group(name) => Some(Owner::Group(name.clone())),
            EntityRef::User(name) => Some(Owner::User(name.clone())),
            EntityRef::Role(name) => Some(Owner::Role(name.clone())),
            EntityRef::Document(_) => None,
        }
    }

    /// Whether the entity is in `workspace` (AWS managed policies are
    /// there while something attaches them).
    pub fn exists_in(&self, workspace: &Workspace) -> bool {
        match self {
            EntityRef::Document(DocumentRef::Aws(arn)) => {
                let doc = DocumentRef::Aws(arn.clone());
                crate::state::workspace_ops::attachments(workspace)
                    .any(|(_, attachment)| doc.is_named_by(workspace, attachment))
                    || doc.text_in(workspace).is_some()
            }
            EntityRef::Document(doc) => doc.text_in(workspace).is_some(),
            EntityRef::Group(name) => workspace.groups.iter().any(|g| &g.name == name),
            EntityRef::User(name) => workspace.users.iter().any(|u| &u.name == name),
            EntityRef::Role(name) => workspace.roles.iter().any(|r| &r.name == name),
        }
    }
}

/// The inline policies of `owner`.
pub fn inline_policies<'w>(workspace: &'w Workspace, owner: &Owner) -> Option<&'w [InlinePolicy]> {
    match owner {
        Owner::Group(name) => workspace
            .groups
            .iter()
            .find(|g| &g.name == name)
            .map(|g| g.inline_policies.as_slice()),
        Owner::User(name) => workspace
            .users
            .iter()
            .find(|u| &u.name == name)
            .map(|u| u.inline_policies.as_slice()),
        Owner::Role(name) => workspace
            .roles
            .iter()
            .find(|r| &r.name == name)
            .map(|r| r.inline_policies.as_slice()),
    }
}

/// The inline policies of `owner`, to change them.
pub fn inline_policies_mut<'w>(
    workspace: &'w mut Workspace,
    owner: &Owner,
) -> Option<&'w mut Vec<InlinePolicy>> {
    match owner {
        Owner::Group(name) => workspace
            .groups
            .iter_mut()
            .find(|g| &g.name == name)
            .map(|g| &mut g.inline_policies),
        Owner::User(name) => workspace
            .users
            .iter_mut()
            .find(|u| &u.name == name)
            .map(|u| &mut u.inline_policies),
        Owner::Role(name) => workspace
            .roles
            .iter_mut()
            .find(|r| &r.name == name)
            .map(|r| &mut r.inline_policies),
    }
}

/// The positions of `owner` among its kind and of its inline policy `name`.
fn inline_position(workspace: &Workspace, owner: &Owner, name: &str) -> Option<(usize, usize)> {
    let find = |policies: &[InlinePolicy]| policies.iter().position(|p| p.name == name);
    match owner {
        Owner::Group(g) => {
            let o = workspace.groups.iter().position(|x| &x.name == g)?;
            Some((o, find(&workspace.groups.get(o)?.inline_policies)?))
        }
        Owner::User(u) => {
            let o = workspace.users.iter().position(|x| &x.name == u)?;
            Some((o, find(&workspace.users.get(o)?.inline_policies)?))
        }
        Owner::Role(r) => {
            let o = workspace.roles.iter().position(|x| &x.name == r)?;
            Some((o, find(&workspace.roles.get(o)?.inline_policies)?))
        }
    }
}
