//! Every policy document of a workspace, parsed and linted once: the
//! documents the workspace holds, in the workspace's order, then the AWS
//! managed policies its entities attach that come from the catalog.
//!
//! After an entity edit the list is rebuilt, but a document whose id,
//! kind and text are unchanged (or, after a rename, whose kind and text
//! are) keeps its parsed form: only what changed is parsed again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::diagnostic::Diagnostic;
use crate::lint::lint_policy;
use crate::policy::{Policy, PolicyKind, parse_policy};
use crate::workspace::managed::{ManagedPolicySource, aws_arn};
use crate::workspace::{Document, Workspace};

use super::document_id::{DocumentId, Owner, RequestSlot};

/// One document, parsed and linted.
#[derive(Debug, Clone)]
pub struct CompiledDocument {
    /// Which document.
    pub id: DocumentId,
    /// The policy's name as people see it (shared with the evaluations
    /// that consult it).
    pub name: std::sync::Arc<str>,
    /// How it is read.
    pub kind: PolicyKind,
    /// The parsed policy, when it has no errors.
    pub policy: Option<Policy>,
    /// Parse errors and warnings, then (when it parses) lint findings;
    /// sorted by where they start, then severity.
    pub diagnostics: Vec<Diagnostic>,
    /// The managed policy's ARN, for AWS managed policies.
    pub arn: Option<String>,
    /// The AWS managed policy's version, for catalog policies.
    pub version_id: Option<String>,
    /// The text, for documents the workspace does not hold (catalog
    /// policies); the others' text is in the workspace.
    pub(super) own_text: Option<String>,
    /// Identifies the kind and text it was compiled from.
    fingerprint: u64,
}

impl CompiledDocument {
    /// Parses and lints `text` read as `kind`.
    pub(super) fn compile(id: DocumentId, name: String, kind: PolicyKind, text: &str) -> Self {
        let (policy, diagnostics) = check(text, kind, !id.is_read_only());
        CompiledDocument {
            id,
            name: name.into(),
            kind,
            policy,
            diagnostics,
            arn: None,
            version_id: None,
            own_text: None,
            fingerprint: fingerprint(kind, text),
        }
    }

    /// Takes in a new text, parsing and linting it.
    pub(super) fn recompile(&mut self, text: &str) {
        let (policy, diagnostics) = check(text, self.kind, !self.id.is_read_only());
        self.policy = policy;
        self.diagnostics = diagnostics;
        self.fingerprint = fingerprint(self.kind, text);
    }

    /// Whether the document has an error (then it has no policy).
    pub fn has_errors(&self) -> bool {
        self.policy.is_none()
    }
}

/// Parses `text` as `kind`, and lints it when it parses and `lint` is
/// set (AWS managed policies are not linted: nobody can change them).
/// Findings sorted by where they start, then severity.
pub(crate) fn check(text: &str, kind: PolicyKind, lint: bool) -> (Option<Policy>, Vec<Diagnostic>) {
    let parsed = parse_policy(text, kind);
    let mut diagnostics = parsed.diagnostics;
    if lint && let Some(policy) = &parsed.policy {
        diagnostics.extend(lint_policy(policy, kind));
    }
    crate::diagnostic::sort_by_place(&mut diagnostics);
    (parsed.policy, diagnostics)
}

fn fingerprint(kind: PolicyKind, text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    kind.hash(&mut hasher);
    text.hash(&mut hasher);
    hasher.finish()
}

/// A document the workspace holds, as the compiler visits it.
pub(super) struct Slot<'w> {
    pub id: DocumentId,
    pub name: String,
    pub kind: PolicyKind,
    pub document: &'w Document,
}

