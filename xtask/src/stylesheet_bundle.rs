//! The app's stylesheets as one file. Trunk writes one `<link
//! rel="stylesheet">` for each file of `web/` (`style.css`, `editor.css`,
//! `teaching.css`, `keep.css`, `what-if.css`), which stay separate in the
//! source, one subject each. A page fetches every one of them before its
//! app starts, and a page of five embeds fetches them five times: 25 of
//! its 60 requests, queued over the browser's six connections to the
//! origin. Joined in their order in the page, they cascade as before; the
//! page links the one file (named after its content, with its integrity
//! hash, as trunk names and links the others) in place of the first, and
//! the separate files leave `dist/`.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha384};

use crate::optimize::integrity;

/// How a stylesheet link that trunk wrote starts.
const STYLESHEET: &str = "<link rel=\"stylesheet\" href=\"/";

/// Joins the stylesheets `dist/index.html` links into one file; a page
/// with one stylesheet or none is left as it is.
pub fn bundle(dist: &Path) -> Result<(), String> {
    let path = dist.join("index.html");
    let page = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let Some(bundle) = bundled(&page, |file| {
        fs::read_to_string(dist.join(file))
            .map_err(|error| format!("cannot read the stylesheet {file}: {error}"))
    })?
    else {
        return Ok(());
    };
    let written = dist.join(&bundle.file);
    fs::write(&written, &bundle.css)
        .map_err(|error| format!("cannot write {}: {error}", written.display()))?;
    fs::write(&path, &bundle.page)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    for file in &bundle.joined {
        let joined = dist.join(file);
        fs::remove_file(&joined)
            .map_err(|error| format!("cannot remove {}: {error}", joined.display()))?;
    }
    Ok(())
}

/// A page whose stylesheets are joined into one.
#[derive(Debug)]
struct Bundle {
    /// The page, linking [`Bundle::file`] in place of the stylesheets.
    page: String,
    /// The joined stylesheet's file name, in `dist/`.
    file: String,
    /// The joined stylesheets, in the page's order.
    css: String,
    /// The files that were joined, in `dist/`.
    joined: Vec<String>,
}

/// `page` with its stylesheets joined, each read by `read` (given its
/// file name in `dist/`); `None` when it links fewer than two.
fn bundled(
    page: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<Option<Bundle>, String> {
    let links = stylesheet_links(page);
    if links.len() < 2 {
        return Ok(None);
    }
    let mut css = String::new();
    let mut joined = Vec::new();
    for &(_, file) in &links {
        let text = read(file)?;
        css.push_str(&text);
        if !text.ends_with('\n') {
            css.push('\n');
        }
        joined.push(file.to_owned());
    }
    let digest = Sha384::digest(css.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let file = format!("app-{hex}.css");
    let link = format!(
        "<link rel=\"stylesheet\" href=\"/{file}\" integrity=\"{}\"/>",
        integrity(css.as_bytes())
    );
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    for (i, &(range, _)) in links.iter().enumerate() {
        out.push_str(page.get(at..range.0).unwrap_or_default());
        if i == 0 {
            out.push_str(&link);
        }
        at = range.1;
    }
    out.push_str(page.get(at..).unwrap_or_default());
    Ok(Some(Bundle {
        page: out,
        file,
        css,
        joined,
    }))
}

/// The page's stylesheet links of its own origin: each tag's byte range
/// and the file it names (without the leading `/`), in order.
fn stylesheet_links(page: &str) -> Vec<((usize, usize), &str)> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(start) = page.get(from..).and_then(|rest| rest.find(STYLESHEET)) {
        let start = from + start;
        let Some(end) = page.get(start..).and_then(|tag| tag.find('>')) else {
            break;
        };
        let end = start + end + 1;
        let href = page.get(start + STYLESHEET.len()..end).unwrap_or_default();
        let file = href.get(..href.find('"').unwrap_or(0)).unwrap_or_default();
        if !file.is_empty() && !file.contains("..") && !file.contains("//") {
            links.push(((start, end), file));
        }
        from = end;
    }
    links
}

#[cfg(test)]
mod tests {
    use super::bundled;

    const PAGE: &str = "<head><style>.shell{}</style>\
        <link rel=\"stylesheet\" href=\"/style-1.css\" integrity=\"sha384-a\"/>\
        <link rel=\"icon\" href=\"/favicon.svg\"/>\
        <link rel=\"stylesheet\" href=\"/editor-2.css\" integrity=\"sha384-b\"/>\
        <link rel=\"stylesheet\" href=\"/keep-3.css\" integrity=\"sha384-c\"/></head>";

    fn read(file: &str) -> Result<String, String> {
        match file {
            "style-1.css" => Ok("body { color: red; }\n".to_owned()),
            "editor-2.css" => Ok(".editor { color: blue; }".to_owned()),
            "keep-3.css" => Ok("body { color: green; }\n".to_owned()),
            _ => Err(format!("no {file}")),
        }
    }

    #[test]
    fn the_stylesheets_join_in_the_page_order_in_place_of_the_first() {
        let bundle = bundled(PAGE, read).expect("read").expect("bundled");
        assert_eq!(
            bundle.css, "body { color: red; }\n.editor { color: blue; }\nbody { color: green; }\n",
            "in order, so the last rule still wins"
        );
        assert_eq!(bundle.joined, ["style-1.css", "editor-2.css", "keep-3.css"]);
        assert!(bundle.file.starts_with("app-") && bundle.file.ends_with(".css"));
        let link = format!(
            "<link rel=\"stylesheet\" href=\"/{}\" integrity=\"sha384-",
            bundle.file
        );
        assert!(
            bundle
                .page
                .starts_with(&format!("<head><style>.shell{{}}</style>{link}")),
            "{}",
            bundle.page
        );
        assert!(bundle.page.contains(&format!(
            "integrity=\"{}\"",
            crate::optimize::integrity(bundle.css.as_bytes())
        )));
        assert_eq!(bundle.page.matches("rel=\"stylesheet\"").count(), 1);
        assert!(
            bundle
                .page
                .contains("<link rel=\"icon\" href=\"/favicon.svg\"/>")
        );
        assert!(bundle.page.ends_with("/></head>"));
    }

    #[test]
    fn a_page_with_one_stylesheet_is_left_alone() {
        let page = "<link rel=\"stylesheet\" href=\"/style-1.css\"/>";
        assert!(bundled(page, read).expect("read").is_none());
    }

    #[test]
    fn a_stylesheet_that_cannot_be_read_is_an_error() {
        let page =
            "<link rel=\"stylesheet\" href=\"/a.css\"/><link rel=\"stylesheet\" href=\"/b.css\"/>";
        assert_eq!(bundled(page, read).expect_err("unreadable"), "no a.css");
    }
}
