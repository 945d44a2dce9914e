//! The engine as every surface uses it: load a workspace file, answer its
//! requests, take an edit of one document or of the entities (parsing
//! only what changed), list every problem at its place, and name
//! documents by stable ids.

use iamplay_core::engine::{DocumentId, EditError, Owner, RequestSlot, SourceText};
use iamplay_core::response::{Decision, StepKind};
use iamplay_core::workspace::{
    AwsManagedPolicy, ManagedPolicySource, NoManagedPolicies, PrincipalSpec, RequestSpec,
    load_request,
};
use iamplay_core::{Code, Engine, Severity};

const SEED: &str = include_str!("../../../examples/force-mfa.json");
const EC2_FULL: &str = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");
const EC2_ARN: &str = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";

/// The one AWS managed policy the seed attaches, as a catalog gives it.
struct SeedCatalog;

impl ManagedPolicySource for SeedCatalog {
    fn aws_managed_policy(&self, name_or_arn: &str) -> Option<AwsManagedPolicy> {
        (name_or_arn == EC2_ARN || name_or_arn == "AmazonEC2FullAccess").then(|| AwsManagedPolicy {
            name: "AmazonEC2FullAccess".to_owned(),
            arn: EC2_ARN.to_owned(),
            version_id: "v5".to_owned(),
            document: EC2_FULL.to_owned(),
        })
    }
}

fn seed() -> Engine {
    Engine::load(SEED, Box::new(SeedCatalog)).unwrap_or_else(|p| panic!("the seed loads: {p:?}"))
}

fn force_mfa() -> DocumentId {
    DocumentId::Managed("Force_MFA".to_owned())
}

fn request(user: &str, action: &str, resource: &str) -> RequestSpec {
    RequestSpec::new(PrincipalSpec::user(user), action, resource)
}

// ../shared/scenarios/README.md: the walkthrough's 14 rows, through the
// engine's full and fast paths.
#[test]
fn the_seed_gives_every_expected_decision_by_both_paths() {
    let engine = seed();
    let requests = &engine.workspace().requests;
    assert_eq!(requests.len(), 14);
    for (i, spec) in requests.iter().enumerate() {
        let expected = spec.expect.as_ref().map(|e| e.decision);
        let response = engine.evaluate_saved(i).expect("every row resolves");
        assert_eq!(Some(response.decision), expected, "row {}", i + 1);
        assert_eq!(
            engine.authorize_saved(i),
            Ok(response.decision),
            "row {}",
            i + 1
        );
        assert_eq!(
            engine.authorize(spec),
            Ok(response.decision),
            "row {}",
            i + 1
        );
        let parts = iamplay_core::eval::Verdict::from(response);
        assert_eq!(engine.verdict_saved(i), Ok(parts.clone()), "row {}", i + 1);
        assert_eq!(engine.verdict(spec), Ok(parts), "row {}", i + 1);
    }
}

