//! Parse errors and lint findings as Monaco markers: squiggles at the
//! finding's exact location, listed in the hover and the problems list.

use iamplay_core::{Diagnostic, Severity};
use js_sys::Array;
use monaco::sys::MarkerSeverity;
use monaco::sys::editor::{ITextModel, set_model_markers};

use super::js::Bag;

/// The owner of the editor's markers (Monaco keeps each owner's markers
/// apart).
pub(crate) const OWNER: &str = "iamplay";

/// The marker severity of a finding: errors stay errors, security
/// warnings and warnings are warnings, suggestions are information.
pub(crate) fn severity(severity: Severity) -> MarkerSeverity {
    match severity {
        Severity::Error => MarkerSeverity::Error,
        Severity::SecurityWarning | Severity::Warning => MarkerSeverity::Warning,
        Severity::Suggestion => MarkerSeverity::Info,
    }
}

/// The text of a finding's marker: the message, then the hint on its own
/// line; security warnings say so, since they share the warning colour.
pub(crate) fn message(diagnostic: &Diagnostic) -> String {
    let mut text = String::new();
    if diagnostic.severity == Severity::SecurityWarning {
        text.push_str("security: ");
    }
    text.push_str(&diagnostic.message);
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

/// Replaces the editor's markers on `model` with `diagnostics`. Their
/// locations are 1-based lines and UTF-16 columns, as Monaco counts; an
/// empty range is widened by Monaco to the word (or character) there.
pub(crate) fn show(model: &ITextModel, diagnostics: &[Diagnostic]) {
    let markers: Array = diagnostics
        .iter()
        .map(|diagnostic| {
            let loc = diagnostic.loc;
            Bag::new()
                .with("severity", severity(diagnostic.severity).to_value())
                .with("message", message(diagnostic))
                .with("code", diagnostic.code.as_str())
                .with("source", "iamplay")
                .with("startLineNumber", loc.start.line)
                .with("startColumn", loc.start.column)
                .with("endLineNumber", loc.end.line)
                .with("endColumn", loc.end.column)
                .build()
        })
        .collect();
    set_model_markers(model, OWNER, &markers);
}

/// Removes the editor's markers from `model`.
pub(crate) fn clear(model: &ITextModel) {
    set_model_markers(model, OWNER, &Array::new());
}

#[cfg(test)]
mod tests {
    use super::*;
    use iamplay_core::Loc;

    #[test]
    fn severities_map_to_monaco() {
        assert_eq!(severity(Severity::Error), MarkerSeverity::Error);
        assert_eq!(severity(Severity::SecurityWarning), MarkerSeverity::Warning);
        assert_eq!(severity(Severity::Warning), MarkerSeverity::Warning);
        assert_eq!(severity(Severity::Suggestion), MarkerSeverity::Info);
    }

    #[test]
    fn the_message_carries_the_hint() {
        let finding = Diagnostic::new(
            Severity::SecurityWarning,
            iamplay_core::Code::NotPrincipalWithAllow,
            "`NotPrincipal` with `Allow` grants to everyone not listed",
            Loc::default(),
        )
        .with_help("use `Principal` instead");
        assert_eq!(
            message(&finding),
            "security: `NotPrincipal` with `Allow` grants to everyone not listed\n\
             help: use `Principal` instead"
        );
    }
}
