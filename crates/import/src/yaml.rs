//! Reads a CloudFormation template written in YAML into a [`Node`] tree,
//! keeping each node's location and tag (`!Ref`, `!Sub`...).
//!
//! The events come from `saphyr-parser` (YAML 1.2). What CloudFormation
//! does not accept is refused with its line and column: aliases (`*name`),
//! which also keeps "billion laughs" documents out, since nothing is ever
//! expanded; keys that are not scalars; keys written twice; more than one
//! document. Plain scalars are read with the YAML 1.2 core schema: `null`,
//! `~` and nothing are null, `true`/`false` booleans, and only numbers in
//! JSON's syntax are numbers (anything else stays text, so an account id
//! with a leading zero keeps it). Building the tree is linear in the text.

use std::borrow::Cow;
use std::collections::HashSet;

use iamplay_core::json::MAX_DEPTH;
use iamplay_core::{Code, Diagnostic, Loc, Position, Span as IamSpan, Spanned};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::position::Cursor;
use crate::tree::{Node, NodeValue, duplicate_key, is_json_number};

/// Parses `text` as one YAML document.
pub(crate) fn parse_yaml(text: &str) -> Result<Node, Vec<Diagnostic>> {
    let mut builder = Builder {
        positions: Positions::new(text),
        cursor: Cursor::new(text),
        stack: Vec::new(),
        root: None,
        documents: 0,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| vec![builder.scan_error(&e)])?;
        builder.event(event, span).map_err(|d| vec![d])?;
    }
    Ok(builder.root.unwrap_or_else(|| Node {
        value: NodeValue::Null,
        loc: builder.cursor.loc(0, 0),
        tag: None,
    }))
}

/// A mapping or sequence being read.
struct Frame {
    start: usize,
    start_position: Position,
    tag: Option<String>,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map {
        members: Vec<(Spanned<String>, Node)>,
        key: Option<Spanned<String>>,
        seen: HashSet<String>,
    },
}

struct Builder<'t> {
    positions: Positions<'t>,
    cursor: Cursor<'t>,
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
}

impl Builder<'_> {
    fn loc(&mut self, span: Span) -> Loc {
        let start = self.positions.offset(span.start);
        let end = self.positions.offset(span.end).max(start);
        self.cursor.loc(start, end)
    }

    fn scan_error(&mut self, e: &ScanError) -> Diagnostic {
        let at = self.positions.offset(*e.marker());
        let end = self
            .positions
            .text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        Diagnostic::error(
            Code::YamlSyntax,
            format!("invalid YAML: {}", e.info()),
            self.cursor.loc(at, end),
        )
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Diagnostic> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let loc = self.loc(span);
                    return Err(Diagnostic::error(
                        Code::YamlSyntax,
                        "a second YAML document: a template is one document",
                        loc,
                    ));
                }
            }
            Event::Alias(_) => {
                let loc = self.loc(span);
                return Err(Diagnostic::error(
                    Code::YamlAlias,
                    "CloudFormation does not accept YAML aliases (`*name`)",
                    loc,
                )
                .with_help("write the value out where it is needed"));
            }
            Event::Scalar(value, style, _, tag) => self.scalar(&value, style, tag, span)?,
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let is_seq = matches!(event, Event::SequenceStart(..));
                let (Event::SequenceStart(_, tag) | Event::MappingStart(_, tag)) = event else {
                    return Ok(());
                };
                if self.stack.len() >= MAX_DEPTH {
                    let loc = self.loc(span);
                    return Err(Diagnostic::error(
                        Code::YamlSyntax,
                        format!("the template nests deeper than {MAX_DEPTH} levels"),
                        loc,
                    ));
                }
                self.expect_value(span)?;
                let start = self.positions.offset(span.start);
                let start_position = self.cursor.position(start);
                let tag = tag.and_then(|t| tag_text(&t));
                let kind = if is_seq {
                    FrameKind::Seq(Vec::new())
                } else {
                    FrameKind::Map {
                        members: Vec::new(),
                        key: None,
                        seen: HashSet::new(),
                    }
                };
                self.stack.push(Frame {
                    start,
                    start_position,
                    tag,
                    kind,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = self.positions.offset(span.end);
                if let Some(frame) = self.stack.pop() {
                    let (value, last) = match frame.kind {
                        FrameKind::Seq(items) => {
                            let last = items.last().map(|n| n.loc);
                            (NodeValue::Seq(items), last)
                        }
                        FrameKind::Map { members, .. } => {
                            let last = members.last().map(|(_, n)| n.loc);
                            (NodeValue::Map(members), last)
                        }
                    };
                    // The node ends with its last child, else where the
                    // parser ended it.
                    let (end, end_position) = match last {
                        Some(l) => (l.span.end as usize, l.end),
                        None => (end, self.cursor.position(end)),
                    };
                    let node = Node {
                        value,
                        loc: Loc {
                            span: IamSpan::new(frame.start, end.max(frame.start)),
                            start: frame.start_position,
                            end: end_position.max(frame.start_position),
                        },
                        tag: frame.tag,
                    };
                    self.add(node)?;
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
        Ok(())
    }

    /// Refuses a mapping or sequence where a mapping key is expected.
    fn expect_value(&mut self, span: Span) -> Result<(), Diagnostic> {
        if let Some(Frame {
            kind: FrameKind::Map { key: None, .. },
            ..
        }) = self.stack.last()
        {
            let loc = self.loc(span);
            return Err(Diagnostic::error(
                Code::YamlSyntax,
                "a mapping key must be plain text, not a list or mapping",
                loc,
            ));
        }
        Ok(())
    }

    fn scalar(
        &mut self,
        value: &str,
        style: ScalarStyle,
        tag: Option<Cow<'_, Tag>>,
        span: Span,
    ) -> Result<(), Diagnostic> {
        let loc = self.loc(span);
        let tag_text = tag.as_deref().and_then(tag_text);
        if let Some(Frame {
            kind: FrameKind::Map { key, seen, .. },
            ..
        }) = self.stack.last_mut()
            && key.is_none()
        {
            if tag_text.is_some() {
                return Err(Diagnostic::error(
                    Code::YamlSyntax,
                    "a mapping key must be plain text, not an intrinsic function",
                    loc,
                ));
            }
            if !seen.insert(value.to_owned()) {
                return Err(duplicate_key(value, loc));
            }
            *key = Some(Spanned::new(value.to_owned(), loc));
            return Ok(());
        }
        let forced_string = tag
            .as_deref()
            .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
        let value = if style == ScalarStyle::Plain && !forced_string {
            plain(value)
        } else {
            NodeValue::String(value.to_owned())
        };
        self.add(Node {
            value,
            loc,
            tag: tag_text,
        })
    }

    fn add(&mut self, node: Node) -> Result<(), Diagnostic> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
            }
            Some(Frame {
                kind: FrameKind::Seq(items),
                ..
            }) => items.push(node),
            Some(Frame {
                kind: FrameKind::Map { members, key, .. },
                ..
            }) => match key.take() {
                Some(k) => members.push((k, node)),
                None => {
                    return Err(Diagnostic::error(
                        Code::YamlSyntax,
                        "a mapping key must be plain text",
                        node.loc,
                    ));
                }
            },
        }
        Ok(())
    }
}

