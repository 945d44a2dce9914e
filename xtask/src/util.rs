//! Helpers shared by the xtask commands: the project root, where cargo
//! installs tools, and running commands with the tools on `PATH`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (the parent of `xtask/`).
pub fn project_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The folder `cargo install` puts binaries in: `$CARGO_HOME/bin`, by
/// default `~/.cargo/bin`.
///
/// The xtask looks for trunk and wasm-bindgen-cli there and nowhere else, so
/// that a run with an empty `CARGO_HOME` is a faithful cold start.
pub fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// `PATH` with `$CARGO_HOME/bin` first, for the commands the xtask starts
/// (trunk finds `wasm-bindgen` on `PATH`).
pub fn path_with_cargo_bin() -> OsString {
    let mut dirs = vec![cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command with `PATH` set by [`path_with_cargo_bin`], started in the
/// project root.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .env("PATH", path_with_cargo_bin())
        .current_dir(project_root());
    command
}

/// `cargo`, the one that runs the xtask (`$CARGO`), else the one on `PATH`.
pub fn cargo() -> Command {
    command(std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Runs `command` with inherited output, printing it first; an error says
/// which command failed.
pub fn run(command: &mut Command) -> Result<(), String> {
    println!("$ {}", describe(command));
    let status = command
        .status()
        .map_err(|error| format!("cannot start `{}`: {error}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs `command` quietly and returns its standard output when it succeeds.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The first line `program --version` prints, if it runs.
pub fn version_of(program: &Path) -> Option<String> {
    let text = output(command(program).arg("--version"))?;
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_owned)
}

/// The program's path if an executable file called `name` is on `PATH`
/// (with `$CARGO_HOME/bin` first).
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&path_with_cargo_bin())
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// `program arg arg ...`, for messages (`cargo` for the cargo that runs
/// the xtask).
pub fn describe(command: &Command) -> String {
    let program = command.get_program();
    let program = if std::env::var_os("CARGO").as_deref() == Some(program) {
        std::ffi::OsStr::new("cargo")
    } else {
        program
    };
    std::iter::once(program)
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses `--port N` style options: the value after `flag`, if present.
pub fn option_value<'a>(args: &'a [String], flag: &str) -> Result<Option<&'a str>, String> {
    match args.iter().position(|arg| arg == flag) {
        None => Ok(None),
        Some(at) => args
            .get(at + 1)
            .map(|value| Some(value.as_str()))
            .ok_or_else(|| format!("`{flag}` needs a value")),
    }
}

/// Fails on any argument that is not one of `known` (flags, or options
/// that take a value).
pub fn reject_unknown(args: &[String], flags: &[&str], options: &[&str]) -> Result<(), String> {
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if options.contains(&arg.as_str()) {
            rest.next();
        } else if !flags.contains(&arg.as_str()) {
            let mut known: Vec<&str> = flags.to_vec();
            known.extend(options);
            return Err(format!(
                "unknown argument `{arg}` (known: {})",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ));
        }
    }
    Ok(())
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
                .path();
            if path.is_dir() {
                walk(&path, files)?;
            } else {
                files.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    Ok(files)
}
