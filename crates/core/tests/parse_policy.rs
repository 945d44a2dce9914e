//! The policy parser: every accepted form of the grammar builds the right
//! tree, and every problem is reported with its code, message and place.
//! Reference: `reference_policies_grammar.md` and `reference_policies_elements_*.md`.

use iamplay_core::json::parse_json;
use iamplay_core::policy::{
    BaseOperator, ConditionValue, Effect, Polarity, PolicyKind, PolicyVersion, PrincipalType,
    PrincipalValue, SetQualifier, policy_from_json,
};
use iamplay_core::{Diagnostic, ParsedPolicy, Policy, Position, Severity, parse_policy};

/// One diagnostic as `(code, message, line, column)`.
type Found = (String, String, u32, u32);

fn found(d: &Diagnostic) -> Found {
    (
        d.code.as_str().to_owned(),
        d.message.clone(),
        d.loc.start.line,
        d.loc.start.column,
    )
}

fn expect(code: &str, message: &str, line: u32, column: u32) -> Found {
    (code.to_owned(), message.to_owned(), line, column)
}

fn diagnostics(text: &str, kind: PolicyKind) -> Vec<Found> {
    parse_policy(text, kind)
        .diagnostics
        .iter()
        .map(found)
        .collect()
}

fn parse_clean(text: &str, kind: PolicyKind) -> Policy {
    let parsed = parse_policy(text, kind);
    assert!(
        parsed.diagnostics.is_empty(),
        "unexpected diagnostics: {:#?}",
        parsed.diagnostics
    );
    match parsed.policy {
        Some(policy) => policy,
        None => panic!("no policy"),
    }
}

/// The diagnostic with `code`, which must be the only one with it.
fn only(parsed: &ParsedPolicy, code: &str) -> Diagnostic {
    let matching: Vec<&Diagnostic> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect();
    assert_eq!(matching.len(), 1, "{code} in {:#?}", parsed.diagnostics);
    matching[0].clone()
}

fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

// ---- the seed policies ----

/// /work/shared/scenarios/force-mfa.policy.json, copied into the repository.
const FORCE_MFA: &str = include_str!("../../../examples/seed/force-mfa.policy.json");
const EC2_FULL_ACCESS: &str =
    include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");

#[test]
fn seed_force_mfa_policy_parses_cleanly() {
    let policy = parse_clean(FORCE_MFA, PolicyKind::Identity);
    assert_eq!(policy.statements.len(), 5);
    assert!(policy.variables_enabled());
    let labels: Vec<String> = policy.statements.iter().map(|s| s.label()).collect();
    assert_eq!(
        labels,
        [
            "AllowAllUsersToListAccounts",
            "AllowIndividualUserToSeeTheirAccountInformation",
            "AllowIndividualUserToListTheirMFA",
            "AllowIndividualUserToManageThierMFA",
            "DoNotAllowAnythingOtherThanAboveUnlessMFAd",
        ]
    );
    let indexes: Vec<usize> = policy.statements.iter().map(|s| s.index).collect();
    assert_eq!(indexes, [0, 1, 2, 3, 4]);
    let last = &policy.statements[4];
    assert_eq!(last.effect.value, Effect::Deny);
    assert_eq!(last.action.polarity, Polarity::Negated);
    assert_eq!(last.action.entries[0].value, "iam:*");
    assert_eq!(last.action.entries[0].loc.start, pos(61, 26));
    let clause = &last.conditions[0];
    assert_eq!(clause.operator.value.base, BaseOperator::Null);
    assert_eq!(clause.key.value, "aws:MultiFactorAuthAge");
    assert_eq!(
        clause.values[0].value,
        ConditionValue::String("true".into())
    );
    assert_eq!(policy.statements[1].action.entries.len(), 7);
}

#[test]
fn seed_ec2_full_access_policy_parses_cleanly() {
    let policy = parse_clean(EC2_FULL_ACCESS, PolicyKind::Identity);
    assert_eq!(policy.statements.len(), 5);
    let clause = &policy.statements[4].conditions[0];
    assert_eq!(clause.operator.value.base, BaseOperator::StringEquals);
    assert_eq!(clause.values.len(), 6);
}

// ---- accepted forms build the right tree ----

