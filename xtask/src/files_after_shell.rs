//! The page's scripts and their preloads asked for once the shell is
//! on screen, not while it is laid out and painted.
//!
//! Listed in `<head>`, the browser's preload scanner asks for them as
//! soon as the page's first bytes arrive: the `.wasm` (1.9 MB to
//! decompress, hash and compile), Monaco's module and the app's
//! JavaScript then take the machine's cores while the shell's first
//! layout runs (16–26 ms with the downloads, 12 ms without, on two
//! cores), and the first paint came 84–104 ms after the page was asked
//! for, against 56–68 ms for the shell without them. They now wait in a
//! `<template id="page-files">` after the shell, which the preload
//! scanner does not read, and `web/page-files.js`, a classic script right
//! after it, adds them to `<head>` once the shell's first paint is
//! reported: the same elements, in the same order (interleaved cold
//! loads, 11 each: first paint a median 72–76 ms against 84–88 ms from
//! `<head>`, the decision on screen as soon).
//!
//! The stylesheets stay where `page_order.rs` put them (their preloads in
//! `<head>`, the stylesheets themselves after the shell): the app needs
//! them before it replaces the shell, and they cost the first paint
//! nothing measurable.

use std::fs;
use std::path::Path;

/// The script that adds the listed files to `<head>` (`web/page-files.js`,
/// copied by trunk), relative to `dist/`.
const PAGE_FILES_SCRIPT: &str = "page-files.js";

/// The `id` of the `<template>` that lists the page's files.
const TEMPLATE_ID: &str = "page-files";

