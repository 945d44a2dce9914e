//! The order of the built page, for a first paint at once and a decision
//! soon after:
//! - trunk writes the `<link rel="modulepreload">` of the app's JavaScript
//!   and the `<link rel="preload">` of its `.wasm` at the end of `<head>`,
//!   where the browser fetches them only after the stylesheets; moved
//!   before `<title>` (after the `<meta>` tags, the
//!   Content-Security-Policy among them), the `.wasm` downloads at once;
//!   with them a `<link rel="preload" as="style">` of each stylesheet:
//!   found at the end of `<body>` (below), the browser fetched them one
//!   after the other at a low priority, and the app's start waits for
//!   them (five embeds on one page waited hundreds of milliseconds);
//! - the app's stylesheets (`<link rel="stylesheet">`) block the first
//!   paint from `<head>`; moved to the end of `<body>`, after the shell
//!   (whose own `<style>` stays in `<head>`), they block nothing the shell
//!   needs, and they have long arrived when the app, which needs them,
//!   starts;
//! - the classic script that tells Monaco where its workers are
//!   (`monaco-environment.js`) blocks the parser from `<head>`: it gets
//!   `defer`, and still runs before the app's start module, which deferred
//!   scripts and modules do in the order of the page; and
//!   `fetchpriority="high"`, as the start waits for it: a deferred script is
//!   fetched at a low priority, last of all the page's files (on a page of
//!   five embeds it came 100–300 ms after the `.wasm`);
//! - the module `app-wasm.js` (`web/app-wasm.js`, with the `.wasm`'s
//!   address in `data-wasm`) fetches the `.wasm`, on a page of several
//!   embeds once for all of them (each embed's preload fetched it again);
//!   trunk's preload of it stays for page-sized windows only; the start
//!   module imports it first, so that it has always replaced `fetch` by
//!   the time the start asks for the `.wasm`.
//!
//! After this order, `files_after_shell` takes the scripts and the
//! preloads of code out of `<head>` again, so that the browser asks for
//! them once the shell is painted; the order among them stays this one.

use std::fs;
use std::path::Path;

/// The module that fetches the app's `.wasm` (copied from `web/` by
/// trunk), relative to `dist/`.
const APP_WASM_SCRIPT: &str = "app-wasm.js";

