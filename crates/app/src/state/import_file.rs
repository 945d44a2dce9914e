//! Reading a file the user imports (file picker or drag-and-drop) through
//! `iamplay-import`, as `iamplay import` does: a workspace file
//! (`docs/workspace-format.md`), the JSON output of `aws iam
//! get-account-authorization-details`, a CloudFormation template (JSON or
//! YAML) or the JSON of `terraform show -json` (a plan or a state), told
//! apart by their content (and, for YAML, the file's name). What the
//! import skipped and what it left as placeholders come back with their
//! line and column in the file.

use iamplay_core::workspace::Workspace;
use iamplay_import::{Format, ImportOptions, Note, detect, import};

/// What an import of anything but a workspace file brought in, what it
/// left out, and what it could not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// What the file was read as, e.g. "a CloudFormation template (YAML)".
    pub format: String,
    /// The file's name, when known.
    pub file_name: Option<String>,
    /// One sentence on what was imported, e.g. "Imported from `aws iam
    /// get-account-authorization-details`: 2 users, 2 groups, …".
    pub summary: String,
    /// What the import skipped, in the order of the file.
    pub skipped: Vec<ImportNote>,
    /// Values the file alone does not give, left in the workspace as
    /// `<unresolved:…>` placeholders, in the order of the file.
    pub placeholders: Vec<ImportNote>,
}

/// One line of an import's report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportNote {
    /// Where in the file, as `line:column`; `None` when the import does
    /// not keep locations (authorization details).
    pub place: Option<String>,
    /// What happened (lowercase, names in backticks).
    pub message: String,
}

impl From<&Note> for ImportNote {
    fn from(note: &Note) -> ImportNote {
        ImportNote {
            place: note.loc.map(|loc| loc.to_string()),
            message: note.message.clone(),
        }
    }
}

/// Reads an imported file named `file_name` (when known): the workspace,
/// and unless it was a workspace file the report of what was read,
/// skipped and left as placeholders. The error says what is wrong, with
/// the line and column.
pub fn read_import(
    text: &str,
    file_name: Option<&str>,
) -> Result<(Workspace, Option<ImportReport>), String> {
    let options = ImportOptions {
        file_name: file_name.map(str::to_owned),
        ..ImportOptions::default()
    };
    let imported = import(text, &options).map_err(|diagnostics| {
        let first = diagnostics
            .first()
            .map(ToString::to_string)
            .unwrap_or_else(|| "it is not valid".to_owned());
        match detect(text, file_name) {
            Format::Unknown => first,
            format => format!("{} could not be read: {first}", what(format)),
        }
    })?;
    if imported.format == Format::Workspace {
        return Ok((imported.workspace, None));
    }
    let summary = match imported.format {
        Format::AuthorizationDetails => {
            imported.workspace.description.clone().unwrap_or_else(|| {
                "Imported from `aws iam get-account-authorization-details`.".to_owned()
            })
        }
        _ => format!("Imported {}.", contents(&imported.workspace)),
    };
    let report = ImportReport {
        format: imported.format.describe().to_owned(),
        file_name: file_name.map(str::to_owned),
        summary,
        skipped: imported.skipped.iter().map(ImportNote::from).collect(),
        placeholders: imported.placeholders.iter().map(ImportNote::from).collect(),
    };
    Ok((imported.workspace, Some(report)))
}

/// The file as the subject of an error: "the workspace file", "the
/// CloudFormation template"...
fn what(format: Format) -> &'static str {
    match format {
        Format::Workspace => "the workspace file",
        Format::AuthorizationDetails => "the authorization details",
        Format::CloudFormationJson | Format::CloudFormationYaml => "the CloudFormation template",
        Format::TerraformPlan => "the Terraform plan",
        Format::TerraformState => "the Terraform state",
        Format::Unknown => "the file",
    }
}

