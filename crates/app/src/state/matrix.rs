//! The access matrix: every user and role of the workspace against a set
//! of actions, each cell the decision for that principal, action and a
//! default resource, with the request panel's context keys.
//!
//! The resource of a row (documented on the page):
//! - `*` for an action without resource-level permissions
//!   (`reference_policies_elements_resource.md`), or one the catalog does
//!   not know;
//! - else the first ARN of the workspace's `resources` that is of a
//!   resource type the action acts on (so a bucket policy takes part);
//! - else the ARN format of the action's first required resource type
//!   (with none required, the shortest format: an S3 object rather than
//!   an object through an access point), in the workspace's account and
//!   `us-east-1`, with the caller's own name for
//!   `${UserName}` and an MFA device's `${MfaTokenIdWithPath}` (a user:
//!   its own user and MFA device, as the walkthrough's
//!   `${aws:username}` resources) or `${RoleName}` (a role), and `*` for
//!   every other placeholder (any instance, any bucket).
//!
//! Each cell is decided by the core's [`Resolved::authorize`], the fast
//! path that builds no explanation; the policies are resolved by the
//! engine once per principal and resource, not once per cell.

use std::collections::HashMap;

use iamplay_catalog::services;
use iamplay_core::engine::{ResolveError, Resolved};
use iamplay_core::matching::wildcard_match;
use iamplay_core::response::Decision;
use iamplay_core::workspace::{PrincipalSpec, RequestSpec, Workspace};

use super::request::ROLE_SESSION_NAME;
use super::{Engine, PrincipalChoice, RequestDraft};

/// The region of default ARNs.
pub const MATRIX_REGION: &str = "us-east-1";

/// The most actions a matrix takes (a few whole services).
pub const MAX_ACTIONS: usize = 5000;

/// Where the resource of a row comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceFrom {
    /// The action supports only `*`.
    OnlyWildcard,
    /// The catalog does not know the action.
    NotInCatalog,
    /// A resource of the workspace (its name, or its ARN).
    Workspace(String),
    /// The ARN format of the action's resource type of this name.
    ArnFormat(String),
}

impl ResourceFrom {
    /// Why the row uses its resource, in a few words.
    pub fn describe(&self) -> String {
        match self {
            ResourceFrom::OnlyWildcard => "no resource-level permissions: `*`".to_owned(),
            ResourceFrom::NotInCatalog => "not in the catalog: `*`".to_owned(),
            ResourceFrom::Workspace(name) => format!("the workspace's resource `{name}`"),
            ResourceFrom::ArnFormat(kind) => format!("any `{kind}` (from its ARN format)"),
        }
    }
}

/// One row: an action and the resource it is asked on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixAction {
    /// The action, as the catalog spells it (`ec2:DescribeInstances`).
    pub action: String,
    /// The resource; `${UserName}`, `${UserNameWithPath}`, `${RoleName}`
    /// and `${RoleNameWithPath}` are filled per principal
    /// ([`MatrixAction::resource_for`]).
    pub resource: String,
    /// Where the resource comes from.
    pub from: ResourceFrom,
}

/// The placeholders that name the caller's own resource, and who fills
/// them (`true`: a user, with its name). A user's own IAM resources are
/// its user (which access keys, login profiles, SSH public keys,
/// service-specific credentials and signing certificates are asked on)
/// and its MFA device, named after it as the walkthrough's policies
/// expect (`mfa/${aws:username}`).
const CALLER_PLACEHOLDERS: [(&str, bool); 5] = [
    ("${UserNameWithPath}", true),
    ("${UserName}", true),
    ("${MfaTokenIdWithPath}", true),
    ("${RoleNameWithPath}", false),
    ("${RoleName}", false),
];

impl MatrixAction {
    /// The resource as one line shows it for every principal: `‹own
    /// user›` (or `‹own role›`) where a user's (a role's) own name goes,
    /// `*` for the other kind of caller.
    pub fn resource_label(&self) -> String {
        let mut label = self.resource.clone();
        for (placeholder, of_user) in CALLER_PLACEHOLDERS {
            label = label.replace(
                placeholder,
                if of_user {
                    "‹own user›"
                } else {
                    "‹own role›"
                },
            );
        }
        label
    }

