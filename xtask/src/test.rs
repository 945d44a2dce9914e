//! `cargo xtask test [--skip-browser] [--update-screenshots]`: every check,
//! in order, each under a header:
//!
//! 1. setup: install what is missing (see `setup.rs`); if this fails,
//!    nothing else can run and the run stops;
//! 2. `cargo fmt --all --check`;
//! 3. `cargo clippy --workspace --all-targets -- -D warnings`;
//! 4. `cargo test --workspace` (native tests);
//! 5. the wasm build of the app (`trunk build --release`);
//! 6. the wasm tests of the app and of the JavaScript API in headless
//!    Chromium (`wasm-bindgen-test-runner`);
//! 7. the end-to-end tests: `node --test` in `tests/e2e`, driving the built
//!    page, served on a free local port, with playwright-core;
//! 8. the JavaScript API: `cargo xtask js` builds it without the catalog
//!    (checking the size of its `.wasm`) and with it, and `node --test
//!    tests/js/` runs the Node smoke test and the type test (every result
//!    of the case suite checked against `iamplay.d.ts` with `tsc`, pinned
//!    in `tests/js/package.json`) against each build.
//!
//! A failing step does not stop the later ones (a step that needs an
//! earlier one's output is skipped instead), so one run shows every
//! problem. The run ends with a table of the steps (result and seconds)
//! and one summary line, and exits non-zero if any step failed.
//!
//! `--skip-browser` leaves out steps 6 to 8 (and the Chromium and npm
//! installs) for quick local runs; `--update-screenshots` makes the
//! end-to-end tests write their screenshots into `docs/` for the README.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::js;
use crate::server::Server;
use crate::setup::{self, Browser, Needs, Tools, WASM_TARGET};
use crate::site;
use crate::util::{self, project_root};

