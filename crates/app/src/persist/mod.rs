//! Keeping work without a server: the workspace and the request travel in
//! the page's URL fragment (share links), are saved in the browser's local
//! storage under names as the user works, and are read back when the
//! page opens.
//!
//! The link format: `#w1.<data>`, where `<data>` is the snapshot text
//! ([`envelope`]) compressed with raw DEFLATE and written in base64url
//! ([`base64url`]), and `1` the link format's version ([`link`]); or the
//! plain, hand-writable `#policy=…&action=…&resource=…&principal=…`
//! ([`plain`]).
//!
//! The pure parts are tested natively: [`base64url`], [`params`],
//! [`envelope`], [`link`], [`plain`], [`shelf`]. The browser parts:
//! [`compress`] (`CompressionStream`), [`storage`] (`localStorage`),
//! [`boot`] (what the page opens on) and [`keeper`] (the hook that keeps
//! work as the user edits).

pub mod base64url;
pub mod boot;
pub mod compress;
pub mod envelope;
pub mod keeper;
pub mod link;
pub mod params;
pub mod plain;
pub mod shelf;
pub mod storage;

pub use boot::{Boot, BootNotice, KeepMode, boot};
pub use keeper::{Keeper, KeeperCommand, ShelfView, use_keeper};

/// The page's address without its query and fragment, e.g.
/// `https://example.com/playground/`.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}