const FORMS: &str = r#"{
  "Id": "cd3ad3d9-2776-4ef1-a904-4c229d1642ee",
  "Statement": [
    {
      "Sid": "Everyone",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b"]
    },
    {
      "Effect": "Deny",
      "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root",
        "Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"],
        "Federated": "cognito-identity.amazonaws.com",
        "CanonicalUser": ["79a59df900b9"]},
      "NotAction": ["s3:Delete*", "iam:*"],
      "NotResource": "*",
      "Condition": {
        "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"], "s3:prefix": ""},
        "NumericLessThan": {"s3:max-keys": 10},
        "Bool": {"aws:SecureTransport": [false, "true"]}
      }
    }
  ]
}"#;

#[test]
fn every_accepted_form_builds_the_tree() {
    // reference_policies_grammar.md: blocks in any order, Version optional,
    // single values without brackets, Principal "*" or a map.
    let policy = parse_clean(FORMS, PolicyKind::Resource);
    assert_eq!(policy.version, None);
    assert!(!policy.variables_enabled());
    let id = policy
        .id
        .as_ref()
        .map(|id| (id.value.as_str(), id.loc.start));
    assert_eq!(
        id,
        Some(("cd3ad3d9-2776-4ef1-a904-4c229d1642ee", pos(2, 9)))
    );
    assert_eq!(policy.statements.len(), 2);

    let first = &policy.statements[0];
    assert_eq!(first.index, 0);
    assert_eq!(first.sid.as_ref().map(|s| &*s.value), Some("Everyone"));
    assert_eq!(first.effect.value, Effect::Allow);
    assert_eq!(first.effect.loc.start, pos(6, 17));
    let principal = first.principal.as_ref().map(|p| (p.polarity, &p.value));
    assert!(matches!(
        principal,
        Some((Polarity::Positive, PrincipalValue::Anyone { loc })) if loc.start == pos(7, 20)
    ));
    assert_eq!(first.action.polarity, Polarity::Positive);
    assert_eq!(first.action.entries.len(), 1);
    assert_eq!(first.action.entries[0].value, "s3:GetObject");
    assert_eq!(first.action.entries[0].loc.start, pos(8, 17));
    assert_eq!(first.action.entries[0].loc.end, pos(8, 31));
    // the block covers the element name and its value
    assert_eq!(first.action.loc.start, pos(8, 7));
    assert_eq!(first.action.loc.end, pos(8, 31));
    let resource = first.resource.as_ref().map(|r| {
        (
            r.polarity,
            r.entries
                .iter()
                .map(|e| (e.value.as_str(), e.loc.start))
                .collect::<Vec<_>>(),
        )
    });
    assert_eq!(
        resource,
        Some((
            Polarity::Positive,
            vec![
                ("arn:aws:s3:::b/*", pos(9, 20)),
                ("arn:aws:s3:::b", pos(9, 40))
            ]
        ))
    );
    assert!(first.conditions.is_empty());
    assert_eq!(first.loc.start, pos(4, 5));
    assert_eq!(first.loc.end, pos(10, 6));

    let second = &policy.statements[1];
    assert_eq!(second.index, 1);
    assert_eq!(second.sid, None);
    assert_eq!(second.label(), "statement 2");
    let Some(block) = &second.principal else {
        panic!("no principal")
    };
    assert_eq!(block.polarity, Polarity::Negated);
    let PrincipalValue::Map { entries } = &block.value else {
        panic!("not a map")
    };
    let principals: Vec<(PrincipalType, &str)> = entries
        .iter()
        .map(|e| (e.principal_type, e.id.value.as_str()))
        .collect();
    assert_eq!(
        principals,
        [
            (PrincipalType::Aws, "arn:aws:iam::111122223333:root"),
            (PrincipalType::Service, "ec2.amazonaws.com"),
            (PrincipalType::Service, "lambda.amazonaws.com"),
            (PrincipalType::Federated, "cognito-identity.amazonaws.com"),
            (PrincipalType::CanonicalUser, "79a59df900b9"),
        ]
    );
    assert_eq!(entries[2].id.loc.start, pos(14, 42));
    let actions: Vec<(&str, Position)> = second
        .action
        .entries
        .iter()
        .map(|e| (e.value.as_str(), e.loc.start))
        .collect();
    assert_eq!(second.action.polarity, Polarity::Negated);
    assert_eq!(
        actions,
        [("s3:Delete*", pos(17, 21)), ("iam:*", pos(17, 35))]
    );
    assert_eq!(
        second.resource.as_ref().map(|r| r.polarity),
        Some(Polarity::Negated)
    );

    // one clause per (operator, key), in document order
    let clauses: Vec<(String, &str, Vec<&ConditionValue>)> = second
        .conditions
        .iter()
        .map(|c| {
            (
                c.operator.value.to_string(),
                c.key.value.as_str(),
                c.values.iter().map(|v| &v.value).collect(),
            )
        })
        .collect();
    assert_eq!(
        clauses,
        [
            (
                "ForAnyValue:StringLikeIfExists".to_owned(),
                "aws:TagKeys",
                vec![
                    &ConditionValue::String("a*".into()),
                    &ConditionValue::String("b".into())
                ]
            ),
            (
                "ForAnyValue:StringLikeIfExists".to_owned(),
                "s3:prefix",
                vec![&ConditionValue::String(String::new())]
            ),
            (
                "NumericLessThan".to_owned(),
                "s3:max-keys",
                vec![&ConditionValue::Number("10".into())]
            ),
            (
                "Bool".to_owned(),
                "aws:SecureTransport",
                vec![
                    &ConditionValue::Bool(false),
                    &ConditionValue::String("true".into())
                ]
            ),
        ]
    );
    let tags = &second.conditions[0];
    assert_eq!(
        tags.operator.value.qualifier,
        Some(SetQualifier::ForAnyValue)
    );
    assert!(tags.operator.value.if_exists);
    assert_eq!(tags.operator.loc.start, pos(20, 9));
    assert_eq!(tags.key.loc.start, pos(20, 44));
    assert_eq!(tags.values[1].loc.start, pos(20, 66));
    assert_eq!(tags.loc.start, pos(20, 44));
    assert_eq!(tags.loc.end, pos(20, 70));
    assert_eq!(second.conditions[2].values[0].loc.start, pos(21, 44));
    assert_eq!(second.conditions[3].values[1].loc.start, pos(22, 49));
}