/// Reorders `dist/index.html`: preloads first, stylesheets last, the
/// `.wasm` fetched by [`APP_WASM_SCRIPT`] when the build has it.
pub fn reorder(dist: &Path) -> Result<(), String> {
    let path = dist.join("index.html");
    let page = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let page = if dist.join(APP_WASM_SCRIPT).is_file() {
        start_after_wasm_script(dist, &wasm_fetched_by(&page, APP_WASM_SCRIPT))?
    } else {
        page
    };
    if let Some((_, wasm)) = app_wasm_preload(&page) {
        name_wasm_in_embed_script(&dist.join(EMBED_SCRIPT), wasm)?;
    }
    fs::write(&path, deferred(&stylesheets_last(&hoisted(&page))))
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The frames whose page preloads the `.wasm`: a page-sized window. An
/// embed is shorter (`embed.js` makes 420 px by default, the share
/// dialog's code 520 px): it leaves the fetch to the module, which shares
/// it with the page's other embeds.
const WASM_PRELOAD_MEDIA: &str = "(min-height: 600px)";

/// `page` with the module `script` (a path from the page's root) that
/// fetches the app's `.wasm`, told its address in `data-wasm`, before
/// `<title>`, `async`: it runs as soon as it arrives, ahead of trunk's
/// start module, which waits for the stylesheets and then asks for the
/// `.wasm` (the module checks that it is ahead). Trunk's `<link
/// rel="preload" ... as="fetch">` of the `.wasm` stays for a page-sized
/// window ([`WASM_PRELOAD_MEDIA`]): the full page's download starts with
/// the page (the module's fetch takes the preload's response).
/// Unchanged without such a preload or a `<title>`.
fn wasm_fetched_by(page: &str, script: &str) -> String {
    let Some((tag, href)) = app_wasm_preload(page) else {
        return page.to_owned();
    };
    let media = tag.replacen(
        "<link rel=\"preload\"",
        &format!("<link rel=\"preload\" media=\"{WASM_PRELOAD_MEDIA}\""),
        1,
    );
    let mut out = page.replacen(tag, &media, 1);
    let Some(title) = out.find("<title>") else {
        return page.to_owned();
    };
    out.insert_str(
        title,
        &format!(
            "<script type=\"module\" async src=\"/{script}\" data-wasm=\"{href}\"></script>\n    "
        ),
    );
    out
}

/// The opening of the start script's tag (`cargo xtask start-script`).
const START_TAG: &str = "<script type=\"module\" src=\"/start-";

/// `page` with its start script importing [`APP_WASM_SCRIPT`] first: the
/// module then has replaced `fetch` before the start asks for the `.wasm`.
/// Loaded `async`, the module usually runs long before the start, but not
/// always: an embed whose other files came from the browser's cache
/// started before it and fetched the `.wasm` itself, beside the one the
/// page lends (seen once in the end-to-end tests). The import is the same
/// module, run once. The start script gets a new name from its new
/// content, as the server sends it as immutable.
fn start_after_wasm_script(dist: &Path, page: &str) -> Result<String, String> {
    let Some(at) = page.find(START_TAG) else {
        return Ok(page.to_owned());
    };
    let name_start = at + START_TAG.len() - "start-".len();
    let Some(name_len) = page.get(name_start..).and_then(|rest| rest.find('"')) else {
        return Ok(page.to_owned());
    };
    let old_name = &page[name_start..name_start + name_len];
    let old_path = dist.join(old_name);
    let script = fs::read_to_string(&old_path)
        .map_err(|error| format!("cannot read {}: {error}", old_path.display()))?;
    let import = format!("import \"./{APP_WASM_SCRIPT}\";\n");
    if script.starts_with(&import) {
        return Ok(page.to_owned());
    }
    let script = format!("{import}{script}");
    let new_name = crate::site::start_script_name(&script);
    fs::write(dist.join(&new_name), script)
        .map_err(|error| format!("cannot write {new_name}: {error}"))?;
    fs::remove_file(&old_path)
        .map_err(|error| format!("cannot remove {}: {error}", old_path.display()))?;
    Ok(page.replacen(old_name, &new_name, 1))
}

/// Trunk's `<link rel="preload" ... as="fetch">` of the app's `.wasm`
/// in `page`, and its address.
fn app_wasm_preload(page: &str) -> Option<(&str, &str)> {
    let opening = "<link rel=\"preload\"";
    let mut from = 0;
    while let Some(at) = page.get(from..)?.find(opening) {
        let start = from + at;
        let end = start + page.get(start..)?.find('>')? + 1;
        let tag = page.get(start..end)?;
        if let Some(href) = attribute(tag, "href").filter(|href| href.ends_with(".wasm"))
            && attribute(tag, "as") == Some("fetch")
        {
            return Some((tag, href));
        }
        from = end;
    }
    None
}

/// The script that turns a documentation page's blocks into embeds
/// (`web/embed.js`, copied by trunk), relative to `dist/`.
const EMBED_SCRIPT: &str = "embed.js";

/// The line of [`EMBED_SCRIPT`] that the build gives the `.wasm`'s name.
const EMBED_WASM_LINE: &str = "const APP_WASM = null;";

/// Writes the app's `.wasm` address `wasm` (from the page's root) into
/// the embed script at `path`, relative to the script's folder: on a
/// page of the playground's own origin it fetches the `.wasm` once for
/// all its embeds as soon as it makes the first (`web/embed.js`). An
/// error when the script lacks [`EMBED_WASM_LINE`]; nothing without the
/// script.
fn name_wasm_in_embed_script(path: &Path, wasm: &str) -> Result<(), String> {
    let Ok(script) = fs::read_to_string(path) else {
        return Ok(());
    };
    if !script.contains(EMBED_WASM_LINE) {
        return Err(format!(
            "{} has no line `{EMBED_WASM_LINE}` for the build to name the app's .wasm in",
            path.display()
        ));
    }
    let named = script.replacen(
        EMBED_WASM_LINE,
        &format!("const APP_WASM = \"{}\";", wasm.trim_start_matches('/')),
        1,
    );
    fs::write(path, named).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The value of the double-quoted attribute `name` of `tag`.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = tag.get(start..)?;
    value.get(..value.find('"')?)
}

/// Cuts every tag starting with `opening` out of `page`; returns the page
/// and the tags.
fn cut_tags(page: &str, opening: &str) -> (String, Vec<String>) {
    let mut rest = page.to_owned();
    let mut tags = Vec::new();
    while let Some(start) = rest.find(opening) {
        let Some(end) = rest.get(start..).and_then(|tag| tag.find('>')) else {
            break;
        };
        let end = start + end + 1;
        tags.push(rest.get(start..end).unwrap_or_default().to_owned());
        rest.replace_range(start..end, "");
    }
    (rest, tags)
}

/// `page` with `defer` (and a high fetch priority) on every classic
/// `<script src>` (not a module, not already `defer` or `async`).
fn deferred(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + 16);
    let mut rest = page;
    while let Some(start) = rest.find("<script ") {
        let (before, tag) = rest.split_at(start);
        out.push_str(before);
        let end = tag.find('>').map_or(tag.len(), |end| end + 1);
        let (opening, after) = tag.split_at(end);
        let classic = opening.contains(" src=")
            && !opening.contains("type=\"module\"")
            && !opening.contains(" defer")
            && !opening.contains(" async");
        if classic {
            out.push_str("<script defer fetchpriority=\"high\" ");
            out.push_str(opening.get("<script ".len()..).unwrap_or_default());
        } else {
            out.push_str(opening);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `page` with every stylesheet link moved to the end of `<body>`.
fn stylesheets_last(page: &str) -> String {
    let (mut rest, links) = cut_tags(page, "<link rel=\"stylesheet\"");
    match rest.rfind("</body>") {
        Some(end) if !links.is_empty() => {
            let mut block = links.join("\n    ");
            block.insert_str(0, "  ");
            block.push_str("\n  ");
            rest.insert_str(end, &block);
            rest
        }
        _ => page.to_owned(),
    }
}

/// `page` with every preload link moved before `<title>`, followed by a
/// preload of each stylesheet.
fn hoisted(page: &str) -> String {
    let (rest, mut links) = cut_tags(page, "<link rel=\"modulepreload\"");
    let (mut rest, preloads) = cut_tags(&rest, "<link rel=\"preload\"");
    links.extend(preloads);
    let (_, stylesheets) = cut_tags(&rest, "<link rel=\"stylesheet\"");
    links.extend(
        stylesheets
            .iter()
            .map(|tag| tag.replacen("rel=\"stylesheet\"", "rel=\"preload\" as=\"style\"", 1)),
    );
    match rest.find("<title>") {
        Some(title) if !links.is_empty() => {
            let mut block = links.join("\n    ");
            block.push_str("\n    ");
            rest.insert_str(title, &block);
            rest
        }
        _ => page.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        EMBED_WASM_LINE, app_wasm_preload, deferred, hoisted, name_wasm_in_embed_script,
        start_after_wasm_script, stylesheets_last, wasm_fetched_by,
    };

    #[test]
    fn the_wasm_preload_becomes_the_module_that_fetches_it() {
        let page = "<head><title>T</title><link rel=\"modulepreload\" href=\"/app.js\"><script type=\"module\" src=\"/start.js\"></script>\
                    <link rel=\"preload\" href=\"/app_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-x\" as=\"fetch\" \
                    type=\"application/wasm\"></head>";
        let fetched = wasm_fetched_by(page, "app-wasm.js");
        assert_eq!(
            fetched,
            "<head><script type=\"module\" async src=\"/app-wasm.js\" data-wasm=\"/app_bg.wasm\"></script>\n    \
             <title>T</title><link rel=\"modulepreload\" href=\"/app.js\"><script type=\"module\" src=\"/start.js\"></script>\
             <link rel=\"preload\" media=\"(min-height: 600px)\" href=\"/app_bg.wasm\" crossorigin=\"anonymous\" \
             integrity=\"sha384-x\" as=\"fetch\" type=\"application/wasm\"></head>"
        );
        // Hoisted with the preloads, it stays before the start module.
        let hoisted = hoisted(&fetched);
        let module = hoisted.find("src=\"/app-wasm.js\"").expect("the module");
        assert!(
            module < hoisted.find("src=\"/start.js\"").expect("the start"),
            "{hoisted}"
        );
        // A stylesheet's preload, or none: unchanged.
        let styles = "<head><link rel=\"preload\" as=\"style\" href=\"/s.css\"></head>";
        assert_eq!(wasm_fetched_by(styles, "app-wasm.js"), styles);
    }

    #[test]
    fn classic_scripts_are_deferred_and_modules_left_alone() {
        let page = "<script src=\"/env.js\" integrity=\"x\"></script><script type=\"module\" src=\"/start.js\"></script>\
                    <script defer src=\"/d.js\"></script>";
        assert_eq!(
            deferred(page),
            "<script defer fetchpriority=\"high\" src=\"/env.js\" integrity=\"x\"></script><script type=\"module\" src=\"/start.js\"></script>\
             <script defer src=\"/d.js\"></script>"
        );
    }

    #[test]
    fn stylesheets_move_to_the_end_of_the_body() {
        let page = "<head><style>.shell{}</style><link rel=\"stylesheet\" href=\"/a.css\"><link rel=\"stylesheet\" href=\"/b.css\"></head>\
                    <body><div id=\"shell\"></div>\n</body>";
        assert_eq!(
            stylesheets_last(page),
            "<head><style>.shell{}</style></head><body><div id=\"shell\"></div>\n  \
             <link rel=\"stylesheet\" href=\"/a.css\">\n    <link rel=\"stylesheet\" href=\"/b.css\">\n  </body>"
        );
        assert_eq!(stylesheets_last("<body></body>"), "<body></body>");
    }

    #[test]
    fn preloads_move_before_the_title() {
        let page = "<head><meta charset=\"utf-8\" /><title>T</title><link rel=\"stylesheet\" href=\"/s.css\">\
                    <link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\"></head>";
        assert_eq!(
            hoisted(page),
            "<head><meta charset=\"utf-8\" /><link rel=\"modulepreload\" href=\"/app.js\">\n    \
             <link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\">\n    \
             <link rel=\"preload\" as=\"style\" href=\"/s.css\">\n    <title>T</title>\
             <link rel=\"stylesheet\" href=\"/s.css\"></head>"
        );
        assert_eq!(hoisted("<head></head>"), "<head></head>");
    }

    #[test]
    fn the_embed_script_is_told_the_wasm_of_the_page() {
        let page = "<head><link rel=\"preload\" href=\"/iamplay-app-1_bg.wasm\" as=\"fetch\" type=\"application/wasm\"></head>";
        let (_, wasm) = app_wasm_preload(page).expect("the preload");
        assert_eq!(wasm, "/iamplay-app-1_bg.wasm");
        let dir = std::env::temp_dir().join(format!("iamplay-embed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let script = dir.join("embed.js");
        std::fs::write(&script, format!("const A = 1;\n{EMBED_WASM_LINE}\n")).expect("written");
        name_wasm_in_embed_script(&script, wasm).expect("named");
        let named = std::fs::read_to_string(&script).expect("read");
        std::fs::write(&script, "const A = 1;\n").expect("written");
        let missing = name_wasm_in_embed_script(&script, wasm);
        std::fs::remove_dir_all(&dir).expect("removed");
        assert_eq!(
            named,
            "const A = 1;\nconst APP_WASM = \"iamplay-app-1_bg.wasm\";\n"
        );
        assert!(missing.is_err(), "a script without the line is an error");
    }

    #[test]
    fn the_start_imports_the_wasm_module_first_under_a_new_name() {
        let dir = std::env::temp_dir().join(format!("iamplay-start-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        std::fs::write(
            dir.join("start-1.js"),
            "import init from '/app.js';\nawait init();\n",
        )
        .expect("written");
        let page = "<body><script type=\"module\" src=\"/start-1.js\"></script></body>";
        let once = start_after_wasm_script(&dir, page).expect("rewritten");
        let again = start_after_wasm_script(&dir, &once).expect("a second run");
        let name = once
            .split("src=\"/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the start's name")
            .to_owned();
        let script = std::fs::read_to_string(dir.join(&name)).expect("the new start");
        let old_left = dir.join("start-1.js").exists();
        std::fs::remove_dir_all(&dir).expect("removed");
        assert_ne!(name, "start-1.js", "a new name for new content");
        assert!(
            name.starts_with("start-") && name.ends_with(".js"),
            "{name}"
        );
        assert_eq!(
            script,
            "import \"./app-wasm.js\";\nimport init from '/app.js';\nawait init();\n"
        );
        assert!(!old_left, "the old start is gone");
        assert_eq!(again, once, "a second run changes nothing");
    }
}
