//! The workspace: every policy, group, user, role, organization level,
//! resource and saved request of a scenario. One format for the CLI, the
//! app's export and share links: see `docs/workspace-format.md`.

use crate::principal::Principal;
use crate::request::ContextKeys;
use crate::response::Decision;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The value of the `format` member that marks a workspace file.
pub const FORMAT_NAME: &str = "iamplay-workspace";

/// The account entities belong to unless they say otherwise.
pub const DEFAULT_ACCOUNT: &str = "111122223333";

/// A policy document's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The JSON text, exactly as written.
    pub text: String,
    /// When the document was written inline as a JSON object in a
    /// workspace file: the byte offset of its text in that file, so that
    /// locations can point into the file.
    pub file_offset: Option<usize>,
}

impl Document {
    /// A document from its text.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            file_offset: None,
        }
    }
}

/// A managed policy (customer managed, an embedded AWS managed one, or an
/// SCP/RCP of the organization).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManagedPolicy {
    /// The policy's name, unique among its kind.
    pub name: String,
    /// The IAM path, `/` by default.
    pub path: String,
    /// What the policy is for.
    pub description: Option<String>,
    /// The document.
    pub document: Document,
}

/// An inline policy embedded in a user, group or role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InlinePolicy {
    /// The policy's name, unique within its entity.
    pub name: String,
    /// The document.
    pub document: Document,
}

/// A group of users.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    /// The group's name.
    pub name: String,
    /// The IAM path.
    pub path: String,
    /// Attached managed policies, by name or ARN.
    pub managed_policies: Vec<String>,
    /// Inline policies.
    pub inline_policies: Vec<InlinePolicy>,
}

/// An IAM user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    /// The user's name.
    pub name: String,
    /// The IAM path.
    pub path: String,
    /// The account, if not the workspace's.
    pub account: Option<String>,
    /// Group memberships, in order.
    pub groups: Vec<String>,
    /// Attached managed policies, by name or ARN.
    pub managed_policies: Vec<String>,
    /// Inline policies.
    pub inline_policies: Vec<InlinePolicy>,
    /// The permissions boundary: a managed policy name or ARN.
    pub permissions_boundary: Option<String>,
    /// Tags, which become `aws:PrincipalTag/<key>` in requests.
    pub tags: Vec<(String, String)>,
    /// The unique id (`AIDA...`), made up when absent.
    pub id: Option<String>,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Role {
    /// The role's name.
    pub name: String,
    /// The IAM path.
    pub path: String,
    /// The account, if not the workspace's.
    pub account: Option<String>,
    /// Attached managed policies, by name or ARN.
    pub managed_policies: Vec<String>,
    /// Inline policies.
    pub inline_policies: Vec<InlinePolicy>,
    /// The permissions boundary: a managed policy name or ARN.
    pub permissions_boundary: Option<String>,
    /// The trust policy (who may assume the role).
    pub trust_policy: Option<Document>,
    /// Tags, which become `aws:PrincipalTag/<key>` in requests.
    pub tags: Vec<(String, String)>,
    /// The unique id (`AROA...`), made up when absent.
    pub id: Option<String>,
}

/// One level of the organization (root, an OU, an account) and the SCPs
/// and RCPs attached there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrgLevelSpec {
    /// e.g. `Root`, `OU Workloads`, `Account 111122223333`.
    pub name: String,
    /// SCP names attached at this level (`FullAWSAccess` is built in).
    pub scps: Vec<String>,
    /// RCP names attached at this level (`RCPFullAWSAccess` is always
    /// there implicitly).
    pub rcps: Vec<String>,
}

/// The AWS Organizations part of a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organization {
    /// Member accounts: SCPs govern their principals, RCPs their resources.
    pub accounts: Vec<String>,
    /// The management account, which SCPs and RCPs never restrict.
    pub management_account: Option<String>,
    /// SCP and RCP documents, by name.
    pub policies: Vec<ManagedPolicy>,
    /// Levels from the root down to the accounts.
    pub levels: Vec<OrgLevelSpec>,
}

/// A resource with a resource-based policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resource {
    /// A label, e.g. `reports bucket`.
    pub name: Option<String>,
    /// The ARNs (wildcards allowed) this policy covers, e.g. a bucket and
    /// `bucket/*` for its objects.
    pub arns: Vec<String>,
    /// The owning account, if not in the ARN and not the workspace's.
    pub account: Option<String>,
    /// The resource-based policy.
    pub policy: Document,
    /// Whether the policy must allow the caller itself (trust and key policies).
    pub policy_required: bool,
}

/// A VPC endpoint that requests can come through. Its policy must allow
/// a request that comes through it; a Deny there denies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VpcEndpoint {
    /// The endpoint's id, e.g. `vpce-1a2b3c4d` (the value of `aws:SourceVpce`).
    pub id: String,
    /// The VPC it is in, e.g. `vpc-111bbb22` (the value of `aws:SourceVpc`).
    pub vpc: Option<String>,
    /// The endpoint policy; `None` is AWS's default policy, which allows
    /// every action on every resource to every principal.
    pub policy: Option<Document>,
}

