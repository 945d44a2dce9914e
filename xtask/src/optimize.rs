//! The app's `.wasm` through binaryen's `wasm-opt -Oz` after trunk has
//! built the page (trunk's own `data-wasm-opt` would download binaryen;
//! the pinned one of `xtask/tools/wasm-opt` is used instead, as for the
//! JavaScript API), and the page's `integrity` attribute for it brought in
//! line with the optimized file.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha384};

use crate::setup;

/// Optimizes every `.wasm` at the top of `dist` and updates the page's
/// `integrity` attributes for them; returns (bytes before, bytes after).
pub fn optimize_wasm(dist: &Path) -> Result<(usize, usize), String> {
    let wasm_opt = setup::ensure_wasm_opt()?;
    let page_path = dist.join("index.html");
    let mut page = fs::read_to_string(&page_path)
        .map_err(|error| format!("cannot read {}: {error}", page_path.display()))?;
    let (mut before, mut after) = (0, 0);
    for wasm in wasm_files(dist)? {
        let old = read(&wasm)?;
        crate::js::optimize_wasm(&wasm_opt, &wasm)?;
        let new = read(&wasm)?;
        page = page.replace(&integrity(&old), &integrity(&new));
        before += old.len();
        after += new.len();
    }
    fs::write(&page_path, page)
        .map_err(|error| format!("cannot write {}: {error}", page_path.display()))?;
    Ok((before, after))
}

/// The `.wasm` files directly in `dist`.
fn wasm_files(dist: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(dist).map_err(|error| format!("cannot list {}: {error}", dist.display()))?;
    Ok(entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "wasm")
        })
        .collect())
}

/// Reads a file, with an error that names it.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

/// The Subresource Integrity value trunk writes: `sha384-` and the
/// base64 of the SHA-384 digest.
pub(crate) fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let index = usize::try_from((n >> shift) & 63).unwrap_or(0);
                text.push(char::from(ALPHABET[index]));
            } else {
                text.push('=');
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
