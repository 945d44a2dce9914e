//! Counterfactuals are verified, not guessed: for every saved request of
//! every workspace of `examples/` and of the case suite (`tests/cases/`),
//! and of random small workspaces, every counterfactual the engine
//! returns is applied here on its own terms (the changed request, or the
//! changed workspace's text compiled into a new engine) and evaluated
//! with the full evaluation, which must give the decision, the deciding
//! statements and the blocking policy type the counterfactual claims.

use std::fs;
use std::path::{Path, PathBuf};

use iamplay_core::engine::counterfactual::{EntityKind, MAX_EVALUATIONS, MAX_RESOURCE_TRIES};
use iamplay_core::engine::{Change, Counterfactual, DocumentId, Owner};
use iamplay_core::response::{Decision, Response, StatementRef};
use iamplay_core::workspace::{
    AwsManagedPolicy, Document, InlinePolicy, ManagedPolicySource, PrincipalSpec, RequestSpec,
    Workspace,
};
use iamplay_core::{ContextValue, Engine, Scalar};
use serde_json::{Value, json};

const SEED: &str = include_str!("../../../examples/force-mfa.json");
const EC2_FULL: &str = include_str!("../../../examples/seed/AmazonEC2FullAccess.policy.json");
const EC2_ARN: &str = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";

/// The one AWS managed policy the examples attach without carrying it.
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

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let dir = repository().join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The deciding statements' labels, sorted.
fn labels(refs: &[StatementRef]) -> Vec<String> {
    let mut l: Vec<String> = refs.iter().map(StatementRef::label).collect();
    l.sort();
    l
}

/// Removes the statements at `indexes` from a policy document's text;
/// the new text and how many statements are left.
fn without_statements(text: &str, mut indexes: Vec<usize>) -> (String, usize) {
    let mut doc: Value = serde_json::from_str(text).expect("a compiled document is JSON");
    let statements = doc
        .get_mut("Statement")
        .expect("a compiled document has statements");
    if statements.is_object() {
        *statements = json!([statements.clone()]);
    }
    let list = statements.as_array_mut().expect("statements are a list");
    indexes.sort_unstable();
    for i in indexes.into_iter().rev() {
        list.remove(i);
    }
    let left = list.len();
    (doc.to_string(), left)
}

/// Deletes document `id` from the workspace (or the request).
fn delete(workspace: &mut Workspace, spec: &mut RequestSpec, id: &DocumentId) {
    match id {
        DocumentId::Managed(name) => workspace.policies.retain(|p| &p.name != name),
        DocumentId::Inline(owner, name) => workspace
            .inline_policies_mut(owner)
            .expect("the owner exists")
            .retain(|p| &p.name != name),
        DocumentId::Organization(name) => workspace
            .organization
            .as_mut()
            .expect("an organization")
            .policies
            .retain(|p| &p.name != name),
        DocumentId::Session(_) => spec.session_policy = None,
        DocumentId::Endpoint(e) => {
            for endpoint in workspace.endpoints.iter_mut().filter(|x| &x.id == e) {
                endpoint.policy = None;
            }
        }
        other => panic!("`{other}` cannot be deleted"),
    }
}

/// The managed policies `owner` lists.
fn managed_policies_mut<'w>(workspace: &'w mut Workspace, owner: &Owner) -> &'w mut Vec<String> {
    let found = match owner {
        Owner::User(name) => workspace
            .users
            .iter_mut()
            .find(|u| &u.name == name)
            .map(|u| &mut u.managed_policies),
        Owner::Group(name) => workspace
            .groups
            .iter_mut()
            .find(|g| &g.name == name)
            .map(|g| &mut g.managed_policies),
        Owner::Role(name) => workspace
            .roles
            .iter_mut()
            .find(|r| &r.name == name)
            .map(|r| &mut r.managed_policies),
    };
    found.unwrap_or_else(|| panic!("{} exists", owner.describe()))
}

