//! Writing SVG as text: escaping, rough text widths for layout, and the
//! colours a standalone file carries (the page styles the same classes
//! with its own light or dark colours, `web/teaching.css`).

use std::fmt::Write;

/// Whether an SVG is drawn for the page or written to a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Styling {
    /// For the page: classes only, styled by the page's stylesheet.
    Page,
    /// A file on its own: a `<style>` with the light colours and fonts, a
    /// white background, and the XML namespace.
    Standalone,
}

/// The colours of a standalone SVG (the page's light colours), by the
/// class suffix the drawings use.
pub const STANDALONE_COLOURS: &str = "\
svg{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Liberation Sans',Arial,sans-serif}\
.svg-mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace}\
.bg{fill:#ffffff}\
.ink{fill:#1c2128}.muted{fill:#5d6875}\
.node{fill:#ffffff;stroke:#c5ccd6}\
.node.on-path{stroke:#2f6feb;stroke-width:2}\
.node.not-present{fill:#f7f8fa;stroke-dasharray:4 3}\
.node.not-reached{fill:#f7f8fa}\
.wire{stroke:#c5ccd6;stroke-width:2;fill:none}\
.wire.on-path{stroke:#2f6feb;stroke-width:3}\
.wire.skipped{stroke-dasharray:4 4}\
.dot{fill:#ffffff;stroke:#c5ccd6;stroke-width:2}\
.dot.on-path{fill:#2f6feb;stroke:#2f6feb}\
.dot-label{fill:#5d6875}.dot-label.on-path{fill:#ffffff}\
.allowed{fill:#1a7f37}.explicit-deny{fill:#c62828}.implicit-deny{fill:#9a6700}\
.muted-soft{fill:#eef0f3}.allowed-soft{fill:#e6f4ea}.explicit-deny-soft{fill:#fdecea}.implicit-deny-soft{fill:#fff4d6}\
.stroke-allowed,.node.stroke-allowed{stroke:#1a7f37}.stroke-explicit-deny,.node.stroke-explicit-deny{stroke:#c62828}.stroke-implicit-deny,.node.stroke-implicit-deny{stroke:#9a6700}\
.ghost{fill:none;stroke:#c5ccd6;stroke-dasharray:3 3}\
.cell.allowed{fill:#2da44e}.cell.explicit-deny{fill:#cf222e}.cell.implicit-deny{fill:#e3b341}.cell.unknown{fill:#d0d7de}\
.grid-line{stroke:#dfe3e8}\
";

/// `text` with `&`, `<`, `>`, `"` and `'` escaped for XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The approximate width in pixels of `text` in the sans-serif font at
/// `size` (an average advance of 0.56 em; wide letters and digits count
/// more, narrow ones less).
pub fn sans_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '\'' | '.' | ',' | ':' | ';' | '|' | '!' => 0.28,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '/' | '-' | '`' => 0.36,
            'm' | 'w' | 'M' | 'W' => 0.86,
            'A'..='Z' => 0.66,
            '_' | '›' | '→' => 0.6,
            _ => 0.55,
        })
        .sum::<f64>()
        * size
}

/// The width in pixels of `text` in the monospace font at `size`.
pub fn mono_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.61
}

/// `text` cut to fit `width` pixels as measured by `measure`, with `…`
/// at the end when cut.
pub fn fit(text: &str, width: f64, measure: impl Fn(&str) -> f64) -> String {
    if measure(text) <= width {
        return text.to_owned();
    }
    let mut kept: String = String::new();
    for c in text.chars() {
        kept.push(c);
        if measure(&format!("{kept}…")) > width {
            kept.pop();
            break;
        }
    }
    format!("{kept}…")
}

/// `text` in lines of at most `width` pixels (as measured by
/// `measure`), broken at spaces; a word longer than a line is cut.
pub fn wrap(text: &str, width: f64, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| fit(&l, width, &measure))
        .collect()
}

/// The opening `<svg>` tag (with the namespace and the standalone
/// colours when written to a file) and, for a file, a background.
pub fn open_svg(
    out: &mut String,
    width: f64,
    height: f64,
    styling: Styling,
    class: &str,
    label: &str,
) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">"#,
        w = num(width),
        h = num(height),
        label = escape(label),
    );
    let _ = write!(out, "<title>{}</title>", escape(label));
    if styling == Styling::Standalone {
        let _ = write!(out, "<style>{STANDALONE_COLOURS}</style>");
        let _ = write!(
            out,
            r#"<rect class="bg" x="0" y="0" width="{}" height="{}"/>"#,
            num(width),
            num(height)
        );
    }
}

/// A number for an attribute: at most one decimal, no trailing `.0`.
pub fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_wrapped_at_spaces() {
        let measure = |t: &str| mono_width(t, 10.0);
        assert_eq!(fit("short", 100.0, measure), "short");
        let cut = fit("a_very_long_statement_identifier", 61.0, measure);
        assert!(cut.ends_with('…') && measure(&cut) <= 61.0, "{cut}");
        let lines = wrap("one two three four five six", 61.0, measure);
        assert_eq!(lines, ["one two", "three four", "five six"]);
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
    }
}
