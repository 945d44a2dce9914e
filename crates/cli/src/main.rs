//! `iamplay`: evaluate IAM policy workspaces and validate policies from
//! the command line. The engine of `iamplay-core` does the work; this
//! reads files, prints what it found and chooses the exit status.
//!
//! ```text
//! iamplay eval WORKSPACE.json [--format text|json] [--request N] [--why]
//! iamplay diff BEFORE.json AFTER.json [--actions PATTERN,...] [--principals NAME,...] [--format text|json]
//! iamplay validate POLICY.json [--kind identity|resource|scp|rcp] [--format text|json]
//! iamplay import FILE [--requests REQUESTS.json] [--account ID] [--region R] [-o WORKSPACE.json]
//! iamplay import-aws DETAILS.json [-o WORKSPACE.json]
//! iamplay fmt WORKSPACE.json
//! iamplay help [COMMAND]
//! ```
//!
//! Exit status (each command's `--help` says what it means there): 0
//! done, 1 a request not as expected (eval), a policy with an error
//! (validate) or access gained (diff), 2 malformed input, 3 an output that cannot be written, 141
//! the reader closed standard output or standard error.

#[macro_use]
mod out;

mod actions;
mod args;
mod diff;
mod eval;
mod import;
mod render;
mod report;
mod terminal;
mod validate;

use std::process::ExitCode;

use out::{Out, Status};
use terminal::EscapeControls;

/// Runs the command line `argv` (without the program's name).
fn run(argv: &[String], out: &mut Out<'_>) -> Status {
    let command = match args::parse(argv) {
        Ok(c) => c,
        Err(e) => {
            errln!(out, "iamplay: {}\n\n{}", e.message, args::usage(e.topic))?;
            return Ok(2);
        }
    };
    match command {
        args::Command::Help(topic) => {
            outln!(out, "{}", args::usage(topic))?;
            Ok(0)
        }
        args::Command::Version => {
            outln!(out, "iamplay {}", env!("CARGO_PKG_VERSION"))?;
            Ok(0)
        }
        args::Command::Eval(opts) => eval::run(&opts, out),
        args::Command::Diff(opts) => diff::run(&opts, out),
        args::Command::Validate(opts) => validate::run(&opts, out),
        args::Command::Import(opts) => import::run_import_any(&opts, out),
        args::Command::ImportAws(opts) => import::run_import(&opts, out),
        args::Command::Fmt(path) => import::run_fmt(&path, out),
    }
}

fn main() -> ExitCode {
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    // Nothing from the input drives the terminal: control characters are
    // escaped on the way out (see `terminal`).
    let mut stdout = EscapeControls::new(stdout.lock());
    let mut stderr = EscapeControls::new(stderr.lock());
    let mut out = Out::new(&mut stdout, &mut stderr);
    let argv: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let status = match argv {
        Ok(argv) => run(&argv, &mut out),
        Err(arg) => errln!(
            out,
            "iamplay: the argument `{}` is not valid UTF-8",
            arg.to_string_lossy()
        )
        .map(|()| 2),
    }
    .and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    ExitCode::from(match status {
        Ok(status) => status,
        Err(broken) => out.end(&broken),
    })
}
