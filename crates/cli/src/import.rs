//! `iamplay import` (infrastructure code as a workspace, through
//! `iamplay-import`), `iamplay import-aws` (the output of `aws iam
//! get-account-authorization-details` as a workspace) and `iamplay fmt` (a
//! workspace in the writer's layout).

use iamplay_core::workspace::{
    Workspace, format_workspace, import_authorization_details, load_workspace,
};

use crate::args::{ImportAnyOptions, ImportOptions};
use crate::out::{Out, Status, UNWRITABLE};
use crate::report::{SourceLines, print_diagnostic};
use crate::terminal::one_line;

/// The text of file `path`, or `None` once the reason is said.
fn read(path: &str, out: &mut Out<'_>) -> Result<Option<String>, crate::out::Broken> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            errln!(out, "iamplay: cannot read `{path}`: {e}")?;
            Ok(None)
        }
    }
}

/// Prints every diagnostic of `text` (file `path`) on stderr.
fn print_all(
    path: &str,
    text: &str,
    diagnostics: &[iamplay_core::Diagnostic],
    out: &mut Out<'_>,
) -> Result<(), crate::out::Broken> {
    let source = SourceLines::new(text);
    for d in diagnostics {
        out.with_stderr(|w| print_diagnostic(w, path, &source, d))?;
    }
    Ok(())
}

/// Writes `workspace` to `output`, or to stdout without one: 0, or
/// [`UNWRITABLE`] once the reason is said.
fn emit(workspace: &Workspace, output: Option<&String>, out: &mut Out<'_>) -> Status {
    let written = format_workspace(workspace);
    match output {
        Some(file) => {
            if let Err(e) = std::fs::write(file, written) {
                errln!(out, "iamplay: cannot write `{file}`: {e}")?;
                return Ok(UNWRITABLE);
            }
        }
        None => out!(out, "{written}")?,
    }
    Ok(0)
}

/// Runs `iamplay import-aws`: the workspace goes to stdout or the output
/// file, what was skipped to stderr as notes. Exits 2 on malformed input,
/// 3 when the output file cannot be written.
pub fn run_import(opts: &ImportOptions, out: &mut Out<'_>) -> Status {
    let Some(text) = read(&opts.path, out)? else {
        return Ok(2);
    };
    let imported = match import_authorization_details(&text) {
        Ok(imported) => imported,
        Err(diagnostics) => {
            print_all(&opts.path, &text, &diagnostics, out)?;
            return Ok(2);
        }
    };
    for note in &imported.skipped {
        errln!(out, "{}: note: {}", opts.path, one_line(note))?;
    }
    emit(&imported.workspace, opts.output.as_ref(), out)
}

/// Runs `iamplay import`: the workspace goes to stdout or the output
/// file; what was skipped and the placeholders to stderr as notes, each at
/// its line and column in the source. Exits 2 on malformed input, 3 when
/// the output file cannot be written.
pub fn run_import_any(opts: &ImportAnyOptions, out: &mut Out<'_>) -> Status {
    let Some(text) = read(&opts.path, out)? else {
        return Ok(2);
    };
    let options = iamplay_import::ImportOptions {
        file_name: Some(opts.path.clone()),
        account: opts.account.clone(),
        region: opts.region.clone(),
        stack_name: None,
        parameters: opts.parameters.clone(),
    };
    let mut imported = match iamplay_import::import(&text, &options) {
        Ok(imported) => imported,
        Err(diagnostics) => {
            print_all(&opts.path, &text, &diagnostics, out)?;
            return Ok(2);
        }
    };
    if let Some(path) = &opts.requests {
        let Some(requests) = read(path, out)? else {
            return Ok(2);
        };
        if let Err(diagnostics) = iamplay_import::with_requests(&mut imported.workspace, &requests)
        {
            print_all(path, &requests, &diagnostics, out)?;
            return Ok(2);
        }
    }
    errln!(out, "{}: read as {}", opts.path, imported.format.describe())?;
    for (what, notes) in [
        ("skipped", &imported.skipped),
        ("placeholder", &imported.placeholders),
    ] {
        for note in notes {
            match note.loc {
                Some(loc) => errln!(
                    out,
                    "{}:{}:{}: {what}: {}",
                    opts.path,
                    loc.start.line,
                    loc.start.column,
                    one_line(&note.message)
                )?,
                None => errln!(out, "{}: {what}: {}", opts.path, one_line(&note.message))?,
            }
        }
    }
    emit(&imported.workspace, opts.output.as_ref(), out)
}

/// Runs `iamplay fmt`: prints the workspace as the writer lays it out.
/// Exits 2 when the workspace does not load.
pub fn run_fmt(path: &str, out: &mut Out<'_>) -> Status {
    let Some(text) = read(path, out)? else {
        return Ok(2);
    };
    let loaded = load_workspace(&text);
    print_all(path, &text, &loaded.diagnostics, out)?;
    let Some(workspace) = loaded.workspace else {
        return Ok(2);
    };
    out!(out, "{}", format_workspace(&workspace))?;
    Ok(0)
}