/// Moves the scripts and preloads of `dist/index.html`'s `<head>` into a
/// template after the shell, with [`PAGE_FILES_SCRIPT`] after it. Nothing
/// without the script (a build without it keeps trunk's page).
pub fn list_after_shell(dist: &Path) -> Result<(), String> {
    if !dist.join(PAGE_FILES_SCRIPT).is_file() {
        return Ok(());
    }
    let path = dist.join("index.html");
    let page = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let listed = listed_after_shell(&page, PAGE_FILES_SCRIPT)
        .ok_or_else(|| format!("{} has no <head> and <body> to reorder", path.display()))?;
    fs::write(&path, listed).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// `page` with every `<script src>`, `<link rel="modulepreload">` and
/// `<link rel="preload">` of its `<head>` (except a stylesheet's preload)
/// in a `<template>` placed before the first stylesheet of `<body>` (or
/// at its end), followed by `<script src="/SCRIPT">`. `None` without a
/// `</head>` or a `</body>`; unchanged when the head lists nothing, or
/// when the page already has the template.
fn listed_after_shell(page: &str, script: &str) -> Option<String> {
    let head_end = page.find("</head>")?;
    page.get(head_end..)?.find("</body>")?;
    if page.contains(&format!("<template id=\"{TEMPLATE_ID}\">")) {
        return Some(page.to_owned());
    }
    let (head, body) = page.split_at(head_end);
    let mut head = head.to_owned();
    let mut listed = Vec::new();
    while let Some(element) = next_listed(&head) {
        listed.push(head.get(element.clone())?.to_owned());
        head.replace_range(element, "");
    }
    if listed.is_empty() {
        return Some(page.to_owned());
    }
    let at = body
        .find("<link rel=\"stylesheet\"")
        .or_else(|| body.rfind("</body>"))?;
    let (before, after) = body.split_at(at);
    let mut out = String::with_capacity(page.len() + 128);
    out.push_str(&head);
    out.push_str(before);
    out.push_str(&format!("<template id=\"{TEMPLATE_ID}\">\n      "));
    out.push_str(&listed.join("\n      "));
    out.push_str(&format!(
        "\n    </template>\n    <script src=\"/{script}\"></script>\n    "
    ));
    out.push_str(after);
    Some(out)
}

/// The byte range of the first element of `head` that [`listed_after_shell`]
/// moves: a `<script src …></script>`, a `<link rel="modulepreload" …>`, or
/// a `<link rel="preload" …>` that is not `as="style"` (comments skipped).
fn next_listed(head: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    loop {
        let start = from + head.get(from..)?.find('<')?;
        let rest = head.get(start..)?;
        if rest.starts_with("<!--") {
            from = start + rest.find("-->")? + "-->".len();
            continue;
        }
        let end = start + rest.find('>')? + 1;
        let tag = head.get(start..end)?;
        if tag.starts_with("<script ") && tag.contains(" src=") {
            let close = end + head.get(end..)?.find("</script>")? + "</script>".len();
            return Some(start..close);
        }
        let preload = tag.starts_with("<link rel=\"modulepreload\"")
            || (tag.starts_with("<link rel=\"preload\"") && !tag.contains(" as=\"style\""));
        if preload {
            return Some(start..end);
        }
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::listed_after_shell;

    #[test]
    fn scripts_and_preloads_wait_in_a_template_after_the_shell() {
        let page = "<html><head><meta charset=\"utf-8\" />\
                    <script type=\"module\" async src=\"/app-wasm.js\" data-wasm=\"/app_bg.wasm\"></script>\
                    <link rel=\"modulepreload\" href=\"/app.js\" integrity=\"sha384-x\">\
                    <link rel=\"preload\" media=\"(min-height: 600px)\" href=\"/app_bg.wasm\" as=\"fetch\">\
                    <link rel=\"preload\" as=\"style\" href=\"/app.css\"/><title>T</title><style>.shell{}</style>\
                    <link rel=\"icon\" href=\"/i.svg\"/>\
                    <script defer fetchpriority=\"high\" src=\"/env.js\"></script>\
                    <script type=\"module\" src=\"/start.js\"></script></head>\
                    <body><div id=\"shell\"></div><noscript>JS</noscript><link rel=\"stylesheet\" href=\"/app.css\"/></body></html>";
        let listed = listed_after_shell(page, "page-files.js").expect("a page");
        assert_eq!(
            listed,
            "<html><head><meta charset=\"utf-8\" />\
             <link rel=\"preload\" as=\"style\" href=\"/app.css\"/><title>T</title><style>.shell{}</style>\
             <link rel=\"icon\" href=\"/i.svg\"/></head>\
             <body><div id=\"shell\"></div><noscript>JS</noscript><template id=\"page-files\">\n      \
             <script type=\"module\" async src=\"/app-wasm.js\" data-wasm=\"/app_bg.wasm\"></script>\n      \
             <link rel=\"modulepreload\" href=\"/app.js\" integrity=\"sha384-x\">\n      \
             <link rel=\"preload\" media=\"(min-height: 600px)\" href=\"/app_bg.wasm\" as=\"fetch\">\n      \
             <script defer fetchpriority=\"high\" src=\"/env.js\"></script>\n      \
             <script type=\"module\" src=\"/start.js\"></script>\n    </template>\n    \
             <script src=\"/page-files.js\"></script>\n    \
             <link rel=\"stylesheet\" href=\"/app.css\"/></body></html>"
        );
        assert_eq!(
            listed_after_shell(&listed, "page-files.js").as_deref(),
            Some(listed.as_str()),
            "a second run changes nothing"
        );
    }

    #[test]
    fn without_a_stylesheet_the_template_ends_the_body() {
        let page = "<head><!-- <script src=\"/no.js\"></script> --><script src=\"/a.js\"></script></head><body><p>shell</p></body>";
        assert_eq!(
            listed_after_shell(page, "p.js").as_deref(),
            Some(
                "<head><!-- <script src=\"/no.js\"></script> --></head><body><p>shell</p><template id=\"page-files\">\n      \
                 <script src=\"/a.js\"></script>\n    </template>\n    <script src=\"/p.js\"></script>\n    </body>"
            )
        );
    }

    #[test]
    fn a_head_without_files_or_a_page_without_a_body_is_left_alone() {
        let page = "<head><title>T</title><script>inline()</script></head><body></body>";
        assert_eq!(listed_after_shell(page, "p.js").as_deref(), Some(page));
        assert_eq!(listed_after_shell("<head></head>", "p.js"), None);
        assert_eq!(listed_after_shell("<p>no head</p>", "p.js"), None);
    }
}
