//! The span-aware JSON reader: RFC 8259 values, locations in UTF-16
//! columns, precise syntax errors, and robustness on arbitrary input.

use iamplay_core::json::{Json, JsonValue, MAX_DEPTH, parse_json};
use iamplay_core::{Diagnostic, LineIndex, Position, Severity, Span};

fn parse_ok(text: &str) -> Json {
    match parse_json(text) {
        Ok(json) => json,
        Err(e) => panic!("{text:?} should parse, got {e}"),
    }
}

fn parse_err(text: &str) -> Diagnostic {
    match parse_json(text) {
        Ok(json) => panic!("{text:?} should fail, got {json:?}"),
        Err(e) => e,
    }
}

/// Asserts the message and the 1-based line and column of a syntax error.
fn assert_error(text: &str, message: &str, line: u32, column: u32) -> Diagnostic {
    let e = parse_err(text);
    assert_eq!(e.message, message, "message for {text:?}");
    assert_eq!(e.code, "json-syntax");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(
        e.loc.start,
        Position { line, column },
        "position for {text:?}: {e}"
    );
    e
}

fn pos(line: u32, column: u32) -> Position {
    Position { line, column }
}

#[test]
fn reads_every_kind_of_value() {
    let json = parse_ok(
        r#"{"s": "x", "n": -1.50e+3, "t": true, "f": false, "z": null, "a": [], "o": {}}"#,
    );
    let members = json.as_object().unwrap_or_default();
    let values: Vec<(&str, &JsonValue)> = members
        .iter()
        .map(|m| (m.key.value.as_str(), &m.value.value))
        .collect();
    assert_eq!(
        values,
        vec![
            ("s", &JsonValue::String("x".into())),
            ("n", &JsonValue::Number("-1.50e+3".into())),
            ("t", &JsonValue::Bool(true)),
            ("f", &JsonValue::Bool(false)),
            ("z", &JsonValue::Null),
            ("a", &JsonValue::Array(vec![])),
            ("o", &JsonValue::Object(vec![])),
        ]
    );
    let kinds: Vec<&str> = members.iter().map(|m| m.value.kind_name()).collect();
    assert_eq!(
        kinds,
        [
            "a string",
            "a number",
            "a boolean",
            "a boolean",
            "`null`",
            "an array",
            "an object"
        ]
    );
    assert_eq!(json.get("s").and_then(Json::as_str), Some("x"));
    assert!(json.get("missing").is_none());
}

#[test]
fn numbers_keep_their_text() {
    for n in [
        "0",
        "-0",
        "1.50",
        "-3e2",
        "6.02E+23",
        "1e-7",
        "123456789012345678901234567890",
    ] {
        let json = parse_ok(&format!("[{n}]"));
        let items = json.as_array().unwrap_or_default();
        assert_eq!(
            items.first().map(|j| &j.value),
            Some(&JsonValue::Number(n.into()))
        );
    }
}

