//! The fixtures of `tests/fixtures/iac/` (made up for this project): each
//! is imported, its requests file joins the workspace, and every request
//! gives the decision and deciding statements it expects (checked with
//! core's evaluator). The skipped and placeholder lists are checked with
//! their locations, and the workspace reads back from its file form.

use std::fs;
use std::path::PathBuf;

use iamplay_core::workspace::expect::check;
use iamplay_core::workspace::{
    NoManagedPolicies, format_workspace, load_workspace, write_workspace,
};
use iamplay_core::{Code, Engine, Severity};
use iamplay_import::{Format, ImportOptions, Imported, Note, detect, import, with_requests};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/iac")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn import_fixture(name: &str, account: Option<&str>) -> Imported {
    let options = ImportOptions {
        file_name: Some(name.to_owned()),
        account: account.map(str::to_owned),
        ..ImportOptions::default()
    };
    import(&fixture(name), &options).unwrap_or_else(|d| panic!("{name} does not import: {d:?}"))
}

/// Adds the requests and checks every expectation; returns the failures.
fn evaluate_requests(mut imported: Imported, requests: &str) -> Vec<String> {
    with_requests(&mut imported.workspace, &fixture(requests))
        .unwrap_or_else(|d| panic!("{requests} does not load: {d:?}"));
    let count = imported.workspace.requests.len();
    assert!(count >= 7, "{requests}: only {count} requests");
    let engine = Engine::new(imported.workspace, Box::new(NoManagedPolicies));
    let mut failures: Vec<String> = Vec::new();
    for problem in engine.diagnostics() {
        let broken = problem
            .document
            .as_ref()
            .and_then(|id| engine.document(id))
            .is_some_and(|d| d.has_errors());
        if problem.code == Code::UnresolvedReference {
            failures.push(problem.message.clone());
        } else if broken && problem.severity == Severity::Error {
            failures.push(format!(
                "policy `{}`: {}",
                problem.policy.as_deref().unwrap_or_default(),
                problem.diagnostic()
            ));
        }
    }
    for (i, spec) in engine.workspace().requests.iter().enumerate() {
        let label = spec
            .name
            .clone()
            .unwrap_or_else(|| format!("request {}", i + 1));
        assert!(
            spec.reference
                .as_deref()
                .is_some_and(|r| r.contains(".md#") || r.ends_with(".md"))
        );
        let Some(expect) = &spec.expect else {
            failures.push(format!("{label}: no expectation"));
            continue;
        };
        match engine.evaluate_saved(i) {
            Ok(response) => {
                if let Err(why) = check(expect, &response) {
                    failures.push(format!("{label}: {why} ({})", response.summary));
                }
            }
            Err(e) => failures.push(format!("{label}: {e}")),
        }
    }
    failures
}

/// Notes as `line:column message`.
fn notes(list: &[Note]) -> Vec<String> {
    list.iter()
        .map(|n| match n.loc {
            Some(l) => format!("{}:{} {}", l.start.line, l.start.column, n.message),
            None => n.message.clone(),
        })
        .collect()
}

fn reads_back(imported: &Imported) {
    for text in [
        write_workspace(&imported.workspace),
        format_workspace(&imported.workspace),
    ] {
        let loaded = load_workspace(&text);
        assert!(
            loaded.diagnostics.is_empty(),
            "the written workspace has problems: {:?}",
            loaded.diagnostics
        );
        let mut back = loaded.workspace.expect("reads back");
        let mut original = imported.workspace.clone();
        for d in documents(&mut back)
            .into_iter()
            .chain(documents(&mut original))
        {
            d.file_offset = None;
        }
        // `format_workspace` re-indents documents; compare what they say.
        if text == write_workspace(&imported.workspace) {
            assert_eq!(back, original);
        }
    }
}

fn documents(
    ws: &mut iamplay_core::workspace::Workspace,
) -> Vec<&mut iamplay_core::workspace::Document> {
    let mut out = Vec::new();
    for p in &mut ws.policies {
        out.push(&mut p.document);
    }
    for g in &mut ws.groups {
        out.extend(g.inline_policies.iter_mut().map(|p| &mut p.document));
    }
    for u in &mut ws.users {
        out.extend(u.inline_policies.iter_mut().map(|p| &mut p.document));
    }
    for r in &mut ws.roles {
        out.extend(r.inline_policies.iter_mut().map(|p| &mut p.document));
        out.extend(r.trust_policy.iter_mut());
    }
    for r in &mut ws.resources {
        out.push(&mut r.policy);
    }
    out
}

