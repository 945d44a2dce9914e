//! Where `iamplay eval` locates things (issue 11): a problem of a document
//! written in the workspace file as a JSON object is printed at its place
//! in the file; one of a document written as a string, in that document's
//! own text after "in the document of `X`:". Statements in the
//! explanation carry their line in the file the same way.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

/// A file in this test's scratch directory.
fn scratch(name: &str, text: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path.display().to_string()
}

/// `Object` is written as an object (its statement on line 5 of the
/// file), `Text` as a string (its statement on line 2 of its own text).
/// Both name an action the catalog lacks (a lint finding; the policies
/// still evaluate).
const WORKSPACE: &str = r#"{
  "policies": [
    {"name": "Object", "document": {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*"}]}},
    {"name": "Text", "document": "{\"Version\": \"2012-10-17\",\n\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObjekt\", \"s3:PutObject\"], \"Resource\": \"*\"}]}"}
  ],
  "users": [{"name": "ana", "managedPolicies": ["Object", "Text", "Missing"]}],
  "requests": [
    {"principal": {"user": "ana"}, "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
     "expect": {"decision": "Allowed"}},
    {"principal": {"user": "bob"}, "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}
  ]
}
"#;

#[test]
fn problems_are_placed_in_the_file_or_in_their_document() {
    let path = scratch("placed.json", WORKSPACE);
    let out = iamplay(&["eval", &path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{path}:5:68: error: unknown action `s3:GetObjekt` [unknown-action]"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "in the document of `Text`:\n{path} (Text):2:46: error: unknown action `s3:GetObjekt` [unknown-action]"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{path}: warning: managed policy `Missing` is neither in the workspace nor an AWS managed policy [unresolved-reference]"
        )),
        "{err}"
    );

    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("● statement 1 (Allow, line 5) [deciding]"),
        "{text}"
    );
    assert!(text.contains("✗ statement 1 (Allow, line 2)"), "{text}");
    // Request 2 names a user the workspace lacks: it is not evaluated,
    // and the command exits 1.
    assert!(
        text.contains("request 2: error: there is no user `bob` in the workspace"),
        "{text}"
    );
    assert!(
        text.ends_with("2 request(s): 1 as expected, 1 not as expected, 0 without expectation\n"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_policy_that_does_not_parse_exits_2() {
    let path = scratch(
        "unparsable-policy.json",
        "{\n  \"policies\": [{\"name\": \"P\", \"document\": {\"Statement\": [{\"Effect\": \"Permit\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}}]\n}\n",
    );
    let out = iamplay(&["eval", &path]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{path}:2:")), "{err}");
    assert!(err.contains(": error: "), "{err}");
}

#[test]
fn there_is_no_request_past_the_last_and_it_exits_2() {
    let path = scratch("two-requests.json", WORKSPACE);
    let out = iamplay(&["eval", &path, "--request", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().last(),
        Some("iamplay: the workspace has 2 request(s); there is no request 3")
    );
}
