//! From a workspace to the policies that apply to one request: parse each
//! document once, find the caller's policies (user, groups, role, boundary),
//! the resource's policy, and the organization's SCPs and RCPs.

use crate::diagnostic::Diagnostic;
use crate::eval::{AppliedPolicy, OrgLevel, PolicySet};
use crate::policy::{Policy, PolicyKind, parse_policy};
use crate::principal::Principal;
use crate::request::Request;
use crate::source::{LineIndex, Loc, Position, Span};

use super::model::*;

/// An AWS managed policy's current version, as a catalog provides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsManagedPolicy {
    /// e.g. `AmazonEC2FullAccess`.
    pub name: String,
    /// e.g. `arn:aws:iam::aws:policy/AmazonEC2FullAccess`.
    pub arn: String,
    /// The default version, e.g. `v8`.
    pub version_id: String,
    /// The document's JSON text.
    pub document: String,
}

/// Where AWS managed policies come from (the catalog crate implements it).
pub trait ManagedPolicySource {
    /// The AWS managed policy with this name or ARN, if known.
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy>;
}

/// A source that knows no AWS managed policies (the workspace must embed
/// the ones it uses).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoManagedPolicies;

impl ManagedPolicySource for NoManagedPolicies {
    fn aws_managed_policy(&self, _: &str) -> Option<AwsManagedPolicy> {
        None
    }
}

/// Which document of the workspace a parsed policy comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DocumentId {
    /// `policies[i]`.
    Managed(usize),
    /// `awsManagedPolicies[i]`.
    EmbeddedAws(usize),
    /// An AWS managed policy from the catalog, by ARN.
    CatalogAws(String),
    /// `groups[g].inlinePolicies[i]`.
    GroupInline(usize, usize),
    /// `users[u].inlinePolicies[i]`.
    UserInline(usize, usize),
    /// `roles[r].inlinePolicies[i]`.
    RoleInline(usize, usize),
    /// `roles[r].trustPolicy`.
    RoleTrust(usize),
    /// `organization.policies[i]`.
    Organization(usize),
    /// `resources[i].policy`.
    Resource(usize),
    /// `requests[i].sessionPolicy`.
    RequestSession(usize),
    /// A policy given directly in `requests[i].policies`, numbered in the
    /// order identity, boundary, resource, SCPs, RCPs.
    RequestCustom(usize, usize),
}

impl DocumentId {
    /// A stable text form, used as the policy id in traces
    /// (e.g. `managed:0`, `group-inline:1:0`).
    pub fn key(&self) -> String {
        match self {
            DocumentId::Managed(i) => format!("managed:{i}"),
            DocumentId::EmbeddedAws(i) => format!("aws:{i}"),
            DocumentId::CatalogAws(arn) => format!("catalog:{arn}"),
            DocumentId::GroupInline(g, i) => format!("group-inline:{g}:{i}"),
            DocumentId::UserInline(u, i) => format!("user-inline:{u}:{i}"),
            DocumentId::RoleInline(r, i) => format!("role-inline:{r}:{i}"),
            DocumentId::RoleTrust(r) => format!("role-trust:{r}"),
            DocumentId::Organization(i) => format!("org:{i}"),
            DocumentId::Resource(i) => format!("resource:{i}"),
            DocumentId::RequestSession(i) => format!("request-session:{i}"),
            DocumentId::RequestCustom(r, i) => format!("request-policy:{r}:{i}"),
        }
    }
}

/// One parsed document.
#[derive(Debug, Clone)]
pub struct CompiledDocument {
    /// Which document.
    pub id: DocumentId,
    /// The policy's display name.
    pub name: String,
    /// How it was read.
    pub kind: PolicyKind,
    /// The parsed policy, if it has no errors.
    pub policy: Option<Policy>,
    /// Errors and warnings from parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// The managed policy's ARN, for managed policies.
    pub arn: Option<String>,
    /// The AWS managed policy's version, for catalog policies.
    pub version_id: Option<String>,
}

