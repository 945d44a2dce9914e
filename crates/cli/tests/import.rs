//! `iamplay import-aws` and `iamplay fmt`, run through the binary: the
//! imported fixture (`tests/fixtures/authorization-details.json`) is a
//! workspace that loads and evaluates, what was skipped goes to stderr,
//! `fmt` keeps what a workspace says, and malformed input exits 2 with
//! `file:line:column`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use iamplay_core::workspace::{Workspace, load_workspace};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture() -> String {
    repository()
        .join("tests/fixtures/authorization-details.json")
        .display()
        .to_string()
}

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file in this test's scratch directory.
fn scratch(name: &str, text: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path.display().to_string()
}

fn load(text: &str) -> Workspace {
    load_workspace(text)
        .workspace
        .unwrap_or_else(|| panic!("not a workspace:\n{text}"))
}

#[test]
fn import_aws_prints_the_workspace_and_the_skipped_list() {
    let out = iamplay(&["import-aws", &fixture()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ws = load(&stdout(&out));
    assert_eq!(ws.account, "444455556666");
    assert_eq!(ws.users.len(), 2);
    assert_eq!(ws.roles.len(), 1);
    let notes = stderr(&out);
    assert!(
        notes.contains("authorization-details.json: note: skipped 1 instance profile of role `web`: `web-instance-profile`"),
        "{notes}"
    );
    assert!(notes.contains("skipped the non-default versions of 3 policies"));
    assert!(notes.contains(
        "policy `CloudWatchAgentServerPolicy` is attached but its document is not in the file"
    ));
    assert_eq!(notes.lines().count(), 6, "{notes}");
}

#[test]
fn import_aws_writes_to_the_output_file_and_the_result_evaluates() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("imported.json");
    let path = path.display().to_string();
    let out = iamplay(&["import-aws", &fixture(), "-o", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let written = fs::read_to_string(&path).expect("the output file is written");
    // Every document is written as a JSON object, not as a string.
    assert!(!written.contains("\"document\": \"{"), "{written}");
    let mut text = written.clone();
    // Add a request that the import alone decides: the role's boundary
    // blocks what DeployArtifacts allows
    // (access_policies_boundaries.md#access_policies_boundaries-eval-logic).
    let request = r#"
  "requests": [
    {
      "principal": {"role": "web", "session": "i-0abc"},
      "action": "s3:PutObject",
      "resource": "arn:aws:s3:::payments-artifacts/releases/1.zip",
      "expect": {"decision": "ImplicitDeny", "blockedBy": "permissions boundary"}
    }
  ]
}
"#;
    let end = text.trim_end().len().saturating_sub(1);
    text.truncate(end);
    text = text.trim_end().to_owned() + "," + request;
    let with_request = scratch("imported-with-request.json", &text);
    let eval = iamplay(&["eval", &with_request]);
    assert_eq!(
        eval.status.code(),
        Some(0),
        "{}{}",
        stdout(&eval),
        stderr(&eval)
    );
    // The AWS managed policies referenced by ARN are in the catalog.
    assert!(!stderr(&eval).contains("warning"), "{}", stderr(&eval));
}

#[test]
fn malformed_details_exit_2_with_file_line_and_column() {
    let path = scratch(
        "malformed-details.json",
        "{\n  \"UserDetailList\": [\n    {\"UserName\": 7}\n  ]\n}\n",
    );
    let out = iamplay(&["import-aws", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{path}:3:18: error: `UserName` of a user must be a string, found a number"
        )),
        "{err}"
    );

    let path = scratch("truncated-details.json", "{\"UserDetailList\": [");
    let out = iamplay(&["import-aws", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{path}:1:")),
        "{}",
        stderr(&out)
    );

    let out = iamplay(&["import-aws"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`import-aws` needs"));
}

#[test]
fn fmt_keeps_what_the_seed_workspace_says_and_is_idempotent() {
    let seed = repository().join("examples/force-mfa.json");
    let original = fs::read_to_string(&seed).expect("the seed example");
    let out = iamplay(&["fmt", &seed.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let formatted = stdout(&out);
    let (mut a, mut b) = (load(&original), load(&formatted));
    // Documents sit at the same place in both files, so even their text is
    // unchanged; only file offsets differ.
    for p in a.policies.iter_mut().chain(b.policies.iter_mut()) {
        p.document.file_offset = None;
    }
    assert_eq!(a, b);
    // The formatted seed still gives its 14 expected decisions
    // (/work/shared/scenarios/README.md).
    let path = scratch("force-mfa-formatted.json", &formatted);
    let eval = iamplay(&["eval", &path]);
    assert_eq!(eval.status.code(), Some(0), "{}", stdout(&eval));
    assert!(
        stdout(&eval).contains("14 as expected"),
        "{}",
        stdout(&eval)
    );
    let again = iamplay(&["fmt", &path]);
    assert_eq!(stdout(&again), formatted);
}

#[test]
fn fmt_of_a_malformed_workspace_exits_2_with_file_line_and_column() {
    let path = scratch(
        "malformed-workspace.json",
        "{\n  \"users\": [{\"name\": \"a\", \"grups\": []}]\n}\n",
    );
    let out = iamplay(&["fmt", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains(&format!(
            "{path}:2:27: error: unknown key `grups` in a user"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_usage_lists_the_new_commands() {
    let out = iamplay(&["--help"]);
    let usage = stdout(&out);
    assert!(usage.contains("iamplay import-aws DETAILS.json [-o WORKSPACE.json]"));
    assert!(usage.contains("iamplay fmt WORKSPACE.json"));
}

/// A blank `UserName` is not AWS's output: the import refuses it at its
/// place instead of writing a workspace that `iamplay eval` refuses.
#[test]
fn a_blank_user_name_exits_2_at_its_place() {
    let path = scratch(
        "blank-user-name.json",
        "{\n  \"UserDetailList\": [\n    {\"UserName\": \"\"}\n  ]\n}\n",
    );
    let out = iamplay(&["import-aws", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains(&format!(
            "{path}:3:18: error: `UserName` of a user must not be empty [empty-name]"
        )),
        "{}",
        stderr(&out)
    );
}
