//! `name=value&name=value` parameters, as a URL's query or a plain link's
//! fragment carries them, with percent escapes (RFC 3986: `+` is a plus,
//! not a space).

/// One parameter: its name and value, unescaped. A parameter written
/// without `=` has no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The name.
    pub name: String,
    /// The value, when the parameter has `=`.
    pub value: Option<String>,
}

/// The parameters of `text` (without its leading `?` or `#`), in order;
/// empty parts (`a&&b`) are skipped. The error names a percent escape
/// that is not one, or text that is not UTF-8 once unescaped.
pub fn parse_params(text: &str) -> Result<Vec<Param>, String> {
    let mut params = Vec::new();
    for part in text.split('&').filter(|part| !part.is_empty()) {
        let (name, value) = match part.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (part, None),
        };
        params.push(Param {
            name: unescape(name)?,
            value: value.map(unescape).transpose()?,
        });
    }
    Ok(params)
}

/// `text` with its `%XX` escapes replaced by the bytes they stand for.
pub fn unescape(text: &str) -> Result<String, String> {
    if !text.contains('%') {
        return Ok(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte != b'%' {
            out.push(byte);
            i += 1;
            continue;
        }
        let hex = bytes
            .get(i + 1..(i + 3).min(bytes.len()))
            .unwrap_or_default();
        let value = std::str::from_utf8(hex)
            .ok()
            .filter(|h| h.len() == 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match value {
            Some(value) => out.push(value),
            None => {
                let shown: String = text.get(i..).unwrap_or_default().chars().take(3).collect();
                return Err(format!("`{shown}` is not a percent escape"));
            }
        }
        i += 3;
    }
    String::from_utf8(out).map_err(|_| format!("`{text}` is not UTF-8 text once unescaped"))
}

/// `text` escaped for a URL's query or fragment: every byte but the
/// unreserved characters (`A–Z a–z 0–9 - . _ ~`) and a few that are safe
/// there and keep the text readable (`: / , @ *`) as `%XX`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b'/'
            | b','
            | b'@'
            | b'*' => out.push(char::from(byte)),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str, value: Option<&str>) -> Param {
        Param {
            name: name.to_owned(),
            value: value.map(str::to_owned),
        }
    }

    #[test]
    fn names_values_and_flags() {
        assert_eq!(
            parse_params("embed&hide=workspace,request&&request=2").expect("params"),
            [
                param("embed", None),
                param("hide", Some("workspace,request")),
                param("request", Some("2")),
            ]
        );
    }

    #[test]
    fn escapes_are_undone_and_plus_is_a_plus() {
        assert_eq!(
            parse_params("policy=%7B%22a%22%3A%201%7D&x=a+b%26c%3D").expect("params"),
            [
                param("policy", Some("{\"a\": 1}")),
                param("x", Some("a+b&c="))
            ]
        );
        assert_eq!(unescape("caf%C3%A9").as_deref(), Ok("café"));
    }

    #[test]
    fn broken_escapes_are_errors() {
        assert_eq!(
            unescape("a%G1b"),
            Err("`%G1` is not a percent escape".to_owned())
        );
        assert_eq!(
            unescape("ab%4"),
            Err("`%4` is not a percent escape".to_owned())
        );
        assert!(unescape("%FF").is_err());
    }

    #[test]
    fn escape_round_trips() {
        let text = "{\"Sid\": \"<img src=x onerror=alert(1)>\", \"é\": \"a&b=c#d+e\"}";
        let escaped = escape(text);
        assert!(!escaped.contains(['&', '=', '#', '"', '<', ' ', '+']));
        assert_eq!(unescape(&escaped).as_deref(), Ok(text));
        assert_eq!(escape("arn:aws:s3:::bucket/*"), "arn:aws:s3:::bucket/*");
    }
}
