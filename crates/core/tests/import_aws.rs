//! Importing `aws iam get-account-authorization-details` output
//! (`tests/fixtures/authorization-details.json`, a made-up account
//! 444455556666): the entities, their attachments in order, boundaries,
//! tags, default policy versions only, what was skipped, and decisions on
//! the imported workspace.

use std::fs;
use std::path::Path;

use iamplay_core::Engine;
use iamplay_core::json::{Json, JsonValue, parse_json};
use iamplay_core::workspace::expect::check;
use iamplay_core::workspace::{
    ImportedWorkspace, NoManagedPolicies, Workspace, format_workspace,
    import_authorization_details, load_request, load_workspace, write_json,
};

fn fixture_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/authorization-details.json");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn import(text: &str) -> ImportedWorkspace {
    match import_authorization_details(text) {
        Ok(imported) => imported,
        Err(diagnostics) => panic!("the import failed: {diagnostics:?}"),
    }
}

fn fixture() -> ImportedWorkspace {
    import(&fixture_text())
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(name).collect()
}

#[test]
fn the_account_comes_from_the_arns() {
    let ws = fixture().workspace;
    assert_eq!(ws.account, "444455556666");
    assert_eq!(ws.name.as_deref(), Some("Account 444455556666"));
}

#[test]
fn users_keep_paths_ids_groups_in_order_attachments_inline_policies_and_tags() {
    let ws = fixture().workspace;
    assert_eq!(names(&ws.users, |u| &u.name), ["maria", "ci-deployer"]);
    let maria = ws.users.first().expect("maria");
    assert_eq!(maria.path, "/engineering/");
    assert_eq!(maria.id.as_deref(), Some("AIDAWJ4PZ7EXAMPLEMRA"));
    assert_eq!(maria.account, None);
    assert_eq!(maria.groups, ["developers", "oncall"]);
    // Not in the file: referenced by ARN.
    assert_eq!(
        maria.managed_policies,
        ["arn:aws:iam::aws:policy/IAMUserChangePassword"]
    );
    assert_eq!(names(&maria.inline_policies, |p| &p.name), ["NoAccessKeys"]);
    assert_eq!(
        maria.tags,
        [
            ("team".to_owned(), "payments".to_owned()),
            ("cost-center".to_owned(), "4410".to_owned())
        ]
    );
    assert_eq!(maria.permissions_boundary, None);
    let deployer = ws.users.get(1).expect("ci-deployer");
    assert_eq!(deployer.path, "/service-accounts/");
    assert!(deployer.groups.is_empty());
    assert_eq!(deployer.managed_policies, ["DeployArtifacts"]);
}

#[test]
fn groups_attach_customer_and_aws_managed_policies_by_name_in_order() {
    let ws = fixture().workspace;
    assert_eq!(names(&ws.groups, |g| &g.name), ["developers", "oncall"]);
    let developers = ws.groups.first().expect("developers");
    assert_eq!(
        developers.managed_policies,
        ["DeployArtifacts", "AmazonS3ReadOnlyAccess"]
    );
    let oncall = ws.groups.get(1).expect("oncall");
    assert_eq!(
        names(&oncall.inline_policies, |p| &p.name),
        ["RebootTeamInstances"]
    );
    assert!(oncall.managed_policies.is_empty());
}

#[test]
fn the_role_keeps_its_trust_policy_boundary_attachments_and_tags() {
    let ws = fixture().workspace;
    // The service-linked role is skipped.
    assert_eq!(names(&ws.roles, |r| &r.name), ["web"]);
    let web = ws.roles.first().expect("web");
    assert_eq!(web.path, "/app/");
    assert_eq!(web.id.as_deref(), Some("AROAWJ4PZ7EXAMPLEWEB"));
    assert_eq!(web.permissions_boundary.as_deref(), Some("AppBoundary"));
    assert_eq!(
        web.managed_policies,
        [
            "DeployArtifacts",
            "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
        ]
    );
    assert_eq!(names(&web.inline_policies, |p| &p.name), ["ReadAppConfig"]);
    assert_eq!(web.tags, [("app".to_owned(), "web".to_owned())]);
    let trust = web.trust_policy.as_ref().expect("a trust policy");
    assert!(trust.text.contains("\"Service\": \"ec2.amazonaws.com\""));
}

