//! `iamplay validate`: check one policy document.

use iamplay_core::{Severity, parse_policy};

use crate::args::{Format, ValidateOptions};
use crate::report::print_diagnostic;

/// Runs `iamplay validate`.
pub fn run(opts: &ValidateOptions) -> u8 {
    let text = match std::fs::read_to_string(&opts.path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("iamplay: cannot read `{}`: {e}", opts.path);
            return 2;
        }
    };
    let parsed = parse_policy(&text, opts.kind);
    let mut diagnostics = parsed.diagnostics.clone();
    if let Some(policy) = &parsed.policy {
        diagnostics.extend(iamplay_core::lint::lint_policy(policy, opts.kind));
    }
    diagnostics.sort_by_key(|d| (d.loc.start, d.severity));
    if opts.format == Format::Json {
        match serde_json::to_string_pretty(&diagnostics) {
            Ok(s) => outln!("{s}"),
            Err(e) => eprintln!("iamplay: {e}"),
        }
    } else {
        for d in &diagnostics {
            print_diagnostic(&opts.path, &text, d);
        }
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        outln!(
            "{}: {} error(s), {} other finding(s)",
            opts.path,
            errors,
            diagnostics.len() - errors
        );
    }
    if parsed.policy.is_some() { 0 } else { 1 }
}
