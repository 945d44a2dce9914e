//! Imports the output of `aws iam get-account-authorization-details` (the
//! account's users, groups, roles and managed policies) as a workspace,
//! and says in plain sentences what it left out.
//!
//! - Customer managed policies become `policies`, with their default
//!   version's document; the other versions are skipped.
//! - AWS managed policies whose documents are in the file and that an
//!   imported user, group or role attaches become `awsManagedPolicies`;
//!   attached policies without a document are referenced by ARN (the
//!   playground looks AWS managed ones up in its catalog).
//! - Attachments and boundaries name a policy carried in the workspace by
//!   its name (by ARN when an AWS managed policy has a customer managed
//!   namesake), anything else by ARN.
//! - Service-linked roles (path `/aws-service-role/`) and instance profiles
//!   are skipped; the account comes from the ARNs.
//!
//! Documents may be JSON objects (as the AWS CLI prints them) or strings of
//! URL-encoded JSON (as the IAM API returns them); both are written in the
//! workspace style (see [`write_json`](super::write::write_json)).

mod document;
mod read;

use crate::diagnostic::Diagnostic;
use crate::json::parse_json;

use super::model::*;
use read::{Attachment, AwsPolicy, Details, Inline, account_in_arn, name_in_arn};

/// A workspace imported from another format, with what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedWorkspace {
    /// The workspace.
    pub workspace: Workspace,
    /// What the import skipped or could not carry over, one plain sentence
    /// each (lowercase, no final period), e.g. "skipped 2 instance profiles
    /// of role `web`: `web-a`, `web-b`".
    pub skipped: Vec<String>,
}

/// Reads the JSON output of `aws iam get-account-authorization-details` as
/// a workspace. Errors (malformed JSON, a member of the wrong type, an
/// entity without a name) carry their line and column in `text`.
pub fn import_authorization_details(text: &str) -> Result<ImportedWorkspace, Vec<Diagnostic>> {
    let json = parse_json(text).map_err(|e| vec![e])?;
    let details = read::details(&json)?;
    Ok(Importer::default().import(details))
}

/// The path of service-linked roles (and of their AWS managed policies).
const SERVICE_ROLE_PATH: &str = "/aws-service-role/";

/// An AWS managed policy whose document is in the file.
struct AwsCandidate {
    arn: String,
    policy: ManagedPolicy,
    attached: bool,
}

#[derive(Default)]
struct Importer {
    ws: Workspace,
    /// Imported customer managed policies: ARN and name.
    customer: Vec<(String, String)>,
    aws: Vec<AwsCandidate>,
    /// Attached policies without a document: name and ARN.
    missing: Vec<(String, String)>,
    skipped: Vec<String>,
}

impl Importer {
    fn import(mut self, details: Details) -> ImportedWorkspace {
        self.ws = Workspace::new();
        match main_account(&details) {
            Some(account) => self.ws.account = account,
            None => self.skipped.push(format!(
                "the file has no ARNs to take the account from; the workspace uses account `{DEFAULT_ACCOUNT}`"
            )),
        }
        if details.truncated {
            self.skipped.push(
                "the file is truncated (`IsTruncated` is true): the users, groups, roles and policies of later pages are missing; run the command without `--max-items`"
                    .to_owned(),
            );
        }
        self.policies(&details.policies);
        for g in &details.groups {
            let group = Group {
                name: g.name.clone(),
                path: path(g.path.as_ref()),
                managed_policies: self.references(&g.attached),
                inline_policies: inline(&g.inline),
            };
            self.ws.groups.push(group);
        }
        for u in &details.users {
            let user = User {
                name: u.name.clone(),
                path: path(u.path.as_ref()),
                account: self.other_account(u.arn.as_deref(), "user", &u.name),
                groups: u.groups.clone(),
                managed_policies: self.references(&u.attached),
                inline_policies: inline(&u.inline),
                permissions_boundary: u.boundary.as_ref().map(|b| self.boundary(b)),
                tags: u.tags.clone(),
                id: u.id.clone(),
            };
            self.ws.users.push(user);
        }
        self.roles(&details);
        self.finish(&details)
    }

    fn policies(&mut self, policies: &[AwsPolicy]) {
        let mut other_versions = Vec::new();
        for p in policies {
            let default = p.default();
            let others: Vec<String> = p
                .versions
                .iter()
                .filter(|v| !default.is_some_and(|d| std::ptr::eq(*v, d)))
                .map(|v| {
                    v.id.clone()
                        .unwrap_or_else(|| "a version without id".to_owned())
                })
                .collect();
            if !others.is_empty() {
                other_versions.push(format!("`{}` ({})", p.name, others.join(", ")));
            }
            let document = default.and_then(|v| v.document.clone());
            let is_aws = account_in_arn(&p.arn) == Some("aws");
            match (document, is_aws) {
                (Some(text), true) => self.aws.push(AwsCandidate {
                    arn: p.arn.clone(),
                    policy: managed_policy(p, text),
                    attached: false,
                }),
                (Some(text), false) => {
                    self.customer.push((p.arn.clone(), p.name.clone()));
                    self.ws.policies.push(managed_policy(p, text));
                }
                (None, true) => {}
                (None, false) => self.skipped.push(format!(
                    "customer managed policy `{}` has no default version in the file; it is left out",
                    p.name
                )),
            }
        }
        if !other_versions.is_empty() {
            self.skipped.push(format!(
                "skipped the non-default versions of {}: {}; only a policy's default version applies",
                count(other_versions.len(), "policy", "policies"),
                other_versions.join(", ")
            ));
        }
    }

