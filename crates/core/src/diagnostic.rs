//! Problems found in a policy or workspace: parse errors and lint findings.

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::source::Loc;

/// How serious a finding is.
///
/// `Error` findings from parsing make a policy unusable (AWS would reject
/// it); the others are advice, and the policy still evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// AWS would reject the document, or it can never work as written.
    Error,
    /// The document grants more than it seems to.
    SecurityWarning,
    /// Probably a mistake.
    Warning,
    /// A better way to write it.
    Suggestion,
}

impl Severity {
    /// The lowercase name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

/// One problem, with where it is and what to do about it.
///
/// Messages are lowercase sentences without a final period; user input is
/// quoted in backticks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable identifier, written in kebab-case, e.g. `unknown-element`.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// Where it is.
    pub loc: Loc,
    /// An optional hint on how to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `loc`.
    pub fn error(code: Code, message: impl Into<String>, loc: Loc) -> Self {
        Self::new(Severity::Error, code, message, loc)
    }

    /// A finding of any severity at `loc`.
    pub fn new(severity: Severity, code: Code, message: impl Into<String>, loc: Loc) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            loc,
            help: None,
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.loc.start.line,
            self.loc.start.column,
            self.severity.as_str(),
            self.message
        )
    }
}

/// Sorts `diagnostics` by where they start, then by severity, keeping
/// the order of ties: the one order in which a document's problems are
/// listed (one function, so the build carries one copy of the sort).
pub fn sort_by_place(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.loc.span.start, d.severity));
}