#[test]
fn the_yaml_template_gives_the_documented_decisions() {
    let imported = import_fixture("reports-stack.yaml", Some("444455556666"));
    assert_eq!(imported.format, Format::CloudFormationYaml);
    let failures = evaluate_requests(imported, "reports-stack.requests.json");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_yaml_template_lists_what_it_skipped_and_left_unresolved() {
    let imported = import_fixture("reports-stack.yaml", Some("444455556666"));
    reads_back(&imported);
    assert_eq!(
        notes(&imported.skipped),
        [
            "99:3 skipped instance profile `WebInstanceProfile` (of role `reports-web`): an instance profile passes its role to EC2 and adds no permissions; the role is imported",
            "173:3 skipped `DebugRole` (`AWS::IAM::Role`): its condition `IsDev` is false, so the stack does not create it",
            "187:3 skipped `WebSecurityGroup` (`AWS::EC2::SecurityGroup`): the import does not read this resource type",
        ]
    );
    assert_eq!(
        notes(&imported.placeholders),
        [
            "55:73 `<unresolved:ImportValue:shared-AuditAccountId>`: `Fn::ImportValue` of `shared-AuditAccountId` is an output of another stack, which this template does not hold"
        ]
    );
    let ws = &imported.workspace;
    assert_eq!(ws.account, "444455556666");
    let names = |v: Vec<&str>| v.join(",");
    assert_eq!(
        names(ws.roles.iter().map(|r| r.name.as_str()).collect()),
        "reports-web"
    );
    assert_eq!(
        names(ws.users.iter().map(|u| u.name.as_str()).collect()),
        "dana"
    );
    assert_eq!(ws.users[0].groups, ["reports-analysts"]);
    assert_eq!(
        ws.users[0].tags,
        [("team".to_owned(), "finance".to_owned())]
    );
    assert_eq!(ws.roles[0].path, "/app/");
    assert_eq!(
        ws.roles[0].permissions_boundary.as_deref(),
        Some("reports-boundary")
    );
    assert_eq!(ws.roles[0].managed_policies, ["reports-read"]);
    assert_eq!(ws.groups[0].managed_policies, ["reports-read"]);
    // A document given as a string keeps its text (after `Fn::Sub`).
    let read = &ws.policies[0].document.text;
    assert!(
        read.starts_with("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"),
        "{read}"
    );
    assert!(read.contains("\"Resource\": \"arn:aws:s3:::reports-prod-444455556666/*\""));
    // A document given as a mapping is written as the workspace writes JSON.
    let trust = &ws.roles[0]
        .trust_policy
        .as_ref()
        .expect("trust policy")
        .text;
    assert!(
        trust.contains("\"Service\": \"ec2.amazonaws.com\""),
        "{trust}"
    );
    assert_eq!(ws.resources.len(), 1);
    assert!(
        ws.resources[0]
            .policy
            .text
            .contains("\"aws:SecureTransport\": false")
    );
}

#[test]
fn the_json_template_gives_the_documented_decisions() {
    let imported = import_fixture("orders-pipeline.json", None);
    assert_eq!(imported.format, Format::CloudFormationJson);
    let failures = evaluate_requests(imported, "orders-pipeline.requests.json");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_json_template_lists_what_it_skipped_and_left_unresolved() {
    let imported = import_fixture("orders-pipeline.json", None);
    reads_back(&imported);
    assert_eq!(
        notes(&imported.skipped),
        [
            "358:5 inline policy `ReadTopic` (`OpsTopicReader`) is for role `legacy-ops`, which is not in the template; it is left out",
            "385:5 skipped `QueueDepthAlarm` (`AWS::CloudWatch::Alarm`): the import does not read this resource type",
        ]
    );
    assert_eq!(
        notes(&imported.placeholders),
        [
            "271:22 `<unresolved:Ref:UploadBucketName>`: parameter `UploadBucketName` has no default and no value was given for it"
        ]
    );
    let ws = &imported.workspace;
    assert_eq!(ws.account, "111122223333");
    let key = ws
        .resources
        .iter()
        .find(|r| r.name.as_deref() == Some("OrdersKey"))
        .expect("key");
    assert!(key.policy_required);
    assert_eq!(
        key.arns,
        ["arn:aws:kms:us-east-1:111122223333:key/OrdersKey"]
    );
    let function = ws
        .resources
        .iter()
        .find(|r| r.name.as_deref() == Some("function orders-processor-live"))
        .expect("the function's policy gathers both permissions");
    assert!(
        function
            .policy
            .text
            .contains("\"Sid\": \"UploadInvokePermission\"")
    );
    assert!(
        function
            .policy
            .text
            .contains("\"Sid\": \"TopicInvokePermission\"")
    );
    // The trust policy was a JSON string: its text is kept as written.
    let trust = ws.roles[0]
        .trust_policy
        .as_ref()
        .expect("trust")
        .text
        .as_str();
    assert!(
        trust.starts_with(
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"LambdaAssumes\""
        )
    );
    assert_eq!(
        ws.roles[0].inline_policies.len(),
        2,
        "ConsumeOrders and WriteLogs"
    );
    assert_eq!(ws.users[0].inline_policies[0].name, "ReadTopic");
}

#[test]
fn the_terraform_plan_gives_the_documented_decisions() {
    let imported = import_fixture("deploy-plan.json", None);
    assert_eq!(imported.format, Format::TerraformPlan);
    let failures = evaluate_requests(imported, "deploy-plan.requests.json");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_terraform_plan_lists_what_it_skipped_and_left_unresolved() {
    let imported = import_fixture("deploy-plan.json", None);
    reads_back(&imported);
    assert_eq!(
        notes(&imported.skipped),
        [
            "251:18 skipped `aws_iam_access_key.maria` (`aws_iam_access_key`): the import does not read this resource type"
        ]
    );
    assert_eq!(
        notes(&imported.placeholders),
        [
            "241:28 `<unresolved:after-apply:aws_sqs_queue.jobs.arn>`: statement 1 `resources` of `data.aws_iam_policy_document.jobs` is known only after apply (it refers to `aws_sqs_queue.jobs.arn`)"
        ]
    );
    let ws = &imported.workspace;
    // The account comes from `data.aws_caller_identity`.
    assert_eq!(ws.account, "210987654321");
    assert_eq!(ws.groups[0].managed_policies, ["deploy-artifacts"]);
    assert_eq!(ws.users[0].groups, ["deployers"]);
    // `jsonencode` results keep their text.
    let mfa = &ws.users[0].inline_policies[0].document.text;
    assert!(mfa.starts_with(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyDeleteWithoutMfa\""
    ));
    // The data source known only after apply is rendered from its blocks.
    let jobs = &ws.roles[0].inline_policies[0].document.text;
    assert!(
        jobs.contains("\"Resource\": \"<unresolved:after-apply:aws_sqs_queue.jobs.arn>\""),
        "{jobs}"
    );
}

#[test]
fn detection_names_each_fixture_format() {
    assert_eq!(
        detect(&fixture("reports-stack.yaml"), None),
        Format::CloudFormationYaml
    );
    assert_eq!(
        detect(&fixture("orders-pipeline.json"), None),
        Format::CloudFormationJson
    );
    assert_eq!(
        detect(&fixture("deploy-plan.json"), None),
        Format::TerraformPlan
    );
    let auth = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/authorization-details.json"),
    )
    .expect("authorization details fixture");
    assert_eq!(detect(&auth, None), Format::AuthorizationDetails);
    let imported = import(&auth, &ImportOptions::default()).expect("imports");
    assert_eq!(imported.format, Format::AuthorizationDetails);
    assert!(imported.skipped.iter().all(|n| n.loc.is_none()));
    let written = write_workspace(&imported.workspace);
    let again = import(&written, &ImportOptions::default()).expect("a workspace file imports");
    assert_eq!(again.format, Format::Workspace);
}