    fn roles(&mut self, details: &Details) {
        let mut service_linked = Vec::new();
        for r in &details.roles {
            let role_path = path(r.path.as_ref());
            if role_path.starts_with(SERVICE_ROLE_PATH) {
                service_linked.push(r.name.clone());
                continue;
            }
            if !r.instance_profiles.is_empty() {
                self.skipped.push(format!(
                    "skipped {} of role `{}`: {}",
                    count(
                        r.instance_profiles.len(),
                        "instance profile",
                        "instance profiles"
                    ),
                    r.name,
                    quoted(&r.instance_profiles)
                ));
            }
            let role = Role {
                name: r.name.clone(),
                path: role_path,
                account: self.other_account(r.arn.as_deref(), "role", &r.name),
                managed_policies: self.references(&r.attached),
                inline_policies: inline(&r.inline),
                permissions_boundary: r.boundary.as_ref().map(|b| self.boundary(b)),
                trust_policy: r.trust.as_ref().map(Document::new),
                tags: r.tags.clone(),
                id: r.id.clone(),
            };
            self.ws.roles.push(role);
        }
        if !service_linked.is_empty() {
            self.skipped.push(format!(
                "skipped {} (path `{SERVICE_ROLE_PATH}`): {}",
                count(
                    service_linked.len(),
                    "service-linked role",
                    "service-linked roles"
                ),
                quoted(&service_linked)
            ));
        }
    }

    fn finish(mut self, details: &Details) -> ImportedWorkspace {
        let mut unattached = Vec::new();
        for c in std::mem::take(&mut self.aws) {
            if c.attached {
                self.ws.aws_managed_policies.push(c.policy);
            } else {
                unattached.push(c.policy.name);
            }
        }
        if !unattached.is_empty() {
            self.skipped.push(format!(
                "skipped {} that nothing imported attaches: {}",
                count(
                    unattached.len(),
                    "AWS managed policy",
                    "AWS managed policies"
                ),
                quoted(&unattached)
            ));
        }
        for (name, arn) in &self.missing {
            self.skipped.push(format!(
                "policy `{name}` is attached but its document is not in the file; it is referenced by ARN (`{arn}`)"
            ));
        }
        for u in &self.ws.users {
            for g in &u.groups {
                if !self.ws.groups.iter().any(|x| &x.name == g) {
                    self.skipped.push(format!(
                        "user `{}` is in group `{g}`, which is not in the file",
                        u.name
                    ));
                }
            }
        }
        self.ws.name = Some(format!("Account {}", self.ws.account));
        self.ws.description = Some(format!(
            "Imported from `aws iam get-account-authorization-details`: {}, {}, {} and {}.",
            count(details.users.len(), "user", "users"),
            count(details.groups.len(), "group", "groups"),
            count(self.ws.roles.len(), "role", "roles"),
            count(
                self.ws.policies.len(),
                "customer managed policy",
                "customer managed policies"
            ),
        ));
        ImportedWorkspace {
            workspace: self.ws,
            skipped: self.skipped,
        }
    }

    fn references(&mut self, attached: &[Attachment]) -> Vec<String> {
        attached
            .iter()
            .map(|a| self.reference(&a.arn, &a.name))
            .collect()
    }

    fn boundary(&mut self, arn: &str) -> String {
        self.reference(arn, name_in_arn(arn))
    }

    /// How the workspace names the policy with this ARN: by name when it
    /// carries the policy (and the name is unambiguous), else by ARN.
    fn reference(&mut self, arn: &str, name: &str) -> String {
        if let Some((_, n)) = self.customer.iter().find(|(a, _)| a == arn) {
            return n.clone();
        }
        if let Some(c) = self.aws.iter_mut().find(|c| c.arn == arn) {
            c.attached = true;
            let name = &c.policy.name;
            return if self.customer.iter().any(|(_, n)| n == name) {
                arn.to_owned()
            } else {
                name.clone()
            };
        }
        if !self.missing.iter().any(|(_, a)| a == arn) {
            self.missing.push((name.to_owned(), arn.to_owned()));
        }
        arn.to_owned()
    }

    /// The entity's account when its ARN names another account than the
    /// workspace's.
    fn other_account(&mut self, arn: Option<&str>, kind: &str, name: &str) -> Option<String> {
        let account = arn.and_then(account_in_arn)?;
        (account != self.ws.account).then(|| {
            self.skipped.push(format!(
                "{kind} `{name}` is in account `{account}`, not `{}`; it keeps its account",
                self.ws.account
            ));
            account.to_owned()
        })
    }
}

/// The account of the first user, group, role or customer managed policy
/// whose ARN names one.
fn main_account(details: &Details) -> Option<String> {
    let arns = details
        .users
        .iter()
        .filter_map(|u| u.arn.as_deref())
        .chain(details.groups.iter().filter_map(|g| g.arn.as_deref()))
        .chain(details.roles.iter().filter_map(|r| r.arn.as_deref()))
        .chain(details.policies.iter().map(|p| p.arn.as_str()));
    arns.filter_map(account_in_arn)
        .find(|a| *a != "aws")
        .map(str::to_owned)
}

fn path(path: Option<&String>) -> String {
    path.cloned().unwrap_or_else(|| "/".to_owned())
}

fn managed_policy(p: &AwsPolicy, text: String) -> ManagedPolicy {
    ManagedPolicy {
        name: p.name.clone(),
        path: path(p.path.as_ref()),
        description: p.description.clone().filter(|d| !d.is_empty()),
        document: Document::new(text),
    }
}

fn inline(policies: &[Inline]) -> Vec<InlinePolicy> {
    policies
        .iter()
        .map(|p| InlinePolicy {
            name: p.name.clone(),
            document: Document::new(p.document.clone()),
        })
        .collect()
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
