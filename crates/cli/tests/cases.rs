//! The data-driven case suite (`tests/cases/*.json`), run through the
//! `iamplay` binary: `iamplay eval FILE` must exit 0 and print the summary
//! line counting every request as expected, and `iamplay eval FILE
//! --format json` must report no mismatch. The same files run through the
//! library in `crates/core/tests/cases.rs`; see `tests/cases/README.md`.
//!
//! As there, a request whose name starts with `KNOWN BUG` is reported, not
//! failed (its file then exits 1, with the summary line counting it).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The issue asks for at least this many cases.
const MIN_REQUESTS: usize = 300;

/// Requests whose name starts with this are reported, not failed.
const KNOWN_BUG: &str = "KNOWN BUG";

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

/// What running the case files found.
#[derive(Default)]
struct Tally {
    requests: usize,
    failures: Vec<String>,
    known_bugs: Vec<String>,
}

fn run_file(path: &Path, tally: &mut Tally) {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let path_text = path.to_string_lossy();
    let written: Value = match fs::read_to_string(path).map(|t| serde_json::from_str(&t)) {
        Ok(Ok(value)) => value,
        Ok(Err(e)) => {
            tally.failures.push(format!("{file}: not JSON: {e}"));
            return;
        }
        Err(e) => {
            tally.failures.push(format!("{file}: cannot read: {e}"));
            return;
        }
    };
    let total = written["requests"].as_array().map_or(0, Vec::len);

    let json = iamplay(&["eval", &path_text, "--format", "json"]);
    let results: Vec<Value> = match serde_json::from_slice(&json.stdout) {
        Ok(Value::Array(results)) => results,
        _ => {
            tally.failures.push(format!(
                "{file}: `iamplay eval --format json` printed no result list (exit {:?}): {}",
                json.status.code(),
                String::from_utf8_lossy(&json.stderr)
            ));
            return;
        }
    };
    if results.len() != total {
        tally.failures.push(format!(
            "{file}: {total} request(s) in the file, {} evaluated",
            results.len()
        ));
    }
    let mut mismatched = 0;
    for result in &results {
        tally.requests += 1;
        let name = result["name"].as_str().unwrap_or_default();
        let what = format!(
            "{file}: request {} `{name}`",
            result["index"].as_u64().unwrap_or_default()
        );
        let mut problems = Vec::new();
        for key in ["mismatch", "error"] {
            if let Some(why) = result[key].as_str() {
                problems.push(why.to_owned());
            }
        }
        if result["expected"].is_null() {
            problems.push("no expectation".to_owned());
        }
        if !problems.is_empty() {
            mismatched += 1;
        }
        if problems.is_empty() {
            continue;
        }
        let line = format!("{what}: {}", problems.join("; "));
        if name.starts_with(KNOWN_BUG) {
            tally.known_bugs.push(line);
        } else {
            tally.failures.push(line);
        }
    }

    let text = iamplay(&["eval", &path_text]);
    let expected_status = if mismatched == 0 { 0 } else { 1 };
    if text.status.code() != Some(expected_status) {
        tally.failures.push(format!(
            "{file}: `iamplay eval` exited {:?}, expected {expected_status}: {}",
            text.status.code(),
            String::from_utf8_lossy(&text.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&text.stdout);
    let summary = stdout.lines().rev().find(|l| !l.trim().is_empty());
    let expected_summary = format!(
        "{total} request(s): {} as expected, {mismatched} not as expected, 0 without expectation",
        total - mismatched
    );
    if summary != Some(expected_summary.as_str()) {
        tally.failures.push(format!(
            "{file}: summary line {summary:?}, expected `{expected_summary}`"
        ));
    }
}

#[test]
fn every_case_gives_its_documented_decision_through_the_cli() {
    let files = case_files();
    let mut tally = Tally::default();
    for path in &files {
        run_file(path, &mut tally);
    }
    println!(
        "checked {} request(s) in {} case file(s) through `iamplay eval`: {} failure(s), {} known bug(s)",
        tally.requests,
        files.len(),
        tally.failures.len(),
        tally.known_bugs.len()
    );
    for known in &tally.known_bugs {
        println!("known bug: {known}");
    }
    for failure in &tally.failures {
        println!("FAILED: {failure}");
    }
    assert!(
        tally.failures.is_empty(),
        "{} case failure(s); see the list above",
        tally.failures.len()
    );
    assert!(
        tally.requests >= MIN_REQUESTS,
        "only {} requests; the suite must have at least {MIN_REQUESTS}",
        tally.requests
    );
}
