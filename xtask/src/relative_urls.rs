//! The built page's own files named relative to it (`./app.js`), not from
//! the site's root (`/app.js`, what trunk writes): published in a folder
//! (`https://example.org/play/`, a GitHub Pages project site) the page
//! found none of its scripts, stylesheet or `.wasm`. The last step before
//! the files are compressed, after the passes that look for trunk's
//! root-relative tags (`page_order.rs`, `stylesheet_bundle.rs`, …).

use std::fs;
use std::path::Path;

/// Rewrites, in `dist/index.html` and trunk's start script
/// (`start-*.js`), every quoted root-relative address of a file that
/// exists in `dist` as relative to the page. Addresses of anything else
/// (`//host/…`, a file the build did not make) are left alone.
pub fn make_relative(dist: &Path) -> Result<(), String> {
    let mut files = vec![dist.join("index.html")];
    let entries =
        fs::read_dir(dist).map_err(|error| format!("cannot list {}: {error}", dist.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("start-") && name.ends_with(".js") {
            files.push(entry.path());
        }
    }
    for path in files {
        let text = fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let relative = relative_to_page(&text, |file| dist.join(file).is_file());
        if relative != text {
            fs::write(&path, relative)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        }
    }
    Ok(())
}

/// `text` with `"/FILE"` and `'/FILE'` as `"./FILE"` and `'./FILE'` where
/// `exists(FILE)` (FILE without a query or fragment). Each quote is looked
/// at on its own, not paired with the one before: an apostrophe in a
/// comment ("trunk's") does not hide the attributes after it.
fn relative_to_page(text: &str, exists: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find(['"', '\'']) {
        let (before, from_quote) = rest.split_at(at);
        out.push_str(before);
        let quote = if from_quote.starts_with('"') {
            '"'
        } else {
            '\''
        };
        let after_quote = &from_quote[1..];
        out.push(quote);
        rest = after_quote;
        let Some(address) = after_quote.strip_prefix('/') else {
            continue;
        };
        let Some(end) = address.find(quote) else {
            continue;
        };
        let file = &address[..end];
        let path = file.split(['?', '#']).next().unwrap_or(file);
        if !path.is_empty()
            && !path.starts_with('/')
            && !path.contains(char::is_whitespace)
            && exists(path)
        {
            out.push_str("./");
            out.push_str(file);
            rest = &address[end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(file: &str) -> bool {
        [
            "app.js",
            "app_bg.wasm",
            "app.css",
            "start-1.js",
            "snippets/m/editor.js",
        ]
        .contains(&file)
    }

    #[test]
    fn the_page_names_its_files_relative_to_itself() {
        let page = "<link rel=\"modulepreload\" href=\"/app.js\" integrity=\"sha384-x\">\
                    <script type=\"module\" async src=\"/app-wasm.js\" data-wasm=\"/app_bg.wasm\"></script>\
                    <link rel=\"stylesheet\" href=\"/app.css\"/><script type=\"module\" src=\"/start-1.js\"></script>\
                    <link rel=\"modulepreload\" href=\"/snippets/m/editor.js\">";
        assert_eq!(
            relative_to_page(page, built),
            "<link rel=\"modulepreload\" href=\"./app.js\" integrity=\"sha384-x\">\
             <script type=\"module\" async src=\"/app-wasm.js\" data-wasm=\"./app_bg.wasm\"></script>\
             <link rel=\"stylesheet\" href=\"./app.css\"/><script type=\"module\" src=\"./start-1.js\"></script>\
             <link rel=\"modulepreload\" href=\"./snippets/m/editor.js\">",
            "app-wasm.js is not among the built files here, so it stays"
        );
    }

    #[test]
    fn the_start_script_imports_and_fetches_relative_to_the_page() {
        let start = "import init, * as bindings from '/app.js';\n\
                     const wasm = await init({ module_or_path: '/app_bg.wasm' });\n";
        assert_eq!(
            relative_to_page(start, built),
            "import init, * as bindings from './app.js';\n\
             const wasm = await init({ module_or_path: './app_bg.wasm' });\n"
        );
    }

    #[test]
    fn other_addresses_and_odd_quotes_stay() {
        let text = "<!-- trunk's start --><a href=\"//cdn.example/app.js\">x</a> it's \"/\" and '/' \
                    and \"/app.js?v=1\" \"/no such.js\" \"/app.js";
        assert_eq!(
            relative_to_page(text, built),
            "<!-- trunk's start --><a href=\"//cdn.example/app.js\">x</a> it's \"/\" and '/' \
             and \"./app.js?v=1\" \"/no such.js\" \"/app.js"
        );
    }
}
