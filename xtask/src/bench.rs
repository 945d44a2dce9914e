//! `cargo xtask bench`: the criterion benchmarks of the evaluator
//! (`crates/core/benches/evaluate.rs`), the JavaScript API's benchmark in
//! Node (`tests/js/bench.mjs`: the seed request through a `Workspace`
//! handle and through the one-shot `evaluate`), and the browser benchmark
//! of the playground (`tests/e2e/bench.mjs`).
//!
//! `--native` runs the criterion benchmarks alone; `--js` the JavaScript
//! API's alone.

use crate::util::{self, cargo, project_root, reject_unknown};

/// Runs `cargo xtask bench [--native | --js] [-- <criterion args>]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let (ours, criterion_args) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    reject_unknown(ours, &["--native", "--js"], &[])?;
    let native_only = ours.iter().any(|a| a == "--native");
    let js_only = ours.iter().any(|a| a == "--js");
    if native_only && js_only {
        return Err("`--native` and `--js` each run one benchmark alone: give one".to_owned());
    }
    if js_only {
        return js_bench();
    }
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