#[test]
fn statement_may_be_a_single_object_and_versions_are_read() {
    // reference_policies_elements_statement.md, reference_policies_elements_version.md
    let text = r#"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#;
    let policy = parse_clean(text, PolicyKind::Identity);
    assert_eq!(
        policy.version.as_ref().map(|v| (v.value, v.loc.start)),
        Some((PolicyVersion::V2008_10_17, pos(1, 13)))
    );
    assert!(!policy.variables_enabled());
    assert_eq!(policy.statements.len(), 1);
    assert_eq!(policy.statements[0].index, 0);
    assert_eq!(policy.statements[0].action.entries[0].value, "*");

    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}"#;
    let policy = parse_clean(text, PolicyKind::ServiceControl);
    assert_eq!(
        policy.version.map(|v| v.value),
        Some(PolicyVersion::V2012_10_17)
    );
}

#[test]
fn trust_policies_need_no_resource() {
    // reference_policies_grammar.md notes: Principal is required in
    // resource-based policies and trust policies, which have no Resource.
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole"
  }]
}"#;
    let policy = parse_clean(text, PolicyKind::Resource);
    assert_eq!(policy.statements[0].resource, None);
}

#[test]
fn resource_control_policies_take_principal_star() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
      "Action": "s3:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}]}"#;
    let policy = parse_clean(text, PolicyKind::ResourceControl);
    assert_eq!(policy.statements[0].conditions.len(), 1);
}

#[test]
fn columns_count_utf16_units_after_a_non_bmp_character() {
    // U+1F600 takes two UTF-16 units, as the editor counts columns.
    let text = "{\"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::\u{1F600}\", \"Action\": \"bad\"}]}";
    let parsed = parse_policy(text, PolicyKind::Identity);
    let d = only(&parsed, "invalid-action");
    // 1-based: `{"Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::` is
    // 61 units, the emoji 2, then `", "Action": ` is 13, so `"bad"` is at 77.
    assert_eq!(d.loc.start, pos(1, 77));
    assert_eq!(d.loc.end, pos(1, 82));
    // the emoji is four bytes
    assert_eq!(d.loc.span.start, 78);
}

// ---- errors, each with code, message and position ----