/// Who makes a saved request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalSpec {
    /// A user of the workspace, by name.
    User {
        /// The user's name.
        name: String,
        /// Group memberships to use instead of the user's own, for
        /// "what if" requests (e.g. before joining a group).
        groups: Option<Vec<String>>,
    },
    /// A session of a role of the workspace.
    RoleSession {
        /// The role's name.
        role: String,
        /// The session name.
        session: String,
    },
    /// Any principal, given directly (by ARN in the file).
    Other(Principal),
}

impl PrincipalSpec {
    /// A user of the workspace with its own group memberships.
    pub fn user(name: impl Into<String>) -> PrincipalSpec {
        PrincipalSpec::User {
            name: name.into(),
            groups: None,
        }
    }
}

/// Policies named directly in a request, as AWS's `SimulateCustomPolicy`
/// takes them, instead of (or on top of) the workspace's entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomPolicies {
    /// Identity-based policies.
    pub identity: Vec<Document>,
    /// A permissions boundary.
    pub permissions_boundary: Option<Document>,
    /// A resource-based policy.
    pub resource: Option<Document>,
    /// SCPs, one list per level from the root down.
    pub scps: Vec<Vec<Document>>,
    /// RCPs, one list per level from the root down.
    pub rcps: Vec<Vec<Document>>,
}

impl CustomPolicies {
    /// Every document, in the order identity, boundary, resource, SCPs,
    /// RCPs (the order [`crate::engine::DocumentId::RequestPolicy`] numbers them).
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.identity
            .iter()
            .chain(&self.permissions_boundary)
            .chain(&self.resource)
            .chain(self.scps.iter().flatten())
            .chain(self.rcps.iter().flatten())
    }

    /// Every document in the same order, to change them.
    pub fn documents_mut(&mut self) -> impl Iterator<Item = &mut Document> {
        self.identity
            .iter_mut()
            .chain(&mut self.permissions_boundary)
            .chain(&mut self.resource)
            .chain(self.scps.iter_mut().flatten())
            .chain(self.rcps.iter_mut().flatten())
    }
}

/// What a saved request is expected to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The decision.
    pub decision: Decision,
    /// The deciding statements, as `Policy/Sid` or `Policy/N` (N from 1);
    /// `None` when not checked.
    pub deciding: Option<Vec<String>>,
    /// For an implicit deny, the policy type that blocked, in the words of
    /// [`crate::response::PolicyType::describe`] (e.g. `permissions
    /// boundary`), optionally followed by ` at LEVEL` for SCPs and RCPs.
    pub blocked_by: Option<String>,
}

/// A saved request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSpec {
    /// A label, e.g. `row 1: no MFA, EC2`.
    pub name: Option<String>,
    /// The caller.
    pub principal: PrincipalSpec,
    /// The action.
    pub action: String,
    /// The resource ARN, `*` by default.
    pub resource: String,
    /// The resource's account, when not in the ARN.
    pub resource_account: Option<String>,
    /// Context keys.
    pub context: ContextKeys,
    /// The session policy, for role sessions.
    pub session_policy: Option<Document>,
    /// Policies given directly.
    pub policies: Option<CustomPolicies>,
    /// The id of the workspace's VPC endpoint the request comes through.
    pub vpc_endpoint: Option<String>,
    /// The expected outcome, if any.
    pub expect: Option<Expectation>,
    /// The AWS IAM User Guide section the request checks (test cases).
    pub reference: Option<String>,
}

impl RequestSpec {
    /// A request of `principal` for `action` on `resource`, without
    /// context keys or policies of its own.
    pub fn new(
        principal: PrincipalSpec,
        action: impl Into<String>,
        resource: impl Into<String>,
    ) -> RequestSpec {
        RequestSpec {
            name: None,
            principal,
            action: action.into(),
            resource: resource.into(),
            resource_account: None,
            context: ContextKeys::new(),
            session_policy: None,
            policies: None,
            vpc_endpoint: None,
            expect: None,
            reference: None,
        }
    }
}

/// A whole workspace.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    /// A title.
    pub name: Option<String>,
    /// What the scenario shows.
    pub description: Option<String>,
    /// The AWS IAM User Guide section the scenario checks (test cases).
    pub reference: Option<String>,
    /// The account entities belong to by default.
    pub account: String,
    /// Customer managed policies.
    pub policies: Vec<ManagedPolicy>,
    /// AWS managed policy documents carried in the workspace; others are
    /// looked up in the catalog by name or ARN.
    pub aws_managed_policies: Vec<ManagedPolicy>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Users.
    pub users: Vec<User>,
    /// Roles.
    pub roles: Vec<Role>,
    /// The organization, if any.
    pub organization: Option<Organization>,
    /// Resources with resource-based policies.
    pub resources: Vec<Resource>,
    /// VPC endpoints, with their endpoint policies.
    pub endpoints: Vec<VpcEndpoint>,
    /// Saved requests.
    pub requests: Vec<RequestSpec>,
}

impl Workspace {
    /// An empty workspace in the default account.
    pub fn new() -> Self {
        Self {
            account: DEFAULT_ACCOUNT.to_owned(),
            ..Self::default()
        }
    }

    /// Whether the workspace has a user or role to make a request as.
    pub fn has_principals(&self) -> bool {
        !self.users.is_empty() || !self.roles.is_empty()
    }
}