#[test]
fn traces_name_their_documents_by_id() {
    let mut engine = seed();
    let response = engine.evaluate_saved(0).expect("row 1 resolves");
    let ids: Vec<Option<String>> = response
        .policies
        .iter()
        .map(|p| p.id.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(
        ids,
        [
            Some("managed/Force_MFA".to_owned()),
            Some(format!("aws/{EC2_ARN}")),
        ]
    );
    let ec2 = DocumentId::AwsManaged(EC2_ARN.to_owned());
    assert_eq!(engine.document_text(&ec2), Some(EC2_FULL));
    assert_eq!(engine.managed_policy_id("AmazonEC2FullAccess"), Some(&ec2));
    assert_eq!(
        engine.set_document(&ec2, "{}"),
        Err(EditError::ReadOnly(ec2.clone()))
    );
}

/// A statement's reason is written out as text even though a statement
/// that does not apply keeps it as "the detail of the element that did not
/// match" (`response::StatementReason`); reading the JSON back gives the
/// same sentences.
#[test]
fn statement_reasons_are_written_and_read_as_text() {
    let engine = seed();
    let response = engine.evaluate_saved(0).expect("row 1 resolves");
    let json = serde_json::to_value(&response).expect("a response serializes");
    let force_mfa = &response.policies[0];
    // `AllowAllUsersToListAccounts` does not list `ec2:DescribeInstances`.
    let first = &force_mfa.statements[0];
    assert!(!first.action.satisfied);
    assert_eq!(first.reason(), &*first.action.detail);
    assert_eq!(
        json["policies"][0]["statements"][0]["reason"],
        serde_json::Value::String(first.action.detail.to_string())
    );
    // The deciding Deny applies: its reason joins every part.
    let deny = &force_mfa.statements[4];
    assert!(deny.applies);
    assert!(deny.reason().starts_with(&*deny.action.detail));
    assert!(deny.reason().contains("; condition "), "{}", deny.reason());
    let read: iamplay_core::response::Response =
        serde_json::from_value(json.clone()).expect("a response reads back");
    for (written, read) in response.policies.iter().zip(&read.policies) {
        for (a, b) in written.statements.iter().zip(&read.statements) {
            assert_eq!(a.reason(), b.reason());
            assert_eq!(a.sid, b.sid);
        }
    }
    assert_eq!(serde_json::to_value(&read).expect("serializes again"), json);
}

/// A response read back from its JSON equals it: a statement's reason
/// and a context key's single value mean the same however they are held.
#[test]
fn a_response_read_back_equals_the_one_written() {
    let engine = seed();
    for row in 0..engine.workspace().requests.len() {
        let response = engine.evaluate_saved(row).expect("every seed row resolves");
        let json = serde_json::to_string(&response).expect("a response serializes");
        let read: iamplay_core::response::Response =
            serde_json::from_str(&json).expect("a response reads back");
        assert_eq!(read, response, "row {}", row + 1);
    }
}

#[test]
fn an_edit_parses_only_its_document() {
    let mut engine = seed();
    let parses = engine.parse_count();
    let text = engine
        .document_text(&force_mfa())
        .expect("Force_MFA is there")
        .to_owned();
    // Turn the Deny into an Allow: without MFA, EC2 is allowed.
    let without_deny = text.replacen(r#""Effect": "Deny""#, r#""Effect": "Allow""#, 1);
    assert_ne!(without_deny, text);
    engine
        .set_document(&force_mfa(), &without_deny)
        .expect("Force_MFA can be edited");
    assert_eq!(engine.parse_count(), parses + 1);
    assert_eq!(engine.authorize_saved(0), Ok(Decision::Allowed));

    // A text that does not parse: the request cannot be answered, and the
    // error names the document; the problem is placed in its text.
    engine
        .set_document(&force_mfa(), r#"{"Version": "2012-10-17", "Statement": ["#)
        .expect("any text is taken");
    let error = engine.evaluate_saved(0).expect_err("the policy has errors");
    assert_eq!(error.code(), Code::PolicyHasErrors);
    assert_eq!(
        error.to_string(),
        "policy `Force_MFA` has errors; fix them to see the decision"
    );
    let problems = engine.document_problems(&force_mfa());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::JsonSyntax);
    assert_eq!(problems[0].loc.start.line, 1);
    // The text is no longer the one written in the workspace file.
    assert_eq!(problems[0].file, None);
}

#[test]
fn entity_edits_keep_the_parse_of_unchanged_documents() {
    let mut engine = seed();
    let parses = engine.parse_count();
    engine.edit(|ws| {
        for user in &mut ws.users {
            user.groups.retain(|g| g != "Force_MFA");
        }
        if let Some(p) = ws.policies.iter_mut().find(|p| p.name == "Force_MFA") {
            p.name = "Require_MFA".to_owned();
        }
        if let Some(g) = ws.groups.iter_mut().find(|g| g.name == "Force_MFA") {
            g.managed_policies = vec!["Require_MFA".to_owned()];
        }
    });
    assert_eq!(
        engine.parse_count(),
        parses,
        "a rename parses nothing again"
    );
    assert!(engine.document(&force_mfa()).is_none());
    assert!(
        engine
            .document(&DocumentId::Managed("Require_MFA".to_owned()))
            .is_some()
    );
    // Out of the Force_MFA group, row 1 is allowed by AmazonEC2FullAccess.
    assert_eq!(engine.authorize_saved(0), Ok(Decision::Allowed));
    // A what-if membership puts the Deny back for one request.
    let mut spec = engine.workspace().requests[0].clone();
    spec.principal = PrincipalSpec::User {
        name: "mfa-user-1".to_owned(),
        groups: Some(vec!["Force_MFA".to_owned(), "EC2_Full_Access".to_owned()]),
    };
    assert_eq!(engine.authorize(&spec), Ok(Decision::ExplicitDeny));
}

#[test]
fn problems_are_placed_in_the_workspace_file() {
    let text = r#"{
  "policies": [
    {"name": "Typo", "document": {"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Actoin": "s3:GetObject", "Resource": "*"}]}}
  ],
  "users": [{"name": "ana", "managedPolicies": ["Typo", "Missing"], "groups": ["Nope"]}]
}"#;
    let engine = Engine::load(text, Box::new(NoManagedPolicies)).expect("the file loads");
    let problems = engine.diagnostics();
    let unknown = problems
        .iter()
        .find(|p| p.code == Code::UnknownElement)
        .expect("the misspelt element is reported");
    assert_eq!(
        unknown.document,
        Some(DocumentId::Managed("Typo".to_owned()))
    );
    assert_eq!(unknown.policy.as_deref(), Some("Typo"));
    assert_eq!((unknown.loc.start.line, unknown.loc.start.column), (2, 41));
    let file = unknown.file.expect("the document is written in the file");
    assert_eq!(file.text, SourceText::Workspace);
    assert_eq!((file.loc.start.line, file.loc.start.column), (4, 41));
    assert_eq!(&text[file.loc.span.start as usize..][..8], r#""Actoin""#);
    let references: Vec<&str> = problems
        .iter()
        .filter(|p| p.code == Code::UnresolvedReference)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        references,
        [
            "managed policy `Missing` is neither in the workspace nor an AWS managed policy",
            "user `ana` is in group `Nope`, which does not exist",
        ]
    );
    assert_eq!(
        engine.counts()[Severity::Error as usize],
        2,
        "unknown `Actoin`, no `Action`"
    );
    let error = engine
        .evaluate(&request("ana", "s3:GetObject", "*"))
        .expect_err("Typo has errors");
    assert_eq!(
        error,
        iamplay_core::engine::ResolveError::InvalidPolicy {
            name: "Typo".to_owned(),
            document: Some(DocumentId::Managed("Typo".to_owned())),
        }
    );
}