#[test]
fn managed_policies_carry_their_default_version_only() {
    let ws = fixture().workspace;
    assert_eq!(
        names(&ws.policies, |p| &p.name),
        ["DeployArtifacts", "AppBoundary", "LegacyAdmin"]
    );
    let deploy = ws.policies.first().expect("DeployArtifacts");
    assert_eq!(deploy.path, "/app/");
    assert!(deploy.document.text.contains("PublishReleases"));
    assert!(!deploy.document.text.contains("PublishBuilds"));
    let boundary = ws.policies.get(1).expect("AppBoundary");
    assert_eq!(
        boundary.description.as_deref(),
        Some("The most an application role may do: read S3 and write logs and metrics.")
    );
    let legacy = ws.policies.get(2).expect("LegacyAdmin");
    assert!(legacy.document.text.contains("iam:List*"));
    assert!(!legacy.document.text.contains("\"iam:*\""));
    // The AWS managed policy attached to `developers` is carried with its
    // default version (v3); the service-linked role's one is skipped.
    assert_eq!(
        names(&ws.aws_managed_policies, |p| &p.name),
        ["AmazonS3ReadOnlyAccess"]
    );
    let s3 = ws
        .aws_managed_policies
        .first()
        .expect("AmazonS3ReadOnlyAccess");
    assert!(s3.document.text.contains("s3-object-lambda:Get*"));
}

#[test]
fn documents_are_written_in_the_workspace_style() {
    let ws = fixture().workspace;
    let inline = ws
        .users
        .first()
        .and_then(|u| u.inline_policies.first())
        .expect("an inline policy");
    assert_eq!(
        inline.document.text,
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ConsoleOnly",
      "Effect": "Deny",
      "Action": ["iam:CreateAccessKey", "iam:UpdateAccessKey"],
      "Resource": "*"
    }
  ]
}"#
    );
}

#[test]
fn the_skipped_list_says_what_was_left_out() {
    assert_eq!(
        fixture().skipped,
        [
            "skipped the non-default versions of 3 policies: `DeployArtifacts` (v1), `LegacyAdmin` (v2, v1), `AmazonS3ReadOnlyAccess` (v2); only a policy's default version applies",
            "skipped 1 instance profile of role `web`: `web-instance-profile`",
            "skipped 1 service-linked role (path `/aws-service-role/`): `AWSServiceRoleForSupport`",
            "skipped 1 AWS managed policy that nothing imported attaches: `AWSSupportServiceRolePolicy`",
            "policy `IAMUserChangePassword` is attached but its document is not in the file; it is referenced by ARN (`arn:aws:iam::aws:policy/IAMUserChangePassword`)",
            "policy `CloudWatchAgentServerPolicy` is attached but its document is not in the file; it is referenced by ARN (`arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy`)",
        ]
    );
}

/// Evaluates `request` (a workspace request entry with an `expect`) on the
/// imported workspace and checks the expectation.
fn assert_decision(compiled: &Engine, request: &str) {
    let spec = load_request(request).unwrap_or_else(|d| panic!("bad request {request}: {d:?}"));
    let response = compiled
        .evaluate(&spec)
        .unwrap_or_else(|e| panic!("{request}: {e}"));
    let expect = spec
        .expect
        .as_ref()
        .expect("the request has an expectation");
    if let Err(mismatch) = check(expect, &response) {
        panic!("{request}: {mismatch}\n{}", response.summary);
    }
}

