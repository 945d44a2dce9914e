//! Target `share-link`: the fragment of a shared URL (`#w1.<data>` packed
//! links and `#policy=…&action=…` plain links).
//!
//! A packed link's data is DEFLATE-compressed text that the browser
//! inflates with its own `DecompressionStream`; natively the target reads
//! the decoded bytes as the inflated text, which exercises every step after
//! the browser's.

use iamplay_app::persist::envelope::{read_snapshot, write_snapshot};
use iamplay_app::persist::link::{Fragment, classify, packed_bytes, unpack};
use iamplay_app::persist::plain::read_plain;

use crate::text;

/// Classifies and reads the fragment; a link that opens must write a
/// snapshot that reads back, and writes the same again.
pub fn check(data: &[u8]) {
    let text = text(data);
    let snapshot = match classify(&text) {
        Ok(Fragment::Packed(data)) => packed_bytes(data).and_then(|bytes| unpack(&bytes)),
        Ok(Fragment::Plain(params)) => read_plain(params),
        Ok(Fragment::Empty) | Err(_) => return,
    };
    let Ok(snapshot) = snapshot else {
        return;
    };
    let written = write_snapshot(&snapshot);
    let again = read_snapshot(&written).unwrap_or_else(|why| {
        panic!("a snapshot written from a link does not read back: {why}\n{written}")
    });
    assert_eq!(
        write_snapshot(&again),
        written,
        "writing a snapshot read back changes it"
    );
}
