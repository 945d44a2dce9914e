//! `iamplay`: evaluate IAM policy workspaces and validate policies from
//! the command line.
//!
//! ```text
//! iamplay eval WORKSPACE.json [--format text|json] [--request N]
//! iamplay validate POLICY.json [--kind identity|resource|scp|rcp]
//! iamplay import-aws DETAILS.json [-o WORKSPACE.json]
//! iamplay fmt WORKSPACE.json
//! ```
//!
//! Exit status: 0 when every request gives its expected decision, 1 when
//! one does not, 2 when the input is malformed.

/// `print!` that ignores a closed pipe (`iamplay eval ... | head`) instead
/// of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `println!` that ignores a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod args;
mod eval;
mod import;
mod render;
mod report;
mod validate;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&argv) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("iamplay: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let status = match command {
        args::Command::Help => {
            println!("{}", args::USAGE);
            0
        }
        args::Command::Version => {
            println!("iamplay {}", env!("CARGO_PKG_VERSION"));
            0
        }
        args::Command::Eval(opts) => eval::run(&opts),
        args::Command::Validate(opts) => validate::run(&opts),
        args::Command::ImportAws(opts) => import::run_import(&opts),
        args::Command::Fmt(path) => import::run_fmt(&path),
    };
    ExitCode::from(status)
}