#[test]
fn reports_json_syntax_errors() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}";
    let parsed = parse_policy(text, PolicyKind::Identity);
    assert!(parsed.policy.is_none());
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [expect(
            "json-syntax",
            "trailing comma is not allowed in JSON",
            4,
            23
        )]
    );
}

#[test]
fn reports_document_level_errors() {
    let text = r#"{
  "version": "2012-10-17",
  "Id": 7,
  "Statment": [],
  "Effect": "Allow"
}"#;
    let parsed = parse_policy(text, PolicyKind::Resource);
    assert!(parsed.policy.is_none());
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [
            expect("missing-element", "policy has no `Statement`", 1, 1),
            expect("unknown-element", "unknown policy element `version`", 2, 3),
            expect("wrong-type", "`Id` must be a string, found a number", 3, 9),
            expect("unknown-element", "unknown policy element `Statment`", 4, 3),
            expect("unknown-element", "unknown policy element `Effect`", 5, 3),
        ]
    );
    let helps: Vec<Option<&str>> = parsed
        .diagnostics
        .iter()
        .map(|d| d.help.as_deref())
        .collect();
    assert_eq!(
        helps,
        [
            Some("add `\"Statement\": [...]` with at least one statement"),
            Some("did you mean `Version`? element names are case-sensitive"),
            None,
            Some("did you mean `Statement`?"),
            Some("`Effect` belongs inside a statement: `\"Statement\": [{\"Effect\": ...}]`"),
        ]
    );
}

#[test]
fn reports_bad_versions() {
    // reference_policies_elements_version.md: only 2012-10-17 and 2008-10-17
    let text = "{\n  \"Version\": \"2012-10-18\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}\n}";
    let parsed = parse_policy(text, PolicyKind::Identity);
    let d = only(&parsed, "invalid-version");
    assert_eq!(
        found(&d),
        expect(
            "invalid-version",
            "unknown policy language version `2012-10-18`",
            2,
            14
        )
    );
    assert_eq!(d.help.as_deref(), Some("use `2012-10-17`"));

    let text = "{\"Version\": 2012, \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}}";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "wrong-type",
            "`Version` must be a string, found a number",
            1,
            13
        )]
    );
}

#[test]
fn reports_statement_of_the_wrong_type() {
    let text = "{\"Statement\": \"Allow everything\"}";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "wrong-type",
            "`Statement` must be an object or an array of objects, found a string",
            1,
            15
        )]
    );
    let text = "{\"Statement\": [\"s3:*\", {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "wrong-type",
            "each statement must be an object, found a string",
            1,
            16
        )]
    );
    let text = "[{\"Effect\": \"Allow\"}]";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "wrong-type",
            "a policy document must be a JSON object, found an array",
            1,
            1
        )]
    );
    let text = "{\"Statement\": []}";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "empty-value",
            "`Statement` must contain at least one statement",
            1,
            15
        )]
    );
}

/// Errors in three statements of one identity-based policy: all reported,
/// in document order.
const BROKEN: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "allow",
      "Action": "s3GetObject",
      "Resource": ""
    },
    {
      "Sid": "Two",
      "Action": ["s3:GetObject", 5],
      "NotAction": "iam:*",
      "Resource": "*",
      "Resource": "arn:aws:s3:::b"
    },
    {
      "Effect": "Deny",
      "Actions": "s3:*",
      "Resource": "*",
      "Condition": {"StringEqual": {"aws:username": "a"}, "Bool": {"aws:SecureTransport": null}}
    }
  ]
}"#;

