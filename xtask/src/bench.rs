//! `cargo xtask bench`.

/// Runs `cargo xtask bench`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`bench` is not written yet".to_owned())
}