#[test]
fn a_file_with_errors_gives_its_problems_and_no_engine() {
    let problems = Engine::load(r#"{"users": [{"nam": "x"}]}"#, Box::new(NoManagedPolicies))
        .expect_err("the file has errors");
    assert!(
        problems
            .iter()
            .all(|p| p.file.is_some() && p.document.is_none())
    );
    assert!(problems.iter().any(|p| p.code == Code::UnknownKey));
}

#[test]
fn a_request_read_from_its_own_text_places_its_policies_problems_there() {
    let mut engine = seed();
    let index = engine
        .add_request_text(
            r#"{"principal": "mfa-user-1", "action": "s3:ListAllMyBuckets",
  "policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*"}]}]}}"#,
        )
        .expect("the request reads");
    assert_eq!(index, 14);
    let problem = engine
        .diagnostics()
        .into_iter()
        .find(|p| p.document == Some(DocumentId::RequestPolicy(RequestSlot::Saved(14), 0)))
        .expect("the given policy's problem is listed");
    assert_eq!(problem.code, Code::MissingElement);
    let file = problem.file.expect("placed in the request's text");
    assert_eq!(file.text, SourceText::Request(14));
    assert_eq!(file.loc.start.line, 2);
}

// reference_policies_evaluation-logic.md: a session policy limits what a
// role session may do; a request given on its own carries its policies.
#[test]
fn a_request_given_alone_brings_its_own_policies() {
    let engine = seed();
    let spec = load_request(
        r#"{"principal": "mfa-user-1", "action": "iam:ChangePassword",
            "resource": "arn:aws:iam::111122223333:user/mfa-user-1",
            "policies": {"permissionsBoundary": {"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}}"#,
    )
    .expect("the request reads");
    let response = engine.evaluate(&spec).expect("it resolves");
    assert_eq!(response.decision, Decision::ImplicitDeny);
    assert!(
        response
            .policies
            .iter()
            .any(|p| p.id == Some(DocumentId::RequestPolicy(RequestSlot::Given, 0)))
    );
    assert!(
        response
            .steps
            .iter()
            .any(|s| s.kind == StepKind::PermissionsBoundary)
    );
}

// A request given alone is not saved, so its documents' problems are not
// among the workspace's: `given_problems` lists them, by their given ids.
#[test]
fn the_problems_of_a_request_given_alone_are_listed_apart() {
    let spec = load_request(
        r#"{"principal": "mfa-user-1", "action": "s3:GetObject",
            "sessionPolicy": {"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
            "policies": {"identity": [{"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:*"}]}]}}"#,
    )
    .expect("the request reads");
    let problems = Engine::given_problems(&spec);
    let missing = problems
        .iter()
        .find(|p| p.code == Code::MissingElement)
        .expect("the identity policy lacks a Resource");
    assert_eq!(
        missing.document,
        Some(DocumentId::RequestPolicy(RequestSlot::Given, 0))
    );
    assert_eq!(missing.policy.as_deref(), Some("identity policy 1"));
    assert_eq!(missing.file, None);
    assert!(
        problems.iter().all(
            |p| p.document != Some(DocumentId::Session(RequestSlot::Given))
                || p.severity != Severity::Error
        ),
        "the session policy parses: {problems:?}"
    );
    let engine = seed();
    let before = engine.diagnostics().len();
    assert!(matches!(
        engine.evaluate(&spec),
        Err(iamplay_core::engine::ResolveError::InvalidPolicy { .. })
    ));
    assert_eq!(engine.diagnostics().len(), before);
}