/// Every document `ws` holds, in the workspace's order: customer managed
/// policies, carried AWS managed policies, inline policies of groups,
/// users and roles (with each role's trust policy), the organization's
/// SCPs and RCPs, resource policies, then saved requests' policies.
pub(super) fn slots(ws: &Workspace) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    for p in &ws.policies {
        out.push(Slot {
            id: DocumentId::Managed(p.name.clone()),
            name: p.name.clone(),
            kind: PolicyKind::Identity,
            document: &p.document,
        });
    }
    for p in &ws.aws_managed_policies {
        out.push(Slot {
            id: DocumentId::AwsManaged(aws_arn(p)),
            name: p.name.clone(),
            kind: PolicyKind::Identity,
            document: &p.document,
        });
    }
    let inline = ws
        .groups
        .iter()
        .map(|g| (Owner::Group(g.name.clone()), &g.inline_policies))
        .chain(
            ws.users
                .iter()
                .map(|u| (Owner::User(u.name.clone()), &u.inline_policies)),
        );
    for (owner, policies) in inline {
        for p in policies {
            out.push(Slot {
                id: DocumentId::Inline(owner.clone(), p.name.clone()),
                name: p.name.clone(),
                kind: PolicyKind::Identity,
                document: &p.document,
            });
        }
    }
    for role in &ws.roles {
        for p in &role.inline_policies {
            out.push(Slot {
                id: DocumentId::Inline(Owner::Role(role.name.clone()), p.name.clone()),
                name: p.name.clone(),
                kind: PolicyKind::Identity,
                document: &p.document,
            });
        }
        if let Some(trust) = &role.trust_policy {
            out.push(Slot {
                id: DocumentId::Trust(role.name.clone()),
                name: format!("{} trust policy", role.name),
                kind: PolicyKind::Resource,
                document: trust,
            });
        }
    }
    if let Some(org) = &ws.organization {
        for p in &org.policies {
            let is_rcp = org
                .levels
                .iter()
                .any(|l| l.rcps.iter().any(|r| r == &p.name));
            out.push(Slot {
                id: DocumentId::Organization(p.name.clone()),
                name: p.name.clone(),
                kind: if is_rcp {
                    PolicyKind::ResourceControl
                } else {
                    PolicyKind::ServiceControl
                },
                document: &p.document,
            });
        }
    }
    for (i, r) in ws.resources.iter().enumerate() {
        let name = r
            .name
            .clone()
            .or_else(|| r.arns.first().cloned())
            .unwrap_or_else(|| format!("resource {}", i + 1));
        out.push(Slot {
            id: DocumentId::Resource(i),
            name,
            kind: PolicyKind::Resource,
            document: &r.policy,
        });
    }
    for e in &ws.endpoints {
        if let Some(policy) = &e.policy {
            out.push(Slot {
                id: DocumentId::Endpoint(e.id.clone()),
                name: format!("endpoint {}", e.id),
                kind: PolicyKind::Resource,
                document: policy,
            });
        }
    }
    for (i, req) in ws.requests.iter().enumerate() {
        request_slots(RequestSlot::Saved(i), req, &mut out);
    }
    out
}

/// The documents of one request: its session policy, then the policies
/// given with it, numbered in the order identity, boundary, resource,
/// SCPs, RCPs.
pub(super) fn request_slots<'w>(
    slot: RequestSlot,
    req: &'w crate::workspace::RequestSpec,
    out: &mut Vec<Slot<'w>>,
) {
    if let Some(doc) = &req.session_policy {
        out.push(Slot {
            id: DocumentId::Session(slot),
            name: "session policy".to_owned(),
            kind: PolicyKind::Identity,
            document: doc,
        });
    }
    let Some(custom) = &req.policies else { return };
    let mut n = 0;
    let mut push = |name: String, kind: PolicyKind, document: &'w Document| {
        out.push(Slot {
            id: DocumentId::RequestPolicy(slot, n),
            name,
            kind,
            document,
        });
        n += 1;
    };
    for (j, doc) in custom.identity.iter().enumerate() {
        push(
            format!("identity policy {}", j + 1),
            PolicyKind::Identity,
            doc,
        );
    }
    if let Some(doc) = &custom.permissions_boundary {
        push("permissions boundary".to_owned(), PolicyKind::Identity, doc);
    }
    if let Some(doc) = &custom.resource {
        push("resource policy".to_owned(), PolicyKind::Resource, doc);
    }
    for (l, level) in custom.scps.iter().enumerate() {
        for (j, doc) in level.iter().enumerate() {
            push(
                format!("SCP {}.{}", l + 1, j + 1),
                PolicyKind::ServiceControl,
                doc,
            );
        }
    }
    for (l, level) in custom.rcps.iter().enumerate() {
        for (j, doc) in level.iter().enumerate() {
            push(
                format!("RCP {}.{}", l + 1, j + 1),
                PolicyKind::ResourceControl,
                doc,
            );
        }
    }
}

/// The compiled documents of a workspace, found by id.
#[derive(Debug, Clone, Default)]
pub struct Documents {
    list: Vec<CompiledDocument>,
    index: HashMap<DocumentId, usize>,
    /// Parses since the engine was made.
    parses: u64,
}

