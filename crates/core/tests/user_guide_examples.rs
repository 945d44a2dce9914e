//! Every policy example of the AWS IAM User Guide pages in
//! `../shared/reference/aws-iam-user-guide/` validates without an
//! error-level finding: what AWS publishes, we must not call an error.
//!
//! The examples are extracted into `tests/user-guide/policy-examples.json`
//! (page, line, text) so that CI checks them without the pages; when the
//! pages are next to the repository, the extraction is redone and must
//! match the committed file (`UPDATE_DOCS=1` rewrites it).

use std::path::{Path, PathBuf};

use iamplay_core::{Engine, PolicyKind, Severity};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn committed_path() -> PathBuf {
    root().join("tests/user-guide/policy-examples.json")
}

/// Examples whose error is the documentation's own placeholder, not a
/// policy AWS would accept as written: by page and the placeholder.
const PLACEHOLDERS: &[&str] = &[
    "service-prefix:action",
    "SERVICE-PREFIX:ACTION",
    "service:",
    "<",
    "...",
    "&region;",
];

/// Examples that are not valid JSON as the page prints them (a
/// `Condition` outside any statement; a statement whose `Condition` key is
/// missing): by page and the line their block starts on.
const BROKEN_ON_THE_PAGE: &[(&str, u64)] = &[
    ("reference_policies_iam-condition-keys.md", 204),
    ("reference_policies_variables.md", 254),
];

/// The fenced blocks of one page that are whole policies (JSON objects
/// with a `Statement`), with the line their text starts on.
fn policies_of(page: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut block: Option<(usize, String)> = None;
    for (n, line) in page.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            match block.take() {
                Some((start, text)) => {
                    let trimmed = text.trim();
                    if trimmed.starts_with('{') && trimmed.contains("\"Statement\"") {
                        out.push((start, trimmed.to_owned()));
                    }
                }
                None => block = Some((n + 2, String::new())),
            }
        } else if let Some((_, text)) = block.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

fn extract(dir: &Path) -> Value {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    let mut examples = Vec::new();
    for page in pages {
        let Ok(text) = std::fs::read_to_string(&page) else {
            continue;
        };
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (line, policy) in policies_of(&text) {
            examples.push(json!({"page": name, "line": line, "text": policy}));
        }
    }
    Value::Array(examples)
}

#[test]
fn committed_examples_match_the_pages() {
    let dir = root().join("../shared/reference/aws-iam-user-guide");
    if !dir.is_dir() {
        eprintln!(
            "{} is not here: checking the committed examples only",
            dir.display()
        );
        return;
    }
    let fresh = serde_json::to_string_pretty(&extract(&dir)).expect("JSON writes") + "\n";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(committed_path(), &fresh).expect("the examples file is writable");
        return;
    }
    let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
    assert!(
        committed == fresh,
        "tests/user-guide/policy-examples.json differs from the pages; run with UPDATE_DOCS=1"
    );
}

#[test]
fn no_user_guide_example_is_an_error() {
    let text = std::fs::read_to_string(committed_path()).expect("the examples file is there");
    let examples: Vec<Value> = serde_json::from_str(&text).expect("the examples file is JSON");
    assert!(examples.len() >= 70, "only {} examples", examples.len());
    let mut failures = Vec::new();
    for example in &examples {
        let page = example["page"].as_str().unwrap_or_default();
        let line = example["line"].as_u64().unwrap_or_default();
        if BROKEN_ON_THE_PAGE.contains(&(page, line)) {
            continue;
        }
        let policy = example["text"].as_str().unwrap_or_default();
        let kind = if policy.contains("\"Principal\"") || policy.contains("\"NotPrincipal\"") {
            PolicyKind::Resource
        } else {
            PolicyKind::Identity
        };
        for problem in Engine::validate(policy, kind) {
            if problem.severity != Severity::Error {
                continue;
            }
            let span = problem.loc.span;
            let at = policy
                .get(span.start as usize..span.end as usize)
                .unwrap_or_default();
            if PLACEHOLDERS
                .iter()
                .any(|p| at.contains(p) || problem.message.contains(p))
            {
                continue;
            }
            failures.push(format!(
                "{}:{} (+{}:{}): [{}] {}",
                example["page"].as_str().unwrap_or_default(),
                example["line"],
                problem.loc.start.line,
                problem.loc.start.column,
                problem.code.as_str(),
                problem.message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} error(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
