//! `iamplay import-aws` (the output of `aws iam get-account-authorization-details`
//! as a workspace) and `iamplay fmt` (a workspace in the writer's layout).

use iamplay_core::workspace::{format_workspace, import_authorization_details, load_workspace};

use crate::args::ImportOptions;
use crate::report::print_diagnostic;

fn read(path: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("iamplay: cannot read `{path}`: {e}");
            None
        }
    }
}

/// Runs `iamplay import-aws`: the workspace goes to stdout or the output
/// file, what was skipped to stderr as notes. Exits 2 on malformed input.
pub fn run_import(opts: &ImportOptions) -> u8 {
    let Some(text) = read(&opts.path) else {
        return 2;
    };
    let imported = match import_authorization_details(&text) {
        Ok(imported) => imported,
        Err(diagnostics) => {
            for d in &diagnostics {
                print_diagnostic(&opts.path, &text, d);
            }
            return 2;
        }
    };
    for note in &imported.skipped {
        eprintln!("{}: note: {note}", opts.path);
    }
    let written = format_workspace(&imported.workspace);
    match &opts.output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, written) {
                eprintln!("iamplay: cannot write `{out}`: {e}");
                return 2;
            }
        }
        None => out!("{written}"),
    }
    0
}

/// Runs `iamplay fmt`: prints the workspace as the writer lays it out.
/// Exits 2 when the workspace does not load.
pub fn run_fmt(path: &str) -> u8 {
    let Some(text) = read(path) else {
        return 2;
    };
    let loaded = load_workspace(&text);
    for d in &loaded.diagnostics {
        print_diagnostic(path, &text, d);
    }
    let Some(workspace) = loaded.workspace else {
        return 2;
    };
    out!("{}", format_workspace(&workspace));
    0
}
