//! `iamplay import` on the infrastructure-code fixtures of
//! `tests/fixtures/iac/` (a CloudFormation YAML template, a CloudFormation
//! JSON template, a Terraform plan), run through the binary: each imports
//! with its requests file into a workspace that `iamplay eval` checks
//! (every request gives its expected decision), the skipped and
//! placeholder notes go to stderr with `file:line:column`, and malformed
//! input exits 2 with its location.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/iac")
        .join(name)
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run iamplay: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports `template` with its requests file, then evaluates the result;
/// returns the import's stderr.
fn import_then_eval(template: &str, requests: &str, extra: &[&str]) -> String {
    let out_file = scratch(&format!("{template}.workspace.json"));
    let out_path = out_file.display().to_string();
    let template_path = fixture(template);
    let requests_path = fixture(requests);
    let mut args = vec![
        "import",
        template_path.as_str(),
        "--requests",
        requests_path.as_str(),
        "-o",
        out_path.as_str(),
    ];
    args.extend_from_slice(extra);
    let import = iamplay(&args);
    assert_eq!(import.status.code(), Some(0), "{}", text(&import.stderr));
    let eval = iamplay(&["eval", &out_path]);
    assert_eq!(
        eval.status.code(),
        Some(0),
        "{}\n{}",
        text(&eval.stdout),
        text(&eval.stderr)
    );
    assert!(
        text(&eval.stdout).contains("0 not as expected"),
        "{}",
        text(&eval.stdout)
    );
    text(&import.stderr)
}

#[test]
fn a_cloudformation_yaml_template_imports_and_evaluates() {
    let notes = import_then_eval(
        "reports-stack.yaml",
        "reports-stack.requests.json",
        &["--account", "444455556666"],
    );
    assert!(
        notes.contains("read as a CloudFormation template (YAML)"),
        "{notes}"
    );
    assert!(notes.contains("reports-stack.yaml:"), "{notes}");
    assert!(notes.contains(": placeholder: "), "{notes}");
    assert!(notes.contains(": skipped: "), "{notes}");
}

#[test]
fn a_cloudformation_json_template_imports_and_evaluates() {
    let notes = import_then_eval("orders-pipeline.json", "orders-pipeline.requests.json", &[]);
    assert!(notes.contains(": placeholder: "), "{notes}");
}

#[test]
fn a_terraform_plan_imports_and_evaluates() {
    let notes = import_then_eval("deploy-plan.json", "deploy-plan.requests.json", &[]);
    assert!(notes.contains("read as a Terraform plan"), "{notes}");
    assert!(notes.contains(": placeholder: "), "{notes}");
}

#[test]
fn malformed_yaml_exits_2_at_its_place() {
    let path = scratch("broken.yaml");
    std::fs::write(
        &path,
        "Resources:\n  Role:\n    Type: AWS::IAM::Role\n   Properties: [\n",
    )
    .expect("the scratch file is writable");
    let out = iamplay(&["import", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("broken.yaml:"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
