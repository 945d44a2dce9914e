//! The browser benchmark of the playground: time from a keystroke in the
//! editor to the updated decision on screen.

/// Runs the browser benchmark.
pub fn run() -> Result<(), String> {
    println!("== browser: the browser benchmark is not written yet");
    Ok(())
}