#[test]
fn the_imported_workspace_evaluates_requests() {
    let compiled = Engine::new(fixture().workspace, Box::new(NoManagedPolicies));
    assert!(
        compiled.documents().all(|d| !d.has_errors()),
        "every imported document parses"
    );
    // reference_policies_evaluation-logic.md#policy-eval-basics: an AWS
    // managed policy attached to a group the user is in grants.
    assert_decision(
        &compiled,
        r#"{"principal": "maria", "action": "s3:GetObject",
            "resource": "arn:aws:s3:::payments-artifacts/builds/1.zip",
            "expect": {"decision": "Allowed", "deciding": ["AmazonS3ReadOnlyAccess/1"]}}"#,
    );
    // access_policies_managed-vs-inline.md#customer-managed-policies: the
    // default version (v2) applies, so releases/ is allowed and builds/
    // (allowed only by v1) is not.
    assert_decision(
        &compiled,
        r#"{"principal": "maria", "action": "s3:PutObject",
            "resource": "arn:aws:s3:::payments-artifacts/releases/1.zip",
            "expect": {"decision": "Allowed", "deciding": ["DeployArtifacts/PublishReleases"]}}"#,
    );
    assert_decision(
        &compiled,
        r#"{"principal": "maria", "action": "s3:PutObject",
            "resource": "arn:aws:s3:::payments-artifacts/builds/1.zip",
            "expect": {"decision": "ImplicitDeny", "deciding": []}}"#,
    );
    // reference_policies_variables.md#policy-vars-tags: the user's tag
    // `team` fills `${aws:PrincipalTag/team}` in the group's inline policy.
    assert_decision(
        &compiled,
        r#"{"principal": "maria", "action": "ec2:RebootInstances",
            "resource": "arn:aws:ec2:eu-west-1:444455556666:instance/i-0abc",
            "context": {"aws:ResourceTag/team": "payments"},
            "expect": {"decision": "Allowed", "deciding": ["RebootTeamInstances/OwnTeamOnly"]}}"#,
    );
    assert_decision(
        &compiled,
        r#"{"principal": "maria", "action": "ec2:RebootInstances",
            "resource": "arn:aws:ec2:eu-west-1:444455556666:instance/i-0abc",
            "context": {"aws:ResourceTag/team": "search"},
            "expect": "ImplicitDeny"}"#,
    );
    // reference_policies_evaluation-logic.md#policy-eval-denyallow: the
    // user's inline Deny wins.
    assert_decision(
        &compiled,
        r#"{"principal": "maria", "action": "iam:CreateAccessKey",
            "resource": "arn:aws:iam::444455556666:user/engineering/maria",
            "expect": {"decision": "ExplicitDeny", "deciding": ["NoAccessKeys/ConsoleOnly"]}}"#,
    );
    // access_policies_boundaries.md#access_policies_boundaries-eval-logic:
    // the role's inline policy is within its boundary; DeployArtifacts
    // allows s3:PutObject but the boundary does not.
    assert_decision(
        &compiled,
        r#"{"principal": {"role": "web", "session": "i-0abc"}, "action": "s3:GetObject",
            "resource": "arn:aws:s3:::payments-config/web/settings.json",
            "expect": {"decision": "Allowed", "deciding": ["ReadAppConfig/WebConfig"]}}"#,
    );
    assert_decision(
        &compiled,
        r#"{"principal": {"role": "web", "session": "i-0abc"}, "action": "s3:PutObject",
            "resource": "arn:aws:s3:::payments-artifacts/releases/1.zip",
            "expect": {"decision": "ImplicitDeny", "blockedBy": "permissions boundary"}}"#,
    );
}

/// Every document of `ws` as canonical text, for comparing workspaces whose
/// documents differ only in whitespace.
fn canonical(mut ws: Workspace) -> Workspace {
    let fix = |d: &mut iamplay_core::workspace::Document| {
        d.file_offset = None;
        if let Ok(json) = parse_json(&d.text) {
            d.text = write_json(&json);
        }
    };
    ws.policies
        .iter_mut()
        .chain(&mut ws.aws_managed_policies)
        .for_each(|p| fix(&mut p.document));
    for g in &mut ws.groups {
        g.inline_policies
            .iter_mut()
            .for_each(|p| fix(&mut p.document));
    }
    for u in &mut ws.users {
        u.inline_policies
            .iter_mut()
            .for_each(|p| fix(&mut p.document));
    }
    for r in &mut ws.roles {
        r.inline_policies
            .iter_mut()
            .for_each(|p| fix(&mut p.document));
        r.trust_policy.iter_mut().for_each(fix);
    }
    ws
}

