//! `cargo xtask bench`: the criterion benchmarks, the JavaScript API's
//! benchmark in Node (`tests/js/bench.mjs`: the seed request through a
//! `Workspace` handle and through the one-shot `evaluate`), and the
//! browser benchmark of the playground (`tests/e2e/bench.mjs`).
//!
//! The criterion benchmarks, in order (criterion arguments after `--`,
//! such as a name filter, go to each):
//! - `crates/core/benches/evaluate.rs`: the evaluator on the seed
//!   scenario and on large accounts;
//! - `crates/core/benches/worst_cases.rs`: the worst cases of issue 12
//!   (a policy repeating `s3:*` 4,000 times linted, 16,000 unknown
//!   operators, 1,000 × 1,000 values with a policy variable, 30,000 ×
//!   30,000 set values), with the catalog;
//! - `crates/cli/benches/diagnostics.rs`: 8,000 errors printed as text.
//!
//! `--native` runs the criterion benchmarks alone; `--js` the JavaScript
//! API's alone; `--load` the browser's load benchmark alone (first paint,
//! decision on screen, bytes, five embeds: `tests/e2e/load-bench.mjs`).
use crate::util::{self, cargo, project_root, reject_unknown};

/// The criterion benchmarks: what they measure, package, bench target,
/// features.
const BENCHES: [(&str, &str, &str, &str); 3] = [
    ("the evaluator", "iamplay-core", "evaluate", ""),
    (
        "the worst cases (issue 12)",
        "iamplay-core",
        "worst_cases",
        "catalog",
    ),
    (
        "the CLI's text diagnostics",
        "iamplay-cli",
        "diagnostics",
        "",
    ),
];

/// Runs `cargo xtask bench [--native | --js] [-- <criterion args>]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let (ours, criterion_args) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    reject_unknown(ours, &["--native", "--js", "--load"], &[])?;
    let native_only = ours.iter().any(|a| a == "--native");
    let js_only = ours.iter().any(|a| a == "--js");
    let load_only = ours.iter().any(|a| a == "--load");
    if [native_only, js_only, load_only]
        .iter()
        .filter(|only| **only)
        .count()
        > 1
    {
        return Err(
            "`--native`, `--js` and `--load` each run one benchmark alone: give one".to_owned(),
        );
    }
    if js_only {
        return js_bench();
    }
    if load_only {
        return crate::browser_bench::run_load();
    }
    for (what, package, bench, features) in BENCHES {
        println!("== native: criterion benchmarks of {what}");
        let mut command = cargo();
        command.args(["bench", "-p", package, "--bench", bench]);
        if !features.is_empty() {
            command.args(["--features", features]);
        }
        command.arg("--");
        command.args(criterion_args);
        util::run(&mut command)?;
    }
    println!(
        "criterion's reports: {}",
        project_root()
            .join("target/criterion/report/index.html")
            .display()
    );
    if native_only {
        return Ok(());
    }
    js_bench()?;
    crate::browser_bench::run()
}

/// Builds the JavaScript API without the catalog and times it in Node.
fn js_bench() -> Result<(), String> {
    println!(
        "== JavaScript API in Node: the seed request, through a Workspace handle and one-shot"
    );
    let package = crate::js::build(false)?;
    util::run(
        util::command("node")
            .arg(project_root().join("tests").join("js").join("bench.mjs"))
            .env("IAMPLAY_JS_PACKAGE", &package),
    )
}
