//! Each command's `--help` (and `iamplay help COMMAND`) prints that
//! command's usage with its exit statuses and exits 0 (issue 11); `iamplay
//! validate` exits 0 without an error-level finding, 1 with one, 2 when
//! the file cannot be read or is not JSON (issue 12).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

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

const COMMANDS: [&str; 4] = ["eval", "validate", "import-aws", "fmt"];

#[test]
fn every_command_prints_its_own_usage_for_help_and_exits_0() {
    for command in COMMANDS {
        let help = iamplay(&[command, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{command}: {}", stderr(&help));
        assert_eq!(stderr(&help), "", "{command}");
        let usage = stdout(&help);
        assert!(
            usage.starts_with(&format!("usage: iamplay {command} ")),
            "{command}: {usage}"
        );
        assert!(usage.contains("exit status:"), "{command}: {usage}");
        for other in COMMANDS.iter().filter(|c| **c != command) {
            assert!(
                !usage.contains(&format!("iamplay {other} ")),
                "{command}'s usage tells of {other}: {usage}"
            );
        }
        // The same text by `-h`, by `help COMMAND`, and after arguments.
        assert_eq!(stdout(&iamplay(&[command, "-h"])), usage);
        assert_eq!(stdout(&iamplay(&["help", command])), usage);
        assert_eq!(stdout(&iamplay(&[command, "x.json", "--help"])), usage);
    }
}

#[test]
fn the_usage_tells_every_exit_status() {
    let out = iamplay(&["help"]);
    assert_eq!(out.status.code(), Some(0));
    let usage = stdout(&out);
    for status in ["  0  ", "  1  ", "  2  ", "  3  ", "  141  "] {
        assert!(usage.contains(status), "no `{status}` in {usage}");
    }
    let validate = stdout(&iamplay(&["validate", "--help"]));
    assert!(validate.contains("  1    at least one error-level finding"));
}

#[test]
fn a_wrong_command_line_exits_2_with_that_command_s_usage() {
    let out = iamplay(&["fmt", "w.json", "--kind", "scp"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("iamplay: unknown option `--kind`\n\nusage: iamplay fmt "),
        "{err}"
    );
    let out = iamplay(&["help", "evaluate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("iamplay: unknown command `evaluate`"));
}

/// `iamplay validate FILE` (text and JSON): its exit status, standard
/// output and standard error.
fn validate(name: &str, text: &str) -> (Option<i32>, String, String) {
    let path = scratch(name, text);
    let out = iamplay(&["validate", &path]);
    let json = iamplay(&["validate", &path, "--format", "json"]);
    assert_eq!(json.status.code(), out.status.code(), "{name} as JSON");
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn validate_exits_0_without_an_error_level_finding() {
    let (status, out, err) = validate(
        "clean.json",
        r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    );
    assert_eq!(status, Some(0), "{err}");
    assert!(out.ends_with(": 0 error(s), 0 other finding(s)\n"), "{out}");

    // A warning alone: `Version` missing makes variables literal
    // (reference_policies_elements_version.md).
    let (status, out, err) = validate(
        "warning.json",
        r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}"#,
    );
    assert_eq!(status, Some(0), "{err}");
    assert!(out.contains(": 0 error(s), "), "{out}");
    assert!(!out.contains(" 0 other finding(s)"), "{out}{err}");
}

#[test]
fn validate_exits_1_on_an_error_level_finding() {
    // A lint error: `NumericLessThan` on a Bool key
    // (reference_policies_elements_condition_operators.md).
    let (status, out, err) = validate(
        "lint-error.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
            "Resource": "*", "Condition": {"NumericLessThan": {"aws:SecureTransport": "1"}}}]}"#,
    );
    assert_eq!(status, Some(1), "{out}{err}");
    assert!(out.contains(": 1 error(s)"), "{out}");
    assert!(err.contains("[operator-type-mismatch]"), "{err}");

    // A grammar error: AWS rejects an Effect other than Allow or Deny
    // (reference_policies_elements_effect.md).
    let (status, _, err) = validate(
        "grammar-error.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    );
    assert_eq!(status, Some(1), "{err}");
    assert!(err.contains("error: "), "{err}");
}

#[test]
fn validate_exits_2_when_the_file_cannot_be_read_or_is_not_json() {
    let (status, _, err) = validate("not-json.json", "{\"Version\": \"2012-10-17\",");
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("not-json.json:1:"), "{err}");

    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-policy.json");
    let out = iamplay(&["validate", &missing.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("iamplay: cannot read "));
}