#[test]
fn reports_every_error_in_every_statement() {
    let parsed = parse_policy(BROKEN, PolicyKind::Identity);
    assert!(parsed.policy.is_none());
    assert!(parsed.has_errors());
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [
            expect(
                "invalid-effect",
                "invalid `Effect` `allow`; it must be `Allow` or `Deny`",
                5,
                17
            ),
            expect(
                "invalid-action",
                "action `s3GetObject` is not of the form `service:action`",
                6,
                17
            ),
            expect("empty-value", "empty resource in `Resource`", 7, 19),
            expect("missing-element", "statement has no `Effect`", 9, 5),
            expect(
                "wrong-type",
                "each action in `Action` must be a string, found a number",
                11,
                34
            ),
            expect(
                "conflicting-elements",
                "a statement cannot have both `Action` and `NotAction`",
                12,
                7
            ),
            expect("duplicate-element", "duplicate element `Resource`", 14, 7),
            expect(
                "missing-element",
                "statement has no `Action` or `NotAction`",
                16,
                5
            ),
            expect(
                "unknown-element",
                "unknown statement element `Actions`",
                18,
                7
            ),
            expect(
                "unknown-operator",
                "unknown condition operator `StringEqual`",
                20,
                21
            ),
            expect(
                "wrong-type",
                "a condition value must be a string, a number or a boolean, found `null`",
                20,
                91
            ),
        ]
    );
    let help = |code: &str, line: u32| {
        parsed
            .diagnostics
            .iter()
            .find(|d| d.code == code && d.loc.start.line == line)
            .and_then(|d| d.help.clone())
    };
    assert_eq!(
        help("invalid-effect", 5).as_deref(),
        Some("did you mean `Allow`? `Effect` values are case-sensitive")
    );
    assert_eq!(
        help("unknown-element", 18).as_deref(),
        Some("did you mean `Action`?")
    );
    assert_eq!(
        help("unknown-operator", 20).as_deref(),
        Some("did you mean `StringEquals`?")
    );
    assert_eq!(
        help("duplicate-element", 14).as_deref(),
        Some(
            "individual elements must not contain multiple instances of the same key; \
             the first is at line 13, column 7"
        )
    );
}

#[test]
fn wrong_case_element_names_are_unknown() {
    // Element names are case-sensitive (reference_policies_grammar.md lists them literally).
    let text = "{\"Statement\": [{\"effect\": \"Allow\", \"Action\": \"*\", \"resource\": \"*\"}]}";
    let parsed = parse_policy(text, PolicyKind::Identity);
    let found: Vec<(String, Option<String>)> = parsed
        .diagnostics
        .iter()
        .map(|d| (d.message.clone(), d.help.clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("statement has no `Effect`".to_owned(), Some("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`".to_owned())),
            ("statement has no `Resource` or `NotResource`".to_owned(), Some("an identity-based policy needs `Resource`; `\"Resource\": \"*\"` means every resource".to_owned())),
            ("unknown statement element `effect`".to_owned(), Some("did you mean `Effect`? element names are case-sensitive".to_owned())),
            ("unknown statement element `resource`".to_owned(), Some("did you mean `Resource`? element names are case-sensitive".to_owned())),
        ]
    );
}

#[test]
fn reports_conflicting_and_missing_elements() {
    let text = r#"{"Statement": [
  {"Effect": "Deny", "Principal": "*", "NotPrincipal": "*", "Action": "*", "Resource": "*", "NotResource": "*"},
  {"Effect": "Allow", "Action": "s3:GetObject"}
]}"#;
    assert_eq!(
        diagnostics(text, PolicyKind::Resource),
        [
            expect(
                "conflicting-elements",
                "a statement cannot have both `Principal` and `NotPrincipal`",
                2,
                40
            ),
            expect(
                "conflicting-elements",
                "a statement cannot have both `Resource` and `NotResource`",
                2,
                93
            ),
            expect(
                "missing-element",
                "statement has no `Principal` or `NotPrincipal`",
                3,
                3
            ),
        ]
    );
    // Resource is required outside resource-based policies
    for kind in [PolicyKind::Identity, PolicyKind::ServiceControl] {
        let text = "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}}";
        assert_eq!(
            diagnostics(text, kind),
            [expect(
                "missing-element",
                "statement has no `Resource` or `NotResource`",
                1,
                15
            )]
        );
    }
}

#[test]
fn reports_bad_actions_and_empty_values() {
    let text = r#"{"Statement": [{
  "Effect": "Allow",
  "Action": ["*", "s3:*", "s3", ":GetObject", "iam:", "", "*:Get*"],
  "Resource": [],
  "Condition": {"StringEquals": {}, "StringLike": {"s3:prefix": [], "": "x"}}
}, {
  "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {}
}]}"#;
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [
            expect(
                "invalid-action",
                "action `s3` is not of the form `service:action`",
                3,
                27
            ),
            expect(
                "invalid-action",
                "action `:GetObject` is not of the form `service:action`",
                3,
                33
            ),
            expect(
                "invalid-action",
                "action `iam:` is not of the form `service:action`",
                3,
                47
            ),
            expect("empty-value", "empty action in `Action`", 3, 55),
            expect(
                "empty-value",
                "`Resource` must list at least one resource",
                4,
                15
            ),
            expect(
                "empty-value",
                "condition operator `StringEquals` has no condition keys",
                5,
                33
            ),
            expect(
                "empty-value",
                "condition key `s3:prefix` has no values",
                5,
                65
            ),
            expect("empty-value", "empty condition key", 5, 69),
            expect("empty-value", "empty `Condition` block", 7, 69),
        ]
    );
}

