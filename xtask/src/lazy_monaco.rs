//! Monaco on demand: after trunk has built the page and Monaco has been
//! bundled into `monaco/` (`monaco_bundle.rs`), puts the small stand-in
//! `web/monaco-loader.js` in place of the `monaco` crate's own `editor.js`
//! (which the crate's bindings import and trunk copies to
//! `snippets/monaco-<hash>/js/<profile>/editor.js`), exporting every name
//! that module exports (the bundle must export each one too), and points
//! the page's `<link rel="modulepreload">` of it at the stand-in (1 KB: the
//! app's module graph needs it before it starts, and found only once the
//! app's JavaScript is parsed it came late, most of all on a page of
//! several embeds sharing the browser's connections). The app then starts
//! and decides without Monaco, and loads the bundle when it shows its
//! first editor (see the stand-in's comments).

use std::fs;
use std::path::{Path, PathBuf};

use crate::optimize::integrity;
use crate::site::MONACO_WORKER_DIR;
use crate::util::project_root;

/// The file name of Monaco's module, in the `monaco` crate and in
/// [`MONACO_WORKER_DIR`] of the built page.
const EDITOR_FILE: &str = "editor.js";

/// The line of `web/monaco-loader.js` that the exports replace.
const EXPORTS_MARK: &str = "/* EXPORTS */";

/// Defers Monaco in the page built into `dist`, whose `monaco/editor.js`
/// is the bundle.
pub fn defer_editor(dist: &Path) -> Result<(), String> {
    let snippet = find_snippet(&dist.join("snippets"))?.ok_or(
        "the built page has no snippets/monaco-*/js/*/editor.js: did trunk build the app?",
    )?;
    let imported = fs::read_to_string(&snippet)
        .map_err(|error| format!("cannot read {}: {error}", snippet.display()))?;
    if imported.contains("MonacoEnvironment.loadEditor = loadEditor") {
        // Already the stand-in (a second run on the same folder).
        return Ok(());
    }
    let names = exported_names(&imported).ok_or_else(|| {
        format!(
            "cannot find the export list at the end of {}",
            snippet.display()
        )
    })?;
    let bundle_path = dist.join(MONACO_WORKER_DIR).join(EDITOR_FILE);
    let bundle = fs::read_to_string(&bundle_path)
        .map_err(|error| format!("cannot read {}: {error}", bundle_path.display()))?;
    let missing = missing_exports(&names, &bundle);
    if !missing.is_empty() {
        return Err(format!(
            "{} does not export {}, which the `monaco` crate's bindings import: \
             export it from xtask/tools/monaco/editor.js",
            bundle_path.display(),
            missing.join(", ")
        ));
    }
    let template_path = project_root().join("web").join("monaco-loader.js");
    let template = fs::read_to_string(&template_path)
        .map_err(|error| format!("cannot read {}: {error}", template_path.display()))?;
    let stand_in = stand_in(&template, &names)?;
    fs::write(&snippet, &stand_in)
        .map_err(|error| format!("cannot write {}: {error}", snippet.display()))?;

    let page_path = dist.join("index.html");
    let page = fs::read_to_string(&page_path)
        .map_err(|error| format!("cannot read {}: {error}", page_path.display()))?;
    let relative = snippet
        .strip_prefix(dist)
        .map_err(|_| "the snippet is outside the page's folder".to_owned())?
        .to_string_lossy()
        .replace('\\', "/");
    let preloaded = preload_of_stand_in(&page, &relative, &integrity(stand_in.as_bytes()));
    fs::write(&page_path, preloaded)
        .map_err(|error| format!("cannot write {}: {error}", page_path.display()))
}

/// The `editor.js` under `snippets/monaco-*/js/*/`, if any.
fn find_snippet(snippets: &Path) -> Result<Option<PathBuf>, String> {
    let Ok(entries) = fs::read_dir(snippets) else {
        return Ok(None);
    };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with("monaco-") {
            continue;
        }
        let js = entry.path().join("js");
        let flavours =
            fs::read_dir(&js).map_err(|error| format!("cannot list {}: {error}", js.display()))?;
        for flavour in flavours.flatten() {
            let file = flavour.path().join(EDITOR_FILE);
            if file.is_file() {
                return Ok(Some(file));
            }
        }
    }
    Ok(None)
}