/// What a workspace holds, e.g. "2 roles, 1 group and 3 customer managed
/// policies"; "nothing" when it is empty.
fn contents(workspace: &Workspace) -> String {
    let inline = workspace
        .groups
        .iter()
        .map(|g| g.inline_policies.len())
        .chain(workspace.users.iter().map(|u| u.inline_policies.len()))
        .chain(workspace.roles.iter().map(|r| r.inline_policies.len()))
        .sum();
    let parts: Vec<String> = [
        (workspace.users.len(), "user", "users"),
        (workspace.groups.len(), "group", "groups"),
        (workspace.roles.len(), "role", "roles"),
        (
            workspace.policies.len(),
            "customer managed policy",
            "customer managed policies",
        ),
        (inline, "inline policy", "inline policies"),
        (
            workspace.resources.len(),
            "resource-based policy",
            "resource-based policies",
        ),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    match parts.as_slice() {
        [] => "nothing".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The realistic fixture: a user in two groups, a role with a
    /// boundary, inline and managed policies, a service-linked role.
    const DETAILS: &str = include_str!("../../../../tests/fixtures/authorization-details.json");

    /// A CloudFormation template (YAML) with a role, an instance profile,
    /// a bucket and its policy, and a value from another stack.
    const REPORTS_STACK: &str = include_str!("../../../../tests/fixtures/iac/reports-stack.yaml");

    /// A Terraform plan with a user, a group, a policy attachment and an
    /// `aws_iam_policy_document`.
    const DEPLOY_PLAN: &str = include_str!("../../../../tests/fixtures/iac/deploy-plan.json");

    #[test]
    fn authorization_details_import_with_what_they_skipped() {
        let (workspace, report) =
            read_import(DETAILS, Some("details.json")).expect("the fixture imports");
        let report = report.expect("a report");
        assert_eq!(workspace.account, "444455556666");
        let maria = workspace
            .users
            .iter()
            .find(|u| u.name == "maria")
            .expect("maria");
        assert_eq!(maria.groups, ["developers", "oncall"]);
        let web = workspace
            .roles
            .iter()
            .find(|r| r.name == "web")
            .expect("role web");
        assert_eq!(web.permissions_boundary.as_deref(), Some("AppBoundary"));
        assert!(report.summary.contains("get-account-authorization-details"));
        assert!(
            report
                .skipped
                .iter()
                .any(|s| s.message.contains("service-linked role") && s.place.is_none()),
            "{:?}",
            report.skipped
        );
    }

    #[test]
    fn a_cloudformation_template_imports_with_skipped_and_placeholders_placed() {
        let (workspace, report) =
            read_import(REPORTS_STACK, Some("reports-stack.yaml")).expect("the template imports");
        let report = report.expect("a report");
        assert_eq!(report.format, "a CloudFormation template (YAML)");
        assert!(workspace.roles.iter().any(|r| r.name == "reports-web"));
        assert!(!workspace.resources.is_empty(), "the bucket policy");
        assert!(
            report.summary.contains("role") && report.summary.contains("resource-based"),
            "{}",
            report.summary
        );
        let profile = report
            .skipped
            .iter()
            .find(|n| n.message.contains("instance profile `WebInstanceProfile`"))
            .expect("the instance profile is skipped");
        assert_eq!(profile.place.as_deref(), Some("99:3"));
        let import_value = report
            .placeholders
            .iter()
            .find(|n| n.message.contains("shared-AuditAccountId"))
            .expect("the value from another stack is a placeholder");
        assert_eq!(import_value.place.as_deref(), Some("55:73"));
    }

    #[test]
    fn a_terraform_plan_imports_with_its_unknown_values_listed() {
        let (workspace, report) =
            read_import(DEPLOY_PLAN, Some("deploy-plan.json")).expect("the plan imports");
        let report = report.expect("a report");
        assert_eq!(report.format, "a Terraform plan (`terraform show -json`)");
        assert!(!workspace.users.is_empty());
        assert!(
            report
                .placeholders
                .iter()
                .any(|n| n.message.contains("after apply") && n.place.is_some()),
            "{:?}",
            report.placeholders
        );
    }

    #[test]
    fn workspace_files_import_without_a_report() {
        let (workspace, report) =
            read_import(crate::seed::SEED_WORKSPACE_FILE, None).expect("the seed imports");
        assert!(report.is_none());
        assert_eq!(workspace.requests.len(), 14);
    }

    #[test]
    fn broken_files_say_where() {
        let error = read_import("{\n  \"format\": \"iamplay-workspace\",\n  oops\n}", None)
            .expect_err("not JSON");
        assert!(
            error.starts_with("the workspace file could not be read: 3:3"),
            "{error}"
        );
        let error = read_import("{\"UserDetailList\": 3}", None).expect_err("a number");
        assert!(
            error.starts_with("the authorization details could not be read: 1:"),
            "{error}"
        );
        let error = read_import(
            "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: [\n",
            Some("t.yaml"),
        )
        .expect_err("broken YAML");
        assert!(
            error.starts_with("the CloudFormation template could not be read: "),
            "{error}"
        );
        let error = read_import("hello", Some("notes.txt")).expect_err("nothing known");
        assert!(!error.is_empty());
    }

    #[test]
    fn contents_are_counted_in_words() {
        let mut workspace = Workspace::new();
        assert_eq!(contents(&workspace), "nothing");
        workspace.roles.push(Default::default());
        assert_eq!(contents(&workspace), "1 role");
        workspace.users.push(Default::default());
        workspace.users.push(Default::default());
        workspace.policies.push(Default::default());
        assert_eq!(
            contents(&workspace),
            "2 users, 1 role and 1 customer managed policy"
        );
    }
}
