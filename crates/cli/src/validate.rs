//! `iamplay validate`: check one policy document.

use iamplay_core::{Code, Engine, Problem, Severity};

use crate::args::{Format, ValidateOptions};
use crate::out::{Out, Status};
use crate::report::{SourceLines, print_diagnostic};

/// The exit status for a policy's problems: 2 when the text is not JSON
/// at all (it is not a policy document to check), 1 when a problem is an
/// error (AWS would reject the policy, or a statement can never work as
/// written), else 0.
pub fn status_of(problems: &[Problem]) -> u8 {
    if problems.iter().any(|p| p.code == Code::JsonSyntax) {
        2
    } else if problems.iter().any(Problem::is_error) {
        1
    } else {
        0
    }
}

/// Runs `iamplay validate`.
pub fn run(opts: &ValidateOptions, out: &mut Out<'_>) -> Status {
    let text = match std::fs::read_to_string(&opts.path) {
        Ok(t) => t,
        Err(e) => {
            errln!(out, "iamplay: cannot read `{}`: {e}", opts.path)?;
            return Ok(2);
        }
    };
    let problems = Engine::validate(&text, opts.kind);
    if opts.format == Format::Json {
        match serde_json::to_string_pretty(&problems) {
            Ok(s) => outln!(out, "{s}")?,
            Err(e) => errln!(out, "iamplay: {e}")?,
        }
    } else {
        let source = SourceLines::new(&text);
        for p in &problems {
            out.with_stderr(|w| print_diagnostic(w, &opts.path, &source, &p.diagnostic()))?;
        }
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        outln!(
            out,
            "{}: {} error(s), {} other finding(s)",
            opts.path,
            errors,
            problems.len() - errors
        )?;
    }
    Ok(status_of(&problems))
}
