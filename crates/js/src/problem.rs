//! Problems as the JavaScript API reports them: a diagnostic flattened to
//! a message with a line and column, plus which text those count in.

use iamplay_core::workspace::Document;
use iamplay_core::workspace::resolve::relocate;
use iamplay_core::{Code, Diagnostic, LineIndex, Loc, Severity};
use serde::Serialize;

/// The text a problem's line and column count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The policy given to `validate`.
    Policy,
    /// The workspace given to `evaluate` or `explain`.
    Workspace,
    /// The request given to `evaluate` or `explain`.
    Request,
    /// The text of the policy named by [`Problem::policy`]: a document
    /// written as a string, or an AWS managed policy from the catalog.
    Document,
    /// None: the problem is with an argument as a whole (its type, a
    /// request index out of range); the position is 1:1.
    Arguments,
}

/// One problem: a parse error, a lint finding, or a problem with the
/// arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// How serious it is; `error` makes the result's `ok` false.
    pub severity: Severity,
    /// A stable kebab-case identifier, e.g. `unknown-element`.
    pub code: Code,
    /// What is wrong: lowercase, no final period.
    pub message: String,
    /// The line of the first character, from 1.
    pub line: u32,
    /// The column of the first character, from 1, in UTF-16 code units.
    pub column: u32,
    /// The line just past the last character.
    pub end_line: u32,
    /// The column just past the last character.
    pub end_column: u32,
    /// How to fix it, when there is a hint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text `line` and `column` count in.
    pub source: Source,
    /// The name of the policy the problem is in, inside a workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

impl Problem {
    /// A diagnostic located in `source`.
    pub fn at(d: &Diagnostic, source: Source) -> Problem {
        Problem::located(d, d.loc, source, None)
    }

    /// A diagnostic of a workspace document: moved into the workspace or
    /// request text when the document was written there as an object
    /// (`text` is that text), else left in the document's own text.
    pub fn in_document(
        d: &Diagnostic,
        policy: &str,
        document: Option<&Document>,
        text: &LineIndex<'_>,
        source: Source,
    ) -> Problem {
        let (loc, source) = match document {
            Some(doc) if doc.file_offset.is_some() => (relocate(d.loc, doc, text), source),
            _ => (d.loc, Source::Document),
        };
        Problem::located(d, loc, source, Some(policy.to_owned()))
    }

    fn located(d: &Diagnostic, loc: Loc, source: Source, policy: Option<String>) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            line: loc.start.line,
            column: loc.start.column,
            end_line: loc.end.line,
            end_column: loc.end.column,
            help: d.help.clone(),
            source,
            policy,
        }
    }

    /// A problem not tied to a place in a text: at 1:1 of `source`.
    pub fn general(severity: Severity, code: Code, message: String, source: Source) -> Problem {
        Problem {
            severity,
            code,
            message,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            help: None,
            source,
            policy: None,
        }
    }

    /// An error with the arguments themselves.
    pub fn argument(code: Code, message: String) -> Problem {
        Problem::general(Severity::Error, code, message, Source::Arguments)
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_help(mut self, help: String) -> Problem {
        self.help = Some(help);
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