#[test]
fn duplicate_keys_are_kept_in_order() {
    let json = parse_ok(r#"{"Effect": "Allow", "Effect": "Deny"}"#);
    let members = json.as_object().unwrap_or_default();
    assert_eq!(members.len(), 2);
    assert_eq!(members[1].value.as_str(), Some("Deny"));
    // `get` finds the first
    assert_eq!(json.get("Effect").and_then(Json::as_str), Some("Allow"));
}

#[test]
fn locations_of_keys_and_values() {
    let text = "{\n  \"Action\": [\"s3:Get*\",\n    \"s3:List*\"]\n}";
    let json = parse_ok(text);
    assert_eq!(json.loc.span, Span::new(0, text.len()));
    assert_eq!((json.loc.start, json.loc.end), (pos(1, 1), pos(4, 2)));
    let member = &json.as_object().unwrap_or_default()[0];
    assert_eq!(member.key.value, "Action");
    assert_eq!(
        (member.key.loc.start, member.key.loc.end),
        (pos(2, 3), pos(2, 11))
    );
    let array = &member.value;
    assert_eq!((array.loc.start, array.loc.end), (pos(2, 13), pos(3, 16)));
    let items = array.as_array().unwrap_or_default();
    assert_eq!(
        (items[0].loc.start, items[0].loc.end),
        (pos(2, 14), pos(2, 23))
    );
    assert_eq!(
        (items[1].loc.start, items[1].loc.end),
        (pos(3, 5), pos(3, 15))
    );
    assert_eq!(
        &text[items[1].loc.span.start as usize..items[1].loc.span.end as usize],
        "\"s3:List*\""
    );
}

#[test]
fn columns_count_utf16_units_after_non_bmp_characters() {
    // U+1F600 is one character, four UTF-8 bytes and two UTF-16 units.
    let text = "{\"\u{1F600}\": 1, \"b\": \"\u{e9}\", \"c\": 2}";
    let json = parse_ok(text);
    let members = json.as_object().unwrap_or_default();
    assert_eq!(members[0].key.value, "\u{1F600}");
    assert_eq!(members[0].key.loc.end, pos(1, 6));
    assert_eq!(members[0].value.loc.start, pos(1, 8));
    assert_eq!(members[1].key.loc.start, pos(1, 11));
    assert_eq!(members[2].key.loc.start, pos(1, 21));
    assert_eq!(members[2].key.loc.span.start, 23);
}

#[test]
fn unescapes_strings() {
    let json =
        parse_ok(r#"["a\"b\\c\/d\b\f\n\r\t", "\u0041\u00e9\u20AC", "\ud83d\ude00", "x\u0000y"]"#);
    let strings: Vec<&str> = json
        .as_array()
        .unwrap_or_default()
        .iter()
        .filter_map(Json::as_str)
        .collect();
    assert_eq!(
        strings,
        [
            "a\"b\\c/d\u{8}\u{c}\n\r\t",
            "A\u{e9}\u{20ac}",
            "\u{1F600}",
            "x\u{0}y"
        ]
    );
}

#[test]
fn rejects_lone_surrogates() {
    let e = assert_error(
        r#"["ab\ud83d"]"#,
        "unpaired surrogate `\\uD83D` in string",
        1,
        5,
    );
    assert_eq!(e.loc.span, Span::new(4, 10));
    assert_error(
        r#"["\ude00x"]"#,
        "unpaired surrogate `\\uDE00` in string",
        1,
        3,
    );
    assert_error(
        r#"["\ud83d\u0041"]"#,
        "unpaired surrogate `\\uD83D` in string",
        1,
        3,
    );
    assert_error(
        r#"["\u12G4"]"#,
        "invalid unicode escape: `\\u` must be followed by four hex digits",
        1,
        3,
    );
}

#[test]
fn reports_syntax_errors_at_the_offending_character() {
    let text = "{\n  \"Effect\": \"Allow\"\n  \"Action\": \"*\"\n}";
    let e = assert_error(text, "expected `,` or `}` after object member", 3, 3);
    assert_eq!(e.help.as_deref(), Some("add a `,` between members"));

    assert_error("[1 2]", "expected `,` or `]` after array element", 1, 4);
    assert_error("{\"a\" 1}", "expected `:` after object key", 1, 6);
    assert_error("{\"a\": }", "expected a value, found `}`", 1, 7);
    assert_error("[,1]", "expected a value, found `,`", 1, 2);
    assert_error("{\"a\": 1,}", "trailing comma is not allowed in JSON", 1, 8);
    assert_error(
        "[\n  1,\n  2,\n]",
        "trailing comma is not allowed in JSON",
        3,
        4,
    );
    assert_error(
        "{\"a\":\n  // note\n 1}",
        "comments are not allowed in JSON",
        2,
        3,
    );
    assert_error("[1, /* two */ 2]", "comments are not allowed in JSON", 1, 5);
    assert_error(
        "{Effect: 1}",
        "object keys must be strings in double quotes, found `Effect`",
        1,
        2,
    );
    assert_error(
        "[1] 2",
        "unexpected `2` after the end of the JSON document",
        1,
        5,
    );
    assert_error(
        "{\"a\": 1]",
        "expected `,` or `}` after object member",
        1,
        8,
    );
    assert_error("[01]", "numbers cannot have leading zeros", 1, 2);
    assert_error("[1.]", "expected a digit after the decimal point", 1, 4);
    assert_error("[1e]", "expected a digit in the exponent", 1, 4);
    assert_error("[-x]", "expected a digit after `-`", 1, 3);
    assert_error("[+1]", "expected a value, found `+`", 1, 2);
    assert_error("['a']", "expected a value, found `'`", 1, 2);
    assert_error("", "empty document: expected a JSON value", 1, 1);
    assert_error(" \n ", "empty document: expected a JSON value", 2, 2);
}

#[test]
fn explains_literals_in_the_wrong_case() {
    let e = assert_error("[True]", "expected a value, found `True`", 1, 2);
    assert_eq!(
        e.help.as_deref(),
        Some("JSON literals are lowercase: `true`")
    );
    let e = assert_error("[Allow]", "expected a value, found `Allow`", 1, 2);
    assert_eq!(
        e.help.as_deref(),
        Some("strings must be in double quotes: `\"Allow\"`")
    );
    assert_eq!(e.loc.span, Span::new(1, 6));
}

#[test]
fn reports_unterminated_strings_at_the_opening_quote() {
    assert_error("{\"a\": \"abc", "unterminated string", 1, 7);
    assert_error("[\"abc\\", "unterminated string", 1, 2);
}

#[test]
fn reports_control_characters_in_strings() {
    let e = assert_error(
        "{\"a\": \"Al\nlow\"}",
        "control character in string; escape it as `\\n`",
        1,
        10,
    );
    assert_eq!(
        e.help.as_deref(),
        Some("if the string should end here, add the closing `\"`")
    );
    assert_error(
        "[\"a\tb\"]",
        "control character in string; escape it as `\\t`",
        1,
        4,
    );
    assert_error(
        "[\"a\u{1}b\"]",
        "control character in string; escape it as `\\u0001`",
        1,
        4,
    );
    assert_error("[\"a\\qb\"]", "invalid escape `\\q` in string", 1, 4);
}

#[test]
fn end_of_input_names_the_missing_bracket() {
    let e = assert_error(
        "{\n  \"a\": [1, 2",
        "unexpected end of input: missing `]`",
        2,
        13,
    );
    assert_eq!(
        e.help.as_deref(),
        Some("the `[` at line 2, column 8 is never closed")
    );
    let e = assert_error(
        "{\"a\": [1]\n",
        "unexpected end of input: missing `}`",
        2,
        1,
    );
    assert_eq!(
        e.help.as_deref(),
        Some("the `{` at line 1, column 1 is never closed")
    );
    assert_error("{\"a\":", "unexpected end of input: missing `}`", 1, 6);
}

#[test]
fn limits_nesting_depth() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse_json(&ok).is_ok());
    let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    let e = parse_err(&too_deep);
    assert_eq!(
        e.message,
        "nesting is too deep: more than 128 levels of arrays and objects"
    );
    assert_eq!(e.loc.start, pos(1, 129));
    // far deeper than any stack could recurse: still an error, not a crash
    let hostile = "[{\"a\":".repeat(200_000);
    assert!(
        parse_err(&hostile)
            .message
            .starts_with("nesting is too deep")
    );
}