#[test]
fn the_imported_workspace_is_written_with_documents_as_objects() {
    let ws = fixture().workspace;
    let written = format_workspace(&ws);
    assert!(!written.contains("\"document\": \"{"), "{written}");
    let back = load_workspace(&written)
        .workspace
        .unwrap_or_else(|| panic!("the written workspace loads:\n{written}"));
    assert_eq!(canonical(back), canonical(ws));
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as
/// the IAM API encodes documents.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The fixture with every document given as a URL-encoded string of its
/// text.
fn url_encoded_fixture() -> String {
    fn spans(json: &Json, out: &mut Vec<(usize, usize)>) {
        match &json.value {
            JsonValue::Object(members) => {
                for m in members {
                    let is_document = matches!(
                        m.key.value.as_str(),
                        "Document" | "PolicyDocument" | "AssumeRolePolicyDocument"
                    );
                    if is_document && m.value.as_object().is_some() {
                        let span = m.value.loc.span;
                        out.push((span.start as usize, span.end as usize));
                    } else {
                        spans(&m.value, out);
                    }
                }
            }
            JsonValue::Array(items) => items.iter().for_each(|i| spans(i, out)),
            _ => {}
        }
    }
    let text = fixture_text();
    let json = parse_json(&text).expect("the fixture is JSON");
    let mut found = Vec::new();
    spans(&json, &mut found);
    let mut out = String::new();
    let mut last = 0;
    for (start, end) in found {
        out.push_str(&text[last..start]);
        out.push('"');
        out.push_str(&url_encode(&text[start..end]));
        out.push('"');
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

#[test]
fn url_encoded_documents_import_like_objects() {
    let encoded = url_encoded_fixture();
    assert!(encoded.contains("\"PolicyDocument\": \"%7B%0A"));
    let from_strings = import(&encoded);
    let from_objects = fixture();
    assert_eq!(from_strings, from_objects);
}

#[test]
fn an_empty_file_gives_an_empty_workspace_in_the_default_account() {
    let imported = import(
        r#"{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}"#,
    );
    assert!(imported.workspace.users.is_empty());
    assert_eq!(imported.workspace.account, "111122223333");
    assert_eq!(
        imported.skipped,
        [
            "the file has no ARNs to take the account from; the workspace uses account `111122223333`"
        ]
    );
}

#[test]
fn a_truncated_file_says_so() {
    let imported = import(
        r#"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::444455556666:user/a"}],
            "IsTruncated": true, "Marker": "AAAA"}"#,
    );
    assert_eq!(imported.workspace.users.len(), 1);
    assert!(
        imported
            .skipped
            .iter()
            .any(|s| s.starts_with("the file is truncated (`IsTruncated` is true)")),
        "{:?}",
        imported.skipped
    );
}

#[test]
fn a_user_in_a_group_missing_from_the_file_is_reported() {
    let imported = import(
        r#"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::444455556666:user/a",
            "GroupList": ["ghosts"]}]}"#,
    );
    assert_eq!(
        imported.skipped,
        ["user `a` is in group `ghosts`, which is not in the file"]
    );
}

/// The first error's message, line and column.
fn first_error(text: &str) -> (String, u32, u32) {
    match import_authorization_details(text) {
        Ok(_) => panic!("{text} imports"),
        Err(diagnostics) => {
            let d = diagnostics.first().expect("at least one diagnostic");
            (d.message.clone(), d.loc.start.line, d.loc.start.column)
        }
    }
}

