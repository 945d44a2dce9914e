//! `cargo xtask setup`: installs what the build and the tests need and is
//! missing, each only when the right version is not already there.
//!
//! - the `wasm32-unknown-unknown` target (rustup),
//! - trunk [`TRUNK_VERSION`] and wasm-bindgen-cli at the version of the
//!   `wasm-bindgen` pinned in the workspace (`cargo install`, into
//!   `$CARGO_HOME/bin`),
//! - Chromium and ChromeDriver (apt, when running as root),
//! - the end-to-end tests' npm packages (`npm ci` in `tests/e2e`);
//! - binaryen's `wasm-opt` for `cargo xtask js` (`npm ci` in
//!   `xtask/tools/wasm-opt`);
//! - Monaco and esbuild for the page's editor (`npm ci` in `xtask/tools/monaco`).

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::util::{self, cargo_bin_dir, project_root};

/// The trunk release the build is written for (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";

/// The Rust target the app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What a command needs installed.
#[derive(Clone, Copy, Debug)]
pub struct Needs {
    /// Chromium, ChromeDriver and the end-to-end tests' npm packages.
    pub browser: bool,
}

/// Where the installed tools are.
#[derive(Clone, Debug)]
pub struct Tools {
    /// The trunk binary.
    pub trunk: PathBuf,
    /// The `wasm-bindgen-test-runner` binary, from wasm-bindgen-cli.
    pub wasm_bindgen_test_runner: PathBuf,
    /// Chromium and ChromeDriver, when [`Needs::browser`] asked for them.
    pub browser: Option<Browser>,
}

/// A Chromium and the ChromeDriver that drives it.
#[derive(Clone, Debug)]
pub struct Browser {
    /// The Chromium binary.
    pub chromium: PathBuf,
    /// The ChromeDriver binary.
    pub chromedriver: PathBuf,
}

/// Runs `cargo xtask setup [--skip-browser]`.
pub fn run(args: &[String]) -> Result<(), String> {
    util::reject_unknown(args, &["--skip-browser"], &[])?;
    let needs = Needs {
        browser: !args.iter().any(|arg| arg == "--skip-browser"),
    };
    ensure(needs)?;
    println!("setup: everything is installed");
    Ok(())
}

/// Installs what `needs` asks for and is missing; returns where it is.
pub fn ensure(needs: Needs) -> Result<Tools, String> {
    ensure_wasm_target()?;
    let trunk = ensure_trunk()?;
    let wasm_bindgen_test_runner = ensure_wasm_bindgen_cli()?;
    let browser = if needs.browser {
        let browser = ensure_browser()?;
        ensure_e2e_packages()?;
        ensure_wasm_opt()?;
        ensure_monaco_packages()?;
        Some(browser)
    } else {
        None
    };
    Ok(Tools {
        trunk,
        wasm_bindgen_test_runner,
        browser,
    })
}

/// Adds the wasm32 target with rustup unless it is installed.
fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        util::output(util::command("rustup").args(["target", "list", "--installed"]))
            .ok_or("cannot run `rustup target list --installed`: the wasm build needs rustup")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("setup: adding the Rust target {WASM_TARGET} (the app compiles to WebAssembly)");
    util::run(util::command("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs trunk [`TRUNK_VERSION`] into `$CARGO_HOME/bin` unless it is
/// there.
fn ensure_trunk() -> Result<PathBuf, String> {
    let trunk = cargo_bin_dir().join("trunk");
    let wanted = format!("trunk {TRUNK_VERSION}");
    let found = util::version_of(&trunk);
    if found.as_deref() == Some(wanted.as_str()) {
        return Ok(trunk);
    }
    println!(
        "setup: installing trunk {TRUNK_VERSION} (it builds the app; {})",
        why(found.as_deref(), &trunk)
    );
    util::run(util::cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))?;
    Ok(trunk)
}

/// Installs the wasm-bindgen-cli matching the workspace's `wasm-bindgen`
/// into `$CARGO_HOME/bin` unless it is there; returns the test runner.
fn ensure_wasm_bindgen_cli() -> Result<PathBuf, String> {
    let version = pinned_wasm_bindgen()?;
    let bin = cargo_bin_dir();
    let wasm_bindgen = bin.join("wasm-bindgen");
    let runner = bin.join("wasm-bindgen-test-runner");
    let wanted = format!("wasm-bindgen {version}");
    let found = util::version_of(&wasm_bindgen);
    if found.as_deref() == Some(wanted.as_str()) && runner.is_file() {
        return Ok(runner);
    }
    println!(
        "setup: installing wasm-bindgen-cli {version} (trunk and the wasm tests need the version \
         of the pinned wasm-bindgen crate; {})",
        why(found.as_deref(), &wasm_bindgen)
    );
    // Not `--locked`: a dependency in wasm-bindgen-cli's own lock file is
    // gone from crates.io.
    util::run(util::cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    Ok(runner)
}

/// Says why a tool is being installed.
fn why(found: Option<&str>, path: &Path) -> String {
    match found {
        Some(version) => format!("found `{version}` at {}", path.display()),
        None => format!("not found at {}", path.display()),
    }
}

/// The `wasm-bindgen` version the workspace builds with, from `Cargo.lock`.
pub fn pinned_wasm_bindgen() -> Result<String, String> {
    let lock_path = project_root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .map_err(|error| format!("cannot read {}: {error}", lock_path.display()))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| format!("no `wasm-bindgen` package in {}", lock_path.display()))
}

/// The version of package `name` in the text of a `Cargo.lock`.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|rest| rest.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

/// Finds Chromium and ChromeDriver (the `CHROMIUM` and `CHROMEDRIVER`
/// variables win), installing Debian's packages with apt when they are
/// missing and the xtask runs as root.
fn ensure_browser() -> Result<Browser, String> {
    if let Some(browser) = find_browser() {
        return Ok(browser);
    }
    let apt_get = util::find_on_path("apt-get");
    if running_as_root() && apt_get.is_some() {
        println!(
            "setup: installing Chromium and ChromeDriver with apt (the wasm tests and the \
             end-to-end tests run in headless Chromium; not found on PATH)"
        );
        util::run(util::command("apt-get").arg("update"))?;
        util::run(
            util::command("apt-get")
                .args([
                    "install",
                    "-y",
                    "--no-install-recommends",
                    "chromium",
                    "chromium-driver",
                ])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        return find_browser().ok_or_else(|| {
            "apt installed chromium and chromium-driver but `chromium` or `chromedriver` is \
             still not on PATH"
                .to_owned()
        });
    }
    Err(
        "the browser tests need Chromium and ChromeDriver of the same major version, and they \
         are not on PATH: install them (on Debian or Ubuntu: `sudo apt-get install chromium \
         chromium-driver`), or point the variables CHROMIUM and CHROMEDRIVER at them, or run \
         `cargo xtask test --skip-browser`"
            .to_owned(),
    )
}

/// Chromium and ChromeDriver, from the environment or `PATH`.
fn find_browser() -> Option<Browser> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_file())
    };
    let chromium = from_env("CHROMIUM").or_else(|| {
        ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find_map(util::find_on_path)
    })?;
    let chromedriver = from_env("CHROMEDRIVER").or_else(|| util::find_on_path("chromedriver"))?;
    Some(Browser {
        chromium,
        chromedriver,
    })
}