    /// The resource for `principal`: the caller's own name in place of a
    /// user (or role) name placeholder, `*` for the other kind.
    pub fn resource_for(&self, principal: &PrincipalChoice) -> String {
        if !self.resource.contains("${") {
            return self.resource.clone();
        }
        let mut resource = self.resource.clone();
        for (placeholder, of_user) in CALLER_PLACEHOLDERS {
            let name = match principal {
                PrincipalChoice::User(name) if of_user => name.as_str(),
                PrincipalChoice::Role(name) if !of_user => name.as_str(),
                _ => "*",
            };
            resource = resource.replace(placeholder, name);
        }
        resource
    }
}

/// The rows for `patterns`: each pattern (`ec2:*`, `s3:Get*`, an action)
/// expanded through the catalog in its order, without repeats; an action
/// the catalog does not know is kept as typed when it has no wildcard.
/// Also returns the patterns that match nothing. No rows before AWS's
/// service data has arrived (the matrix says it is loading).
pub fn matrix_actions(
    patterns: &[String],
    workspace: &Workspace,
) -> (Vec<MatrixAction>, Vec<String>) {
    let Some(catalog) = services() else {
        return (Vec::new(), Vec::new());
    };
    let mut names: Vec<String> = Vec::new();
    let mut unmatched = Vec::new();
    for pattern in patterns.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let found = catalog.expand_action_pattern(pattern);
        if found.is_empty() {
            if pattern.contains(['*', '?']) || !pattern.contains(':') {
                unmatched.push(pattern.to_owned());
            } else {
                names.push(pattern.to_owned());
            }
        }
        names.extend(found.iter().map(ToString::to_string));
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(name.to_ascii_lowercase()));
    names.truncate(MAX_ACTIONS);
    let rows = names
        .into_iter()
        .map(|action| {
            let (resource, from) = default_resource(&action, workspace);
            MatrixAction {
                action,
                resource,
                from,
            }
        })
        .collect();
    (rows, unmatched)
}

/// The resource a row asks `action` on (see the module's documentation).
fn default_resource(action: &str, workspace: &Workspace) -> (String, ResourceFrom) {
    let Some(known) = services().and_then(|catalog| catalog.action(action)) else {
        return ("*".to_owned(), ResourceFrom::NotInCatalog);
    };
    if known.supports_only_wildcard_resource() {
        return ("*".to_owned(), ResourceFrom::OnlyWildcard);
    }
    for resource in &workspace.resources {
        for arn in &resource.arns {
            if known
                .resource_types()
                .any(|r| wildcard_match(&r.resource_type().arn_glob(), arn, false))
            {
                let name = resource.name.clone().unwrap_or_else(|| arn.clone());
                return (arn.clone(), ResourceFrom::Workspace(name));
            }
        }
    }
    let first = known
        .resource_types()
        .find(|r| r.required())
        .or_else(|| known.resource_types().min_by_key(|r| r.arn_format().len()));
    let Some(first) = first else {
        return ("*".to_owned(), ResourceFrom::OnlyWildcard);
    };
    (
        fill_arn_format(first.arn_format(), &workspace.account),
        ResourceFrom::ArnFormat(first.name().to_owned()),
    )
}

/// An ARN format with the partition, region and account filled, the
/// caller's placeholders kept, and `*` for every other placeholder.
fn fill_arn_format(format: &str, account: &str) -> String {
    let mut out = String::with_capacity(format.len());
    let mut rest = format;
    while let Some(start) = rest.find("${") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let Some(end) = from.find('}') else {
            out.push_str(from);
            return out;
        };
        let placeholder = from.get(..=end).unwrap_or(from);
        match placeholder {
            "${Partition}" => out.push_str("aws"),
            "${Region}" => out.push_str(MATRIX_REGION),
            "${Account}" => out.push_str(account),
            p if CALLER_PLACEHOLDERS.iter().any(|(c, _)| *c == p) => out.push_str(p),
            _ => out.push('*'),
        }
        rest = from.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A column: a user or a role of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixPrincipal {
    /// Who.
    pub choice: PrincipalChoice,
    /// Its name.
    pub name: String,
}

impl MatrixPrincipal {
    /// `user` or `role`.
    pub fn kind(&self) -> &'static str {
        match self.choice {
            PrincipalChoice::User(_) => "user",
            PrincipalChoice::Role(_) => "role",
        }
    }
}

