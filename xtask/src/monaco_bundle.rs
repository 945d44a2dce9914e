//! The page's Monaco: `tools/monaco/editor.js` (the editor with the
//! features the playground uses and only the JSON language, of the same
//! Monaco as the `monaco` crate's bundle) bundled with the pinned esbuild
//! into the built page's `monaco/` folder: `editor.js`, `editor.css`
//! (which the stand-in, `web/monaco-loader.js`, loads beside it) and the
//! codicon font the CSS names. The crate's own bundle carries every
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
    let esbuild = setup::ensure_monaco_packages()?;
    let dir = source_dir();
    util::run(
        util::command(&esbuild)
            .args(esbuild_args(out))
            .current_dir(&dir),
    )?;
    for file in BUNDLE_FILES {
        if !out.join(file).is_file() {
            return Err(format!(
                "esbuild did not write {}: did tools/monaco/editor.js change what it imports?",
                out.join(file).display()
            ));
        }
    }
    Ok(())
}

/// The folder of the entry module and its npm packages.
pub fn source_dir() -> PathBuf {
    project_root().join("tools").join("monaco")
}

/// esbuild's arguments: one minified ES module (Monaco's lazily imported
/// JSON mode inlined, as esbuild does without code splitting), its CSS in
/// `editor.css`, the font as a file of its own (fetched only once a codicon
/// shows), licence comments kept at the end of each file.
fn esbuild_args(out: &Path) -> Vec<String> {
    vec![
        "editor.js".to_owned(),
        "--bundle".to_owned(),
        "--minify".to_owned(),
        "--format=esm".to_owned(),
        "--loader:.ttf=file".to_owned(),
        "--asset-names=[name]".to_owned(),
        "--legal-comments=eof".to_owned(),
        "--log-level=warning".to_owned(),
        format!("--outdir={}", out.display()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esbuild_writes_one_module_and_its_css_into_the_folder() {
        let args = esbuild_args(Path::new("/dist/monaco"));
        assert_eq!(args.first().map(String::as_str), Some("editor.js"));
        assert!(
            args.contains(&"--outdir=/dist/monaco".to_owned()),
            "{args:?}"
        );
        assert!(args.contains(&"--format=esm".to_owned()), "{args:?}");
        assert!(
            !args.iter().any(|arg| arg.starts_with("--splitting")),
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