#[test]
fn reports_bad_condition_values_and_operators() {
    let text = r#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
  "Condition": {
    "stringequals": {"aws:username": {"a": 1}},
    "StringLike": {"s3:prefix": [["a"], "b"]},
    "NullIfExists": {"aws:TagKeys": "true"},
    "ForAnyValue:Null": {"aws:TagKeys": "true"},
    "ForSomeValues:StringLike": {"aws:TagKeys": "a"},
    "Bool": "true",
    "Bool": {"aws:SecureTransport": "true"}
  }}}"#;
    let parsed = parse_policy(text, PolicyKind::Identity);
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [
            expect(
                "unknown-operator",
                "unknown condition operator `stringequals`",
                3,
                5
            ),
            expect(
                "wrong-type",
                "a condition value must be a string, a number or a boolean, found an object",
                3,
                38
            ),
            expect(
                "wrong-type",
                "a condition value must be a string, a number or a boolean, found an array",
                4,
                34
            ),
            expect("invalid-operator", "`Null` cannot take `IfExists`", 5, 5),
            expect(
                "invalid-operator",
                "`Null` cannot take a set operator",
                6,
                5
            ),
            expect(
                "unknown-operator",
                "unknown set operator `ForSomeValues`; use `ForAllValues` or `ForAnyValue`",
                7,
                5
            ),
            expect(
                "wrong-type",
                "the value of condition operator `Bool` must be an object of condition keys and values, found a string",
                8,
                13
            ),
            expect(
                "duplicate-element",
                "duplicate condition operator `Bool`",
                9,
                5
            ),
        ]
    );
    assert_eq!(
        parsed.diagnostics[0].help.as_deref(),
        Some("did you mean `StringEquals`? condition operator names are case-sensitive")
    );
}

#[test]
fn reports_principals_where_the_policy_kind_forbids_them() {
    // reference_policies_grammar.md notes: Principal must not be included
    // in identity-based policies. SCPs apply to accounts, not principals.
    let text = "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}}";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "principal-not-allowed",
            "`Principal` is not allowed in an identity-based policy",
            1,
            35
        )]
    );
    let text = "{\"Statement\": {\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"1\"}, \"Action\": \"*\", \"Resource\": \"*\"}}";
    assert_eq!(
        diagnostics(text, PolicyKind::ServiceControl),
        [expect(
            "principal-not-allowed",
            "`NotPrincipal` is not allowed in a service control policy",
            1,
            34
        )]
    );
}

#[test]
fn reports_bad_principal_values() {
    let text = r#"{"Statement": [
  {"Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "s3:*"},
  {"Effect": "Allow", "Principal": {"aws": "1", "AWS": ["", 2], "Service": []}, "Action": "s3:*"},
  {"Effect": "Allow", "Principal": {}, "Action": "s3:*"},
  {"Effect": "Allow", "Principal": ["*"], "Action": "s3:*"}
]}"#;
    let parsed = parse_policy(text, PolicyKind::Resource);
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [
            expect(
                "invalid-principal",
                "`Principal` must be `\"*\"` or an object of principal types, found `arn:aws:iam::111122223333:root`",
                2,
                36
            ),
            expect(
                "unknown-principal-type",
                "unknown principal type `aws`",
                3,
                37
            ),
            expect("empty-value", "empty principal in `AWS`", 3, 57),
            expect(
                "wrong-type",
                "each principal in `AWS` must be a string, found a number",
                3,
                61
            ),
            expect(
                "empty-value",
                "`Service` must list at least one principal",
                3,
                76
            ),
            expect("empty-value", "`Principal` names no principal", 4, 36),
            expect(
                "wrong-type",
                "`Principal` must be `\"*\"` or an object of principal types, found an array",
                5,
                36
            ),
        ]
    );
    let help = parsed.diagnostics[1].help.as_deref();
    assert_eq!(
        help,
        Some("did you mean `AWS`? principal types are case-sensitive")
    );
    let help = parsed.diagnostics[0].help.as_deref();
    assert_eq!(
        help,
        Some("name the principal type, e.g. `{\"AWS\": \"arn:aws:iam::111122223333:root\"}`")
    );
}