/// Chromium's command-line flags for tests on a machine without internet
/// access (the same as `tests/e2e/browser.js`): no sandbox (the tests may
/// run as root), no GPU, and no background connections to Google.
const CHROMIUM_FLAGS: [&str; 7] = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Runs `cargo xtask test`.
pub fn run(args: &[String]) -> Result<(), String> {
    util::reject_unknown(args, &["--skip-browser", "--update-screenshots"], &[])?;
    let skip_browser = args.iter().any(|arg| arg == "--skip-browser");
    let update_screenshots = args.iter().any(|arg| arg == "--update-screenshots");
    let started = Instant::now();
    let mut report = Report::default();

    let Some(tools) = report.step("setup", || {
        setup::ensure(Needs {
            browser: !skip_browser,
        })
    }) else {
        return match report.finish(started.elapsed()) {
            Ok(line) | Err(line) => Err(line),
        };
    };
    report.step("cargo fmt --check", || {
        util::run(util::cargo().args(["fmt", "--all", "--check"]))
    });
    report.step("cargo clippy", || {
        util::run(util::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    report.step("native tests", || {
        util::run(util::cargo().args(["test", "--workspace"]))
    });
    let dist = report.step("wasm build (trunk, release)", || site::build(&tools));
    match (&tools.browser, skip_browser) {
        (Some(browser), false) => {
            report.step("wasm tests (headless Chromium)", || {
                wasm_tests(&tools, browser)
            });
            if let Some(dist) = dist {
                report.step("end-to-end tests (playwright-core)", || {
                    end_to_end_tests(&dist, browser, update_screenshots)
                });
            } else {
                report.skip(
                    "end-to-end tests (playwright-core)",
                    "the wasm build failed",
                );
            }
        }
        _ => {
            report.skip("wasm tests (headless Chromium)", "--skip-browser");
            report.skip("end-to-end tests (playwright-core)", "--skip-browser");
        }
    }
    if skip_browser {
        report.skip("JavaScript API (xtask js, node --test)", "--skip-browser");
    } else {
        report.step("JavaScript API (xtask js, node --test)", js_api_tests);
    }
    report
        .finish(started.elapsed())
        .map(|line| println!("xtask: {line}"))
}

/// Runs the `wasm_bindgen_test`s of the app and of the JavaScript API in
/// headless Chromium.
fn wasm_tests(tools: &Tools, browser: &Browser) -> Result<(), String> {
    let capabilities = write_webdriver_json(browser)?;
    util::run(
        util::cargo()
            .args([
                "test",
                "-p",
                "iamplay-app",
                "-p",
                "iamplay-js",
                "--target",
                WASM_TARGET,
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                &tools.wasm_bindgen_test_runner,
            )
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &capabilities)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )
}

/// Writes the WebDriver capabilities that make ChromeDriver start our
/// Chromium with our flags (the runner adds `--headless` and
/// `--no-sandbox`); returns the file.
fn write_webdriver_json(browser: &Browser) -> Result<PathBuf, String> {
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": browser.chromium,
            "args": CHROMIUM_FLAGS,
        }
    });
    let dir = project_root().join("target").join("xtask");
    fs::create_dir_all(&dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let path = dir.join("webdriver.json");
    fs::write(&path, capabilities.to_string())
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    Ok(path)
}

/// Serves `dist` on a free local port and runs `node --test` in
/// `tests/e2e` against it.
fn end_to_end_tests(
    dist: &Path,
    browser: &Browser,
    update_screenshots: bool,
) -> Result<(), String> {
    let server = Server::bind(dist, 0)?;
    let base_url = format!("http://{}/", server.address()?);
    server.spawn();
    println!("serving {} on {base_url}", dist.display());
    let e2e = project_root().join("tests").join("e2e");
    let screenshots = if update_screenshots {
        project_root().join("docs")
    } else {
        e2e.join("screenshots")
    };
    util::run(
        util::command("node")
            .arg("--test")
            .current_dir(&e2e)
            .env("IAMPLAY_BASE_URL", &base_url)
            .env("CHROMIUM", &browser.chromium)
            .env("IAMPLAY_SCREENSHOT_DIR", &screenshots),
    )
}

/// Builds the JavaScript API without the catalog (the build checks the
/// size of its `.wasm`) and with it, and runs `node --test tests/js/`
/// against each: the smoke test, and the type test that checks every
/// result of the case suite against `iamplay.d.ts` with `tsc`.
fn js_api_tests() -> Result<(), String> {
    js::ensure_test_packages()?;
    for catalog in [false, true] {
        let package = js::build(catalog)?;
        util::run(
            util::command("node")
                .args(["--test", "tests/js/"])
                .env("IAMPLAY_JS_PACKAGE", &package),
        )?;
    }
    Ok(())
}

/// How a step ended.
enum Outcome {
    /// It succeeded.
    Passed,
    /// It failed, with the error.
    Failed(String),
    /// It did not run, for this reason.
    Skipped(&'static str),
}

/// The steps run so far.
#[derive(Default)]
struct Report {
    steps: Vec<(String, Outcome, Duration)>,
}

impl Report {
    /// Runs one step under a header; returns its value if it passed.
    fn step<T>(&mut self, name: &str, step: impl FnOnce() -> Result<T, String>) -> Option<T> {
        println!("\n===== {name} =====");
        let started = Instant::now();
        let result = step();
        let elapsed = started.elapsed();
        match result {
            Ok(value) => {
                println!("----- {name}: ok ({:.1}s)", elapsed.as_secs_f64());
                self.steps.push((name.to_owned(), Outcome::Passed, elapsed));
                Some(value)
            }
            Err(error) => {
                println!(
                    "----- {name}: FAILED ({:.1}s): {error}",
                    elapsed.as_secs_f64()
                );
                self.steps
                    .push((name.to_owned(), Outcome::Failed(error), elapsed));
                None
            }
        }
    }

    /// Records a step that did not run.
    fn skip(&mut self, name: &str, reason: &'static str) {
        self.steps
            .push((name.to_owned(), Outcome::Skipped(reason), Duration::ZERO));
    }

    /// Prints the table of steps; returns the summary line, as an error if
    /// any step failed.
    fn finish(&self, elapsed: Duration) -> Result<String, String> {
        println!("\n===== summary =====");
        let (mut passed, mut failed, mut skipped) = (0, Vec::new(), 0);
        for (name, outcome, time) in &self.steps {
            let (label, note) = match outcome {
                Outcome::Passed => {
                    passed += 1;
                    ("ok", String::new())
                }
                Outcome::Failed(error) => {
                    failed.push(name.as_str());
                    ("FAILED", format!("  {error}"))
                }
                Outcome::Skipped(reason) => {
                    skipped += 1;
                    ("skipped", format!("  ({reason})"))
                }
            };
            println!("{label:<8} {name:<38} {:>7.1}s{note}", time.as_secs_f64());
        }
        let counts = format!(
            "{passed} passed; {} failed; {skipped} skipped; finished in {:.1}s",
            failed.len(),
            elapsed.as_secs_f64()
        );
        if failed.is_empty() {
            Ok(format!("test result: ok. {counts}"))
        } else {
            Err(format!(
                "test result: FAILED. {counts} (failed: {})",
                failed.join(", ")
            ))
        }
    }
}
