//! The embed mode: a compact widget for documentation pages, asked for
//! with the page's query string, e.g.
//! `?embed&hide=workspace,request&readonly&request=2`.
//!
//! | option | meaning |
//! |---|---|
//! | `embed` | the compact widget instead of the full page |
//! | `hide=PANEL,…` | leave out panels: `workspace` (the tabs of the workspace's policies), `editor`, `request`, `decision` |
//! | `readonly` | the editor cannot be typed in (`readonly=false` turns it off) |
//! | `request=N` | start on the workspace's saved request `N` (counting from 1) |
//!
//! The workspace and request come from the fragment, as in any link.

use crate::persist::params::{Param, escape, parse_params};

/// A part of the embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedPanel {
    /// The tabs of the workspace's policies, above the editor.
    Workspace,
    /// The policy editor.
    Editor,
    /// The request.
    Request,
    /// The decision.
    Decision,
}

impl EmbedPanel {
    /// Every panel, in the order the embed shows them.
    pub const ALL: [EmbedPanel; 4] = [
        EmbedPanel::Workspace,
        EmbedPanel::Editor,
        EmbedPanel::Request,
        EmbedPanel::Decision,
    ];

    /// The panel's name in `hide=`.
    pub fn name(self) -> &'static str {
        match self {
            EmbedPanel::Workspace => "workspace",
            EmbedPanel::Editor => "editor",
            EmbedPanel::Request => "request",
            EmbedPanel::Decision => "decision",
        }
    }

    fn named(name: &str) -> Option<EmbedPanel> {
        EmbedPanel::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// How the embed looks.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    /// The panels left out, in the order of [`EmbedPanel::ALL`].
    pub hidden: Vec<EmbedPanel>,
    /// Whether the editor cannot be typed in.
    pub read_only: bool,
    /// The saved request to start on, counting from 1.
    pub request: Option<usize>,
}

impl EmbedOptions {
    /// Whether the embed shows `panel`.
    pub fn shows(&self, panel: EmbedPanel) -> bool {
        !self.hidden.contains(&panel)
    }

    /// The query string (without `?`) that asks for this embed.
    pub fn query(&self) -> String {
        let mut query = "embed".to_owned();
        if !self.hidden.is_empty() {
            let names: Vec<&str> = self.hidden.iter().map(|p| p.name()).collect();
            query.push_str("&hide=");
            query.push_str(&names.join(","));
        }
        if self.read_only {
            query.push_str("&readonly");
        }
        if let Some(row) = self.request {
            query.push_str(&format!("&request={row}"));
        }
        query
    }

    /// The options with `panel` shown or hidden.
    #[must_use]
    pub fn with_panel(mut self, panel: EmbedPanel, shown: bool) -> EmbedOptions {
        self.hidden.retain(|p| *p != panel);
        if !shown {
            self.hidden.push(panel);
            self.hidden
                .sort_by_key(|p| EmbedPanel::ALL.iter().position(|x| x == p));
        }
        self
    }
}

/// The height of the `<iframe>` the embed code gives, in pixels.
pub const IFRAME_HEIGHT: u32 = 520;

/// The address of an embed of the page at `page_url` with `options`,
/// showing the work of the link `fragment` (without `#`).
pub fn embed_url(page_url: &str, options: &EmbedOptions, fragment: &str) -> String {
    format!("{page_url}?{}#{fragment}", options.query())
}

/// The `<iframe>` snippet for an embed at `src`, titled `title` (both
/// escaped for an HTML attribute, so a workspace's name cannot add
/// markup to the page the snippet is pasted into).
pub fn iframe_code(src: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{IFRAME_HEIGHT}\" style=\"border: 1px solid #d0d7de; border-radius: 8px\" loading=\"lazy\"></iframe>",
        attribute(src),
        attribute(title)
    )
}

/// `text` escaped for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// What the query string asks for.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedQuery {
    /// The embed's options, when the query asks for an embed.
    pub options: Option<EmbedOptions>,
    /// What in the query could not be understood, one sentence each
    /// (lowercase, no final period); the rest still applies.
    pub problems: Vec<String>,
}

