//! `cargo xtask setup`.

/// Runs `cargo xtask setup`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`setup` is not written yet".to_owned())
}