impl Workspace {
    /// The document `id` names, if it is written in the workspace
    /// (catalog policies are not).
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        match id {
            DocumentId::Managed(i) => self.policies.get(*i).map(|p| &p.document),
            DocumentId::EmbeddedAws(i) => self.aws_managed_policies.get(*i).map(|p| &p.document),
            DocumentId::CatalogAws(_) => None,
            DocumentId::GroupInline(g, i) => self
                .groups
                .get(*g)?
                .inline_policies
                .get(*i)
                .map(|p| &p.document),
            DocumentId::UserInline(u, i) => self
                .users
                .get(*u)?
                .inline_policies
                .get(*i)
                .map(|p| &p.document),
            DocumentId::RoleInline(r, i) => self
                .roles
                .get(*r)?
                .inline_policies
                .get(*i)
                .map(|p| &p.document),
            DocumentId::RoleTrust(r) => self.roles.get(*r)?.trust_policy.as_ref(),
            DocumentId::Organization(i) => self
                .organization
                .as_ref()?
                .policies
                .get(*i)
                .map(|p| &p.document),
            DocumentId::Resource(i) => self.resources.get(*i).map(|r| &r.policy),
            DocumentId::RequestSession(i) => self.requests.get(*i)?.session_policy.as_ref(),
            DocumentId::RequestCustom(r, n) => {
                // Numbered in the order identity, boundary, resource, SCPs, RCPs.
                let custom = self.requests.get(*r)?.policies.as_ref()?;
                custom
                    .identity
                    .iter()
                    .chain(&custom.permissions_boundary)
                    .chain(&custom.resource)
                    .chain(custom.scps.iter().flatten())
                    .chain(custom.rcps.iter().flatten())
                    .nth(*n)
            }
        }
    }

    /// Whether `id` is a document of saved request `request` (its session
    /// policy or a policy given with it).
    pub fn belongs_to_request(id: &DocumentId, request: usize) -> bool {
        matches!(id, DocumentId::RequestSession(r) | DocumentId::RequestCustom(r, _) if *r == request)
    }
}

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
    #[error("policy `{0}` has errors; fix them to evaluate")]
    InvalidPolicy(String),
}

/// A workspace with every document parsed.
#[derive(Debug, Clone)]
pub struct CompiledWorkspace {
    /// The workspace.
    pub workspace: Workspace,
    /// Every document, parsed.
    pub documents: Vec<CompiledDocument>,
    /// Problems with references between entities (unknown groups,
    /// policies...), as warnings without a location in a document.
    pub problems: Vec<String>,
}

fn kind_of_org_policy(ws: &Workspace, name: &str) -> PolicyKind {
    let is_rcp = ws
        .organization
        .iter()
        .flat_map(|o| &o.levels)
        .any(|l| l.rcps.iter().any(|r| r == name));
    if is_rcp {
        PolicyKind::ResourceControl
    } else {
        PolicyKind::ServiceControl
    }
}

/// The built-in `FullAWSAccess` SCP that AWS attaches by default.
pub const FULL_AWS_ACCESS: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