/// Reads the page's query string (with or without its `?`).
pub fn read_query(query: &str) -> EmbedQuery {
    let query = query.strip_prefix('?').unwrap_or(query);
    let params = match parse_params(query) {
        Ok(params) => params,
        Err(why) => {
            return EmbedQuery {
                options: None,
                problems: vec![format!("the page's query could not be read: {why}")],
            };
        }
    };
    let mut embed = false;
    let mut options = EmbedOptions::default();
    let mut problems = Vec::new();
    for Param { name, value } in params {
        match (name.as_str(), value.as_deref()) {
            ("embed", None | Some("" | "1" | "true")) => embed = true,
            ("embed", Some(_)) => {}
            ("hide", Some(list)) => {
                for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    match EmbedPanel::named(part) {
                        Some(panel) => options = options.with_panel(panel, false),
                        None => problems.push(format!(
                            "the embed has no panel `{part}` to hide; it has `workspace`, `editor`, `request` and `decision`"
                        )),
                    }
                }
            }
            ("readonly", None | Some("" | "1" | "true")) => options.read_only = true,
            ("readonly", Some("0" | "false")) => options.read_only = false,
            ("request", Some(row)) => match row.trim().parse::<usize>() {
                Ok(row) if row >= 1 => options.request = Some(row),
                _ => problems.push(format!(
                    "`request={row}` is not a saved request's number (1, 2, …)"
                )),
            },
            (other, _) => problems.push(format!(
                "the embed option `{}` is not known; the options are `embed`, `hide`, `readonly` and `request`",
                escape(other)
            )),
        }
    }
    EmbedQuery {
        options: embed.then_some(options),
        problems: if embed { problems } else { Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_from_the_issue() {
        let query = read_query("?embed&hide=workspace,request&readonly&request=2");
        assert_eq!(query.problems, Vec::<String>::new());
        let options = query.options.expect("an embed");
        assert_eq!(options.hidden, [EmbedPanel::Workspace, EmbedPanel::Request]);
        assert!(options.shows(EmbedPanel::Editor) && options.shows(EmbedPanel::Decision));
        assert!(options.read_only);
        assert_eq!(options.request, Some(2));
        assert_eq!(
            options.query(),
            "embed&hide=workspace,request&readonly&request=2"
        );
    }

    #[test]
    fn without_embed_there_is_no_embed() {
        assert_eq!(read_query(""), EmbedQuery::default());
        assert_eq!(
            read_query("?hide=editor&utm_source=x"),
            EmbedQuery::default()
        );
        let plain = read_query("embed").options.expect("an embed");
        assert_eq!(plain, EmbedOptions::default());
        assert_eq!(plain.query(), "embed");
    }

    #[test]
    fn what_cannot_be_understood_is_said_and_the_rest_applies() {
        let query = read_query("embed&hide=editor,sidebar&request=zero&theme=dark&readonly=false");
        let options = query.options.expect("an embed");
        assert_eq!(options.hidden, [EmbedPanel::Editor]);
        assert!(!options.read_only);
        assert_eq!(options.request, None);
        assert_eq!(query.problems.len(), 3, "{:?}", query.problems);
        assert!(query.problems[0].contains("no panel `sidebar`"));
        assert!(query.problems[1].contains("`request=zero`"));
        assert!(query.problems[2].contains("`theme`"));
    }

    #[test]
    fn the_embed_code_is_an_iframe_whose_attributes_cannot_break_out() {
        let options = EmbedOptions::default().with_panel(EmbedPanel::Workspace, false);
        let src = embed_url("https://docs.example/play/", &options, "w1.abc");
        assert_eq!(
            src,
            "https://docs.example/play/?embed&hide=workspace#w1.abc"
        );
        let code = iframe_code(&src, "IAM \"<img src=x onerror=alert(1)>\" & co");
        assert_eq!(
            code,
            "<iframe src=\"https://docs.example/play/?embed&amp;hide=workspace#w1.abc\" \
             title=\"IAM &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; co\" width=\"100%\" \
             height=\"520\" style=\"border: 1px solid #d0d7de; border-radius: 8px\" loading=\"lazy\"></iframe>"
        );
    }

    #[test]
    fn panels_toggle_in_a_stable_order() {
        let options = EmbedOptions::default()
            .with_panel(EmbedPanel::Decision, false)
            .with_panel(EmbedPanel::Workspace, false)
            .with_panel(EmbedPanel::Workspace, false);
        assert_eq!(options.query(), "embed&hide=workspace,decision");
        let options = options.with_panel(EmbedPanel::Decision, true);
        assert_eq!(options.query(), "embed&hide=workspace");
    }
}
