//! What a URL fragment holds: nothing, a packed link (`#w1.<data>`: the
//! snapshot text compressed with raw DEFLATE and written in base64url,
//! versioned by the number after `w`), or a plain, hand-writable link
//! (`#policy=…&action=…`, see [`plain`](super::plain)).

use super::base64url;
use super::envelope::read_snapshot;
use crate::state::Snapshot;

/// The version of packed links this build writes and reads.
pub const LINK_VERSION: u32 = 1;

/// What a fragment holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fragment<'a> {
    /// No fragment, or an empty one.
    Empty,
    /// A packed link of this version: its base64url data.
    Packed(&'a str),
    /// A plain link: its parameters.
    Plain(&'a str),
}

/// Tells what `fragment` (with or without its `#`) holds. The error says
/// why it is not a link this page can open (lowercase, no final period).
pub fn classify(fragment: &str) -> Result<Fragment<'_>, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Ok(Fragment::Empty);
    }
    if let Some(rest) = fragment.strip_prefix('w')
        && let Some((number, data)) = rest.split_once('.')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        return match number.parse::<u32>() {
            Ok(LINK_VERSION) => Ok(Fragment::Packed(data)),
            Ok(version) if version > LINK_VERSION => Err(format!(
                "it was made by a newer version of the playground (link format {version}; this page reads format {LINK_VERSION}): open it with an up-to-date playground"
            )),
            _ => Err(format!("it has an unknown link format `w{number}`")),
        };
    }
    if fragment.contains('=') {
        return Ok(Fragment::Plain(fragment));
    }
    Err(
        "it is not a playground link: it holds neither `#w1.` data nor `name=value` parameters"
            .to_owned(),
    )
}

/// The fragment (without `#`) for compressed snapshot text.
pub fn pack(compressed: &[u8]) -> String {
    format!("w{LINK_VERSION}.{}", base64url::encode(compressed))
}

/// The compressed bytes of a packed link's data.
pub fn packed_bytes(data: &str) -> Result<Vec<u8>, String> {
    if data.is_empty() {
        return Err("it is cut short: it has no data after `w1.`".to_owned());
    }
    base64url::decode(data).map_err(|why| format!("it is damaged: {why}"))
}

/// The snapshot in a packed link's decompressed bytes.
pub fn unpack(text: &[u8]) -> Result<Snapshot, String> {
    let text = std::str::from_utf8(text).map_err(|_| "it is damaged: its data is not text")?;
    read_snapshot(text)
}

/// The message for data that does not decompress.
pub const DAMAGED: &str =
    "it is cut short or damaged: its data does not decompress (was the link copied whole?)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_told_apart() {
        assert_eq!(classify(""), Ok(Fragment::Empty));
        assert_eq!(classify("#"), Ok(Fragment::Empty));
        assert_eq!(classify("#w1.abc_-"), Ok(Fragment::Packed("abc_-")));
        assert_eq!(classify("w1."), Ok(Fragment::Packed("")));
        assert_eq!(
            classify("#policy=%7B%7D&action=s3:GetObject"),
            Ok(Fragment::Plain("policy=%7B%7D&action=s3:GetObject"))
        );
    }

    #[test]
    fn newer_and_unknown_versions_are_refused() {
        let error = classify("#w2.AAAA").expect_err("w2");
        assert!(
            error.contains("newer version of the playground (link format 2"),
            "{error}"
        );
        assert_eq!(
            classify("#w0.AAAA"),
            Err("it has an unknown link format `w0`".to_owned())
        );
        assert!(classify("#hello").is_err());
    }

    #[test]
    fn packed_data_must_be_base64url() {
        assert_eq!(pack(&[0xfb, 0xff]), "w1.-_8");
        assert_eq!(packed_bytes("-_8"), Ok(vec![0xfb, 0xff]));
        assert!(packed_bytes("").expect_err("empty").contains("cut short"));
        assert!(
            packed_bytes("ab$c")
                .expect_err("bad")
                .starts_with("it is damaged")
        );
        assert!(unpack(&[0xff, 0xfe]).is_err());
    }
}
