//! From a request to the policies that apply to it: the caller's
//! identity-based policies (a user's own, then each group's; or a role's),
//! its permissions boundary, the session policy, the resource's policies
//! (and a role's trust policy for `sts:AssumeRole*`), and the
//! organization's SCPs and RCPs.
//!
//! What does not depend on the request (each user's and role's policies,
//! the organization's levels, the words that say where a policy is
//! attached) is worked out once per workspace shape, in [`Layout`]; a
//! request then only looks things up.

use crate::eval::governed::{rcp_exemption, scp_exemption};
use crate::eval::{AppliedPolicy, OrgLevel, PolicySet};
use crate::matching::wildcard_match;
use crate::policy::{Policy, PolicyKind, parse_policy};
use crate::principal::Principal;
use crate::request::Request;
use crate::workspace::managed::{FULL_AWS_ACCESS, norm_path};
use crate::workspace::{CustomPolicies, PrincipalSpec, RequestSpec, Workspace};

use super::document_id::{DocumentId, RequestSlot};
use super::documents::{CompiledDocument, Documents};

/// Why a request could not be resolved to policies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The request names a user that is not in the workspace.
    #[error("there is no user `{0}` in the workspace")]
    UnknownUser(String),
    /// The request names a role that is not in the workspace.
    #[error("there is no role `{0}` in the workspace")]
    UnknownRole(String),
    /// A policy that applies has errors.
    #[error("policy `{name}` has errors; fix them to see the decision")]
    InvalidPolicy {
        /// The policy's name.
        name: String,
        /// Its document, when it has one in the workspace.
        document: Option<DocumentId>,
    },
    /// A saved request number the workspace does not have.
    #[error("the workspace has no saved request {0} (it has {1}, numbered from 0)")]
    UnknownRequest(usize, usize),
    /// The request comes through a VPC endpoint the workspace does not have.
    #[error("there is no VPC endpoint `{0}` in the workspace")]
    UnknownEndpoint(String),
}

impl ResolveError {
    /// The problem code that names this error.
    pub fn code(&self) -> crate::Code {
        match self {
            ResolveError::UnknownUser(_) => crate::Code::UnknownUser,
            ResolveError::UnknownRole(_) => crate::Code::UnknownRole,
            ResolveError::InvalidPolicy { .. } => crate::Code::PolicyHasErrors,
            ResolveError::UnknownRequest(..) => crate::Code::UnknownRequest,
            ResolveError::UnknownEndpoint(_) => crate::Code::UnknownEndpoint,
        }
    }
}

/// A policy of the workspace as it applies to someone: which document,
/// and where it is attached.
#[derive(Debug, Clone)]
struct Attached {
    document: usize,
    attachment: String,
}

/// A user's or role's policies and the principal it makes requests as.
#[derive(Debug, Clone)]
struct Identity {
    policies: Vec<Attached>,
    boundary: Option<Attached>,
    principal: Principal,
    /// `aws:PrincipalTag/<key>` for each tag.
    tags: Vec<(String, String)>,
}

/// One organization level with the SCPs and RCPs attached there.
#[derive(Debug, Clone)]
struct Level {
    name: String,
    /// SCP documents, `None` for the built-in `FullAWSAccess`.
    scps: Vec<Option<usize>>,
    rcps: Vec<usize>,
    scp_attachment: String,
    rcp_attachment: String,
}

/// A resource with a resource-based policy.
#[derive(Debug, Clone)]
struct ResourceEntry {
    arns: Vec<String>,
    account: Option<String>,
    document: Option<usize>,
    attachment: String,
    policy_required: bool,
}

/// A role's trust policy as the resource of `sts:AssumeRole*`.
#[derive(Debug, Clone)]
struct Trust {
    role_arn: String,
    document: Option<usize>,
    attachment: String,
}

/// What resolution needs of a workspace, worked out once per shape of
/// the workspace (entities, attachments, names), not per request: kept
/// while only documents' texts change, since a text edit re-parses a
/// document in place.
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    users: Vec<(String, Identity)>,
    roles: Vec<(String, Identity)>,
    levels: Vec<Level>,
    members: Vec<String>,
    management: Option<String>,
    resources: Vec<ResourceEntry>,
    trusts: Vec<Trust>,
    endpoints: Vec<EndpointEntry>,
}

