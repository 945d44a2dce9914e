//! Problems of a request itself, beside its decision (issue 13 point 4):
//! the decision stays what AWS would decide.

use iamplay_core::response::Decision;
use iamplay_core::workspace::{NoManagedPolicies, load_workspace};
use iamplay_core::{Code, Engine};

fn engine_with(requests: &str) -> Engine {
    let text = format!(
        r#"{{"format":"iamplay-workspace","version":1,"account":"111122223333",
  "policies":[{{"name":"Ec2","document":{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}]}}}}],
  "users":[{{"name":"ana","managedPolicies":["Ec2"]}}],
  "requests":{requests}}}"#
    );
    let ws = load_workspace(&text)
        .workspace
        .expect("the test workspace loads");
    Engine::new(ws, Box::new(NoManagedPolicies))
}

#[test]
fn a_misspelt_action_is_evaluated_as_aws_would_and_flagged_with_a_suggestion() {
    let engine = engine_with(r#"[{"principal":"ana","action":"ec2:DescribeInstancess"}]"#);
    let response = engine.evaluate_saved(0).expect("resolves");
    // `ec2:*` matches any text after `ec2:`, so AWS's answer is Allowed...
    assert_eq!(response.decision, Decision::Allowed);
    // ...but the action does not exist, and the response says so.
    let finding = &response.request_findings[0];
    assert_eq!(finding.code, Code::UnknownAction);
    assert_eq!(
        finding.help.as_deref(),
        Some("did you mean `ec2:DescribeInstances`?")
    );
}

#[test]
fn the_right_action_has_no_finding() {
    let engine = engine_with(r#"[{"principal":"ana","action":"ec2:DescribeInstances"}]"#);
    let response = engine.evaluate_saved(0).expect("resolves");
    assert!(
        response.request_findings.is_empty(),
        "{:#?}",
        response.request_findings
    );
}

#[test]
fn a_partial_context_key_and_a_mistyped_value_are_flagged() {
    let engine = engine_with(
        r#"[{"principal":"ana","action":"iam:CreateServiceLinkedRole","context":{"iam:AWSServ":"x","aws:MultiFactorAuthAge":"an hour"}}]"#,
    );
    let response = engine.evaluate_saved(0).expect("resolves");
    let codes: Vec<Code> = response.request_findings.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        vec![Code::UnknownConditionKey, Code::ContextValueType],
        "{:#?}",
        response.request_findings
    );
    assert_eq!(
        response.request_findings[0].help.as_deref(),
        Some("did you mean `iam:AWSServiceName`?")
    );
}

#[test]
fn resources_are_checked_against_the_action_resource_types() {
    let engine = engine_with(
        r#"[{"principal":"ana","action":"ec2:StopInstances","resource":"arn:aws:ec2:us-east-1:111122223333:volume/vol-1"},
            {"principal":"ana","action":"ec2:DescribeInstances","resource":"arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
            {"principal":"ana","action":"ec2:StopInstances","resource":"arn:aws:ec2:us-east-1:111122223333:instance/i-1"}]"#,
    );
    let code = |i| {
        engine
            .evaluate_saved(i)
            .expect("resolves")
            .request_findings
            .iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(code(0), vec![Code::ResourceFitsNoType]);
    assert_eq!(code(1), vec![Code::ResourceNotSupported]);
    assert_eq!(code(2), Vec::<Code>::new());
}
