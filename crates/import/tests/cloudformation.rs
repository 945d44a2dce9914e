//! CloudFormation rules on small templates: short and long forms agree,
//! options give parameters and pseudo parameters, undecidable conditions,
//! default key policies, Lambda permissions, queue ARNs from URLs.

use iamplay_core::workspace::Workspace;
use iamplay_import::{ImportOptions, Imported, import};

fn run(text: &str, options: &ImportOptions) -> Imported {
    import(text, options).unwrap_or_else(|d| panic!("{d:?}"))
}

fn yaml(text: &str) -> Imported {
    run(
        text,
        &ImportOptions {
            file_name: Some("t.yaml".into()),
            ..ImportOptions::default()
        },
    )
}

const TRUST: &str = "      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}\n";

fn role_name(ws: &Workspace) -> &str {
    &ws.roles.first().expect("a role").name
}

#[test]
fn short_and_long_forms_give_the_same_values() {
    let short = format!(
        "Parameters:\n  App: {{Type: String, Default: web}}\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n{TRUST}      RoleName: !Join ['-', [!Ref App, !Select [1, !Split [',', 'a,b,c']], !Sub '${{AWS::Region}}']]\n"
    );
    let long = format!(
        "Parameters:\n  App: {{Type: String, Default: web}}\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n{TRUST}      RoleName:\n        Fn::Join: ['-', [{{Ref: App}}, {{Fn::Select: [1, {{Fn::Split: [',', 'a,b,c']}}]}}, {{Fn::Sub: '${{AWS::Region}}'}}]]\n"
    );
    assert_eq!(role_name(&yaml(&short).workspace), "web-b-us-east-1");
    assert_eq!(role_name(&yaml(&long).workspace), "web-b-us-east-1");
}

#[test]
fn options_give_parameters_account_region_and_stack_name() {
    let text = format!(
        "Parameters:\n  App: {{Type: String}}\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n{TRUST}      RoleName: !Sub '${{App}}-${{AWS::StackName}}-${{AWS::Partition}}-${{AWS::URLSuffix}}'\n"
    );
    let options = ImportOptions {
        file_name: Some("stacks/orders.yml".into()),
        account: Some("444455556666".into()),
        region: Some("cn-north-1".into()),
        parameters: vec![("App".into(), "api".into())],
        ..ImportOptions::default()
    };
    let imported = run(&text, &options);
    assert_eq!(
        role_name(&imported.workspace),
        "api-orders-aws-cn-amazonaws.com.cn"
    );
    assert_eq!(imported.workspace.account, "444455556666");
    assert!(imported.placeholders.is_empty());
}

#[test]
fn undecidable_conditions_keep_the_resource_with_a_note() {
    let text = format!(
        "Parameters:\n  Env: {{Type: String}}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Condition: Prod\n    Properties:\n{TRUST}      RoleName: !If [Prod, a, b]\n"
    );
    let imported = yaml(&text);
    assert_eq!(role_name(&imported.workspace), "<unresolved:If:Prod>");
    let notes: Vec<String> = imported
        .placeholders
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        notes,
        [
            "4:18: `<unresolved:Ref:Env>`: parameter `Env` has no default and no value was given for it",
            "8:16: `R` is created only when condition `Prod` holds, which could not be decided from the template; it is imported as if it does",
            "11:17: `<unresolved:If:Prod>`: `Fn::If` on condition `Prod`, which could not be decided from the template",
        ]
    );
}

#[test]
fn a_key_without_a_key_policy_gets_the_default_one() {
    let text = "Resources:\n  K:\n    Type: AWS::KMS::Key\n";
    let imported = run(
        text,
        &ImportOptions {
            account: Some("444455556666".into()),
            ..ImportOptions::default()
        },
    );
    let key = &imported.workspace.resources[0];
    assert!(key.policy_required);
    assert_eq!(key.arns, ["arn:aws:kms:us-east-1:444455556666:key/K"]);
    assert!(
        key.policy
            .text
            .contains("\"AWS\": \"arn:aws:iam::444455556666:root\"")
    );
    assert!(
        imported.placeholders[0]
            .message
            .contains("default key policy")
    );
}

#[test]
fn queue_urls_become_arns_and_fifo_queues_keep_their_suffix() {
    let text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {FifoQueue: true}\n  P:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Q, 'https://sqs.eu-west-1.amazonaws.com/444455556666/other']\n      PolicyDocument: {Statement: []}\n";
    let imported = yaml(text);
    assert_eq!(
        imported.workspace.resources[0].arns,
        [
            "arn:aws:sqs:us-east-1:111122223333:Q.fifo",
            "arn:aws:sqs:eu-west-1:444455556666:other"
        ]
    );
}

#[test]
fn policy_variables_survive_sub_escapes_and_to_json_string() {
    let text = format!(
        "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n{TRUST}      Policies:\n        - PolicyName: P\n          PolicyDocument:\n            Fn::ToJsonString:\n              Statement: [{{Effect: Allow, Action: 's3:*', Resource: !Sub 'arn:aws:s3:::b/${{!aws:username}}/*'}}]\n"
    );
    let imported = yaml(&text);
    let doc = &imported.workspace.roles[0].inline_policies[0].document.text;
    assert_eq!(
        doc,
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}"#
    );
}

#[test]
fn no_value_removes_properties_and_list_entries() {
    let text = format!(
        "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n{TRUST}      ManagedPolicyArns: [!Ref AWS::NoValue, 'arn:aws:iam::aws:policy/ReadOnlyAccess']\n      PermissionsBoundary: !Ref AWS::NoValue\n"
    );
    let ws = yaml(&text).workspace;
    assert_eq!(
        ws.roles[0].managed_policies,
        ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    );
    assert_eq!(ws.roles[0].permissions_boundary, None);
}