/// `change` made to saved request `index` of `engine`'s workspace, and the
/// full evaluation of the result by a new engine.
fn apply(engine: &Engine, index: usize, change: &Change) -> Response {
    let mut workspace: Workspace = engine.workspace().clone();
    let mut spec: RequestSpec = workspace.requests[index].clone();
    match change {
        Change::Context { set, remove } => {
            for key in remove {
                assert!(spec.context.contains(key), "removes `{key}`, not given");
                spec.context.remove(key);
            }
            for s in set {
                spec.context.insert(s.key.clone(), s.value.clone());
            }
        }
        Change::Principal { entity, name } => {
            spec.principal = match entity {
                EntityKind::User => PrincipalSpec::user(name.clone()),
                EntityKind::Role => PrincipalSpec::RoleSession {
                    role: name.clone(),
                    session: match &spec.principal {
                        PrincipalSpec::RoleSession { session, .. } => session.clone(),
                        _ => "session".to_owned(),
                    },
                },
            };
        }
        Change::Detach { attachments } => {
            for a in attachments {
                assert!(a.document.is_read_only(), "`{}` is AWS managed", a.document);
                let list = managed_policies_mut(&mut workspace, &a.owner());
                let at = list
                    .iter()
                    .position(|p| p == &a.listed)
                    .unwrap_or_else(|| panic!("`{}` is attached", a.listed));
                list.remove(at);
            }
        }
        Change::Resource { arn } => {
            assert_ne!(&spec.resource, arn, "another resource");
            spec.resource.clone_from(arn);
            spec.resource_account = None;
        }
        Change::RemoveStatements {
            statements,
            deleted,
        } => {
            let mut documents: Vec<&DocumentId> = statements.iter().map(|s| &s.document).collect();
            documents.dedup();
            for id in documents {
                let indexes = statements
                    .iter()
                    .filter(|s| &s.document == id)
                    .map(|s| s.statement)
                    .collect();
                let document = workspace
                    .document_mut(id)
                    .unwrap_or_else(|| panic!("`{id}` is a workspace document"));
                let (text, left) = without_statements(&document.text, indexes);
                assert_eq!(
                    left == 0,
                    deleted.contains(id),
                    "`{id}` is deleted when emptied"
                );
                document.text = text;
                document.file_offset = None;
            }
            // The request's own documents are edited in the workspace's copy.
            spec = workspace.requests[index].clone();
            for id in deleted {
                delete(&mut workspace, &mut spec, id);
            }
        }
        Change::AddPolicy { document, text } => {
            let DocumentId::Inline(owner, name) = document else {
                panic!("an added policy is inline, not `{document}`");
            };
            assert!(matches!(owner, Owner::User(_) | Owner::Role(_)));
            let list = workspace
                .inline_policies_mut(owner)
                .expect("the owner exists");
            assert!(list.iter().all(|p| &p.name != name), "`{name}` is new");
            list.push(InlinePolicy {
                name: name.clone(),
                document: Document::new(text.clone()),
            });
        }
    }
    workspace.requests[index] = spec.clone();
    let engine = Engine::new(workspace, Box::new(SeedCatalog));
    engine
        .evaluate(&spec)
        .unwrap_or_else(|e| panic!("the changed request resolves: {e}"))
}

/// Checks every counterfactual of every saved request of `engine`;
/// returns how many were checked.
fn check_all(engine: &Engine, what: &str) -> usize {
    check_all_counting(engine, what).0
}

/// [`check_all`], with how many of the counterfactuals checked were
/// other resources.
fn check_all_counting(engine: &Engine, what: &str) -> (usize, usize) {
    let mut checked = 0;
    let mut resources = 0;
    for index in 0..engine.workspace().requests.len() {
        let Ok(before) = engine.evaluate_saved(index) else {
            assert!(engine.counterfactuals_saved(index).is_err());
            continue;
        };
        let found = engine
            .counterfactuals_saved(index)
            .unwrap_or_else(|e| panic!("{what} request {index}: {e}"));
        assert_eq!(found.decision, before.decision, "{what} request {index}");
        assert!(found.evaluations <= MAX_EVALUATIONS);
        for cf in &found.list {
            check_one(
                engine,
                index,
                cf,
                &before,
                &format!("{what} request {index}"),
            );
            checked += 1;
            resources += usize::from(matches!(cf.change, Change::Resource { .. }));
        }
    }
    (checked, resources)
}

