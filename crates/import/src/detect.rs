//! Telling the formats apart: workspace files, authorization details,
//! CloudFormation templates in JSON or YAML, and `terraform show -json`
//! output of a plan or a state.
//!
//! Text that starts with `{` is JSON, whatever the file is called; its
//! top-level members say what it is. Other text is a CloudFormation
//! template in YAML when a line at column 0 starts one of the template's
//! sections (`AWSTemplateFormatVersion:`, `Resources:`) or the file name
//! ends in `.yaml`, `.yml` or `.template`.

use iamplay_core::json::{Json, parse_json};
use iamplay_core::workspace::FORMAT_NAME;
use iamplay_core::{Code, Diagnostic, LineIndex};
use serde::Serialize;

/// The formats [`crate::import`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A workspace file (`docs/workspace-format.md`).
    Workspace,
    /// The JSON output of `aws iam get-account-authorization-details`.
    AuthorizationDetails,
    /// A CloudFormation template in JSON.
    CloudFormationJson,
    /// A CloudFormation template in YAML.
    CloudFormationYaml,
    /// `terraform show -json` of a saved plan.
    TerraformPlan,
    /// `terraform show -json` of a state.
    TerraformState,
    /// None of these.
    Unknown,
}

impl Format {
    /// What the format is, for messages: e.g. `a CloudFormation template
    /// (YAML)`.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Workspace => "a workspace file",
            Format::AuthorizationDetails => {
                "the output of `aws iam get-account-authorization-details`"
            }
            Format::CloudFormationJson => "a CloudFormation template (JSON)",
            Format::CloudFormationYaml => "a CloudFormation template (YAML)",
            Format::TerraformPlan => "a Terraform plan (`terraform show -json`)",
            Format::TerraformState => "a Terraform state (`terraform show -json`)",
            Format::Unknown => "an unknown format",
        }
    }
}

const AUTHORIZATION_DETAILS: [&str; 4] = [
    "UserDetailList",
    "GroupDetailList",
    "RoleDetailList",
    "Policies",
];

const WORKSPACE_KEYS: [&str; 6] = [
    "policies",
    "users",
    "groups",
    "roles",
    "resources",
    "requests",
];

/// The format of `text`; `file_name` (optional) helps with YAML.
pub fn detect(text: &str, file_name: Option<&str>) -> Format {
    if starts_like_json(text) {
        return match parse_json(text) {
            Ok(json) => from_members(&json),
            Err(_) => from_words(text),
        };
    }
    let yaml_name = file_name.is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        [".yaml", ".yml", ".template"]
            .iter()
            .any(|ext| n.ends_with(ext))
    });
    if yaml_name || has_template_section(text) {
        Format::CloudFormationYaml
    } else {
        Format::Unknown
    }
}

fn starts_like_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with(['{', '['])
}

/// Classifies parsed JSON by its top-level members.
fn from_members(json: &Json) -> Format {
    if json.as_object().is_none() {
        return Format::Unknown;
    }
    let has = |k: &str| json.get(k).is_some();
    if json.get("format").and_then(Json::as_str) == Some(FORMAT_NAME)
        || WORKSPACE_KEYS.iter().any(|k| has(k))
    {
        Format::Workspace
    } else if AUTHORIZATION_DETAILS.iter().any(|k| has(k)) {
        Format::AuthorizationDetails
    } else if has("AWSTemplateFormatVersion") || has("Resources") {
        Format::CloudFormationJson
    } else if has("format_version") || has("terraform_version") {
        if has("planned_values") || has("resource_changes") || has("configuration") {
            Format::TerraformPlan
        } else {
            Format::TerraformState
        }
    } else {
        Format::Unknown
    }
}

/// Classifies JSON that does not parse by the member names it holds, so
/// that the syntax error is reported by the right reader.
fn from_words(text: &str) -> Format {
    let has = |k: &str| text.contains(&format!("\"{k}\""));
    if text.contains(FORMAT_NAME) || WORKSPACE_KEYS.iter().any(|k| has(k)) {
        Format::Workspace
    } else if AUTHORIZATION_DETAILS.iter().any(|k| has(k)) {
        Format::AuthorizationDetails
    } else if has("AWSTemplateFormatVersion") || has("Resources") {
        Format::CloudFormationJson
    } else if has("planned_values") || has("resource_changes") {
        Format::TerraformPlan
    } else if has("format_version") {
        Format::TerraformState
    } else {
        Format::Unknown
    }
}

/// Whether a line at column 0 starts a template section.
fn has_template_section(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}');
        ["AWSTemplateFormatVersion", "Resources"].iter().any(|s| {
            [(*s).to_owned(), format!("\"{s}\""), format!("'{s}'")]
                .iter()
                .any(|k| {
                    line.strip_prefix(k.as_str())
                        .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
                })
        })
    })
}

/// The error for text of no known format: the JSON syntax error when it
/// looks like JSON and does not parse, else a list of what is read.
pub(crate) fn unknown_format(text: &str) -> Diagnostic {
    if starts_like_json(text)
        && let Err(e) = parse_json(text)
    {
        return e;
    }
    let index = LineIndex::new(text);
    Diagnostic::error(
        Code::UnknownFormat,
        "this is none of the formats the import reads",
        index.loc(0, 0),
    )
    .with_help(
        "give a CloudFormation template (JSON or YAML, with `Resources`), the JSON of `terraform show -json` (a plan or a state), the output of `aws iam get-account-authorization-details`, or a workspace file",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart() {
        assert_eq!(
            detect("{\"format\": \"iamplay-workspace\"}", None),
            Format::Workspace
        );
        assert_eq!(
            detect("{\"UserDetailList\": []}", None),
            Format::AuthorizationDetails
        );
        assert_eq!(
            detect("{\"Resources\": {}}", None),
            Format::CloudFormationJson
        );
        assert_eq!(
            detect(
                "{\"format_version\": \"1.2\", \"planned_values\": {}}",
                None
            ),
            Format::TerraformPlan
        );
        assert_eq!(
            detect("{\"format_version\": \"1.0\", \"values\": {}}", None),
            Format::TerraformState
        );
        assert_eq!(
            detect("Resources:\n  A: {}\n", None),
            Format::CloudFormationYaml
        );
        assert_eq!(detect("x: 1\n", Some("t.yml")), Format::CloudFormationYaml);
        assert_eq!(detect("x: 1\n", None), Format::Unknown);
        assert_eq!(
            detect("{\"Resources\": {,}", None),
            Format::CloudFormationJson
        );
        assert_eq!(detect("[1]", None), Format::Unknown);
    }
}