#[test]
fn resource_control_policies_require_principal_star() {
    let text = r#"{"Statement": [
  {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"},
  {"Effect": "Deny", "NotPrincipal": "*", "Action": "s3:*", "Resource": "*"},
  {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}
]}"#;
    assert_eq!(
        diagnostics(text, PolicyKind::ResourceControl),
        [
            expect(
                "invalid-principal",
                "in a resource control policy `Principal` must be `\"*\"`",
                2,
                35
            ),
            expect(
                "principal-not-allowed",
                "`NotPrincipal` is not allowed in a resource control policy",
                3,
                22
            ),
            expect("missing-element", "statement has no `Principal`", 4, 3),
        ]
    );
}

#[test]
fn effect_must_be_a_string() {
    let text = "{\"Statement\": {\"Effect\": true, \"Action\": \"*\", \"Resource\": \"*\"}}";
    assert_eq!(
        diagnostics(text, PolicyKind::Identity),
        [expect(
            "wrong-type",
            "`Effect` must be a string, found a boolean",
            1,
            26
        )]
    );
    let text = "{\"Statement\": {\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\"}}";
    let parsed = parse_policy(text, PolicyKind::Identity);
    let d = only(&parsed, "invalid-effect");
    assert_eq!(d.help.as_deref(), Some("use `Allow` or `Deny`"));
}

// ---- warnings keep the policy ----

#[test]
fn warnings_do_not_stop_the_policy() {
    let text = r#"{
  "Id": "my-policy",
  "Statement": [
    {"Sid": "Read-Only", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*"},
    {"Sid": "Same", "Effect": "Allow", "Action": "s3:List*", "Resource": "*"},
    {"Sid": "Same", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
  ]
}"#;
    let parsed = parse_policy(text, PolicyKind::Identity);
    assert!(!parsed.has_errors());
    assert_eq!(parsed.policy.as_ref().map(|p| p.statements.len()), Some(3));
    let severities: Vec<Severity> = parsed.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Warning; 3]);
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [
            // reference_policies_grammar.md: the id_block must not be
            // included in identity-based policies
            expect(
                "id-in-identity-policy",
                "`Id` must not be included in an identity-based policy",
                2,
                3
            ),
            // reference_policies_elements_sid.md: A-Z, a-z, 0-9
            expect(
                "invalid-sid",
                "`Sid` may contain only A-Z, a-z and 0-9, found `-`",
                4,
                13
            ),
            // reference_policies_elements_sid.md: unique within a policy
            expect("duplicate-sid", "duplicate `Sid` `Same`", 6, 13),
        ]
    );
    assert_eq!(
        parsed.diagnostics[2].help.as_deref(),
        Some("statement 2 has the same `Sid`; in IAM each `Sid` must be unique within a policy")
    );
    // the same document as a resource-based policy: Id and any Sid are fine
    let parsed = parse_policy(
        &text
            .replace("s3:Get*", "s3:Get*\", \"Principal\": \"*")
            .replace("s3:List*", "s3:List*\", \"Principal\": \"*")
            .replace("s3:Delete*", "s3:Delete*\", \"Principal\": \"*"),
        PolicyKind::Resource,
    );
    let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["duplicate-sid"]);
}

#[test]
fn not_principal_with_allow_is_a_security_warning() {
    // reference_policies_elements_notprincipal.md: "NotPrincipal With Allow"
    let text = r#"{"Statement": {"Effect": "Allow",
  "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:user/Bob"},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}"#;
    let parsed = parse_policy(text, PolicyKind::Resource);
    assert!(parsed.policy.is_some());
    let d = only(&parsed, "not-principal-with-allow");
    assert_eq!(d.severity, Severity::SecurityWarning);
    assert_eq!(d.loc.start, pos(2, 3));
    assert_eq!(parsed.diagnostics.len(), 1);
}

// ---- the JSON entry point ----