impl CompiledWorkspace {
    /// Parses every document of `workspace`, resolving AWS managed
    /// policies it attaches through `source`.
    pub fn compile(workspace: Workspace, source: &dyn ManagedPolicySource) -> CompiledWorkspace {
        let mut documents = Vec::new();
        let mut problems = Vec::new();
        let ws = &workspace;
        let mut add = |id: DocumentId, name: String, kind: PolicyKind, doc: &Document| {
            let parsed = parse_policy(&doc.text, kind);
            documents.push(CompiledDocument {
                id,
                name,
                kind,
                policy: parsed.policy,
                diagnostics: parsed.diagnostics,
                arn: None,
                version_id: None,
            });
        };
        for (i, p) in ws.policies.iter().enumerate() {
            add(
                DocumentId::Managed(i),
                p.name.clone(),
                PolicyKind::Identity,
                &p.document,
            );
        }
        for (i, p) in ws.aws_managed_policies.iter().enumerate() {
            add(
                DocumentId::EmbeddedAws(i),
                p.name.clone(),
                PolicyKind::Identity,
                &p.document,
            );
        }
        for (g, group) in ws.groups.iter().enumerate() {
            for (i, p) in group.inline_policies.iter().enumerate() {
                add(
                    DocumentId::GroupInline(g, i),
                    p.name.clone(),
                    PolicyKind::Identity,
                    &p.document,
                );
            }
        }
        for (u, user) in ws.users.iter().enumerate() {
            for (i, p) in user.inline_policies.iter().enumerate() {
                add(
                    DocumentId::UserInline(u, i),
                    p.name.clone(),
                    PolicyKind::Identity,
                    &p.document,
                );
            }
        }
        for (r, role) in ws.roles.iter().enumerate() {
            for (i, p) in role.inline_policies.iter().enumerate() {
                add(
                    DocumentId::RoleInline(r, i),
                    p.name.clone(),
                    PolicyKind::Identity,
                    &p.document,
                );
            }
            if let Some(trust) = &role.trust_policy {
                add(
                    DocumentId::RoleTrust(r),
                    format!("{} trust policy", role.name),
                    PolicyKind::Resource,
                    trust,
                );
            }
        }
        if let Some(org) = &ws.organization {
            for (i, p) in org.policies.iter().enumerate() {
                add(
                    DocumentId::Organization(i),
                    p.name.clone(),
                    kind_of_org_policy(ws, &p.name),
                    &p.document,
                );
            }
        }
        for (i, r) in ws.resources.iter().enumerate() {
            let name = r
                .name
                .clone()
                .or_else(|| r.arns.first().cloned())
                .unwrap_or_else(|| format!("resource {}", i + 1));
            add(
                DocumentId::Resource(i),
                name,
                PolicyKind::Resource,
                &r.policy,
            );
        }
        for (i, req) in ws.requests.iter().enumerate() {
            if let Some(doc) = &req.session_policy {
                add(
                    DocumentId::RequestSession(i),
                    "session policy".to_owned(),
                    PolicyKind::Identity,
                    doc,
                );
            }
            if let Some(custom) = &req.policies {
                let mut n = 0;
                for (j, doc) in custom.identity.iter().enumerate() {
                    add(
                        DocumentId::RequestCustom(i, n),
                        format!("identity policy {}", j + 1),
                        PolicyKind::Identity,
                        doc,
                    );
                    n += 1;
                }
                if let Some(doc) = &custom.permissions_boundary {
                    add(
                        DocumentId::RequestCustom(i, n),
                        "permissions boundary".to_owned(),
                        PolicyKind::Identity,
                        doc,
                    );
                    n += 1;
                }
                if let Some(doc) = &custom.resource {
                    add(
                        DocumentId::RequestCustom(i, n),
                        "resource policy".to_owned(),
                        PolicyKind::Resource,
                        doc,
                    );
                    n += 1;
                }
                for (l, level) in custom.scps.iter().enumerate() {
                    for (j, doc) in level.iter().enumerate() {
                        add(
                            DocumentId::RequestCustom(i, n),
                            format!("SCP {}.{}", l + 1, j + 1),
                            PolicyKind::ServiceControl,
                            doc,
                        );
                        n += 1;
                    }
                }
                for (l, level) in custom.rcps.iter().enumerate() {
                    for (j, doc) in level.iter().enumerate() {
                        add(
                            DocumentId::RequestCustom(i, n),
                            format!("RCP {}.{}", l + 1, j + 1),
                            PolicyKind::ResourceControl,
                            doc,
                        );
                        n += 1;
                    }
                }
            }
        }
        // AWS managed policies attached by name or ARN and found in the catalog.
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
        let mut compiled = CompiledWorkspace {
            workspace: Workspace::default(),
            documents,
            problems: Vec::new(),
        };
        for name in attached {
            if compiled.find_managed(ws, name).is_some() {
                continue;
            }
            match source.aws_managed_policy(name) {
                Some(aws) => {
                    let parsed = parse_policy(&aws.document, PolicyKind::Identity);
                    compiled.documents.push(CompiledDocument {
                        id: DocumentId::CatalogAws(aws.arn.clone()),
                        name: aws.name.clone(),
                        kind: PolicyKind::Identity,
                        policy: parsed.policy,
                        diagnostics: parsed.diagnostics,
                        arn: Some(aws.arn),
                        version_id: Some(aws.version_id),
                    });
                }
                None => {
                    let msg = format!(
                        "managed policy `{name}` is neither in the workspace nor an AWS managed policy"
                    );
                    if !problems.contains(&msg) {
                        problems.push(msg);
                    }
                }
            }
        }
        for user in &ws.users {
            for g in &user.groups {
                if !ws.groups.iter().any(|x| &x.name == g) {
                    problems.push(format!(
                        "user `{}` is in group `{g}`, which does not exist",
                        user.name
                    ));
                }
            }
        }
        compiled.problems = problems;
        compiled.workspace = workspace;
        compiled
    }

