//! The fuzz targets of the project. Each target is a function from bytes
//! to nothing that panics when the library breaks a promise it makes for
//! every input: no panic, a located error for bad input, answers that agree
//! with each other (the fast `authorize` path and the explained `evaluate`
//! reach the same decision; a workspace written out reads back the same).
//!
//! The AFL binaries in `crates/fuzz/afl` call [`run`] for coverage-guided
//! fuzzing (`cargo xtask fuzz TARGET`); the replay test runs every input
//! committed under `tests/fuzz/TARGET/` through the same functions, so CI
//! checks every crash and slow input ever found without a fuzzer.

mod authorization_details;
mod iac;
mod policy;
mod requests;
mod share_link;
mod workspace;

use std::time::{Duration, Instant};

/// One fuzz target.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// Its name on the command line and its folder under `tests/fuzz/`.
    pub name: &'static str,
    /// What it exercises, one line.
    pub about: &'static str,
    /// The check: panics when a promise is broken.
    pub check: fn(&[u8]),
}

/// Every target.
pub const TARGETS: &[Target] = &[
    Target {
        name: "policy",
        about: "one policy text parsed and linted as every policy kind, then evaluated against a few requests",
        check: policy::check,
    },
    Target {
        name: "workspace",
        about: "a workspace file loaded, every saved request evaluated, written out and read back",
        check: workspace::check,
    },
    Target {
        name: "authorization-details",
        about: "`aws iam get-account-authorization-details` output imported, written out and loaded",
        check: authorization_details::check,
    },
    Target {
        name: "iac",
        about: "a CloudFormation template (YAML or JSON) or Terraform plan given to `iamplay import`",
        check: iac::check,
    },
    Target {
        name: "share-link",
        about: "the fragment of a shared link: `#w1.` packed links and plain `#policy=…` links",
        check: share_link::check,
    },
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// The most one input may cost in an optimized build: anything slower is
/// a finding, the way a crash is (a user pasting it would feel the page
/// freeze).
pub const SLOW_INPUT: Duration = Duration::from_millis(100);

/// Runs `target` on `data` and panics if it took longer than
/// [`SLOW_INPUT`] of this thread's CPU time (so that a busy machine does
/// not turn fast inputs into findings; wall-clock time where the kernel
/// does not say). For optimized fuzzing builds; the replay test calls
/// `check` directly, as debug builds are many times slower.
pub fn run(target: &Target, data: &[u8]) {
    let started = Clock::now();
    (target.check)(data);
    let took = started.elapsed();
    assert!(
        took <= SLOW_INPUT,
        "slow input: target `{}` took {took:?} on {} bytes (limit {SLOW_INPUT:?})",
        target.name,
        data.len()
    );
}

/// Reads what the library reads once per process (AWS's service data and
/// managed policies), so that a fuzzer's timing sees only the input's cost.
pub fn warm_up() {
    let _ = iamplay_catalog::catalog();
    let _ = iamplay_catalog::managed_policies();
}

/// This thread's time on a CPU, read from Linux's
/// `/proc/thread-self/schedstat` (nanoseconds, first field), else the wall
/// clock.
enum Clock {
    Cpu(u64),
    Wall(Instant),
}

impl Clock {
    fn cpu_nanos() -> Option<u64> {
        let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        text.split_ascii_whitespace().next()?.parse().ok()
    }

    fn now() -> Clock {
        Clock::cpu_nanos().map_or_else(|| Clock::Wall(Instant::now()), Clock::Cpu)
    }

    fn elapsed(&self) -> Duration {
        match self {
            Clock::Cpu(start) => {
                Duration::from_nanos(Clock::cpu_nanos().map_or(0, |now| now.saturating_sub(*start)))
            }
            Clock::Wall(start) => start.elapsed(),
        }
    }
}

/// The input as text: fuzzers produce bytes, the library reads UTF-8
/// (invalid sequences become U+FFFD, as a browser's decoder would make them).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}