fn check_one(engine: &Engine, index: usize, cf: &Counterfactual, before: &Response, what: &str) {
    let after = apply(engine, index, &cf.change);
    let context = format!("{what}: {}", cf.sentence);
    assert_eq!(after.decision, cf.decision, "{context}");
    assert_eq!(labels(&after.deciding), labels(&cf.deciding), "{context}");
    assert_eq!(
        after.blocked_by.as_ref().map(|b| b.policy_type),
        cf.blocked_by.as_ref().map(|b| b.policy_type),
        "{context}"
    );
    let changes_what_blocks = matches!(cf.change, Change::AddPolicy { .. })
        && after.blocked_by.as_ref().map(|b| b.policy_type)
            != before.blocked_by.as_ref().map(|b| b.policy_type);
    assert!(
        after.decision != before.decision || changes_what_blocks,
        "{context}: the decision stays {:?}",
        before.decision
    );
    assert!(cf.sentence.ends_with('.'), "{context}");
}

#[test]
fn every_counterfactual_of_the_examples_and_cases_gives_its_decision() {
    let mut checked = 0;
    let mut resources = 0;
    let mut files = json_files("examples");
    files.extend(json_files("tests/cases"));
    for path in &files {
        let text = fs::read_to_string(path).expect("the file reads");
        let Ok(engine) = Engine::load(&text, Box::new(SeedCatalog)) else {
            continue;
        };
        let (all, other_resources) = check_all_counting(&engine, &path.display().to_string());
        checked += all;
        resources += other_resources;
    }
    assert!(checked > 100, "only {checked} counterfactuals were found");
    assert!(
        resources > 10,
        "only {resources} other resources were found"
    );
}

fn seed() -> Engine {
    Engine::load(SEED, Box::new(SeedCatalog)).unwrap_or_else(|p| panic!("the seed loads: {p:?}"))
}

#[test]
fn the_seed_row_1_flips_with_mfa_or_without_the_deny() {
    let engine = seed();
    let found = engine.counterfactuals_saved(0).expect("row 1 resolves");
    assert_eq!(found.decision, Decision::ExplicitDeny);
    assert!(!found.capped);
    let mfa = found
        .list
        .iter()
        .find(|c| matches!(c.change, Change::Context { .. }))
        .expect("a context counterfactual");
    let Change::Context { set, remove } = &mfa.change else {
        unreachable!()
    };
    assert!(remove.is_empty());
    let keys: Vec<(&str, &ContextValue)> = set.iter().map(|s| (s.key.as_str(), &s.value)).collect();
    assert_eq!(
        keys,
        [
            (
                "aws:MultiFactorAuthPresent",
                &ContextValue::Single(Scalar::Bool(true))
            ),
            (
                "aws:MultiFactorAuthAge",
                &ContextValue::Single(Scalar::Number(60.0))
            ),
        ]
    );
    assert_eq!(mfa.decision, Decision::Allowed);
    assert_eq!(
        mfa.sentence,
        "With `aws:MultiFactorAuthPresent` = true and `aws:MultiFactorAuthAge` = 60, \
         this request is allowed by AmazonEC2FullAccess › statement 1."
    );
    let removal = found
        .list
        .iter()
        .find(|c| matches!(c.change, Change::RemoveStatements { .. }))
        .expect("a removal counterfactual");
    assert_eq!(removal.decision, Decision::Allowed);
    assert_eq!(
        removal.sentence,
        "Without the statement Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd, \
         this request is allowed by AmazonEC2FullAccess › statement 1."
    );
    // mfa-user-2 is in the same groups: the same decision, no principal change.
    assert!(
        !found
            .list
            .iter()
            .any(|c| matches!(c.change, Change::Principal { .. }))
    );
}

