//! `cargo xtask serve [--port N]`: installs what is missing, builds the page
//! in release mode and serves it on http://127.0.0.1:8080 (or port `N`).

use crate::server::Server;
use crate::setup::{self, Needs};
use crate::{site, util};

/// The port the page is served on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8080;

/// Runs `cargo xtask serve`.
pub fn run(args: &[String]) -> Result<(), String> {
    util::reject_unknown(args, &[], &["--port"])?;
    let port = match util::option_value(args, "--port")? {
        Some(text) => text
            .parse::<u16>()
            .map_err(|_| format!("`--port` takes a port number, not `{text}`"))?,
        None => DEFAULT_PORT,
    };
    let tools = setup::ensure(Needs { browser: false })?;
    let dist = site::build(&tools)?;
    let server = Server::bind(&dist, port)?;
    let address = server.address()?;
    println!("serving the playground on http://{address}/ (Ctrl-C stops)");
    server.serve();
    Ok(())
}
