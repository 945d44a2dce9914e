//! `cargo xtask test`.

/// Runs `cargo xtask test`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`test` is not written yet".to_owned())
}
