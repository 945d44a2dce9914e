//! The data-driven case suite, run through the library: every request of
//! every workspace under `tests/cases/` is resolved, evaluated with
//! [`evaluate`] and checked against its expected decision and deciding
//! statements; [`authorize`] (the fast path) must give the same decision,
//! and the verdict (the answer without the trace) the same parts.
//!
//! Each case file names the AWS IAM User Guide section it checks
//! (`reference`), and so does each request; when the User Guide is
//! checked out next to the repository (`../shared/reference/`), every
//! reference must name a real file and anchor.
//!
//! An expectation's `blockedBy` (checked by [`check`]) names the policy
//! type, and the organization level, that blocked an otherwise allowed
//! request.
//!
//! A request whose `name` starts with `KNOWN BUG` records a documented
//! answer the evaluator does not give yet: its mismatch is reported, not
//! failed. Every other mismatch is collected, and all are printed before
//! the test fails. See `tests/cases/README.md`.

use std::fs;
use std::path::{Path, PathBuf};

use iamplay_core::eval::Verdict;
use iamplay_core::workspace::expect::check;
use iamplay_core::workspace::{NoManagedPolicies, RequestSpec, load_workspace};
use iamplay_core::{Code, Engine, Severity};

/// The issue asks for at least this many cases.
const MIN_REQUESTS: usize = 300;

/// Requests whose name starts with this are reported, not failed.
const KNOWN_BUG: &str = "KNOWN BUG";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn case_files() -> Vec<PathBuf> {
    let dir = repository().join("tests/cases");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The User Guide pages, when they are checked out next to the repository.
fn user_guide() -> Option<PathBuf> {
    let dir = repository().join("../shared/reference/aws-iam-user-guide");
    dir.is_dir().then_some(dir)
}

/// Checks that `reference` is `file.md#anchor` (the anchor optional when
/// `anchor_required` is false) and, when the User Guide is available, that
/// the file exists and has the anchor.
fn check_reference(reference: &str, anchor_required: bool) -> Result<(), String> {
    let (file, anchor) = match reference.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor)),
        None => (reference, None),
    };
    if !file.ends_with(".md") {
        return Err(format!(
            "reference `{reference}` does not name a `.md` file"
        ));
    }
    if anchor_required && anchor.is_none_or(str::is_empty) {
        return Err(format!(
            "reference `{reference}` names no section (`#anchor`)"
        ));
    }
    let Some(guide) = user_guide() else {
        return Ok(());
    };
    let text = fs::read_to_string(guide.join(file))
        .map_err(|_| format!("reference `{reference}`: no User Guide file `{file}`"))?;
    match anchor {
        Some(anchor) if !text.contains(&format!("<a name=\"{anchor}\"></a>")) => Err(format!(
            "reference `{reference}`: `{file}` has no anchor `{anchor}`"
        )),
        _ => Ok(()),
    }
}

fn label(index: usize, spec: &RequestSpec) -> String {
    match &spec.name {
        Some(name) => format!("request {} `{name}`", index + 1),
        None => format!("request {}", index + 1),
    }
}

/// What running one case file found.
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
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            tally.failures.push(format!("{file}: cannot read: {e}"));
            return;
        }
    };
    let loaded = load_workspace(&text);
    for d in &loaded.diagnostics {
        if d.severity == Severity::Error {
            tally.failures.push(format!(
                "{file}:{}:{}: {}",
                d.loc.start.line, d.loc.start.column, d.message
            ));
        }
    }
    let Some(workspace) = loaded.workspace else {
        return;
    };
    match &workspace.reference {
        Some(reference) => {
            if let Err(why) = check_reference(reference, false) {
                tally.failures.push(format!("{file}: {why}"));
            }
        }
        None => tally
            .failures
            .push(format!("{file}: the workspace names no `reference`")),
    }
    let engine = Engine::new(workspace, Box::new(NoManagedPolicies));
    for doc in engine.documents().filter(|d| d.has_errors()) {
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            tally.failures.push(format!(
                "{file}: policy `{}` line {} column {}: {}",
                doc.name, d.loc.start.line, d.loc.start.column, d.message
            ));
        }
    }
    for problem in engine.diagnostics() {
        if problem.code == Code::UnresolvedReference {
            tally.failures.push(format!("{file}: {}", problem.message));
        }
    }
    for (i, spec) in engine.workspace().requests.iter().enumerate() {
        tally.requests += 1;
        let what = format!("{file}: {}", label(i, spec));
        let known = spec
            .name
            .as_deref()
            .is_some_and(|n| n.starts_with(KNOWN_BUG));
        match &spec.reference {
            Some(reference) => {
                if let Err(why) = check_reference(reference, true) {
                    tally.failures.push(format!("{what}: {why}"));
                }
            }
            None => tally
                .failures
                .push(format!("{what}: the request names no `reference`")),
        }
        let Some(expect) = &spec.expect else {
            tally.failures.push(format!("{what}: no `expect`"));
            continue;
        };
        if expect.deciding.is_none() {
            tally
                .failures
                .push(format!("{what}: `expect` lists no `deciding` statements"));
        }
        let (response, fast) = match (engine.evaluate_saved(i), engine.authorize_saved(i)) {
            (Ok(response), Ok(fast)) => (response, fast),
            (Err(e), _) | (_, Err(e)) => {
                tally.failures.push(format!("{what}: {e}"));
                continue;
            }
        };
        let mut problems = Vec::new();
        if fast != response.decision {
            problems.push(format!(
                "authorize gives {} but evaluate gives {}",
                fast.describe(),
                response.decision.describe()
            ));
        }
        match engine.verdict_saved(i) {
            Ok(verdict) if verdict == Verdict::from(response.clone()) => {}
            Ok(verdict) => problems.push(format!(
                "the verdict differs from the full answer's parts: {verdict:?}"
            )),
            Err(e) => problems.push(format!("the verdict fails: {e}")),
        }
        if let Err(why) = check(expect, &response) {
            problems.push(format!("{why} ({})", response.summary));
        }
        match (problems.is_empty(), known) {
            (true, false) => {}
            (true, true) => tally.known_bugs.push(format!(
                "{what}: now gives the documented answer; remove the `{KNOWN_BUG}` marker"
            )),
            (false, true) => tally
                .known_bugs
                .push(format!("{what}: {}", problems.join("; "))),
            (false, false) => tally
                .failures
                .push(format!("{what}: {}", problems.join("; "))),
        }
    }
}

#[test]
fn every_case_gives_its_documented_decision() {
    let files = case_files();
    let mut tally = Tally::default();
    for path in &files {
        run_file(path, &mut tally);
    }
    println!(
        "checked {} request(s) in {} case file(s): {} failure(s), {} known bug(s)",
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
