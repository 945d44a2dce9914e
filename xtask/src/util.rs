//! Helpers shared by the xtask commands: the project root, running
//! commands, finding tools.

use std::path::PathBuf;

/// The workspace root (the parent of `xtask/`).
#[expect(dead_code, reason = "used by the commands as they are written")]
pub fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
