//! Policy documents as `get-account-authorization-details` gives them: JSON
//! objects (the AWS CLI decodes them) or strings holding URL-encoded JSON
//! (the IAM API encodes them as RFC 3986 says).

use crate::json::{Json, JsonValue, parse_json};
use crate::workspace::write::write_json;

/// The document's text, written in the workspace style at column 0 when it
/// is JSON. A string that is not JSON is kept as decoded, so that the
/// playground reports what is wrong with it. The error completes a
/// sentence about the document, e.g. "must be a JSON object or its
/// URL-encoded text, found a number".
pub(super) fn document_text(json: &Json) -> Result<String, String> {
    match &json.value {
        JsonValue::Object(_) => Ok(write_json(json)),
        JsonValue::String(s) => {
            let decoded = if s.trim_start().starts_with('{') {
                s.clone()
            } else {
                url_decode(s).ok_or_else(|| "is not valid UTF-8 once URL-decoded".to_owned())?
            };
            Ok(match parse_json(&decoded) {
                Ok(parsed) if parsed.as_object().is_some() => write_json(&parsed),
                _ => decoded,
            })
        }
        _ => Err(format!(
            "must be a JSON object or its URL-encoded text, found {}",
            json.kind_name()
        )),
    }
}

/// Decodes `%XX` escapes (RFC 3986: `+` stays `+`); a `%` not followed by
/// two hex digits is kept as it is. `None` when the bytes are not UTF-8.
fn url_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = (b == b'%')
            .then(|| Some((hex(*bytes.get(i + 1)?)? << 4) | hex(*bytes.get(i + 2)?)?))
            .flatten();
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(input: &str) -> Result<String, String> {
        let json = parse_json(input).map_err(|e| e.message)?;
        document_text(&json)
    }

    #[test]
    fn objects_and_url_encoded_strings_give_the_same_text() {
        let object = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::a+b/*"}]}"#;
        let encoded = "\"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGet%2A%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa+b%2F%2A%22%7D%5D%7D\"";
        let expected = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:Get*\",\n      \"Resource\": \"arn:aws:s3:::a+b/*\"\n    }\n  ]\n}";
        assert_eq!(text_of(object).as_deref(), Ok(expected));
        assert_eq!(text_of(encoded).as_deref(), Ok(expected));
    }

    #[test]
    fn a_string_that_is_not_json_is_kept_as_decoded() {
        assert_eq!(text_of("\"%7Bnot json\"").as_deref(), Ok("{not json"));
        assert_eq!(text_of("\"100%\"").as_deref(), Ok("100%"));
        assert!(text_of("\"%FF\"").is_err());
        assert!(text_of("3").is_err());
    }
}
