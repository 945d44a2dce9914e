//! Pretty-printing the minified JSON documents of managed policies,
//! without a JSON library: four-space indentation and one member or
//! element per line, the layout of the IAM console and the User Guide.

/// Re-indents a JSON text. Whitespace between tokens is replaced; strings,
/// numbers and literals are copied as they are. Text that is not JSON is
/// re-indented as far as its brackets go, never rejected.
pub(crate) fn pretty_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let mut chars = json.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                while chars.peek().is_some_and(|n| is_json_space(*n)) {
                    chars.next();
                }
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if is_json_space(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("    ");
    }
}

#[cfg(test)]
mod tests {
    use super::pretty_json;

    #[test]
    fn indents_objects_and_arrays() {
        let compact = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a:B","c:D"],"Resource":"*","Condition":{}}]}"#;
        let expected = r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "a:B",
                "c:D"
            ],
            "Resource": "*",
            "Condition": {}
        }
    ]
}"#;
        assert_eq!(pretty_json(compact), expected);
    }

    #[test]
    fn leaves_strings_alone() {
        let compact = r#"{"a":"x, y: {z} [w] \"q\" \\","b":[ ],"c":-1.5e3}"#;
        let expected =
            "{\n    \"a\": \"x, y: {z} [w] \\\"q\\\" \\\\\",\n    \"b\": [],\n    \"c\": -1.5e3\n}";
        assert_eq!(pretty_json(compact), expected);
    }
}