    /// The document with this id.
    pub fn document(&self, id: &DocumentId) -> Option<&CompiledDocument> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// Finds a managed policy by name or ARN: customer managed first, then
    /// AWS managed (embedded, then from the catalog).
    fn find_managed(&self, ws: &Workspace, name: &str) -> Option<usize> {
        let customer = ws
            .policies
            .iter()
            .position(|p| names_policy(name, p, || customer_arn(ws, p)));
        if let Some(i) = customer {
            return self
                .documents
                .iter()
                .position(|d| d.id == DocumentId::Managed(i));
        }
        let embedded = ws
            .aws_managed_policies
            .iter()
            .position(|p| names_policy(name, p, || aws_arn(p)));
        if let Some(i) = embedded {
            return self
                .documents
                .iter()
                .position(|d| d.id == DocumentId::EmbeddedAws(i));
        }
        self.documents.iter().position(|d| {
            matches!(&d.id, DocumentId::CatalogAws(arn) if arn == name)
                || (matches!(d.id, DocumentId::CatalogAws(_)) && d.name == name)
        })
    }

    /// Every document that has errors or warnings.
    pub fn diagnostics(&self) -> impl Iterator<Item = &CompiledDocument> {
        self.documents.iter().filter(|d| !d.diagnostics.is_empty())
    }

    /// The request and the policies that apply to it.
    pub fn resolve(
        &self,
        index_or_spec: RequestRef<'_>,
    ) -> Result<(PolicySet<'_>, Request), ResolveError> {
        let (request_index, spec) = match index_or_spec {
            RequestRef::Saved(i) => match self.workspace.requests.get(i) {
                Some(spec) => (Some(i), spec),
                None => return Err(ResolveError::UnknownUser(format!("request {i}"))),
            },
            RequestRef::Spec(spec) => (None, spec),
        };
        let ws = &self.workspace;
        let mut set = PolicySet::default();
        let mut context = spec.context.clone();
        let principal = match &spec.principal {
            PrincipalSpec::User { name, groups } => {
                let (u, user) = ws
                    .users
                    .iter()
                    .enumerate()
                    .find(|(_, u)| &u.name == name)
                    .ok_or_else(|| ResolveError::UnknownUser(name.clone()))?;
                for (i, p) in user.inline_policies.iter().enumerate() {
                    set.identity.push(self.applied(
                        &DocumentId::UserInline(u, i),
                        format!("inline in user `{}`", user.name),
                        &p.name,
                    )?);
                }
                for m in &user.managed_policies {
                    if let Some(a) =
                        self.applied_managed(ws, m, format!("attached to user `{}`", user.name))?
                    {
                        set.identity.push(a);
                    }
                }
                for gname in groups.as_ref().unwrap_or(&user.groups) {
                    let Some((g, group)) =
                        ws.groups.iter().enumerate().find(|(_, g)| &g.name == gname)
                    else {
                        continue;
                    };
                    for (i, p) in group.inline_policies.iter().enumerate() {
                        set.identity.push(self.applied(
                            &DocumentId::GroupInline(g, i),
                            format!("inline in group `{}`", group.name),
                            &p.name,
                        )?);
                    }
                    for m in &group.managed_policies {
                        if let Some(a) = self.applied_managed(
                            ws,
                            m,
                            format!("attached to group `{}`", group.name),
                        )? {
                            set.identity.push(a);
                        }
                    }
                }
                if let Some(b) = &user.permissions_boundary {
                    set.permissions_boundary = self.applied_managed(
                        ws,
                        b,
                        format!("permissions boundary of user `{}`", user.name),
                    )?;
                }
                for (k, v) in &user.tags {
                    let key = format!("aws:PrincipalTag/{k}");
                    if !context.contains(&key) {
                        context.insert(key, v.clone());
                    }
                }
                Principal::User {
                    account: user.account.clone().unwrap_or_else(|| ws.account.clone()),
                    name: user.name.clone(),
                    path: user.path.clone(),
                    id: user.id.clone(),
                }
            }
            PrincipalSpec::RoleSession {
                role: rname,
                session,
            } => {
                let (r, role) = ws
                    .roles
                    .iter()
                    .enumerate()
                    .find(|(_, r)| &r.name == rname)
                    .ok_or_else(|| ResolveError::UnknownRole(rname.clone()))?;
                for (i, p) in role.inline_policies.iter().enumerate() {
                    set.identity.push(self.applied(
                        &DocumentId::RoleInline(r, i),
                        format!("inline in role `{}`", role.name),
                        &p.name,
                    )?);
                }
                for m in &role.managed_policies {
                    if let Some(a) =
                        self.applied_managed(ws, m, format!("attached to role `{}`", role.name))?
                    {
                        set.identity.push(a);
                    }
                }
                if let Some(b) = &role.permissions_boundary {
                    set.permissions_boundary = self.applied_managed(
                        ws,
                        b,
                        format!("permissions boundary of role `{}`", role.name),
                    )?;
                }
                for (k, v) in &role.tags {
                    let key = format!("aws:PrincipalTag/{k}");
                    if !context.contains(&key) {
                        context.insert(key, v.clone());
                    }
                }
                Principal::RoleSession {
                    account: role.account.clone().unwrap_or_else(|| ws.account.clone()),
                    role: role.name.clone(),
                    path: role.path.clone(),
                    session: session.clone(),
                    role_id: role.id.clone(),
                }
            }
            PrincipalSpec::Other(p) => p.clone(),
        };
        let request = Request {
            principal,
            action: spec.action.clone(),
            resource: spec.resource.clone(),
            resource_account: spec
                .resource_account
                .clone()
                .or_else(|| self.resource_owner(&spec.resource)),
            context,
        };
        if let (Some(i), Some(_)) = (request_index, &spec.session_policy) {
            set.session_policy = Some(self.applied(
                &DocumentId::RequestSession(i),
                "passed with the session".to_owned(),
                "session policy",
            )?);
        }
        self.resource_policies(&mut set, &request)?;
        self.organization_levels(&mut set, &request)?;
        if let (Some(i), Some(custom)) = (request_index, &spec.policies) {
            self.custom(&mut set, i, custom)?;
        }
        Ok((set, request))
    }

