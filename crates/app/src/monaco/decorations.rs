//! Statement highlights as Monaco decorations: the role each statement
//! played in the decision, shown as a tinted background, a bar and an
//! icon in the margin, a label after the statement's first line, and the
//! reason on hover. The colours are in `web/editor.css`.

use js_sys::Array;
use monaco::sys::editor::{ITextModel, OverviewRulerLane, TrackedRangeStickiness};
use wasm_bindgen::JsValue;

use crate::components::{HighlightKind, StatementHighlight};

use super::js::{Bag, markdown, range};

/// The CSS class names and texts of one kind of highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    /// The class of the statement's lines (background).
    pub lines: &'static str,
    /// The class of the bar left of the text.
    pub bar: &'static str,
    /// The class of the icon in the glyph margin.
    pub glyph: &'static str,
    /// The class of the label after the first line (`web/editor.css`
    /// writes [`Style::label`] with it).
    pub label_class: &'static str,
    /// The label's text.
    pub label: &'static str,
    /// The class of the statement's text (struck through when overridden).
    pub text: Option<&'static str>,
    /// The colour of the mark in the overview ruler.
    pub ruler: &'static str,
}

/// The style of `kind`.
pub(crate) fn style(kind: HighlightKind) -> Style {
    match kind {
        HighlightKind::DecidingDeny => Style {
            lines: "iamplay-line iamplay-line-deny",
            bar: "iamplay-bar iamplay-bar-deny",
            glyph: "iamplay-glyph iamplay-glyph-deny",
            label_class: "iamplay-label iamplay-label-deny",
            label: "Deny decides",
            text: None,
            ruler: "#d73a49",
        },
        HighlightKind::DecidingAllow => Style {
            lines: "iamplay-line iamplay-line-allow",
            bar: "iamplay-bar iamplay-bar-allow",
            glyph: "iamplay-glyph iamplay-glyph-allow",
            label_class: "iamplay-label iamplay-label-allow",
            label: "Allow decides",
            text: None,
            ruler: "#2da44e",
        },
        HighlightKind::Overridden => Style {
            lines: "iamplay-line iamplay-line-overridden",
            bar: "iamplay-bar iamplay-bar-overridden",
            glyph: "iamplay-glyph iamplay-glyph-overridden",
            label_class: "iamplay-label iamplay-label-overridden",
            label: "overridden by a Deny",
            text: Some("iamplay-text-overridden"),
            ruler: "#bf8700",
        },
        HighlightKind::Applies => Style {
            lines: "iamplay-line iamplay-line-applies",
            bar: "iamplay-bar iamplay-bar-applies",
            glyph: "iamplay-glyph iamplay-glyph-applies",
            label_class: "iamplay-label iamplay-label-applies",
            label: "applies",
            text: None,
            ruler: "#8c959f",
        },
    }
}

/// Replaces the decorations `old` (ids from an earlier call) on `model`
/// with those for `highlights`; returns the new ids. `text` is the
/// model's text, which places the labels and the struck-through ranges.
pub(crate) fn show(
    model: &ITextModel,
    text: &str,
    old: &Array,
    highlights: &[StatementHighlight],
) -> Array {
    let lines: Vec<&str> = text.split('\n').collect();
    let decorations = Array::new();
    for highlight in highlights {
        for decoration in statement_decorations(&lines, highlight) {
            decorations.push(&JsValue::from(decoration));
        }
    }
    model.delta_decorations(old, &decorations, None)
}