/// A VPC endpoint: its id, its VPC, and its policy's document (`None`
/// for AWS's default full-access policy).
#[derive(Debug, Clone)]
struct EndpointEntry {
    id: String,
    vpc: Option<String>,
    document: Option<usize>,
    attachment: String,
}

impl Layout {
    /// Works out the layout of `ws` over its compiled `docs`.
    pub(super) fn new(ws: &Workspace, docs: &Documents) -> Layout {
        let users = ws
            .users
            .iter()
            .map(|u| (u.name.clone(), user_identity(ws, docs, u, None)))
            .collect();
        let roles = ws
            .roles
            .iter()
            .map(|r| {
                let mut policies = Vec::new();
                let owner = crate::engine::Owner::Role(r.name.clone());
                for p in &r.inline_policies {
                    policies.extend(attach(
                        docs,
                        &DocumentId::Inline(owner.clone(), p.name.clone()),
                        format!("inline in role `{}`", r.name),
                    ));
                }
                for m in &r.managed_policies {
                    policies.extend(attach_managed(
                        ws,
                        docs,
                        m,
                        format!("attached to role `{}`", r.name),
                    ));
                }
                let boundary = r.permissions_boundary.as_deref().and_then(|b| {
                    attach_managed(
                        ws,
                        docs,
                        b,
                        format!("permissions boundary of role `{}`", r.name),
                    )
                });
                let principal = Principal::RoleSession {
                    account: r.account.clone().unwrap_or_else(|| ws.account.clone()),
                    role: r.name.clone(),
                    path: r.path.clone(),
                    session: String::new(),
                    role_id: r.id.clone(),
                };
                let identity = Identity {
                    policies,
                    boundary,
                    principal,
                    tags: tags(&r.tags),
                };
                (r.name.clone(), identity)
            })
            .collect();
        let (levels, members, management) = match &ws.organization {
            Some(org) => {
                let find = |name: &str| docs.position(&DocumentId::Organization(name.to_owned()));
                let levels = org
                    .levels
                    .iter()
                    .map(|l| Level {
                        name: l.name.clone(),
                        scps: l
                            .scps
                            .iter()
                            .filter_map(|name| match find(name) {
                                Some(i) => Some(Some(i)),
                                None if name == "FullAWSAccess" => Some(None),
                                None => None,
                            })
                            .collect(),
                        rcps: l.rcps.iter().filter_map(|name| find(name)).collect(),
                        scp_attachment: format!("SCP attached at `{}`", l.name),
                        rcp_attachment: format!("RCP attached at `{}`", l.name),
                    })
                    .collect();
                (levels, org.accounts.clone(), org.management_account.clone())
            }
            None => (Vec::new(), Vec::new(), None),
        };
        let resources = ws
            .resources
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let label = r.name.clone().unwrap_or_else(|| r.arns.join(", "));
                ResourceEntry {
                    arns: r.arns.clone(),
                    account: r.account.clone(),
                    document: docs.position(&DocumentId::Resource(i)),
                    attachment: format!("attached to `{label}`"),
                    policy_required: r.policy_required,
                }
            })
            .collect();
        let endpoints = ws
            .endpoints
            .iter()
            .map(|e| EndpointEntry {
                id: e.id.clone(),
                vpc: e.vpc.clone(),
                document: e
                    .policy
                    .as_ref()
                    .and_then(|_| docs.position(&DocumentId::Endpoint(e.id.clone()))),
                attachment: format!("endpoint policy of VPC endpoint `{}`", e.id),
            })
            .collect();
        let trusts = ws
            .roles
            .iter()
            .filter(|r| r.trust_policy.is_some())
            .map(|r| Trust {
                role_arn: format!(
                    "arn:aws:iam::{}:role{}{}",
                    r.account.as_deref().unwrap_or(&ws.account),
                    norm_path(&r.path),
                    r.name
                ),
                document: docs.position(&DocumentId::Trust(r.name.clone())),
                attachment: format!("trust policy of role `{}`", r.name),
            })
            .collect();
        Layout {
            users,
            roles,
            levels,
            members,
            management,
            resources,
            trusts,
            endpoints,
        }
    }
}