/// The workspace's users, then its roles (as sessions).
pub fn matrix_principals(workspace: &Workspace) -> Vec<MatrixPrincipal> {
    let users = workspace.users.iter().map(|u| MatrixPrincipal {
        choice: PrincipalChoice::User(u.name.clone()),
        name: u.name.clone(),
    });
    let roles = workspace.roles.iter().map(|r| MatrixPrincipal {
        choice: PrincipalChoice::Role(r.name.clone()),
        name: r.name.clone(),
    });
    users.chain(roles).collect()
}

/// One cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Allowed.
    Allowed,
    /// Explicitly denied.
    ExplicitDeny,
    /// Implicitly denied.
    ImplicitDeny,
    /// The request could not be evaluated.
    Unknown,
}

impl Cell {
    /// The cell for a decision.
    pub fn of(decision: Decision) -> Cell {
        match decision {
            Decision::Allowed => Cell::Allowed,
            Decision::ExplicitDeny => Cell::ExplicitDeny,
            Decision::ImplicitDeny => Cell::ImplicitDeny,
        }
    }

    /// The CSS class and `data-decision` of the cell (as the decision
    /// badge spells them).
    pub fn class(self) -> &'static str {
        match self {
            Cell::Allowed => "allowed",
            Cell::ExplicitDeny => "explicit-deny",
            Cell::ImplicitDeny => "implicit-deny",
            Cell::Unknown => "unknown",
        }
    }

    /// In words (a decision as the core says it).
    pub fn describe(self) -> &'static str {
        match self {
            Cell::Allowed => Decision::Allowed.describe(),
            Cell::ExplicitDeny => Decision::ExplicitDeny.describe(),
            Cell::ImplicitDeny => Decision::ImplicitDeny.describe(),
            Cell::Unknown => "not evaluated",
        }
    }
}

/// How many cells of a column have each decision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Allowed.
    pub allowed: usize,
    /// Explicit deny.
    pub explicit: usize,
    /// Implicit deny.
    pub implicit: usize,
    /// Not evaluated.
    pub unknown: usize,
}

/// The decisions of every principal for every action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// The columns.
    pub principals: Vec<MatrixPrincipal>,
    /// The rows.
    pub actions: std::rc::Rc<Vec<MatrixAction>>,
    /// Row after row: `cells[action * principals.len() + principal]`.
    pub cells: Vec<Cell>,
    /// What could not be evaluated, one sentence each.
    pub problems: Vec<String>,
    /// Each column's counts.
    counts: Vec<Counts>,
}

impl Matrix {
    /// The cell of `action` (row) and `principal` (column).
    pub fn cell(&self, action: usize, principal: usize) -> Option<Cell> {
        if principal >= self.principals.len() {
            return None;
        }
        self.cells
            .get(action * self.principals.len() + principal)
            .copied()
    }

    /// The counts of column `principal`.
    pub fn counts(&self, principal: usize) -> Counts {
        self.counts.get(principal).copied().unwrap_or_default()
    }

    /// The counts of every cell.
    pub fn totals(&self) -> Counts {
        let mut total = Counts::default();
        for counts in &self.counts {
            total.allowed += counts.allowed;
            total.explicit += counts.explicit;
            total.implicit += counts.implicit;
            total.unknown += counts.unknown;
        }
        total
    }

    /// The request of a cell: its principal (with its own groups), action
    /// and resource, with the context and VPC endpoint of `current`.
    pub fn request_of(
        &self,
        action: usize,
        principal: usize,
        current: &RequestDraft,
    ) -> Option<RequestDraft> {
        let row = self.actions.get(action)?;
        let column = self.principals.get(principal)?;
        Some(RequestDraft {
            principal: Some(column.choice.clone()),
            groups: None,
            action: row.action.clone(),
            resource: row.resource_for(&column.choice),
            context: current.context.clone(),
            vpc_endpoint: current.vpc_endpoint.clone(),
        })
    }

