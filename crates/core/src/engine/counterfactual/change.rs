//! The one change a counterfactual makes: to the request's context keys,
//! to the workspace's policies, to who asks, or to the resource.

use serde::{Deserialize, Serialize};

use crate::engine::{DocumentId, Owner};
use crate::request::ContextValue;
use crate::workspace::{PrincipalSpec, RequestSpec};

/// A context key set to a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeySetting {
    /// The condition key, as the condition writes it.
    pub key: String,
    /// Its value in the changed request.
    pub value: ContextValue,
}

/// One statement of a workspace document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementAt {
    /// The document that holds it.
    pub document: DocumentId,
    /// Its index in the document, from 0.
    pub statement: usize,
    /// `Policy › Sid` or `Policy › statement N`, as the response labels it.
    pub label: String,
}

/// Whether another principal is a user or a role of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// An IAM user.
    User,
    /// An IAM role (the request is made by a session of it).
    Role,
}

impl EntityKind {
    /// `user` or `role`.
    pub fn describe(self) -> &'static str {
        match self {
            EntityKind::User => "user",
            EntityKind::Role => "role",
        }
    }
}

/// The kind of entity a managed policy is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachedTo {
    /// An IAM user.
    User,
    /// An IAM group.
    Group,
    /// An IAM role.
    Role,
}

/// A managed policy attached to a user, group or role of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The policy (`aws/ARN` for an AWS managed policy).
    pub document: DocumentId,
    /// What it is attached to.
    pub entity: AttachedTo,
    /// The user's, group's or role's name.
    pub name: String,
    /// The policy as the entity lists it: its name or ARN.
    pub listed: String,
}

impl Attachment {
    /// The user, group or role the policy is attached to.
    pub fn owner(&self) -> Owner {
        let name = self.name.clone();
        match self.entity {
            AttachedTo::User => Owner::User(name),
            AttachedTo::Group => Owner::Group(name),
            AttachedTo::Role => Owner::Role(name),
        }
    }
}

/// What a counterfactual changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The request's context keys: some set (added or given another
    /// value), some removed.
    Context {
        /// Keys set, in the order the sentence names them.
        set: Vec<KeySetting>,
        /// Keys removed from the request.
        remove: Vec<String>,
    },
    /// Statements removed from the workspace's documents. A policy needs
    /// a statement, so a document left without any is deleted from the
    /// workspace: a customer managed policy (its attachments then name
    /// nothing), an inline policy, an SCP or RCP, a saved request's
    /// session policy, or a VPC endpoint's policy (the endpoint then has
    /// AWS's default policy).
    RemoveStatements {
        /// The statements, in evaluation order.
        statements: Vec<StatementAt>,
        /// The documents left without statements, deleted.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        deleted: Vec<DocumentId>,
    },
    /// A new inline policy of the request's user or role.
    AddPolicy {
        /// Its id (`user/U/P` or `role/R/P`): the owner and the policy's name.
        document: DocumentId,
        /// The policy document's text, one Allow statement.
        text: String,
    },
    /// The same request made by another user or role of the workspace.
    Principal {
        /// A user or a role.
        entity: EntityKind,
        /// Its name.
        name: String,
    },
    /// AWS managed policies (which a user cannot edit) detached from the
    /// request's user, its groups or its role: every attachment of them
    /// that applies to the request.
    Detach {
        /// The attachments removed.
        attachments: Vec<Attachment>,
    },
    /// The same request on another resource, one the workspace names for
    /// the request's action. The resource's account is the one the
    /// workspace gives it (a resource of the workspace with an account),
    /// else its ARN's, else the caller's: the request's own resource
    /// account is not kept.
    Resource {
        /// The resource's ARN.
        arn: String,
    },
}

impl Change {
    /// The request with this change made, for a change of the request
    /// (context keys, principal or resource); `None` for a change of the workspace.
    /// A role's session keeps the request's session name, or is named
    /// `session` when the request was not a role's.
    pub fn apply_to_request(&self, request: &RequestSpec) -> Option<RequestSpec> {
        let mut changed = request.clone();
        match self {
            Change::Context { set, remove } => {
                for key in remove {
                    changed.context.remove(key);
                }
                for s in set {
                    changed.context.insert(s.key.clone(), s.value.clone());
                }
            }
            Change::Principal { entity, name } => {
                changed.principal = match entity {
                    EntityKind::User => PrincipalSpec::user(name.clone()),
                    EntityKind::Role => PrincipalSpec::RoleSession {
                        role: name.clone(),
                        session: match &request.principal {
                            PrincipalSpec::RoleSession { session, .. } => session.clone(),
                            _ => "session".to_owned(),
                        },
                    },
                };
            }
            Change::Resource { arn } => {
                changed.resource.clone_from(arn);
                changed.resource_account = None;
            }
            Change::RemoveStatements { .. } | Change::AddPolicy { .. } | Change::Detach { .. } => {
                return None;
            }
        }
        Some(changed)
    }
}
