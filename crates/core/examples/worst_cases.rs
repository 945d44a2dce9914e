//! Runs each worst case of issue 12 once and prints its time and how
//! much the peak resident memory rose (from `/proc/self/status`, so on
//! Linux), for the numbers the criterion bench cannot give:
//!
//! ```text
//! cargo run --release -p iamplay-core --features catalog --example worst_cases [CASE...]
//! ```
//!
//! Cases: `lint`, `operators`, `errors`, `variables`, `sets`. Without arguments,
//! all of them.

use std::time::Instant;

use iamplay_core::eval::{authorize, evaluate};
use iamplay_core::{Engine, PolicyKind};

#[path = "../benches/inputs/mod.rs"]
mod inputs;

/// A field of `/proc/self/status` in kB (`VmRSS`, `VmHWM`); `None` off
/// Linux.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The time this thread has run on a processor, in nanoseconds (the
/// first field of `/proc/thread-self/schedstat`); `None` off Linux. On a
/// busy machine it is a fairer measure than the time on the clock.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Runs `work` once; prints its time and how far the peak resident
/// memory rose above what was resident when it started (Linux: the
/// peak is reset through `/proc/self/clear_refs` first).
fn measure<T>(label: &str, work: impl FnOnce() -> T) -> T {
    // Writing 5 resets the peak resident set size (`VmHWM`) to the current one.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let base = status_kb("VmRSS:");
    let cpu_before = cpu_ns();
    let started = Instant::now();
    let out = work();
    let elapsed = started.elapsed();
    let cpu = match (cpu_before, cpu_ns()) {
        (Some(before), Some(after)) => format!("{:>10.3} ms on CPU", (after - before) as f64 / 1e6),
        _ => String::new(),
    };
    let peak = match (base, status_kb("VmHWM:")) {
        (Some(base), Some(peak)) => {
            format!("{:>8.1} MB peak", peak.saturating_sub(base) as f64 / 1000.0)
        }
        _ => "peak memory unknown".to_owned(),
    };
    println!(
        "{label:<58} {:>10.3} ms {cpu} {peak}",
        elapsed.as_secs_f64() * 1000.0,
    );
    out
}

fn main() {
    let cases: Vec<String> = std::env::args().skip(1).collect();
    let wanted = |case: &str| cases.is_empty() || cases.iter().any(|c| c == case);
    // The catalog is read on first use: not part of any case.
    Engine::validate(r#"{"Statement": []}"#, PolicyKind::Identity);
    if wanted("lint") {
        let text = inputs::repeated_wildcard_policy(4_000);
        let problems = measure(
            &format!("lint: {} KB, 4,000 x `s3:*`", text.len() / 1000),
            || Engine::validate(&text, PolicyKind::Identity),
        );
        let bytes: usize = problems
            .iter()
            .map(|p| p.message.len() + p.help.as_ref().map_or(0, String::len))
            .sum();
        println!("  {} findings, {bytes} bytes of messages", problems.len());
    }
    if wanted("operators") {
        let text = inputs::unknown_operators_policy(16_000);
        let problems = measure(
            &format!(
                "validate: 16,000 unknown operators ({} KB)",
                text.len() / 1000
            ),
            || Engine::validate(&text, PolicyKind::Identity),
        );
        println!("  {} findings", problems.len());
    }
    if wanted("errors") {
        let text = inputs::many_errors_policy(8_000);
        let problems = measure(
            &format!(
                "validate: 8,000 statements with an error ({} KB)",
                text.len() / 1000
            ),
            || Engine::validate(&text, PolicyKind::Identity),
        );
        println!("  {} findings", problems.len());
    }
    if wanted("variables") {
        let policy = inputs::parse(&inputs::variable_values_policy(1_000));
        let set = inputs::identity_set(&policy);
        let request = inputs::tag_keys_request(1_000);
        measure("authorize: 1,000 variable values x 1,000 values", || {
            authorize(&set, &request)
        });
        measure("evaluate: 1,000 variable values x 1,000 values", || {
            evaluate(&set, &request).decision
        });
    }
    if wanted("sets") {
        let policy = inputs::parse(&inputs::set_values_policy(30_000));
        let set = inputs::identity_set(&policy);
        let request = inputs::tag_keys_request(30_000);
        measure("authorize: ForAllValues 30,000 x 30,000", || {
            authorize(&set, &request)
        });
        measure("evaluate: ForAllValues 30,000 x 30,000", || {
            evaluate(&set, &request).decision
        });
    }
}
