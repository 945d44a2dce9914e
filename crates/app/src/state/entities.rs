//! Names for the things of a workspace the playground works on: policy
//! documents, groups, users and roles, each found by name (names are
//! unique within their kind), never by position.
//!
//! A [`DocumentRef`] is one of the documents the playground lists and
//! opens (customer managed, AWS managed, inline, a VPC endpoint's
//! policy); it stands for the
//! core's [`DocumentId`] of the same name ([`DocumentRef::id`]), whose
//! text form keys the editor's models.

use iamplay_core::DocumentId;
pub use iamplay_core::engine::Owner;
use iamplay_core::workspace::managed::customer_arn;
use iamplay_core::workspace::{Document, Workspace};

/// A policy document of the workspace that the playground opens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DocumentRef {
    /// A customer managed policy, by name.
    Customer(String),
    /// An AWS managed policy, by ARN.
    Aws(String),
    /// An inline policy of a group, user or role, by name.
    Inline(Owner, String),
    /// The policy of a VPC endpoint, by the endpoint's id (as an entity:
    /// the endpoint itself, which exists whether or not it has a policy
    /// of its own).
    Endpoint(String),
}

impl DocumentRef {
    /// The core's id of the document: the same names, nothing looked up.
    pub fn id(&self) -> DocumentId {
        match self {
            DocumentRef::Customer(name) => DocumentId::Managed(name.clone()),
            DocumentRef::Aws(arn) => DocumentId::AwsManaged(arn.clone()),
            DocumentRef::Inline(owner, name) => DocumentId::Inline(owner.clone(), name.clone()),
            DocumentRef::Endpoint(id) => DocumentId::Endpoint(id.clone()),
        }
    }

    /// The document `id` names, when it is one the playground opens
    /// (a trust, resource, organization or request policy is not).
    pub fn of(id: &DocumentId) -> Option<DocumentRef> {
        match id {
            DocumentId::Managed(name) => Some(DocumentRef::Customer(name.clone())),
            DocumentId::AwsManaged(arn) => Some(DocumentRef::Aws(arn.clone())),
            DocumentId::Inline(owner, name) => {
                Some(DocumentRef::Inline(owner.clone(), name.clone()))
            }
            DocumentId::Endpoint(id) => Some(DocumentRef::Endpoint(id.clone())),
            DocumentId::Trust(_)
            | DocumentId::Organization(_)
            | DocumentId::Resource(_)
            | DocumentId::Session(_)
            | DocumentId::RequestPolicy(..) => None,
        }
    }

    /// A text key that identifies the document: its id's text form (the
    /// editor keeps one model, and one undo history, per key).
    pub fn key(&self) -> String {
        self.id().to_string()
    }

    /// The policy's name as people see it.
    pub fn name(&self) -> &str {
        match self {
            DocumentRef::Customer(name)
            | DocumentRef::Inline(_, name)
            | DocumentRef::Endpoint(name) => name,
            DocumentRef::Aws(arn) => crate::aws_policies::name_of(arn),
        }
    }

    /// e.g. "Customer managed policy" or "Inline policy of group `G`".
    pub fn kind_label(&self) -> String {
        self.id().kind_label()
    }

    /// Whether the document may not be edited (AWS managed policies).
    pub fn read_only(&self) -> bool {
        matches!(self, DocumentRef::Aws(_))
    }

    /// The document's text in `workspace`, for documents the workspace
    /// holds (customer managed, inline, and AWS managed ones it carries).
    pub fn text_in<'w>(&self, workspace: &'w Workspace) -> Option<&'w str> {
        workspace
            .document(&self.id())
            .map(|document| document.text.as_str())
    }

    /// The document's text, to change it; `None` for AWS managed policies
    /// and documents that do not exist.
    pub fn document_mut<'w>(&self, workspace: &'w mut Workspace) -> Option<&'w mut Document> {
        if self.read_only() {
            return None;
        }
        workspace.document_mut(&self.id())
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
            DocumentRef::Inline(..) | DocumentRef::Endpoint(_) => false,
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
            EntityRef::Document(DocumentRef::Endpoint(id)) => format!("VPC endpoint `{id}`"),
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
            EntityRef::Document(DocumentRef::Endpoint(id)) => {
                workspace.endpoints.iter().any(|e| &e.id == id)
            }
            EntityRef::Document(doc) => doc.text_in(workspace).is_some(),
            EntityRef::Group(name) => workspace.groups.iter().any(|g| &g.name == name),
            EntityRef::User(name) => workspace.users.iter().any(|u| &u.name == name),
            EntityRef::Role(name) => workspace.roles.iter().any(|r| &r.name == name),
        }
    }
}

impl From<Owner> for EntityRef {
    /// The group, user or role itself.
    fn from(owner: Owner) -> EntityRef {
        match owner {
            Owner::Group(name) => EntityRef::Group(name),
            Owner::User(name) => EntityRef::User(name),
            Owner::Role(name) => EntityRef::Role(name),
        }
    }
}