    fn applied(
        &self,
        id: &DocumentId,
        attachment: String,
        fallback_name: &str,
    ) -> Result<AppliedPolicy<'_>, ResolveError> {
        let doc = self
            .document(id)
            .ok_or_else(|| ResolveError::InvalidPolicy(fallback_name.to_owned()))?;
        let policy = doc
            .policy
            .as_ref()
            .ok_or_else(|| ResolveError::InvalidPolicy(doc.name.clone()))?;
        Ok(AppliedPolicy {
            policy,
            name: doc.name.clone(),
            attachment,
            id: Some(doc.id.key()),
        })
    }

    fn applied_managed(
        &self,
        ws: &Workspace,
        name: &str,
        attachment: String,
    ) -> Result<Option<AppliedPolicy<'_>>, ResolveError> {
        match self
            .find_managed(ws, name)
            .and_then(|i| self.documents.get(i))
        {
            Some(doc) => {
                let id = doc.id.clone();
                self.applied(&id, attachment, name).map(Some)
            }
            None => Ok(None),
        }
    }

    /// The `account` of the first workspace resource covering `resource`
    /// that names one: the owner of a resource whose ARN has no account
    /// (S3) and that is not the caller's (`docs/workspace-format.md`,
    /// Resources).
    fn resource_owner(&self, resource: &str) -> Option<String> {
        self.workspace
            .resources
            .iter()
            .filter(|r| r.account.is_some())
            .find(|r| {
                r.arns
                    .iter()
                    .any(|a| crate::matching::wildcard_match(a, resource, false))
            })
            .and_then(|r| r.account.clone())
    }

    fn resource_policies<'s>(
        &'s self,
        set: &mut PolicySet<'s>,
        request: &Request,
    ) -> Result<(), ResolveError> {
        let ws = &self.workspace;
        for (i, r) in ws.resources.iter().enumerate() {
            let covers = r
                .arns
                .iter()
                .any(|a| crate::matching::wildcard_match(a, &request.resource, false));
            if covers {
                let label = r.name.clone().unwrap_or_else(|| r.arns.join(", "));
                set.resource_policies.push(self.applied(
                    &DocumentId::Resource(i),
                    format!("attached to `{label}`"),
                    &label,
                )?);
                set.resource_policy_required |= r.policy_required;
            }
        }
        for (r, role) in ws.roles.iter().enumerate() {
            let Some(_) = role.trust_policy else { continue };
            let role_arn = format!(
                "arn:aws:iam::{}:role{}{}",
                role.account.as_deref().unwrap_or(&ws.account),
                norm_path(&role.path),
                role.name
            );
            if request.resource == role_arn
                && request
                    .action
                    .to_ascii_lowercase()
                    .starts_with("sts:assumerole")
            {
                set.resource_policies.push(self.applied(
                    &DocumentId::RoleTrust(r),
                    format!("trust policy of role `{}`", role.name),
                    &role.name,
                )?);
                set.resource_policy_required = true;
            }
        }
        Ok(())
    }

    fn organization_levels<'s>(
        &'s self,
        set: &mut PolicySet<'s>,
        request: &Request,
    ) -> Result<(), ResolveError> {
        let ws = &self.workspace;
        let Some(org) = &ws.organization else {
            return Ok(());
        };
        let member = |account: Option<&str>| -> bool {
            match account {
                Some(a) => {
                    org.accounts.iter().any(|x| x == a)
                        && org.management_account.as_deref() != Some(a)
                }
                None => false,
            }
        };
        let find =
            |name: &str| -> Option<usize> { org.policies.iter().position(|p| p.name == name) };
        let is_service_linked = request
            .principal
            .role_arn()
            .is_some_and(|arn| arn.contains(":role/aws-service-role/"));
        if member(request.principal.account()) && !is_service_linked {
            for level in &org.levels {
                let mut policies = Vec::new();
                for name in &level.scps {
                    match find(name) {
                        Some(i) => policies.push(self.applied(
                            &DocumentId::Organization(i),
                            format!("SCP attached at `{}`", level.name),
                            name,
                        )?),
                        None if name == "FullAWSAccess" => policies.push(AppliedPolicy {
                            policy: full_aws_access(),
                            name: "FullAWSAccess".to_owned(),
                            attachment: format!("SCP attached at `{}`", level.name),
                            id: None,
                        }),
                        None => {}
                    }
                }
                set.scp_levels.push(OrgLevel {
                    name: level.name.clone(),
                    policies,
                });
            }
        }
        let resource_account = request.effective_resource_account();
        if member(resource_account.as_deref()) {
            for level in &org.levels {
                let mut policies = Vec::new();
                for name in &level.rcps {
                    if let Some(i) = find(name) {
                        policies.push(self.applied(
                            &DocumentId::Organization(i),
                            format!("RCP attached at `{}`", level.name),
                            name,
                        )?);
                    }
                }
                set.rcp_levels.push(OrgLevel {
                    name: level.name.clone(),
                    policies,
                });
            }
        }
        Ok(())
    }

    fn custom<'s>(
        &'s self,
        set: &mut PolicySet<'s>,
        request_index: usize,
        custom: &CustomPolicies,
    ) -> Result<(), ResolveError> {
        let mut n = 0;
        let mut next = |s: &'s Self, attachment: &str| -> Result<AppliedPolicy<'s>, ResolveError> {
            let id = DocumentId::RequestCustom(request_index, n);
            n += 1;
            s.applied(&id, attachment.to_owned(), attachment)
        };
        for _ in &custom.identity {
            set.identity.push(next(self, "given with the request")?);
        }
        if custom.permissions_boundary.is_some() {
            set.permissions_boundary = Some(next(self, "given with the request")?);
        }
        if custom.resource.is_some() {
            set.resource_policies
                .push(next(self, "given with the request")?);
        }
        for (l, level) in custom.scps.iter().enumerate() {
            let mut policies = Vec::new();
            for _ in level {
                policies.push(next(self, "given with the request")?);
            }
            set.scp_levels.push(OrgLevel {
                name: format!("level {}", l + 1),
                policies,
            });
        }
        for (l, level) in custom.rcps.iter().enumerate() {
            let mut policies = Vec::new();
            for _ in level {
                policies.push(next(self, "given with the request")?);
            }
            set.rcp_levels.push(OrgLevel {
                name: format!("level {}", l + 1),
                policies,
            });
        }
        Ok(())
    }
}