#[test]
fn malformed_input_is_reported_with_line_and_column() {
    let (message, line, column) =
        first_error("{\n  \"UserDetailList\": [\n    {\"UserName\": }\n  ]\n}");
    assert!(message.contains("expected"), "{message}");
    assert_eq!((line, column), (3, 18));

    let (message, line, column) =
        first_error("{\n  \"UserDetailList\": [\n    {\"UserName\": 7}\n  ]\n}");
    assert_eq!(
        message,
        "`UserName` of a user must be a string, found a number"
    );
    assert_eq!((line, column), (3, 18));

    let (message, line, column) =
        first_error("{\n  \"GroupDetailList\": [\n    {\"Path\": \"/\"}\n  ]\n}");
    assert_eq!(message, "a group needs a `GroupName`");
    assert_eq!((line, column), (3, 5));

    let (message, ..) = first_error("[]");
    assert!(
        message.starts_with("expected the output of `aws iam get-account-authorization-details`")
    );

    let (message, ..) = first_error(r#"{"format": "iamplay-workspace"}"#);
    assert!(
        message.starts_with("this is not the output of"),
        "{message}"
    );

    let (message, line, column) = first_error(
        "{\"RoleDetailList\": [{\"RoleName\": \"r\",\n  \"AssumeRolePolicyDocument\": 12}]}",
    );
    assert_eq!(
        message,
        "`AssumeRolePolicyDocument` of role `r` must be a JSON object or its URL-encoded text, found a number"
    );
    assert_eq!((line, column), (2, 31));
}

/// The first error's code, message, line and column.
fn first_problem(text: &str) -> (iamplay_core::Code, String, u32, u32) {
    match import_authorization_details(text) {
        Ok(imported) => panic!("{text} imports:\n{}", format_workspace(&imported.workspace)),
        Err(diagnostics) => {
            let d = diagnostics.first().expect("at least one diagnostic");
            (
                d.code,
                d.message.clone(),
                d.loc.start.line,
                d.loc.start.column,
            )
        }
    }
}

/// IAM creates every user, group, role and policy with a friendly name,
/// unique in the account (reference_identifiers.md): a blank or repeated
/// name is an edited file. The import refuses it with its place, as
/// `iamplay eval` would refuse the workspace it wrote.
#[test]
fn a_blank_name_is_an_error_at_its_place() {
    use iamplay_core::Code;
    let (code, message, line, column) =
        first_problem("{\n  \"UserDetailList\": [\n    {\"UserName\": \"\"}\n  ]\n}");
    assert_eq!(code, Code::EmptyName);
    assert_eq!(message, "`UserName` of a user must not be empty");
    assert_eq!((line, column), (3, 18));

    let (code, message, ..) = first_problem(r#"{"GroupDetailList": [{"GroupName": "  "}]}"#);
    assert_eq!(code, Code::EmptyName);
    assert_eq!(message, "`GroupName` of a group must not be empty");

    let (code, message, ..) = first_problem(r#"{"RoleDetailList": [{"RoleName": ""}]}"#);
    assert_eq!(
        (code, message.as_str()),
        (Code::EmptyName, "`RoleName` of a role must not be empty")
    );

    let (code, message, ..) = first_problem(
        r#"{"Policies": [{"PolicyName": "", "Arn": "arn:aws:iam::444455556666:policy/x"}]}"#,
    );
    assert_eq!(
        (code, message.as_str()),
        (
            Code::EmptyName,
            "`PolicyName` of a policy must not be empty"
        )
    );

    let (code, message, line, column) = first_problem(
        "{\"UserDetailList\": [{\"UserName\": \"a\",\n  \"UserPolicyList\": [{\"PolicyName\": \"\", \"PolicyDocument\": {}}]}]}",
    );
    assert_eq!(code, Code::EmptyName);
    assert_eq!(
        message,
        "`PolicyName` of an entry of `UserPolicyList` of user `a` must not be empty"
    );
    assert_eq!((line, column), (2, 37));
}

#[test]
fn a_repeated_name_is_an_error_at_the_second() {
    use iamplay_core::Code;
    let (code, message, line, column) = first_problem(
        "{\"UserDetailList\": [\n  {\"UserName\": \"ana\"},\n  {\"UserName\": \"ana\"}\n]}",
    );
    assert_eq!(code, Code::DuplicateName);
    assert_eq!(
        message,
        "a user named `ana` is already in the file; names are unique in an account"
    );
    assert_eq!((line, column), (3, 16));

    // A user and a group may share a name, and a customer managed policy
    // an AWS managed one's.
    let imported = import(
        r#"{"UserDetailList": [{"UserName": "ops"}], "GroupDetailList": [{"GroupName": "ops"}],
            "Policies": [
              {"PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
              {"PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::444455556666:policy/ReadOnlyAccess"}]}"#,
    );
    assert_eq!(imported.workspace.users.len(), 1);
    assert_eq!(imported.workspace.groups.len(), 1);

    let (code, ..) = first_problem(
        r#"{"Policies": [
              {"PolicyName": "P", "Arn": "arn:aws:iam::444455556666:policy/P"},
              {"PolicyName": "P", "Arn": "arn:aws:iam::444455556666:policy/team/P"}]}"#,
    );
    assert_eq!(code, Code::DuplicateName);
}

/// Whatever the import accepts, the workspace it writes loads.
#[test]
fn every_imported_workspace_loads() {
    for text in [
        fixture_text(),
        url_encoded_fixture(),
        r#"{"UserDetailList": [{"UserName": "a", "GroupList": ["g", "g"]}],
            "GroupDetailList": [{"GroupName": "g"}], "RoleDetailList": [{"RoleName": "a"}]}"#
            .to_owned(),
    ] {
        let written = format_workspace(&import(&text).workspace);
        let loaded = load_workspace(&written);
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == iamplay_core::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{written}");
        assert!(loaded.workspace.is_some());
    }
}