// docs/workspace-format.md, Resources: `account` is "the owner, when the
// ARN has none (S3) and it is not the caller's account"; such a request
// is cross-account (reference_policies_evaluation-logic-cross-account.md).
#[test]
fn a_resource_account_makes_the_request_cross_account() {
    let text = r#"{
        "account": "111111111111",
        "policies": [{"name": "S3", "document": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}],
        "users": [{"name": "carlos", "managedPolicies": ["S3"]}],
        "resources": [{"name": "Production", "arns": ["arn:aws:s3:::Production/*"],
            "account": "222222222222",
            "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111111111111:user/carlos"},
                "Action": "s3:GetObject", "Resource": "arn:aws:s3:::Production/*"}]}}],
        "requests": [
            {"principal": "carlos", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::Production/a"},
            {"principal": "carlos", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::Local/a"}
        ]
    }"#;
    let engine = Engine::load(text, Box::new(NoManagedPolicies)).expect("the workspace loads");
    let cross = engine.resolve_saved(0).expect("resolves");
    assert_eq!(
        cross.request.resource_account.as_deref(),
        Some("222222222222")
    );
    assert_eq!(cross.authorize(), Decision::ImplicitDeny);
    let local = engine.resolve_saved(1).expect("resolves");
    assert_eq!(local.request.resource_account, None);
    assert_eq!(local.authorize(), Decision::Allowed);
}

#[test]
fn validate_lists_a_lone_policys_problems_in_order() {
    let problems = Engine::validate(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*", "Sid": "a b"}]}"#,
        iamplay_core::PolicyKind::Identity,
    );
    let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::InvalidEffect, Code::InvalidSid]);
    assert!(
        problems
            .windows(2)
            .all(|w| w[0].loc.span.start <= w[1].loc.span.start)
    );
}

#[test]
fn documents_are_found_by_owner_and_name() {
    let engine = seed();
    let ws = engine.workspace();
    let inline = DocumentId::Inline(Owner::Group("Force_MFA".to_owned()), "x".to_owned());
    assert!(ws.document(&inline).is_none());
    assert!(ws.document(&force_mfa()).is_some());
    let ids: Vec<String> = engine.documents().map(|d| d.id.to_string()).collect();
    assert_eq!(
        ids,
        ["managed/Force_MFA".to_owned(), format!("aws/{EC2_ARN}")]
    );
}

// A saved request is worked out once for the workspace's shape; an
// entity edit must work it out again (the seed's row 7 names the user's
// own ARN, so asking for another user's changes the decision).
#[test]
fn saved_requests_follow_entity_edits() {
    let mut engine = seed();
    let row = 6;
    assert_eq!(engine.authorize_saved(row), Ok(Decision::Allowed));
    engine.edit(|ws| {
        let spec = &mut ws.requests[row];
        spec.resource = "arn:aws:iam::111122223333:user/someone-else".to_owned();
    });
    assert_eq!(engine.authorize_saved(row), Ok(Decision::ImplicitDeny));
    assert_eq!(
        engine.evaluate_saved(row).map(|r| r.decision),
        Ok(Decision::ImplicitDeny)
    );
    engine.edit(|ws| ws.users.retain(|u| u.name != "mfa-user-1"));
    assert!(matches!(
        engine.authorize_saved(row),
        Err(iamplay_core::engine::ResolveError::UnknownUser(_))
    ));
}
