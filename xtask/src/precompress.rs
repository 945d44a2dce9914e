//! Precompressed copies of the built page's files: `F.gz` (gzip, best
//! level) and `F.br` (brotli, quality 11) beside every file `F` of `dist/`
//! that compresses, so that the server sends the smaller one to a browser
//! that accepts it (`server.rs`) without compressing on every request.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

/// A content coding the page's files are precompressed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    /// Brotli (`br`), smaller; every current browser accepts it over HTTP.
    Brotli,
    /// gzip, for clients without brotli (curl, older tools).
    Gzip,
}

impl Coding {
    /// The codings in the order the server prefers them.
    pub const PREFERRED: [Coding; 2] = [Coding::Brotli, Coding::Gzip];

    /// The `Content-Encoding` / `Accept-Encoding` token.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The extension of the precompressed copy, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gz",
        }
    }

    /// `path` with this coding's extension appended (`app.wasm.br`).
    pub fn beside(self, path: &Path) -> PathBuf {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(self.extension());
        PathBuf::from(name)
    }

    /// `bytes` compressed with this coding at its best level.
    pub fn compress(self, bytes: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            Coding::Gzip => {
                let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
                encoder
                    .write_all(bytes)
                    .and_then(|()| encoder.finish())
                    .map_err(|error| format!("cannot gzip: {error}"))
            }
            Coding::Brotli => {
                let mut compressed = Vec::new();
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    lgwin: 22,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params)
                    .map_err(|error| format!("cannot brotli-compress: {error}"))?;
                Ok(compressed)
            }
        }
    }
}

/// Whether a file is worth compressing: text, WebAssembly, SVG and
/// TrueType fonts (Monaco's codicons: 70 KB, 36 KB brotli), not images
/// that are compressed already nor the copies this module writes.
fn compressible(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        extension.as_deref(),
        Some("html" | "js" | "mjs" | "css" | "wasm" | "svg" | "ttf" | "txt" | "json" | "map")
    )
}

/// Writes the `.gz` and `.br` copies beside every compressible file under
/// `dir` (recursively) when they are smaller than the file; returns the
/// number of files compressed.
pub fn precompress(dir: &Path) -> Result<usize, String> {
    let files = crate::util::files_under(dir)?;
    let mut count = 0;
    for file in files.iter().filter(|file| compressible(file)) {
        let bytes =
            fs::read(file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        for coding in Coding::PREFERRED {
            let copy = coding.beside(file);
            let compressed = coding.compress(&bytes)?;
            if compressed.len() < bytes.len() {
                fs::write(&copy, compressed)
                    .map_err(|error| format!("cannot write {}: {error}", copy.display()))?;
            } else if copy.exists() {
                fs::remove_file(&copy)
                    .map_err(|error| format!("cannot remove {}: {error}", copy.display()))?;
            }
        }
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_code_and_fonts_are_compressed_but_not_images_nor_copies() {
        for name in [
            "monaco/editor.js",
            "monaco/editor.css",
            "monaco/codicon.ttf",
            "app.wasm",
        ] {
            assert!(compressible(Path::new(name)), "{name}");
        }
        for name in ["docs/shot.png", "monaco/editor.js.br", "app.wasm.gz"] {
            assert!(!compressible(Path::new(name)), "{name}");
        }
    }
    use std::io::Read;

    #[test]
    fn copies_are_written_beside_text_and_wasm_and_decompress_to_the_file() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        fs::create_dir_all(dir.join("monaco")).expect("a temporary folder");
        let text = "let policy = 1;\n".repeat(200);
        fs::write(dir.join("monaco").join("editor.js"), &text).expect("write");
        fs::write(dir.join("logo.png"), [0_u8; 300]).expect("write");
        assert_eq!(precompress(&dir).expect("compressed"), 1);

        let gz = fs::read(dir.join("monaco/editor.js.gz")).expect("the .gz copy");
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, text);

        let br = fs::read(dir.join("monaco/editor.js.br")).expect("the .br copy");
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).expect("brotli");
        assert_eq!(unbrotli, text.as_bytes());
        assert!(br.len() < gz.len(), "brotli is the smaller");

        assert!(!dir.join("logo.png.gz").exists());
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
