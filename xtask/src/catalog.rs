//! `cargo xtask catalog`.

/// Runs `cargo xtask catalog`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`catalog` is not written yet".to_owned())
}
