//! `cargo xtask size`.

/// Runs `cargo xtask size`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`size` is not written yet".to_owned())
}
