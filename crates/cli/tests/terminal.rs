//! What `iamplay` prints cannot drive the terminal, and stays small
//! whatever the input (issue 12): control characters from the input are
//! escaped as `\u001b`, whether written raw in a source line or as a JSON
//! escape in a string, and a source line is echoed in a window around
//! the column, not whole.

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

/// Whether `bytes` hold a control character other than a newline or a tab.
fn has_controls(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn an_escape_written_in_a_json_string_is_printed_escaped() {
    // `\u001b[2J` clears the screen; `\u009b` is the one-byte CSI.
    let path = scratch(
        "escape-in-action.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:\u001b[2JGet\u009bObject", "Resource": "*"}]}"#,
    );
    for format in ["text", "json"] {
        let output = iamplay(&["validate", &path, "--format", format]);
        assert!(
            !has_controls(&output.stderr),
            "{format}: {:?}",
            output.stderr
        );
        assert!(
            !has_controls(&output.stdout),
            "{format}: {:?}",
            output.stdout
        );
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            said.contains(r"s3:\u001b[2JGet\u009bObject"),
            "{format}: {said}"
        );
    }
    // The JSON output still reads back to the same text.
    let output = iamplay(&["validate", &path, "--format", "json"]);
    let problems: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("valid JSON on stdout");
    let message = problems[0]["message"].as_str().expect("a message");
    assert!(message.contains("s3:\u{1b}[2JGet\u{9b}Object"), "{message}");
}

#[test]
fn a_raw_escape_in_a_source_line_is_echoed_escaped() {
    let path = scratch(
        "raw-escape.json",
        "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\u{1b}]0;pwned\u{7}\"}]}\n",
    );
    let output = iamplay(&["validate", &path]);
    assert_eq!(output.status.code(), Some(2), "not JSON");
    assert!(!has_controls(&output.stderr), "{:?}", output.stderr);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains(r"Allow\u001b]0;pwned\u0007"), "{said}");
}

#[test]
fn a_long_line_is_echoed_in_a_window_around_the_column() {
    // 2,000 statements on one line of about 170 KB, each with an error.
    let statement = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:SourceIp": "maybe"}}}"#;
    let text = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        vec![statement; 2_000].join(", ")
    );
    let path = scratch("one-long-line.json", &text);
    let output = iamplay(&["validate", &path]);
    assert_eq!(output.status.code(), Some(1), "an error-level finding");
    let said = String::from_utf8_lossy(&output.stderr);
    let echoed: Vec<&str> = said.lines().filter(|l| l.starts_with("    1 | ")).collect();
    assert_eq!(echoed.len(), 2_000);
    for line in &echoed {
        let shown = line.trim_start_matches("    1 | ");
        assert!(shown.chars().count() <= 122, "{shown}");
        assert!(
            shown.contains("\"maybe\""),
            "the marked value is in the window: {shown}"
        );
    }
    // About 400 bytes per finding, not the whole line each time.
    assert!(said.len() < 2_000 * 500, "{} bytes", said.len());
}