impl Layout {
    /// The resources that have a resource-based policy, each ARN (as
    /// written, wildcards included) with its policy's document: every
    /// resource of the workspace, and for `sts:AssumeRole*` every role
    /// with a trust policy. Counterfactuals try them as other resources.
    pub(super) fn policy_resources(&self, action: &str) -> Vec<(&str, usize)> {
        let mut out: Vec<(&str, usize)> = self
            .resources
            .iter()
            .filter_map(|r| Some((r, r.document?)))
            .flat_map(|(r, document)| r.arns.iter().map(move |a| (a.as_str(), document)))
            .collect();
        if assumes_role(action) {
            out.extend(
                self.trusts
                    .iter()
                    .filter_map(|t| Some((t.role_arn.as_str(), t.document?))),
            );
        }
        out
    }
}

/// Whether `action` is `sts:AssumeRole*`, whose resource is a role and
/// whose resource-based policy is the role's trust policy.
fn assumes_role(action: &str) -> bool {
    action
        .get(..14)
        .is_some_and(|a| a.eq_ignore_ascii_case("sts:assumerole"))
}

fn tags(tags: &[(String, String)]) -> Vec<(String, String)> {
    tags.iter()
        .map(|(k, v)| (format!("aws:PrincipalTag/{k}"), v.clone()))
        .collect()
}

fn attach(docs: &Documents, id: &DocumentId, attachment: String) -> Option<Attached> {
    docs.position(id).map(|document| Attached {
        document,
        attachment,
    })
}

fn attach_managed(
    ws: &Workspace,
    docs: &Documents,
    name: &str,
    attachment: String,
) -> Option<Attached> {
    docs.managed_in(ws, name).map(|document| Attached {
        document,
        attachment,
    })
}

/// A user's policies: its inline and managed ones, then each group's
/// (`groups` instead of its own memberships, when given), and its
/// boundary.
fn user_identity(
    ws: &Workspace,
    docs: &Documents,
    user: &crate::workspace::User,
    groups: Option<&[String]>,
) -> Identity {
    use crate::engine::Owner;
    let mut policies = Vec::new();
    let owner = Owner::User(user.name.clone());
    for p in &user.inline_policies {
        policies.extend(attach(
            docs,
            &DocumentId::Inline(owner.clone(), p.name.clone()),
            format!("inline in user `{}`", user.name),
        ));
    }
    for m in &user.managed_policies {
        policies.extend(attach_managed(
            ws,
            docs,
            m,
            format!("attached to user `{}`", user.name),
        ));
    }
    for gname in groups.unwrap_or(&user.groups) {
        let Some(group) = ws.groups.iter().find(|g| &g.name == gname) else {
            continue;
        };
        let owner = Owner::Group(group.name.clone());
        for p in &group.inline_policies {
            policies.extend(attach(
                docs,
                &DocumentId::Inline(owner.clone(), p.name.clone()),
                format!("inline in group `{}`", group.name),
            ));
        }
        for m in &group.managed_policies {
            policies.extend(attach_managed(
                ws,
                docs,
                m,
                format!("attached to group `{}`", group.name),
            ));
        }
    }
    let boundary = user.permissions_boundary.as_deref().and_then(|b| {
        attach_managed(
            ws,
            docs,
            b,
            format!("permissions boundary of user `{}`", user.name),
        )
    });
    Identity {
        policies,
        boundary,
        principal: Principal::User {
            account: user.account.clone().unwrap_or_else(|| ws.account.clone()),
            name: user.name.clone(),
            path: user.path.clone(),
            id: user.id.clone(),
        },
        tags: tags(&user.tags),
    }
}

/// Documents parsed for one request given on its own (its session policy
/// and the policies given with it), which the workspace does not hold.
#[derive(Debug, Default)]
pub(super) struct GivenDocuments {
    list: Vec<CompiledDocument>,
}