#[test]
fn policy_from_json_keeps_locations_of_the_enclosing_file() {
    let text = "{\"policies\": {\n  \"p\": {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"x\", \"Resource\": \"*\"}}}}";
    let json = match parse_json(text) {
        Ok(json) => json,
        Err(e) => panic!("{e}"),
    };
    let Some(embedded) = json.get("policies").and_then(|p| p.get("p")) else {
        panic!("no embedded policy")
    };
    let parsed = policy_from_json(embedded, PolicyKind::Identity);
    assert_eq!(
        parsed.diagnostics.iter().map(found).collect::<Vec<_>>(),
        [expect(
            "invalid-action",
            "action `x` is not of the form `service:action`",
            2,
            52
        )]
    );
}

#[test]
fn empty_and_long_input_is_quoted_readably() {
    let text = format!(
        "{{\"Version\": \"\", \"Statement\": {{\"Effect\": \"\", \"Action\": \"{}\", \"Resource\": \"*\"}}}}",
        "x".repeat(200)
    );
    let messages: Vec<String> = parse_policy(&text, PolicyKind::Identity)
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        messages,
        [
            "unknown policy language version `\"\"`".to_owned(),
            "invalid `Effect` `\"\"`; it must be `Allow` or `Deny`".to_owned(),
            format!(
                "action `{}…` is not of the form `service:action`",
                "x".repeat(60)
            ),
        ]
    );
}

// ---- robustness: the seed policy with values swapped at random ----

/// Every span of a string, number, literal or key in `json`.
fn token_spans(json: &iamplay_core::json::Json, out: &mut Vec<(usize, usize)>) {
    use iamplay_core::json::JsonValue;
    match &json.value {
        JsonValue::Array(items) => items.iter().for_each(|i| token_spans(i, out)),
        JsonValue::Object(members) => {
            for m in members {
                out.push((m.key.loc.span.start as usize, m.key.loc.span.end as usize));
                token_spans(&m.value, out);
            }
        }
        _ => out.push((json.loc.span.start as usize, json.loc.span.end as usize)),
    }
}

#[test]
fn random_replacements_never_panic_and_errors_drop_the_policy() {
    const REPLACEMENTS: &[&str] = &[
        "\"\"",
        "\"allow\"",
        "\"Deny\"",
        "\"*\"",
        "[]",
        "{}",
        "null",
        "5",
        "true",
        "[[]]",
        "[\"*\"]",
        "{\"AWS\": []}",
        "{\"StringEquals\": {}}",
        "\"Principal\"",
        "\"NotAction\"",
        "\"Condition\"",
        "\"s3\"",
        "\"ForAnyValue:Null\"",
        "\"\u{1F600}\"",
        "{\"a\": {\"b\": null}}",
    ];
    let json = match parse_json(FORCE_MFA) {
        Ok(json) => json,
        Err(e) => panic!("{e}"),
    };
    let mut spans = Vec::new();
    token_spans(&json, &mut spans);
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let kinds = [
        PolicyKind::Identity,
        PolicyKind::Resource,
        PolicyKind::ServiceControl,
        PolicyKind::ResourceControl,
    ];
    for _ in 0..2_000 {
        // replace up to three tokens, from the last so spans stay valid
        let mut chosen: Vec<usize> = (0..1 + next(3)).map(|_| next(spans.len())).collect();
        chosen.sort_unstable();
        chosen.dedup();
        let mut text = FORCE_MFA.to_owned();
        for &i in chosen.iter().rev() {
            let (start, end) = spans[i];
            text.replace_range(start..end, REPLACEMENTS[next(REPLACEMENTS.len())]);
        }
        let kind = kinds[next(kinds.len())];
        let parsed = parse_policy(&text, kind);
        assert_eq!(parsed.policy.is_some(), !parsed.has_errors(), "{text}");
        for d in &parsed.diagnostics {
            assert!(d.loc.span.end as usize <= text.len(), "{d}");
            assert!(!d.message.ends_with('.'), "{d}");
            assert!(d.message.starts_with(|c: char| !c.is_uppercase()), "{d}");
            assert!(
                !d.code.as_str().is_empty()
                    && d.code
                        .as_str()
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
        // sorted by position
        let starts: Vec<u32> = parsed
            .diagnostics
            .iter()
            .map(|d| d.loc.span.start)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    }
}
