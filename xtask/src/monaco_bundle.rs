//! The page's Monaco: `xtask/tools/monaco/editor.js` (the editor with the
//! features the playground uses and only the JSON language, of the same
//! Monaco as the `monaco` crate's bundle) bundled with the pinned esbuild
//! (`xtask/tools/monaco/build.mjs`, which also leaves the diff editor out) into
//! the built page's `monaco/` folder: `editor.js`, `editor.css` (which the
//! stand-in, `web/monaco-loader.js`, loads beside it) and the codicon font
//! the CSS names. The crate's own bundle carries every
//! language Monaco has and is only read for the names it exports
//! (`lazy_monaco.rs`).

use std::path::{Path, PathBuf};

use crate::setup;
use crate::util::{self, project_root};

/// The files the bundle writes, by name in the built page's `monaco/`.
pub const BUNDLE_FILES: [&str; 3] = ["editor.js", "editor.css", "codicon.ttf"];

/// Bundles Monaco into `out` (the built page's `monaco/` folder), after
/// installing the pinned `monaco-editor` and `esbuild` if they are not.
pub fn bundle(out: &Path) -> Result<(), String> {
    setup::ensure_monaco_packages()?;
    util::run(
        util::command("node")
            .args(build_args(out))
            .current_dir(source_dir()),
    )?;
    for file in BUNDLE_FILES {
        if !out.join(file).is_file() {
            return Err(format!(
                "esbuild did not write {}: did xtask/tools/monaco/editor.js change what it imports?",
                out.join(file).display()
            ));
        }
    }
    Ok(())
}

/// The folder of the entry module and its npm packages.
pub fn source_dir() -> PathBuf {
    project_root().join("xtask").join("tools").join("monaco")
}

/// Node's arguments: the build script (esbuild's settings are there) and
/// the folder it writes into.
fn build_args(out: &Path) -> Vec<String> {
    vec!["build.mjs".to_owned(), out.display().to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_script_writes_one_module_into_the_folder() {
        assert_eq!(
            build_args(Path::new("/dist/monaco")),
            ["build.mjs", "/dist/monaco"]
        );
        let script = std::fs::read_to_string(source_dir().join("build.mjs")).expect("script");
        assert!(script.contains("entryPoints: [\"editor.js\"]"), "{script}");
        assert!(script.contains("format: \"esm\""), "{script}");
        assert!(
            !script.contains("splitting:"),
            "one module: the stand-in imports editor.js alone"
        );
    }

    #[test]
    fn the_entry_module_exists_and_takes_the_json_language_only() {
        let entry = std::fs::read_to_string(source_dir().join("editor.js")).expect("entry");
        assert!(entry.contains("language/json/monaco.contribution.js"));
        assert!(entry.contains("export * from \"monaco-editor/esm/vs/editor/editor.api.js\""));
        for other in [
            "basic-languages",
            "language/css",
            "language/html",
            "language/typescript",
        ] {
            assert!(!entry.contains(other), "the entry imports {other}");
        }
    }
}
