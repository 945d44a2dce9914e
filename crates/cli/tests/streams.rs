//! A closed or full standard output or standard error ends `iamplay`
//! quietly with a status of its own, never an abort (issue 12): 141 when
//! the reader closed the pipe (`iamplay validate big.json 2>&1 | head -1`),
//! 3 when the stream cannot be written (`2>/dev/full`).

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The status for a closed pipe, as shells report a `SIGPIPE`.
const CLOSED: i32 = 141;
/// The status for a stream that cannot be written.
const UNWRITABLE: i32 = 3;

fn iamplay() -> Command {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
}

/// A policy with one error-level finding per statement: `statements`
/// findings of about 250 bytes each on standard error.
fn policy_with_findings(name: &str, statements: usize) -> String {
    let statement = r#"    {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}"#;
    let text = format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}\n",
        vec![statement; statements].join(",\n")
    );
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path.display().to_string()
}

/// More than a pipe holds (64 KiB on Linux) with what a reader buffers,
/// so `iamplay` is still writing when the reader goes away.
const MANY: usize = 1000;

fn dev_full() -> Stdio {
    File::options()
        .write(true)
        .open("/dev/full")
        .map(Stdio::from)
        .unwrap_or_else(|e| panic!("cannot open /dev/full: {e}"))
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

/// Runs `iamplay args` with standard output and standard error in one
/// pipe (`2>&1 | head -1`): reads one line, closes the pipe, and returns
/// the line and the exit status.
fn first_line_then_close(args: &[&str]) -> (String, Option<i32>) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    let stderr = writer.try_clone().expect("a second writer");
    let mut child = iamplay()
        .args(args)
        .stdout(writer)
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"));
    let mut line = String::new();
    let mut reader = BufReader::new(reader);
    reader.read_line(&mut line).expect("a first line");
    drop(reader);
    let status = child.wait().expect("iamplay ends");
    (line, status.code())
}

#[test]
fn a_pipe_closed_early_ends_validate_quietly_with_141() {
    let path = policy_with_findings("many-findings.json", MANY);
    let (line, status) = first_line_then_close(&["validate", &path]);
    assert!(
        line.contains("error: unknown action `s3:GetObjekt`"),
        "{line}"
    );
    // `None` would mean a signal (an abort is SIGABRT, status 134 in a
    // shell); 101 a panic.
    assert_eq!(status, Some(CLOSED));
}

/// A workspace with `requests` requests, each explained in about 500
/// bytes on standard output.
fn workspace_with_requests(name: &str, requests: usize) -> String {
    let request = r#"    {"principal": {"user": "ana"}, "action": "s3:GetObject",
     "resource": "arn:aws:s3:::bucket/key", "expect": {"decision": "Allowed"}}"#;
    let text = format!(
        r#"{{
  "policies": [{{"name": "Read", "document": {{"Version": "2012-10-17",
    "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}]}}}}],
  "users": [{{"name": "ana", "managedPolicies": ["Read"]}}],
  "requests": [
{}
  ]
}}
"#,
        vec![request; requests].join(",\n")
    );
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path.display().to_string()
}

#[test]
fn a_pipe_closed_early_ends_eval_quietly_with_141() {
    let path = workspace_with_requests("many-requests.json", MANY);
    let all = run(iamplay().args(["eval", &path]));
    assert_eq!(all.status.code(), Some(0));
    assert!(all.stdout.len() > 128 * 1024, "{}", all.stdout.len());
    let (line, status) = first_line_then_close(&["eval", &path]);
    assert_eq!(line, "request 1\n");
    assert_eq!(status, Some(CLOSED));
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_stderr_ends_validate_quietly_with_3() {
    let path = policy_with_findings("findings-to-dev-full.json", 3);
    let out = run(iamplay().args(["validate", &path]).stderr(dev_full()));
    assert_eq!(out.status.code(), Some(UNWRITABLE));
    // It stopped at the first failed write, before the count.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_stdout_is_said_on_stderr_and_ends_with_3() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/force-mfa.json");
    let out = run(iamplay().arg("fmt").arg(&seed).stdout(dev_full()));
    assert_eq!(out.status.code(), Some(UNWRITABLE));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("iamplay: cannot write to standard output: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
#[cfg(target_os = "linux")]
fn help_to_a_full_stdout_ends_with_3() {
    let out = run(iamplay().args(["eval", "--help"]).stdout(dev_full()));
    assert_eq!(out.status.code(), Some(UNWRITABLE));
}