impl GivenDocuments {
    /// Parses the documents of `spec`.
    pub(super) fn of(spec: &RequestSpec) -> GivenDocuments {
        let mut slots = Vec::new();
        super::documents::request_slots(RequestSlot::Given, spec, &mut slots);
        GivenDocuments {
            list: slots
                .into_iter()
                .map(|s| CompiledDocument::compile(s.id, s.name, s.kind, &s.document.text))
                .collect(),
        }
    }

    /// The documents of `spec` parsed, or the error naming the first
    /// that has errors (a request cannot be answered through it).
    pub(super) fn parsed(spec: &RequestSpec) -> Result<GivenDocuments, ResolveError> {
        if spec.session_policy.is_none() && spec.policies.is_none() {
            return Ok(GivenDocuments::default());
        }
        let given = GivenDocuments::of(spec);
        if let Some(doc) = given.iter().find(|d| d.policy.is_none()) {
            return Err(ResolveError::InvalidPolicy {
                name: doc.name.to_string(),
                document: Some(doc.id.clone()),
            });
        }
        Ok(given)
    }

    /// Every document, parsed.
    pub(super) fn iter(&self) -> impl Iterator<Item = &CompiledDocument> {
        self.list.iter()
    }

    fn get(&self, id: &DocumentId) -> Option<&CompiledDocument> {
        self.list.iter().find(|d| &d.id == id)
    }
}

/// Where the documents of the request being resolved are.
#[derive(Clone, Copy)]
pub(super) enum RequestDocuments<'a> {
    /// In the workspace: saved request `i`.
    Saved(usize),
    /// Parsed for this request.
    Given(&'a GivenDocuments),
    /// Nowhere: the request's own documents are not read.
    None,
}

/// The policies of a request, with the request as the evaluator sees it.
#[derive(Debug, Clone)]
pub struct Resolved<'e> {
    /// The policies that apply, by type.
    pub policies: PolicySet<'e>,
    /// The request, with the principal's tags and derived facts.
    pub request: Request,
}

impl Resolved<'_> {
    /// The decision alone.
    pub fn authorize(&self) -> crate::response::Decision {
        crate::eval::authorize(&self.policies, &self.request)
    }

    /// The decision and what decided it, without the trace.
    pub fn verdict(&self) -> crate::eval::Verdict {
        let mut verdict = crate::eval::verdict(&self.policies, &self.request);
        verdict.request_findings = super::request_findings::request_findings(&self.request);
        verdict
    }

    /// The full answer.
    pub fn evaluate(&self) -> crate::response::Response {
        let mut response = crate::eval::evaluate(&self.policies, &self.request);
        response.request_findings = super::request_findings::request_findings(&self.request);
        response
    }
}

/// Resolves `spec` against a workspace's compiled documents and layout.
pub(super) fn resolve<'e>(
    ws: &Workspace,
    docs: &'e Documents,
    layout: &'e Layout,
    spec: &RequestSpec,
    request_docs: RequestDocuments<'e>,
) -> Result<Resolved<'e>, ResolveError> {
    let request = request_for(ws, docs, layout, spec)?;
    let policies = policies_for(ws, docs, layout, spec, request_docs, &request)?;
    Ok(Resolved { policies, request })
}

