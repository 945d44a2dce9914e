//! The built page: `trunk build --release` into `dist/`, the Monaco
//! worker files trunk's `post_build` hook copies next to it
//! (`cargo xtask monaco-workers`), and the start script another hook moves
//! out of the page (`cargo xtask start-script`) so that its
//! Content-Security-Policy can forbid inline scripts. Then, once trunk is
//! done: Monaco bundled from `xtask/tools/monaco` into `monaco/`
//! (`monaco_bundle.rs`) and deferred until the first editor
//! (`lazy_monaco.rs`), the
//! preloads of the app's JavaScript and `.wasm` moved to the top of the
//! page and its stylesheets after the shell (`page_order.rs`), then the
//! scripts and preloads listed after the shell, asked for once it is
//! painted (`files_after_shell.rs`), the app's
//! `.wasm` through `wasm-opt`
//! (`optimize.rs`), and `.gz` and `.br` copies beside every file
//! (`precompress.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::setup::{self, Needs, Tools};
use crate::size::human;
use crate::util::{self, project_root};
use crate::{
    files_after_shell, lazy_monaco, monaco_bundle, optimize, page_order, precompress,
    relative_urls, stylesheet_bundle,
};

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

/// Runs `cargo xtask build`: installs what is missing and builds the
/// page into `dist/`.
pub fn run(args: &[String]) -> Result<(), String> {
    util::reject_unknown(args, &[], &[])?;
    let dist = build(&setup::ensure(Needs { browser: false })?)?;
    println!("built the playground into {}", dist.display());
    Ok(())
}

/// Builds the page in release mode with trunk and finishes it (Monaco
/// bundled and deferred, the `.wasm` optimized, every file precompressed); returns the
/// `dist` folder.
pub fn build(tools: &Tools) -> Result<PathBuf, String> {
    util::run(
        util::command(&tools.trunk)
            .args(["build", "--release", "--offline"])
            // Trunk's update check is a web request: never make it.
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )?;
    let dist = dist_dir();
    let page = fs::read_to_string(dist.join("index.html"))
        .map_err(|error| format!("cannot read the built page: {error}"))?;
    if !inline_scripts(&page).is_empty() {
        return Err(
            "trunk built the page with an inline script: did the start-script hook in Trunk.toml run?"
                .to_owned(),
        );
    }
    for worker in MONACO_WORKERS {
        let path = dist.join(MONACO_WORKER_DIR).join(worker);
        if !path.is_file() {
            return Err(format!(
                "trunk built the page without {}: did the post_build hook in Trunk.toml run?",
                path.display()
            ));
        }
    }
    monaco_bundle::bundle(&dist.join(MONACO_WORKER_DIR))?;
    lazy_monaco::defer_editor(&dist)?;
    stylesheet_bundle::bundle(&dist)?;
    page_order::reorder(&dist)?;
    files_after_shell::list_after_shell(&dist)?;
    let (before, after) = optimize::optimize_wasm(&dist)?;
    println!(
        "wasm-opt: the app's .wasm from {} to {}",
        human(before),
        human(after)
    );
    relative_urls::make_relative(&dist)?;
    let count = precompress::precompress(&dist)?;
    println!("precompressed {count} files (.gz and .br beside each)");
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
        setup::WASM_TARGET,
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

/// Runs `cargo xtask start-script [DIR]`: moves the inline module script
/// trunk writes into `DIR/index.html` to start the wasm app into a file of
/// its own, `DIR/start-<hash>.js`, loaded with `<script type="module"
/// src>`, so that the page's Content-Security-Policy (`script-src 'self'`)
/// needs no `'unsafe-inline'` nor hash. `DIR` defaults to trunk's staging
/// folder (`$TRUNK_STAGING_DIR`, set for its hooks). Fails if the page has
/// any other inline script.
pub fn externalize_start_script(args: &[String]) -> Result<(), String> {
    let dir = match args {
        [] => std::env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .ok_or("give the folder of the page, or run from a trunk hook (TRUNK_STAGING_DIR)")?,
        [dir] => PathBuf::from(dir),
        _ => return Err("usage: cargo xtask start-script [DIR]".to_owned()),
    };
    let path = dir.join("index.html");
    let page = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let scripts = inline_scripts(&page);
    let [(start, end)] = scripts.as_slice() else {
        return Err(format!(
            "{} has {} inline scripts; expected only trunk's start script",
            path.display(),
            scripts.len()
        ));
    };
    let tag = page.get(*start..*end).unwrap_or_default();
    if !tag.contains("type=\"module\"") {
        return Err(format!(
            "the inline script of {} is not a module: `{tag}`",
            path.display()
        ));
    }
    let body = tag
        .split_once('>')
        .and_then(|(_, rest)| rest.rsplit_once("</script>"))
        .map(|(body, _)| body.trim())
        .unwrap_or_default();
    let file = start_script_name(&format!("{body}\n"));
    fs::write(dir.join(&file), format!("{body}\n"))
        .map_err(|error| format!("cannot write {file}: {error}"))?;
    let page = format!(
        "{}<script type=\"module\" src=\"/{file}\"></script>{}",
        page.get(..*start).unwrap_or_default(),
        page.get(*end..).unwrap_or_default()
    );
    fs::write(&path, page).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The file name of the start script `script`: `start-` and the first
/// eight bytes of its SHA-256 in hex, so that new content gets a new name
/// (the server sends the file as immutable).
pub(crate) fn start_script_name(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("start-{hash}.js")
}

/// The byte ranges of the `<script>…</script>` elements of `page` that
/// have no `src`.
fn inline_scripts(page: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = page.get(from..).and_then(|rest| rest.find("<script")) {
        let start = from + offset;
        let Some(close) = page.get(start..).and_then(|rest| rest.find("</script>")) else {
            break;
        };
        let end = start + close + "</script>".len();
        let opening = page
            .get(start..end)
            .and_then(|tag| tag.split_once('>'))
            .map_or("", |(opening, _)| opening);
        if !opening.contains(" src=") {
            found.push((start, end));
        }
        from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scripts_without_src_are_inline() {
        let page = "<script src=\"/a.js\"></script>\n<script type=\"module\">\nimport init from '/b.js';\n</script>";
        let scripts = inline_scripts(page);
        assert_eq!(scripts.len(), 1);
        let (start, end) = scripts[0];
        assert!(page[start..end].starts_with("<script type=\"module\">"));
    }

    #[test]
    fn the_start_script_moves_into_a_file() {
        let dir = std::env::temp_dir().join(format!("xtask-start-script-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a temporary folder");
        let page = "<head><script src=\"/env.js\"></script>\n<script type=\"module\">\nimport init from '/app.js';\nawait init();\n</script></head>";
        fs::write(dir.join("index.html"), page).expect("write the page");
        externalize_start_script(&[dir.display().to_string()]).expect("moved");
        let moved = fs::read_to_string(dir.join("index.html")).expect("read the page");
        assert!(inline_scripts(&moved).is_empty(), "{moved}");
        let file = fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with("start-"))
            .expect("the start script");
        let name = file.file_name().to_string_lossy().into_owned();
        assert!(moved.contains(&format!(
            "<script type=\"module\" src=\"/{name}\"></script>"
        )));
        assert_eq!(
            fs::read_to_string(file.path()).expect("read"),
            "import init from '/app.js';\nawait init();\n"
        );
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
