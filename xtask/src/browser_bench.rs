//! The browser benchmark of the playground: time from a keystroke in the
//! editor to the updated decision on screen, for the seed scenario and
//! for a workspace of 200 policies; and time from a click on the "signed
//! in with MFA" switch to the access matrix repainted, for 10 users by
//! every `ec2:*` action.
//!
//! Then the first visit (`tests/e2e/load-bench.mjs`): first paint, the
//! decision on screen and the bytes before it, cold in a fresh profile on
//! loopback and throttled to 20 Mbit/s with 40 ms latency, and a page of
//! five `embed.js` embeds until all five show a decision.
//!
//! Builds the release page as `cargo xtask test` does, serves it on a free
//! local port and runs `tests/e2e/bench.mjs` (playwright-core, headless
//! Chromium), which prints the median and 95th percentile of each, then
//! `tests/e2e/load-bench.mjs`, which prints medians.
//! `BENCH_REPETITIONS` (default 200) sets the keystrokes per workspace and
//! the clicks on the matrix; `LOAD_BENCH_RUNS` (default 5) the cold loads.

use crate::server::Server;
use crate::setup::{self, Needs};
use crate::site;
use crate::util::{self, project_root};

/// Runs the browser benchmark.
pub fn run() -> Result<(), String> {
    run_scripts(&["bench.mjs", "load-bench.mjs"])
}

/// Runs the load benchmark alone (`cargo xtask bench --load`).
pub fn run_load() -> Result<(), String> {
    run_scripts(&["load-bench.mjs"])
}

/// Builds and serves the page and runs `scripts` of `tests/e2e` against it.
fn run_scripts(scripts: &[&str]) -> Result<(), String> {
    println!(
        "== browser: keystroke in the editor to the decision on screen, MFA switch to the access matrix (headless Chromium)"
    );
    let tools = setup::ensure(Needs { browser: true })?;
    let browser = tools
        .browser
        .as_ref()
        .ok_or("the browser benchmark needs Chromium, which setup did not provide")?;
    let dist = site::build(&tools)?;
    let server = Server::bind(&dist, 0)?;
    let base_url = format!("http://{}/", server.address()?);
    server.spawn();
    println!("serving {} on {base_url}", dist.display());
    for script in scripts {
        util::run(
            util::command("node")
                .arg(script)
                .current_dir(project_root().join("tests").join("e2e"))
                .env("IAMPLAY_BASE_URL", &base_url)
                .env("CHROMIUM", &browser.chromium),
        )?;
    }
    Ok(())
}
