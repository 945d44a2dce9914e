//! The built page: `trunk build --release` into `dist/`, and the Monaco
//! worker files trunk's `post_build` hook copies next to it
//! (`cargo xtask monaco-workers`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::setup::Tools;
use crate::util::{self, project_root};

/// The Monaco workers the page loads, by file name in the `monaco` crate's
/// `js/release/` folder: the editor worker (every editor language service)
/// and the JSON worker (policy documents).
pub const MONACO_WORKERS: [&str; 2] = ["editor.worker.js", "json.worker.js"];

/// The folder of the page, relative to the served root, that holds the
/// Monaco workers (`web/monaco-environment.js` asks for them there).
pub const MONACO_WORKER_DIR: &str = "monaco";

/// The folder trunk builds the page into.
pub fn dist_dir() -> PathBuf {
    project_root().join("dist")
}

/// Builds the page in release mode with trunk; returns the `dist` folder.
pub fn build(tools: &Tools) -> Result<PathBuf, String> {
    util::run(
        util::command(&tools.trunk)
            .args(["build", "--release", "--offline"])
            // Trunk's update check is a web request: never make it.
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )?;
    let dist = dist_dir();
    for worker in MONACO_WORKERS {
        let path = dist.join(MONACO_WORKER_DIR).join(worker);
        if !path.is_file() {
            return Err(format!(
                "trunk built the page without {}: did the post_build hook in Trunk.toml run?",
                path.display()
            ));
        }
    }
    Ok(dist)
}

/// Runs `cargo xtask monaco-workers [DIR]`: copies Monaco's editor and JSON
/// workers from the `monaco` crate into `DIR/monaco/`; `DIR` defaults to
/// trunk's staging folder (`$TRUNK_STAGING_DIR`, set for its hooks). The
/// workers are the crate's release build, or its debug build when trunk
/// builds in debug mode (`$TRUNK_PROFILE`), like the editor the app embeds.
pub fn copy_monaco_workers(args: &[String]) -> Result<(), String> {
    let target = match args {
        [] => std::env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .ok_or("give the folder to copy into, or run from a trunk hook (TRUNK_STAGING_DIR)")?,
        [dir] => PathBuf::from(dir),
        _ => return Err("usage: cargo xtask monaco-workers [DIR]".to_owned()),
    };
    let flavour = match std::env::var("TRUNK_PROFILE").as_deref() {
        Ok("debug") => "debug",
        _ => "release",
    };
    let source = monaco_crate_dir()?.join("js").join(flavour);
    let target = target.join(MONACO_WORKER_DIR);
    fs::create_dir_all(&target)
        .map_err(|error| format!("cannot create {}: {error}", target.display()))?;
    for worker in MONACO_WORKERS {
        copy(&source.join(worker), &target.join(worker))?;
    }
    Ok(())
}

/// Copies one file, with an error that names both.
fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to).map(drop).map_err(|error| {
        format!(
            "cannot copy {} to {}: {error}",
            from.display(),
            to.display()
        )
    })
}

/// The folder of the `monaco` crate the app builds with, from
/// `cargo metadata`.
fn monaco_crate_dir() -> Result<PathBuf, String> {
    let text = util::output(util::cargo().args([
        "metadata",
        "--format-version",
        "1",
        "--filter-platform",
        crate::setup::WASM_TARGET,
    ]))
    .ok_or("`cargo metadata` failed")?;
    let metadata: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| format!("cannot read `cargo metadata`: {error}"))?;
    let manifest = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .find(|package| package.get("name").and_then(serde_json::Value::as_str) == Some("monaco"))
        .and_then(|package| package.get("manifest_path"))
        .and_then(serde_json::Value::as_str)
        .ok_or("the workspace does not depend on the `monaco` crate")?;
    Path::new(manifest)
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("odd manifest path `{manifest}` for the `monaco` crate"))
}
