//! Reading a file the user imports (file picker or drag-and-drop): a
//! workspace file (`docs/workspace-format.md`), or the JSON output of
//! `aws iam get-account-authorization-details`, told apart by their
//! members.

use iamplay_core::json::{Json, parse_json};
use iamplay_core::workspace::{Workspace, import_authorization_details, load_workspace};

/// What an import of `aws iam get-account-authorization-details` output
/// brought in and what it left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// One sentence on what was imported, e.g. "Imported from `aws iam
    /// get-account-authorization-details`: 2 users, 2 groups, …".
    pub summary: String,
    /// What the import skipped, one sentence each (lowercase, no final
    /// period).
    pub skipped: Vec<String>,
}

/// The members only `get-account-authorization-details` output has.
const DETAILS_MEMBERS: [&str; 4] = [
    "UserDetailList",
    "GroupDetailList",
    "RoleDetailList",
    "Policies",
];

/// Reads an imported file: the workspace, and for authorization details
/// the report of what was skipped. The error says what is wrong, with
/// the line and column.
pub fn read_import(text: &str) -> Result<(Workspace, Option<ImportReport>), String> {
    if is_authorization_details(text) {
        let imported = import_authorization_details(text).map_err(|diagnostics| {
            let first = diagnostics
                .first()
                .map(ToString::to_string)
                .unwrap_or_else(|| "it is not valid".to_owned());
            format!("the authorization details could not be read: {first}")
        })?;
        let summary =
            imported.workspace.description.clone().unwrap_or_else(|| {
                "Imported from `aws iam get-account-authorization-details`.".into()
            });
        let report = ImportReport {
            summary,
            skipped: imported.skipped,
        };
        return Ok((imported.workspace, Some(report)));
    }
    let loaded = load_workspace(text);
    match loaded.workspace {
        Some(workspace) => Ok((workspace, None)),
        None => {
            let first = loaded
                .diagnostics
                .first()
                .map(ToString::to_string)
                .unwrap_or_else(|| "it is not a workspace".to_owned());
            Err(format!("the workspace file could not be read: {first}"))
        }
    }
}

/// Whether `text` is a JSON object with a member only authorization
/// details have (and no `format`, which marks a workspace file).
fn is_authorization_details(text: &str) -> bool {
    let Ok(json) = parse_json(text) else {
        return false;
    };
    let has = |json: &Json, key: &str| json.get(key).is_some();
    !has(&json, "format") && DETAILS_MEMBERS.iter().any(|key| has(&json, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The realistic fixture: a user in two groups, a role with a
    /// boundary, inline and managed policies, a service-linked role.
    const DETAILS: &str = include_str!("../../../../tests/fixtures/authorization-details.json");

    #[test]
    fn authorization_details_import_with_what_they_skipped() {
        let (workspace, report) = read_import(DETAILS).expect("the fixture imports");
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
                .any(|s| s.contains("service-linked role")),
            "{:?}",
            report.skipped
        );
    }

    #[test]
    fn workspace_files_import_without_a_report() {
        let (workspace, report) =
            read_import(crate::seed::SEED_WORKSPACE_FILE).expect("the seed imports");
        assert!(report.is_none());
        assert_eq!(workspace.requests.len(), 14);
    }

    #[test]
    fn broken_files_say_where() {
        let error = read_import("{\n  \"format\": \"iamplay-workspace\",\n  oops\n}")
            .expect_err("not JSON");
        assert!(
            error.starts_with("the workspace file could not be read: 3:3"),
            "{error}"
        );
        let error = read_import("{\"UserDetailList\": 3}").expect_err("a number");
        assert!(
            error.starts_with("the authorization details could not be read: 1:"),
            "{error}"
        );
    }
}
