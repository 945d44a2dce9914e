//! Which policy document of a workspace: a typed, stable name that
//! survives edits elsewhere in the workspace (entities are named, never
//! numbered, except resources and saved requests, which have no unique
//! name). Its text form (`Display`/`FromStr`) is for places that must
//! write an id out: URLs, the JavaScript API, the editor's model keys.
//!
//! | document | text form |
//! |---|---|
//! | customer managed policy `P` | `managed/P` |
//! | AWS managed policy (carried or from the catalog) | `aws/arn:aws:iam::aws:policy/P` |
//! | inline policy `P` of group / user / role `E` | `group/E/P`, `user/E/P`, `role/E/P` |
//! | trust policy of role `R` | `trust/R` |
//! | SCP or RCP `P` of the organization | `org/P` |
//! | policy of the workspace's `resources[i]` | `resource/i` |
//! | endpoint policy of VPC endpoint `E` | `endpoint/E` |
//! | session policy of saved request `i` / of a request given alone | `request/i/session`, `request/given/session` |
//! | policy `n` given with saved request `i` / with a request given alone | `request/i/policy/n`, `request/given/policy/n` |
//!
//! Names are written with `%` as `%25` and `/` as `%2F`, so any name
//! reads back; the ARN of an AWS managed policy is the rest of the text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An entity that holds inline policies and attachments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

    /// `group`, `user` or `role`.
    pub fn noun(&self) -> &'static str {
        match self {
            Owner::Group(_) => "group",
            Owner::User(_) => "user",
            Owner::Role(_) => "role",
        }
    }

    /// e.g. "group `Force_MFA`".
    pub fn describe(&self) -> String {
        format!("{} `{}`", self.noun(), self.name())
    }
}

/// A saved request of the workspace, or the request given on its own
/// (to [`Engine::evaluate`](super::Engine::evaluate) with policies of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequestSlot {
    /// `requests[i]`.
    Saved(usize),
    /// The request being evaluated, not saved in the workspace.
    Given,
}

/// One policy document of a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentId {
    /// A customer managed policy, by name.
    Managed(String),
    /// An AWS managed policy, by ARN: carried in the workspace
    /// (`awsManagedPolicies`) or looked up in the catalog.
    AwsManaged(String),
    /// An inline policy of a group, user or role, by name.
    Inline(Owner, String),
    /// The trust policy of a role, by the role's name.
    Trust(String),
    /// An SCP or RCP of the organization, by name.
    Organization(String),
    /// The resource-based policy of `resources[i]`.
    Resource(usize),
    /// The endpoint policy of a VPC endpoint, by its id.
    Endpoint(String),
    /// The session policy of a request.
    Session(RequestSlot),
    /// A policy given directly with a request, numbered from 0 in the
    /// order identity, boundary, resource, SCPs, RCPs.
    RequestPolicy(RequestSlot, usize),
}

impl DocumentId {
    /// Whether the document belongs to saved request `request` (its
    /// session policy or a policy given with it).
    pub fn belongs_to_request(&self, request: usize) -> bool {
        matches!(
            self,
            DocumentId::Session(RequestSlot::Saved(r)) | DocumentId::RequestPolicy(RequestSlot::Saved(r), _)
                if *r == request
        )
    }

    /// Whether the text of the document cannot be changed by the user
    /// (AWS managed policies).
    pub fn is_read_only(&self) -> bool {
        matches!(self, DocumentId::AwsManaged(_))
    }

    /// The policy's name as people see it, where the id holds it
    /// (`AmazonEC2FullAccess` for its ARN); `None` for documents named
    /// by position.
    pub fn name(&self) -> Option<&str> {
        match self {
            DocumentId::Managed(name)
            | DocumentId::Inline(_, name)
            | DocumentId::Organization(name) => Some(name),
            DocumentId::AwsManaged(arn) => Some(arn.rsplit('/').next().unwrap_or(arn)),
            DocumentId::Trust(_)
            | DocumentId::Resource(_)
            | DocumentId::Endpoint(_)
            | DocumentId::Session(_)
            | DocumentId::RequestPolicy(..) => None,
        }
    }

    /// What kind of document it is, e.g. "Customer managed policy" or
    /// "Inline policy of group `G`".
    pub fn kind_label(&self) -> String {
        match self {
            DocumentId::Managed(_) => "Customer managed policy".to_owned(),
            DocumentId::AwsManaged(_) => "AWS managed policy · read-only".to_owned(),
            DocumentId::Inline(owner, _) => format!("Inline policy of {}", owner.describe()),
            DocumentId::Trust(role) => format!("Trust policy of role `{role}`"),
            DocumentId::Organization(_) => "Organization policy".to_owned(),
            DocumentId::Resource(_) => "Resource-based policy".to_owned(),
            DocumentId::Endpoint(id) => format!("Endpoint policy of VPC endpoint `{id}`"),
            DocumentId::Session(_) => "Session policy".to_owned(),
            DocumentId::RequestPolicy(..) => "Policy given with the request".to_owned(),
        }
    }
}

fn escape(name: &str, out: &mut String) {
    for c in name.chars() {
        match c {
            '%' => out.push_str("%25"),
            '/' => out.push_str("%2F"),
            c => out.push(c),
        }
    }
}

fn unescape(text: &str) -> Result<String, DocumentIdError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3);
        match code {
            Some("25") => out.push('%'),
            Some(c) if c.eq_ignore_ascii_case("2F") => out.push('/'),
            _ => return Err(DocumentIdError::new(text, "`%` must start `%25` or `%2F`")),
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

impl std::fmt::Display for RequestSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestSlot::Saved(i) => write!(f, "{i}"),
            RequestSlot::Given => f.write_str("given"),
        }
    }
}