/// A saved request of the workspace, or one given directly.
#[derive(Debug, Clone, Copy)]
pub enum RequestRef<'a> {
    /// `requests[i]`.
    Saved(usize),
    /// A request not saved in the workspace (the app's request panel).
    Spec(&'a RequestSpec),
}

fn full_aws_access() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Option<Policy>> = std::sync::OnceLock::new();
    POLICY
        .get_or_init(|| parse_policy(FULL_AWS_ACCESS, PolicyKind::ServiceControl).policy)
        .as_ref()
        .unwrap_or_else(|| unreachable!("the built-in FullAWSAccess SCP parses"))
}

fn norm_path(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

/// Whether `name` (a policy name or ARN) names `policy`; the ARN is only
/// built when the name could be it.
fn names_policy(name: &str, policy: &ManagedPolicy, arn: impl FnOnce() -> String) -> bool {
    policy.name == name || (name.ends_with(policy.name.as_str()) && arn() == name)
}

/// The ARN of a customer managed policy of `ws`.
pub fn customer_arn(ws: &Workspace, p: &ManagedPolicy) -> String {
    format!(
        "arn:aws:iam::{}:policy{}{}",
        ws.account,
        norm_path(&p.path),
        p.name
    )
}

/// The ARN of an AWS managed policy.
pub fn aws_arn(p: &ManagedPolicy) -> String {
    format!("arn:aws:iam::aws:policy{}{}", norm_path(&p.path), p.name)
}

/// Moves a location inside a document to where the document sits in its
/// workspace file (for documents written inline as JSON objects).
pub fn relocate(loc: Loc, doc: &Document, file: &LineIndex<'_>) -> Loc {
    let Some(offset) = doc.file_offset else {
        return loc;
    };
    let base = file.position(offset);
    let shift = |p: Position| Position {
        line: base.line + p.line - 1,
        column: if p.line == 1 {
            base.column + p.column - 1
        } else {
            p.column
        },
    };
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    Loc {
        span: Span {
            start: loc.span.start.saturating_add(offset),
            end: loc.span.end.saturating_add(offset),
        },
        start: shift(loc.start),
        end: shift(loc.end),
    }
}

#[cfg(feature = "catalog")]
impl ManagedPolicySource for iamplay_catalog::ManagedPolicies {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        let policy = self.get(name_or_arn)?;
        Some(AwsManagedPolicy {
            name: policy.name().to_owned(),
            arn: policy.arn(),
            version_id: policy.version_id().to_owned(),
            document: policy.document(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::load_workspace;

    // docs/workspace-format.md, Resources: `account` is "the owner, when
    // the ARN has none (S3) and it is not the caller's account"; such a
    // request is cross-account
    // (reference_policies_evaluation-logic-cross-account.md).
    #[test]
    fn a_resource_account_makes_the_request_cross_account() {
        let text = r#"{
            "account": "111111111111",
            "policies": [{"name": "S3", "document": {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}],
            "users": [{"name": "carlos", "managedPolicies": ["S3"]}],
            "resources": [{"name": "Production", "arns": ["arn:aws:s3:::Production/*"],
                "account": "222222222222",
                "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::111111111111:user/carlos"},
                    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::Production/*"}]}}],
            "requests": [
                {"principal": "carlos", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::Production/a"},
                {"principal": "carlos", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::Local/a"}
            ]
        }"#;
        let workspace = load_workspace(text).workspace.expect("the workspace loads");
        let compiled = CompiledWorkspace::compile(workspace, &NoManagedPolicies);
        let (set, request) = compiled.resolve(RequestRef::Saved(0)).expect("resolves");
        assert_eq!(request.resource_account.as_deref(), Some("222222222222"));
        assert_eq!(
            crate::eval::evaluate(&set, &request).decision,
            crate::response::Decision::ImplicitDeny
        );
        let (set, request) = compiled.resolve(RequestRef::Saved(1)).expect("resolves");
        assert_eq!(request.resource_account, None);
        assert_eq!(
            crate::eval::evaluate(&set, &request).decision,
            crate::response::Decision::Allowed
        );
    }
}
