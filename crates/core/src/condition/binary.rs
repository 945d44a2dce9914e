//! Base-64 for `BinaryEquals`, decoded without allocating.
//! Reference: `reference_policies_elements_condition_operators.md`,
//! "Binary condition operators": the policy holds "a base-64 encoded
//! representation of the binary value", compared "byte for byte".
//!
//! Both sides are base-64 text (the request context has no other way to
//! carry bytes): the standard alphabet `A-Z a-z 0-9 + /`, with `=`
//! padding to a multiple of four characters or no padding at all. Spaces,
//! line breaks and the URL-safe alphabet are not accepted.

/// The six bits a base-64 character stands for.
fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// The base-64 characters of `text` without padding, if it is valid.
fn body(text: &str) -> Option<&[u8]> {
    let unpadded = text.trim_end_matches('=');
    let padding = text.len() - unpadded.len();
    let bytes = unpadded.as_bytes();
    let valid = padding <= 2
        && (padding == 0 || text.len().is_multiple_of(4))
        && bytes.len() % 4 != 1
        && bytes.iter().all(|&c| sextet(c).is_some());
    valid.then_some(bytes)
}

/// Whether `text` is valid base-64.
pub fn is_base64(text: &str) -> bool {
    body(text).is_some()
}

/// The bytes `text` encodes; `None` if it is not valid base-64.
pub fn decode(text: &str) -> Option<Decoded<'_>> {
    body(text).map(|chars| Decoded {
        chars: chars.iter(),
        bits: 0,
        count: 0,
    })
}

/// The decoded bytes of a base-64 text, produced one at a time.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    chars: std::slice::Iter<'a, u8>,
    bits: u32,
    count: u32,
}

impl Iterator for Decoded<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        while self.count < 8 {
            let c = *self.chars.next()?;
            self.bits = (self.bits << 6) | u32::from(sextet(c)?);
            self.count += 6;
        }
        self.count -= 8;
        let byte = (self.bits >> self.count) & 0xff;
        self.bits &= (1 << self.count) - 1;
        u8::try_from(byte).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Vec<u8> {
        decode(text).unwrap().collect()
    }

    #[test]
    fn decodes() {
        // The User Guide's example value.
        assert_eq!(
            bytes("QmluYXJ5VmFsdWVJbkJhc2U2NA=="),
            b"BinaryValueInBase64"
        );
        assert_eq!(bytes(""), b"");
        assert_eq!(bytes("Zg=="), b"f");
        assert_eq!(bytes("Zg"), b"f");
        assert_eq!(bytes("Zm8="), b"fo");
        assert_eq!(bytes("Zm9v"), b"foo");
        assert_eq!(bytes("+/+/"), [0xfb, 0xff, 0xbf]);
    }

    #[test]
    fn rejects_invalid() {
        for text in [
            "Z", "Zg=", "Zg===", "Z===", "Zm9v!", "Zm 9v", "Zm9v\n", "-_8=", "=", "Zg==Zg==",
        ] {
            assert!(!is_base64(text), "`{text}`");
        }
    }
}