impl std::fmt::Display for DocumentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        match self {
            DocumentId::Managed(name) => {
                out.push_str("managed/");
                escape(name, &mut out);
            }
            DocumentId::AwsManaged(arn) => {
                out.push_str("aws/");
                out.push_str(arn);
            }
            DocumentId::Inline(owner, name) => {
                out.push_str(owner.noun());
                out.push('/');
                escape(owner.name(), &mut out);
                out.push('/');
                escape(name, &mut out);
            }
            DocumentId::Trust(role) => {
                out.push_str("trust/");
                escape(role, &mut out);
            }
            DocumentId::Organization(name) => {
                out.push_str("org/");
                escape(name, &mut out);
            }
            DocumentId::Resource(i) => out = format!("resource/{i}"),
            DocumentId::Endpoint(id) => {
                out.push_str("endpoint/");
                escape(id, &mut out);
            }
            DocumentId::Session(slot) => out = format!("request/{slot}/session"),
            DocumentId::RequestPolicy(slot, n) => out = format!("request/{slot}/policy/{n}"),
        }
        f.write_str(&out)
    }
}

/// Text that is no document id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a document id: {why}")]
pub struct DocumentIdError {
    /// The text.
    pub text: String,
    /// What is wrong with it.
    pub why: &'static str,
}

impl DocumentIdError {
    fn new(text: &str, why: &'static str) -> Self {
        Self {
            text: text.to_owned(),
            why,
        }
    }
}

impl std::str::FromStr for DocumentId {
    type Err = DocumentIdError;

    fn from_str(text: &str) -> Result<DocumentId, DocumentIdError> {
        let bad = |why| DocumentIdError::new(text, why);
        let (kind, rest) = text
            .split_once('/')
            .ok_or_else(|| bad("expected `kind/…`"))?;
        let name = |s: &str| -> Result<String, DocumentIdError> {
            if s.is_empty() || s.contains('/') {
                Err(bad("expected one name without `/`"))
            } else {
                unescape(s)
            }
        };
        let number = |s: &str| s.parse::<usize>().map_err(|_| bad("expected a number"));
        match kind {
            "managed" => Ok(DocumentId::Managed(name(rest)?)),
            "aws" if rest.starts_with("arn:") => Ok(DocumentId::AwsManaged(rest.to_owned())),
            "aws" => Err(bad("expected an ARN after `aws/`")),
            "group" | "user" | "role" => {
                let (owner, policy) = rest
                    .split_once('/')
                    .ok_or_else(|| bad("expected `owner/policy`"))?;
                let owner = name(owner)?;
                let owner = match kind {
                    "group" => Owner::Group(owner),
                    "user" => Owner::User(owner),
                    _ => Owner::Role(owner),
                };
                Ok(DocumentId::Inline(owner, name(policy)?))
            }
            "trust" => Ok(DocumentId::Trust(name(rest)?)),
            "org" => Ok(DocumentId::Organization(name(rest)?)),
            "resource" => Ok(DocumentId::Resource(number(rest)?)),
            "endpoint" => Ok(DocumentId::Endpoint(name(rest)?)),
            "request" => {
                let mut parts = rest.split('/');
                let slot = match parts.next() {
                    Some("given") => RequestSlot::Given,
                    Some(n) => RequestSlot::Saved(number(n)?),
                    None => return Err(bad("expected a request")),
                };
                match (parts.next(), parts.next(), parts.next()) {
                    (Some("session"), None, None) => Ok(DocumentId::Session(slot)),
                    (Some("policy"), Some(n), None) => {
                        Ok(DocumentId::RequestPolicy(slot, number(n)?))
                    }
                    _ => Err(bad("expected `session` or `policy/N` after the request")),
                }
            }
            _ => Err(bad(
                "unknown kind; expected managed, aws, group, user, role, trust, org, resource, endpoint or request",
            )),
        }
    }
}

impl Serialize for DocumentId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocumentId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DocumentId, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_text() {
        let ids = [
            DocumentId::Managed("Force_MFA".into()),
            DocumentId::Managed("odd/name%".into()),
            DocumentId::AwsManaged("arn:aws:iam::aws:policy/service-role/AWSLambdaRole".into()),
            DocumentId::Inline(Owner::Group("Admins".into()), "inline".into()),
            DocumentId::Inline(Owner::User("a/b".into()), "p".into()),
            DocumentId::Inline(Owner::Role("r".into()), "%2F".into()),
            DocumentId::Trust("deploy".into()),
            DocumentId::Organization("DenyRegions".into()),
            DocumentId::Resource(3),
            DocumentId::Endpoint("vpce-1a2b3c4d".into()),
            DocumentId::Session(RequestSlot::Saved(0)),
            DocumentId::Session(RequestSlot::Given),
            DocumentId::RequestPolicy(RequestSlot::Saved(12), 4),
            DocumentId::RequestPolicy(RequestSlot::Given, 0),
        ];
        for id in ids {
            let text = id.to_string();
            assert_eq!(text.parse::<DocumentId>(), Ok(id.clone()), "{text}");
        }
        assert_eq!(
            DocumentId::Managed("odd/name%".into()).to_string(),
            "managed/odd%2Fname%25"
        );
        assert_eq!(
            DocumentId::Inline(Owner::Group("G".into()), "P".into()).to_string(),
            "group/G/P"
        );
    }

    #[test]
    fn malformed_ids_say_why() {
        for text in [
            "",
            "managed",
            "managed/",
            "managed/a/b",
            "aws/Foo",
            "group/G",
            "resource/x",
            "request/1",
            "request/1/policy",
            "request/1/session/2",
            "policy/x",
            "managed/a%zz",
        ] {
            assert!(text.parse::<DocumentId>().is_err(), "{text}");
        }
    }
}