impl Documents {
    /// Every document of `ws` compiled, reusing what `previous` already
    /// compiled from the same kind and text; then the AWS managed
    /// policies its entities attach by a name the workspace does not
    /// hold, from `source` (those the source does not know are returned
    /// as unresolved names).
    pub(super) fn build(
        ws: &Workspace,
        source: &dyn ManagedPolicySource,
        previous: Documents,
    ) -> (Documents, Vec<String>) {
        let parses = previous.parses;
        let mut old_by_id = previous.index;
        let mut old: Vec<Option<CompiledDocument>> = previous.list.into_iter().map(Some).collect();
        // After a rename, a document keeps its parse by kind and text.
        let mut by_fingerprint: HashMap<u64, usize> = HashMap::new();
        for (i, d) in old.iter().enumerate() {
            if let Some(d) = d {
                by_fingerprint.entry(d.fingerprint).or_insert(i);
            }
        }
        let mut docs = Documents {
            parses,
            ..Documents::default()
        };
        for slot in slots(ws) {
            let wanted = fingerprint(slot.kind, &slot.document.text);
            let reuse = old_by_id
                .remove(&slot.id)
                .filter(|&i| old[i].as_ref().is_some_and(|d| d.fingerprint == wanted))
                .or_else(|| {
                    by_fingerprint
                        .get(&wanted)
                        .copied()
                        .filter(|&i| old[i].is_some())
                });
            let compiled = match reuse.and_then(|i| old[i].take()) {
                Some(mut d) => {
                    d.id = slot.id;
                    d.name = slot.name.into();
                    d
                }
                None => {
                    docs.parses += 1;
                    CompiledDocument::compile(slot.id, slot.name, slot.kind, &slot.document.text)
                }
            };
            docs.push(compiled);
        }
        let mut unresolved = Vec::new();
        for name in attached_names(ws) {
            if docs.managed_in(ws, name).is_some() || unresolved.iter().any(|u| u == name) {
                continue;
            }
            match source.aws_managed_policy(name) {
                Some(aws) => {
                    let id = DocumentId::AwsManaged(aws.arn.clone());
                    if docs.index.contains_key(&id) {
                        continue;
                    }
                    let kept = old.iter_mut().find_map(|d| {
                        d.as_ref()
                            .is_some_and(|d| {
                                d.id == id && d.version_id.as_deref() == Some(&aws.version_id)
                            })
                            .then(|| d.take())
                            .flatten()
                    });
                    let compiled = kept.unwrap_or_else(|| {
                        docs.parses += 1;
                        let mut d = CompiledDocument::compile(
                            id,
                            aws.name.clone(),
                            PolicyKind::Identity,
                            &aws.document,
                        );
                        d.arn = Some(aws.arn.clone());
                        d.version_id = Some(aws.version_id.clone());
                        d.own_text = Some(aws.document);
                        d
                    });
                    docs.push(compiled);
                }
                None => unresolved.push(name.to_owned()),
            }
        }
        (docs, unresolved)
    }

    fn push(&mut self, d: CompiledDocument) {
        self.index.insert(d.id.clone(), self.list.len());
        self.list.push(d);
    }

    /// Every document, in the workspace's order.
    pub fn iter(&self) -> impl Iterator<Item = &CompiledDocument> {
        self.list.iter()
    }

    /// The document with this id.
    pub fn get(&self, id: &DocumentId) -> Option<&CompiledDocument> {
        self.index.get(id).and_then(|&i| self.list.get(i))
    }

    /// Parses `id` again from `text`.
    pub(super) fn recompile(&mut self, id: &DocumentId, text: &str) -> bool {
        match self.index.get(id).and_then(|&i| self.list.get_mut(i)) {
            Some(d) => {
                d.recompile(text);
                self.parses += 1;
                true
            }
            None => false,
        }
    }

    /// No document, but the count of parses: what [`Documents::build`]
    /// takes as the previous documents to parse every one again.
    pub(super) fn without_parses(self) -> Documents {
        Documents {
            parses: self.parses,
            ..Documents::default()
        }
    }

    /// Parses since the engine was made.
    pub(super) fn parse_count(&self) -> u64 {
        self.parses
    }

    /// The position of the document with this id.
    pub(super) fn position(&self, id: &DocumentId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The document at a position.
    pub(super) fn at(&self, i: usize) -> Option<&CompiledDocument> {
        self.list.get(i)
    }

    /// The managed policy a group, user or role attaches as `name` (a
    /// name or an ARN): customer managed first, then AWS managed (carried
    /// in the workspace, then from the catalog).
    pub(super) fn managed_in(&self, ws: &Workspace, name: &str) -> Option<usize> {
        use crate::workspace::managed::{customer_arn, names_policy};
        if let Some(p) = ws
            .policies
            .iter()
            .find(|p| names_policy(name, p, || customer_arn(ws, p)))
        {
            return self.position(&DocumentId::Managed(p.name.clone()));
        }
        if let Some(p) = ws
            .aws_managed_policies
            .iter()
            .find(|p| names_policy(name, p, || aws_arn(p)))
        {
            return self.position(&DocumentId::AwsManaged(aws_arn(p)));
        }
        if name.starts_with("arn:") {
            return self.position(&DocumentId::AwsManaged(name.to_owned()));
        }
        self.list.iter().position(|d| {
            d.own_text.is_some() && matches!(&d.id, DocumentId::AwsManaged(_)) && *d.name == *name
        })
    }
}

/// Every managed policy name or ARN that a group, user or role attaches
/// or uses as a boundary, in the workspace's order.
fn attached_names(ws: &Workspace) -> Vec<&str> {
    let mut attached: Vec<&str> = Vec::new();
    for g in &ws.groups {
        attached.extend(g.managed_policies.iter().map(String::as_str));
    }
    for u in &ws.users {
        attached.extend(u.managed_policies.iter().map(String::as_str));
        attached.extend(u.permissions_boundary.as_deref());
    }
    for r in &ws.roles {
        attached.extend(r.managed_policies.iter().map(String::as_str));
        attached.extend(r.permissions_boundary.as_deref());
    }
    attached
}
