//! Terraform rules on small inputs: states with child modules, the account
//! from ARNs, deleted resources, computed attributes left out.

use iamplay_import::{Format, ImportOptions, import};

#[test]
fn a_state_with_child_modules_imports_every_module() {
    let text = r#"{
  "format_version": "1.0",
  "terraform_version": "1.9.5",
  "values": {
    "root_module": {
      "resources": [
        {"address": "aws_iam_group.ops", "mode": "managed", "type": "aws_iam_group", "name": "ops",
         "values": {"name": "ops", "path": "/", "arn": "arn:aws:iam::444455556666:group/ops"}}
      ],
      "child_modules": [
        {"address": "module.app", "resources": [
          {"address": "module.app.aws_iam_user.u[0]", "mode": "managed", "type": "aws_iam_user", "name": "u", "index": 0,
           "values": {"name": "li", "path": "/", "arn": "arn:aws:iam::444455556666:user/li"}},
          {"address": "module.app.aws_iam_user_group_membership.m", "mode": "managed", "type": "aws_iam_user_group_membership", "name": "m",
           "values": {"user": "li", "groups": ["ops"]}},
          {"address": "module.app.aws_iam_user_policy_attachment.a", "mode": "managed", "type": "aws_iam_user_policy_attachment", "name": "a",
           "values": {"user": "li", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
          {"address": "module.app.aws_sns_topic_policy.t", "mode": "managed", "type": "aws_sns_topic_policy", "name": "t",
           "values": {"arn": "arn:aws:sns:eu-west-1:444455556666:alerts", "policy": "{\"Statement\":[]}"}},
          {"address": "module.app.aws_iam_instance_profile.p", "mode": "managed", "type": "aws_iam_instance_profile", "name": "p",
           "values": {"name": "p", "role": "web"}}
        ]}
      ]
    }
  }
}"#;
    let imported = import(text, &ImportOptions::default()).expect("imports");
    assert_eq!(imported.format, Format::TerraformState);
    let ws = &imported.workspace;
    assert_eq!(ws.account, "444455556666");
    assert_eq!(ws.users[0].name, "li");
    assert_eq!(ws.users[0].groups, ["ops"]);
    assert_eq!(
        ws.users[0].managed_policies,
        ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    );
    assert_eq!(
        ws.resources[0].arns,
        ["arn:aws:sns:eu-west-1:444455556666:alerts"]
    );
    assert_eq!(ws.resources[0].policy.text, "{\"Statement\":[]}");
    let skipped: Vec<String> = imported.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0]
            .starts_with("20:23: skipped instance profile `module.app.aws_iam_instance_profile.p`"),
        "{skipped:?}"
    );
}

#[test]
fn resources_the_plan_deletes_are_skipped() {
    let text = r#"{
  "format_version": "1.2",
  "planned_values": {"root_module": {}},
  "resource_changes": [
    {"address": "aws_iam_user.old", "mode": "managed", "type": "aws_iam_user", "name": "old",
     "change": {"actions": ["delete"], "before": {"name": "old"}, "after": null, "after_unknown": {}}},
    {"address": "aws_iam_user.new", "mode": "managed", "type": "aws_iam_user", "name": "new",
     "change": {"actions": ["create"], "before": null, "after": {"name": "new", "path": "/"}, "after_unknown": {"arn": true}}}
  ]
}"#;
    let imported = import(text, &ImportOptions::default()).expect("imports");
    assert_eq!(imported.workspace.users.len(), 1);
    assert_eq!(imported.workspace.users[0].name, "new");
    assert_eq!(
        imported.skipped[0].to_string(),
        "5:17: skipped `aws_iam_user.old`: the plan deletes it"
    );
    assert!(
        imported.placeholders.is_empty(),
        "the unknown ARN is not used"
    );
}