    /// The cell whose request `draft` is, if any.
    pub fn position_of(&self, draft: &RequestDraft) -> Option<(usize, usize)> {
        if draft.groups.is_some() {
            return None;
        }
        let principal = self
            .principals
            .iter()
            .position(|p| Some(&p.choice) == draft.principal.as_ref())?;
        let action = self.actions.iter().position(|a| {
            a.action.eq_ignore_ascii_case(draft.action.trim())
                && a.resource_for(&self.principals[principal].choice)
                    == draft.resource_or_wildcard()
        })?;
        Some((action, principal))
    }
}

/// Decides every cell: each principal's policies are resolved once per
/// resource (and once more for `sts:AssumeRole*` on a role, whose trust
/// policy takes part), then every action of that resource is authorized.
/// `current` gives the context keys (the MFA switch among them). Fails
/// with [`ResolveError::InvalidPolicy`] when a policy that applies has
/// errors; other errors are the matrix's `problems`.
pub fn compute_matrix(
    engine: &Engine,
    principals: Vec<MatrixPrincipal>,
    actions: std::rc::Rc<Vec<MatrixAction>>,
    current: &RequestDraft,
) -> Result<Matrix, ResolveError> {
    let columns = principals.len();
    let mut cells = vec![Cell::Unknown; actions.len() * columns];
    let mut problems: Vec<String> = Vec::new();
    let groups = resource_groups(&actions);
    for (p, principal) in principals.iter().enumerate() {
        let mut spec = spec_for(principal, current);
        for ((template, _), rows) in &groups {
            let Some(&first) = rows.first() else { continue };
            let Some(first_row) = actions.get(first) else {
                continue;
            };
            spec.resource = resource_of(template, &principal.choice);
            first_row.action.clone_into(&mut spec.action);
            let mut resolved: Resolved<'_> = match engine.resolve(&spec) {
                Ok(resolved) => resolved,
                Err(error @ ResolveError::InvalidPolicy { .. }) => return Err(error),
                Err(error) => {
                    let problem = format!("{} `{}`: {error}", principal.kind(), principal.name);
                    if !problems.contains(&problem) {
                        problems.push(problem);
                    }
                    continue;
                }
            };
            for &row in rows {
                let Some(action) = actions.get(row) else {
                    continue;
                };
                action.action.clone_into(&mut resolved.request.action);
                if let Some(cell) = cells.get_mut(row * columns + p) {
                    *cell = Cell::of(resolved.authorize());
                }
            }
        }
    }
    let mut counts = vec![Counts::default(); columns];
    for (i, cell) in cells.iter().enumerate() {
        if let Some(count) = counts.get_mut(i % columns.max(1)) {
            match cell {
                Cell::Allowed => count.allowed += 1,
                Cell::ExplicitDeny => count.explicit += 1,
                Cell::ImplicitDeny => count.implicit += 1,
                Cell::Unknown => count.unknown += 1,
            }
        }
    }
    Ok(Matrix {
        principals,
        actions,
        cells,
        problems,
        counts,
    })
}

/// The rows by resource template (and whether the action assumes a role),
/// in the order each first appears.
fn resource_groups(actions: &[MatrixAction]) -> Vec<((String, bool), Vec<usize>)> {
    let mut index: HashMap<(String, bool), usize> = HashMap::new();
    let mut groups: Vec<((String, bool), Vec<usize>)> = Vec::new();
    for (row, action) in actions.iter().enumerate() {
        let assumes = action
            .action
            .to_ascii_lowercase()
            .starts_with("sts:assumerole");
        let key = (action.resource.clone(), assumes);
        match index.get(&key) {
            Some(&at) => {
                if let Some((_, rows)) = groups.get_mut(at) {
                    rows.push(row);
                }
            }
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, vec![row]));
            }
        }
    }
    groups
}

/// The resource for `principal` from a row's resource template.
fn resource_of(template: &str, principal: &PrincipalChoice) -> String {
    MatrixAction {
        action: String::new(),
        resource: template.to_owned(),
        from: ResourceFrom::OnlyWildcard,
    }
    .resource_for(principal)
}

