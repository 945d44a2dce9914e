//! `cargo xtask bench`: the criterion benchmarks of the evaluator
//! (`crates/core/benches/evaluate.rs`), and the browser benchmark of the
//! playground when it exists (`tests/e2e/bench.*`).

use crate::util::{self, cargo, project_root, reject_unknown};

/// Runs `cargo xtask bench [--native] [-- <criterion args>]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let (ours, criterion_args) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    reject_unknown(ours, &["--native"], &[])?;
    println!("== native: criterion benchmarks of the evaluator");
    let mut command = cargo();
    command.args(["bench", "-p", "iamplay-core", "--bench", "evaluate", "--"]);
    command.args(criterion_args);
    util::run(&mut command)?;
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
