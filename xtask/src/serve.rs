//! `cargo xtask serve [--port N] [--no-build]`: installs what is missing,
//! builds the page in release mode and serves it on http://127.0.0.1:8080
//! (or port `N`), precompressed files with `Content-Encoding`;
//! `--no-build` serves the `dist/` already built.

use crate::server::Server;
use crate::setup::{self, Needs};
use crate::{site, util};

/// The port the page is served on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// Runs `cargo xtask serve`.
pub fn run(args: &[String]) -> Result<(), String> {
    util::reject_unknown(args, &["--no-build"], &["--port"])?;
    let port = match util::option_value(args, "--port")? {
        Some(text) => text
            .parse::<u16>()
            .map_err(|_| format!("`--port` takes a port number, not `{text}`"))?,
        None => DEFAULT_PORT,
    };
    let dist = if args.iter().any(|arg| arg == "--no-build") {
        site::dist_dir()
    } else {
        site::build(&setup::ensure(Needs { browser: false })?)?
    };
    let server = Server::bind(&dist, port)?;
    let address = server.address()?;
    println!("serving the playground on http://{address}/ (Ctrl-C stops)");
    server.serve();
    Ok(())
}
