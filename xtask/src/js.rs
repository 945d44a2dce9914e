//! `cargo xtask js`.

/// Runs `cargo xtask js`.
pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("`js` is not written yet".to_owned())
}