/// Whether the effective user is root (so apt may install packages).
fn running_as_root() -> bool {
    util::output(util::command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// Runs `npm ci` in `tests/e2e` when its packages are missing or stale.
fn ensure_e2e_packages() -> Result<(), String> {
    ensure_npm_packages(&["tests", "e2e"], "the end-to-end tests' npm packages")
}

/// Installs the pinned `binaryen` npm package (`npm ci` in
/// `xtask/tools/wasm-opt`) unless it is there; returns its `wasm-opt`.
pub fn ensure_wasm_opt() -> Result<PathBuf, String> {
    ensure_npm_packages(&["xtask", "tools", "wasm-opt"], "binaryen's wasm-opt")?;
    Ok(project_root()
        .join("xtask")
        .join("tools")
        .join("wasm-opt")
        .join("node_modules")
        .join(".bin")
        .join("wasm-opt"))
}

/// Installs the pinned `monaco-editor` and `esbuild` npm packages (`npm
/// ci` in `xtask/tools/monaco`, whose `build.mjs` bundles the page's Monaco)
/// unless they are there.
pub fn ensure_monaco_packages() -> Result<(), String> {
    ensure_npm_packages(
        &["xtask", "tools", "monaco"],
        "Monaco and esbuild for the editor",
    )
}

/// Runs `npm ci` in the folder `parts` (from the project root) when
/// `node_modules` is missing or was installed from another
/// `package-lock.json`; `what` names the packages in messages.
pub fn ensure_npm_packages(parts: &[&str], what: &str) -> Result<(), String> {
    let relative = parts.join("/");
    let dir = parts
        .iter()
        .fold(project_root(), |path, part| path.join(part));
    let lock = fs::read(dir.join("package-lock.json"))
        .map_err(|error| format!("cannot read {relative}/package-lock.json: {error}"))?;
    let stamp_path = dir.join("node_modules").join(".iamplay-lock-sha256");
    let wanted = hex(&Sha256::digest(&lock));
    let installed = fs::read_to_string(&stamp_path).unwrap_or_default();
    if installed.trim() == wanted {
        return Ok(());
    }
    if util::find_on_path("npm").is_none() || util::find_on_path("node").is_none() {
        return Err(format!(
            "installing {what} needs Node.js 20 or later with npm: install them, or run \
             `cargo xtask test --skip-browser`"
        ));
    }
    let reason = if dir.join("node_modules").is_dir() {
        "package-lock.json changed since the last install".to_owned()
    } else {
        format!("{relative}/node_modules is missing")
    };
    println!("setup: installing {what} with `npm ci` ({reason})");
    util::run(
        util::command("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )?;
    fs::write(&stamp_path, wanted)
        .map_err(|error| format!("cannot write {}: {error}", stamp_path.display()))
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn reads_a_package_version_from_a_lock_file() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\
                    source = \"registry\"\n\n[[package]]\nname = \"wasm-bindgen-macro\"\n\
                    version = \"0.2.131\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-macro").as_deref(),
            Some("0.2.131")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }
}