/// The names of `wanted` that the minified module `bundle` does not export.
fn missing_exports(wanted: &[String], bundle: &str) -> Vec<String> {
    let exported = exported_names(bundle).unwrap_or_default();
    wanted
        .iter()
        .filter(|name| !exported.contains(name))
        .cloned()
        .collect()
}

/// The names a minified module exports in its final
/// `export{a as Name,b as Other};`.
fn exported_names(module: &str) -> Option<Vec<String>> {
    let start = module.rfind("export{")? + "export{".len();
    let end = start + module.get(start..)?.find('}')?;
    let names: Vec<String> = module
        .get(start..end)?
        .split(',')
        .map(|item| {
            item.rsplit_once(" as ")
                .map_or(item, |(_, name)| name)
                .trim()
                .to_owned()
        })
        .filter(|name| !name.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The stand-in module: the template with its exports line filled in.
fn stand_in(template: &str, names: &[String]) -> Result<String, String> {
    if !names.iter().any(|name| name == "editor") {
        return Err("Monaco's module does not export `editor`".to_owned());
    }
    let list = names.join(", ");
    let exports = format!(
        "export let {list};\n\n// Sets every export from the real module.\nfunction assign(real) {{\n  ({{ {list} }} = real);\n}}"
    );
    if !template.contains(EXPORTS_MARK) {
        return Err(format!("web/monaco-loader.js has no {EXPORTS_MARK} line"));
    }
    Ok(template.replacen(EXPORTS_MARK, &exports, 1))
}

/// `page` with its `<link rel="modulepreload" href="/PATH" ...>` (trunk's,
/// with the real module's integrity) made the stand-in's preload.
fn preload_of_stand_in(page: &str, path: &str, integrity: &str) -> String {
    let needle = format!("href=\"/{path}\"");
    let Some(at) = page.find(&needle) else {
        return page.to_owned();
    };
    let start = page
        .get(..at)
        .and_then(|before| before.rfind("<link"))
        .unwrap_or(at);
    let end = page
        .get(at..)
        .and_then(|after| after.find('>'))
        .map_or(at, |close| at + close + 1);
    format!(
        "{}<link rel=\"modulepreload\" href=\"/{path}\" crossorigin=\"anonymous\" integrity=\"{integrity}\">{}",
        page.get(..start).unwrap_or_default(),
        page.get(end..).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_list_is_read_from_the_end_of_the_module() {
        let module = "var x={};export{xH as CancellationTokenSource,OH as editor,FH as languages};";
        assert_eq!(
            exported_names(module).expect("names"),
            ["CancellationTokenSource", "editor", "languages"]
        );
        assert_eq!(exported_names("var x = 1;"), None);
    }

    #[test]
    fn every_name_the_bindings_import_must_be_exported_by_the_bundle() {
        let wanted = [
            "Uri".to_owned(),
            "editor".to_owned(),
            "languages".to_owned(),
        ];
        let bundle =
            "var a;export{b as Uri,c as editor,d as languages,e as Range};\n/*! licence */";
        assert!(missing_exports(&wanted, bundle).is_empty());
        assert_eq!(
            missing_exports(&wanted, "export{c as editor};"),
            ["Uri", "languages"]
        );
        assert_eq!(missing_exports(&wanted, "var a;").len(), 3);
    }

    #[test]
    fn the_stand_in_declares_and_assigns_every_export() {
        let names = ["Uri".to_owned(), "editor".to_owned()];
        let module = stand_in("// head\n/* EXPORTS */\neditor = {};\n", &names).expect("filled");
        assert!(module.contains("export let Uri, editor;"), "{module}");
        assert!(module.contains("({ Uri, editor } = real);"), "{module}");
        assert!(stand_in("/* EXPORTS */", &["Uri".to_owned()]).is_err());
    }

    #[test]
    fn the_preload_of_monaco_preloads_the_stand_in() {
        let page = "<head><link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"modulepreload\" \
                    href=\"/snippets/monaco-1/js/release/editor.js\" integrity=\"x\"></head>";
        assert_eq!(
            preload_of_stand_in(page, "snippets/monaco-1/js/release/editor.js", "sha384-y"),
            "<head><link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"modulepreload\" \
             href=\"/snippets/monaco-1/js/release/editor.js\" crossorigin=\"anonymous\" integrity=\"sha384-y\"></head>"
        );
    }
}