#[test]
fn ignores_a_byte_order_mark_but_not_other_invisible_characters() {
    assert!(parse_json("\u{FEFF}[1]").is_ok());
    let e = assert_error(
        "[1,\u{A0}2]",
        "expected a value, found character U+00A0",
        1,
        4,
    );
    assert!(
        e.help
            .unwrap_or_default()
            .contains("only spaces, tabs and line breaks")
    );
}

// ---- robustness: deterministic pseudo-random documents ----

/// A small xorshift generator, so the test is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const STRINGS: &[&str] = &[
    "\"\"",
    "\"s3:GetObject\"",
    "\"arn:aws:s3:::b/*\"",
    "\"\\u00e9\\n\\\"\"",
    "\"\u{1F600} \u{e9}\"",
    "\"\\ud83d\\ude00\"",
];
const SCALARS: &[&str] = &["0", "-1.5e3", "42", "true", "false", "null"];
const SPACE: &[&str] = &["", " ", "\n", "\t", "\r\n  "];

fn value(rng: &mut Rng, depth: usize, out: &mut String) {
    let choice = if depth > 5 {
        rng.below(2)
    } else {
        rng.below(4)
    };
    match choice {
        0 => out.push_str(rng.pick(STRINGS)),
        1 => out.push_str(rng.pick(SCALARS)),
        2 => {
            out.push('[');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(rng.pick(SPACE));
                value(rng, depth + 1, out);
                out.push_str(rng.pick(SPACE));
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(rng.pick(SPACE));
                out.push_str(rng.pick(STRINGS));
                out.push_str(rng.pick(SPACE));
                out.push(':');
                out.push_str(rng.pick(SPACE));
                value(rng, depth + 1, out);
            }
            out.push('}');
        }
    }
}

