//! `cargo xtask size [--no-build]`: the raw and gzipped size of every file
//! the page loads, from trunk's `dist/` folder (the Monaco workers
//! included).

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::setup::{self, Needs};
use crate::{site, util};

/// Runs `cargo xtask size`.
pub fn run(args: &[String]) -> Result<(), String> {
    util::reject_unknown(args, &["--no-build"], &[])?;
    let dist = if args.iter().any(|arg| arg == "--no-build") {
        site::dist_dir()
    } else {
        site::build(&setup::ensure(Needs { browser: false })?)?
    };
    // Not the precompressed copies (`.gz`, `.br`) the build writes beside
    // each file.
    let mut files: Vec<PathBuf> = util::files_under(&dist)?
        .into_iter()
        .filter(|path| {
            !path
                .extension()
                .is_some_and(|extension| extension == "gz" || extension == "br")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{} is empty: build the page first", dist.display()));
    }
    println!(
        "{:<60} {:>11} {:>11} {:>11}",
        "file (dist/)", "raw", "gzip -9", "gzip bytes"
    );
    let (mut raw_total, mut gzip_total) = (0, 0);
    for file in &files {
        let bytes =
            fs::read(file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        let gzipped = gzip_len(&bytes)?;
        raw_total += bytes.len();
        gzip_total += gzipped;
        let name = file
            .strip_prefix(&dist)
            .unwrap_or(file)
            .display()
            .to_string();
        println!(
            "{name:<60} {:>11} {:>11} {gzipped:>11}",
            human(bytes.len()),
            human(gzipped)
        );
    }
    println!(
        "{:<60} {:>11} {:>11} {gzip_total:>11}",
        format!("total ({} files)", files.len()),
        human(raw_total),
        human(gzip_total)
    );
    Ok(())
}

/// The length of `bytes` compressed with gzip at its best level.
pub fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map(|compressed| compressed.len())
        .map_err(|error| format!("cannot gzip: {error}"))
}

/// A byte count for people: `1234567` is `1205.6 KiB`.
pub fn human(bytes: usize) -> String {
    // Exact below 2^53 bytes, which no web asset comes near.
    let kib = bytes as f64 / 1024.0;
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{kib:.1} KiB")
    }
}