/// The tag as the tree keeps it, as written: `!Ref` for local tags,
/// `!!binary` for core schema tags other than the ones that only choose a
/// scalar's type (`!!str`, `!!int`...), which are dropped.
fn tag_text(tag: &Tag) -> Option<String> {
    if tag.is_yaml_core_schema() {
        return match tag.suffix.as_str() {
            "str" | "int" | "float" | "bool" | "null" | "map" | "seq" => None,
            other => Some(format!("!!{other}")),
        };
    }
    if tag.handle == "!" {
        Some(format!("!{}", tag.suffix))
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
    }
}

/// A plain scalar read with the YAML 1.2 core schema; numbers only when
/// they are in JSON's syntax.
fn plain(text: &str) -> NodeValue {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => NodeValue::Null,
        "true" | "True" | "TRUE" => NodeValue::Bool(true),
        "false" | "False" | "FALSE" => NodeValue::Bool(false),
        _ if is_json_number(text) => NodeValue::Number(text.to_owned()),
        _ => NodeValue::String(text.to_owned()),
    }
}

/// Byte offsets of the parser's markers (1-based line, 0-based column in
/// characters). Markers mostly come in order, so the last one is kept and
/// the next one on the same line walks on from it: linear overall.
struct Positions<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    last: (usize, usize, usize),
}

impl<'t> Positions<'t> {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as YAML counts them.
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Self {
            text,
            line_starts,
            last: (0, 0, 0),
        }
    }

    fn offset(&mut self, m: Marker) -> usize {
        let line = m
            .line()
            .saturating_sub(1)
            .min(self.line_starts.len().saturating_sub(1));
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let line_end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let (mut col, mut byte) = if self.last.0 == line && self.last.1 <= m.col() {
            (self.last.1, self.last.2)
        } else {
            (0, line_start)
        };
        let rest = self.text.get(byte..line_end).unwrap_or_default();
        for c in rest.chars() {
            if col >= m.col() {
                break;
            }
            col += 1;
            byte += c.len_utf8();
        }
        self.last = (line, col, byte);
        byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node {
        parse_yaml(text).unwrap_or_else(|d| panic!("{d:?}"))
    }

    #[test]
    fn tags_scalars_and_locations() {
        let node = parse("a: !Ref Name\nb:\n  - 1\n  - \"x\"\n  - true\n  - 012\nc: é\"\nd: ~\n");
        let a = node.get("a").expect("a");
        assert_eq!(a.tag.as_deref(), Some("!Ref"));
        assert_eq!(a.value, NodeValue::String("Name".into()));
        assert_eq!((a.loc.start.line, a.loc.start.column), (1, 4));
        let Some(NodeValue::Seq(items)) = node.get("b").map(|b| &b.value) else {
            panic!("b is a list");
        };
        let values: Vec<&NodeValue> = items.iter().map(|i| &i.value).collect();
        assert_eq!(
            values,
            [
                &NodeValue::Number("1".into()),
                &NodeValue::String("x".into()),
                &NodeValue::Bool(true),
                &NodeValue::String("012".into()),
            ]
        );
        let c = node.get("c").expect("c");
        assert_eq!(
            c.loc.span.start as usize,
            "a: !Ref Name\nb:\n  - 1\n  - \"x\"\n  - true\n  - 012\nc: ".len()
        );
        assert_eq!(node.get("d").map(|d| &d.value), Some(&NodeValue::Null));
    }

    #[test]
    fn aliases_are_refused() {
        let err = parse_yaml("a: &x [1, 2]\nb: *x\n").expect_err("an alias");
        assert_eq!(err[0].code, Code::YamlAlias);
        assert_eq!((err[0].loc.start.line, err[0].loc.start.column), (2, 4));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse_yaml("a: b\n c: d\n").expect_err("bad indentation");
        assert_eq!(err[0].code, Code::YamlSyntax);
        assert_eq!(err[0].loc.start.line, 2);
        let err = parse_yaml("a: 1\na: 2\n").expect_err("duplicate");
        assert_eq!(err[0].code, Code::DuplicateKey);
    }
}
