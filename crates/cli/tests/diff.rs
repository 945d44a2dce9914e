//! `iamplay diff` (issue 15): dropping the seed's `Force_MFA` Deny gains
//! every `ec2:*` action for both users (exit 1); renaming its Sid changes
//! no decision (exit 0). `iamplay eval --why` prints the counterfactuals,
//! another resource among them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .current_dir(repository())
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed with its `Force_MFA` policy changed by `edit`, written in
/// this test's scratch directory as `name`.
fn seed_with(name: &str, edit: impl FnOnce(&mut Vec<Value>)) -> String {
    let text =
        fs::read_to_string(repository().join("examples/force-mfa.json")).expect("the seed reads");
    let mut seed: Value = serde_json::from_str(&text).expect("the seed is JSON");
    let statements = seed["policies"][0]["document"]["Statement"]
        .as_array_mut()
        .expect("Force_MFA has a list of statements");
    edit(statements);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&path, seed.to_string()).expect("the scratch file is written");
    path.display().to_string()
}

#[test]
fn dropping_the_force_mfa_deny_gains_access_and_exits_1() {
    let after = seed_with("diff-drop-deny.json", |statements| {
        statements.retain(|s| s["Effect"] != "Deny");
    });
    let out = iamplay(&[
        "diff",
        "examples/force-mfa.json",
        &after,
        "--actions",
        "ec2:*",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    let actions = report["actions"].as_u64().expect("a count of actions");
    assert!(
        actions > 500,
        "ec2:* expands to every EC2 action: {actions}"
    );
    // Every ec2 action of both users, and nothing else.
    assert_eq!(report["gained"].as_u64(), Some(2 * actions));
    assert_eq!(report["lost"].as_u64(), Some(0));
    let cells = report["cells"].as_array().expect("cells");
    assert!(cells.iter().all(|c| c["change"] == "gained"
        && c["before"] == "ExplicitDeny"
        && c["after"] == "Allowed"
        && c["action"].as_str().is_some_and(|a| a.starts_with("ec2:"))));
    assert!(
        cells
            .iter()
            .any(|c| c["principal"]["name"] == "mfa-user-1"
                && c["action"] == "ec2:DescribeInstances")
    );

    let text = iamplay(&[
        "diff",
        "examples/force-mfa.json",
        &after,
        "--actions",
        "ec2:RunInstances",
    ]);
    assert_eq!(text.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains("gained  user mfa-user-1  ec2:RunInstances  explicit deny → allowed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 principal(s) × 1 action(s) on `*`: 2 gained, 0 lost"),
        "{stdout}"
    );
}

#[test]
fn renaming_a_sid_changes_nothing_and_exits_0() {
    let after = seed_with("diff-rename-sid.json", |statements| {
        statements[4]["Sid"] = Value::from("DenyWithoutMfa");
    });
    let out = iamplay(&[
        "diff",
        "examples/force-mfa.json",
        &after,
        "--actions",
        "ec2:*",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(": 0 gained, 0 lost, 0 other change(s)"),
        "{stdout}"
    );
    // Without --actions: every action the policies name.
    let out = iamplay(&["diff", "examples/force-mfa.json", &after]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn losing_access_exits_0_and_bad_input_exits_2() {
    // Before: the Deny dropped; after: the seed. Access is lost, not gained.
    let before = seed_with("diff-lose.json", |statements| {
        statements.retain(|s| s["Effect"] != "Deny");
    });
    let out = iamplay(&[
        "diff",
        &before,
        "examples/force-mfa.json",
        "--actions",
        "ec2:Describe*",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("lost "));
    let missing = iamplay(&["diff", "examples/force-mfa.json", "no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let pattern = iamplay(&[
        "diff",
        "examples/force-mfa.json",
        "examples/force-mfa.json",
        "--actions",
        "nosuchservice:*",
    ]);
    assert_eq!(pattern.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&pattern.stderr).contains("`nosuchservice:*` matches no action")
    );
    let who = iamplay(&[
        "diff",
        "examples/force-mfa.json",
        "examples/force-mfa.json",
        "--principals",
        "nobody",
    ]);
    assert_eq!(who.status.code(), Some(2));
    let usage = iamplay(&["diff", "examples/force-mfa.json"]);
    assert_eq!(usage.status.code(), Some(2));
    let help = iamplay(&["diff", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("resource `*`"));
}

#[test]
fn eval_why_prints_what_would_change_each_decision() {
    let out = iamplay(&["eval", "examples/force-mfa.json", "--request", "1", "--why"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "  what would change it:\n    - With `aws:MultiFactorAuthPresent` = true and \
             `aws:MultiFactorAuthAge` = 60, this request is allowed by AmazonEC2FullAccess › statement 1.\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains(
        "    - Without the statement Force_MFA › DoNotAllowAnythingOtherThanAboveUnlessMFAd, \
         this request is allowed by AmazonEC2FullAccess › statement 1.\n"
    ));
    let json = iamplay(&[
        "eval",
        "examples/force-mfa.json",
        "--request",
        "1",
        "--why",
        "--json",
    ]);
    let results: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let found = &results[0]["counterfactuals"];
    assert_eq!(found["decision"], "ExplicitDeny");
    assert_eq!(found["list"][0]["change"]["kind"], "context");
    assert_eq!(found["list"][1]["change"]["kind"], "remove_statements");
    // Without --why, no counterfactuals.
    let plain = iamplay(&[
        "eval",
        "examples/force-mfa.json",
        "--request",
        "1",
        "--json",
    ]);
    let results: Value = serde_json::from_slice(&plain.stdout).expect("JSON");
    assert!(results[0].get("counterfactuals").is_none());
}

#[test]
fn eval_why_prints_another_resource() {
    // Row 5: mfa-user-1 changing mfa-user-2's password; the Allow names
    // the caller's own user (`user/${aws:username}`).
    let out = iamplay(&["eval", "examples/force-mfa.json", "--request", "5", "--why"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "    - On resource `arn:aws:iam::111122223333:user/mfa-user-1`, this request is allowed by \
             Force_MFA › AllowIndividualUserToSeeTheirAccountInformation.\n\n"
        ),
        "{stdout}"
    );
    let json = iamplay(&[
        "eval",
        "examples/force-mfa.json",
        "--request",
        "5",
        "--why",
        "--json",
    ]);
    let results: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let list = results[0]["counterfactuals"]["list"]
        .as_array()
        .expect("a list");
    let last = list.last().expect("counterfactuals");
    assert_eq!(
        last["change"],
        serde_json::json!({"kind": "resource", "arn": "arn:aws:iam::111122223333:user/mfa-user-1"})
    );
    assert_eq!(last["decision"], "Allowed");
    // Row 8: `iam:ListUsers` supports only `*`: no other resource.
    let out = iamplay(&["eval", "examples/force-mfa.json", "--request", "8", "--why"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("what would change it:"), "{stdout}");
    assert!(!stdout.contains("On resource"), "{stdout}");
}

#[test]
fn eval_why_offers_to_detach_an_aws_managed_policy() {
    // Row 2 is allowed by AmazonEC2FullAccess, which cannot be edited.
    let out = iamplay(&["eval", "examples/force-mfa.json", "--request", "2", "--why"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "    - With `AmazonEC2FullAccess` detached from group `EC2_Full_Access`, this request is \
             implicitly denied: no statement in the identity-based policies allows the request.\n"
        ),
        "{stdout}"
    );
}
