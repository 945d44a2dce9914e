//! The scenario gallery (`examples/*.json`, issue 7), run through the
//! `iamplay` binary: every lesson must give the decision each of its
//! requests expects (`iamplay eval FILE` exits 0), every request must carry
//! an expectation, and `examples/README.md` must list every lesson.
//!
//! The expected decisions come from the User Guide section each request
//! cites in its `reference` (see `examples/README.md`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Issue 7 asks for the seed walkthrough and eight lessons.
const MIN_LESSONS: usize = 9;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn lesson_files() -> Vec<PathBuf> {
    let dir = examples_dir();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

/// The lesson as written: its title, summary and number of requests.
fn read_lesson(path: &Path, failures: &mut Vec<String>) -> Option<usize> {
    let file = file_name(path);
    let written: Value = match fs::read_to_string(path).map(|t| serde_json::from_str(&t)) {
        Ok(Ok(value)) => value,
        Ok(Err(e)) => {
            failures.push(format!("{file}: not JSON: {e}"));
            return None;
        }
        Err(e) => {
            failures.push(format!("{file}: cannot read: {e}"));
            return None;
        }
    };
    for key in ["name", "description"] {
        if written[key].as_str().is_none_or(|s| s.trim().is_empty()) {
            failures.push(format!("{file}: a lesson needs a `{key}`"));
        }
    }
    let requests = written["requests"].as_array().map_or(0, Vec::len);
    if requests == 0 {
        failures.push(format!("{file}: a lesson needs requests"));
    }
    Some(requests)
}

/// Runs one lesson through `iamplay eval` (text and JSON) and returns how
/// many requests were checked.
fn run_lesson(path: &Path, failures: &mut Vec<String>) -> usize {
    let file = file_name(path);
    let Some(total) = read_lesson(path, failures) else {
        return 0;
    };
    let path_text = path.to_string_lossy();

    let text = iamplay(&["eval", &path_text]);
    if text.status.code() != Some(0) {
        failures.push(format!(
            "{file}: `iamplay eval` exited {:?}, expected 0: {}",
            text.status.code(),
            String::from_utf8_lossy(&text.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&text.stdout);
    let summary = stdout.lines().rev().find(|l| !l.trim().is_empty());
    let expected_summary = format!(
        "{total} request(s): {total} as expected, 0 not as expected, 0 without expectation"
    );
    if summary != Some(expected_summary.as_str()) {
        failures.push(format!(
            "{file}: summary line {summary:?}, expected `{expected_summary}`"
        ));
    }

    let json = iamplay(&["eval", &path_text, "--format", "json"]);
    let Ok(Value::Array(results)) = serde_json::from_slice::<Value>(&json.stdout) else {
        failures.push(format!(
            "{file}: `iamplay eval --format json` printed no result list: {}",
            String::from_utf8_lossy(&json.stderr)
        ));
        return 0;
    };
    if results.len() != total {
        failures.push(format!(
            "{file}: {total} request(s) in the file, {} evaluated",
            results.len()
        ));
    }
    for result in &results {
        let what = format!(
            "{file}: request {} `{}`",
            result["index"].as_u64().unwrap_or_default(),
            result["name"].as_str().unwrap_or_default()
        );
        if result["name"].as_str().is_none_or(|s| s.trim().is_empty()) {
            failures.push(format!("{what}: a lesson's request needs a name"));
        }
        if result["expected"].is_null() {
            failures.push(format!("{what}: no expectation"));
        }
        for key in ["mismatch", "error"] {
            if let Some(why) = result[key].as_str() {
                failures.push(format!("{what}: {why}"));
            }
        }
    }
    results.len()
}

#[test]
fn every_lesson_gives_its_expected_decisions_through_the_cli() {
    let files = lesson_files();
    let mut failures = Vec::new();
    let mut requests = 0;
    for path in &files {
        requests += run_lesson(path, &mut failures);
    }
    println!(
        "checked {requests} request(s) in {} lesson(s) through `iamplay eval`: {} failure(s)",
        files.len(),
        failures.len()
    );
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} lesson failure(s); see the list above",
        failures.len()
    );
    assert!(
        files.len() >= MIN_LESSONS,
        "only {} lesson(s) in examples/; the gallery needs at least {MIN_LESSONS}",
        files.len()
    );
}

#[test]
fn the_seed_walkthrough_is_in_the_gallery() {
    let names: Vec<String> = lesson_files().iter().map(|p| file_name(p)).collect();
    assert!(
        names.iter().any(|n| n == "force-mfa.json"),
        "examples/force-mfa.json is missing: {names:?}"
    );
}

#[test]
fn the_readme_lists_every_lesson() {
    let readme_path = examples_dir().join("README.md");
    let readme = fs::read_to_string(&readme_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", readme_path.display()));
    let missing: Vec<String> = lesson_files()
        .iter()
        .map(|p| file_name(p))
        .filter(|name| !readme.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "examples/README.md does not list {missing:?}"
    );
}
