//! `cargo xtask fuzz TARGET [--minutes N]`: coverage-guided fuzzing of one
//! target of `crates/fuzz` with AFL++ (through `cargo-afl`, which builds
//! AFL++ from its crate with the system C compiler, on stable Rust).
//!
//! It installs cargo-afl when missing, builds the harness in
//! `crates/fuzz/afl`, starts from the inputs under `tests/fuzz/TARGET/`,
//! and after the run copies every crash and hang into that folder as
//! `crash-*` / `slow-*`, where the replay test (`crates/fuzz/tests/replay.rs`)
//! checks them on every `cargo xtask test`. Its own output is AFL++'s
//! status, one line a minute, written to a log file under the run's
//! folder rather than the terminal.

use std::path::{Path, PathBuf};

use crate::util::{self, cargo_bin_dir, project_root};

/// The cargo-afl (and `afl` crate) version the harness is built with.
const CARGO_AFL_VERSION: &str = "0.18.2";

/// The target names, as `crates/fuzz/src/lib.rs` lists them.
const TARGETS: &[&str] = &[
    "policy",
    "workspace",
    "authorization-details",
    "iac",
    "share-link",
];

/// Each execution may take this long before AFL++ calls it a hang (the
/// harness itself fails inputs slower than 100 ms).
const HANG_MS: &str = "5000";

pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--list") {
        for name in TARGETS {
            println!("{name}");
        }
        return Ok(());
    }
    let Some(target) = args.first().filter(|a| !a.starts_with("--")) else {
        return Err(format!(
            "usage: cargo xtask fuzz TARGET [--minutes N]   (targets: {})",
            TARGETS.join(", ")
        ));
    };
    util::reject_unknown(&args[1..], &[], &["--minutes"])?;
    if !TARGETS.contains(&target.as_str()) {
        return Err(format!(
            "no fuzz target `{target}` (targets: {})",
            TARGETS.join(", ")
        ));
    }
    let minutes: u64 = match util::option_value(args, "--minutes")? {
        None => 10,
        Some(text) => text
            .parse()
            .map_err(|_| format!("--minutes takes a whole number, not `{text}`"))?,
    };
    ensure_cargo_afl()?;
    let harness = build_harness()?;
    let root = project_root();
    let corpus = root.join("tests/fuzz").join(target);
    let out = root.join("target/fuzz").join(target);
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    // AFL++ starts from the seeds only: the crashes and slow inputs kept
    // beside them are fixed, but a seed that fails stops AFL++ from starting.
    let seeds = out.join("seeds");
    copy_seeds(&corpus, &seeds)?;
    let log_path = out.join("afl.log");
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    println!(
        "fuzz: {target} for {minutes} min from {} (AFL++ status in {})",
        corpus.display(),
        log_path.display()
    );
    let status = util::cargo()
        .args(["afl", "fuzz", "-i"])
        .arg(&seeds)
        .arg("-o")
        .arg(&out)
        .args(["-V", &(minutes * 60).to_string(), "-t", HANG_MS, "--"])
        .arg(&harness)
        .arg(target)
        .env("AFL_NO_UI", "1")
        .env("AFL_SKIP_CPUFREQ", "1")
        .env("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1")
        // Leave the scheduler free to share cores with other work.
        .env("AFL_NO_AFFINITY", "1")
        .stdout(log)
        .stderr(log_err)
        .status()
        .map_err(|e| format!("cannot start cargo afl fuzz: {e}"))?;
    let stats = std::fs::read_to_string(out.join("default/fuzzer_stats")).unwrap_or_default();
    let stat = |key: &str| {
        stats
            .lines()
            .find_map(|line| {
                let (k, v) = line.split_once(':')?;
                (k.trim() == key).then(|| v.trim().to_owned())
            })
            .unwrap_or_else(|| "?".to_owned())
    };
    let kept = keep_findings(&out.join("default/crashes"), &corpus, "crash")?
        + keep_findings(&out.join("default/hangs"), &corpus, "slow")?;
    println!(
        "fuzz: {target}: {} executions in {} s, {} paths, {} crashes, {} hangs; {kept} new finding(s) copied into {}",
        stat("execs_done"),
        stat("run_time"),
        stat("corpus_count"),
        stat("saved_crashes"),
        stat("saved_hangs"),
        corpus.display()
    );
    if !status.success() {
        return Err(format!(
            "cargo afl fuzz ended with {status}; see {}",
            log_path.display()
        ));
    }
    if kept > 0 {
        return Err(format!(
            "{kept} finding(s) for `{target}`: fix them; they are replayed by `cargo test -p iamplay-fuzz`"
        ));
    }
    Ok(())
}

/// Installs cargo-afl unless `cargo afl` runs, then builds AFL++ itself
/// (`cargo afl config --build`) unless it is built.
fn ensure_cargo_afl() -> Result<(), String> {
    let installed = cargo_bin_dir().join("cargo-afl").is_file();
    if !installed {
        println!("fuzz: installing cargo-afl {CARGO_AFL_VERSION}");
        util::run(util::cargo().args([
            "install",
            "cargo-afl",
            "--version",
            CARGO_AFL_VERSION,
            "--locked",
        ]))?;
    }
    // cargo-afl builds AFL++ when it is installed; a machine where that
    // failed gets another try. "already built" is the answer wanted.
    let built = util::cargo()
        .args(["afl", "config", "--build"])
        .output()
        .map_err(|e| format!("cannot start cargo afl: {e}"))?;
    let said = String::from_utf8_lossy(&built.stderr);
    if built.status.success() || said.contains("already built") {
        Ok(())
    } else {
        Err(format!("`cargo afl config --build` failed:\n{said}"))
    }
}

/// Builds the harness with AFL++'s instrumentation; returns the binary.
fn build_harness() -> Result<PathBuf, String> {
    let dir = project_root().join("crates/fuzz/afl");
    util::run(
        util::cargo()
            .args(["afl", "build", "--release", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            // Its own folder whatever CARGO_TARGET_DIR says: the binary
            // is run from there.
            .arg("--target-dir")
            .arg(dir.join("target")),
    )?;
    Ok(dir.join("target/release/iamplay-afl"))
}

/// Copies the `seed-*` files of `corpus` into `to`.
fn copy_seeds(corpus: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("seed"))
        {
            let dest = to.join(entry.file_name());
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Copies every input in `found` (AFL++'s `crashes/` or `hangs/`) into
/// `corpus` as `PREFIX-N`; returns how many.
fn keep_findings(found: &Path, corpus: &Path, prefix: &str) -> Result<usize, String> {
    let Ok(entries) = std::fs::read_dir(found) else {
        return Ok(0);
    };
    let mut kept = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == "README.txt") || !path.is_file() {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = format!("{prefix}-{:016x}", fnv(&data));
        let to = corpus.join(name);
        if !to.exists() {
            std::fs::write(&to, &data).map_err(|e| format!("{}: {e}", to.display()))?;
            kept += 1;
        }
    }
    Ok(kept)
}

/// FNV-1a: names a finding after its content, so a run finding it again
/// does not copy it twice.
fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
