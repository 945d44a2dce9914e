//! Base64url (RFC 4648 §5) without padding: the alphabet `A–Z a–z 0–9 - _`,
//! safe in a URL fragment as it is.

/// The 64 characters, in the order of their values.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` in base64url, without `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let digits = chunk.len() + 1;
        for i in 0..digits {
            let value = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[value as usize]));
        }
    }
    out
}

/// The bytes `text` encodes; `=` padding is accepted at the end. The error
/// names the first character that is not base64url, counting from 1.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for (index, c) in text.chars().enumerate() {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            other => {
                return Err(format!(
                    "`{other}` at character {} is not base64url",
                    index + 1
                ));
            }
        };
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    if bits >= 6 {
        // One character left over cannot make a byte: the text was cut.
        return Err(format!(
            "{} characters is not a length base64url text can have",
            text.chars().count()
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4648 §10 test vectors, in the URL-safe alphabet, without padding.
    #[test]
    fn rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded).as_deref(), Ok(plain.as_bytes()));
        }
        assert_eq!(decode("Zm8=").as_deref(), Ok(&b"fo"[..]));
    }

    #[test]
    fn the_url_safe_characters_replace_plus_and_slash() {
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8"), Ok(vec![0xfb, 0xff]));
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)), Ok(all));
    }

    #[test]
    fn foreign_characters_and_impossible_lengths_are_errors() {
        assert_eq!(
            decode("Zm9v+Yg"),
            Err("`+` at character 5 is not base64url".to_owned())
        );
        assert_eq!(
            decode("Zm9vY"),
            Err("5 characters is not a length base64url text can have".to_owned())
        );
    }
}