#[test]
fn an_allowed_request_with_mfa_is_denied_without_it() {
    let engine = seed();
    let found = engine.counterfactuals_saved(1).expect("row 2 resolves");
    assert_eq!(found.decision, Decision::Allowed);
    let sentences: Vec<&str> = found.list.iter().map(|c| c.sentence.as_str()).collect();
    assert!(
        sentences.contains(
            &"With `aws:MultiFactorAuthPresent` = false and without `aws:MultiFactorAuthAge`, \
              this request is explicitly denied by Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd."
        ),
        "{sentences:#?}"
    );
}

#[test]
fn an_implicit_deny_is_allowed_by_the_smallest_statement() {
    let text = r#"{
      "policies": [{"name": "Read", "document": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
      "users": [{"name": "ana", "managedPolicies": ["Read"]},
                {"name": "bob", "inlinePolicies": [{"name": "All", "document": {"Version": "2012-10-17",
                  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}],
      "requests": [{"principal": "ana", "action": "s3:PutObject", "resource": "arn:aws:s3:::b/k"}]
    }"#;
    let engine = Engine::load(text, Box::new(SeedCatalog)).expect("it loads");
    let found = engine.counterfactuals_saved(0).expect("it resolves");
    let sentences: Vec<&str> = found.list.iter().map(|c| c.sentence.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "With an Allow of `s3:PutObject` on `arn:aws:s3:::b/k` in a new inline policy \
             `AllowS3PutObject` of user `ana`, this request is allowed by AllowS3PutObject › statement 1.",
            "As user `bob`, this request is allowed by All › statement 1.",
        ]
    );
    check_all(&engine, "inline");
}

// The seed's row 2 is allowed by AmazonEC2FullAccess, which a user
// cannot edit: detaching it from the group is the policy change offered.
#[test]
fn an_aws_managed_allow_is_detached_not_edited() {
    let engine = seed();
    let found = engine.counterfactuals_saved(1).expect("row 2 resolves");
    assert_eq!(found.decision, Decision::Allowed);
    let detach = found
        .list
        .iter()
        .find(|c| matches!(c.change, Change::Detach { .. }))
        .expect("a detachment");
    let Change::Detach { attachments } = &detach.change else {
        unreachable!()
    };
    assert_eq!(attachments.len(), 1);
    assert_eq!(
        attachments[0].owner(),
        Owner::Group("EC2_Full_Access".to_owned())
    );
    assert_eq!(detach.decision, Decision::ImplicitDeny);
    assert!(
        detach
            .sentence
            .starts_with("With `AmazonEC2FullAccess` detached from group `EC2_Full_Access`, this request is implicitly denied"),
        "{}",
        detach.sentence
    );
    assert!(
        !found
            .list
            .iter()
            .any(|c| matches!(c.change, Change::RemoveStatements { .. }))
    );
    check_all(&engine, "seed");
}

/// The sentences of saved request `index`'s counterfactuals that change
/// the resource, with the engine's checks.
fn resource_sentences(engine: &Engine, index: usize) -> Vec<String> {
    let found = engine.counterfactuals_saved(index).expect("it resolves");
    check_all(engine, "resources");
    found
        .list
        .iter()
        .filter(|c| matches!(c.change, Change::Resource { .. }))
        .map(|c| c.sentence.clone())
        .collect()
}

// An Allow on bucket-a's objects and a request for bucket-b's: the same
// object key in bucket-a is allowed, listed after the added policy.
#[test]
fn another_bucket_the_allow_covers_is_allowed() {
    let text = r#"{
      "policies": [{"name": "Read", "document": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-a/*"}]}}],
      "users": [{"name": "ana", "managedPolicies": ["Read"]}],
      "requests": [{"principal": "ana", "action": "s3:GetObject",
                    "resource": "arn:aws:s3:::bucket-b/reports/q1.csv"}]
    }"#;
    let engine = Engine::load(text, Box::new(SeedCatalog)).expect("it loads");
    let found = engine.counterfactuals_saved(0).expect("it resolves");
    assert_eq!(found.decision, Decision::ImplicitDeny);
    let last = found.list.last().expect("counterfactuals");
    assert_eq!(
        last.change,
        Change::Resource {
            arn: "arn:aws:s3:::bucket-a/reports/q1.csv".to_owned()
        }
    );
    assert_eq!(last.decision, Decision::Allowed);
    assert_eq!(
        last.sentence,
        "On resource `arn:aws:s3:::bucket-a/reports/q1.csv`, this request is allowed by Read › statement 1."
    );
    assert!(matches!(found.list[0].change, Change::AddPolicy { .. }));
    assert!(!found.capped);
    check_all(&engine, "bucket-a");
}

// The seed's row 5: changing another user's password is implicitly
// denied; the caller's own user is the resource the Allow names
// (`user/${aws:username}`).
#[test]
fn the_seed_row_5_is_allowed_on_the_callers_own_user() {
    assert_eq!(
        resource_sentences(&seed(), 4),
        [
            "On resource `arn:aws:iam::111122223333:user/mfa-user-1`, this request is allowed by \
          Force_MFA › AllowIndividualUserToSeeTheirAccountInformation."
        ]
    );
}

// The seed's row 8: `iam:ListUsers` on `*` is implicitly denied, since
// the Allow names `user/*` (the gotcha the row teaches). With the
// catalog, which knows that `iam:ListUsers` supports only `*`, no other
// resource is offered: the Allow never applies to it. Without it, the
// user the Allow names is.
#[test]
fn the_seed_row_8_gets_no_user_when_the_catalog_knows_the_action() {
    let expected: &[&str] = if cfg!(feature = "catalog") {
        &[]
    } else {
        &[
            "On resource `arn:aws:iam::111122223333:user/example`, this request is allowed by \
           Force_MFA › AllowAllUsersToListAccounts.",
        ]
    };
    assert_eq!(resource_sentences(&seed(), 7), expected);
}

// A Deny of everything but the public bucket: its NotResource is the way out.
#[test]
fn a_deny_with_not_resource_spares_the_resource_it_names() {
    let text = r#"{
      "policies": [{"name": "OnlyPublic", "document": {"Version": "2012-10-17", "Statement": [
        {"Sid": "All", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Sid": "NotElsewhere", "Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::public/*"}]}}],
      "users": [{"name": "ana", "managedPolicies": ["OnlyPublic"]}],
      "requests": [{"principal": "ana", "action": "s3:PutObject", "resource": "arn:aws:s3:::private/k"}]
    }"#;
    let engine = Engine::load(text, Box::new(SeedCatalog)).expect("it loads");
    assert_eq!(
        resource_sentences(&engine, 0),
        ["On resource `arn:aws:s3:::public/k`, this request is allowed by OnlyPublic › All."]
    );
}

// Removing a policy's only statement leaves a policy with an empty
// Statement list, which IAM does not accept: the counterfactual deletes
// the policy, and its sentence says so.
#[test]
fn removing_the_only_statement_says_the_policy_goes_too() {
    let text = r#"{
      "policies": [{"name": "ReadReports", "document": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}}],
      "users": [{"name": "alice", "managedPolicies": ["ReadReports"]}],
      "requests": [{"principal": "alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/q1.csv"}]
    }"#;
    let engine = Engine::load(text, Box::new(SeedCatalog)).expect("it loads");
    let found = engine
        .counterfactuals_saved(0)
        .expect("the request resolves");
    let removal = found
        .list
        .iter()
        .find(|c| matches!(c.change, Change::RemoveStatements { .. }))
        .expect("a removal counterfactual");
    assert_eq!(removal.decision, Decision::ImplicitDeny);
    assert!(
        removal.sentence.starts_with(
            "Without the statement ReadReports › statement 1 \
             (which leaves the policy `ReadReports` with no statement, so it is deleted too), \
             this request is implicitly denied"
        ),
        "{}",
        removal.sentence
    );
}

// A bucket policy of the workspace that alone allows the caller: its
// bucket is a resource to try, though no policy of the caller names it.
// A role's trust policy is the resource-based policy of `sts:AssumeRole`.
#[test]
fn the_resources_of_resource_based_policies_are_tried() {
    let text = r#"{
      "users": [{"name": "ana"}],
      "roles": [{"name": "Auditor", "trustPolicy": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ana"}, "Action": "sts:AssumeRole"}]}}],
      "resources": [{"name": "shared bucket", "arns": ["arn:aws:s3:::shared", "arn:aws:s3:::shared/*"],
        "policy": {"Version": "2012-10-17", "Statement": [
          {"Sid": "AnaReads", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ana"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*"}]}}],
      "requests": [
        {"principal": "ana", "action": "s3:GetObject", "resource": "arn:aws:s3:::private/k"},
        {"principal": "ana", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/Other"}]
    }"#;
    let engine = Engine::load(text, Box::new(SeedCatalog)).expect("it loads");
    assert_eq!(
        resource_sentences(&engine, 0),
        [
            "On resource `arn:aws:s3:::shared/k`, this request is allowed by shared bucket › AnaReads."
        ]
    );
    assert_eq!(
        resource_sentences(&engine, 1),
        [
            "On resource `arn:aws:iam::111122223333:role/Auditor`, this request is allowed by \
          Auditor trust policy › statement 1."
        ]
    );
}

// Twenty buckets, each allowed only from an address the request does not
// come from: half the budget goes to them, and the search says it stopped.
#[test]
fn the_resources_tried_are_capped_and_it_says_so() {
    let statements: Vec<Value> = (0..20)
        .map(|i| {
            json!({"Effect": "Allow", "Action": "s3:GetObject",
                   "Resource": format!("arn:aws:s3:::bucket-{i}/*"),
                   "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}})
        })
        .collect();
    let text = json!({
        "policies": [{"name": "Many", "document": {"Version": "2012-10-17", "Statement": statements}}],
        "users": [{"name": "ana", "managedPolicies": ["Many"]}],
        "requests": [{"principal": "ana", "action": "s3:GetObject", "resource": "arn:aws:s3:::other/k",
                      "context": {"aws:SourceIp": "192.0.2.1"}}]
    })
    .to_string();
    let engine = Engine::load(&text, Box::new(SeedCatalog)).expect("it loads");
    let found = engine.counterfactuals_saved(0).expect("it resolves");
    assert!(found.capped);
    assert_eq!(found.evaluations, 1 + MAX_RESOURCE_TRIES);
    assert!(
        found
            .list
            .iter()
            .all(|c| !matches!(c.change, Change::Resource { .. }))
    );
}

/// A small xorshift generator: the same workspaces on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const ACTIONS: [&str; 5] = [
    "s3:GetObject",
    "s3:PutObject",
    "ec2:RunInstances",
    "iam:ChangePassword",
    "sts:GetCallerIdentity",
];
const ACTION_PATTERNS: [&str; 6] = ["*", "s3:*", "s3:GetObject", "ec2:*", "iam:*", "s3:Put*"];
const RESOURCES: [&str; 3] = [
    "arn:aws:s3:::b/k",
    "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
    "*",
];
const RESOURCE_PATTERNS: [&str; 4] = ["*", "arn:aws:s3:::b/*", "arn:aws:ec2:*", "arn:aws:s3:::c/*"];

fn condition(rng: &mut Rng) -> Value {
    let conditions = [
        json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
        json!({"Bool": {"aws:MultiFactorAuthPresent": "false"}}),
        json!({"Null": {"aws:MultiFactorAuthAge": "true"}}),
        json!({"Null": {"aws:SourceIp": "false"}}),
        json!({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}),
        json!({"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": "300"}}),
        json!({"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}),
        json!({"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}),
        json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        json!({"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}),
        json!({"ForAnyValue:StringLike": {"aws:TagKeys": "team-*"}}),
        json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}),
        json!({"StringLikeIfExists": {"s3:prefix": "home/*"}}),
        json!({"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}),
        json!({"StringEquals": {"aws:username": "u1"}}),
        json!({"StringEquals": {"aws:PrincipalTag/team": "blue"}}),
    ];
    rng.pick(&conditions).clone()
}

fn statement(rng: &mut Rng) -> Value {
    let mut s = json!({
        "Effect": if rng.chance(30) { "Deny" } else { "Allow" },
        (if rng.chance(15) { "NotAction" } else { "Action" }): *rng.pick(&ACTION_PATTERNS),
        "Resource": *rng.pick(&RESOURCE_PATTERNS),
    });
    if rng.chance(60) {
        let mut c = condition(rng);
        if rng.chance(30)
            && let (Some(map), Value::Object(more)) = (c.as_object_mut(), condition(rng))
        {
            for (k, v) in more {
                map.entry(k).or_insert(v);
            }
        }
        s["Condition"] = c;
    }
    s
}

fn policy(rng: &mut Rng) -> Value {
    let n = 1 + rng.below(3);
    json!({"Version": "2012-10-17", "Statement": (0..n).map(|_| statement(rng)).collect::<Vec<_>>()})
}

fn context(rng: &mut Rng) -> Value {
    let mut c = serde_json::Map::new();
    if rng.chance(50) {
        let mfa = rng.chance(50);
        c.insert("aws:MultiFactorAuthPresent".into(), json!(mfa));
        if mfa && rng.chance(70) {
            c.insert(
                "aws:MultiFactorAuthAge".into(),
                json!(*rng.pick(&[30, 600, 7200])),
            );
        }
    }
    if rng.chance(40) {
        c.insert(
            "aws:RequestedRegion".into(),
            json!(*rng.pick(&["eu-west-1", "us-east-1", "ap-south-1"])),
        );
    }
    if rng.chance(40) {
        c.insert(
            "aws:SourceIp".into(),
            json!(*rng.pick(&["203.0.113.9", "192.0.2.4"])),
        );
    }
    if rng.chance(30) {
        c.insert(
            "aws:TagKeys".into(),
            json!(*rng.pick(&[&["team-a"][..], &["env", "x"], &[]])),
        );
    }
    Value::Object(c)
}

fn workspace(rng: &mut Rng) -> String {
    let request = |rng: &mut Rng| {
        let principal = if rng.chance(25) {
            json!({"role": "r1"})
        } else {
            json!(*rng.pick(&["u1", "u2"]))
        };
        json!({
            "principal": principal,
            "action": *rng.pick(&ACTIONS),
            "resource": *rng.pick(&RESOURCES),
            "context": context(rng),
        })
    };
    let mut u2 = json!({"name": "u2", "groups": ["g1"], "tags": {"team": "blue"}});
    if rng.chance(40) {
        u2["permissionsBoundary"] = json!("Boundary");
    }
    let ws = json!({
        "policies": [
            {"name": "P1", "document": policy(rng)},
            {"name": "P2", "document": policy(rng)},
            {"name": "Boundary", "document": policy(rng)},
        ],
        "groups": [{"name": "g1", "managedPolicies": ["P1"]}],
        "users": [
            {"name": "u1", "groups": ["g1"], "inlinePolicies": [{"name": "Own", "document": policy(rng)}]},
            u2,
        ],
        "roles": [{"name": "r1", "managedPolicies": ["P2"]}],
        // A bucket whose policy reads for u2 and refuses uploads: another
        // resource with a policy of its own.
        "resources": [{"name": "c bucket", "arns": ["arn:aws:s3:::c", "arn:aws:s3:::c/*"],
          "policy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/u2"},
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::c/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
             "Resource": "arn:aws:s3:::c/*"}]}}],
        "requests": (0..4).map(|_| request(rng)).collect::<Vec<_>>(),
    });
    ws.to_string()
}

#[test]
fn every_counterfactual_of_random_workspaces_gives_its_decision() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    let mut resources = 0;
    for round in 0..300 {
        let text = workspace(&mut rng);
        let engine = Engine::load(&text, Box::new(SeedCatalog))
            .unwrap_or_else(|p| panic!("workspace {round} loads: {p:?}\n{text}"));
        let (all, other_resources) =
            check_all_counting(&engine, &format!("random workspace {round}: {text}\n"));
        checked += all;
        resources += other_resources;
    }
    assert!(checked > 300, "only {checked} counterfactuals were found");
    assert!(
        resources > 30,
        "only {resources} other resources were found"
    );
}