/// The saved-request form of a cell's request, with the context of
/// `current`; action and resource are set per cell.
fn spec_for(principal: &MatrixPrincipal, current: &RequestDraft) -> RequestSpec {
    let draft = RequestDraft {
        principal: Some(principal.choice.clone()),
        groups: None,
        action: "matrix:Cell".to_owned(),
        resource: String::new(),
        context: current.context.clone(),
        vpc_endpoint: current.vpc_endpoint.clone(),
    };
    match draft.to_spec() {
        Ok(spec) => spec,
        // Unreachable: the draft has a principal and an action.
        Err(_) => RequestSpec {
            name: None,
            principal: match &principal.choice {
                PrincipalChoice::User(name) => PrincipalSpec::User {
                    name: name.clone(),
                    groups: None,
                },
                PrincipalChoice::Role(role) => PrincipalSpec::RoleSession {
                    role: role.clone(),
                    session: ROLE_SESSION_NAME.to_owned(),
                },
            },
            action: String::new(),
            resource: "*".to_owned(),
            resource_account: None,
            context: Default::default(),
            session_policy: None,
            policies: None,
            vpc_endpoint: None,
            expect: None,
            reference: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::aws_policies::AwsPolicies;
    use crate::seed::seed_workspace;

    fn seed_matrix(patterns: &[&str], mfa: bool) -> Matrix {
        let workspace = seed_workspace();
        let patterns: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
        let (actions, unmatched) = matrix_actions(&patterns, &workspace);
        assert!(unmatched.is_empty(), "{unmatched:?}");
        let principals = matrix_principals(&workspace);
        let engine = Engine::new(&workspace, &AwsPolicies::default());
        let mut current = RequestDraft::default();
        current.set_mfa(mfa);
        compute_matrix(&engine, principals, Rc::new(actions), &current).expect("a matrix")
    }

    // The seed scenario (../shared/scenarios/README.md, rows 1 and 2): the
    // Force_MFA Deny (NotAction `iam:*`, Null `aws:MultiFactorAuthAge`)
    // denies every EC2 action until the user signs in with MFA; then
    // AmazonEC2FullAccess allows them all.
    #[test]
    fn every_ec2_action_is_denied_without_mfa_and_allowed_with_it() {
        let without = seed_matrix(&["ec2:*"], false);
        assert!(without.actions.len() > 500, "{}", without.actions.len());
        assert_eq!(without.principals.len(), 2);
        for p in 0..2 {
            let counts = without.counts(p);
            assert_eq!(counts.explicit, without.actions.len(), "{counts:?}");
        }
        let with = seed_matrix(&["ec2:*"], true);
        for p in 0..2 {
            assert_eq!(with.counts(p).allowed, with.actions.len());
        }
        assert!(with.problems.is_empty(), "{:?}", with.problems);
    }

    // Rows 4 and 8 of the seed scenario: a user's own password without
    // MFA is allowed (the resource is the caller's own user); listing
    // users is implicitly denied (the `user/*` gotcha: `iam:ListUsers` is
    // asked on `*`), as is an action nothing allows.
    #[test]
    fn self_service_rows_use_the_callers_own_user() {
        let matrix = seed_matrix(
            &["iam:ChangePassword", "iam:ListUsers", "iam:CreateUser"],
            false,
        );
        let names: Vec<&str> = matrix.actions.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(
            names,
            ["iam:ChangePassword", "iam:ListUsers", "iam:CreateUser"]
        );
        assert_eq!(matrix.cell(0, 0), Some(Cell::Allowed));
        assert_eq!(matrix.cell(1, 1), Some(Cell::ImplicitDeny));
        assert_eq!(matrix.cell(2, 0), Some(Cell::ImplicitDeny));
        let change = &matrix.actions[0];
        assert_eq!(
            change.resource_for(&PrincipalChoice::User("mfa-user-2".to_owned())),
            "arn:aws:iam::111122223333:user/mfa-user-2"
        );
        assert_eq!(matrix.actions[1].resource, "*");
        assert_eq!(matrix.actions[1].from, ResourceFrom::OnlyWildcard);
        let draft = matrix
            .request_of(0, 1, &RequestDraft::default())
            .expect("a request");
        assert_eq!(
            draft.principal,
            Some(PrincipalChoice::User("mfa-user-2".to_owned()))
        );
        assert_eq!(matrix.position_of(&draft), Some((0, 1)));
    }

    // Seed rows 6 and 7: a user creates and enables its own MFA device;
    // the matrix asks for the caller's own `mfa/NAME` and `user/NAME`
    // (not `mfa/*`, which the walkthrough's policy does not allow), with
    // MFA or without. The self-service credential actions ask for the
    // caller's own user.
    #[test]
    fn own_mfa_device_and_credentials_rows_ask_for_the_callers_own_resources() {
        for mfa in [false, true] {
            let matrix = seed_matrix(&["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"], mfa);
            let create = &matrix.actions[0];
            assert_eq!(
                create.resource_label(),
                "arn:aws:iam::111122223333:mfa/‹own user›"
            );
            assert_eq!(
                create.resource_for(&PrincipalChoice::User("mfa-user-1".to_owned())),
                "arn:aws:iam::111122223333:mfa/mfa-user-1"
            );
            assert_eq!(
                matrix.actions[1].resource_for(&PrincipalChoice::User("mfa-user-2".to_owned())),
                "arn:aws:iam::111122223333:user/mfa-user-2"
            );
            for p in 0..2 {
                assert_eq!(
                    matrix.cell(0, p),
                    Some(Cell::Allowed),
                    "MFA {mfa}, user {p}"
                );
                assert_eq!(
                    matrix.cell(1, p),
                    Some(Cell::Allowed),
                    "MFA {mfa}, user {p}"
                );
            }
        }
        let workspace = Workspace::new();
        let actions = [
            "iam:CreateAccessKey",
            "iam:CreateLoginProfile",
            "iam:UploadSSHPublicKey",
            "iam:CreateServiceSpecificCredential",
            "iam:UploadSigningCertificate",
        ];
        let patterns: Vec<String> = actions.iter().map(|a| (*a).to_owned()).collect();
        let (rows, _) = matrix_actions(&patterns, &workspace);
        for row in &rows {
            assert_eq!(
                row.resource_for(&PrincipalChoice::User("alice".to_owned())),
                format!("arn:aws:iam::{}:user/alice", workspace.account),
                "{}",
                row.action
            );
        }
    }

    #[test]
    fn patterns_expand_in_order_without_repeats() {
        let workspace = Workspace::new();
        let patterns = vec![
            "s3:GetObject".to_owned(),
            "s3:Get*".to_owned(),
            "example:Thing".to_owned(),
            "nothing:*".to_owned(),
        ];
        let (actions, unmatched) = matrix_actions(&patterns, &workspace);
        assert_eq!(actions[0].action, "s3:GetObject");
        assert_eq!(
            actions
                .iter()
                .filter(|a| a.action == "s3:GetObject")
                .count(),
            1
        );
        assert!(actions.iter().any(|a| a.action == "example:Thing"));
        assert_eq!(unmatched, ["nothing:*"]);
        let object = &actions[0];
        assert_eq!(object.resource, "arn:aws:s3:::*/*");
    }

    #[test]
    fn arn_formats_are_filled_with_the_account_and_region() {
        assert_eq!(
            fill_arn_format(
                "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}",
                "111122223333"
            ),
            "arn:aws:ec2:us-east-1:111122223333:instance/*"
        );
        assert_eq!(
            fill_arn_format(
                "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}",
                "1"
            ),
            "arn:aws:iam::1:role/${RoleNameWithPath}"
        );
    }

    // examples/cross-account-bucket.json: rows on S3 objects use the
    // workspace's bucket, so its bucket policy takes part.
    #[test]
    fn a_workspace_resource_of_the_right_type_is_preferred() {
        let lesson = crate::state::lessons::LESSONS
            .iter()
            .find(|l| l.file == "cross-account-bucket.json")
            .and_then(|l| l.workspace())
            .expect("the lesson");
        let (actions, _) = matrix_actions(&["s3:ListBucket".to_owned()], &lesson);
        assert_eq!(actions[0].resource, "arn:aws:s3:::shared-reports");
        assert_eq!(
            actions[0].from,
            ResourceFrom::Workspace("shared-reports bucket".to_owned())
        );
    }
}