/// The request of `spec` as the evaluator sees it: the caller as a
/// principal, the caller's tags as `aws:PrincipalTag/…` keys and a VPC
/// endpoint's `aws:SourceVpce`/`aws:SourceVpc` (unless the request gives
/// them), and the account that owns the resource. It does not depend on
/// the documents' texts, so the engine keeps it for each saved request
/// until the workspace's shape changes.
pub(super) fn request_for(
    ws: &Workspace,
    docs: &Documents,
    layout: &Layout,
    spec: &RequestSpec,
) -> Result<Request, ResolveError> {
    let mut context = spec.context.clone();
    let mut with_tags = |tags: &[(String, String)]| {
        for (k, v) in tags {
            if !context.contains(k) {
                context.insert(k.clone(), v.clone());
            }
        }
    };
    let principal = match &spec.principal {
        PrincipalSpec::User {
            name,
            groups: Some(groups),
        } => {
            // A what-if membership: the user's policies worked out for
            // this request only.
            let identity = what_if_identity(ws, docs, name, groups)?;
            with_tags(&identity.tags);
            identity.principal
        }
        PrincipalSpec::User { name, groups: None } => {
            let identity = user_in(layout, name)?;
            with_tags(&identity.tags);
            identity.principal.clone()
        }
        PrincipalSpec::RoleSession { role, session } => {
            let identity = role_in(layout, role)?;
            with_tags(&identity.tags);
            let mut principal = identity.principal.clone();
            if let Principal::RoleSession { session: s, .. } = &mut principal {
                s.clone_from(session);
            }
            principal
        }
        PrincipalSpec::Other(p) => p.clone(),
    };
    if let Some(id) = &spec.vpc_endpoint {
        let endpoint = endpoint_in(layout, id)?;
        if !context.contains("aws:SourceVpce") {
            context.insert("aws:SourceVpce", endpoint.id.as_str());
        }
        if let Some(vpc) = &endpoint.vpc
            && !context.contains("aws:SourceVpc")
        {
            context.insert("aws:SourceVpc", vpc.as_str());
        }
    }
    let resource_account = spec.resource_account.clone().or_else(|| {
        layout
            .resources
            .iter()
            .filter(|r| r.account.is_some())
            .find(|r| {
                r.arns
                    .iter()
                    .any(|a| wildcard_match(a, &spec.resource, false))
            })
            .and_then(|r| r.account.clone())
    });
    Ok(Request {
        principal,
        action: spec.action.clone(),
        resource: spec.resource.clone(),
        resource_account,
        context,
    })
}

/// The policies that apply to `request` (made by [`request_for`] from
/// `spec`), by type.
pub(super) fn policies_for<'e>(
    ws: &Workspace,
    docs: &'e Documents,
    layout: &'e Layout,
    spec: &RequestSpec,
    request_docs: RequestDocuments<'e>,
    request: &Request,
) -> Result<PolicySet<'e>, ResolveError> {
    let mut set = PolicySet::default();
    match &spec.principal {
        PrincipalSpec::User {
            name,
            groups: Some(groups),
        } => {
            let identity = what_if_identity(ws, docs, name, groups)?;
            for a in identity.policies {
                set.identity
                    .push(applied_owned(docs, a.document, a.attachment)?);
            }
            set.permissions_boundary = identity
                .boundary
                .map(|a| applied_owned(docs, a.document, a.attachment))
                .transpose()?;
        }
        PrincipalSpec::User { name, groups: None } => {
            identity_policies(docs, user_in(layout, name)?, &mut set)?;
        }
        PrincipalSpec::RoleSession { role, .. } => {
            identity_policies(docs, role_in(layout, role)?, &mut set)?;
        }
        PrincipalSpec::Other(_) => {}
    }
    if let Some(id) = &spec.vpc_endpoint {
        let endpoint = endpoint_in(layout, id)?;
        set.endpoint = Some(match endpoint.document {
            Some(i) => Some(applied_at(docs, i, &endpoint.attachment)?),
            None => None,
        });
    }
    let reads_own = !matches!(request_docs, RequestDocuments::None);
    if reads_own && spec.session_policy.is_some() {
        set.session_policy = Some(request_document(
            docs,
            &request_docs,
            DocumentId::Session,
            "passed with the session",
        )?);
    }
    resource_policies(docs, layout, &mut set, request)?;
    organization_levels(docs, layout, &mut set, request)?;
    if let Some(custom) = spec.policies.as_ref().filter(|_| reads_own) {
        custom_policies(docs, &request_docs, custom, &request.principal, &mut set)?;
    }
    Ok(set)
}

/// A user's or role's own policies and permissions boundary.
fn identity_policies<'e>(
    docs: &'e Documents,
    identity: &'e Identity,
    set: &mut PolicySet<'e>,
) -> Result<(), ResolveError> {
    let applied = |a: &'e Attached| applied_at(docs, a.document, &a.attachment);
    set.identity.reserve_exact(identity.policies.len());
    for a in &identity.policies {
        set.identity.push(applied(a)?);
    }
    set.permissions_boundary = identity.boundary.as_ref().map(applied).transpose()?;
    Ok(())
}

