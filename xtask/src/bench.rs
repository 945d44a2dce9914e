//! `cargo xtask bench`: the criterion benchmarks, then the browser
//! benchmark of the playground when it exists (`tests/e2e/bench.*`).
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

/// Runs `cargo xtask bench [--native] [-- <criterion args>]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let (ours, criterion_args) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    reject_unknown(ours, &["--native"], &[])?;
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
    if ours.iter().any(|a| a == "--native") {
        return Ok(());
    }
    crate::browser_bench::run()
}
