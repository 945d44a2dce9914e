//! The built page's preloads first: trunk writes the `<link
//! rel="modulepreload">` of the app's JavaScript and the `<link
//! rel="preload">` of its `.wasm` at the end of `<head>`, after the
//! stylesheets and the scripts, where the browser finds them only once
//! those have arrived. Moved before `<title>` (after the `<meta>` tags,
//! the Content-Security-Policy among them), the `.wasm` downloads while
//! the stylesheets do.

use std::fs;
use std::path::Path;

/// Moves the preloads of `dist/index.html` before its `<title>`.
pub fn hoist(dist: &Path) -> Result<(), String> {
    let path = dist.join("index.html");
    let page = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    fs::write(&path, hoisted(&page))
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// `page` with every preload link moved before `<title>`.
fn hoisted(page: &str) -> String {
    let mut rest = page.to_owned();
    let mut links = Vec::new();
    for kind in ["<link rel=\"modulepreload\"", "<link rel=\"preload\""] {
        while let Some(start) = rest.find(kind) {
            let Some(end) = rest.get(start..).and_then(|tag| tag.find('>')) else {
                break;
            };
            let end = start + end + 1;
            links.push(rest.get(start..end).unwrap_or_default().to_owned());
            rest.replace_range(start..end, "");
        }
    }
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
    use super::hoisted;

    #[test]
    fn preloads_move_before_the_title() {
        let page = "<head><meta charset=\"utf-8\" /><title>T</title><link rel=\"stylesheet\" href=\"/s.css\">\
                    <link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\"></head>";
        assert_eq!(
            hoisted(page),
            "<head><meta charset=\"utf-8\" /><link rel=\"modulepreload\" href=\"/app.js\">\n    \
             <link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\">\n    <title>T</title>\
             <link rel=\"stylesheet\" href=\"/s.css\"></head>"
        );
        assert_eq!(hoisted("<head></head>"), "<head></head>");
    }
}