/// The identity of user `name` with the memberships `groups` instead of
/// its own, worked out for one request.
fn what_if_identity(
    ws: &Workspace,
    docs: &Documents,
    name: &str,
    groups: &[String],
) -> Result<Identity, ResolveError> {
    let user = ws
        .users
        .iter()
        .find(|u| u.name == name)
        .ok_or_else(|| ResolveError::UnknownUser(name.to_owned()))?;
    Ok(user_identity(ws, docs, user, Some(groups)))
}

fn user_in<'e>(layout: &'e Layout, name: &str) -> Result<&'e Identity, ResolveError> {
    layout
        .users
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, identity)| identity)
        .ok_or_else(|| ResolveError::UnknownUser(name.to_owned()))
}

fn role_in<'e>(layout: &'e Layout, name: &str) -> Result<&'e Identity, ResolveError> {
    layout
        .roles
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, identity)| identity)
        .ok_or_else(|| ResolveError::UnknownRole(name.to_owned()))
}

fn endpoint_in<'e>(layout: &'e Layout, id: &str) -> Result<&'e EndpointEntry, ResolveError> {
    layout
        .endpoints
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| ResolveError::UnknownEndpoint(id.to_owned()))
}

fn applied_at<'e>(
    docs: &'e Documents,
    i: usize,
    attachment: &'e str,
) -> Result<AppliedPolicy<'e>, ResolveError> {
    let doc = docs.at(i).ok_or_else(|| ResolveError::InvalidPolicy {
        name: attachment.to_owned(),
        document: None,
    })?;
    applied_doc(doc, std::borrow::Cow::Borrowed(attachment))
}

fn applied_owned(
    docs: &Documents,
    i: usize,
    attachment: String,
) -> Result<AppliedPolicy<'_>, ResolveError> {
    let doc = docs.at(i).ok_or_else(|| ResolveError::InvalidPolicy {
        name: attachment.clone(),
        document: None,
    })?;
    applied_doc(doc, std::borrow::Cow::Owned(attachment))
}

fn applied_doc<'e>(
    doc: &'e CompiledDocument,
    attachment: std::borrow::Cow<'e, str>,
) -> Result<AppliedPolicy<'e>, ResolveError> {
    let policy = doc
        .policy
        .as_ref()
        .ok_or_else(|| ResolveError::InvalidPolicy {
            name: doc.name.to_string(),
            document: Some(doc.id.clone()),
        })?;
    Ok(AppliedPolicy {
        policy,
        name: std::sync::Arc::clone(&doc.name),
        attachment,
        id: Some(&doc.id),
    })
}

/// A document of the request (its session policy, a policy given with
/// it), saved in the workspace or parsed for it.
fn request_document<'e>(
    docs: &'e Documents,
    request_docs: &RequestDocuments<'e>,
    id: impl Fn(RequestSlot) -> DocumentId,
    attachment: &'static str,
) -> Result<AppliedPolicy<'e>, ResolveError> {
    let doc = match request_docs {
        RequestDocuments::Saved(i) => docs.get(&id(RequestSlot::Saved(*i))),
        RequestDocuments::Given(given) => given.get(&id(RequestSlot::Given)),
        RequestDocuments::None => None,
    };
    let doc = doc.ok_or_else(|| ResolveError::InvalidPolicy {
        name: attachment.to_owned(),
        document: None,
    })?;
    applied_doc(doc, std::borrow::Cow::Borrowed(attachment))
}

fn resource_policies<'e>(
    docs: &'e Documents,
    layout: &'e Layout,
    set: &mut PolicySet<'e>,
    request: &Request,
) -> Result<(), ResolveError> {
    for r in &layout.resources {
        if r.arns
            .iter()
            .any(|a| wildcard_match(a, &request.resource, false))
        {
            let Some(document) = r.document else { continue };
            set.resource_policies
                .push(applied_at(docs, document, &r.attachment)?);
            set.resource_policy_required |= r.policy_required;
        }
    }
    if assumes_role(&request.action) {
        for t in &layout.trusts {
            if request.resource == t.role_arn
                && let Some(document) = t.document
            {
                set.resource_policies
                    .push(applied_at(docs, document, &t.attachment)?);
                set.resource_policy_required = true;
            }
        }
    }
    Ok(())
}