/// Checks that every location is inside the text and agrees with `LineIndex`.
fn check_locs(json: &Json, index: &LineIndex<'_>) {
    let loc = json.loc;
    assert!(loc.span.start <= loc.span.end && loc.span.end as usize <= index.text().len());
    assert_eq!(loc.start, index.position(loc.span.start as usize));
    assert_eq!(loc.end, index.position(loc.span.end as usize));
    match &json.value {
        JsonValue::Array(items) => items.iter().for_each(|i| check_locs(i, index)),
        JsonValue::Object(members) => {
            for m in members {
                assert_eq!(
                    m.key.loc.start,
                    index.position(m.key.loc.span.start as usize)
                );
                assert_eq!(m.key.loc.end, index.position(m.key.loc.span.end as usize));
                check_locs(&m.value, index);
            }
        }
        _ => {}
    }
}

#[test]
fn random_documents_parse_with_exact_locations() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..500 {
        let mut text = String::new();
        text.push_str(rng.pick(SPACE));
        value(&mut rng, 0, &mut text);
        text.push_str(rng.pick(SPACE));
        let json = parse_ok(&text);
        check_locs(&json, &LineIndex::new(&text));
        // serde_json reads the same values (it keeps the last of duplicate keys)
        let reference: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("serde_json rejects {text:?}: {e}"),
        };
        assert_eq!(to_serde(&json), reference, "{text:?}");
    }
}

/// Converts to a `serde_json` value, the last duplicate key winning as in
/// `serde_json`.
fn to_serde(json: &Json) -> serde_json::Value {
    use serde_json::Value;
    match &json.value {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => serde_json::from_str(n).unwrap_or(Value::Null),
        JsonValue::String(s) => Value::String(s.clone()),
        JsonValue::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        JsonValue::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| (m.key.value.clone(), to_serde(&m.value)))
                .collect(),
        ),
    }
}

#[test]
fn truncated_and_mutated_documents_never_panic() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let noise = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "/",
        "*",
        "\n",
        "\u{1F600}",
        "\u{e9}",
        "-",
        "e",
        "0",
        "t",
        "\u{0}",
        "\\u",
        "\\ud800",
    ];
    for round in 0..300 {
        let mut text = String::new();
        value(&mut rng, 0, &mut text);
        // every prefix, cut at character boundaries
        for cut in (0..text.len()).filter(|&c| text.is_char_boundary(c)) {
            check_error_or_ok(&text[..cut]);
        }
        // random insertions and deletions
        for _ in 0..10 {
            let mut mutated = text.clone();
            for _ in 0..1 + round % 3 {
                let at = rng.below(mutated.len() + 1);
                let at = (0..=at)
                    .rev()
                    .find(|&a| mutated.is_char_boundary(a))
                    .unwrap_or(0);
                if rng.below(2) == 0 {
                    mutated.insert_str(at, noise[rng.below(noise.len())]);
                } else if let Some(c) = mutated[at..].chars().next() {
                    mutated.replace_range(at..at + c.len_utf8(), "");
                }
            }
            check_error_or_ok(&mutated);
        }
    }
}

fn check_error_or_ok(text: &str) {
    match parse_json(text) {
        Ok(json) => {
            check_locs(&json, &LineIndex::new(text));
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_ok(),
                "{text:?}"
            );
        }
        Err(e) => {
            assert!(e.loc.span.start <= e.loc.span.end, "{text:?}: {e}");
            assert!(e.loc.span.end as usize <= text.len(), "{text:?}: {e}");
            assert!(
                text.is_char_boundary(e.loc.span.start as usize),
                "{text:?}: {e}"
            );
            assert!(!e.message.is_empty() && !e.message.ends_with('.'));
            assert_eq!(
                e.message
                    .chars()
                    .next()
                    .map(|c| c.is_lowercase() || !c.is_alphabetic()),
                Some(true)
            );
            // serde_json rejects it too
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text:?}: {e}"
            );
        }
    }
}

#[test]
fn long_single_line_documents_parse_in_linear_time() {
    // 50,000 strings on one line: a quadratic column computation would
    // take minutes here.
    let text = format!(
        "[{}]",
        vec!["\"arn:aws:s3:::bucket/\u{e9}/*\""; 50_000].join(",")
    );
    let json = parse_ok(&text);
    let items = json.as_array().unwrap_or_default();
    assert_eq!(items.len(), 50_000);
    let last = &items[49_999];
    assert_eq!(
        last.loc.start,
        LineIndex::new(&text).position(last.loc.span.start as usize)
    );
}
