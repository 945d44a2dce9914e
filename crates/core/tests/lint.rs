//! Lint findings that use the catalog (issue 4). Reference:
//! `access_policies_policy-validator.md`; the seed scenario's row 8.

use iamplay_core::lint::lint_policy;
use iamplay_core::{Diagnostic, PolicyKind, Severity, parse_policy};

fn findings(text: &str) -> Vec<Diagnostic> {
    let parsed = parse_policy(text, PolicyKind::Identity);
    let policy = parsed.policy.expect("test policies parse");
    lint_policy(&policy, PolicyKind::Identity)
}

fn codes(found: &[Diagnostic]) -> Vec<(&str, u32)> {
    found
        .iter()
        .map(|d| (d.code.as_str(), d.loc.start.line))
        .collect()
}

#[test]
fn seed_policy_warns_that_list_users_never_matches_user_star() {
    let text = include_str!("../../../examples/seed/force-mfa.policy.json");
    let found = findings(text);
    let first = &found[0];
    assert_eq!(first.code, "resource-never-matches");
    assert_eq!(first.severity, Severity::Warning);
    // `"arn:aws:iam::111122223333:user/*"` of AllowAllUsersToListAccounts
    assert_eq!((first.loc.start.line, first.loc.start.column), (12, 17));
    assert!(
        first
            .message
            .contains("`iam:ListAccountAliases` and `iam:ListUsers`")
    );
    assert!(first.message.starts_with("this statement never applies"));
    // The other two are of the same kind and true per the Service
    // Authorization Reference: these account-level actions support only
    // `*`, never the user or MFA ARNs of their statements. Nothing else
    // (no unknown action, key or operator).
    assert_eq!(
        codes(&found),
        vec![
            ("resource-never-matches", 12),
            ("resource-never-matches", 28),
            ("resource-never-matches", 38)
        ],
        "{found:#?}"
    );
    assert!(
        found[1]
            .message
            .contains("`iam:GetAccountPasswordPolicy` and `iam:GetAccountSummary`")
    );
    assert!(found[2].message.contains("`iam:ListVirtualMFADevices`"));
}

#[test]
fn aws_managed_ec2_full_access_has_no_findings() {
    let text = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");
    assert_eq!(findings(text), vec![]);
}

#[test]
fn unknown_service_action_and_empty_pattern() {
    let text = r#"{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","Action":["ec3:Run","iam:Gett*","iam:NoSuch","IAM:getuser"],"Resource":"*"}]}"#;
    let found = findings(text);
    assert_eq!(
        codes(&found),
        vec![
            ("unknown-service", 2),
            ("pattern-matches-nothing", 2),
            ("unknown-action", 2)
        ]
    );
    assert_eq!(found[0].message, "unknown service prefix `ec3`");
    assert_eq!(found[1].message, "`iam:Gett*` matches no action of `iam`");
    assert_eq!(found[2].message, "unknown action `iam:NoSuch`");
}

#[test]
fn operator_type_mismatch_null_value_and_unsupported_key() {
    let text = r#"{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
 "Condition":{"NumericLessThan":{"s3:prefix":"3"},"Null":{"aws:SourceIp":"yes"},
   "StringEquals":{"ec2:InstanceType":"t2.micro"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#;
    let found = findings(text);
    assert_eq!(
        codes(&found),
        vec![
            ("operator-type-mismatch", 3),
            ("null-value", 3),
            ("unsupported-condition-key", 4)
        ]
    );
    assert!(found[0].message.contains("`s3:prefix` is of type `String`"));
}

#[test]
fn allow_with_not_action_or_not_resource_is_a_security_warning() {
    let text = r#"{"Version":"2012-10-17","Statement":[
{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"},
{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}"#;
    let found = findings(text);
    assert_eq!(
        codes(&found),
        vec![("allow-not-action", 2), ("allow-not-resource", 3)]
    );
    assert!(
        found
            .iter()
            .all(|d| d.severity == Severity::SecurityWarning)
    );
}

#[test]
fn variables_without_version_are_flagged() {
    let text = r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
    assert_eq!(codes(&findings(text)), vec![("variables-need-version", 1)]);
    let old = r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
    let found = findings(old);
    assert_eq!(codes(&found), vec![("variables-need-version", 1)]);
    assert!(found[0].message.contains("`2008-10-17`"));
}

/// The AWS STS API reference, GetCallerIdentity: no permissions are
/// required, and an explicit Deny does not stop the call. A statement that
/// names it gets a suggestion, at the entry; `NotAction` lists and other
/// STS actions do not.
#[test]
fn naming_get_caller_identity_has_no_effect() {
    let text = r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Deny","Action":["sts:GetSessionToken","STS:getCallerIdentity"],"Resource":"*"},
  {"Effect":"Deny","NotAction":"sts:GetCallerIdentity","Resource":"*"}]}"#;
    let found = findings(text);
    let hits: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.code == "no-permission-needed")
        .collect();
    assert_eq!(hits.len(), 1, "{found:#?}");
    assert_eq!(hits[0].severity, Severity::Suggestion);
    assert_eq!((hits[0].loc.start.line, hits[0].loc.start.column), (2, 52));
    assert!(
        hits[0].message.contains("has no effect"),
        "{}",
        hits[0].message
    );
}

#[test]
fn a_repeated_entry_is_one_finding_with_its_count() {
    // 2,000 × `s3:*` (one in another case), an unknown action twice, and
    // a resource twice, on one line.
    let mut actions = vec![r#""s3:*""#; 1_999];
    actions.push(r#""S3:*""#);
    actions.extend([r#""s3:NoSuchAction""#, r#""s3:nosuchaction""#]);
    let text = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":[{}],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/*"]}}]}}"#,
        actions.join(",")
    );
    let found = findings(&text);
    let repeats: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "repeated-entry")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        repeats,
        [
            "`s3:*` appears 2,000 times in `Action`",
            "`s3:nosuchaction` appears 2 times in `Action`",
            "`arn:aws:s3:::b/*` appears 2 times in `Resource`",
        ],
        "{found:#?}"
    );
    let repeat = found
        .iter()
        .find(|d| d.code == "repeated-entry")
        .expect("found above");
    assert_eq!(repeat.severity, Severity::Suggestion);
    // at the first repeat: the second `"s3:*"`, after `[` and `"s3:*",`
    let first_entry = text.find(r#""s3:*""#).expect("written");
    assert_eq!(repeat.loc.span.start as usize, first_entry + 7);
    // The unknown action is reported once, not once per occurrence.
    assert_eq!(
        found.iter().filter(|d| d.code == "unknown-action").count(),
        1
    );
    // Everything said stays small, however many repeats there are.
    let said: usize = found.iter().map(|d| d.message.len()).sum();
    assert!(said < 2_000, "{said} bytes of messages");
}

#[test]
fn each_action_is_named_once_when_patterns_overlap() {
    // `s3:GetObject` comes from both patterns; no S3 action acts on an
    // IAM user.
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:Get*","s3:GetObject"],"Resource":"arn:aws:iam::111122223333:user/x"}]}"#;
    let found = findings(text);
    let never = found
        .iter()
        .find(|d| d.code == "resource-never-matches")
        .expect("S3 actions never act on users");
    assert!(never.message.starts_with("this statement never applies"));
    assert_eq!(
        never.message.matches("`s3:GetObject`").count(),
        1,
        "{}",
        never.message
    );
}