fn organization_levels<'e>(
    docs: &'e Documents,
    layout: &'e Layout,
    set: &mut PolicySet<'e>,
    request: &Request,
) -> Result<(), ResolveError> {
    if layout.levels.is_empty() {
        return Ok(());
    }
    let member = |account: Option<&str>| -> bool {
        account.is_some_and(|a| {
            layout.members.iter().any(|x| x == a) && layout.management.as_deref() != Some(a)
        })
    };
    if member(request.principal.account()) && scp_exemption(&request.principal).is_none() {
        for level in &layout.levels {
            let mut policies = Vec::new();
            for scp in &level.scps {
                match scp {
                    Some(i) => policies.push(applied_at(docs, *i, &level.scp_attachment)?),
                    None => policies.push(AppliedPolicy {
                        policy: full_aws_access(),
                        name: full_aws_access_name(),
                        attachment: std::borrow::Cow::Borrowed(&level.scp_attachment),
                        id: None,
                    }),
                }
            }
            set.scp_levels.push(OrgLevel {
                name: std::borrow::Cow::Borrowed(&level.name),
                policies,
            });
        }
    }
    let resource_account = request.effective_resource_account();
    if member(resource_account.as_deref()) && rcp_exemption(&request.principal).is_none() {
        for level in &layout.levels {
            let mut policies = Vec::new();
            for &i in &level.rcps {
                policies.push(applied_at(docs, i, &level.rcp_attachment)?);
            }
            set.rcp_levels.push(OrgLevel {
                name: std::borrow::Cow::Borrowed(&level.name),
                policies,
            });
        }
    }
    Ok(())
}

fn custom_policies<'e>(
    docs: &'e Documents,
    request_docs: &RequestDocuments<'e>,
    custom: &CustomPolicies,
    principal: &Principal,
    set: &mut PolicySet<'e>,
) -> Result<(), ResolveError> {
    const GIVEN: &str = "given with the request";
    let mut n = 0;
    let mut next = || {
        let at = n;
        n += 1;
        request_document(
            docs,
            request_docs,
            move |slot| DocumentId::RequestPolicy(slot, at),
            GIVEN,
        )
    };
    for _ in &custom.identity {
        set.identity.push(next()?);
    }
    if custom.permissions_boundary.is_some() {
        set.permissions_boundary = Some(next()?);
    }
    if custom.resource.is_some() {
        set.resource_policies.push(next()?);
    }
    for (l, level) in custom.scps.iter().enumerate() {
        let mut policies = Vec::new();
        for _ in level {
            policies.push(next()?);
        }
        if scp_exemption(principal).is_none() {
            set.scp_levels.push(OrgLevel {
                name: std::borrow::Cow::Owned(format!("level {}", l + 1)),
                policies,
            });
        }
    }
    for (l, level) in custom.rcps.iter().enumerate() {
        let mut policies = Vec::new();
        for _ in level {
            policies.push(next()?);
        }
        if rcp_exemption(principal).is_some() {
            continue;
        }
        set.rcp_levels.push(OrgLevel {
            name: std::borrow::Cow::Owned(format!("level {}", l + 1)),
            policies,
        });
    }
    Ok(())
}

/// The built-in `FullAWSAccess` SCP, parsed once.
fn full_aws_access() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Option<Policy>> = std::sync::OnceLock::new();
    POLICY
        .get_or_init(|| parse_policy(FULL_AWS_ACCESS, PolicyKind::ServiceControl).policy)
        .as_ref()
        .unwrap_or_else(|| unreachable!("the built-in FullAWSAccess SCP parses"))
}

/// The name of the built-in `FullAWSAccess` SCP, made once.
fn full_aws_access_name() -> std::sync::Arc<str> {
    static NAME: std::sync::OnceLock<std::sync::Arc<str>> = std::sync::OnceLock::new();
    std::sync::Arc::clone(NAME.get_or_init(|| "FullAWSAccess".into()))
}