/// The decorations of one statement.
fn statement_decorations(lines: &[&str], highlight: &StatementHighlight) -> Vec<Bag> {
    let style = style(highlight.kind);
    let loc = highlight.loc;
    let (first, last) = (loc.start.line, loc.end.line.max(loc.start.line));
    let hover = markdown(&highlight.message);
    let ruler = Bag::new()
        .with("color", style.ruler)
        .with("position", OverviewRulerLane::Left.to_value());
    let whole = Bag::new()
        .with("isWholeLine", true)
        .with("className", style.lines)
        .with("linesDecorationsClassName", style.bar)
        .with("hoverMessage", hover.clone())
        .with("overviewRuler", ruler)
        .with(
            "stickiness",
            TrackedRangeStickiness::Nevergrowswhentypingatedges.to_value(),
        );
    let mut decorations = vec![
        Bag::new()
            .with("range", range(first, 1, last, 1))
            .with("options", whole),
    ];
    // The icon and the label on the statement's first line; the label is
    // the `::after` content of an empty range at the line's end (its text
    // is in `web/editor.css`).
    let end_of_first = line_end_column(lines, first);
    let first_line = Bag::new()
        .with("glyphMarginClassName", style.glyph)
        .with("glyphMarginHoverMessage", hover)
        .with("afterContentClassName", style.label_class)
        .with(
            "stickiness",
            TrackedRangeStickiness::Nevergrowswhentypingatedges.to_value(),
        );
    decorations.push(
        Bag::new()
            .with("range", range(first, end_of_first, first, end_of_first))
            .with("options", first_line),
    );
    // The struck-through text: each line's text, without its indentation.
    if let Some(class) = style.text {
        for line in first..=last {
            let start = if line == first {
                loc.start.column
            } else {
                first_text_column(lines, line)
            };
            let end = if line == last {
                loc.end.column
            } else {
                line_end_column(lines, line)
            };
            if end > start {
                decorations.push(
                    Bag::new()
                        .with("range", range(line, start, line, end))
                        .with("options", Bag::new().with("inlineClassName", class)),
                );
            }
        }
    }
    decorations
}

/// The text of 1-based line `line`, without a final `\r`.
fn line_text<'t>(lines: &[&'t str], line: u32) -> &'t str {
    let text = usize::try_from(line)
        .ok()
        .and_then(|line| line.checked_sub(1))
        .and_then(|index| lines.get(index))
        .copied()
        .unwrap_or_default();
    text.strip_suffix('\r').unwrap_or(text)
}

/// The column just past the end of line `line` (UTF-16).
fn line_end_column(lines: &[&str], line: u32) -> u32 {
    utf16_len(line_text(lines, line)) + 1
}

/// The column of the first character of line `line` that is not
/// whitespace (the line's end for a blank line).
fn first_text_column(lines: &[&str], line: u32) -> u32 {
    let text = line_text(lines, line);
    let indent = text.len() - text.trim_start().len();
    utf16_len(&text[..indent]) + 1
}

/// The length of `text` in UTF-16 code units.
fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_own_look() {
        let kinds = [
            HighlightKind::DecidingDeny,
            HighlightKind::DecidingAllow,
            HighlightKind::Overridden,
            HighlightKind::Applies,
        ];
        let mut classes: Vec<&str> = kinds.iter().map(|kind| style(*kind).lines).collect();
        classes.dedup();
        assert_eq!(classes.len(), kinds.len());
        assert_eq!(
            style(HighlightKind::Overridden).label,
            "overridden by a Deny"
        );
        assert!(style(HighlightKind::DecidingDeny).text.is_none());
    }

    /// The labels are written by the stylesheet, each with its class.
    #[test]
    fn the_stylesheet_writes_every_label() {
        let css = include_str!("../../../../web/editor.css");
        for kind in [
            HighlightKind::DecidingDeny,
            HighlightKind::DecidingAllow,
            HighlightKind::Overridden,
            HighlightKind::Applies,
        ] {
            let style = style(kind);
            let class = style.label_class.split(' ').next_back().unwrap_or_default();
            let rule = format!(".{class}::after {{\n  content: \"{}\";", style.label);
            assert!(css.contains(&rule), "web/editor.css has `{rule}`");
        }
    }

    #[test]
    fn columns_count_utf16_and_skip_indentation() {
        let lines: Vec<&str> = "{\r\n    \"Sid\": \"\u{e9}\"\r\n}".split('\n').collect();
        assert_eq!(line_end_column(&lines, 1), 2);
        assert_eq!(first_text_column(&lines, 2), 5);
        assert_eq!(line_end_column(&lines, 2), 15);
        assert_eq!(line_end_column(&lines, 9), 1);
    }
}
