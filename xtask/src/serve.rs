//! `cargo xtask serve`.

/// Runs `cargo xtask serve`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`serve` is not written yet".to_owned())
}
