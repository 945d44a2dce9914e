//! `iamplay-afl TARGET`: feeds AFL++'s inputs to one fuzz target of
//! `iamplay-fuzz` (a crash or an input slower than its limit is a finding).

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = iamplay_fuzz::target(&name) else {
        let names: Vec<&str> = iamplay_fuzz::TARGETS.iter().map(|t| t.name).collect();
        eprintln!("usage: iamplay-afl TARGET   (one of: {})", names.join(", "));
        std::process::exit(2);
    };
    // The first input pays for reading AWS's service data and managed
    // policies once; do it outside the timed loop.
    iamplay_fuzz::warm_up();
    afl::fuzz!(|data: &[u8]| {
        iamplay_fuzz::run(target, data);
    });
}
